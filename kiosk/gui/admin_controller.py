"""Admin actions behind the guard: leave or enter kiosk mode, settings, classes and students,
accounts, closing."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kiosk.app.admin_pin import pin_is_set
from kiosk.app.migration import active_model
from kiosk.core.authz import Action
from kiosk.core.domain import StudentInfo
from kiosk.core.errors import KioskError
from kiosk.gui.access_guard import AccessGuard
from kiosk.gui.accessibility import name_controls
from kiosk.gui.admin_roster import RosterImportDialog
from kiosk.gui.admin_school import SchoolAdminDialog
from kiosk.gui.context import GuiContext
from kiosk.gui.dialogs import show_error
from kiosk.gui.main_window import MainWindow
from kiosk.gui.runner import OpRunner
from kiosk.infra.config import Settings, write_user_settings

log = logging.getLogger(__name__)


class SettingsDialog(QDialog):
    """The few settings a school changes at the kiosk; saved to the per-user config file."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Kiosk settings"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.kiosk_mode = QCheckBox(self.tr("Start in kiosk mode (full screen, admin PIN to leave)"))
        self.kiosk_mode.setChecked(settings.gui.kiosk_mode)
        form.addRow(self.kiosk_mode)
        self.camera = QLineEdit(settings.camera.source)
        form.addRow(self.tr("Default &camera:"), self.camera)
        self.grace = QSpinBox()
        self.grace.setRange(0, 120)
        self.grace.setValue(settings.attendance.late_grace_minutes)
        self.grace.setSuffix(self.tr(" min"))
        form.addRow(self.tr("&Late after start +"), self.grace)
        profile = QLabel(settings.recognition.profile)
        form.addRow(self.tr("Recognition profile:"), profile)
        layout.addLayout(form)
        note = QLabel(
            self.tr(
                "Changes apply the next time the kiosk starts. The profile is changed with `kiosk models use`."
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        box.accepted.connect(self._save)
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        self.grace.setAccessibleName(self.tr("Minutes after the start before a student counts as late"))
        name_controls(self)

    def _save(self) -> None:
        try:
            write_user_settings(
                self.settings.user_config_file,
                {
                    "gui": {"kiosk_mode": self.kiosk_mode.isChecked()},
                    "camera": {"source": self.camera.text().strip() or "0"},
                    "attendance": {"late_grace_minutes": self.grace.value()},
                },
            )
        except OSError as exc:
            show_error(
                self,
                KioskError(
                    self.tr("The settings could not be saved (%s).") % (exc.strerror or exc),
                    self.tr("Check that %s is writable.") % self.settings.user_config_file,
                ),
            )
            return
        log.info("Settings saved to %s", self.settings.user_config_file)
        self.accept()


class AdminController(QObject):
    def __init__(
        self,
        settings: Settings,
        window: MainWindow,
        guard: AccessGuard | None = None,
        *,
        ctx: GuiContext | None = None,
        runner: OpRunner | None = None,
    ) -> None:
        """``guard``: who may (the window always gives it); ``ctx`` and ``runner`` (the window's
        database runner): for the school admin dialog."""
        super().__init__(window)
        self.settings = settings
        self.window = window
        self.guard = guard
        self.ctx = ctx
        self.runner = runner
        self._dialog: QDialog | None = None
        self.faces_dialog: QDialog | None = None  # the face collection manager last opened
        window.admin_requested.connect(self.request)

    @property
    def dialog(self) -> QDialog | None:
        """The dialog this controller last opened: its own, or the guard's sign-in."""
        return self._dialog or (self.guard.dialog if self.guard is not None else None)

    def request(self) -> None:
        if self.guard is None:
            self._menu()
            return
        action = Action.LEAVE_KIOSK_MODE if self.window.kiosk_mode else Action.SETTINGS
        if self.guard.account is None and not pin_is_set(self.settings) and self.window.kiosk_mode:
            log.warning("Admin actions asked for on a kiosk without accounts or PIN")
        self._dialog = None
        self.guard.dialog = None
        self.guard.require(action, self._menu)

    def _menu(self) -> None:
        menu = QDialog(self.window)
        menu.setWindowTitle(self.tr("Admin"))
        layout = QVBoxLayout(menu)
        signed_in = self.guard is not None and self.guard.account is not None
        if not signed_in and not pin_is_set(self.settings):
            warn = QLabel(
                self.tr(
                    "No admin account: anyone can leave kiosk mode. "
                    "Add one under Accounts… or with `kiosk user add NAME --role admin`."
                )
            )
            warn.setObjectName("warning")
            warn.setWordWrap(True)
            layout.addWidget(warn)
        toggle = QPushButton(
            self.tr("Leave kiosk mode") if self.window.kiosk_mode else self.tr("Enter kiosk mode")
        )
        settings = QPushButton(self.tr("Settings…"))
        school = QPushButton(self.tr("Classes and students…"))
        school.setVisible(self.ctx is not None and self.runner is not None)
        school.clicked.connect(menu.accept)
        school.clicked.connect(self.open_school_admin)
        accounts = QPushButton(self.tr("Accounts…"))
        accounts.setVisible(self.guard is not None)
        quit_button = QPushButton(self.tr("Close the kiosk"))
        sign_out = QPushButton(self.tr("Sign out"))
        sign_out.setVisible(signed_in)
        cancel = QPushButton(self.tr("Cancel"))
        for b in (toggle, school, settings, accounts, quit_button, sign_out, cancel):
            b.setMinimumHeight(56)
            layout.addWidget(b)
        toggle.clicked.connect(menu.accept)
        toggle.clicked.connect(lambda: self.window.set_kiosk_mode(not self.window.kiosk_mode))
        settings.clicked.connect(menu.accept)
        settings.clicked.connect(self._settings)
        accounts.clicked.connect(menu.accept)
        accounts.clicked.connect(self._accounts)
        quit_button.clicked.connect(menu.accept)
        quit_button.clicked.connect(self._quit)
        sign_out.clicked.connect(menu.accept)
        if self.guard is not None:
            sign_out.clicked.connect(self.guard.lock)
        cancel.clicked.connect(menu.reject)
        name_controls(menu)
        menu.finished.connect(menu.deleteLater)
        self._dialog = menu
        menu.open()

    def _quit(self) -> None:
        if self.window.kiosk_mode:
            self.window.set_kiosk_mode(False)  # the admin chose it: no second sign-in to close
        self.window.close()

    def _accounts(self) -> None:
        from kiosk.gui.users_dialog import UsersDialog

        if self.guard is None:
            return
        dialog = UsersDialog(self.guard, self.window)
        dialog.finished.connect(dialog.deleteLater)
        self._dialog = dialog
        dialog.open()

    def _settings(self) -> None:
        dialog = SettingsDialog(self.settings, self.window)
        dialog.accepted.connect(
            lambda: QMessageBox.information(
                self.window, self.tr("Settings saved"), self.tr("The new settings apply at the next start.")
            )
        )
        dialog.finished.connect(dialog.deleteLater)
        self._dialog = dialog
        dialog.open()

    def open_school_admin(self) -> SchoolAdminDialog | None:
        """Classes, students and roster import (behind the PIN like every admin action)."""
        ctx, runner = self.ctx, self.runner
        if ctx is None or runner is None:
            return None

        def open_import(parent: QWidget) -> None:
            loaded = ctx.models.loaded
            model = loaded.model_name if loaded is not None else active_model(self.settings)
            dialog = RosterImportDialog(ctx.roster_service, ctx.enrollment_service, model, runner, parent)
            dialog.finished.connect(dialog.deleteLater)
            dialog.open()

        def open_faces(parent: QWidget, student: StudentInfo) -> None:
            from kiosk.gui.face_collection import FaceCollectionDialog

            loaded = ctx.models.loaded
            model = loaded.model_name if loaded is not None else active_model(self.settings)
            recognition = self.settings.recognition
            dialog = FaceCollectionDialog(
                student.student_id,
                ctx.roster_service,
                runner,
                model_name=model,
                threshold=recognition.threshold_for(model),
                margin=recognition.margin_for(model),
                parent=parent,
            )
            dialog.finished.connect(dialog.deleteLater)
            self.faces_dialog = dialog
            dialog.open()

        school = SchoolAdminDialog(
            ctx.roster_service, runner, self.window, open_import=open_import, open_faces=open_faces
        )
        school.finished.connect(school.deleteLater)
        self._dialog = school
        school.open()
        return school
