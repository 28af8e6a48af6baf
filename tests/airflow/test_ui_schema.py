"""The Backups page's OpenAPI schema: every JSON endpoint declares what it answers (a pydantic
model, so the React app's types say it too), and the committed schema and TypeScript types
(ui/openapi.json, ui/src/api/schema.d.ts) are what the app and openapi-typescript make of it
now: an endpoint or a model changed without `make ui-types` fails here, not in a browser."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from fastapi.routing import APIRoute
from pydantic import BaseModel

from airvault.airflow.page.app import app
from scripts.ui_schema import ROOT, SCHEMA, schema_text

UI = ROOT / "ui"
GENERATOR = UI / "node_modules" / ".bin" / "openapi-typescript"
# what answers a file, not JSON: the page, its scripts, the React bundle, a job's result
FILES = {"/", "/restore_wizard.js", "/imports.js", "/jobs.js", "/ui/airvault.js"}
FILES |= {"/api/jobs/download", "/schedules.js", "/api/download", "/api/download/sha256"}


def test_every_json_endpoint_has_a_response_model_in_the_schema():
    schema = app.openapi()
    routes = [r for r in app.routes if isinstance(r, APIRoute) and r.include_in_schema]
    json_routes = [r for r in routes if r.path not in FILES]
    assert len(json_routes) >= 25 and {r.path for r in routes} >= FILES
    missing = []
    for route in json_routes:
        model = route.response_model
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            missing.append(f"{sorted(route.methods)} {route.path}: {model!r}")
            continue
        for method in route.methods:
            answer = schema["paths"][route.path][method.lower()]["responses"]["200"]
            ref = answer["content"]["application/json"]["schema"]["$ref"]
            assert ref == f"#/components/schemas/{model.__name__}", route.path
    assert missing == []
    # the schema is served behind the login, never at FastAPI's open default
    assert app.openapi_url is None and "/api/openapi.json" not in schema["paths"]


def test_the_committed_schema_and_types_match_the_app(tmp_path):
    assert json.loads(SCHEMA.read_text()) == json.loads(schema_text()), (
        "ui/openapi.json differs from the app's schema: run `make ui-types`"
    )
    if not GENERATOR.exists() or not shutil.which("node"):
        pytest.skip("no ui/node_modules (npm missing at `make install`): the types are not checked")
    generated = tmp_path / "schema.d.ts"
    subprocess.run([str(GENERATOR), str(SCHEMA), "-o", str(generated)], cwd=UI, check=True,
                   capture_output=True, timeout=60)  # fmt: skip
    committed = UI / "src" / "api" / "schema.d.ts"
    assert committed.read_text() == generated.read_text(), (
        "ui/src/api/schema.d.ts differs from what openapi-typescript makes of ui/openapi.json: "
        "run `make ui-types`"
    )
