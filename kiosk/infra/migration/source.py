"""The one protocol a migration source follows, and opening the right source for a file.

A migration runs the same steps whatever the file holds:

1. **read**: :func:`open_source` detects the layout of the snapshot and has the matching
   source read and validate its rows (nothing is compared with the target yet);
2. **decide**: per row, move, already present in the target, or kept aside with a reason
   (``target`` None, a preview, means an empty target);
3. **write**: move the decided rows in batched, kill-safe transactions;
4. **verify**: read the moved rows back from the target and checksum them like the source;
5. **report**: the tables' counts, the rows kept aside, and the students who need a
   person's action, as plain values.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from sqlalchemy import Connection, Engine

from kiosk.infra.db.sealing import Cipher
from kiosk.infra.migration.detect import SourceLayout, detect
from kiosk.infra.migration.legacy.source import LegacySource
from kiosk.infra.migration.own import OwnSource
from kiosk.infra.migration.snapshot import reading
from kiosk.infra.migration.types import Problem, Progress, SourceKind, SourceReport, Verified


class MigrationSource(Protocol):
    kind: SourceKind
    # Consent may be attested for the migrated students (the source has no consent records).
    attests_consent: bool
    path: Path
    key: str  # the source's identity in the target's migration map
    layout: SourceLayout

    def decide(self, target: Connection | None) -> None: ...

    def problems(self) -> list[Problem]:
        """The rows :meth:`decide` kept aside."""
        ...

    def write(self, engine: Engine, progress: Progress, cancelled: Callable[[], bool]) -> bool:
        """Move the decided rows; False when ``cancelled()`` stopped it between batches."""
        ...

    def verify(self, engine: Engine, progress: Progress) -> dict[str, Verified]: ...

    def report(self, active_model: str) -> SourceReport: ...


_Reader = Callable[[sqlite3.Connection, SourceLayout, Path, Path], MigrationSource]
_READERS: dict[SourceKind, _Reader] = {
    SourceKind.LEGACY: LegacySource.read,
    SourceKind.KIOSK: OwnSource.read,
}


def open_source(path: Path, snap: Path, cipher: Cipher | None = None) -> MigrationSource:
    """Read ``snap`` (a snapshot of ``path``) as the kind of source its layout says it is.

    ``cipher`` opens the sealed face data of a kiosk database made on this computer."""
    with reading(snap, path) as conn:
        layout = detect(conn, path)
        if layout.kind is SourceKind.KIOSK:
            return OwnSource.read(conn, layout, path, snap, cipher)
        return _READERS[layout.kind](conn, layout, path, snap)
