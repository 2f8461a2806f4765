"""A subprocess that annotates a project through the core API, logging each call (see actionlog.py).

Used by the crash suite (killed with SIGKILL at random moments, or killing itself at a chosen
point of a transaction) and by the concurrency suite (two of these at once, different
annotators). It prints ``ready`` once the project is open; with ``--wait-go`` it then waits for a
line on stdin, so two workers start together.

Fault injection (``--die``) uses the connection's trace callback and ``Project.subscribe``:
``before-commit`` kills the process as SQLite is about to run the ``COMMIT`` of call N (or the
first call after it that commits), ``after-commit`` kills it after the first commit that changed
something from call N on, before the call returns (so the log lacks it).
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sys
import time

from actionlog import LogWriter, change_record

from annotator.errors import HashiyaError
from annotator.model import DocStatus, NewSpan
from annotator.store import Project

LABELS = ("PERS", "PERS", "GPE", "GPE", "ORG", "LOC", "FAC", "NORP", "EVENT", "DATE", "MISC")
CALLS = (
    ("add_span", 30),
    ("add_spans", 5),
    ("remove_span", 9),
    ("relabel_span", 9),
    ("resize_span", 5),
    ("add_relation", 12),
    ("remove_relation", 5),
    ("set_status", 5),
    ("undo", 13),
    ("redo", 7),
)


class Worker:
    def __init__(self, project: Project, annotator: str, rng: random.Random) -> None:
        self.project = project
        self.annotator = annotator
        self.rng = rng
        self.documents = {d.id: project.token_offsets(d.id) for d in project.documents()}
        self.spans: dict[str, tuple[str, int, int, str]] = {}
        self.relations: dict[str, str] = {}  # id -> document
        for doc in self.documents:
            for span in project.spans(doc, annotator):
                self.spans[span.id] = (doc, span.start, span.end, span.label)
            for relation in project.relations(doc, annotator):
                self.relations[relation.id] = doc

    def observe(self, change) -> None:
        for span in change.spans_removed:
            self.spans.pop(span.id, None)
        for span in (*change.spans_added, *change.spans_updated):
            self.spans[span.id] = (span.document_id, span.start, span.end, span.label)
        for relation in change.relations_removed:
            self.relations.pop(relation.id, None)
        for relation in change.relations_added:
            self.relations[relation.id] = relation.document_id

    def pick_call(self) -> str:
        names, weights = zip(*CALLS, strict=True)
        call = self.rng.choices(names, weights)[0]
        needs_span = {"remove_span", "relabel_span", "resize_span", "add_relation"}
        if (call in needs_span and not self.spans) or (call == "remove_relation" and not self.relations):
            return "add_span"
        return call

    def _range(self, doc: str) -> tuple[int, int]:
        tokens = self.documents[doc]
        first = self.rng.randrange(len(tokens))
        last = min(len(tokens) - 1, first + self.rng.choice((0, 0, 1, 2)))
        return tokens[first][0], tokens[last][1]

    def perform(self, call: str):
        p, rng = self.project, self.rng
        doc = rng.choice(list(self.documents))
        if call == "add_span":
            start, end = self._range(doc)
            return p.add_span(doc, self.annotator, start, end, rng.choice(LABELS))
        if call == "add_spans":
            spans = [NewSpan(*self._range(doc), rng.choice(LABELS)) for _ in range(rng.randint(2, 5))]
            return p.add_spans(doc, self.annotator, spans)
        if call == "remove_span":
            return p.remove_span(rng.choice(list(self.spans)))
        if call == "relabel_span":  # never onto a span this annotator already has: the store refuses that
            span_id = rng.choice(list(self.spans))
            span_doc, start, end, label = self.spans[span_id]
            free = [x for x in LABELS if x != label and (span_doc, start, end, x) not in self.spans.values()]
            return p.relabel_span(span_id, rng.choice(free)) if free else p.remove_span(span_id)
        if call == "resize_span":
            span_id = rng.choice(list(self.spans))
            span_doc, *_, label = self.spans[span_id]
            start, end = self._range(span_doc)
            if (span_doc, start, end, label) in self.spans.values():
                return p.remove_span(span_id)
            return p.resize_span(span_id, start, end)
        if call == "add_relation":
            return self._add_relation()
        if call == "remove_relation":
            return p.remove_relation(rng.choice(list(self.relations)))
        if call == "set_status":
            return p.set_status(doc, self.annotator, rng.choice(list(DocStatus)))
        if call == "undo":
            return p.undo(self.annotator)
        if call == "redo":
            return p.redo(self.annotator)
        raise ValueError(call)

    def _add_relation(self):
        schema = self.project.schema
        ids = list(self.spans)
        self.rng.shuffle(ids)
        for head in ids[:30]:
            doc, *_, head_label = self.spans[head]
            for tail in ids[:30]:
                tail_doc, *_, tail_label = self.spans[tail]
                kinds = schema.relation_types_for(head_label, tail_label)
                if head != tail and tail_doc == doc and kinds:
                    return self.project.add_relation(head, tail, self.rng.choice(kinds).name)
        doc = self.rng.choice(list(self.documents))  # no allowed pair yet: add a span instead
        return self.project.add_span(doc, self.annotator, *self._range(doc), "PERS")


def run(worker: Worker, log: LogWriter, count: int, current: dict[str, int] | None = None, pause: float = 0.0) -> None:
    """Make ``count`` calls (0: forever), logging each intent before and each result after."""
    current = {} if current is None else current
    i = 0
    while count == 0 or i < count:
        if pause:
            time.sleep(worker.rng.uniform(0, 2 * pause))
        call = worker.pick_call()
        current["i"] = i
        log.write({"intent": call, "i": i})
        started = time.monotonic()
        try:
            change = worker.perform(call)
        except HashiyaError as error:
            log.write({"error": call, "i": i, "message": str(error)})
        else:
            worker.observe(change)
            seconds = round(time.monotonic() - started, 4)
            log.write({"done": call, "i": i, "s": seconds, "change": change_record(change)})
        i += 1


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--project", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--annotator", required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--actions", type=int, default=0, help="stop after this many calls (0: until killed)")
    parser.add_argument("--wait-go", action="store_true")
    parser.add_argument("--pause-ms", type=float, default=0.0, help="mean think time between calls")
    parser.add_argument("--die", choices=["before-commit", "after-commit"])
    parser.add_argument("--die-at", type=int, default=-1, help="index of the call during which to die")
    args = parser.parse_args()

    log = LogWriter(args.log)
    project = Project.open(args.project)
    project.ensure_annotator(args.annotator)
    worker = Worker(project, args.annotator, random.Random(args.seed))
    current = {"i": -1}

    def die() -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    if args.die == "before-commit":
        # Fault injection needs the live connection: SQLite calls this as each statement starts.
        project.database.trace(
            lambda sql: die() if current["i"] >= args.die_at and sql.strip().upper() == "COMMIT" else None
        )
    elif args.die == "after-commit":
        project.subscribe(lambda change: die() if current["i"] >= args.die_at else None)

    print("ready", flush=True)
    if args.wait_go:
        sys.stdin.readline()
    run(worker, log, args.actions, current, pause=args.pause_ms / 1000)
    project.close()
    log.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
