"""Small pieces every page uses: a status line for plain-language messages, the page base."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget, QWizardPage

from kiosk.core.errors import KioskError
from kiosk.gui.runner import OpRunner
from kiosk.gui.wizard.state import WizardState


class StatusLabel(QLabel):
    """One message at a time: what happened, and for errors what to do next."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(self.textFormat().RichText)
        self.kind = ""  # "", "info", "ok", "error": lets tests and code ask what is shown
        self.plain = ""

    def _show(self, kind: str, title: str, detail: str = "", color: str = "") -> None:
        self.kind = kind
        self.plain = f"{title} {detail}".strip()
        body = f"<b>{html.escape(title)}</b>"
        if detail:
            body += f"<br>{html.escape(detail)}"
        self.setText(f'<span style="color:{color}">{body}</span>' if color else body)

    def show_error(self, exc: KioskError) -> None:
        self._show("error", exc.message, exc.hint, "#b00020")

    def show_ok(self, text: str, detail: str = "") -> None:
        self._show("ok", text, detail, "#1b5e20")

    def show_info(self, text: str, detail: str = "") -> None:
        self._show("info", text, detail)

    def clear_status(self) -> None:
        self.kind = ""
        self.plain = ""
        self.clear()


class SetupPage(QWizardPage):
    """A page that shares the wizard's state and its background runner."""

    def __init__(self, state: WizardState, runner: OpRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.runner = runner
        # Completeness goes through a hidden mandatory field: Qt then emits completeChanged
        # itself whenever the gate's text changes.
        self._gate = QLineEdit(self)
        self._gate.hide()
        self.registerField(f"complete_{type(self).__name__}*", self._gate)

    def ready(self) -> bool:
        """Whether Next (or Finish) may be pressed; pages refine it and call refresh_complete()."""
        return True

    def refresh_complete(self) -> None:
        self._gate.setText("1" if self.ready() else "")

    def initializePage(self) -> None:
        self.refresh_complete()

    def busy(self) -> bool:
        """True while background work of this page runs: the wizard then refuses to close."""
        return False

    def cancel_work(self) -> None:
        """Ask running background work to stop (the wizard is closing)."""


class PageId:
    """Page ids, in order; the migration page is skipped when the local file is kept."""

    WELCOME = 0
    DATABASE = 1
    SCHEMA = 2
    MIGRATION = 3
    MODEL = 4
    CAMERA = 5
    DONE = 6
    FOLLOW_UP = 7  # after the model page, only when the old app's students were moved
