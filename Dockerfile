# The warehouse's ETL and docs image (used by docker-compose.yml).
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md alembic.ini ./
COPY etl ./etl
COPY migrations ./migrations
COPY dbt_project ./dbt_project
COPY seeds ./seeds
RUN pip install --no-cache-dir -e .
ENTRYPOINT ["cmw"]
CMD ["--help"]
