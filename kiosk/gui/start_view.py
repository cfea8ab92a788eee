"""The start screen: pick the class and the camera (with a preview), then start."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.domain import ClassInfo
from kiosk.core.readiness import ClassReadiness
from kiosk.gui.accessibility import name_controls
from kiosk.gui.style import notice_text
from kiosk.gui.video_widget import VideoWidget
from kiosk.infra.camera import CameraDevice


def _notice(severity: str) -> QLabel:
    label = QLabel("")
    label.setObjectName(severity)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


class StartView(QWidget):
    """Class and camera pickers, what start-up is doing (with progress), the class's readiness.

    Notices have a severity (``info``, ``warning``, ``error``): its colours and sign, not
    every message in a red box.
    """

    class_changed = Signal(str)  # the class code picked (empty: none)
    start_requested = Signal()
    enroll_requested = Signal()
    camera_changed = Signal(str)  # the source spec to preview
    retry_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(16, 16, 16, 16)
        outer.setSpacing(20)

        left = QVBoxLayout()
        title = QLabel(self.tr("Start attendance"))
        title.setObjectName("title")
        left.addWidget(title)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.class_combo = QComboBox()
        self.class_combo.setAccessibleName(self.tr("Class"))
        self.class_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.class_combo.setMinimumContentsLength(16)
        self.class_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        form.addRow(self.tr("&Class:"), self.class_combo)
        self.camera_combo = QComboBox()
        self.camera_combo.setAccessibleName(self.tr("Camera"))
        self.camera_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        form.addRow(self.tr("C&amera:"), self.camera_combo)
        source_row = QHBoxLayout()
        self.source_edit = QLineEdit()
        self.source_edit.setPlaceholderText(self.tr("or a video file, web address or folder"))
        self.source_edit.setClearButtonEnabled(True)
        self.source_edit.setAccessibleName(self.tr("Video file, stream address or picture folder"))
        self.browse_button = QPushButton(self.tr("&Browse…"))
        self.browse_button.setAccessibleName(self.tr("Browse for a video or picture"))
        source_row.addWidget(self.source_edit, 1)
        source_row.addWidget(self.browse_button)
        source_label = QLabel(self.tr("So&urce:"))
        source_label.setBuddy(self.source_edit)  # a row holding a layout gets no buddy by itself
        form.addRow(source_label, source_row)
        left.addLayout(form)

        db_row = QHBoxLayout()  # Retry beside the database line: no extra row on a 720-line screen
        self._db_label = QLabel(self.tr("Connecting to the database…"))
        self._db_label.setWordWrap(True)
        db_row.addWidget(self._db_label, 1)
        self._retry_button = QPushButton(self.tr("&Retry"))
        self._retry_button.hide()
        db_row.addWidget(self._retry_button)
        left.addLayout(db_row)
        self._model_label = QLabel(self.tr("Loading face models…"))
        self._model_label.setWordWrap(True)
        left.addWidget(self._model_label)
        self._model_progress = QProgressBar()
        self._model_progress.setRange(0, 0)  # busy: loading reports no steps
        self._model_progress.setTextVisible(False)
        self._model_progress.setAccessibleName(self.tr("Loading face models"))
        left.addWidget(self._model_progress)
        self._readiness = _notice("warning")
        self._readiness.setAccessibleName(self.tr("Class readiness"))
        left.addWidget(self._readiness)
        self._notices = {severity: _notice(severity) for severity in ("info", "warning", "error")}
        for label in self._notices.values():
            left.addWidget(label)
        left.addStretch(1)

        buttons = QHBoxLayout()
        self.enroll_button = QPushButton(self.tr("&Enroll a student…"))
        self.start_button = QPushButton(self.tr("&Start session"))
        self.start_button.setObjectName("primary")
        self.start_button.setDefault(True)
        self.start_button.setEnabled(False)
        buttons.addWidget(self.enroll_button)
        buttons.addStretch(1)
        buttons.addWidget(self.start_button)
        left.addLayout(buttons)
        outer.addLayout(left, 1)  # as wide as the preview: notices wrap to fewer lines

        right = QVBoxLayout()
        self.preview_title = QLabel(self.tr("Camera preview"))
        self.preview_title.setObjectName("subtitle")
        right.addWidget(self.preview_title)
        self.preview = VideoWidget()
        self.preview.setMinimumSize(320, 240)
        self.preview.setAccessibleName(self.tr("Camera preview"))
        right.addWidget(self.preview, 1)
        outer.addLayout(right, 1)

        self.start_button.clicked.connect(self.start_requested)
        self.enroll_button.clicked.connect(self.enroll_requested)
        self._retry_button.clicked.connect(self.retry_requested)
        self.browse_button.clicked.connect(self._browse)
        self.camera_combo.activated.connect(self._camera_picked)
        self.class_combo.currentIndexChanged.connect(
            lambda _i: self.class_changed.emit(self.class_code or "")
        )
        self.source_edit.editingFinished.connect(self._source_edited)
        self.setTabOrder(self.class_combo, self.camera_combo)
        self.setTabOrder(self.camera_combo, self.source_edit)
        self.setTabOrder(self.source_edit, self.browse_button)
        self.setTabOrder(self.browse_button, self.enroll_button)
        self.setTabOrder(self.enroll_button, self.start_button)
        name_controls(self)

    # --- filled in by the controller ----------------------------------------------------
    def set_classes(self, classes: list[ClassInfo], select: str | None = None) -> None:
        """Fill the class picker (in the order given) and say once which class is picked."""
        previous = self.class_code
        self.class_combo.blockSignals(True)  # one class_changed for the whole refill
        try:
            self.class_combo.clear()
            for c in classes:
                label = f"{c.code} — {c.name}" + (f" ({c.starts_at:%H:%M})" if c.starts_at else "")
                self.class_combo.addItem(label, c.code)
            index = self.class_combo.findData(select or previous)
            if index >= 0:
                self.class_combo.setCurrentIndex(index)
        finally:
            self.class_combo.blockSignals(False)
        self.class_changed.emit(self.class_code or "")

    def set_cameras(self, devices: list[CameraDevice], configured: str) -> None:
        self.camera_combo.clear()
        for d in devices:
            self.camera_combo.addItem(d.label, str(d.index))
        if not devices:
            self.camera_combo.addItem(self.tr("No camera found"), "")
        index = self.camera_combo.findData(configured)
        if index >= 0:
            self.camera_combo.setCurrentIndex(index)
        elif configured:
            self.source_edit.setText(configured)  # a file or URL from the settings

    @property
    def class_code(self) -> str | None:
        data = self.class_combo.currentData()
        return str(data) if data else None

    @property
    def camera_spec(self) -> str:
        typed = self.source_edit.text().strip()
        if typed:
            return typed
        data = self.camera_combo.currentData()
        return str(data) if data is not None else ""

    def show_error(self, text: str) -> None:
        """An error notice (red, ✖); empty text hides every notice."""
        self.show_notice(text, "error")

    def show_notice(self, text: str, severity: str = "info") -> None:
        """One notice at a time, styled by ``severity`` ("info", "warning", "error"); empty hides it."""
        for key, label in self._notices.items():
            shown = key == severity and bool(text)
            label.setText(notice_text(key, text) if shown else "")
            label.setVisible(shown)

    @property
    def notice(self) -> tuple[str, str]:
        """(severity, text) of the notice shown, or ("", "")."""
        for key, label in self._notices.items():
            if label.isVisibleTo(self):
                return key, label.text()
        return "", ""

    def show_readiness(self, lines: list[str], severity: str = "warning") -> None:
        """What the teacher should know about the picked class before Start; empty hides it."""
        self._readiness.setObjectName(severity)
        self._readiness.setStyleSheet("")  # re-polish: the style follows the object name
        self._readiness.setText(notice_text(severity, "\n".join(lines)))
        self._readiness.setVisible(bool(lines))

    def show_class_readiness(self, readiness: ClassReadiness) -> None:
        """The picked class's readiness in words: a warning for each group the camera cannot mark."""
        lines: list[str] = []
        if readiness.empty:
            lines.append(
                self.tr(
                    "Nobody is in this class yet: ask the school's admin to add students, or mark by hand."
                )
            )
        elif readiness.nobody_enrolled:
            lines.append(
                self.tr(
                    "Nobody in this class has enrolled photos yet: enroll students, or mark attendance by hand."
                )
            )
        elif readiness.not_enrolled:
            lines.append(
                self.tr(
                    "%n student(s) without enrolled photos (mark by hand):", "", len(readiness.not_enrolled)
                )
                + " "
                + self._names(readiness.not_enrolled)
            )
        if readiness.no_consent:
            lines.append(
                self.tr(
                    "%n student(s) without consent to face recognition (mark by hand):",
                    "",
                    len(readiness.no_consent),
                )
                + " "
                + self._names(readiness.no_consent)
            )
        if readiness.ready:
            self.show_readiness(
                [self.tr("All %n student(s) can be marked by the camera.", "", readiness.students)], "info"
            )
        else:
            self.show_readiness(lines, "warning")

    def _names(self, names: tuple[str, ...], shown: int = 5) -> str:
        text = ", ".join(names[:shown])
        if len(names) > shown:
            text += " " + self.tr("and %n more", "", len(names) - shown)
        return text + "."

    @property
    def readiness_text(self) -> str:
        return self._readiness.text() if self._readiness.isVisibleTo(self) else ""

    def show_database_state(self, text: str, *, retry: bool = False) -> None:
        """What the database is doing; ``retry`` offers the Retry button (it failed)."""
        self._db_label.setText(text)
        self._retry_button.setVisible(retry)

    def show_model_state(self, text: str, *, loading: bool = False) -> None:
        """What the face models are doing; ``loading`` shows the progress bar."""
        self._model_label.setText(text)
        self._model_progress.setVisible(loading)

    @property
    def model_loading(self) -> bool:
        return self._model_progress.isVisibleTo(self)

    @property
    def model_text(self) -> str:
        return self._model_label.text()

    def set_start_enabled(self, enabled: bool) -> None:
        self.start_button.setEnabled(enabled)

    def focus_first(self) -> None:
        self.class_combo.setFocus()

    def _camera_picked(self, _index: int) -> None:
        self.source_edit.clear()
        self.camera_changed.emit(self.camera_spec)

    def _source_edited(self) -> None:
        self.camera_changed.emit(self.camera_spec)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a video or picture"),
            "",
            self.tr("Videos and pictures (*.mp4 *.avi *.mkv *.mov *.jpg *.jpeg *.png);;All files (*)"),
        )
        if path:
            self.source_edit.setText(path)
            self._source_edited()
