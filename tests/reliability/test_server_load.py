"""Many annotators on one server project, with a restart and a kill: nothing lost, duplicated or half done.

``benchmarks/bench_server_load.py`` made small (issue 17, item 6): 4 annotator processes write at once
for ~6 s on the test cluster, the server restarts once (``fast``), one client SIGKILLs itself inside a
write transaction, and every 10th write COMMIT of each client loses its reply after the server
committed (half of them resolved by the store itself, half left to the client's retry, which must
find its first attempt committed). No timing is asserted. The run and the checks are the benchmark's
own modules (:mod:`server_load_run`, :mod:`server_load_verify`).
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
if str(BENCHMARKS) not in sys.path:
    sys.path.insert(0, str(BENCHMARKS))  # spawned clients get the same sys.path

from server_load_run import LoadPlan, run_load  # noqa: E402
from server_load_verify import check_histories, verify  # noqa: E402

pytestmark = pytest.mark.slow  # ~15 s each: 4 processes, a 6 s run, then the undo walk

SMALL = LoadPlan(clients=4, seconds=6.0, restarts=((0.3, "fast"),), kill_at=0.6, documents=4, lose_every=10)


def _run(pg_cluster, tmp_path: Path, plan: LoadPlan):
    name = pg_cluster.unique_name("load")
    url = pg_cluster.new_database(name)
    try:
        run = run_load(pg_cluster, url, plan, tmp_path)
        verdict = verify(run)
        check_histories(run, verdict)
    finally:
        pg_cluster.drop_database(name)
    return run, verdict


def test_restart_and_kill_under_load_lose_nothing(pg_cluster, tmp_path: Path) -> None:
    run, verdict = _run(pg_cluster, tmp_path, SMALL)
    assert [r.mode for r in run.restarts] == ["fast"]
    assert {name: code for name, code in run.exit_codes.items() if name != run.killed} == dict.fromkeys(
        set(run.names) - {run.killed}, 0
    )
    assert verdict.kill_happened, "client 0 did not die inside its transaction"
    assert verdict.problems == []
    assert (verdict.lost, verdict.duplicated, verdict.half_done, verdict.layer_differences) == (0, 0, 0, 0)
    assert verdict.history_intact and verdict.undo_steps > 0
    stats = [json.loads(run.stats(name).read_text()) for name in run.names if name != run.killed]
    assert sum(s["lost_replies"] for s in stats) >= 2
    assert sum(s["found_committed"] for s in stats) > 0, "no retry met an action that had committed"
    assert verdict.journaled > 20


def test_a_blind_undo_retry_is_caught(pg_cluster, tmp_path: Path) -> None:
    """The checks above have teeth: clients that retry an undo or redo without first asking the log
    whether it committed undo (or redo) a second action, and the verification says so."""
    plan = replace(SMALL, blind_undo_retry=True, lose_every=3, kill_at=None, restarts=())
    _, verdict = _run(pg_cluster, tmp_path, plan)
    assert verdict.lost + verdict.layer_differences > 0 or not verdict.history_intact
