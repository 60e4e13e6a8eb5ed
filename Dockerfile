# The warehouse's ETL and docs image (used by docker-compose.yml): `cmw` installed from
# its wheel, as on a server, with no source tree in the image. The documents to ingest
# are mounted (docker-compose.yml mounts ./seeds at /app/seeds).
FROM python:3.11-slim AS wheel
WORKDIR /src
COPY pyproject.toml README.md ./
COPY etl ./etl
COPY dbt_project ./dbt_project
COPY migrations ./migrations
COPY reference ./reference
RUN pip wheel --no-cache-dir --no-deps --wheel-dir /wheels .

FROM python:3.11-slim
RUN --mount=type=bind,from=wheel,source=/wheels,target=/wheels \
    pip install --no-cache-dir /wheels/*.whl
# dbt's artifacts and the docs site (a volume shared by the etl, docs and scheduler services).
ENV CMW_HOME=/var/lib/cmw
WORKDIR /app
ENTRYPOINT ["cmw"]
CMD ["--help"]
