"""School admin in the window: classes and students edited with real widgets on a real SQLite
database, and a roster import whose preview shows every row's fate before anything is written."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import time
from pathlib import Path

import pytest

from kiosk.app.database import Database
from kiosk.app.enrollment import EnrollmentService
from kiosk.app.roster import RosterService
from kiosk.core.errors import NotFound
from kiosk.gui.admin_roster import RosterImportDialog
from kiosk.gui.admin_school import SchoolAdminDialog
from kiosk.gui.runner import OpRunner
from kiosk.infra.config import load_settings

pytestmark = pytest.mark.gui
WAIT_MS = 20_000


@pytest.fixture
def roster(tmp_path: Path) -> Iterator[RosterService]:
    database = Database.open(load_settings(data_dir=tmp_path / "data"))
    service = database.roster
    service.add_class("9B", "Biology 9B")
    service.add_class("10A", "Chemistry 10A")
    service.add_student(
        student_id="S1", name="Ada Lovelace", class_code="9B", consent=True, consent_by="parent"
    )
    yield service
    database.close()


@pytest.fixture
def runner(qtbot) -> Iterator[OpRunner]:  # type: ignore[no-untyped-def]
    r = OpRunner("kiosk-test-admin")
    yield r
    r.shutdown()


@pytest.fixture
def dialog(qtbot, roster: RosterService, runner: OpRunner) -> SchoolAdminDialog:  # type: ignore[no-untyped-def]
    d = SchoolAdminDialog(lambda: roster, runner)
    qtbot.addWidget(d)
    d.show()
    settle(qtbot, d)
    return d


def settle(qtbot, d: SchoolAdminDialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: d.pending == 0, timeout=WAIT_MS)
    qtbot.wait(10)
    qtbot.waitUntil(lambda: d.pending == 0, timeout=WAIT_MS)


def select_row(table, text: str) -> None:  # type: ignore[no-untyped-def]
    for row in range(table.rowCount()):
        if table.item(row, 0).text() == text:
            table.selectRow(row)
            return
    raise AssertionError(f"{text} not in the table")


def test_classes_add_rename_start_archive(qtbot, dialog: SchoolAdminDialog, roster: RosterService) -> None:  # type: ignore[no-untyped-def]
    assert dialog.classes_table.rowCount() == 2
    dialog.code_edit.setText("11C")
    dialog.name_edit.setText("Physics 11C")
    dialog.start_edit.setText("08:30")
    dialog.add_class_button.click()
    settle(qtbot, dialog)
    assert dialog.status.kind == "ok", dialog.status.plain
    assert roster.get_class("11C").starts_at == time(8, 30)
    assert dialog.classes_table.rowCount() == 3

    select_row(dialog.classes_table, "9B")
    assert dialog.name_edit.text() == "Biology 9B"
    dialog.name_edit.setText("Biology 9C")
    dialog.code_edit.setText("9C")
    dialog.start_edit.setText("09:15")
    dialog.save_class_button.click()
    settle(qtbot, dialog)
    assert dialog.status.kind == "ok", dialog.status.plain
    renamed = roster.get_class("9C")
    assert renamed.name == "Biology 9C" and renamed.starts_at == time(9, 15)
    assert roster.get_student("S1").class_code == "9C"  # the students moved with the code

    select_row(dialog.classes_table, "10A")
    dialog.start_edit.setText("25:99")
    dialog.save_class_button.click()
    assert dialog.status.kind == "error" and "not a time of day" in dialog.status.plain
    assert roster.get_class("10A").starts_at is None  # nothing stored

    dialog.archive_button.click()
    settle(qtbot, dialog)
    assert "10A" not in {c.code for c in roster.list_classes()}
    assert all(
        dialog.classes_table.item(r, 0).text() != "10A" for r in range(dialog.classes_table.rowCount())
    )
    dialog.show_archived.setChecked(True)
    settle(qtbot, dialog)
    select_row(dialog.classes_table, "10A")
    assert dialog.archive_button.text() == "Bring back"


def test_students_add_edit_move_deactivate_delete(
    qtbot, dialog: SchoolAdminDialog, roster: RosterService
) -> None:  # type: ignore[no-untyped-def]
    dialog.sid_edit.setText("S2")
    dialog.sname_edit.setText("Alan Turing")
    dialog.email_edit.setText("alan@school.org")
    dialog.class_combo.setCurrentIndex(dialog.class_combo.findData("10A"))
    dialog.consent_check.setChecked(True)
    dialog.consent_by_edit.setText("Parent: S. Turing")
    dialog.add_student_button.click()
    settle(qtbot, dialog)
    assert dialog.status.kind == "ok", dialog.status.plain
    added = roster.get_student("S2")
    assert added.class_code == "10A" and added.consent_given and added.consent_by == "Parent: S. Turing"

    dialog.sid_edit.setText("S3")
    dialog.sname_edit.setText("Grace")
    dialog.email_edit.setText("alan@school.org")  # already Alan's
    dialog.add_student_button.click()
    settle(qtbot, dialog)
    assert dialog.status.kind == "error" and "already has the email" in dialog.status.plain
    assert roster.find_student("S3") is None

    select_row(dialog.students_table, "S1")
    assert dialog.sname_edit.text() == "Ada Lovelace"
    dialog.sname_edit.setText("Ada King")
    dialog.class_combo.setCurrentIndex(dialog.class_combo.findData("10A"))
    dialog.save_student_button.click()
    settle(qtbot, dialog)
    assert dialog.status.kind == "ok", dialog.status.plain
    moved = roster.get_student("S1")
    assert moved.name == "Ada King" and moved.class_code == "10A"

    select_row(dialog.students_table, "S1")
    dialog.deactivate_button.click()
    settle(qtbot, dialog)
    assert not roster.get_student("S1").is_active
    select_row(dialog.students_table, "S1")
    assert dialog.deactivate_button.text() == "Reactivate"

    select_row(dialog.students_table, "S2")
    dialog.delete_student(confirmed=False)
    assert roster.find_student("S2") is not None
    dialog.delete_student(confirmed=True)
    settle(qtbot, dialog)
    with pytest.raises(NotFound):
        roster.get_student("S2")


def test_roster_preview_shows_every_row_before_writing(  # type: ignore[no-untyped-def]
    qtbot, roster: RosterService, runner: OpRunner, tmp_path: Path
) -> None:
    folder = tmp_path / "roster"
    folder.mkdir()
    csv_path = folder / "klasse.csv"
    # What Excel writes in a German locale: semicolons, Windows-1252, Ja/Nein.
    csv_path.write_bytes(
        "student_id;name;class;consent\nS1;Ada Lovelace;9B;Ja\nS7;Jörg Müller;9B;Nein\nS8;Zoë;7Z;ja\n".encode(
            "cp1252"
        )
    )

    def no_enrollment() -> EnrollmentService:
        raise AssertionError("no photos: nothing to enroll")

    d = RosterImportDialog(lambda: roster, no_enrollment, "Dlib", runner)
    qtbot.addWidget(d)
    d.show()
    d.file_edit.setText(str(csv_path))
    d.photos_edit.setText(str(folder))
    d.preview_button.click()
    qtbot.waitUntil(lambda: d.status.kind in {"ok", "error"} and not d.busy(), timeout=WAIT_MS)
    assert d.table.rowCount() == 3
    fates = {
        d.table.item(r, 1).text(): (d.table.item(r, 2).text(), d.table.item(r, 3).text()) for r in range(3)
    }
    assert fates["S1"][0] == "skip"
    assert fates["S7"][0] == "add"
    assert "7Z" in fates["S8"][1] and "does not exist" in fates["S8"][1]
    assert "semicolon" in d.summary.text() and "1 with problems" in d.summary.text()
    assert d.status.kind == "error" and not d.import_button.isEnabled()
    assert roster.find_student("S7") is None  # the preview wrote nothing

    csv_path.write_bytes(
        "student_id;name;class;consent\nS1;Ada Lovelace;9B;Ja\nS7;Jörg Müller;9B;Nein\n".encode("cp1252")
    )
    d.preview_button.click()
    qtbot.waitUntil(lambda: d.status.kind == "ok" and not d.busy(), timeout=WAIT_MS)
    assert d.import_button.isEnabled()
    d.import_button.click()
    qtbot.waitUntil(lambda: d.outcome is not None and not d.busy(), timeout=WAIT_MS)
    assert d.status.kind == "ok", d.status.plain
    joerg = roster.get_student("S7")
    assert joerg.name == "Jörg Müller" and not joerg.consent_given


def test_the_admin_menu_opens_school_admin(qtbot, tmp_path: Path, runner: OpRunner) -> None:  # type: ignore[no-untyped-def]
    from kiosk.gui.admin_controller import AdminController
    from kiosk.gui.context import GuiContext
    from kiosk.gui.main_window import MainWindow

    settings = load_settings(data_dir=tmp_path / "kiosk")
    ctx = GuiContext(settings)
    ctx.open_services()
    window = MainWindow()
    qtbot.addWidget(window)
    try:
        admin = AdminController(settings, window, ctx=ctx, runner=runner)
        school = admin.open_school_admin()
        assert school is not None and school.isVisible()
        settle(qtbot, school)
        school.code_edit.setText("9B")
        school.name_edit.setText("Biology 9B")
        school.add_class_button.click()
        settle(qtbot, school)
        assert school.classes_table.rowCount() == 1, school.status.plain
        school.close()
    finally:
        ctx.close()
