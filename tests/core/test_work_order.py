"""Documents as a work list: metadata from a JSONL import, the filter, the "next document" policies."""

from __future__ import annotations

import json

import pytest

from annotator.importing import import_paths
from annotator.model import DocStatus
from annotator.predictions import Prediction, Suggestion
from annotator.sessions.annotating import Session
from annotator.store import Project
from annotator.work_order import (
    WorkFilter,
    WorkOrder,
    choose_work_order,
    next_in_list,
    ordered_ids,
    read_work_order,
)

pytestmark = pytest.mark.both_backends  # tests taking a project run on SQLite and on a PostgreSQL server

ARTICLES = [  # name, text, meta: lengths differ so "shortest first" has an order of its own
    ("a", "زار الرئيس المصري موسكو أمس في زيارة رسمية طويلة.", {"source": "aljazeera", "date": "2024-03-02", "tags": ["politics"]}),  # noqa: E501
    ("b", "فاز النادي الأهلي.", {"source": "bbc", "date": "2024-04-10", "tags": ["sport", "egypt"]}),
    ("c", "وصل الوفد إلى القاهرة صباح اليوم.", {"source": "aljazeera", "date": "2024-03-20", "tags": ["sport"]}),
    ("d", "انتهى الاجتماع في بيروت بعد ساعات من النقاش الحاد بين الوفود.", {"source": "bbc", "desk": "Levant"}),
]  # fmt: skip


@pytest.fixture
def project(tmp_path, project_location):
    path = tmp_path / "news.jsonl"
    lines = [json.dumps({"name": n, "text": t, "meta": m}, ensure_ascii=False) for n, t, m in ARTICLES]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with Project.create(project_location()) as p:
        import_paths(p, [path])
        yield p


def _ids(project: Project) -> dict[str, str]:
    return {d.name: d.id for d in project.documents()}


def _names(project: Project, ids: list[str]) -> list[str]:
    names = {v: k for k, v in _ids(project).items()}
    return [names[i] for i in ids]


def test_a_jsonl_import_keeps_meta_and_work_rows_read_it_with_pending_suggestions(project) -> None:
    ids = _ids(project)
    project.ensure_annotator("layla")
    project.store_predictions(
        "gazetteer",
        [
            Prediction(
                ids["a"], (Suggestion(18, 23, "GPE", 0.9, "gazetteer"), Suggestion(0, 3, "PERS", 0.4, "gazetteer"))
            ),
            Prediction(ids["b"], (Suggestion(4, 10, "ORG", 0.8, "gazetteer"),)),
        ],
    )
    project.add_span(ids["b"], "layla", 4, 10, "ORG")  # covers b's only suggestion
    rows = {r.summary.info.name: r for r in project.reads.work_rows("layla")}
    assert rows["b"].meta == {"source": "bbc", "date": "2024-04-10", "tags": ["sport", "egypt"]}
    assert rows["d"].meta["desk"] == "Levant"
    assert (rows["a"].pending, rows["b"].pending, rows["c"].pending) == (2, 0, 0)
    assert rows["b"].summary.status == DocStatus.IN_PROGRESS and rows["b"].summary.span_count == 1
    suggestion = next(s for s in project.suggestions(ids["a"], "layla") if s.label == "PERS")
    project.reject_suggestion(suggestion.id, "layla")
    assert {r.summary.info.name: r.pending for r in project.reads.work_rows("layla")}["a"] == 1
    omar = {r.summary.info.name: r.pending for r in project.reads.work_rows("omar")}
    assert omar["a"] == 2  # blind: omar decided nothing


def test_the_filter_reads_status_metadata_words_and_has_suggestions(project) -> None:
    rows = {r.summary.info.name: r for r in project.reads.work_rows("layla")}

    def kept(query: str) -> list[str]:
        wanted = WorkFilter.parse(query)
        return sorted(name for name, row in rows.items() if wanted.matches(row))

    assert kept("") == ["a", "b", "c", "d"]
    assert kept("source:aljazeera") == ["a", "c"]
    assert kept("tags:sport") == ["b", "c"]
    assert kept("tags:sport source:bbc") == ["b"]
    assert kept("date:2024-03") == ["a", "c"]
    assert kept("DESK:levant") == ["d"]
    assert kept("egypt") == ["b"]  # a free word: the name or any metadata value
    assert kept("has:suggestions") == []
    assert kept("-has:suggestions") == ["a", "b", "c", "d"]
    assert kept("status:done") == []
    assert kept("status:not-done source:bbc") == ["b", "d"]
    parsed = WorkFilter.parse('status:later source:"al jazeera"')
    assert parsed.errors == ("status:later",) and parsed.meta == (("source", "al jazeera"),)


def test_the_policies_order_assigned_shortest_and_least_confident(project) -> None:
    ids = _ids(project)
    assert _names(project, ordered_ids(project, "layla", WorkOrder.ASSIGNED)) == ["a", "b", "c", "d"]
    assert _names(project, ordered_ids(project, "layla", WorkOrder.SHORTEST)) == ["b", "c", "a", "d"]
    project.store_predictions("crf", [Prediction(ids["c"], (), 0.2), Prediction(ids["d"], (), 0.7)])
    assert _names(project, ordered_ids(project, "layla", WorkOrder.LEAST_CONFIDENT)) == ["d", "c", "a", "b"]
    # the same order the Suggestions feature has always shown (one policy, not two)
    ranked = [info.id for info, _u in project.documents_by_uncertainty(annotator="layla")]
    assert ordered_ids(project, "layla", WorkOrder.LEAST_CONFIDENT) == ranked


def test_the_choice_is_a_project_setting_per_annotator_with_a_default(project, tmp_path) -> None:
    assert read_work_order(project, "layla") is None
    choose_work_order(project, WorkOrder.SHORTEST)
    choose_work_order(project, WorkOrder.LEAST_CONFIDENT, "omar")
    assert read_work_order(project, "layla") == WorkOrder.SHORTEST
    assert read_work_order(project, "omar") == WorkOrder.LEAST_CONFIDENT
    settings = project.recommender_settings()
    assert settings["work_order"] == {"": "shortest", "omar": "least-confident"}


def test_next_document_follows_the_policy_and_the_filter(project) -> None:
    ids = _ids(project)
    session = Session.start(project, "layla")
    session.work_order = WorkOrder.SHORTEST  # b, c, a, d
    session.open_document(ids["b"])
    assert _names(project, [session.neighbour(1)]) == ["c"]
    session.open_document(ids["a"])
    assert _names(project, [session.neighbour(-1)]) == ["c"]
    session.work_filter = WorkFilter.parse("source:bbc")  # b, d
    assert _names(project, [session.neighbour(1)]) == ["d"]  # a is not in the list, the walk goes on from it
    assert _names(project, [session.neighbour(-1)]) == ["b"]
    session.open_document(ids["b"])
    session.mark_done()
    session.work_filter = WorkFilter.parse("status:not-done")
    session.work_order = WorkOrder.ASSIGNED
    assert _names(project, [session.neighbour(1, skip_done=True)]) == ["c"]  # b left the list when done
    session.order = [ids["d"], ids["c"], ids["b"], ids["a"]]  # a list that set its own order wins
    assert _names(project, [session.neighbour(1)]) == ["a"]


def test_next_in_list_steps_over_documents_not_kept() -> None:
    ids = ["a", "b", "c", "d", "e"]
    assert next_in_list(ids, "b", 1, ["d", "e"]) == "d"
    assert next_in_list(ids, "b", 2, ["d", "e"]) == "e"
    assert next_in_list(ids, "d", -1, ["a", "d"]) == "a"
    assert next_in_list(ids, "e", 1) is None
    assert next_in_list(ids, "zz", 1, ["c"]) == "c"


def test_the_arabic_query_words_mean_the_same() -> None:
    assert WorkFilter.parse("الحالة:غير-منجز فيه:اقتراحات") == WorkFilter.parse("status:not-done has:suggestions")
    assert WorkFilter.parse("-فيه:اقتراحات").has_suggestions is False
