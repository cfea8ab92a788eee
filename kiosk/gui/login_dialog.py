"""Sign in with a name and a PIN or password (the guard checks it on the database thread)."""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from kiosk.gui.accessibility import name_controls

log = logging.getLogger(__name__)


class LoginDialog(QDialog):
    """``submitted(name, secret)`` on OK; the guard answers with :meth:`refuse` or accepts it."""

    submitted = Signal(str, str)

    def __init__(self, purpose: str, parent: QWidget | None = None, *, name: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign in"))
        self.setModal(True)
        layout = QVBoxLayout(self)
        intro = QLabel(purpose)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.name = QLineEdit(name)
        self.name.setMaxLength(100)
        form.addRow(self.tr("&Name:"), self.name)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(200)
        form.addRow(self.tr("&PIN or password:"), self.pin)
        layout.addLayout(form)
        self.message = QLabel("")
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        name_controls(self)
        self.failures = 0
        (self.pin if name else self.name).setFocus()

    def _submit(self) -> None:
        name, secret = self.name.text().strip(), self.pin.text()
        if not name or not secret:
            self.refuse(self.tr("Type your name and your PIN."))
            return
        self.buttons.setEnabled(False)  # one check at a time
        self.submitted.emit(name, secret)

    def refuse(self, text: str) -> None:
        """Show why, clear the PIN, and let the person try again."""
        self.failures += 1
        self.message.setText(text)
        self.message.show()
        self.pin.clear()
        self.pin.setFocus()
        self.buttons.setEnabled(True)
