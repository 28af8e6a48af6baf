"""The Backups page's FastAPI app, which the `airvault` plugin mounts at /airvault in Airflow's
api-server: the same-origin check on every route (auth.py), one router per area (routes/),
and /metrics as a plain route with its own scraper auth. Who may do what: auth.py.

Actions go through Airflow's REST API as the caller (calls.py), so Airflow records who
triggered the run and applies its own authorization too. The answers' models (models.py)
make the OpenAPI schema, served at /airvault/api/openapi.json behind the same login, from
which the React app in Airflow's UI (ui/) gets its types."""

from __future__ import annotations

from fastapi import Depends, FastAPI

from airvault.airflow.page.auth import same_origin
from airvault.airflow.page.routes import (
    backups,
    dags,
    deletions,
    downloads,
    exports,
    imports,
    jobs,
    metrics,
    pins,
    restore,
    schedule_settings,
    schedules,
    status,
    timeline,
    ui,
    uploads,
)

app = FastAPI(
    title="airvault backups",
    summary="The Backups page's endpoints, mounted at /airvault in Airflow's api-server",
    servers=[{"url": "/airvault"}],
    docs_url=None,
    redoc_url=None,
    openapi_url=None,  # served by routes/ui.py, behind the login
    dependencies=[Depends(same_origin)],
)
for area in (
    backups,
    status,
    schedules,
    schedule_settings,
    restore,
    uploads,
    imports,
    exports,
    jobs,
    deletions,
    pins,
    downloads,
    dags,
    timeline,
    ui,
):
    app.include_router(area.router)
app.add_route("/metrics", metrics.metrics, methods=["GET"])
