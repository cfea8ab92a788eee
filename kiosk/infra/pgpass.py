"""libpq's own password file (``pgpass``): the way to keep a PostgreSQL password without a keyring.

The file lives in the kiosk's config folder with mode 0600 (libpq ignores a file others can
read) and is named to libpq through the ``passfile`` connect parameter, set where engines are
built (:mod:`kiosk.infra.db.engine`). Lines are ``host:port:database:user:password`` with
``:`` and ``\\`` escaped; lines for other servers are kept as they are.
"""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path

from sqlalchemy.engine import URL

log = logging.getLogger(__name__)

FILE_NAME = "pgpass"


def default_path(config_folder: Path) -> Path:
    return config_folder / FILE_NAME


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace(":", "\\:")


def _key(url: URL) -> str:
    return ":".join(
        _escape(part)
        for part in (url.host or "localhost", str(url.port or 5432), url.database or "*", url.username or "")
    )


def _line_key(line: str) -> str:
    """The first four fields of a pgpass line, still escaped."""
    fields: list[str] = []
    current = ""
    escaped = False
    for char in line:
        if escaped:
            current += "\\" + char
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == ":" and len(fields) < 4:
            fields.append(current)
            current = ""
        else:
            current += char
    return ":".join(fields[:4])


def has_entry(path: Path, url: URL) -> bool:
    """Whether ``path`` holds a line for exactly this server, database and user."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return False
    return any(_line_key(line) == _key(url) for line in lines if line and not line.startswith("#"))


def write_entry(path: Path, url: URL, password: str) -> None:
    """Add or replace this server's line, atomically; the file is created with mode 0600."""
    if "\n" in password or "\r" in password:
        raise ValueError("a password with a line break cannot be kept in a pgpass file")
    key = _key(url)
    try:
        kept = [
            line for line in path.read_text(encoding="utf-8").splitlines() if line and _line_key(line) != key
        ]
    except FileNotFoundError:
        kept = []
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write("\n".join([*kept, f"{key}:{_escape(password)}"]) + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.chmod(tmp, 0o600)  # whatever the umask did
    os.replace(tmp, path)
    log.info("Database password kept in %s for %s", path, key.rsplit(":", 1)[0])
