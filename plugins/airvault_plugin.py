"""The airvault plugin: the Backups page's FastAPI app at /airvault (airvault.airflow.page.app)
and the React app in Airflow's own UI, built from ui/ into the app's static/ui/airvault.js:
"Backups" in the navigation (Browse) and as a tab on every DAG's page (the same component:
Airflow passes it the DAG's id), and "Backup status" on Airflow's home page. The names are
the globalThis keys ui/src/main.tsx sets. The full-function page stays at /airvault/, which
the React app links to for the actions it does not carry yet."""

from airflow.plugins_manager import AirflowPlugin

from airvault.airflow.page.app import app

BUNDLE = "/airvault/ui/airvault.js"


class AirvaultPlugin(AirflowPlugin):
    name = "airvault"
    fastapi_apps = [{"app": app, "url_prefix": "/airvault", "name": "airvault backups"}]
    react_apps = [
        {
            "name": "Backups",
            "bundle_url": BUNDLE,
            "destination": "nav",
            "category": "browse",
            "url_route": "backups",  # /plugin/backups, where Browse -> Backups always was
        },
        {
            "name": "Backups",
            "bundle_url": BUNDLE,
            "destination": "dag",
            "url_route": "airvault-backups",
        },
        {
            "name": "Backup status",
            "bundle_url": BUNDLE,
            "destination": "dashboard",
            "url_route": "backup-status",
        },
    ]
