"""The document list as a work list: Ctrl+L filters it, View → Next document order orders it, and
Ctrl+PgDown / Ctrl+Enter follow what the list shows."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.importing import import_paths
from annotator.predictions import Prediction, Suggestion
from annotator.store import Project
from annotator.work_order import WorkOrder, read_work_order

from .conftest import ANNOTATOR, SCREENSHOTS

CTRL = Qt.KeyboardModifier.ControlModifier
ARTICLES = [  # lengths differ: shortest first is b, c, a, d
    ("a", "زار الرئيس المصري موسكو أمس في زيارة رسمية طويلة.", {"source": "aljazeera", "tags": ["politics"]}),
    ("b", "فاز النادي الأهلي.", {"source": "bbc", "date": "2024-04-10", "tags": ["sport"]}),
    ("c", "وصل الوفد إلى القاهرة صباح اليوم.", {"source": "aljazeera", "tags": ["sport"]}),
    ("d", "انتهى الاجتماع في بيروت بعد ساعات من النقاش الحاد بين الوفود.", {"source": "bbc"}),
]


@pytest.fixture
def news_project(tmp_path):
    """The four articles imported from JSON Lines with their metadata."""
    source = tmp_path / "news.jsonl"
    lines = [json.dumps({"name": n, "text": t, "meta": m}, ensure_ascii=False) for n, t, m in ARTICLES]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    project = Project.create(tmp_path / "news.hashiya")
    import_paths(project, [source])
    yield project
    project.close()


@pytest.fixture
def news(open_window, news_project):
    window = open_window(news_project)
    window.open_document(_id(window, "a"))
    return window


def _id(window, name: str) -> str:
    return next(d.id for d in window.session.project.documents() if d.name == name)


def _listed(window) -> list[str]:
    """The names in the documents panel, as the user reads them."""
    model = window.documents.table.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def _open_name(window) -> str:
    return window.session.project.document_info(window.session.document_id).name


def _filter(qtbot, window, text: str) -> None:
    """Ctrl+L from the text, then type the query (as a user does)."""
    qtbot.keyClick(window.view, Qt.Key.Key_L, CTRL)
    field = window.documents.filter_bar.field
    assert field.hasFocus()
    qtbot.keyClicks(field, text)
    QApplication.processEvents()


def test_ctrl_l_filters_by_metadata_and_ctrl_pgdown_walks_the_filtered_list(news, qtbot) -> None:
    assert _listed(news) == ["a", "b", "c", "d"]
    _filter(qtbot, news, "source:bbc")
    assert _listed(news) == ["b", "d"]
    news.view.setFocus()
    qtbot.keyClick(news.view, Qt.Key.Key_PageDown, CTRL)  # a is not in the list: on from where it stood
    assert _open_name(news) == "b"
    qtbot.keyClick(news.view, Qt.Key.Key_PageDown, CTRL)
    assert _open_name(news) == "d"
    news.documents.filter_bar.field.clear()
    _filter(qtbot, news, "tags:sport")
    assert _listed(news) == ["b", "c"]


def test_the_status_choice_and_has_suggestions_narrow_the_list_as_work_proceeds(news, qtbot) -> None:
    bar = news.documents.filter_bar
    bar.status.setCurrentIndex(bar.status.findData("not-done"))
    news.open_document(_id(news, "b"))
    qtbot.keyClick(news.view, Qt.Key.Key_Return, CTRL)  # done and next: b leaves the list
    assert _listed(news) == ["a", "c", "d"] and _open_name(news) == "c"
    project = news.session.project
    project.store_predictions("gazetteer", [Prediction(_id(news, "d"), (Suggestion(14, 19, "GPE", 0.9, "gazetteer"),))])
    bar.suggested.setChecked(True)
    QApplication.processEvents()
    assert _listed(news) == ["d"]
    qtbot.keyClick(news.view, Qt.Key.Key_PageDown, CTRL)
    assert _open_name(news) == "d"


def test_the_view_menu_policy_orders_the_list_and_next_and_is_stored(news, qtbot) -> None:
    news.actions_by_name["work_order_shortest"].trigger()
    assert _listed(news) == ["b", "c", "a", "d"]
    assert read_work_order(news.session.project, ANNOTATOR) == WorkOrder.SHORTEST
    news.open_document(_id(news, "b"))
    qtbot.keyClick(news.view, Qt.Key.Key_PageDown, CTRL)
    assert _open_name(news) == "c"
    qtbot.keyClick(news.view, Qt.Key.Key_Return, CTRL)  # mark c done, then the next in this order
    assert _open_name(news) == "a"


def test_the_uncertainty_entry_is_the_least_confident_policy(news, qtbot) -> None:
    project = news.session.project
    project.store_predictions("crf", [Prediction(_id(news, "c"), (), 0.2), Prediction(_id(news, "d"), (), 0.7)])
    uncertainty = news.actions_by_name["order_uncertainty"]
    uncertainty.setChecked(True)  # the Suggestions feature's older entry
    assert news.actions_by_name["work_order_least-confident"].isChecked()
    assert read_work_order(project, ANNOTATOR) == WorkOrder.LEAST_CONFIDENT
    assert _listed(news) == ["d", "c", "a", "b"]
    assert news.documents.table.model().columnCount() == 4  # the uncertainty column is shown
    news.open_document(_id(news, "d"))
    qtbot.keyClick(news.view, Qt.Key.Key_PageDown, CTRL)
    assert _open_name(news) == "c"
    news.actions_by_name["work_order_assigned"].trigger()
    assert not uncertainty.isChecked()
    assert _listed(news) == ["a", "b", "c", "d"]


def test_the_policy_comes_back_with_the_project(news, open_window, qtbot) -> None:
    news.actions_by_name["work_order_shortest"].trigger()
    news.close()
    again = open_window(news.session.project)
    assert again.actions_by_name["work_order_shortest"].isChecked()
    assert _listed(again) == ["b", "c", "a", "d"]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_screenshot_of_the_filtered_work_list(open_window, news_project, settings, qtbot, language) -> None:
    settings.language = language
    news = open_window(news_project)
    news.actions_by_name["work_order_shortest"].trigger()
    status = news.documents.filter_bar.status
    status.setCurrentIndex(status.findData("not-done"))
    _filter(qtbot, news, "source:aljazeera")  # the metadata key as the import carried it, in either language
    assert _listed(news) == ["c", "a"]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = "work-list.png" if language == "en" else "work-list-ar.png"
    assert news.grab().save(str(SCREENSHOTS / name))


def test_the_open_document_stays_selected_while_the_filter_changes(news, qtbot) -> None:
    _filter(qtbot, news, "source:aljazeera")
    rows = news.documents.table.selectionModel().selectedRows()
    assert [news.documents.table.model().index(r.row(), 0).data() for r in rows] == ["a"]


def test_list_position_counts_the_rows_shown(news, qtbot) -> None:
    news.actions_by_name["work_order_shortest"].trigger()  # b, c, a, d
    assert news.documents.list_position(_id(news, "a")) == (3, 4)
    _filter(qtbot, news, "source:bbc")
    assert news.documents.list_position(_id(news, "d")) == (2, 2)
    assert news.documents.list_position(_id(news, "a")) == (0, 2)


def test_a_names_tooltip_lists_its_metadata(news) -> None:
    model = news.documents.table.model()
    tip = model.index(_listed(news).index("b"), 0).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.split("\n")[1:] == ["source: bbc", "date: 2024-04-10", "tags: sport"]


def test_a_refresh_the_list_deferred_does_not_read_a_project_closed_after_its_window(
    open_window, tmp_path, qtbot
) -> None:
    """Documents arrive, the window closes and its project after it before the list's deferred
    refresh runs (a server project's windows close like this): nothing reads the closed project."""
    from annotator.model import IncomingDocument

    project = Project.create(tmp_path / "closing.hashiya")
    project.add_documents([IncomingDocument(n, t, f"{n}.txt") for n, t, _ in ARTICLES[:2]])
    window = open_window(project)
    project.add_documents([IncomingDocument(n, t, f"{n}.txt") for n, t, _ in ARTICLES[2:]])  # a refresh deferred
    assert window.work_list._pending_refresh
    window.close()
    project.close()
    QApplication.processEvents()  # pytest-qt fails the test on an exception raised in here
