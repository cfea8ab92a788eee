"""Checking the face gallery for look-alikes and misfiled photos, with a fix for each finding.

``kiosk faces check`` and the face collection manager's "Re-check against the school" both
come here; the rule itself is :func:`kiosk.core.lookalikes.check_gallery`. Students are
compared with the whole school (a misfiled photo may belong to someone in another class),
whatever part of it is reported.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass

from kiosk.app.roster import RosterService
from kiosk.core.domain import StudentInfo
from kiosk.core.lookalikes import GalleryCheck, Outlier, SuspectPair, check_gallery
from kiosk.infra.db.repo.encodings import Gallery

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Finding:
    """One line of the check: what was found and how to fix it."""

    text: str
    fix: str
    problem: bool  # False: a recorded look-alike pair, listed for information
    encoding_id: int | None = None  # an outlier's encoding
    student_id: str | None = None  # whose encoding / the first of a pair


@dataclass(frozen=True, slots=True)
class FaceCheckReport:
    model_name: str
    scope: str  # "the school", "class 7A", "S01"
    encodings: int
    students: int
    check: GalleryCheck
    findings: tuple[Finding, ...]

    @property
    def problems(self) -> int:
        return self.check.problems

    def flagged_encodings(self) -> frozenset[int]:
        return frozenset(o.encoding_id for o in self.check.outliers)

    def to_text(self) -> str:
        return "\n".join(self.to_lines())

    def to_lines(self) -> list[str]:
        """The report, one printable line each (names are escaped line by line when printed)."""
        head = (
            f"Checked {self.encodings} {self.model_name} encoding(s) of {self.students} student(s) "
            f"against the school ({self.scope})."
        )
        if not self.findings:
            return [head, "No look-alikes and no misfiled photos found."]
        lines = [head]
        for f in self.findings:
            lines.append(("PROBLEM " if f.problem else "ok      ") + f.text)
            lines.append("        fix: " + f.fix)
        lines.append(
            f"{self.problems} problem(s) to fix."
            if self.problems
            else "No problems: only recorded look-alikes, whose matches go to the teacher."
        )
        return lines


def _who(st: StudentInfo) -> str:
    cls = f", class {st.class_code}" if st.class_code else ""
    return f"{st.name} ({st.student_id}{cls})"


def _pair_finding(p: SuspectPair, who: dict[uuid.UUID, StudentInfo]) -> Finding:
    a, b = sorted((who[p.first], who[p.second]), key=lambda st: st.student_id)
    if p.recorded:
        return Finding(
            f"{_who(a)} and {_who(b)} look alike (similarity {p.similarity:.2f}); recorded as look-alikes.",
            "nothing to do: matches between them go to the teacher. If they are not look-alikes after "
            f"all: `kiosk faces lookalikes {a.student_id} {b.student_id} --forget`.",
            problem=False,
            student_id=a.student_id,
        )
    return Finding(
        f"{_who(a)} and {_who(b)} look alike: similarity {p.similarity:.2f} between their photos.",
        f"if one was enrolled with the other's photo, delete that encoding (`kiosk faces list "
        f"{a.student_id}` / `kiosk faces list {b.student_id}`, then `kiosk faces delete STUDENT_ID "
        f"ENCODING_ID`); if they really look alike (twins), record them: `kiosk faces lookalikes "
        f"{a.student_id} {b.student_id}`.",
        problem=True,
        student_id=a.student_id,
    )


def _outlier_finding(o: Outlier, who: dict[uuid.UUID, StudentInfo]) -> Finding:
    own, other = who[o.student], who[o.nearest_other]
    own_text = (
        f"{o.own_similarity:.2f} to {own.student_id}'s other photos"
        if o.own_similarity is not None
        else f"it is {own.student_id}'s only photo"
    )
    return Finding(
        f"encoding {o.encoding_id} of {_who(own)} looks more like {_who(other)}: "
        f"{o.other_similarity:.2f} to them, {own_text}.",
        f"delete encoding {o.encoding_id} of {own.student_id} with `kiosk faces delete {own.student_id} "
        f"{o.encoding_id}` (and enroll a photo of {own.name}), or if they are look-alikes record them "
        f"with `kiosk faces lookalikes {own.student_id} {other.student_id}`.",
        problem=True,
        encoding_id=o.encoding_id,
        student_id=own.student_id,
    )


def check_faces(
    roster: RosterService,
    model_name: str,
    *,
    threshold: float,
    margin: float,
    class_code: str | None = None,
    student_id: str | None = None,
) -> FaceCheckReport:
    """Look-alike pairs and outliers among ``model_name``'s encodings (active, consenting
    students), reported for one class or one student when given (an unknown one is a
    :class:`~kiosk.core.errors.NotFound`)."""
    only: frozenset[uuid.UUID] | None = None
    scope = "the whole school"
    if class_code is not None:
        roster.get_class(class_code)
        only = frozenset(st.id for st in roster.list_students(class_code=class_code))
        scope = f"reported for class {class_code}"
    if student_id is not None:
        only = frozenset({roster.get_student(student_id).id})
        scope = f"reported for {student_id}"
    gallery = roster.gallery(model_name)
    if not isinstance(gallery, Gallery):  # the roster reads the database: always one with ids
        raise TypeError("the roster's gallery carries no encoding ids")
    encoding_ids = gallery.encoding_ids
    result = check_gallery(
        gallery.vectors,
        gallery.student_ids,
        encoding_ids,
        threshold=threshold,
        margin=margin,
        recorded=roster.lookalike_pairs(),
        only=only,
    )
    named = {p.first for p in result.pairs} | {p.second for p in result.pairs}
    named |= {o.student for o in result.outliers} | {o.nearest_other for o in result.outliers}
    who = {u: roster.student_by_uuid(u) for u in named}
    findings = [_pair_finding(p, who) for p in result.pairs if not p.recorded]
    findings += [_outlier_finding(o, who) for o in result.outliers]
    findings += [_pair_finding(p, who) for p in result.pairs if p.recorded]
    in_scope = set(gallery.student_ids) if only is None else only & set(gallery.student_ids)
    encodings = sum(1 for s in gallery.student_ids if s in in_scope)
    log.info(
        "Face check (%s, %s): %d pair(s), %d outlier(s)",
        model_name,
        scope,
        len(result.pairs),
        len(result.outliers),
    )
    return FaceCheckReport(model_name, scope, encodings, len(in_scope), result, tuple(findings))
