"""The enrollment dialog: the student's details, guided webcam shots or imported photos."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.domain import ClassInfo, StudentInfo
from kiosk.gui.accessibility import name_controls
from kiosk.gui.video_widget import VideoWidget, to_qimage
from kiosk.infra.camera import Image

MIN_SHOTS = 3
MAX_SHOTS = 5


class EnrollmentDialog(QDialog):
    save_student_requested = Signal()
    student_chosen = Signal(object)  # StudentInfo or None for a new student
    take_photo_requested = Signal()
    import_requested = Signal()
    enroll_requested = Signal()
    enroll_lookalikes_requested = Signal()
    consent_records_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Enroll a student"))
        self.setMinimumSize(960, 600)
        outer = QHBoxLayout(self)

        # --- the student ---------------------------------------------------------------
        who = QGroupBox(self.tr("Student"))
        form = QFormLayout(who)
        self.student_combo = QComboBox()
        self.student_combo.setAccessibleName(self.tr("Student"))
        # long names must not push the photo side off a 1280x720 screen
        self.student_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.student_combo.setMinimumContentsLength(18)
        form.addRow(self.tr("&Student:"), self.student_combo)
        self.student_id = QLineEdit()
        form.addRow(self.tr("School i&d:"), self.student_id)
        self.name = QLineEdit()
        form.addRow(self.tr("&Name:"), self.name)
        self.class_combo = QComboBox()
        form.addRow(self.tr("&Class:"), self.class_combo)
        self.email = QLineEdit()
        form.addRow(self.tr("E&mail:"), self.email)
        self.consent = QCheckBox(self.tr("Consent to face recognition is recorded"))
        form.addRow(self.consent)
        self.consent_by = QLineEdit()
        self.consent_by.setPlaceholderText(self.tr("who gave it, e.g. a parent's name"))
        form.addRow(self.tr("Consent &by:"), self.consent_by)
        self.consent_records_button = QPushButton(self.tr("Consent &records…"))
        self.consent_records_button.setToolTip(
            self.tr("Every consent, withdrawal and objection for this student, and adding one")
        )
        self.consent_records_button.clicked.connect(self.consent_records_requested)
        form.addRow(self.consent_records_button)
        self.save_button = QPushButton(self.tr("Sa&ve student"))
        form.addRow(self.save_button)
        self.student_message = QLabel("")
        self.student_message.setWordWrap(True)
        form.addRow(self.student_message)
        outer.addWidget(who, 2)

        # --- the photos ----------------------------------------------------------------
        shots = QGroupBox(self.tr("Photos"))
        right = QVBoxLayout(shots)
        self.guide = QLabel(
            self.tr("Take %1 to %2 photos: look at the camera, then turn your head a little left and right.")
            .replace("%1", str(MIN_SHOTS))
            .replace("%2", str(MAX_SHOTS))
        )
        self.guide.setWordWrap(True)
        right.addWidget(self.guide)
        self.camera = VideoWidget()
        self.camera.setMinimumSize(320, 240)
        right.addWidget(self.camera, 1)
        self.feedback = QLabel(self.tr("Waiting for the camera…"))
        self.feedback.setObjectName("subtitle")
        self.feedback.setWordWrap(True)
        right.addWidget(self.feedback)
        row = QHBoxLayout()
        self.take_button = QPushButton(self.tr("&Take photo"))
        self.take_button.setObjectName("primary")
        self.take_button.setEnabled(False)
        self.import_button = QPushButton(self.tr("&Import photos…"))
        row.addWidget(self.take_button)
        row.addWidget(self.import_button)
        right.addLayout(row)
        self.shot_list = QListWidget()
        self.shot_list.setViewMode(QListWidget.ViewMode.IconMode)
        self.shot_list.setIconSize(QSize(72, 72))
        self.shot_list.setFixedHeight(108)
        self.shot_list.setFlow(QListWidget.Flow.LeftToRight)
        right.addWidget(self.shot_list)
        self.count_label = QLabel("")
        right.addWidget(self.count_label)
        self.result_label = QLabel("")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        right.addWidget(self.result_label)
        # Shown only after a refusal: the photos look like another student. The admin's explicit
        # word that the two are look-alikes (twins) enrolls them anyway and records the pair.
        self.lookalike_button = QPushButton(self.tr("They are look-alikes (e.g. twins): enroll &anyway"))
        self.lookalike_button.setObjectName("warning")
        self.lookalike_button.setVisible(False)
        right.addWidget(self.lookalike_button)
        bottom = QHBoxLayout()
        self.enroll_button = QPushButton(self.tr("&Enroll"))
        self.enroll_button.setObjectName("primary")
        self.enroll_button.setEnabled(False)
        self.close_button = QPushButton(self.tr("Close"))
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        bottom.addWidget(self.enroll_button)
        right.addLayout(bottom)
        outer.addWidget(shots, 3)

        self.save_button.clicked.connect(self.save_student_requested)
        self.take_button.clicked.connect(self.take_photo_requested)
        self.import_button.clicked.connect(self.import_requested)
        self.enroll_button.clicked.connect(self.enroll_requested)
        self.lookalike_button.clicked.connect(self.enroll_lookalikes_requested)
        self.close_button.clicked.connect(self.reject)
        self.student_combo.activated.connect(self._chosen)
        self.set_shot_count(0)
        self.shot_list.setAccessibleName(self.tr("Photos taken"))
        self.camera.setAccessibleName(self.tr("Camera picture"))
        name_controls(self)

    def set_students(self, students: list[StudentInfo], classes: list[ClassInfo], select: str | None) -> None:
        self.student_combo.clear()
        self.student_combo.addItem(self.tr("New student…"), None)
        for s in students:
            faces = self.tr("%n photo(s) enrolled", "", s.encoding_count)
            consent = "" if s.consent_given else " — " + self.tr("no consent")
            self.student_combo.addItem(f"{s.name} ({s.student_id}) · {faces}{consent}", s)
        self.class_combo.clear()
        self.class_combo.addItem(self.tr("(no class)"), None)
        for c in classes:
            self.class_combo.addItem(f"{c.code} — {c.name}", c.code)
        if select:
            self.class_combo.setCurrentIndex(max(0, self.class_combo.findData(select)))

    def select_student(self, student_id: str) -> None:
        for i in range(self.student_combo.count()):
            data = self.student_combo.itemData(i)
            if isinstance(data, StudentInfo) and data.student_id == student_id:
                self.student_combo.setCurrentIndex(i)
                self._chosen(i)
                return

    @property
    def chosen(self) -> StudentInfo | None:
        data = self.student_combo.currentData()
        return data if isinstance(data, StudentInfo) else None

    def _chosen(self, _index: int) -> None:
        student = self.chosen
        editing = student is not None
        self.student_id.setReadOnly(editing)
        self.name.setReadOnly(editing)
        self.email.setReadOnly(editing)
        self.class_combo.setEnabled(not editing)
        self.student_id.setText(student.student_id if student else "")
        self.name.setText(student.name if student else "")
        self.email.setText((student.email or "") if student else "")
        if student and student.class_code:
            self.class_combo.setCurrentIndex(max(0, self.class_combo.findData(student.class_code)))
        self.consent.setChecked(bool(student and student.consent_given))
        self.consent_by.setText((student.consent_by or "") if student else "")
        self.student_chosen.emit(student)

    def add_shot(self, image: Image, label: str) -> None:
        pix = QPixmap.fromImage(to_qimage(image)).scaled(
            72, 72, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        self.shot_list.addItem(QListWidgetItem(QIcon(pix), label))

    def clear_shots(self) -> None:
        self.shot_list.clear()
        self.set_shot_count(0)

    def set_shot_count(self, n: int) -> None:
        self.count_label.setText(
            self.tr("%1 of %2–%3 photos")
            .replace("%1", str(n))
            .replace("%2", str(MIN_SHOTS))
            .replace("%3", str(MAX_SHOTS))
        )

    def set_feedback(self, ok: bool, text: str) -> None:
        colour = "#2e7d32" if ok else "#b26a00"
        self.feedback.setStyleSheet(f"color: {colour};")
        self.feedback.setText(("✔ " if ok else "✖ ") + text)
