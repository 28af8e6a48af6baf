"""Confinement: a location a request names (a DAG Param, REST conf, a page request) as exactly
one object of the expected kind under the installation's storage root.

Every entry point that takes a storage location from a user goes through `confine()`:
the operators (their Params and REST conf), the Backups page and the hook. The rules, each
refused before anything is opened, with an error that names the parameter and the rule and
never the content of anything read:

- only the root's own scheme, and for s3:// only the storage's own Airflow connection (a
  URL must never borrow another connection's credentials); no password in a URL;
- no absolute path outside the root, no `..`, no path that only becomes one after
  percent-decoding (`%2e%2e`) or Unicode normalisation (NFKC: `‥`, `．．`), no backslash,
  no control character;
- no symbolic link leading out of a local root;
- the shape of the kind asked for: a backup folder, an archive, an uploaded backup, an
  import file (`imports/uploads/<file>` or `imports/incoming/<table>/<file>`).

The CLI is the disaster-recovery path of someone at the machine's terminal: it still opens
any backup URL or folder it is given (storage/uploads.open_backup).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from urllib.parse import unquote

from airvault.errors import AirvaultError
from airvault.storage.store import Store, split_s3_url

# kind -> (the shapes it may have, each a tuple of fixed leading segments and a total length)
SHAPES: dict[str, tuple[tuple[tuple[str, ...], int], ...]] = {
    "backup": ((("backups",), 4),),
    "archive": ((("archives",), 2),),
    "upload": ((("uploads",), 2),),
    "import": (
        (("imports", "uploads"), 3),
        (("imports", "incoming"), 3),
        (("imports", "incoming"), 4),
    ),
}
SHOWN = {
    "backup": "backups/<kind>/<scope>/<folder>",
    "archive": "archives/<folder>",
    "upload": "uploads/<id>",
    "import": "imports/uploads/<file> or imports/incoming/[<table>/]<file>",
}


class NotInStorage(AirvaultError):
    """A location that is not one object of the expected kind under the storage root."""


def _shown(text: str) -> str:
    return repr(text if len(text) <= 200 else text[:200] + "...")


def _decoded(text: str) -> str:
    """`text` as the most lenient reader could take it: percent-decoded and NFKC-normalised
    until neither changes it (`%252e`, a fullwidth `％2e`, `‥` U+2025, `．` U+FF0E)."""
    while (plain := unicodedata.normalize("NFKC", unquote(text))) != text:
        text = plain
    return text


def dot_lookalike(part: str) -> bool:
    """Whether a path segment would read as `.` or `..`, or hold one between slashes or
    backslashes, to a layer that decodes it (a URL parser, a proxy, another store): refused
    rather than trusted to stay literal all the way down. Honest percent-encoded names
    (a module scope `My%20Module`) stay allowed."""
    return any(p in (".", "..") for p in re.split(r"[/\\]", _decoded(part)))


def _segments(path: str, given: str, param: str) -> list[str]:
    """The segments of `path` (no empty or `.` ones); `..` and its disguises are refused."""
    parts = [p for p in path.split("/") if p not in ("", ".")]
    if ".." in parts:
        raise NotInStorage(f"{param}: {_shown(given)}: '..' is not allowed in a storage path")
    if (lookalike := next(filter(dot_lookalike, parts), None)) is not None:
        raise NotInStorage(
            f"{param}: {_shown(given)}: {_shown(lookalike)} reads as '..' or '.' once "
            "percent-decoded and NFKC-normalised: a look-alike of '..' is not allowed"
        )
    return parts


def _below(path: str, root_path: str, given: str, root_url: str, param: str) -> str:
    parts, base = _segments(path, given, param), _segments(root_path, root_url, "storage.root")
    if parts[: len(base)] != base:
        raise NotInStorage(f"{param}: {_shown(given)} is not under the storage root {root_url}")
    return "/".join(parts[len(base) :])


def _relative(
    root: Store, text: str, storage_conn: str | None, param: str, absolute_paths: bool
) -> str:
    """`text` (a URL under the root, a local absolute path there when `absolute_paths`, or
    a path relative to the root) as a normalised path relative to the root."""
    scheme, sep, rest = text.partition("://")
    if not sep and text.startswith("/") and not absolute_paths:
        raise NotInStorage(
            f"{param}: {_shown(text)} is an absolute path: give the URL as listed "
            f"({root.url}/...) or a path relative to the storage root"
        )
    if sep and "@" in rest.split("/", 1)[0] and ":" in rest.split("@", 1)[0]:
        raise NotInStorage(
            f"{param}: a {scheme}:// URL with a password is refused: storage is read through "
            "the Airflow connection the config names, never with credentials in a URL"
        )
    if sep and scheme not in ("file", "s3"):
        raise NotInStorage(f"{param}: {_shown(text)}: unsupported URL scheme '{scheme}://'")
    if sep and scheme == "s3":
        if root.is_local:
            raise NotInStorage(f"{param}: {_shown(text)} is not under the storage root {root.url}")
        conn, path = split_s3_url(text)
        root_conn, root_path = split_s3_url(root.url)
        root_conn = root_conn or storage_conn
        if conn is not None and conn != root_conn:
            uses = f"'{root_conn}'" if root_conn else "none"
            raise NotInStorage(
                f"{param}: {_shown(text)} names the Airflow connection '{conn}': storage is "
                f"read only through the storage's own connection ({uses})"
            )
        return _below(path, root_path, text, root.url, param)
    if sep or text.startswith("/"):
        if not root.is_local:
            raise NotInStorage(f"{param}: {_shown(text)} is not under the storage root {root.url}")
        return _below(text.removeprefix("file://"), root.root, text, root.url, param)
    return "/".join(_segments(text, text, param))


def kind_of(rel: str) -> str | None:
    """The kind of object a path relative to the root is ('backup', 'archive', 'upload',
    'import'), by its shape; None for any other path."""
    parts = rel.split("/")
    for kind, shapes in SHAPES.items():
        for lead, length in shapes:
            if len(parts) == length and tuple(parts[: len(lead)]) == lead:
                return kind
    return None


def confine(
    root: Store,
    given: object,
    kinds: tuple[str, ...],
    param: str,
    storage_conn: str | None = None,
    absolute_paths: bool = True,
) -> str:
    """`given` as the normalised path, relative to `root`, of exactly one object of one of
    `kinds` (see SHAPES); NotInStorage, naming `param` and the rule, for anything else.
    `storage_conn`: the Airflow connection of an s3:// root that names none;
    `absolute_paths`: a bare local path under a local root is taken (as file:// is)."""
    text = given if isinstance(given, str) else ""
    wanted = " or ".join(SHOWN[k] for k in kinds)
    if not text.strip():
        raise NotInStorage(f"{param}: the path is empty: name one {wanted} under the storage root")
    if any(ord(c) < 32 or ord(c) == 127 for c in text):
        raise NotInStorage(f"{param}: a storage location cannot hold control characters")
    rel = _relative(root, text.strip(), storage_conn, param, absolute_paths)
    if not rel:
        raise NotInStorage(f"{param}: {_shown(text)} is the storage root itself: name one {wanted}")
    if root.is_local:
        real = Path(root.root, rel).resolve()
        if not real.is_relative_to(Path(root.root).resolve()):
            raise NotInStorage(f"{param}: {_shown(text)} leads outside the storage root (a link)")
    if kind_of(rel) not in kinds:
        article = "an" if kinds[0][0] in "aeiou" else "a"
        noun = "file" if kinds == ("import",) else "folder"
        raise NotInStorage(
            f"{param}: {_shown(text)} is not {article} {' or '.join(kinds)} {noun} ({wanted})"
        )
    return rel
