"""One annotator process of the server load run: a realistic mix of actions, each journaled once it returns.

Each client is its own annotator and the only writer of its layer and of its log in ``actions``; it
runs in its own process (``multiprocessing``, spawn) with its own connection. The mix: add a span on
a random word with a random label, remove one of its spans, relabel one, set a document's status,
undo, redo. After an action RETURNS, one JSON line goes to the client's journal (one ``os.write`` on
an ``O_APPEND`` file: a SIGKILL leaves no partial line) with the action id, the kind, what was asked
(``what``) and what it did (``effects``). Before each action an ``intent`` line goes to a second file,
so the verifier knows what a killed client was doing.

**Retrying without applying twice.** A ``ProjectError`` (the server restarted, the connection was lost,
or the project stayed busy past the lock timeout) leaves the outcome unknown: a COMMIT whose reply
was lost may have committed. So a retry never repeats the call blindly. It runs inside
``project.atomic()``, which takes the project's write lock first: any write still in flight has
finished or died by then, and nothing of this annotator can change between the check and the act.
Under that lock it reads this annotator's log:

- a new action (add, remove, relabel, set status): the annotator's latest action by ``seq``. If its
  id is not one this client has journaled, the first attempt committed (no one else writes this log),
  and its logged ops (checked to be the asked-for action) are journaled instead of calling again.
- undo: before the first attempt the client noted the action an undo takes (the latest ``done`` one).
  If that action is now ``undone``, the first attempt committed; otherwise the undo runs again, and
  must take that same action. Retrying an undo blindly would undo a second, older action.
- redo: the same with the earliest ``undone`` action, which must now be ``done``.

The store's own idempotency (adding an existing span is no change, a span gone cannot be removed
again) is a second line, so a wrong check would not store a span twice, but it cannot replace the
check: the journal needs the action's id, and undo and redo have no such guard. A retry itself may
meet another lost connection: it loops, up to a deadline.

**Lost replies, on purpose.** A restart seldom lands between a COMMIT and its reply, so with
``lose_every`` N the client's trace runs every Nth write COMMIT itself and closes the connection:
the store's COMMIT then meets a lost connection after the server committed. The store looks its
transaction up on a new connection and, when it can tell, returns as if nothing happened; every
other time the trace breaks that lookup too, so the store raises and the retry above must find the
first attempt in the log.

**The kill.** The client given ``kill_at`` adds a span at that moment with ``Database.trace`` armed:
at the ``INSERT INTO actions`` of that add, after its span row went to the server inside the open
transaction, it sends itself SIGKILL. The server rolls the transaction back; nothing of it may remain.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import re
import signal
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from server_load_records import Journal, change_effects, ops_effects

LABELS = ("PERS", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "DATE", "MISC")
MIX = (("add_span", 40), ("remove_span", 12), ("relabel_span", 12), ("set_status", 8), ("undo", 18), ("redo", 10))
STATUSES = ("new", "in_progress", "done")
RETRY_FOR_S = 90.0  # one action may take this long to get through (a restart takes ~1-3 s here)
BACKOFF_S = (0.02, 0.05, 0.1, 0.2, 0.4)
WORD = re.compile(r"[\u0621-\u064A]+")


@dataclass(frozen=True)
class ClientPlan:
    """What one client process does (picklable: it crosses the spawn boundary)."""

    url: str
    name: str
    seed: int
    journal: str
    intents: str
    stats: str
    seconds: float
    documents: tuple[str, ...]
    kill_at_s: float | None = None  # seconds after the start: add a span and die inside its transaction
    lose_every: int = 0  # every Nth write COMMIT loses its reply after the server committed (0: none)
    blind_undo_retry: bool = False  # for the test that must catch it: retry undo/redo without the check


@dataclass
class Intent:
    """One action about to run: its kind and arguments, and for undo/redo the action it must take."""

    n: int
    kind: str
    what: dict[str, Any]
    target: str | None = None  # undo/redo: the id of the action it takes


@dataclass
class ClientStats:
    actions: int = 0
    retried: int = 0
    found_committed: int = 0  # retries that found the first attempt had committed
    lost_replies: int = 0  # COMMIT replies lost on purpose (``lose_every``)
    errors: Counter[str] = field(default_factory=Counter)


def words_of(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in WORD.finditer(text)]


def _retryable(exc: BaseException) -> bool:
    """A lost or unreachable server, or a busy project: the outcome is unknown or nothing changed."""
    from annotator.errors import ProjectError

    if not isinstance(exc, ProjectError):
        return False
    text = str(exc)
    return any(
        reason in text
        for reason in ("connection to the server was lost", "cannot reach the PostgreSQL server", "is busy")
    )


class Client:
    """One annotator's loop: choose, journal the intent, act (retrying safely), journal the result."""

    def __init__(self, plan: ClientPlan) -> None:
        from annotator.store import Project

        self.plan = plan
        self.rng = random.Random(plan.seed)
        self.commits = 0  # write COMMITs so far (every ``lose_every``th loses its reply)
        self.project = Project.open(plan.url)
        self.me = self.project.roster.id_of(plan.name, create=False)
        self.words = {doc: words_of(self.project.document(doc).text) for doc in plan.documents}
        self.journal = Journal(plan.journal)
        self.intents = Journal(plan.intents)
        self.known: set[str] = set()  # ids of the actions this client created
        self.stats = ClientStats()
        self.n = 0
        self.writing = False
        self.break_lookup = False
        if plan.lose_every:
            self.project.database.trace(self.lose_replies)

    def lose_replies(self, sql: str) -> None:
        """Fault injection (trace callback): every ``lose_every``th write COMMIT is run here, then the
        connection closed, so the store's own COMMIT meets a lost connection after the server committed
        (a restart landing between the commit and its reply, made common). The store then looks the
        transaction up on a new connection (``txid_status``); every other time that lookup loses its
        connection too, so the store cannot tell and raises, and this client's retry must find out."""
        word = sql.lstrip()[:40].upper()
        if word.startswith("SELECT PG_ADVISORY_XACT_LOCK"):
            self.writing = True
        elif "TXID_STATUS" in word and self.break_lookup:
            self.break_lookup = False
            self.project.database.conn.raw.close()
        elif word.startswith(("COMMIT", "ROLLBACK", "BEGIN")):
            writing, self.writing = self.writing, False
            self.commits += writing and word.startswith("COMMIT")
            if writing and word.startswith("COMMIT") and self.commits % self.plan.lose_every == 0:
                import psycopg

                raw = self.project.database.conn.raw
                with contextlib.suppress(psycopg.Error):  # the server went away first: the COMMIT meets that
                    raw.execute("COMMIT")
                raw.close()
                self.stats.lost_replies += 1
                self.break_lookup = self.stats.lost_replies % 2 == 0

    # -- reads (retried: outside a transaction they reconnect, but not while the server is down) --

    def read(self, reader: Callable[[], Any]) -> Any:
        deadline = time.monotonic() + RETRY_FOR_S
        for attempt in range(10**6):
            try:
                return reader()
            except Exception as exc:
                if not _retryable(exc) or time.monotonic() > deadline:
                    raise
                self.stats.errors[_reason(exc)] += 1
                time.sleep(BACKOFF_S[min(attempt, len(BACKOFF_S) - 1)])
        raise AssertionError("unreachable")

    def _log_row(self, sql: str, params: tuple[Any, ...]) -> Any:
        return self.project.database.conn.execute(sql, params).fetchone()

    def next_to_step(self, undo: bool) -> str | None:
        state, order = ("done", "DESC") if undo else ("undone", "ASC")
        row = self._log_row(
            f"SELECT id FROM actions WHERE annotator_id = ? AND state = ? ORDER BY seq {order} LIMIT 1",
            (self.me, state),
        )
        return None if row is None else row[0]

    # -- choosing an action ------------------------------------------------------------------------

    def choose(self) -> Intent:
        kinds, weights = zip(*MIX, strict=True)
        while True:
            kind = self.rng.choices(kinds, weights)[0]
            intent = self.read(lambda kind=kind: self._intent(kind))
            if intent is not None:
                return intent

    def _intent(self, kind: str) -> Intent | None:
        if kind in ("undo", "redo"):
            target = self.next_to_step(undo=kind == "undo")
            return None if target is None else Intent(self.n, kind, {}, target)
        doc = self.rng.choice(self.plan.documents)
        if kind == "add_span":
            return self._add_intent(doc)
        if kind == "set_status":
            current = str(self.project.status(doc, self.me))
            return Intent(self.n, kind, {"doc": doc, "status": self.rng.choice([s for s in STATUSES if s != current])})
        mine = self.project.spans(doc, self.me)
        if not mine:
            return None
        span = self.rng.choice(mine)
        if kind == "remove_span":
            return Intent(self.n, kind, {"span": span.id})
        taken = {(s.start, s.end, s.label) for s in mine}
        labels = [label for label in LABELS if (span.start, span.end, label) not in taken]
        return Intent(self.n, kind, {"span": span.id, "label": self.rng.choice(labels)}) if labels else None

    def _add_intent(self, doc: str) -> Intent | None:
        start, end = self.rng.choice(self.words[doc])
        label = self.rng.choice(LABELS)
        if any((s.start, s.end, s.label) == (start, end, label) for s in self.project.spans(doc, self.me)):
            return None
        return Intent(self.n, "add_span", {"doc": doc, "start": start, "end": end, "label": label})

    # -- acting ------------------------------------------------------------------------------------

    def call(self, intent: Intent) -> Any:
        from annotator.model import DocStatus

        p, w = self.project, intent.what
        if intent.kind == "add_span":
            return p.add_span(w["doc"], self.plan.name, w["start"], w["end"], w["label"])
        if intent.kind == "remove_span":
            return p.remove_span(w["span"])
        if intent.kind == "relabel_span":
            return p.relabel_span(w["span"], w["label"])
        if intent.kind == "set_status":
            return p.set_status(w["doc"], self.plan.name, DocStatus(w["status"]))
        change = p.undo(self.plan.name) if intent.kind == "undo" else p.redo(self.plan.name)
        if change.action_id != intent.target and not self.plan.blind_undo_retry:
            raise AssertionError(f"{self.plan.name}: {intent.kind} took {change.action_id}, not {intent.target}")
        return change

    def committed(self, intent: Intent) -> dict[str, Any] | None:
        """Under the write lock: the effects of the first attempt if it committed, else None."""
        from annotator.store.ops import inverse_all

        if intent.kind in ("undo", "redo"):
            row = self._log_row("SELECT state, ops FROM actions WHERE id = ?", (intent.target,))
            if row is None or row[0] != ("undone" if intent.kind == "undo" else "done"):
                return None
            ops = json.loads(row[1])
            return {
                "action_id": intent.target,
                "effects": ops_effects(inverse_all(ops) if intent.kind == "undo" else ops),
            }
        row = self._log_row(
            "SELECT id, kind, ops FROM actions WHERE annotator_id = ? ORDER BY seq DESC LIMIT 1", (self.me,)
        )
        if row is None or row[0] in self.known:
            return None
        if row[1] != intent.kind:
            raise AssertionError(f"{self.plan.name}: an unknown {row[1]} action {row[0]} in my log, asked {intent}")
        return {"action_id": row[0], "effects": ops_effects(json.loads(row[2]))}

    def perform(self, intent: Intent) -> dict[str, Any]:
        """Run ``intent`` until it is known to have committed exactly once; its journal record."""
        started = time.time()
        deadline = time.monotonic() + RETRY_FOR_S
        attempts = 0
        while True:
            attempts += 1
            how = "returned"
            try:
                blind = self.plan.blind_undo_retry and intent.kind in ("undo", "redo")  # wrong on purpose
                if attempts == 1 or blind:
                    change = self.call(intent)
                    outcome = {"action_id": change.action_id, "effects": change_effects(change)}
                else:
                    with self.project.atomic():
                        outcome = self.committed(intent)
                        if outcome is None:
                            change = self.call(intent)
                            outcome = {"action_id": change.action_id, "effects": change_effects(change)}
                        else:
                            how = "found-committed"
                break
            except Exception as exc:
                if not _retryable(exc) or time.monotonic() > deadline:
                    raise
                self.stats.errors[_reason(exc)] += 1
                time.sleep(BACKOFF_S[min(attempts - 1, len(BACKOFF_S) - 1)])
        if outcome["action_id"] is None:
            raise AssertionError(f"{self.plan.name}: {intent} changed nothing")
        if intent.kind not in ("undo", "redo"):
            self.known.add(outcome["action_id"])
        self.stats.retried += attempts > 1
        self.stats.found_committed += how == "found-committed"
        return {
            "n": intent.n,
            "kind": intent.kind,
            "what": intent.what,
            **outcome,
            "t0": started,
            "t1": time.time(),
            "attempts": attempts,
            "how": how,
        }

    def die_inside(self, intent: Intent) -> None:
        """Add the span with a trace that SIGKILLs this process at the action's log row (mid-transaction)."""

        def trace(sql: str) -> None:
            if sql.lstrip().upper().startswith("INSERT INTO ACTIONS"):
                os.kill(os.getpid(), signal.SIGKILL)

        self.intents.write({"n": intent.n, "kind": intent.kind, "what": intent.what, "dying": True})
        self.project.database.trace(trace)  # replaces lose_replies: this COMMIT must never come
        self.call(intent)
        raise AssertionError("the kill did not happen")

    def run(self, begin: float) -> None:
        deadline = begin + self.plan.seconds
        kill_at = None if self.plan.kill_at_s is None else begin + self.plan.kill_at_s
        while time.time() < deadline:
            if kill_at is not None and time.time() >= kill_at:
                intent = None
                while intent is None:
                    doc = self.rng.choice(self.plan.documents)
                    intent = self.read(lambda doc=doc: self._add_intent(doc))
                self.die_inside(intent)
            intent = self.choose()
            self.intents.write({"n": intent.n, "kind": intent.kind, "what": intent.what, "target": intent.target})
            self.journal.write(self.perform(intent))
            self.stats.actions += 1
            self.n += 1
        Path(self.plan.stats).write_text(
            json.dumps(
                {
                    "actions": self.stats.actions,
                    "retried": self.stats.retried,
                    "found_committed": self.stats.found_committed,
                    "lost_replies": self.stats.lost_replies,
                    "errors": dict(self.stats.errors),
                }
            ),
            encoding="utf-8",
        )
        self.project.close()


def _reason(exc: BaseException) -> str:
    """A short key for counting errors: the message without the project's address."""
    text = str(exc)
    for key in ("connection to the server was lost", "cannot reach the PostgreSQL server", "is busy"):
        if key in text:
            return key
    return text[:60]


def client_main(plan: ClientPlan, barrier: Any) -> None:
    """The process entry point: open the project, wait for every client, then run."""
    client = Client(plan)
    barrier.wait(timeout=300)
    client.run(time.time())
