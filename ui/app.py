"""Starting the window: ``run(path, annotator=None)`` is what ``hashiya`` calls.

Start-up order matters: language and layout direction, theme and fonts are set before the
first widget exists; the project opens before the window; no heavy module (camel-tools NER,
torch) is imported here.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.desktop import APP_ID
from annotator.errors import HashiyaError
from annotator.sessions.annotating import Session
from annotator.store import Project
from ui import i18n
from ui.fonts import register_fonts
from ui.icon import app_icon
from ui.identity import resolve_annotator
from ui.settings import Settings
from ui.theme import apply_theme

# For smoke tests and the start-up benchmark: print when the window is shown, then quit.
EXIT_WHEN_SHOWN = "HASHIYA_EXIT_WHEN_SHOWN"
# For the real-window test: a JSON file that receives the screen positions of words (ui/test_hook.py).
TEST_HOOK = "HASHIYA_TEST_HOOK"


def application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName("Hashiya")
    app.setOrganizationName("Hashiya")
    app.setDesktopFileName(APP_ID)  # Wayland matches the window to the menu entry (annotator/desktop.py)
    app.setWindowIcon(app_icon())
    return app


def prepare(app: QApplication, settings: Settings):
    """Language, direction, fonts and theme: everything a window needs before it is built."""
    from PySide6.QtCore import Qt

    i18n.set_language(settings.language)
    i18n.install_qt_translator(app)
    app.setLayoutDirection(Qt.LayoutDirection.RightToLeft if i18n.is_rtl() else Qt.LayoutDirection.LeftToRight)
    register_fonts()
    return apply_theme(app, settings.theme)


def build_window(project: Project, annotator: str, settings: Settings, theme=None):
    """A ready window for ``project`` as ``annotator`` (tests use this directly). ``theme``: what
    :func:`prepare` returned, when the caller already prepared the application (a second
    stylesheet and translator cost a cold start about 15 ms for nothing)."""
    from ui.window import MainWindow

    if theme is None:
        theme = prepare(application(), settings)
    return MainWindow(Session.start(project, annotator), settings, theme)


def run(path: Path, annotator: str | None = None) -> int:
    app = application()
    settings = Settings()
    theme = prepare(app, settings)
    try:
        project = Project.open(path)
    except HashiyaError as error:
        # the CLI prints it as one line; a user who started us from a desktop icon sees no terminal
        if app.platformName() != "offscreen" and not (sys.stderr and sys.stderr.isatty()):
            QMessageBox.critical(None, i18n.tr("Hashiya"), str(error))
        raise
    with project:
        name = resolve_annotator(settings, project, annotator)
        if name is None:
            print("hashiya: no annotator name given; nothing opened", file=sys.stderr)
            return 1
        holder: dict[str, object] = {}

        def show(theme=theme) -> None:
            window = build_window(project, name, settings, theme)
            window.restartRequested.connect(restart)
            holder["window"] = window
            window.show()
            if os.environ.get(TEST_HOOK):  # the real-window test asks where the words are drawn
                from ui.test_hook import install

                install(window, os.environ[TEST_HOOK])

        def restart() -> None:
            old = holder.get("window")
            if old is not None:
                old.close()
                old.deleteLater()
            show(prepare(app, settings))  # the language or theme changed: prepared afresh

        show()
        if os.environ.get(EXIT_WHEN_SHOWN):
            app.processEvents()  # the first paint
            print("window shown", flush=True)
            QTimer.singleShot(0, app.quit)  # runs once exec() has started
        code = app.exec()
        window = holder.get("window")
        if window is not None:
            window.close()
        return code
