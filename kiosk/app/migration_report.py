"""What a SQLite migration did, in a form for people (``to_text``) and programs (``to_dict``)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from kiosk.core.printable import printable
from kiosk.infra.migration.types import Problem, SourceKind, StudentNote

_LIST_LIMIT = 20  # the text report names this many, then counts the rest; JSON has them all


@dataclass(frozen=True)
class TableReport:
    """One table: every source row is moved now, was already present, or was skipped."""

    table: str
    source_rows: int
    moved: int = 0
    already_present: int = 0
    skipped: int = 0
    # Rows of this source found in the target after the move (read back through the map).
    target_rows: int | None = None
    # sha256 over the moved rows' content, from source values and from target rows read back.
    source_checksum: str | None = None
    target_checksum: str | None = None

    @property
    def accounted(self) -> int:
        return self.moved + self.already_present + self.skipped

    @property
    def checksum_ok(self) -> bool:
        return self.source_checksum == self.target_checksum

    @property
    def ok(self) -> bool:
        if self.accounted != self.source_rows or not self.checksum_ok:
            return False
        return self.target_rows is None or self.target_rows == self.moved + self.already_present


@dataclass(frozen=True)
class MigrationReport:
    source: str
    target: str  # shown without its password
    source_kind: SourceKind
    source_key: str
    active_model: str
    tables: tuple[TableReport, ...]
    problems: tuple[Problem, ...] = ()  # rows kept aside: (table, legacy id, reason)
    warnings: tuple[Problem, ...] = ()  # rows moved with a caveat (e.g. no class, bad end time)
    unknown_tables: tuple[str, ...] = ()
    unknown_columns: tuple[tuple[str, str], ...] = ()  # (table, column) present but not migrated
    needs_consent: tuple[StudentNote, ...] = ()
    needs_enrollment: tuple[StudentNote, ...] = ()
    dry_run: bool = False
    cancelled: bool = False
    verified: bool = False  # counts and checksums were compared against the target
    seconds: float = 0.0
    notes: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        """Every source row is accounted for (moved, already present or skipped with a reason)."""
        if self.cancelled:
            return False
        return all(t.ok for t in self.tables) and (self.dry_run or self.verified)

    def table(self, name: str) -> TableReport:
        for t in self.tables:
            if t.table == name:
                return t
        raise KeyError(name)

    @property
    def moved(self) -> int:
        return sum(t.moved for t in self.tables)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["ok"] = self.ok
        data["source_kind"] = self.source_kind.value
        data["problems"] = [p._asdict() for p in self.problems]
        data["warnings"] = [p._asdict() for p in self.warnings]
        data["needs_consent"] = [n._asdict() for n in self.needs_consent]
        data["needs_enrollment"] = [n._asdict() for n in self.needs_enrollment]
        data["unknown_columns"] = [{"table": t, "column": c} for t, c in self.unknown_columns]
        for t, raw in zip(self.tables, data["tables"], strict=True):
            raw["accounted"] = t.accounted
            raw["ok"] = t.ok
        return data

    def to_text(self) -> str:
        lines: list[str] = []
        mode = "Dry run (nothing written)" if self.dry_run else "Migration"
        lines.append(f"{mode}: {self.source} ({self.source_kind.value} layout) -> {self.target}")
        head = (
            f"{'TABLE':<20} {'SOURCE':>8} {'MOVED':>8} {'PRESENT':>8} {'SKIPPED':>8} {'TARGET':>8}  CHECKSUM"
        )
        lines.append(head)
        for t in self.tables:
            target = "-" if t.target_rows is None else str(t.target_rows)
            check = "-" if t.source_checksum is None else "match" if t.checksum_ok else "MISMATCH"
            lines.append(
                f"{t.table:<20} {t.source_rows:>8} {t.moved:>8} {t.already_present:>8} {t.skipped:>8} "
                f"{target:>8}  {check}"
            )
        if self.unknown_tables:
            lines.append("Tables not migrated (unknown to the kiosk): " + ", ".join(self.unknown_tables))
        if self.unknown_columns:
            cols = ", ".join(f"{t}.{c}" for t, c in self.unknown_columns)
            lines.append(f"Columns not migrated (unknown to the kiosk): {cols}")
        text_section(
            lines, "Rows kept aside", [f"{p.table} #{p.legacy_id}: {p.reason}" for p in self.problems]
        )
        text_section(
            lines, "Moved with a caveat", [f"{p.table} #{p.legacy_id}: {p.reason}" for p in self.warnings]
        )
        text_section(
            lines,
            "Students needing recorded consent before face recognition",
            [f"{printable(n.student_id)} {printable(n.name)}" for n in self.needs_consent],
        )
        text_section(
            lines,
            f"Students needing enrollment for the active model ({self.active_model})",
            [f"{printable(n.student_id)} {printable(n.name)}: {n.reason}" for n in self.needs_enrollment],
        )
        lines.extend(self.notes)
        if self.cancelled:
            lines.append("Cancelled: what was moved is kept; run the migration again to finish.")
        elif self.ok:
            verdict = "every source row is accounted for" + (
                "" if self.dry_run else "; counts and checksums match"
            )
            lines.append(f"OK: {verdict} ({self.seconds:.1f} s).")
        else:
            lines.append(
                "NOT OK: some rows are not accounted for or differ in the target; see the table above."
            )
        return "\n".join(lines)


def text_section(lines: list[str], title: str, items: list[str]) -> None:
    """Append ``title (n):`` and the first items, then how many more (the reports' one list style)."""
    if not items:
        return
    lines.append(f"{title} ({len(items)}):")
    lines.extend(f"  {item}" for item in items[:_LIST_LIMIT])
    if len(items) > _LIST_LIMIT:
        lines.append(f"  ... and {len(items) - _LIST_LIMIT} more (see the JSON report)")


@dataclass(frozen=True)
class MigrationPreview:
    """The wizard's dry-run page: what a migration would do, read from the source alone."""

    report: MigrationReport

    @property
    def counts(self) -> dict[str, int]:
        return {t.table: t.source_rows for t in self.report.tables}

    @property
    def problems(self) -> tuple[Problem, ...]:
        return self.report.problems

    def to_text(self) -> str:
        return self.report.to_text()
