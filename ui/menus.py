"""The menu table: every menu of the main window declared as data, built into Qt in one place.

Features do not reach into each other's menus or a shared dict of actions: each registers its
entries with :meth:`MenuTable.add` (optionally ``before`` a named entry), and
:meth:`MenuTable.build` turns the whole table into the menu bar once, returning the actions by name.
A handler is named, not passed: a dotted attribute path resolved on the entry's owner (the main
window unless the feature registering it says otherwise), so the table reads as a list of what
each item does and stays free of closures over half-built windows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from operator import attrgetter

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from ui.i18n import tr

Shortcut = str | QKeySequence.StandardKey


@dataclass(frozen=True)
class Entry:
    """One menu item. ``name`` is its key in ``window.actions_by_name``; ``text`` is English (translated at build).

    ``checked`` None means not checkable; ``group`` makes the checkable entries of one menu exclusive;
    ``toggled`` passes the checked state to the handler, also when code calls ``setChecked``.
    """

    name: str
    text: str
    handler: str
    shortcuts: tuple[Shortcut, ...] = ()
    args: tuple[object, ...] = ()
    kwargs: Mapping[str, object] = field(default_factory=dict)
    checked: bool | None = None
    group: str | None = None
    translate: bool = True
    toggled: bool = False


@dataclass(frozen=True)
class Separator:
    """A line between groups of entries."""


SEPARATOR = Separator()


@dataclass(frozen=True)
class Submenu:
    """A menu inside a menu (declared with :meth:`MenuTable.menu` and ``parent``)."""

    key: str


@dataclass(frozen=True)
class Existing:
    """Actions Qt already made (a dock's show/hide toggle), listed as they are."""

    actions: tuple[QAction, ...]


Item = Entry | Separator | Submenu | Existing


@dataclass
class _Menu:
    title: str
    object_name: str = ""
    items: list[tuple[Item, object | None]] = field(default_factory=list)


class MenuTable:
    """Menus in declaration order, each an ordered list of items; built into a window's menu bar once."""

    def __init__(self) -> None:
        self._menus: dict[str, _Menu] = {}
        self._top: list[str] = []
        self.menus: dict[str, QMenu] = {}  # filled by build(): the Qt menu of each key
        self._when_built: list[Callable[[dict[str, QAction], dict[str, QMenu]], None]] = []

    def menu(self, key: str, title: str, *, parent: str | None = None, object_name: str = "") -> None:
        """Declare a menu (top level in call order, or at this point of ``parent``)."""
        self._menus[key] = _Menu(title, object_name)
        if parent is None:
            self._top.append(key)
        else:
            self._menus[parent].items.append((Submenu(key), None))

    def add(self, menu: str, *items: Item, owner: object | None = None, before: str | None = None) -> None:
        """Add ``items`` to ``menu``, at the end or just before the entry named ``before``.

        Handlers are resolved on ``owner`` (the window when None).
        """
        rows = self._menus[menu].items
        at = len(rows)
        if before is not None:
            at = next(i for i, (item, _) in enumerate(rows) if isinstance(item, Entry) and item.name == before)
        rows[at:at] = [(item, owner) for item in items]

    def on_built(self, callback: Callable[[dict[str, QAction], dict[str, QMenu]], None]) -> None:
        """Call ``callback(actions, menus)`` once the menus exist (a feature wiring its own actions)."""
        self._when_built.append(callback)

    def entries(self) -> Iterable[Entry]:
        """Every entry, menu by menu (for checks that each name is unique and each text translated)."""
        for menu in self._menus.values():
            yield from (item for item, _ in menu.items if isinstance(item, Entry))

    def build(self, window: QMainWindow) -> dict[str, QAction]:
        """Create the menu bar's menus and their actions; the actions by entry name."""
        actions: dict[str, QAction] = {}
        bar = window.menuBar()
        for key in self._top:
            self._fill(key, bar.addMenu(tr(self._menus[key].title)), window, actions)
        for callback in self._when_built:
            callback(actions, self.menus)
        return actions

    def _fill(self, key: str, qmenu: QMenu, window: QMainWindow, actions: dict[str, QAction]) -> None:
        spec = self._menus[key]
        self.menus[key] = qmenu
        if spec.object_name:
            qmenu.setObjectName(spec.object_name)
        groups: dict[str, QActionGroup] = {}
        for item, owner in spec.items:
            if isinstance(item, Separator):
                qmenu.addSeparator()
            elif isinstance(item, Submenu):
                self._fill(item.key, qmenu.addMenu(tr(self._menus[item.key].title)), window, actions)
            elif isinstance(item, Existing):
                qmenu.addActions(list(item.actions))
            else:
                if item.name in actions:
                    raise ValueError(f"two menu entries are named {item.name!r}")
                action = _make_action(item, window, attrgetter(item.handler)(owner or window))
                if item.group is not None:
                    groups.setdefault(item.group, QActionGroup(window)).addAction(action)
                qmenu.addAction(action)
                actions[item.name] = action


def _make_action(entry: Entry, window: QObject, handler: Callable[..., object]) -> QAction:
    action = QAction(tr(entry.text) if entry.translate else entry.text, window)
    if entry.checked is not None:
        action.setCheckable(True)
        action.setChecked(entry.checked)
    args, kwargs = entry.args, dict(entry.kwargs)
    if entry.toggled:
        action.toggled.connect(lambda checked: handler(checked, *args, **kwargs))
    else:
        action.triggered.connect(lambda _checked=False: handler(*args, **kwargs))
    if entry.shortcuts:
        action.setShortcuts([QKeySequence(s) for s in entry.shortcuts])
        window.addAction(action)  # shortcuts work even when the menu bar is hidden
    return action
