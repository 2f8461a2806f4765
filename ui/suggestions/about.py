"""Help → About: what Hashiya is, and the attributions its licences require.

The shipped suggestion model is a derived work of AQMAR (CC BY-SA 3.0), so its attribution must
reach users of the application, not only readers of ``resources/``; the Amiri font's OFL asks
for its copyright notice to travel with it. The model's lines come from the core
(:func:`annotator.recommenders.about_notices`), read from the model's own metadata.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from annotator import __version__
from annotator.recommenders import about_notices
from ui.i18n import ltr, tr

AMIRI_NOTICE = (
    "Arabic text is shown in the Amiri font, © 2010-2022 The Amiri Project Authors "
    "(https://github.com/aliftype/amiri), licensed under the SIL Open Font License 1.1 "
    "(resources/fonts/OFL-Amiri.txt)."
)


def about_html() -> str:
    notices = [*about_notices(), AMIRI_NOTICE]
    items = "".join(f'<li dir="ltr">{escape(line)}</li>' for line in notices)
    return (
        f"<h3>{escape(tr('Hashiya'))} {ltr(__version__)}</h3>"
        f"<p>{escape(tr('Annotating Arabic news articles: entities, relations, suggestions, agreement.'))}</p>"
        f"<p><b>{escape(tr('Acknowledgements and licences'))}</b></p><ul>{items}</ul>"
    )


def show_about(parent: QWidget) -> QMessageBox:
    """Open the About box (not modal, so tests and users can keep the window going)."""
    box = QMessageBox(parent)
    box.setObjectName("aboutBox")
    box.setWindowTitle(tr("About Hashiya"))
    box.setIcon(QMessageBox.Icon.Information)
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(about_html())
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setStyleSheet("QLabel { min-width: 520px; }")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
