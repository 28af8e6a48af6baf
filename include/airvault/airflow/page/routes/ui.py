"""The React app's bundle (built from ui/ into static/ui/, what the plugin's react_apps
`bundle_url` names: Airflow's UI import()s it) and the OpenAPI schema of every endpoint, from
which the app's TypeScript types are generated. Behind the same login as the endpoints."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse

from airvault.airflow.page.auth import User
from airvault.airflow.page.storage import ASSETS

router = APIRouter()
BUNDLE = ASSETS / "static" / "ui" / "airvault.js"


@router.get("/ui/airvault.js", response_class=FileResponse)
def bundle(user: User) -> FileResponse:
    if not BUNDLE.is_file():
        raise HTTPException(404, f"the React app is not built: run `make install` ({BUNDLE})")
    # no-cache: the browser asks again (and gets 304) so a new build shows without a stale copy
    return FileResponse(BUNDLE, media_type="text/javascript", headers={"Cache-Control": "no-cache"})


@router.get("/api/openapi.json", include_in_schema=False)
def openapi(user: User, request: Request) -> dict:
    """The OpenAPI schema of the page's endpoints (scripts/ui_schema.py writes it to
    ui/openapi.json, which the React app's types are generated from)."""
    return request.app.openapi()
