"""After the load run: the journals against what the server holds, then every annotator's undo history.

The tables are read with plain psycopg, not through the store, so a bug in the store's reads cannot
hide one in its writes. Each annotator's journal is the whole story of its layer and its log (no one
else writes them), folded in order into the expected state:

- ``lost``: journal entries whose action is missing from ``actions`` or not in the state the journal
  implies (a new action is ``done``; an undo makes it ``undone``, a redo ``done`` again; a later new
  action turns the annotator's ``undone`` ones ``discarded``).
- ``duplicated``: actions in an annotator's log that no journal entry names (a retry that applied
  the action a second time), two new-action entries with one id, and spans stored twice
  (same document, annotator, offsets and label).
- ``half_done``: for the killed client, actions in its log that its journal does not name, plus
  spans matching the add it died in (the intent it wrote before dying).
- ``layer_differences``: spans and statuses that differ from the journal's folded state, and journal
  entries that do not fold (an update of a span the journal says is gone).

The undo check then uses the store, as an annotator would: for each annotator, undo until nothing is
left (each undo must change something, their number must be the ``done`` actions', the layer must
end empty and every status new), then redo as many times (each must change something; actions the
run itself left undone come after them and stay undone), and the layer must be what it was.
"""

from __future__ import annotations

import json
import multiprocessing
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from server_load_run import LoadRun

DO_KINDS = frozenset({"add_span", "remove_span", "relabel_span", "set_status"})
Layer = tuple[frozenset[tuple[str, str, int, int, str]], frozenset[tuple[str, str]]]


@dataclass
class Expected:
    """One annotator's layer and log states, folded from its journal."""

    spans: dict[str, tuple[str, int, int, str]] = field(default_factory=dict)
    statuses: dict[str, str] = field(default_factory=dict)
    states: dict[str, str] = field(default_factory=dict)
    repeated: int = 0  # new-action entries naming an id seen before
    unfoldable: int = 0  # entries updating a span the journal says is not there

    def fold(self, entry: dict[str, Any]) -> None:
        action, kind = entry["action_id"], entry["kind"]
        if kind in DO_KINDS:
            if action in self.states:
                self.repeated += 1
            for other, state in self.states.items():
                if state == "undone":
                    self.states[other] = "discarded"
            self.states[action] = "done"
        else:
            self.states[action] = "undone" if kind == "undo" else "done"
        effects = entry["effects"]
        for span_id, doc, start, end, label in effects["added"]:
            self.spans[span_id] = (doc, start, end, label)
        for span_id in effects["removed"]:
            self.spans.pop(span_id, None)
        for span_id, after in effects["updated"]:
            if span_id not in self.spans:  # the journal contradicts itself: an earlier step went astray
                self.unfoldable += 1
                continue
            doc, start, end, label = self.spans[span_id]
            self.spans[span_id] = (doc, after.get("start", start), after.get("end", end), after.get("label", label))
        for doc, status in effects["statuses"]:
            if status == "new":
                self.statuses.pop(doc, None)
            else:
                self.statuses[doc] = status


@dataclass
class Verdict:
    lost: int = 0
    duplicated: int = 0
    half_done: int = 0
    layer_differences: int = 0
    kill_happened: bool = False
    journaled: int = 0
    problems: list[str] = field(default_factory=list)
    history_intact: bool = False
    undo_steps: int = 0


def read_lines(path: Any) -> list[dict[str, Any]]:
    """Complete JSON lines (a final line cut by a kill is dropped)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return []
    return [json.loads(line) for line in data.split(b"\n")[:-1] if line.strip()]


def _server_rows(url: str) -> dict[str, Any]:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        ids = dict(conn.execute("SELECT name, id FROM annotators").fetchall())
        actions = conn.execute("SELECT annotator_id, id, state FROM actions").fetchall()
        spans = conn.execute('SELECT id, annotator_id, document_id, start, "end", label FROM spans').fetchall()
        statuses = conn.execute("SELECT annotator_id, document_id, status FROM document_status").fetchall()
    return {"ids": ids, "actions": actions, "spans": spans, "statuses": statuses}


def verify(run: LoadRun) -> Verdict:
    """Journals against the server's tables (see the module docstring for each count)."""
    verdict = Verdict()
    rows = _server_rows(run.url)
    log: dict[str, dict[str, str]] = defaultdict(dict)
    for annotator_id, action_id, state in rows["actions"]:
        log[annotator_id][action_id] = state
    layer: dict[str, dict[str, tuple[str, int, int, str]]] = defaultdict(dict)
    for span_id, annotator_id, doc, start, end, label in rows["spans"]:
        layer[annotator_id][span_id] = (doc, start, end, label)
    statuses: dict[str, dict[str, str]] = defaultdict(dict)
    for annotator_id, doc, status in rows["statuses"]:
        statuses[annotator_id][doc] = status
    twice = Counter((a, d, s, e, lab) for _, a, d, s, e, lab in rows["spans"])
    doubled = sum(count - 1 for count in twice.values() if count > 1)
    verdict.duplicated += doubled
    if doubled:
        verdict.problems.append(f"{doubled} spans stored twice")

    for name in run.names:
        me = rows["ids"][name]
        journal = read_lines(run.journal(name))
        verdict.journaled += len(journal)
        expected = Expected()
        for entry in journal:
            expected.fold(entry)
        verdict.duplicated += expected.repeated
        for entry in journal:
            if log[me].get(entry["action_id"]) != expected.states[entry["action_id"]]:
                verdict.lost += 1
                verdict.problems.append(
                    f"{name} #{entry['n']} {entry['kind']} {entry['action_id']}: journal says "
                    f"{expected.states[entry['action_id']]}, server has {log[me].get(entry['action_id'])}"
                )
        extra = sorted(set(log[me]) - set(expected.states))
        if name == run.killed:
            verdict.half_done += len(extra)
            verdict.half_done += _dying_rows(run, name, layer[me], expected)
            verdict.kill_happened = run.exit_codes.get(name) == -9 and any(
                i.get("dying") for i in read_lines(run.intents(name))
            )
        else:
            verdict.duplicated += len(extra)
        if extra:
            verdict.problems.append(f"{name}: actions no journal entry names: {extra[:5]}")
        differences = expected.unfoldable + len(set(layer[me].items()) ^ set(expected.spans.items()))
        differences += len(set(statuses[me].items()) ^ set(expected.statuses.items()))
        verdict.layer_differences += differences
        if differences:
            verdict.problems.append(f"{name}: {differences} spans or statuses differ from the journal")
    return verdict


def _dying_rows(run: LoadRun, name: str, stored: dict[str, tuple[str, int, int, str]], expected: Expected) -> int:
    """Spans of the add the killed client died in that are on the server but not in its journal."""
    dying = [i for i in read_lines(run.intents(name)) if i.get("dying")]
    if not dying:
        return 0
    what = dying[-1]["what"]
    key = (what["doc"], what["start"], what["end"], what["label"])
    return sum(1 for span_id, span in stored.items() if span == key and span_id not in expected.spans)


# -- the undo history, through the store -------------------------------------------------------------


def _layer(conn: Any, annotator_id: str) -> Layer:
    spans = conn.execute(
        'SELECT id, document_id, start, "end", label FROM spans WHERE annotator_id = %s', (annotator_id,)
    ).fetchall()
    statuses = conn.execute(
        "SELECT document_id, status FROM document_status WHERE annotator_id = %s", (annotator_id,)
    ).fetchall()
    return frozenset(spans), frozenset(statuses)


def check_history(url: str, name: str) -> tuple[bool, int, str]:
    """Undo every action of ``name``, check the layer is empty, redo all, check it is as before.
    Returns (intact, undo steps, what went wrong)."""
    import psycopg

    from annotator.store import Project

    with Project.open(url) as project, psycopg.connect(url, autocommit=True) as conn:
        me = project.roster.id_of(name)
        (done,) = conn.execute(
            "SELECT COUNT(*) FROM actions WHERE annotator_id = %s AND state = 'done'", (me,)
        ).fetchone()
        before = _layer(conn, me)
        undone = 0
        while (change := project.undo(name)).action_id is not None:
            if change.empty:
                return False, undone, f"{name}: undo of {change.action_id} changed nothing"
            undone += 1
        if undone != done:
            return False, undone, f"{name}: {undone} undos, but {done} actions were done"
        if _layer(conn, me) != (frozenset(), frozenset()):
            return False, undone, f"{name}: the layer is not empty after undoing everything"
        for redone in range(undone):  # exactly as many: actions the run left undone stay redoable after them
            if project.redo(name).empty:
                return False, undone, f"{name}: redo {redone + 1} of {undone} changed nothing"
        if _layer(conn, me) != before:
            return False, undone, f"{name}: after undo all and redo all the layer differs"
    return True, undone, ""


def check_histories(run: LoadRun, verdict: Verdict, workers: int = 2) -> None:
    """:func:`check_history` for every annotator, ``workers`` processes at a time."""
    context = multiprocessing.get_context("spawn")
    with context.Pool(min(workers, len(run.names))) as pool:
        results = pool.starmap(check_history, [(run.url, name) for name in run.names])
    verdict.history_intact = all(ok for ok, _, _ in results)
    verdict.undo_steps = sum(steps for _, steps, _ in results)
    verdict.problems += [why for ok, _, why in results if not ok]
