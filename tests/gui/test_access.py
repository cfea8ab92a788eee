"""Who may do what at the window: kiosk mode locked, sign-in, throttling, roles, the inactivity lock.

Real widgets offscreen on a real SQLite copy of the classroom database, with two accounts:
the admin ``head`` and the teacher ``rivera``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPushButton
from pytestqt.qtbot import QtBot
from shiboken6 import isValid
from sqlalchemy import create_engine, text

from kiosk.app.database import Database
from kiosk.core.authz import Role
from kiosk.core.domain import AttendanceStatus
from kiosk.gui.app import KioskGui, build_gui
from kiosk.gui.login_dialog import LoginDialog
from kiosk.infra.config import GuiSettings, Settings
from tests.gui.conftest import CLASS_CODE, NO_CONSENT, Classroom

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("no_leaked_threads")]

ADMIN, ADMIN_PIN = "head", "1357"
TEACHER, TEACHER_PIN = "rivera", "2468"


@pytest.fixture
def accounts_settings(gui_settings: Settings) -> Settings:
    database = Database.open(gui_settings)
    try:
        database.accounts.add(ADMIN, Role.ADMIN, ADMIN_PIN)
        database.accounts.add(TEACHER, Role.TEACHER, TEACHER_PIN, [CLASS_CODE])  # rivera teaches 9B
    finally:
        database.close()
    return dataclasses.replace(gui_settings, gui=GuiSettings(kiosk_mode=True))


@pytest.fixture
def opened(qtbot: QtBot) -> Iterator[list[KioskGui]]:
    guis: list[KioskGui] = []
    yield guis
    for gui in guis:
        gui.shutdown()
        gui.window.allow_close()
        gui.window.close()


def start(qtbot: QtBot, classroom: Classroom, settings: Settings, opened: list[KioskGui]) -> KioskGui:
    gui = build_gui(settings, pipeline=classroom.pipeline)
    qtbot.addWidget(gui.window)
    opened.append(gui)
    qtbot.waitUntil(gui.window.start_view.start_button.isEnabled, timeout=15_000)
    return gui


def press(
    qtbot: QtBot, gui: KioskGui, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """A key on the main window, once it is the active window again (shortcuts need that)."""
    gui.window.activateWindow()
    qtbot.waitUntil(gui.window.isActiveWindow, timeout=2000)
    qtbot.keyClick(gui.window, key, modifier)


def login_dialog(qtbot: QtBot, gui: KioskGui) -> LoginDialog:
    qtbot.waitUntil(lambda: isinstance(gui.session.guard.dialog, LoginDialog), timeout=5000)
    dialog = gui.session.guard.dialog
    assert isinstance(dialog, LoginDialog)
    qtbot.waitUntil(dialog.isVisible, timeout=2000)
    return dialog


def attempt(qtbot: QtBot, dialog: LoginDialog, name: str, pin: str) -> None:
    """Type a name and PIN and press Enter; returns once the answer is shown (or the dialog closed)."""
    before = dialog.failures
    dialog.name.setText(name)
    dialog.pin.setText(pin)
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: not isValid(dialog) or dialog.failures > before or not dialog.isVisible(), timeout=5000
    )


def refused_then_cancelled(qtbot: QtBot, gui: KioskGui, name: str = ADMIN) -> None:
    dialog = login_dialog(qtbot, gui)
    attempt(qtbot, dialog, name, "0000")
    assert dialog.isVisible() and dialog.message.isVisible()
    dialog.reject()


def test_kiosk_mode_asks_an_admin_to_quit_close_enroll_open_settings_or_leave(
    qtbot: QtBot, classroom: Classroom, accounts_settings: Settings, opened: list[KioskGui]
) -> None:
    gui = start(qtbot, classroom, accounts_settings, opened)
    window = gui.window
    assert window.kiosk_mode

    press(qtbot, gui, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Q
    refused_then_cancelled(qtbot, gui)
    assert window.isVisible()

    window.close()  # the window manager's close button, Alt+F4
    refused_then_cancelled(qtbot, gui)
    assert window.isVisible() and gui.session.phase.value != "closed"

    # (Two wrong PINs for the admin so far; more would make the admin wait: see the next test.)
    qtbot.mouseClick(window.start_view.enroll_button, Qt.MouseButton.LeftButton)
    refused_then_cancelled(qtbot, gui, TEACHER)
    assert gui.session.enrollment is None

    press(qtbot, gui, Qt.Key.Key_F11)  # the admin menu: settings, leaving kiosk mode
    refused_then_cancelled(qtbot, gui, TEACHER)
    assert not any(d.windowTitle() == "Admin" and d.isVisible() for d in window.findChildren(QDialog))
    assert window.kiosk_mode

    # With the admin's PIN: the menu, and leaving kiosk mode.
    press(qtbot, gui, Qt.Key.Key_F11)
    attempt(qtbot, login_dialog(qtbot, gui), ADMIN, ADMIN_PIN)
    qtbot.waitUntil(
        lambda: gui.admin.dialog is not None and gui.admin.dialog.windowTitle() == "Admin", timeout=5000
    )
    menu = gui.admin.dialog
    assert menu is not None
    leave = next(b for b in menu.findChildren(QPushButton) if b.text() == "Leave kiosk mode")
    qtbot.mouseClick(leave, Qt.MouseButton.LeftButton)
    assert not window.kiosk_mode


def test_repeated_wrong_pins_are_throttled_and_counted_in_the_database(
    qtbot: QtBot, classroom: Classroom, accounts_settings: Settings, opened: list[KioskGui]
) -> None:
    gui = start(qtbot, classroom, accounts_settings, opened)
    press(qtbot, gui, Qt.Key.Key_F11)
    dialog = login_dialog(qtbot, gui)
    for _ in range(3):
        attempt(qtbot, dialog, ADMIN, "9999")
    attempt(qtbot, dialog, ADMIN, ADMIN_PIN)  # the right PIN, but too soon after three wrong ones
    assert dialog.isVisible() and "wait" in dialog.message.text()
    assert gui.session.guard.account is None
    engine = create_engine(accounts_settings.database_url)
    with engine.connect() as conn:
        failures = conn.execute(text("SELECT failures FROM users WHERE name = :n"), {"n": ADMIN}).scalar_one()
    engine.dispose()
    assert failures == 3  # kept by the database: a restart does not reset it


def test_a_teacher_runs_a_session_and_marks_by_hand_but_cannot_enroll(
    qtbot: QtBot, classroom: Classroom, accounts_settings: Settings, opened: list[KioskGui]
) -> None:
    settings = dataclasses.replace(accounts_settings, gui=GuiSettings(kiosk_mode=False))
    gui = start(qtbot, classroom, settings, opened)
    sv = gui.window.start_view

    qtbot.mouseClick(sv.enroll_button, Qt.MouseButton.LeftButton)
    dialog = login_dialog(qtbot, gui)
    attempt(qtbot, dialog, TEACHER, TEACHER_PIN)
    assert dialog.isVisible() and "may not do this" in dialog.message.text()
    dialog.reject()
    assert gui.session.enrollment is None and gui.session.guard.account is None

    sv.class_combo.setCurrentIndex(sv.class_combo.findData(CLASS_CODE))
    qtbot.mouseClick(sv.start_button, Qt.MouseButton.LeftButton)
    attempt(qtbot, login_dialog(qtbot, gui), TEACHER, TEACHER_PIN)
    qtbot.waitUntil(lambda: gui.session.service is not None, timeout=10_000)
    assert gui.session.guard.actor == TEACHER

    student = classroom.students[NO_CONSENT]
    saved: list[object] = []
    gui.session.manual.mark(student.id, AttendanceStatus.EXCUSED, "dentist", saved.append)
    qtbot.waitUntil(lambda: bool(saved), timeout=5000)
    engine = create_engine(settings.database_url)
    with engine.connect() as conn:
        # What this session wrote (the classroom's consents and accounts, and the start's
        # retention purge, came before).
        actors = set(
            conn.execute(
                text(
                    "SELECT actor FROM audit_log WHERE action NOT IN ('student.consent_given', 'privacy.purge')"
                    " AND action NOT LIKE 'user.%'"
                )
            ).scalars()
        )
        started_by = conn.execute(text("SELECT started_by FROM attendance_sessions")).scalars().all()
    engine.dispose()
    assert actors == {TEACHER} and started_by == [TEACHER]


def test_inactivity_signs_out_and_closes_what_was_left_open(
    qtbot: QtBot, classroom: Classroom, accounts_settings: Settings, opened: list[KioskGui]
) -> None:
    settings = dataclasses.replace(accounts_settings, lock_after_minutes=0.01)  # 0.6 seconds
    gui = start(qtbot, classroom, settings, opened)
    press(qtbot, gui, Qt.Key.Key_F11)
    attempt(qtbot, login_dialog(qtbot, gui), ADMIN, ADMIN_PIN)
    qtbot.waitUntil(
        lambda: gui.admin.dialog is not None and gui.admin.dialog.windowTitle() == "Admin", timeout=5000
    )
    menu = gui.admin.dialog
    assert menu is not None and gui.session.guard.actor == ADMIN
    gui.records.request()  # signed in as an admin: the records open without asking again
    qtbot.waitUntil(lambda: gui.window.stack.currentWidget() is not gui.window.start_view, timeout=5000)
    with qtbot.waitSignal(gui.session.guard.locked, timeout=5000):
        pass
    assert gui.session.guard.account is None
    assert not menu.isVisible()
    assert gui.window.stack.currentWidget() is gui.window.start_view  # the records closed
    assert gui.window.kiosk_mode  # still locked: the next admin action asks again
    press(qtbot, gui, Qt.Key.Key_F11)
    login_dialog(qtbot, gui).reject()


def test_a_teacher_signed_in_to_the_records_sees_only_their_classes(
    qtbot: QtBot, classroom: Classroom, accounts_settings: Settings, opened: list[KioskGui]
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from kiosk.infra.db.store import DirectStore

    database = Database.open(accounts_settings)
    try:
        database.roster.add_class("10A", "Maths 10A")  # another teacher's class, with a session
        theirs = DirectStore(database.engine).open_session("10A", started_by="okafor", kiosk_id="room-7")
    finally:
        database.close()
    gui = start(qtbot, classroom, accounts_settings, opened)
    assert gui.window.kiosk_mode
    gui.records.request()
    attempt(qtbot, login_dialog(qtbot, gui), TEACHER, TEACHER_PIN)  # a teacher may open the records
    qtbot.waitUntil(
        lambda: (
            gui.records.controller is not None
            and gui.window.stack.currentWidget() is gui.records.controller.view
        ),
        timeout=5000,
    )
    controller = gui.records.controller
    assert controller is not None and controller.actor == TEACHER
    view = controller.view
    qtbot.waitUntil(lambda: view.report.class_combo.count() > 0 and not controller.runner.busy, timeout=5000)
    pickers = (view.class_combo, view.report.class_combo)
    assert [[c.itemText(i) for i in range(c.count())] for c in pickers] == [
        ["All classes", CLASS_CODE],
        [CLASS_CODE],
    ]
    assert view.session_count() == 0  # 10A's session is not listed under "All classes"

    controller.open_session(theirs.id)  # asked for directly: refused, in one message
    qtbot.waitUntil(lambda: any(b.isVisible() for b in view.findChildren(QMessageBox)), timeout=5000)
    box = next(b for b in view.findChildren(QMessageBox) if b.isVisible())
    assert box.text() == "rivera does not teach class 10A: a teacher sees and changes only their own classes."
    assert controller.detail is None
    box.close()


def test_an_admin_adds_disables_and_unlocks_accounts_in_the_window(
    qtbot: QtBot, classroom: Classroom, accounts_settings: Settings, opened: list[KioskGui]
) -> None:
    from collections import Counter

    from kiosk.gui.accessibility import mnemonics, unnamed_controls
    from kiosk.gui.users_dialog import UsersDialog

    settings = dataclasses.replace(accounts_settings, gui=GuiSettings(kiosk_mode=False))
    gui = start(qtbot, classroom, settings, opened)
    dialog = UsersDialog(gui.session.guard, gui.window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.accounts.count() == 2, timeout=5000)
    assert unnamed_controls(dialog) == []
    assert all(n == 1 for n in Counter(k for k, _ in mnemonics(dialog)).values())
    dialog.name.setText("okafor")
    dialog.role.setCurrentIndex(dialog.role.findData(Role.TEACHER))
    dialog.pin.setText("8642")
    assert dialog.classes.isEnabled() and dialog.checked_classes() == []
    dialog.choose_classes([CLASS_CODE])  # okafor teaches 9B
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.accounts.count() == 3, timeout=5000)
    assert dialog.pin.text() == ""  # never left on screen
    row = {dialog.accounts.item(i).text().split(" — ")[0]: i for i in range(3)}
    assert dialog.accounts.item(row["okafor"]).text().endswith(f" — {CLASS_CODE}")
    dialog.accounts.setCurrentRow(row[ADMIN])
    assert not dialog.classes.isEnabled() and not dialog.save_classes_button.isEnabled()  # every class
    dialog.accounts.setCurrentRow(row["okafor"])
    assert dialog.classes.isEnabled() and dialog.checked_classes() == [CLASS_CODE]
    dialog.choose_classes([])
    qtbot.mouseClick(dialog.save_classes_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: dialog.accounts.item(row["okafor"]).text() == "okafor — teacher — active", timeout=5000
    )
    assert "Classes of okafor saved" in dialog.message.text()
    qtbot.mouseClick(dialog.disable_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any("disabled" in dialog.accounts.item(i).text() for i in range(3)), timeout=5000)
    dialog.name.setText("bad\x07name")
    dialog.pin.setText("1234")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.last_error is not None, timeout=5000)
    assert "cannot be an account name" in dialog.message.text()
    login = LoginDialog("Sign in", gui.window)
    qtbot.addWidget(login)
    assert unnamed_controls(login) == []
