"""Colours, type sizes and the style sheet: one place for how the screens look.

Type is sized from the screen (its height in logical pixels, and its DPI as a floor), not
fixed: a 1080p classroom screen gets larger text than a 720p one. Every colour pair that
carries text is listed in :data:`TEXT_PAIRS` and meets WCAG AA (4.5:1, checked by a
test with :func:`kiosk.core.contrast.contrast_ratio`); status is always said in words
too, never by colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QGuiApplication, QScreen

from kiosk.core.contrast import contrast_ratio

SURFACE = "#f4f4f4"  # the window's background
PAPER = "#ffffff"  # lists and fields
INK = "#1f1f1f"
MUTED_INK = "#444444"
ON_FILL = "#ffffff"  # text on a coloured fill (chips, face tags, buttons)


@dataclass(frozen=True, slots=True)
class Swatch:
    """A status colour: the fill of its chip (white text on it) and text on a light surface."""

    fill: str
    text: str


STATUS_PALETTE: dict[str, Swatch] = {
    "present": Swatch(fill="#1b5e20", text="#1b5e20"),
    "late": Swatch(fill="#a84a00", text="#a84a00"),
    "excused": Swatch(fill="#1565c0", text="#1565c0"),
    "absent": Swatch(fill="#616161", text="#555555"),
}

# Face boxes: a recognised student, one being confirmed, a stranger, a face too poor to judge.
# The tag over each box has white text on the box's colour: the colour must hold white text.
BOX_PALETTE: dict[str, str] = {
    "confirmed": "#2e7d32",
    "matching": "#a84a00",
    "unknown": "#c62828",
    "low_quality": "#616161",
}

# Notices by severity: (text, background, border); the text starts with a sign as well.
NOTICE_PALETTE: dict[str, tuple[str, str, str]] = {
    "info": ("#0b3d70", "#e8f1fb", "#90b4dc"),
    "warning": ("#5c4400", "#fff4ce", "#e0c060"),
    "error": ("#7a1010", "#fde7e7", "#e09090"),
}
NOTICE_SIGNS = {"info": "ℹ", "warning": "⚠", "error": "✖"}

BUTTON_FILLS = {"primary": "#2e7d32", "primary-disabled": "#757575", "danger": "#c62828"}

STATUS_COLOURS = {key: QColor(s.fill) for key, s in STATUS_PALETTE.items()}
BOX_COLOURS = {key: QColor(c) for key, c in BOX_PALETTE.items()}


def text_pairs() -> list[tuple[str, str, str]]:
    """Every (what, text colour, background) the screens draw text with."""
    pairs = [("body", INK, SURFACE), ("body on paper", INK, PAPER), ("subtitle", MUTED_INK, SURFACE)]
    for key, s in STATUS_PALETTE.items():
        pairs += [
            (f"{key} chip", ON_FILL, s.fill),
            (f"{key} text", s.text, PAPER),
            (f"{key} title", s.text, SURFACE),
        ]
    pairs += [(f"{key} face tag", ON_FILL, colour) for key, colour in BOX_PALETTE.items()]
    pairs += [(f"{key} notice", fg, bg) for key, (fg, bg, _border) in NOTICE_PALETTE.items()]
    pairs += [(f"{key} button", ON_FILL, fill) for key, fill in BUTTON_FILLS.items()]
    return pairs


def lowest_contrast() -> tuple[str, float]:
    """The palette's weakest pair and its contrast ratio (for the test and for the log)."""
    worst = min(text_pairs(), key=lambda p: contrast_ratio(p[1], p[2]))
    return worst[0], contrast_ratio(worst[1], worst[2])


# --- type sizes ------------------------------------------------------------------------------
REFERENCE_LINES = 50  # about this many lines of body text fit the screen's height
MIN_POINTS = 10.0  # never smaller than 10 pt on the screen's DPI, whatever its height
MIN_PX, MAX_PX = 12, 40


@dataclass(frozen=True, slots=True)
class Look:
    """What the style depends on: kiosk (touch) mode, and the screen's height and DPI."""

    touch: bool = False
    screen_height: int = 720  # logical pixels (Qt already divides by the device pixel ratio)
    dpi: float = 96.0  # logical DPI

    @classmethod
    def for_screen(cls, screen: QScreen | None, *, touch: bool) -> Look:
        screen = screen or QGuiApplication.primaryScreen()
        if screen is None:
            return cls(touch=touch)
        return cls(touch, screen.availableGeometry().height(), screen.logicalDotsPerInchY())

    @property
    def base_px(self) -> int:
        """Body text in pixels: 14 px at 720 lines, 22 px at 1080 (larger in kiosk mode)."""
        size = max(self.screen_height / REFERENCE_LINES, MIN_POINTS * self.dpi / 72.0)
        if self.touch:
            size *= 1.15  # read from a step away, touched with a finger
        return int(min(MAX_PX, max(MIN_PX, round(size))))

    def px(self, factor: float) -> int:
        return round(self.base_px * factor)

    @property
    def control_height(self) -> int:
        """Buttons, pickers and fields: a finger's width in kiosk mode."""
        return max(self.px(2.4 if self.touch else 2.2), 48 if self.touch else 32)


def stylesheet(look: Look) -> str:
    base = look.base_px
    control = look.control_height
    notices = "".join(
        f"""
    QLabel#{key} {{ background: {bg}; color: {fg}; border: 1px solid {border};
                   border-radius: 4px; padding: {look.px(0.4)}px; }}"""
        for key, (fg, bg, border) in NOTICE_PALETTE.items()
    )
    return f"""
    QMainWindow, QDialog {{ background: {SURFACE}; }}
    QWidget {{ font-size: {base}px; color: {INK}; }}
    QPushButton, QComboBox, QLineEdit {{ min-height: {control}px; padding: 0 {look.px(0.8)}px; }}
    QPushButton#primary {{ background: {BUTTON_FILLS["primary"]}; color: {ON_FILL}; font-weight: bold;
                          border-radius: 6px; }}
    QPushButton#primary:disabled {{ background: {BUTTON_FILLS["primary-disabled"]}; }}
    QPushButton#danger {{ background: {BUTTON_FILLS["danger"]}; color: {ON_FILL}; font-weight: bold;
                         border-radius: 6px; }}
    QLabel#title {{ font-size: {look.px(1.6)}px; font-weight: bold; }}
    QLabel#subtitle {{ font-size: {look.px(1.2)}px; color: {MUTED_INK}; }}
    QLabel#counts {{ font-size: {look.px(1.3)}px; font-weight: bold; }}
    {notices}
    QListWidget {{ font-size: {base}px; background: {PAPER}; }}
    QListWidget::item {{ min-height: {control + 8}px; }}
    QStatusBar QLabel {{ padding: 0 {look.px(0.5)}px; }}
    QStatusBar QPushButton {{ min-height: {look.px(1.8)}px; }}
    QProgressBar {{ min-height: {look.px(0.9)}px; max-height: {look.px(0.9)}px; }}
    """


def notice_text(severity: str, text: str) -> str:
    """The notice's words with its sign in front: the severity is not said by colour alone."""
    if not text:
        return ""
    sign = NOTICE_SIGNS[severity]
    return "\n".join(f"{sign} {line}" if line.strip() else line for line in text.splitlines())
