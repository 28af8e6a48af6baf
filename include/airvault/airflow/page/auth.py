"""Who may do what on the Backups page (the Airflow role decides, asked of the auth manager,
never by role name; see docs/api.md, "The Backups page's endpoints", and docs/security.md,
"Roles"):
- every endpoint needs an Airflow user: a bearer token or the UI's session cookie, read on
  every request (401 without one, or once it expired; Airflow's 403 for a bad one); only
  /metrics also takes the scraper token of monitoring.metrics (routes/metrics.py);
- listing needs read access to runs of `restore`; a viewer may list, never download;
- download links need the right to trigger `restore` (what a restore could read anyway);
  every other action the right to trigger its DAG: a viewer gets 403 for all of them;
- values (an import's rejected rows, a failed task's error text, which may quote data) need
  the same right as downloading them: a viewer reads counts and states only;
- a state-changing request (POST) must come from this Airflow: an Origin or Referer naming
  another site is refused (403), and one authenticated by the session cookie must carry an
  `X-Requested-With` header, which the page sends and a cross-site form cannot (403 without).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated
from urllib.parse import urlsplit

from airflow.api_fastapi.app import get_auth_manager
from airflow.api_fastapi.auth.managers.models.base_user import BaseUser
from airflow.api_fastapi.auth.managers.models.resource_details import DagAccessEntity, DagDetails
from airflow.api_fastapi.core_api.security import get_user
from fastapi import Depends, HTTPException, Request

if TYPE_CHECKING:
    from airflow.api_fastapi.auth.managers.base_auth_manager import ResourceMethod

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
PAGE_HEADER = "X-Requested-With"  # sent by the page's fetch(); a cross-site form cannot send it

User = Annotated[BaseUser, Depends(get_user)]


def _origin(url: str | None) -> str | None:
    """scheme://host[:port] of a URL; 'null' (an opaque origin) stays 'null'."""
    if not url:
        return None
    if url == "null":
        return url
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower() if parts.scheme and parts.netloc else url


def same_origin(request: Request, user: User) -> None:
    """Cross-site request protection beyond the browser's SameSite default (a sibling
    subdomain is "same site" and gets the cookie): state-changing requests must come from
    this Airflow and, when the session cookie authenticates them, carry PAGE_HEADER."""
    if request.method in SAFE_METHODS:
        return
    from airflow.configuration import conf

    source = _origin(request.headers.get("origin")) or _origin(request.headers.get("referer"))
    own = {_origin(conf.get("api", "base_url", fallback="") or None)}
    own |= {f"{scheme}://{request.headers.get('host', '')}".lower() for scheme in ("http", "https")}
    if source is not None and source not in own:
        raise HTTPException(
            403, f"cross-site request refused: it comes from {source[:100]}, not this Airflow"
        )
    bearer = request.headers.get("authorization", "").lower().startswith("bearer ")
    if not bearer and not request.headers.get(PAGE_HEADER):
        raise HTTPException(
            403,
            f"request refused: a request with the session cookie must carry the {PAGE_HEADER} "
            "header the Backups page sends (a cross-site form cannot); scripts use a bearer token",
        )


def allowed(
    user: BaseUser,
    dag_id: str,
    method: ResourceMethod,
    entity: DagAccessEntity | None = DagAccessEntity.RUN,
) -> bool:
    """Whether the user's role allows `method` on the runs of `dag_id` (entity None: on the
    DAG itself, e.g. PUT to pause it)."""
    return get_auth_manager().is_authorized_dag(
        method=method, access_entity=entity, details=DagDetails(id=dag_id), user=user
    )


def require(user: BaseUser, dag_id: str, method: ResourceMethod, doing: str | None = None) -> None:
    """403 naming the right the user lacks, unless `allowed`."""
    if not allowed(user, dag_id, method):
        verb = "trigger" if method == "POST" else "read"
        why = f"{doing}: that needs the right to {verb} runs of {dag_id}" if doing else ""
        raise HTTPException(
            403, f"user '{user.get_name()}' may not {why or f'{verb} runs of {dag_id}'}"
        )


def may_see_values(user: BaseUser, dag_id: str) -> bool:
    """Whether the user may read what a run of `dag_id` read or wrote: rows, rejects, error
    text that may quote them. That takes what downloading the result takes, the right to
    trigger the DAG; a reader of its runs gets counts and states only."""
    return allowed(user, dag_id, "POST")


def may_trigger(dag_id: str, doing: str | None = None):
    """A route dependency: the role check runs before the body is validated, so a viewer
    gets 403 for an action whatever it sends."""

    def check(user: User) -> None:
        require(user, dag_id, "POST", doing)

    return Depends(check)
