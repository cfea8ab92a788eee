"""Names for screen readers and keyboard mnemonics (Alt+letter), checked the same way everywhere.

Each view names the controls whose purpose is not in their own words (a picker, the video,
a list) itself; :func:`name_controls` then gives every other control the words a sighted
user reads on it or beside it (a button's text, a field's form label), so no control is
left nameless. :func:`mnemonics` lists the Alt+letter keys of a screen, for the test that
keeps them unique.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollBar,
    QTextEdit,
    QWidget,
)

INTERACTIVE = (
    QAbstractButton,
    QComboBox,
    QLineEdit,
    QTextEdit,
    QAbstractItemView,
    QAbstractSpinBox,
    QAbstractSlider,
)
_MNEMONIC = re.compile(r"&(.)")


def plain(text: str) -> str:
    """Label text as words: no mnemonic marker, no trailing colon or ellipsis."""
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.strip().rstrip(":…").rstrip(".").strip()


def mnemonic(text: str) -> str | None:
    """The Alt+letter a label or button text gives (``"&Start"`` → ``"S"``), if any."""
    for match in _MNEMONIC.finditer(text.replace("&&", "")):
        return match.group(1).upper()
    return None


def is_interactive(widget: QWidget) -> bool:
    if isinstance(widget, QScrollBar):
        return False  # part of the list or text it scrolls (a screen reader names it from there)
    return isinstance(widget, INTERACTIVE) and not _inside_composite(widget)


def _inside_composite(widget: QWidget) -> bool:
    """Qt's own parts of a control (a spin box's line edit, a combo's view): not separate controls."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, (QComboBox, QAbstractSpinBox, QLineEdit)):  # e.g. a line edit's clear button
            return True
        parent = parent.parentWidget()
    return False


def name_form_fields(form: QFormLayout) -> None:
    """Each field of ``form`` named by its row's label, unless it has a name already."""
    for row in range(form.rowCount()):
        label_item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        field_item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        label = label_item.widget() if label_item is not None else None
        field = field_item.widget() if field_item is not None else None
        if isinstance(label, QLabel) and field is not None and not field.accessibleName():
            field.setAccessibleName(plain(label.text()))


def name_controls(root: QWidget) -> None:
    """Every interactive control under ``root`` without a name gets the words shown for it.

    A button: its text (or tooltip); a field: the label whose buddy it is; else its placeholder.
    """
    buddies: dict[int, str] = {}
    for label in root.findChildren(QLabel):
        buddy = label.buddy()
        if buddy is not None:
            buddies[id(buddy)] = plain(label.text())
    for widget in root.findChildren(QWidget):
        if not is_interactive(widget) or widget.accessibleName():
            continue
        name = buddies.get(id(widget), "")
        if not name and isinstance(widget, QAbstractButton):
            name = plain(widget.text()) or widget.toolTip()
        if not name and isinstance(widget, QLineEdit):
            name = widget.placeholderText()
        if name:
            widget.setAccessibleName(name)


def unnamed_controls(root: QWidget) -> list[QWidget]:
    """Interactive controls under ``root`` (itself included) that a screen reader could not name."""
    widgets: Iterable[QWidget] = [root, *root.findChildren(QWidget)]
    return [w for w in widgets if is_interactive(w) and not w.accessibleName().strip()]


def mnemonics(root: QWidget) -> list[tuple[str, str]]:
    """(letter, text) for every Alt+letter under ``root``: buttons, labels with a buddy, group boxes."""
    found: list[tuple[str, str]] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, QAbstractButton) or (isinstance(widget, QLabel) and widget.buddy() is not None):
            text = widget.text()
        elif isinstance(widget, QGroupBox) and widget.isCheckable():
            text = widget.title()
        else:
            continue
        key = mnemonic(text)
        if key:
            found.append((key, plain(text)))
    return found
