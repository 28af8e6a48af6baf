# airvault on the official Airflow image: the image of every Airflow service in docker-compose.yaml
# (api-server, scheduler, dag-processor, triggerer, Celery workers) and of the demo-db seeding job.
#
# The full image, not the slim one: the CeleryExecutor needs the Celery and Redis providers, which
# the full image ships with its own constraints and which constraints.txt does not pin.
# The Airflow version here must equal the apache-airflow pin in constraints.txt (a test checks it).

# The React app in Airflow's UI (ui/), built as `make install` builds it: npm ci from the lock,
# then the library build, which writes include/airvault/airflow/page/static/ui/airvault.js.
FROM node:20-bookworm-slim AS ui
WORKDIR /src/ui
COPY ui/package.json ui/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY ui/ ./
RUN npm run build

FROM apache/airflow:3.3.2-python3.11

# Where the project lives in the image: dags/, plugins/, include/ (installed editable, so
# airvault.config finds airvault.yaml beside it) and deploy/ (the compose config).
ENV AIRVAULT_HOME=/opt/airvault
USER root
RUN mkdir -p "${AIRVAULT_HOME}" && chown airflow:0 "${AIRVAULT_HOME}"
USER airflow
WORKDIR ${AIRVAULT_HOME}

# What runs, pinned as `make install` pins it: requirements.txt with the lock constraints.txt
# (not _PIP_ADDITIONAL_REQUIREMENTS, which reinstalls on every start). The test and lint tools
# of requirements-dev.txt stay out of the image (tests/test_packaging.py).
# A layer of its own, so changing the code does not reinstall them.
COPY --chown=airflow:0 requirements.txt constraints.txt ${AIRVAULT_HOME}/
RUN pip install --no-cache-dir -r requirements.txt -c constraints.txt

# The project itself: its dependencies are all in the layer above.
COPY --chown=airflow:0 pyproject.toml airvault.yaml ${AIRVAULT_HOME}/
COPY --chown=airflow:0 include/ ${AIRVAULT_HOME}/include/
COPY --chown=airflow:0 --from=ui /src/include/airvault/airflow/page/static/ui/ ${AIRVAULT_HOME}/include/airvault/airflow/page/static/ui/
RUN pip install --no-cache-dir --no-deps -e .
COPY --chown=airflow:0 dags/ ${AIRVAULT_HOME}/dags/
COPY --chown=airflow:0 plugins/ ${AIRVAULT_HOME}/plugins/
COPY --chown=airflow:0 deploy/ ${AIRVAULT_HOME}/deploy/
# The Backups page's schedule edits (schedule_edits in the config, beside it): a volume there,
# shared by the api-server that writes them and the dag-processor that reads them, owned by
# airflow as this folder is
RUN mkdir -p ${AIRVAULT_HOME}/deploy/.airvault && chown airflow:0 ${AIRVAULT_HOME}/deploy/.airvault

ENV AIRFLOW__CORE__DAGS_FOLDER=${AIRVAULT_HOME}/dags \
    AIRFLOW__CORE__PLUGINS_FOLDER=${AIRVAULT_HOME}/plugins \
    AIRVAULT_CONFIG=${AIRVAULT_HOME}/airvault.yaml

WORKDIR /opt/airflow
