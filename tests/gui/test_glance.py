"""Screens that read at a glance: fit at 1280x720, scaled type, AA contrast, unique Alt keys,
accessible names, plain words, notices by severity, readiness before Start, translations.

The screens are the real widgets, offscreen, filled with the worst case a teacher can meet
(every notice shown at once, long names, a long camera error).
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QWidget,
)
from pytestqt.qtbot import QtBot

from kiosk.app.session import RosterEntry
from kiosk.core.contrast import AA_TEXT, contrast_ratio
from kiosk.core.domain import (
    AttendanceMark,
    AttendanceStatus,
    ClassInfo,
    MarkSource,
    SessionInfo,
    SessionSummary,
    StudentInfo,
)
from kiosk.core.errors import CameraError
from kiosk.core.readiness import assess
from kiosk.gui.accessibility import is_interactive, mnemonics, unnamed_controls
from kiosk.gui.admin_controller import SettingsDialog
from kiosk.gui.app import build_gui
from kiosk.gui.dialogs import ManualMarkDialog, PinDialog
from kiosk.gui.enrollment_view import EnrollmentDialog
from kiosk.gui.main_window import ElidedLabel, MainWindow
from kiosk.gui.messages import ADMIN_WORDS, camera_text, error_text
from kiosk.gui.style import Look, lowest_contrast, stylesheet, text_pairs
from kiosk.gui.translations import choose_language, install_translations, remove_translations
from kiosk.infra.camera import CameraDevice
from kiosk.infra.camera.sources import SOURCE_HINT
from kiosk.infra.config import Settings, load_settings
from kiosk.infra.db.engine import build_engine, session_factory, unit_of_work
from kiosk.infra.db.repo import classes
from tests.gui.conftest import CLASS_CODE, NO_CONSENT, NOT_ENROLLED, Classroom, person_name

pytestmark = pytest.mark.gui

T0 = datetime(2026, 3, 2, 8, 31, tzinfo=UTC)
NAMES = [
    "Maximiliane Katharina von Hohenzollern-Sigmaringen",
    "Ada Lovelace",
    "Alan Turing",
    "Grace Hopper",
    "José María Fernández de Córdoba y Montoya",
    "Donald Knuth",
]


def _students() -> list[StudentInfo]:
    return [
        StudentInfo(uuid.uuid4(), f"S-{i}", name, "9B", consent_given=i != 5) for i, name in enumerate(NAMES)
    ]


def _mark(student: StudentInfo, status: AttendanceStatus, minutes: int, session: uuid.UUID) -> AttendanceMark:
    return AttendanceMark(
        id=uuid.uuid4(),
        session_id=session,
        student_uuid=student.id,
        status=status,
        marked_at=T0 + timedelta(minutes=minutes),
        source=MarkSource.AUTO if status is not AttendanceStatus.EXCUSED else MarkSource.MANUAL,
        confidence=0.97 if status is not AttendanceStatus.EXCUSED else None,
        note="doctor's appointment, back after the second lesson"
        if status is AttendanceStatus.EXCUSED
        else None,
    )


def fill_worst_case(window: MainWindow) -> None:
    """Every screen with the most it can show at once: all notices, long names and messages."""
    students = _students()
    session = SessionInfo(uuid.uuid4(), "9B", T0, T0 + timedelta(minutes=45), "ms.rivera", "room-12")
    window.set_database_status(
        "Database: PostgreSQL at db.school.example.org:5432 unreachable, offline since 08:12 (roster 3 h old)"
    )
    window.set_model_status("Model: facenet512 not installed")
    window.set_camera_status("Camera: reconnecting")
    window.set_rates("Camera 30 fps · recognition 12.5 fps")

    sv = window.start_view
    classes = [ClassInfo("10A", "Chemistry 10A"), ClassInfo("9B", "Biology and Environmental Science 9B")]
    sv.set_classes(classes, "9B")
    sv.set_cameras([CameraDevice(0, "HD Pro Webcam C920 with a very long device name", "/dev/video0")], "0")
    sv.show_database_state("Database ready: 2 classes.", retry=True)
    sv.show_model_state(
        "Face recognition is off: the face model weights for facenet512 are not installed.\n"
        "Sessions can still be run, marking attendance by hand.\n"
        "For the school's admin: download them with `kiosk models fetch`, or switch to dlib-offline.",
    )  # (while loading it is one line and a progress bar: shorter than this)
    enrolled = {s.id for s in students[:2]}
    sv.show_class_readiness(assess("9B", students, enrolled, "Dlib"))
    sv.show_notice("PostgreSQL at db.school.example.org:5432 cannot be reached. Starting offline.", "warning")
    sv.preview.set_message(camera_text("No camera at index 7.", f"Cameras found: 0. {SOURCE_HINT}"))

    lv = window.live_view
    lv.show_session(
        "9B — Biology and Environmental Science 9B",
        [
            "Not enrolled for Dlib (mark by hand): " + ", ".join(NAMES[2:5]) + ".",
            "1 student(s) without consent are never recognised: mark them by hand.",
        ],
    )
    marks = {
        students[0].id: _mark(students[0], AttendanceStatus.PRESENT, 0, session.id),
        students[2].id: _mark(students[2], AttendanceStatus.LATE, 9, session.id),
        students[5].id: _mark(students[5], AttendanceStatus.EXCUSED, 2, session.id),
    }
    lv.roster.set_entries([RosterEntry(s, marks.get(s.id)) for s in students])

    summary = SessionSummary(
        session,
        classes[1],
        present=((students[0], marks[students[0].id]),),
        late=((students[2], marks[students[2].id]),),
        excused=((students[5], marks[students[5].id]),),
        absent=(students[1], students[3], students[4]),
    )
    window.summary_view.show_summary(summary)
    window.summary_view.show_message("Saved to /home/teacher/Documents/attendance-9B-20260302-0831.csv")


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[MainWindow]:
    win = MainWindow()
    qtbot.addWidget(win)
    fill_worst_case(win)
    yield win
    win.hide()


def _show(qtbot: QtBot, window: MainWindow, look: Look, size: tuple[int, int], page: QWidget) -> None:
    window.apply_look(look)
    window.stack.setCurrentWidget(page)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    app = QApplication.instance()
    assert app is not None
    for _ in range(3):
        app.processEvents()
    assert (window.width(), window.height()) == size, "the window cannot shrink to the screen"


def _rect_in(widget: QWidget, ancestor: QWidget) -> QRect:
    return QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())


def cut_off(window: MainWindow) -> list[str]:
    """Visible controls and labels not wholly inside the window (or their parents), or with clipped text."""
    problems = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or not (is_interactive(widget) or isinstance(widget, QLabel)):
            continue
        if widget.width() <= 0 or widget.height() <= 0:
            continue
        what = f"{type(widget).__name__} {widget.accessibleName() or getattr(widget, 'text', lambda: '')()!r}"
        if not window.rect().contains(_rect_in(widget, window)):
            problems.append(f"{what} at {_rect_in(widget, window).getRect()} is outside the window")
            continue
        parent = widget.parentWidget()
        while parent is not None and parent is not window:
            if not parent.rect().contains(_rect_in(widget, parent)):
                problems.append(f"{what} is clipped by {type(parent).__name__}")
                break
            parent = parent.parentWidget()
        if is_interactive(widget) and widget.height() + 1 < widget.minimumSizeHint().height():
            problems.append(
                f"{what} is squeezed to {widget.height()} px (needs {widget.minimumSizeHint().height()})"
            )
        if isinstance(widget, ElidedLabel):
            continue  # shortens itself on purpose, the whole text in its tooltip
        text_clipped = (isinstance(widget, QAbstractButton) and widget.text()) or (
            isinstance(widget, QLabel) and not widget.wordWrap() and widget.text()
        )
        if text_clipped and widget.sizeHint().width() > widget.width() + 1:
            problems.append(f"{what}: its text needs {widget.sizeHint().width()} px, it has {widget.width()}")
        wrapped = isinstance(widget, QLabel) and widget.wordWrap() and widget.text()
        if wrapped and widget.heightForWidth(widget.width()) > widget.height() + 1:
            problems.append(f"{what}: its wrapped text is taller than the label")
    return problems + overlaps(window)


def overlaps(window: MainWindow) -> list[str]:
    """Controls and labels drawn over one another (a layout squeezed below what it needs)."""
    shown = [
        w
        for w in window.findChildren(QWidget)
        if w.isVisibleTo(window) and (is_interactive(w) or isinstance(w, QLabel)) and w.width() > 0
    ]
    found = []
    for i, a in enumerate(shown):
        for b in shown[i + 1 :]:
            if a.isAncestorOf(b) or b.isAncestorOf(a):
                continue
            common = _rect_in(a, window).intersected(_rect_in(b, window))
            if common.width() > 1 and common.height() > 1:
                found.append(
                    f"{type(a).__name__} {a.accessibleName()!r} overlaps {type(b).__name__} {b.accessibleName()!r}"
                )
    return found


@pytest.mark.parametrize("touch", [False, True], ids=["desk", "kiosk-mode"])
def test_every_control_lies_inside_the_window_at_1280x720(
    qtbot: QtBot, window: MainWindow, touch: bool
) -> None:
    look = Look(touch=touch, screen_height=720)
    for page in (window.start_view, window.live_view, window.summary_view):
        _show(qtbot, window, look, (1280, 720), page)
        assert window.admin_button.isVisible()
        assert cut_off(window) == [], type(page).__name__


def test_every_control_lies_inside_the_window_at_1920x1080(qtbot: QtBot, window: MainWindow) -> None:
    look = Look(touch=True, screen_height=1080)
    for page in (window.start_view, window.live_view, window.summary_view):
        _show(qtbot, window, look, (1920, 1080), page)
        assert cut_off(window) == [], type(page).__name__


def test_type_is_sized_from_the_screen() -> None:
    assert Look(screen_height=720).base_px == 14
    assert Look(screen_height=1080).base_px == 22
    assert Look(touch=True, screen_height=1080).base_px > Look(screen_height=1080).base_px
    assert Look(screen_height=480, dpi=144).base_px == 20  # never below 10 pt on a dense screen
    assert "font-size: 22px" in stylesheet(Look(screen_height=1080))
    assert Look(touch=True).control_height >= 48  # a finger's width in kiosk mode


def test_the_palette_meets_wcag_aa_and_status_is_said_in_words(window: MainWindow) -> None:
    failing = [
        (what, round(contrast_ratio(fg, bg), 2))
        for what, fg, bg in text_pairs()
        if contrast_ratio(fg, bg) < AA_TEXT
    ]
    assert failing == []
    assert lowest_contrast()[1] >= AA_TEXT
    roster = window.live_view.roster
    for row in range(roster.list.count()):  # the status is in the words, not only the colour
        text = roster.list.item(row).text()
        assert any(word in text for word in ("Present", "Late", "Excused", "Absent")), text
    assert "⚠" in window.live_view.warnings_text and "⚠" in window.start_view.readiness_text


def _screens(window: MainWindow) -> dict[str, list[QWidget]]:
    """Each screen a teacher sees at one time, with the status bar (its Admin button) beside it."""
    bar = window.statusBar()
    return {
        "start": [window.start_view, bar],
        "live": [window.live_view, bar],
        "summary": [window.summary_view, bar],
    }


def _dialogs(window: MainWindow, tmp_path: Path) -> dict[str, QWidget]:
    student = _students()[5]
    settings = load_settings(data_dir=tmp_path / "data", env={})
    return {
        "manual mark": ManualMarkDialog(student, None, None, window),
        "enrollment": EnrollmentDialog(window),
        "settings": SettingsDialog(settings, window),
        "pin": PinDialog("x", "Enter the PIN", window),
    }


def _duplicates(widgets: list[QWidget]) -> dict[str, list[str]]:
    keys = [pair for w in widgets for pair in mnemonics(w)]
    counts = Counter(key for key, _text in keys)
    return {key: [text for k, text in keys if k == key] for key, n in counts.items() if n > 1}


def test_alt_keys_are_unique_on_every_screen(window: MainWindow, tmp_path: Path) -> None:
    for name, widgets in _screens(window).items():
        assert _duplicates(widgets) == {}, name
    for name, dialog in _dialogs(window, tmp_path).items():
        assert _duplicates([dialog]) == {}, name
    start_keys = {key for w in _screens(window)["start"] for key, _ in mnemonics(w)}
    assert {"S", "U"} <= start_keys  # Start session and Source: once Alt+S for both


def test_every_control_has_an_accessible_name(window: MainWindow, tmp_path: Path) -> None:
    assert [(type(w).__name__, getattr(w, "text", lambda: "")()) for w in unnamed_controls(window)] == []
    for name, dialog in _dialogs(window, tmp_path).items():
        assert unnamed_controls(dialog) == [], name
    assert window.start_view.preview.accessibleName() and window.live_view.video.accessibleName()


def test_messages_on_screen_name_no_settings_or_variables() -> None:
    shown = camera_text("No camera at index 7.", f"Cameras found: HD Webcam (0). {SOURCE_HINT}")
    assert "Cameras found: HD Webcam (0)." in shown and "ask the school's admin" in shown
    assert not ADMIN_WORDS.search(shown)
    assert not ADMIN_WORDS.search(camera_text("No camera source is configured.", SOURCE_HINT))
    exc = CameraError(
        "The database file x.db cannot be opened.", "Choose another with --data-dir or KIOSK_DATA_DIR."
    )
    assert "--data-dir" not in error_text(exc) and "ask the school's admin" in error_text(exc)
    plain = CameraError("The camera is busy.", "Close the other program using it.")
    assert error_text(plain).endswith("Close the other program using it.")  # a teacher's hint stays


def test_gui_source_has_no_setting_names_in_its_words() -> None:
    """No tr() string in the window names a config section or an environment variable."""
    import re

    root = Path(__file__).resolve().parents[2] / "kiosk" / "gui"
    strings = re.compile(r"tr\(\s*\"((?:[^\"\\]|\\.)*)\"")
    found = [
        (path.name, text)
        for path in root.rglob("*.py")
        for text in strings.findall(path.read_text(encoding="utf-8"))
        if re.search(r"\[(camera|database|recognition|gui|offline|attendance|kiosk)\]|\bKIOSK_[A-Z_]+", text)
    ]
    assert found == []


def test_notices_are_styled_by_severity(window: MainWindow) -> None:
    sv = window.start_view
    sv.show_notice("Starting offline.", "warning")
    assert sv.notice == ("warning", "⚠ Starting offline.")
    sv.show_notice("Saved.", "info")
    assert sv.notice == ("info", "ℹ Saved.")
    sv.show_error("The database cannot be used.")
    assert sv.notice == ("error", "✖ The database cannot be used.")
    sv.show_error("")
    assert sv.notice == ("", "")


def test_readiness_is_worded_before_start(window: MainWindow) -> None:
    sv = window.start_view
    students = _students()
    sv.show_class_readiness(assess("9B", students, {s.id for s in students[:2]}, "Dlib"))
    text = sv.readiness_text
    assert "3 student(s) without enrolled photos" in text and "Alan Turing" in text
    assert "1 student(s) without consent" in text and "Donald Knuth" in text
    sv.show_class_readiness(assess("9B", students[:2], {s.id for s in students[:2]}, "Dlib"))
    assert sv.readiness_text == "ℹ All 2 student(s) can be marked by the camera."


def test_language_comes_from_the_setting_or_the_system() -> None:
    from PySide6.QtCore import QLocale

    assert choose_language("de") == "de"
    assert choose_language("es_MX") == "es"
    assert choose_language("", QLocale("de_AT")) == "de"
    assert choose_language("", QLocale("fr_FR")) == "en"
    assert choose_language("fr", QLocale("es_ES")) == "es"  # unknown setting: the system's, said in the log


@pytest.mark.parametrize(
    ("language", "start", "present", "title"),
    [
        ("de", "&Sitzung starten", "Anwesend", "Anwesenheitskiosk"),
        ("es", "&Iniciar sesión", "Presente", "Quiosco de asistencia"),
    ],
)
def test_a_translation_loads_and_changes_the_visible_strings(
    qtbot: QtBot, tmp_path: Path, language: str, start: str, present: str, title: str
) -> None:
    app = QApplication.instance()
    assert app is not None
    installed = install_translations(app, language, tmp_path / "cache")
    try:
        assert installed, "the translation did not load (lrelease missing?)"
        assert (
            tmp_path / "cache" / "translations" / f"kiosk_{language}.qm"
        ).is_file()  # compiled at first use
        win = MainWindow()
        qtbot.addWidget(win)
        fill_worst_case(win)
        assert win.start_view.start_button.text() == start
        assert win.windowTitle() == title
        roster_text = "\n".join(
            win.live_view.roster.list.item(r).text() for r in range(win.live_view.roster.list.count())
        )
        assert present in roster_text
        assert _duplicates(_screens(win)["start"]) == {}  # the translated Alt keys stay unique
        assert unnamed_controls(win) == []
    finally:
        remove_translations(app, installed)
    assert MainWindow().start_view.start_button.text() == "&Start session"  # back to English


@pytest.mark.usefixtures("no_leaked_threads")
def test_the_window_shows_loading_at_once_then_the_class_readiness_before_start(
    qtbot: QtBot, classroom: Classroom, gui_settings: Settings
) -> None:
    engine = build_engine(gui_settings)
    with unit_of_work(session_factory(engine)) as s:
        classes.add_class(s, "10A", "Chemistry 10A")  # sorts after 9B, though "1" < "9"
    engine.dispose()
    gui = build_gui(gui_settings, pipeline=classroom.pipeline)
    qtbot.addWidget(gui.window)
    try:
        sv = gui.window.start_view
        assert sv.model_loading and sv.model_text == "Loading face models…"  # at once, before any work
        qtbot.waitUntil(lambda: not sv.model_loading, timeout=15_000)
        qtbot.waitUntil(lambda: "without consent" in sv.readiness_text, timeout=10_000)
        assert [sv.class_combo.itemData(i) for i in range(sv.class_combo.count())] == [CLASS_CODE, "10A"]
        text = sv.readiness_text
        assert f"1 student(s) without enrolled photos (mark by hand): {person_name(NOT_ENROLLED)}." in text
        assert person_name(NO_CONSENT) in text and sv.start_button.isEnabled()
        sv.class_combo.setCurrentIndex(1)  # another class: its own readiness, still before Start
        qtbot.waitUntil(lambda: "Nobody is in this class yet" in sv.readiness_text, timeout=10_000)
        assert gui.session.service is None  # nothing was started to find this out
    finally:
        gui.shutdown()
        gui.window.allow_close()
        gui.window.close()


@pytest.mark.parametrize("language", ["de", "es"])
def test_every_string_is_translated_with_the_same_placeholders(language: str) -> None:
    import re
    import xml.etree.ElementTree as ET

    from kiosk.gui.translations import source_file

    placeholder = re.compile(r"%(?:\.\d)?[a-z]|%\d|\{\w+\}")
    problems = []
    for message in ET.parse(source_file(language)).iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        forms = [f.text or "" for f in translation.findall("numerusform")] or [translation.text or ""]
        if translation.get("type") in ("unfinished", "vanished", "obsolete") or not all(forms):
            problems.append(f"untranslated: {source!r}")
            continue
        wanted = sorted(p for p in placeholder.findall(source) if p != "%n")
        for form in forms:
            if sorted(p for p in placeholder.findall(form) if p != "%n") != wanted:
                problems.append(f"placeholders differ: {source!r} -> {form!r}")
            if ("&" in source.replace("&&", "")) != ("&" in form.replace("&&", "")):
                problems.append(f"mnemonic lost or added: {source!r} -> {form!r}")
    assert problems == []
