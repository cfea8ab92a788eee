"""What the enrollment dialog says after an enrollment: the result, or why it was refused.

Translated in the enrollment controller's context (the words the translators already have),
with the literal calls lupdate can find (a helper around ``translate`` hides them from it).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from kiosk.app.enrollment import EnrollmentResult, LookalikeRefused
from kiosk.infra.recognition.quality import PhotoProblem


def result_text(result: EnrollmentResult) -> str:
    lines = [
        QCoreApplication.translate("EnrollmentController", "%d photo(s) enrolled for %s.")
        % (len(result.accepted), result.student.name)
    ]
    for v in result.rejected:
        if v.problem is PhotoProblem.ALREADY_ENROLLED:
            lines.append(
                QCoreApplication.translate(
                    "EnrollmentController", "%s: already enrolled from this photo; nothing was added."
                )
                % v.source
            )
        else:
            lines.append(
                QCoreApplication.translate("EnrollmentController", "Not used: %s — %s") % (v.source, v.reason)
            )
    for d in result.duplicates:
        if d.recorded:
            text = QCoreApplication.translate(
                "EnrollmentController",
                "%s looks like %s (%s), similarity %.2f: recorded as look-alikes, their matches go to the teacher.",
            )
        else:
            text = QCoreApplication.translate(
                "EnrollmentController",
                "⚠ Possible duplicate: %s looks like %s (%s), similarity %.2f. Check it is the right student.",
            )
        lines.append(text % (d.source, d.other.name, d.other.student_id, d.similarity))
    return "\n".join(lines)


def refusal_text(exc: LookalikeRefused) -> str:
    lines = [
        QCoreApplication.translate(
            "EnrollmentController",
            "Not enrolled: %s looks like %s (%s, class %s), similarity %.2f, not like %s.",
        )
        % (
            d.source,
            d.other.name,
            d.other.student_id,
            d.other.class_code or "-",
            d.similarity,
            exc.student.name,
        )
        for d in exc.duplicates
    ]
    lines.append(
        QCoreApplication.translate(
            "EnrollmentController",
            "Nothing was stored. If a photo is of the wrong student, close this dialog and enroll it under "
            "the right one. If they really look alike (twins), press the button below: their matches "
            "will then go to the teacher instead of being marked automatically.",
        )
    )
    return "\n".join(lines)
