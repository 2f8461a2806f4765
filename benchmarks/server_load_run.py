"""The server load run: a project on a throwaway cluster, N annotator processes, restarts and a kill.

Shared by ``bench_server_load.py`` (20 clients, 60 s, a fast then an immediate restart) and
``tests/reliability/test_server_load.py`` (4 clients, ~6 s, one fast restart). The cluster is
``tests/postgres_cluster.py``'s, imported with the repository root on ``sys.path``.

Timeline (wall clock, shared by all processes): every client opens the project, then all wait at one
barrier; the run starts when it breaks. The parent restarts the server at the planned moments and
records each restart's window (from the call to its return); the client chosen to die adds a span at
its moment and SIGKILLs itself inside that transaction (:mod:`server_load_client`).
"""

from __future__ import annotations

import multiprocessing
import time
from dataclasses import dataclass, field
from pathlib import Path

from _common import varied_articles  # also puts the repository root on sys.path
from server_load_client import ClientPlan, client_main


@dataclass(frozen=True)
class LoadPlan:
    clients: int = 20
    seconds: float = 60.0
    restarts: tuple[tuple[float, str], ...] = ((1 / 3, "fast"), (2 / 3, "immediate"))  # (fraction of the run, mode)
    kill_at: float | None = 0.5  # fraction of the run at which client 0 kills itself mid-transaction
    documents: int = 12
    seed: int = 17
    lose_every: int = 50  # every Nth write COMMIT of a client loses its reply after the commit (2 %)
    blind_undo_retry: bool = False  # deliberately wrong retries (the test shows they are caught)


@dataclass
class Restart:
    mode: str
    began: float
    ended: float


@dataclass
class LoadRun:
    plan: LoadPlan
    url: str
    folder: Path
    names: list[str]
    killed: str | None
    began: float = 0.0
    ended: float = 0.0
    restarts: list[Restart] = field(default_factory=list)
    exit_codes: dict[str, int | None] = field(default_factory=dict)

    def journal(self, name: str) -> Path:
        return self.folder / f"{name}.journal"

    def intents(self, name: str) -> Path:
        return self.folder / f"{name}.intents"

    def stats(self, name: str) -> Path:
        return self.folder / f"{name}.stats.json"


def make_project(url: str, plan: LoadPlan) -> tuple[list[str], list[str]]:
    """The project: ``plan.documents`` varied news articles and the annotators (ids, names)."""
    from annotator.model import IncomingDocument
    from annotator.store import Project

    names = [f"annotator{i:02d}" for i in range(plan.clients)]
    with Project.create(url) as project:
        incoming = [IncomingDocument(name, text, f"load:{name}") for name, text in varied_articles(plan.documents)]
        outcomes, _ = project.add_documents(incoming)
        for name in names:
            project.ensure_annotator(name)
        return [o.document_id for o in outcomes], names


def run_load(cluster: object, url: str, plan: LoadPlan, folder: Path) -> LoadRun:
    """Run the clients against ``url`` on ``cluster`` (a ``PgCluster``); returns what happened when."""
    documents, names = make_project(url, plan)
    killed = names[0] if plan.kill_at is not None else None
    run = LoadRun(plan, url, folder, names, killed)
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(plan.clients + 1)
    processes = {}
    for i, name in enumerate(names):
        client = ClientPlan(
            url=url,
            name=name,
            seed=plan.seed * 1000 + i,
            journal=str(run.journal(name)),
            intents=str(run.intents(name)),
            stats=str(run.stats(name)),
            seconds=plan.seconds,
            documents=tuple(documents),
            kill_at_s=plan.kill_at * plan.seconds if name == killed and plan.kill_at is not None else None,
            lose_every=plan.lose_every,
            blind_undo_retry=plan.blind_undo_retry,
        )
        processes[name] = context.Process(target=client_main, args=(client, barrier), name=name)
    for process in processes.values():
        process.start()
    try:
        barrier.wait(timeout=300)
        run.began = time.time()
        for fraction, mode in sorted(plan.restarts):
            _sleep_until(run.began + fraction * plan.seconds)
            began = time.time()
            cluster.restart(mode)  # type: ignore[attr-defined]
            run.restarts.append(Restart(mode, began, time.time()))
        _sleep_until(run.began + plan.seconds)
        for process in processes.values():
            process.join(timeout=plan.seconds + 300)
        run.ended = time.time()
    finally:
        for name, process in processes.items():
            if process.is_alive():
                process.kill()
                process.join()
            run.exit_codes[name] = process.exitcode
    return run


def _sleep_until(moment: float) -> None:
    pause = moment - time.time()
    if pause > 0:
        time.sleep(pause)
