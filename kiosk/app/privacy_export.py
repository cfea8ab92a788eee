"""Subject access: everything held about one pupil, as one ZIP file (GDPR art. 15, FERPA).

The record, the consent ledger, attendance with how each mark was made, the audit entries
about the pupil, whether face templates exist (model, date, source; the vectors only when
asked for) and the roster thumbnail. The export itself is written to the audit log.
"""

from __future__ import annotations

import json
import uuid
import zipfile
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from kiosk.app.roster import RosterService
from kiosk.core.errors import InvalidInput
from kiosk.infra.db.repo import audit, consent, subject

# What a school must tell a parent lies outside this file (also printed by the CLI).
ALSO_HELD = (
    "Copies outside this export: database backups made by the school's IT hold the same data "
    "until they expire; each kiosk's offline cache holds the pupil's roster row, face templates "
    "(encrypted) and thumbnail until its next contact with the server; the kiosk's log files "
    "hold school ids (never names, photos or face data)."
)

ERASURE_REMAINS = (
    "Deleted from the central database: record, consent ledger, face templates, thumbnail, cards, PIN, "
    "attendance. What remains: database backups made before now (until they expire); each kiosk's "
    "offline cache and index files until its next contact with the server; the audit log's entries "
    "(school id only, no name)."
)

README = """This archive holds everything the attendance kiosk stores about one pupil.

student.json          the roster record (name, ids, class, contact, whether face matching is allowed)
consent_ledger.json   every consent, withdrawal and objection, with who, when, how and the text shown
attendance.json       each attendance mark, with how it was made (camera, card, pin, by hand)
audit_log.json        the audit entries about this pupil (changes by staff, consent, deletions)
face_templates.json   whether face templates exist: model, date, source photo name{vectors}
thumbnail.jpg         the small roster photo, if one is stored
consent_texts.json    the consent texts the ledger refers to

{also}
"""


def _json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, default=str)


class SubjectAccess(RosterService):
    def __init__(self, engine: Engine) -> None:
        super().__init__(engine)

    def export(
        self, student_id: str, out: Path, *, include_templates: bool = False, actor: str | None = None
    ) -> int:
        """Write the ZIP; returns how many files it holds."""
        if out.suffix.lower() != ".zip":
            raise InvalidInput(f"{out} is not a .zip file name.", "Give --out FILE.zip.")
        with self._unit() as s:
            record, photo = subject.record(s, student_id)
            sid = uuid.UUID(record["internal_id"])
            ledger = [
                {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in asdict(e).items()}
                for e in consent.ledger(s, sid)
            ]
            texts = [asdict(t) for t in consent.texts(s)]
            files: dict[str, str | bytes] = {
                "student.json": _json(record),
                "consent_ledger.json": _json(ledger),
                "consent_texts.json": _json(texts),
                "attendance.json": _json(subject.attendance(s, sid)),
                "audit_log.json": _json(subject.audit_entries(s, student_id, sid)),
                "face_templates.json": _json(
                    {
                        "templates_exist": bool(subject.templates(s, sid, with_vectors=False)),
                        "templates": subject.templates(s, sid, with_vectors=include_templates),
                    }
                ),
            }
        if photo:
            files["thumbnail.jpg"] = photo
        vectors = " (and the vectors themselves)" if include_templates else " (never the vectors)"
        files["README.txt"] = README.replace("{vectors}", vectors).replace("{also}", ALSO_HELD)
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_suffix(".partial")
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for name, content in files.items():
                zf.writestr(name, content)
        tmp.chmod(0o600)
        tmp.replace(out)
        with self._unit() as s:
            audit.record(
                s,
                actor=actor,
                action="privacy.export",
                entity="student",
                entity_id=student_id,
                details={
                    "files": sorted(files),
                    "with_vectors": include_templates,
                    "at": datetime.now(UTC).isoformat(),
                },
            )
        return len(files)
