"""Shared fixtures. Qt tests run offscreen; core tests never import Qt."""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The throwaway PostgreSQL server: fixtures pg_cluster (session) and pg_url (a fresh database per test).
pytest_plugins = ["tests.postgres_cluster"]


def in_ci() -> bool:
    """CI sets ``CI=true``; there a missing input is a failure, never a quiet skip.

    The one definition for the suite (``1``, ``true`` or ``yes``, any case); ``scripts/check_system_libs.sh``
    accepts the same values, so the tools CI needs are installed exactly when their absence fails a test.
    """
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


# CI must give the same verdict on every run: derandomized, no example database, bounded budget,
# no per-example deadline (2 shared cores). Local runs keep exploring: random examples, and the
# failures they find are replayed from .hypothesis/ until fixed. HYPOTHESIS_PROFILE overrides both.
settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=60,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.register_profile("dev", deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if in_ci() else "dev"))

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_b72378a2988bda73.txt"


def shared_dir() -> Path:
    """The shared reference material (``../shared``); ``HASHIYA_SHARED_DIR`` points elsewhere."""
    return Path(os.environ.get("HASHIYA_SHARED_DIR") or ROOT.parent / "shared")


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


BACKENDS = ("sqlite", "postgresql")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "both_backends: the module's `project` and `new_project` fixtures run once on SQLite and once on a "
        "real PostgreSQL server (issue 17: the store suite runs against both)",
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A test of a ``both_backends`` module that uses a project runs on each backend."""
    if "backend" in metafunc.fixturenames:
        both = metafunc.definition.get_closest_marker("both_backends") is not None
        metafunc.parametrize("backend", BACKENDS if both else BACKENDS[:1], indirect=True)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A ``both_backends`` module none of whose tests takes a project from the fixtures runs nothing
    on the server: fail it rather than let the marker claim what the module does not test. (Only
    when whole modules are collected: a run of chosen tests may well leave out every such test.)"""
    if any("::" in arg for arg in config.args) or config.getoption("keyword") or config.getoption("markexpr"):
        return
    marked: dict[str, bool] = {}
    for item in items:
        if item.get_closest_marker("both_backends") is not None:
            module = item.nodeid.split("::")[0]
            marked[module] = marked.get(module, False) or "backend" in getattr(item, "fixturenames", ())
    empty = sorted(module for module, parametrized in marked.items() if not parametrized)
    if empty:
        raise pytest.UsageError(f"both_backends modules whose tests take no project: {', '.join(empty)}")


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """Which engine the test's projects live on: ``sqlite`` (in memory) or ``postgresql``."""
    return request.param


@pytest.fixture
def new_project(backend: str, request: pytest.FixtureRequest):
    """``new_project(schema=None)``: an empty project on the test's backend, closed (and its server
    database dropped) after the test."""
    from annotator.store import Project

    opened = []

    def make(schema=None):
        if backend == "sqlite":
            project = Project.memory(schema)
        else:
            cluster = request.getfixturevalue("pg_cluster")
            project = Project.create(cluster.new_database(), schema)
        opened.append(project)
        return project

    yield make
    for project in opened:
        project.close()
        if backend == "postgresql":
            request.getfixturevalue("pg_cluster").drop_database(project.path.split("?")[0].rsplit("/", 1)[1])


@pytest.fixture
def project_location(backend: str, request: pytest.FixtureRequest, tmp_path: Path):
    """``project_location(name)``: where a new project may be created on the test's backend: a file
    path in the test's folder, or the address of a fresh, empty server database."""

    def where(name: str = "p.hashiya") -> Path | str:
        if backend == "sqlite":
            return tmp_path / name
        return request.getfixturevalue("pg_cluster").new_database()

    return where


@pytest.fixture
def project(new_project):
    """An empty project with the default schema: in memory, or on the server in ``both_backends`` modules."""
    return new_project()


@pytest.fixture
def seeded(project, seed_text):
    """``(project, document_id, text)`` with the sample article imported."""
    from annotator.model import IncomingDocument

    outcomes, _ = project.add_documents([IncomingDocument("seed", seed_text, "seed.txt")])
    return project, outcomes[0].document_id, seed_text


@pytest.fixture
def shared_data() -> Path:
    """The shared corpora. Locally a missing folder skips; in CI it fails, so data tests never vanish."""
    path = shared_dir() / "data"
    if not path.is_dir():
        message = f"{path} is not available (set HASHIYA_SHARED_DIR to the folder holding data/)"
        if in_ci():
            pytest.fail(f"CI=true: {message}; the data tests must run in CI", pytrace=False)
        pytest.skip(message)
    return path


@pytest.fixture
def span_builds(monkeypatch):
    """Counts Span objects the store builds from rows: a hot path (a hotkey, Enter on a suggestion)
    must not read every span of a 20,000-span document. ``span_builds()`` is the count so far.

    Store modules import ``span_from_row`` by name, so every module holding the original function
    is patched (and ``rows`` itself, for modules imported later): no read path escapes the count.
    """
    import annotator.store.rows as rows

    original = rows.span_from_row
    _import_all("annotator")
    built = 0

    def counting(row):
        nonlocal built
        built += 1
        return original(row)

    holders = [m for name, m in list(sys.modules.items()) if name.startswith("annotator.") and m is not None]
    for module in holders:
        if getattr(module, "span_from_row", None) is original:
            monkeypatch.setattr(module, "span_from_row", counting)
    return lambda: built


def _import_all(package: str) -> None:
    """Import every module of ``package``, so the scan of ``sys.modules`` sees lazily imported ones too.

    A module that cannot be imported here (an optional dependency missing) cannot read spans either.
    """
    root = importlib.import_module(package)
    for info in pkgutil.walk_packages(root.__path__, f"{package}."):
        try:
            importlib.import_module(info.name)
        except ImportError:
            continue
