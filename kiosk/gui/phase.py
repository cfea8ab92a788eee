"""Where the kiosk window stands: one :class:`Phase`, and what start-up still waits for."""

from __future__ import annotations

import enum


class Phase(enum.Enum):
    OPENING = "opening"  # the database or the face models are not settled yet
    READY = "ready"  # the start screen: a session can start
    STARTING = "starting"  # a session is being opened
    RUNNING = "running"
    ENDING = "ending"  # the session is being closed
    SUMMARY = "summary"  # the summary screen
    CLOSED = "closed"  # the window is shut down: nothing more happens


class Opening(enum.Enum):
    """What start-up still waits for (the models count once loaded *or* found missing)."""

    DATABASE = "database"
    MODELS = "models"
