"""Colours and the style sheet: large, high-contrast, touch-friendly controls."""

from __future__ import annotations

from PySide6.QtGui import QColor

# Face boxes: a recognised student, one being confirmed, a stranger, a face too poor to judge.
BOX_COLOURS = {
    "confirmed": QColor(46, 184, 92),
    "matching": QColor(240, 180, 40),
    "unknown": QColor(226, 60, 60),
    "low_quality": QColor(150, 150, 150),
}

STATUS_COLOURS = {
    "present": QColor(46, 160, 80),
    "late": QColor(230, 140, 20),
    "excused": QColor(60, 120, 220),
    "absent": QColor(120, 120, 120),
}


def stylesheet(touch: bool) -> str:
    """Bigger type and hit targets in kiosk mode (fingers, not a mouse)."""
    base = 17 if touch else 14
    button_h = 56 if touch else 40
    return f"""
    QWidget {{ font-size: {base}px; }}
    QPushButton, QComboBox, QLineEdit {{ min-height: {button_h}px; padding: 0 14px; }}
    QPushButton#primary {{ background: #2e7d32; color: white; font-weight: bold; border-radius: 6px; }}
    QPushButton#primary:disabled {{ background: #9e9e9e; }}
    QPushButton#danger {{ background: #c62828; color: white; font-weight: bold; border-radius: 6px; }}
    QLabel#title {{ font-size: {base + 10}px; font-weight: bold; }}
    QLabel#subtitle {{ font-size: {base + 3}px; color: #444; }}
    QLabel#warning {{ background: #fff4ce; color: #5c4400; border: 1px solid #e0c060;
                      border-radius: 4px; padding: 8px; }}
    QLabel#error {{ background: #fde7e7; color: #7a1010; border: 1px solid #e09090;
                    border-radius: 4px; padding: 8px; }}
    QLabel#counts {{ font-size: {base + 4}px; font-weight: bold; }}
    QListWidget {{ font-size: {base}px; }}
    QListWidget::item {{ min-height: {button_h + 8}px; }}
    """
