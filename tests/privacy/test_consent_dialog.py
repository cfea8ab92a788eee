"""The admin's consent dialog, real widgets offscreen, on a real SQLite file and PostgreSQL."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app.consent import ConsentService
from kiosk.core.consent import ConsentKind, ConsentParty
from kiosk.gui.consent_dialog import ConsentDialog
from kiosk.gui.runner import OpRunner

from .conftest import Kiosk

pytestmark = pytest.mark.gui


def test_the_dialog_shows_the_ledger_and_records_an_objection(kiosk: Kiosk, qtbot: QtBot) -> None:
    kiosk.seed()
    engine = kiosk.engine()
    service = ConsentService(engine)
    runner = OpRunner("test-db")
    try:
        dialog = ConsentDialog("S2", lambda: service, runner)
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=5000)
        assert "Face matching is allowed" in dialog.state.text()
        assert "Alan Turing (S2)" in dialog.windowTitle()
        dialog.kind.setCurrentIndex(dialog.kind.findData(ConsentKind.OBJECTION))
        dialog.party.setCurrentIndex(dialog.party.findData(ConsentParty.PUPIL))
        dialog.name.setText("Alan Turing")
        with qtbot.waitSignal(dialog.changed, timeout=5000) as got:
            dialog.save_button.click()
        assert got.args is not None and not got.args[0].allowed
        qtbot.waitUntil(lambda: dialog.table.rowCount() == 2, timeout=5000)
        assert (
            "NOT allowed" in dialog.state.text() and "objection by Alan Turing (pupil)" in dialog.state.text()
        )
        assert service.get_student("S2").encoding_count == 0
        # A bad row is one line in the dialog, nothing stored.
        dialog.name.setText("")
        dialog.save_button.click()
        qtbot.waitUntil(lambda: "needs the name" in dialog.message.text(), timeout=5000)
        assert len(service.history("S2").entries) == 2
    finally:
        runner.shutdown()
        engine.dispose()
