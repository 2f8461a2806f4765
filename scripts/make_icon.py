"""Draw Hashiya's application icon: ``resources/icons/hashiya.svg`` and PNGs of every menu size.

    .venv/bin/python scripts/make_icon.py [--out resources/icons]

The icon is the letter ح (the first letter of حاشية, "margin note") in white, underlined in a label
colour, on a blue tile: the colours are the default schema's (GPE blue, MISC orange). The letter
is the outline of the glyph in the shipped Amiri Bold, converted to an SVG path, so the SVG needs
no font wherever it is shown. The PNGs are rendered from that SVG with Qt, so both always match.
Run it offscreen; it takes about a second.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import (  # noqa: E402
    QFont,
    QFontDatabase,
    QGuiApplication,
    QImage,
    QPainter,
    QPainterPath,
    QTransform,
)
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

from annotator.paths import resource_path  # noqa: E402

CANVAS = 256
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256)
LETTER = "ح"
TILE_TOP, TILE_BOTTOM = "#1A8AD0", "#005A8E"  # schema GPE blue #0072B2, lit from above
HIGHLIGHT = "#E69F00"  # schema MISC orange: the underline of a tagged span
LETTER_COLOUR = "#FFFFFF"
LETTER_BOX = QRectF(58, 34, 140, 176)  # where the ink of the letter is fitted (centred, aspect kept)


def letter_path() -> QPainterPath:
    """The outline of ح in Amiri Bold, scaled and centred into ``LETTER_BOX``."""
    font_file = resource_path("fonts", "Amiri-Bold.ttf")
    font_id = QFontDatabase.addApplicationFont(str(font_file))
    if font_id < 0:
        raise SystemExit(f"{font_file}: Qt cannot load this font")
    font = QFont(QFontDatabase.applicationFontFamilies(font_id)[0])
    font.setBold(True)
    font.setPixelSize(400)
    path = QPainterPath()
    path.addText(QPointF(0, 0), font, LETTER)
    ink = path.boundingRect()
    scale = min(LETTER_BOX.width() / ink.width(), LETTER_BOX.height() / ink.height())
    offset = LETTER_BOX.center() - ink.center() * scale
    return QTransform(scale, 0, 0, scale, offset.x(), offset.y()).map(path)


def svg_path_data(path: QPainterPath) -> str:
    """SVG ``d`` for a Qt path: moves, lines and cubic curves (a curve is followed by its two data points)."""
    parts: list[str] = []
    i = 0
    while i < path.elementCount():
        element = path.elementAt(i)
        if element.isCurveTo():
            points = [path.elementAt(j) for j in (i, i + 1, i + 2)]
            parts.append("C" + " ".join(f"{p.x:.2f} {p.y:.2f}" for p in points))
            i += 3
            continue
        if element.isMoveTo():
            parts.append(("Z M" if parts else "M") + f"{element.x:.2f} {element.y:.2f}")
        else:
            parts.append(f"L{element.x:.2f} {element.y:.2f}")
        i += 1
    return " ".join(parts) + " Z"


def icon_svg() -> str:
    letter = letter_path()
    ink = letter.boundingRect()
    fill_rule = "nonzero" if letter.fillRule() == Qt.FillRule.WindingFill else "evenodd"
    # a label-coloured line under the letter, as the window underlines tagged text
    mark = QRectF(LETTER_BOX.left() - 2, ink.bottom() + 4, LETTER_BOX.width() + 4, 16)
    return f"""<svg xmlns="http://www.w3.org/2000/svg" width="{CANVAS}" height="{CANVAS}" \
viewBox="0 0 {CANVAS} {CANVAS}">
  <title>Hashiya</title>
  <defs>
    <linearGradient id="tile" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="{TILE_TOP}"/>
      <stop offset="1" stop-color="{TILE_BOTTOM}"/>
    </linearGradient>
  </defs>
  <rect x="12" y="12" width="232" height="232" rx="48" ry="48" fill="url(#tile)"/>
  <rect x="{mark.x():.2f}" y="{mark.y():.2f}" width="{mark.width():.2f}" height="{mark.height():.2f}" \
rx="8" ry="8" fill="{HIGHLIGHT}"/>
  <path fill="{LETTER_COLOUR}" fill-rule="{fill_rule}" d="{svg_path_data(letter)}"/>
</svg>
"""


def render_svg(svg: Path, size: int) -> QImage:
    """The SVG drawn on a transparent ``size``×``size`` image: how each PNG is made (and what tests compare)."""
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: Qt cannot read the SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def render_png(svg: Path, size: int, out: Path) -> None:
    if not render_svg(svg, size).save(str(out)):
        raise SystemExit(f"{out}: cannot write the PNG")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "icons")
    args = parser.parse_args(argv)
    _app = QGuiApplication(sys.argv[:1])
    args.out.mkdir(parents=True, exist_ok=True)
    svg = args.out / "hashiya.svg"
    svg.write_text(icon_svg(), encoding="utf-8")
    print(svg)
    for size in PNG_SIZES:
        png = args.out / f"hashiya-{size}.png"
        render_png(svg, size, png)
        print(png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
