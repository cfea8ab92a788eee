"""The face collection manager with real widgets: opened from the admin's school dialog, it lists a
student's encodings, re-checks them against the school (a planted photo of another student is
flagged) and deletes one (audited; the gallery the kiosks load no longer holds it)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from kiosk.app.roster import NewEncoding, RosterService
from kiosk.gui.admin_controller import AdminController
from kiosk.gui.context import GuiContext
from kiosk.gui.face_collection import NO_THUMBNAIL, FaceCollectionDialog
from kiosk.gui.main_window import MainWindow
from kiosk.gui.runner import OpRunner
from kiosk.infra.config import Settings
from kiosk.infra.db.engine import build_engine, session_factory, unit_of_work
from kiosk.infra.db.models import AuditLog
from kiosk.infra.recognition.images import load_image
from tests.gui.conftest import PEOPLE, Classroom, student_id

pytestmark = [pytest.mark.gui, pytest.mark.recognition]
WAIT_MS = 20_000


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[OpRunner]:
    r = OpRunner("kiosk-test-faces")
    yield r
    r.shutdown()


@pytest.fixture
def ctx(gui_settings: Settings) -> Iterator[GuiContext]:
    context = GuiContext(gui_settings)
    context.open_services()
    yield context
    context.close()


def settle(qtbot: QtBot, d: FaceCollectionDialog) -> None:
    qtbot.waitUntil(lambda: d.pending == 0, timeout=WAIT_MS)
    qtbot.wait(10)
    qtbot.waitUntil(lambda: d.pending == 0, timeout=WAIT_MS)


def open_manager(qtbot: QtBot, ctx: GuiContext, runner: OpRunner, label: str) -> FaceCollectionDialog:
    window = MainWindow()
    qtbot.addWidget(window)
    admin = AdminController(ctx.settings, window, ctx=ctx, runner=runner)
    school = admin.open_school_admin()
    assert school is not None
    qtbot.waitUntil(lambda: school.pending == 0 and school.students_table.rowCount() > 0, timeout=WAIT_MS)
    table = school.students_table
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == student_id(label))
    table.selectRow(row)
    assert not school.faces_button.isHidden()  # on the Students tab
    school.faces_button.click()
    dialog = admin.faces_dialog
    assert isinstance(dialog, FaceCollectionDialog)
    settle(qtbot, dialog)
    return dialog


def plant(ctx: GuiContext, classroom: Classroom, photo_of: str, under: str) -> None:
    """File one photo of ``photo_of`` under ``under`` without the enrollment check (as old data may be)."""
    roster: RosterService = ctx.roster_service()
    _face, vector = classroom.pipeline.embed_single(load_image(PEOPLE / photo_of / "5.jpg"))
    student = roster.get_student(student_id(under))
    roster.store_encodings(student, classroom.pipeline.model_name, [NewEncoding(vector, "photo:planted.jpg")])


def audit_count(settings: Settings, action: str) -> int:
    engine = build_engine(settings)
    try:
        with unit_of_work(session_factory(engine)) as s:
            return int(s.scalar(select(func.count()).where(AuditLog.action == action)) or 0)
    finally:
        engine.dispose()


def test_the_manager_lists_and_deletes_one_encoding(
    qtbot: QtBot, classroom: Classroom, ctx: GuiContext, runner: OpRunner
) -> None:
    dialog = open_manager(qtbot, ctx, runner, "person02")
    before = dialog.table.rowCount()
    assert before == classroom.students["person02"].encoding_count >= 2
    assert dialog.table.item(0, 1).text().startswith("photo:")
    assert dialog.table.item(0, 3).text() == classroom.pipeline.model_name
    assert dialog.table.item(0, 5).text() == NO_THUMBNAIL
    assert not dialog.photo.pixmap().isNull()  # the roster thumbnail, the one picture kept
    assert not dialog.delete_button.isEnabled()  # nothing selected yet

    doomed = dialog.encodings[0].id
    dialog.table.selectRow(0)
    assert dialog.delete_button.isEnabled()
    dialog.delete_selected(confirmed=False)  # the admin said no
    settle(qtbot, dialog)
    assert dialog.table.rowCount() == before
    dialog.delete_selected(confirmed=True)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == before - 1, timeout=WAIT_MS)
    settle(qtbot, dialog)
    assert doomed not in {e.id for e in dialog.encodings}
    assert dialog.status.kind == "ok", dialog.status.plain
    assert audit_count(ctx.settings, "encoding_deleted") == 1
    gallery = ctx.roster_service().gallery(classroom.pipeline.model_name)
    assert doomed not in gallery.encoding_ids  # type: ignore[attr-defined]
    dialog.close()


def test_recheck_flags_a_photo_of_another_student(
    qtbot: QtBot, classroom: Classroom, ctx: GuiContext, runner: OpRunner
) -> None:
    plant(ctx, classroom, photo_of="person01", under="person02")
    dialog = open_manager(qtbot, ctx, runner, "person02")
    planted = next(e for e in dialog.encodings if e.source == "photo:planted.jpg")
    dialog.recheck_button.click()
    settle(qtbot, dialog)
    assert dialog.status.kind == "error" and "problem(s)" in dialog.status.plain, dialog.status.plain
    flags = {
        int(dialog.table.item(r, 0).text()): dialog.table.item(r, 6).text()
        for r in range(dialog.table.rowCount())
    }
    assert "looks more like Student 01 (S-01" in flags[planted.id]
    assert all(not text for eid, text in flags.items() if eid != planted.id)
    assert f"kiosk faces delete S-02 {planted.id}" in dialog.status.plain

    # The fix: delete the flagged encoding; the re-check is then clean.
    dialog.select_encoding(planted.id)
    dialog.delete_selected(confirmed=True)
    settle(qtbot, dialog)
    dialog.recheck_button.click()
    settle(qtbot, dialog)
    assert dialog.status.kind == "ok", dialog.status.plain
    dialog.close()


def test_a_look_alike_pair_recorded_by_mistake_is_forgotten_here(
    qtbot: QtBot, classroom: Classroom, ctx: GuiContext, runner: OpRunner
) -> None:
    roster = ctx.roster_service()
    roster.record_lookalikes(student_id("person02"), student_id("person03"), actor="office")
    dialog = open_manager(qtbot, ctx, runner, "person02")
    assert dialog.lookalike_list.count() == 1
    assert student_id("person03") in dialog.lookalike_list.item(0).text()
    assert "office" in dialog.lookalike_list.item(0).text()
    assert not dialog.forget_button.isEnabled()  # nothing selected yet

    dialog.select_lookalike(student_id("person03"))
    assert dialog.forget_button.isEnabled()
    dialog.forget_selected(confirmed=False)  # the admin said no
    settle(qtbot, dialog)
    assert len(roster.recorded_lookalikes()) == 1
    dialog.forget_selected(confirmed=True)
    settle(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.lookalikes, timeout=WAIT_MS)
    assert dialog.status.kind == "ok", dialog.status.plain
    assert roster.recorded_lookalikes() == []
    assert dialog.lookalike_list.item(0).text() == "None recorded." and not dialog.lookalike_list.isEnabled()
    assert audit_count(ctx.settings, "lookalikes_forgotten") == 1
    dialog.close()
