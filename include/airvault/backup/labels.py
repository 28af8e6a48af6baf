"""A backup's label and note: what people call it in `airvault list`, on the Backups page and in
a comparison. Both come from people (the CLI, DAG Params, REST, the page): untrusted text,
checked before the backup starts and kept, signed, in its manifest."""

from __future__ import annotations

import unicodedata
from datetime import datetime

from airvault.errors import AirvaultError

LABEL_MAX_CHARS = 120
NOTE_MAX_CHARS = 1000
# Unicode's bidirectional overrides and isolates (the "Trojan Source" characters): they make
# text display in another order than it is stored, so a label could pass for another.
_BIDI = {*map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A))}


def checked_text(value: str | None, what: str, max_chars: int) -> str | None:
    """`value` without its outer spaces (None when empty), or an error naming `what` and the
    problem: too long, or a control or bidirectional character (a terminal escape, a newline
    that would forge a line of `airvault list`)."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise AirvaultError(f"{what} must be text, not {type(value).__name__}")
    text = value.strip()
    if len(text) > max_chars:
        raise AirvaultError(f"{what} is {len(text)} characters long; at most {max_chars}")
    for position, char in enumerate(text, 1):
        if unicodedata.category(char) == "Cc" or char in _BIDI:
            raise AirvaultError(
                f"{what} holds the control character U+{ord(char):04X} at position {position}; "
                "a label or note is one line of plain text"
            )
    return text or None


def checked_label(label: str | None) -> str | None:
    return checked_text(label, "the backup label", LABEL_MAX_CHARS)


def checked_note(note: str | None) -> str | None:
    return checked_text(note, "the backup note", NOTE_MAX_CHARS)


def default_label(kind: str, scope: str, when: datetime, backup_id: str) -> str:
    """What a backup is called when nobody named it: its kind and scope, its start to the
    second and its id, so two backups of the same minute never read alike (in a comparison,
    in the history)."""
    what = {
        "full": "Full backup",
        "module": f"{scope.replace('_', ' ').title()} module backup",
        "tenant": f"Tenant {scope if len(scope) <= 16 else scope[:8] + '…'} backup",
        "pre-restore": "Safety backup before restore",
        "manual": "Manual backup",
    }.get(kind, f"{kind} backup")
    return f"{what}, {when:%d %b %Y %H:%M:%S} UTC ({backup_id})"
