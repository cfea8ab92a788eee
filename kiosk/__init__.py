"""Classroom face-attendance kiosk.

Packages, from the inside out (an import-linter contract checks the direction):

- ``kiosk.core``: domain types and rules (attendance status, lateness, match decisions, voting).
  No Qt, no database, no face models.
- ``kiosk.infra``: the outside world: configuration, database, recognition models, FAISS,
  cameras, the offline cache and outbox, the legacy importer.
- ``kiosk.app``: use cases that combine them (run a session, enroll, migrate); the composition root.
- ``kiosk.gui``: PySide6 views, controllers and workers.
- ``kiosk.cli``: the ``kiosk`` command.
"""

__version__ = "0.1.0"
