"""The first-run setup wizard.

The kiosk window calls :func:`needs_first_run` at start and, when it says so (or from the
settings), :func:`run_wizard`; after ``True`` it reloads the settings, which the wizard has
written to the per-user configuration file.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QApplication, QWidget

from kiosk.app.setup import MARKER_NAME, configured_by_hand
from kiosk.gui.translations import choose_language, install_translations
from kiosk.gui.wizard.state import WizardState
from kiosk.gui.wizard.wizard import SetupWizard
from kiosk.infra.config import Settings

log = logging.getLogger(__name__)


def needs_first_run(settings: Settings) -> bool:
    """True until setup was saved for this data folder (wizard or ``kiosk setup --unattended``),
    or an admin configured a database with the kiosk's schema by hand (see
    :func:`kiosk.app.setup.configured_by_hand`)."""
    return not configured_by_hand(settings)


def run_wizard(settings: Settings, parent: QWidget | None = None) -> bool:
    """Show the wizard modally; True when it finished and saved the settings.

    Creates the QApplication when called from the command line without one.
    """
    app = QApplication.instance() or QApplication([])
    install_translations(app, choose_language(settings.gui.language), settings.cache_dir)
    wizard = SetupWizard(settings, parent)
    try:
        return bool(wizard.exec())
    finally:
        wizard.shutdown()
        wizard.deleteLater()


__all__ = ["MARKER_NAME", "SetupWizard", "WizardState", "needs_first_run", "run_wizard"]
