"""Kept only so code not yet updated still imports: the rule lives in :mod:`kiosk.core.attendance`.

Delete this module once ``kiosk.app.session`` imports ``arrival_status`` from there.
"""

from __future__ import annotations

from kiosk.core.attendance import arrival_status

__all__ = ["arrival_status"]
