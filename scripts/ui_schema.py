"""Write the Backups page's OpenAPI schema (the FastAPI app's `app.openapi()`) to ui/openapi.json,
from which `npm run types` generates the React app's types (ui/src/api/schema.d.ts). Run by
`make ui-types`; tests/airflow/test_ui_schema.py fails when the committed files differ from the app."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "ui" / "openapi.json"


def schema_text() -> str:
    """The schema as committed: keys in the app's order, two-space indents, a final newline."""
    from airvault.airflow.page.app import app

    return json.dumps(app.openapi(), indent=2, ensure_ascii=False) + "\n"


def main() -> int:
    SCHEMA.write_text(schema_text())
    print(f"wrote {SCHEMA.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
