"""Hashiya's icon: shipped in every menu size, drawn (not blank), and the window's own icon."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QWidget

from annotator.desktop import ICON_SIZES
from annotator.paths import resource_path


def icon_image(size: int) -> QImage:
    image = QImage(str(resource_path("icons", f"hashiya-{size}.png")))
    assert not image.isNull(), f"hashiya-{size}.png is missing or unreadable"
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def render_shipped_svg(size: int) -> QImage:
    """The shipped SVG drawn as scripts/make_icon.py draws it for each PNG."""
    from scripts.make_icon import render_svg

    return render_svg(resource_path("icons", "hashiya.svg"), size).convertToFormat(QImage.Format.Format_ARGB32)


def colour_counts(image: QImage) -> dict[str, int]:
    """Opaque pixels by the icon's three colours: the blue tile, the white letter, the orange underline."""
    counts = {"blue": 0, "white": 0, "orange": 0}
    for y in range(image.height()):
        for x in range(image.width()):
            c = QColor.fromRgba(image.pixel(x, y))
            if c.alpha() < 250:
                continue
            if c.blue() > 120 and c.red() < 60:
                counts["blue"] += 1
            elif min(c.red(), c.green(), c.blue()) > 235:
                counts["white"] += 1
            elif c.red() > 200 and 120 < c.green() < 190 and c.blue() < 60:
                counts["orange"] += 1
    return counts


@pytest.mark.parametrize("size", ICON_SIZES)
def test_each_menu_size_is_a_square_png_of_that_size(size):
    assert icon_image(size).size() == QSize(size, size)


def test_the_icon_shows_the_letter_on_its_tile_not_a_blank_square():
    counts = colour_counts(icon_image(64))
    area = 64 * 64
    assert counts["blue"] > area * 0.4  # the tile
    assert counts["white"] > area * 0.08  # the letter ح
    assert counts["orange"] > area * 0.02  # the underline


def distance(one: int, other: int) -> int:
    """The largest difference of two ARGB pixels in one channel."""
    a, b = QColor.fromRgba(one).getRgb(), QColor.fromRgba(other).getRgb()
    return max(abs(x - y) for x, y in zip(a, b, strict=True))


def test_the_pngs_are_renderings_of_the_svg():
    """The menu uses the SVG where it can and the PNGs elsewhere: they must show the same picture."""
    png, svg = icon_image(128), render_shipped_svg(128)
    differing = sum(1 for y in range(128) for x in range(128) if distance(png.pixel(x, y), svg.pixel(x, y)) > 40)
    assert differing < 128 * 128 * 0.01, f"{differing} pixels differ: run scripts/make_icon.py"


def test_windows_carry_the_hashiya_icon(qapp):
    from ui.app import application

    app = application()
    widget = QWidget()  # any top-level window without an icon of its own shows the application's
    icon = widget.windowIcon()
    assert {QSize(n, n) for n in ICON_SIZES} <= set(icon.availableSizes())
    shown = icon.pixmap(QSize(48, 48)).toImage().convertToFormat(QImage.Format.Format_ARGB32)
    assert shown == icon_image(48)
    assert app.desktopFileName() == "hashiya"  # Wayland finds hashiya.desktop, and its icon, by this name
