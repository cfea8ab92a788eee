"""Colour contrast as WCAG 2.x defines it: text must stay readable on its background.

WCAG AA asks for at least 4.5:1 for normal text and 3:1 for large text (18 pt, or 14 pt
bold) and for graphical objects such as a box drawn around a face.
"""

from __future__ import annotations

AA_TEXT = 4.5
AA_LARGE_TEXT = 3.0

RGB = tuple[int, int, int]


def parse_hex(colour: str) -> RGB:
    """``"#1b5e20"`` (or ``"1b5e20"``, or ``"#abc"``) as an (r, g, b) triple of 0-255."""
    text = colour.strip().lstrip("#")
    if len(text) == 3:
        text = "".join(c * 2 for c in text)
    if len(text) != 6:
        raise ValueError(f"{colour!r} is not a #rrggbb colour")
    return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(rgb: RGB) -> float:
    r, g, b = rgb
    return 0.2126 * _linear(r) + 0.7152 * _linear(g) + 0.0722 * _linear(b)


def contrast_ratio(foreground: RGB | str, background: RGB | str) -> float:
    """(L1 + 0.05) / (L2 + 0.05), the lighter luminance over the darker: 1.0 to 21.0."""
    fg = parse_hex(foreground) if isinstance(foreground, str) else foreground
    bg = parse_hex(background) if isinstance(background, str) else background
    lighter, darker = sorted((relative_luminance(fg), relative_luminance(bg)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
