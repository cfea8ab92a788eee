"""The start screen's question "is this class ready?", answered from the store (a query)."""

from __future__ import annotations

from kiosk.core.ports import AttendanceStore
from kiosk.core.readiness import ClassReadiness, assess


def class_readiness(store: AttendanceStore, class_code: str, model_name: str | None) -> ClassReadiness:
    """Who in ``class_code`` the camera can mark with ``model_name`` (``None``: recognition is off).

    Reads the roster and the class's gallery for the model, as a session start would, so
    the warnings a session gives appear on the start screen before Start.
    """
    roster = store.roster(class_code)
    enrolled = set(store.gallery(class_code, model_name).student_ids) if model_name and roster else set()
    return assess(class_code, roster, enrolled, model_name)
