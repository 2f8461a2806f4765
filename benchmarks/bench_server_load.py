"""Load and faults on a real PostgreSQL server (issue 17, item 6), measured.

A throwaway cluster (``tests/postgres_cluster.py``: initdb in a temporary folder, a Unix socket, fsync
off, synchronous_commit on) holds one project of 12 news articles. 20 annotator PROCESSES (spawn; each
its own annotator and connection) write at once for 60 s with no think time: add a span on a random word
with a random label, remove or relabel one of their spans, set a status, undo, redo
(:mod:`server_load_client`). At 1/3 of the run the server restarts with ``fast`` (sessions end
cleanly), at 2/3 with ``immediate`` (a crash, then recovery). At 1/2 client 0 kills itself with
SIGKILL inside a write transaction. Clients retry after a lost connection without applying an action
twice (the client module's docstring says how). As a restart rarely lands between a COMMIT and its
reply, every 50th write COMMIT of each client (2 %, ``LoadPlan.lose_every``) is made to lose its reply
after the server committed (``server_commit_replies_lost``): the store resolves half of them itself
(it looks the transaction up), the other half have that lookup broken too, so the retries that must
find their first attempt committed really run (``server_retries_found_committed``).
``HASHIYA_LOAD_SECONDS`` and ``HASHIYA_LOAD_CLIENTS`` override the length and the number of clients
for quick runs.

Correctness (goals: 0, 0, 0, 0 and 1; :mod:`server_load_verify` says exactly what each counts):
``server_actions_lost``, ``server_actions_duplicated``, ``server_half_done_actions``,
``server_layer_differences``, ``server_undo_history_intact``; ``server_kill_happened`` says the kill
really happened inside the transaction, ``server_clients_failed`` counts the other clients that did not
end cleanly (an error no retry may hide).

Speed (information; the ratio is reported, no bound: under 20 writers serialized per project the p95
is mostly waiting for the others' writes, which grows with the number of clients, not the server):

- ``server_actions_per_s``: actions that returned during the sustained part of the run, per second of
  it. The sustained part is the run minus each restart's window, from the restart call until every
  client has finished its first action started after the server was back; an action counts if it
  started and returned inside the sustained part. Inside each action's timer: the store call (its
  reads, the transaction, the wait for the project's write lock) and nothing else; choosing the action
  (one or two reads) and journaling it are outside.
- ``server_action_p50_ms``, ``server_action_p95_ms``: the latencies of those actions that needed no
  retry (2 % of write COMMITs lose their reply on purpose, see below; their retries are not a
  server's speed).
- ``server_insert_roundtrip_ms``: the floor, measured before the load on the quiet server: one INSERT
  of one row into a scratch table in autocommit (so its own commit), psycopg on the same socket, median
  of 1,000 after 100 unmeasured. Inside the timer: ``execute`` of the INSERT only.
- ``server_action_p95_vs_insert_ratio``: ``server_action_p95_ms`` / ``server_insert_roundtrip_ms``.
- ``server_solo_action_p50_ms``, ``..._p95_ms`` and ``server_solo_action_p50_vs_insert_ratio``: what one
  action costs by itself, to tell it from waiting: ONE client, the same mix, alone on the quiet server
  for 5 s before the load (its own database, the same 12 documents), same timer.

    .venv/bin/python benchmarks/bench_server_load.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import emit, note  # also puts the repository root on sys.path
from server_load_client import Client, ClientPlan
from server_load_run import LoadPlan, LoadRun, make_project, run_load
from server_load_verify import check_histories, read_lines, verify

FLOOR_ROUNDS, FLOOR_WARMUP = 1000, 100
SOLO_S = 5.0


def insert_floor(url: str) -> list[float]:
    """Seconds of each bare INSERT round trip (see the module docstring)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS scratch_floor (id BIGSERIAL PRIMARY KEY, value TEXT NOT NULL)")
        times = []
        for i in range(FLOOR_WARMUP + FLOOR_ROUNDS):
            started = time.perf_counter()
            conn.execute("INSERT INTO scratch_floor (value) VALUES (%s)", (f"row {i}",))
            times.append(time.perf_counter() - started)
        conn.execute("DROP TABLE scratch_floor")
    return times[FLOOR_WARMUP:]


def solo_latencies(url: str, folder: Path) -> list[float]:
    """Seconds of each action of ONE client alone on the quiet server (same mix, same project size)."""
    documents, names = make_project(url, LoadPlan(clients=1))
    files = {kind: str(folder / f"solo.{kind}") for kind in ("journal", "intents", "stats")}
    Client(ClientPlan(url, names[0], 1, seconds=SOLO_S, documents=tuple(documents), **files)).run(time.time())
    return [e["t1"] - e["t0"] for e in read_lines(Path(files["journal"])) if e["attempts"] == 1]


def disturbed(run: LoadRun, journals: dict[str, list[dict]]) -> list[tuple[float, float]]:
    """Each restart's window: from the call until every client finished an action started after it."""
    windows = []
    for restart in run.restarts:
        end = restart.ended
        for entries in journals.values():
            after = [e["t1"] for e in entries if e["t0"] >= restart.ended]
            if after:
                end = max(end, min(after))
        windows.append((restart.began, end))
    return windows


def sustained(run: LoadRun, journals: dict[str, list[dict]]) -> tuple[list[float], int, float]:
    """Latencies (s) of the actions inside the sustained part that needed no retry, how many actions it
    holds (retried or not), and its length (s)."""
    windows = disturbed(run, journals)
    finish = run.began + run.plan.seconds
    length = finish - run.began - sum(min(b, finish) - a for a, b in windows)
    kept = [
        e
        for entries in journals.values()
        for e in entries
        if e["t0"] >= run.began and e["t1"] <= finish and all(e["t1"] < a or e["t0"] > b for a, b in windows)
    ]
    return [e["t1"] - e["t0"] for e in kept if e["attempts"] == 1], len(kept), length


def main() -> int:
    plan = LoadPlan(
        clients=int(os.environ.get("HASHIYA_LOAD_CLIENTS", 20)),
        seconds=float(os.environ.get("HASHIYA_LOAD_SECONDS", 60)),
    )
    from tests.postgres_cluster import find_server_bin, running_cluster  # here: spawned clients re-import this file

    bin_dir = find_server_bin()
    if bin_dir is None:
        note("not measured: no PostgreSQL server programs (apt-get install postgresql)")
        return 1
    with running_cluster(bin_dir) as cluster, tempfile.TemporaryDirectory() as tmp:
        floor = insert_floor(cluster.url("postgres"))
        solo = solo_latencies(cluster.new_database("solo"), Path(tmp))
        url = cluster.new_database("load")
        started = time.perf_counter()
        run = run_load(cluster, url, plan, Path(tmp))
        note(
            f"{plan.clients} clients for {plan.seconds:g} s; restarts "
            + ", ".join(f"{r.mode} at +{r.began - run.began:.1f} s ({r.ended - r.began:.2f} s)" for r in run.restarts)
            + f"; client exits {sorted(set(run.exit_codes.values()), key=str)}"
            + f"; run {time.perf_counter() - started:.0f} s"
        )
        journals = {name: read_lines(run.journal(name)) for name in run.names}
        verdict = verify(run)
        checking = time.perf_counter()
        check_histories(run, verdict)
        note(
            f"undo history check: {verdict.undo_steps} undos, as many redos, in {time.perf_counter() - checking:.0f} s"
        )
        for problem in verdict.problems[:20]:
            note(f"problem: {problem}")
        failed = [n for n, code in run.exit_codes.items() if code != 0 and n != run.killed]
        if failed:
            note(f"clients that failed: {failed} (exit codes {[run.exit_codes[n] for n in failed]})")
        stats = [read_lines_json(run.stats(name)) for name in run.names]

    emit("server_actions_lost", verdict.lost, "", 0)
    emit("server_actions_duplicated", verdict.duplicated, "", 0)
    emit("server_half_done_actions", verdict.half_done, "", 0)
    emit("server_layer_differences", verdict.layer_differences, "", 0)
    emit("server_undo_history_intact", int(verdict.history_intact), "", 0)
    emit("server_clients_failed", len(failed), "", 0)
    emit("server_kill_happened", int(verdict.kill_happened), "", 0)
    emit("server_actions_total", verdict.journaled, "actions", 0)
    emit("server_actions_retried", sum(s.get("retried", 0) for s in stats), "actions", 0)
    emit("server_commit_replies_lost", sum(s.get("lost_replies", 0) for s in stats), "actions", 0)
    emit("server_retries_found_committed", sum(s.get("found_committed", 0) for s in stats), "actions", 0)
    latencies, count, length = sustained(run, journals)
    windows = disturbed(run, journals)
    note(
        "restart windows excluded: "
        + ", ".join(f"{b - a:.2f} s" for a, b in windows)
        + f"; sustained part {length:.1f} s, {count} actions ({count - len(latencies)} retried)"
    )
    if latencies:
        p50 = statistics.median(latencies) * 1000
        p95 = statistics.quantiles(latencies, n=20)[-1] * 1000
        insert = statistics.median(floor) * 1000
        emit("server_actions_per_s", count / length, "actions/s", 1)
        emit("server_action_p50_ms", p50, "ms", 2)
        emit("server_action_p95_ms", p95, "ms", 2)
        emit("server_insert_roundtrip_ms", insert, "ms", 3)
        emit("server_insert_p95_ms", statistics.quantiles(floor, n=20)[-1] * 1000, "ms", 3)
        print(f"server_action_p95_vs_insert_ratio: {p95 / insert:.1f} x (p95 {p95:.2f} ms / INSERT {insert:.3f} ms)")
    if solo:
        solo_p50 = statistics.median(solo) * 1000
        emit("server_solo_action_p50_ms", solo_p50, "ms", 2)
        emit("server_solo_action_p95_ms", statistics.quantiles(solo, n=20)[-1] * 1000, "ms", 2)
        insert = statistics.median(floor) * 1000
        print(f"server_solo_action_p50_vs_insert_ratio: {solo_p50 / insert:.1f} x ({len(solo)} actions)")
    return 0


def read_lines_json(path: Path) -> dict:
    import json

    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


if __name__ == "__main__":
    sys.exit(main())
