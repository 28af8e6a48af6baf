"""The airvault plugin: the Backups page (a FastAPI app at /airvault, see
airvault.airflow.page.app) and its entry in the Airflow navigation."""

from airflow.plugins_manager import AirflowPlugin

from airvault.airflow.page.app import app


class AirvaultPlugin(AirflowPlugin):
    name = "airvault"
    fastapi_apps = [{"app": app, "url_prefix": "/airvault", "name": "airvault backups"}]
    external_views = [
        {
            "name": "Backups",
            "href": "/airvault/",
            "destination": "nav",
            "category": "browse",
            "url_route": "backups",
        }
    ]
