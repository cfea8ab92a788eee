"""Page 5: the recognition profile, and its weight files (download, import, or offline install)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.errors import InvalidInput, KioskError
from kiosk.gui.runner import OpHandle, OpRunner, QueryOp, Report
from kiosk.gui.wizard.common import SetupPage, StatusLabel
from kiosk.gui.wizard.state import WizardState
from kiosk.infra.recognition import weights
from kiosk.infra.recognition.profiles import PROFILES

log = logging.getLogger(__name__)


def fetch_profile(state: WizardState, profile: str, report: Report) -> list[Path]:
    return weights.fetch(state.settings.weights_dir, profile, progress_callback=report)


def import_from(state: WizardState, text: str, _report: Report) -> list[str]:
    if not text.strip():
        raise InvalidInput(
            "Choose the folder or file holding the weight files.",
            "For example the USB stick they were copied to.",
        )
    return weights.import_weights(state.settings.weights_dir, Path(text.strip()))


class ModelPage(SetupPage):
    def __init__(self, state: WizardState, runner: OpRunner, parent: QWidget | None = None) -> None:
        super().__init__(state, runner, parent)
        self.setTitle(self.tr("Face recognition model"))
        self.setSubTitle(
            self.tr("Facenet512 is the most accurate; the offline model needs no internet at all.")
        )
        self._task: OpHandle | None = None
        self._status: dict[str, weights.ProfileStatus] = {}
        self.radios: dict[str, QRadioButton] = {}
        self.state_labels: dict[str, QLabel] = {}
        group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        for name, profile in PROFILES.items():
            radio = QRadioButton(f"{name}: {profile.description}")
            group.addButton(radio)
            label = QLabel()
            label.setWordWrap(True)
            label.setContentsMargins(24, 0, 0, 6)
            self.radios[name] = radio
            self.state_labels[name] = label
            layout.addWidget(radio)
            layout.addWidget(label)
            radio.toggled.connect(self._selection_changed)

        self.fetch_button = QPushButton(self.tr("Download the weights"))
        self.import_edit = QLineEdit()
        self.import_edit.setPlaceholderText(
            self.tr("A folder or file with the weight files (e.g. a USB stick)")
        )
        self.browse_button = QPushButton(self.tr("Choose…"))
        self.import_button = QPushButton(self.tr("Import"))
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setTextVisible(False)
        self.progress.setVisible(False)
        self.status = StatusLabel()
        fetch_row = QHBoxLayout()
        fetch_row.addWidget(self.fetch_button)
        fetch_row.addWidget(self.progress, 1)
        fetch_row.addStretch(1)
        import_row = QHBoxLayout()
        import_row.addWidget(QLabel(self.tr("Or import from:")))
        import_row.addWidget(self.import_edit, 1)
        import_row.addWidget(self.browse_button)
        import_row.addWidget(self.import_button)
        layout.addLayout(fetch_row)
        layout.addLayout(import_row)
        layout.addWidget(self.status)
        layout.addStretch(1)

        self.fetch_button.clicked.connect(self.fetch)
        self.browse_button.clicked.connect(self.browse)
        self.import_button.clicked.connect(self.import_weights)
        radio = self.radios.get(state.profile) or next(iter(self.radios.values()))
        radio.setChecked(True)

    def selected(self) -> str:
        for name, radio in self.radios.items():
            if radio.isChecked():
                return name
        return next(iter(self.radios))

    def initializePage(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Re-read the weight files' state (hashing only files changed since they were recorded)."""
        self._status = {
            st.name: st
            for st in weights.status(self.state.settings.weights_dir, self.state.settings.recognition.profile)
        }
        for name, label in self.state_labels.items():
            st = self._status[name]
            if st.installed:
                label.setText(self.tr("Ready: its weight files are installed."))
            elif st.corrupt:
                label.setText(
                    self.tr("Damaged: {files}. Download or import them again.").format(
                        files=", ".join(st.corrupt)
                    )
                )
            else:
                label.setText(self.tr("Not installed (missing {files}).").format(files=", ".join(st.missing)))
        self._selection_changed()

    def _selection_changed(self) -> None:
        name = self.selected()
        offline = not PROFILES[name].needs_network
        self.fetch_button.setText(
            self.tr("Install the offline files") if offline else self.tr("Download the weights")
        )
        st = self._status.get(name)
        self.fetch_button.setEnabled(not self.busy() and st is not None and not st.installed)
        self.refresh_complete()

    def fetch(self) -> None:
        if self.busy():
            return
        name = self.selected()
        self.status.show_info(self.tr("Installing the {name} weight files…").format(name=name))
        self.progress.setRange(0, 0)
        self._start(lambda report: fetch_profile(self.state, name, report), "Installing the weight files")

    def browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Folder with the weight files"), str(Path.home())
        )
        if folder:
            self.import_edit.setText(folder)

    def import_weights(self) -> None:
        if self.busy():
            return
        text = self.import_edit.text()
        self.status.show_info(self.tr("Checking and copying the weight files…"))
        self.progress.setRange(0, 0)
        self._start(lambda report: import_from(self.state, text, report), "Importing the weight files")

    def _start(self, work: Callable[[Report], object], what: str) -> None:
        self.progress.setVisible(True)
        for widget in (self.fetch_button, self.import_button, self.browse_button, *self.radios.values()):
            widget.setEnabled(False)
        self._task = self.runner.run(
            QueryOp(
                work,
                on_success=self._finished,
                on_failure=self.status.show_error,
                on_progress=self._progress,
                on_done=self._done,
                what=what,
            )
        )
        self.refresh_complete()

    def _progress(self, event: object) -> None:
        if isinstance(event, weights.FetchProgress):
            self.progress.setRange(0, event.count)
            self.progress.setValue(event.index if event.done else event.index - 1)
            self.status.show_info(
                self.tr("Downloading {file} ({i} of {n})…").format(
                    file=event.file_name, i=event.index, n=event.count
                )
            )

    def _finished(self, result: object) -> None:
        names = [Path(str(p)).name for p in result] if isinstance(result, list) else []
        self.status.show_ok(
            self.tr("Installed: {files}.").format(files=", ".join(names) or self.tr("nothing new"))
        )

    def _done(self) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setVisible(False)
        for widget in (self.import_button, self.browse_button, *self.radios.values()):
            widget.setEnabled(True)
        self.refresh()

    def busy(self) -> bool:
        return self._task is not None and self._task.running

    def ready(self) -> bool:
        st = self._status.get(self.selected())
        return not self.busy() and st is not None and st.installed

    def validatePage(self) -> bool:
        st = self._status.get(self.selected())
        if st is None or not st.installed:
            self.status.show_error(
                KioskError(
                    self.tr("The {name} model's weight files are not installed.").format(
                        name=self.selected()
                    ),
                    self.tr("Download or import them, or choose the offline model."),
                )
            )
            return False
        self.state.profile = self.selected()
        return True
