# The warehouse's ETL and docs image (used by docker-compose.yml).
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md alembic.ini ./
COPY etl ./etl
COPY migrations ./migrations
COPY dbt_project ./dbt_project
COPY seeds ./seeds
RUN pip install --no-cache-dir -e .
# dbt's artifacts and the docs site (a volume shared by the etl, docs and scheduler services).
ENV CMW_HOME=/var/lib/cmw
ENTRYPOINT ["cmw"]
CMD ["--help"]
