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
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.domain import ClassInfo
from kiosk.gui.video_widget import VideoWidget
from kiosk.infra.camera import CameraDevice


class StartView(QWidget):
    start_requested = Signal()
    enroll_requested = Signal()
    camera_changed = Signal(str)  # the source spec to preview
    retry_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(24, 24, 24, 24)
        outer.setSpacing(24)

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
        self.source_edit.setPlaceholderText(self.tr("or a video file, rtsp:// URL, image folder"))
        self.source_edit.setClearButtonEnabled(True)
        self.browse_button = QPushButton(self.tr("&Browse…"))
        source_row.addWidget(self.source_edit, 1)
        source_row.addWidget(self.browse_button)
        source_label = QLabel(self.tr("&Source:"))
        source_label.setBuddy(self.source_edit)  # a row holding a layout gets no buddy by itself
        form.addRow(source_label, source_row)
        left.addLayout(form)

        self._db_label = QLabel(self.tr("Connecting to the database…"))
        self._db_label.setWordWrap(True)
        left.addWidget(self._db_label)
        self._model_label = QLabel(self.tr("Loading the face models…"))
        self._model_label.setWordWrap(True)
        left.addWidget(self._model_label)
        self._error_label = QLabel("")
        self._error_label.setObjectName("error")
        self._error_label.setWordWrap(True)
        self._error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._error_label.hide()
        left.addWidget(self._error_label)
        self._retry_button = QPushButton(self.tr("&Retry"))
        self._retry_button.hide()
        left.addWidget(self._retry_button)
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
        outer.addLayout(left, 2)

        right = QVBoxLayout()
        self.preview_title = QLabel(self.tr("Camera preview"))
        self.preview_title.setObjectName("subtitle")
        right.addWidget(self.preview_title)
        self.preview = VideoWidget()
        self.preview.setMinimumSize(360, 270)
        right.addWidget(self.preview, 1)
        outer.addLayout(right, 3)

        self.start_button.clicked.connect(self.start_requested)
        self.enroll_button.clicked.connect(self.enroll_requested)
        self._retry_button.clicked.connect(self.retry_requested)
        self.browse_button.clicked.connect(self._browse)
        self.camera_combo.activated.connect(self._camera_picked)
        self.source_edit.editingFinished.connect(self._source_edited)
        self.setTabOrder(self.class_combo, self.camera_combo)
        self.setTabOrder(self.camera_combo, self.source_edit)
        self.setTabOrder(self.source_edit, self.browse_button)
        self.setTabOrder(self.browse_button, self.enroll_button)
        self.setTabOrder(self.enroll_button, self.start_button)

    # --- filled in by the controller ----------------------------------------------------
    def set_classes(self, classes: list[ClassInfo], select: str | None = None) -> None:
        self.class_combo.clear()
        for c in classes:
            label = f"{c.code} — {c.name}" + (f" ({c.starts_at:%H:%M})" if c.starts_at else "")
            self.class_combo.addItem(label, c.code)
        if select:
            index = self.class_combo.findData(select)
            if index >= 0:
                self.class_combo.setCurrentIndex(index)

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
        self._error_label.setText(text)
        self._error_label.setVisible(bool(text))

    def show_database_state(self, text: str, *, retry: bool = False) -> None:
        """What the database is doing; ``retry`` offers the Retry button (it failed)."""
        self._db_label.setText(text)
        self._retry_button.setVisible(retry)

    def show_model_state(self, text: str) -> None:
        self._model_label.setText(text)

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
