"""What the wizard has gathered so far.

Nothing is written while the pages are filled in: the last page hands :meth:`WizardState.choices`
to :func:`kiosk.app.setup.save_setup`, which writes the configuration file atomically, then
the marker that setup is complete. A wizard closed halfway therefore leaves the previous
configuration exactly as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kiosk.app.setup import DatabaseChoice, OwnerAccount, PasswordKeeping, SetupChoices
from kiosk.infra.config import Settings


@dataclass
class WizardState:
    """Choices made on the pages; only saving them (see :mod:`kiosk.app.setup`) makes them permanent."""

    settings: Settings
    database: DatabaseChoice = field(default_factory=DatabaseChoice)
    profile: str = ""
    camera_source: str = ""
    # Where the kiosk finds the password: the keyring, or without one the kiosk's pgpass file
    # or PGPASSWORD (the database page asks).
    password_keeping: PasswordKeeping = PasswordKeeping.KEYRING
    # The migration page's last reports (MigrationReport), for the follow-up page.
    migration_reports: list[Any] = field(default_factory=list)
    owner: OwnerAccount | None = None  # the schema owner's account, typed on the tables page; never saved

    def __post_init__(self) -> None:
        if not self.profile:
            self.profile = self.settings.recognition.profile
        if not self.camera_source:
            self.camera_source = self.settings.camera.source

    def choices(self) -> SetupChoices:
        return SetupChoices(
            database=self.database,
            profile=self.profile,
            camera_source=self.camera_source,
            password_keeping=self.password_keeping,
        )

    def target_settings(self) -> Settings:
        """The settings as they will be after saving (for the migration's target, the models)."""
        return self.choices().apply_to(self.settings)
