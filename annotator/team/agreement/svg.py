"""A few SVG drawing helpers for the agreement plots, with no plotting library.

Only SVG Tiny features (rect, line, text, presentation attributes, rotate transforms) are
used, so Qt's ``QSvgRenderer`` draws exactly what a browser shows in the HTML report.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

FONT = "DejaVu Sans, Noto Sans, Arial, sans-serif"
INK = "#222222"
MUTED = "#6b6b6b"
EMPTY = "#e6e6e6"  # a cell without data
NEGATIVE = (0xD5, 0x5E, 0x00)  # vermilion: agreement below chance
POSITIVE = (0x00, 0x72, 0xB2)  # blue: agreement up to perfect
OFF_DIAGONAL = (0xE6, 0x9F, 0x00)  # orange: confusions


def mix(colour: tuple[int, int, int], amount: float) -> str:
    """``colour`` blended with white: ``amount`` 0 is white, 1 is the full colour."""
    amount = min(max(amount, 0.0), 1.0)
    r, g, b = (round(255 + (c - 255) * amount) for c in colour)
    return f"#{r:02x}{g:02x}{b:02x}"


def agreement_colour(value: float | None) -> str:
    """Fill for an agreement figure in [-1, 1]: white at 0, blue towards 1, vermilion below 0."""
    if value is None:
        return EMPTY
    return mix(POSITIVE, value) if value >= 0 else mix(NEGATIVE, -value)


def text_colour(fill: str) -> str:
    """Black or white text, whichever reads on ``fill``."""
    r, g, b = (int(fill[i : i + 2], 16) for i in (1, 3, 5))
    return "#ffffff" if 0.299 * r + 0.587 * g + 0.114 * b < 140 else INK


def fmt(value: float | None, digits: int = 2) -> str:
    """``value`` to ``digits`` places; a value that rounds to zero is "0.00", never "-0.00"."""
    if value is None:
        return "—"
    text = f"{value:.{digits}f}"
    return text[1:] if text.startswith("-") and not text.strip("-0.") else text


def text_width(text: str, size: float = 12) -> float:
    """A generous estimate of rendered width, to lay out margins without a font engine."""
    return 0.62 * size * len(text) + 4


class Svg:
    def __init__(self, width: float, height: float, title: str = "") -> None:
        self.width, self.height = width, height
        self.parts: list[str] = []
        self.title = title

    def rect(self, x: float, y: float, w: float, h: float, fill: str, stroke: str = "none", tip: str = "") -> None:
        tooltip = f"<title>{escape(tip)}</title>" if tip else ""
        self.parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="{fill}" stroke="{stroke}">'
            f"{tooltip}</rect>"
        )

    def line(self, x1: float, y1: float, x2: float, y2: float, stroke: str = MUTED) -> None:
        self.parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{stroke}" stroke-width="1"/>'
        )

    def text(
        self,
        x: float,
        y: float,
        content: str,
        *,
        size: float = 12,
        anchor: str = "start",
        fill: str = INK,
        bold: bool = False,
        rotate: float | None = None,
    ) -> None:
        weight = ' font-weight="bold"' if bold else ""
        turn = f' transform="rotate({rotate:.0f} {x:.1f} {y:.1f})"' if rotate is not None else ""
        self.parts.append(
            f'<text x="{x:.1f}" y="{y:.1f}" font-family={quoteattr(FONT)} font-size="{size:g}" '
            f'text-anchor="{anchor}" fill="{fill}"{weight}{turn}>{escape(content)}</text>'
        )

    def render(self) -> str:
        title = f"<title>{escape(self.title)}</title>" if self.title else ""
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{self.width:.0f}" '
            f'height="{self.height:.0f}" viewBox="0 0 {self.width:.0f} {self.height:.0f}">'
            f'{title}<rect x="0" y="0" width="{self.width:.0f}" height="{self.height:.0f}" fill="#ffffff"/>'
            + "".join(self.parts)
            + "</svg>"
        )
