"""Shared fixtures. Qt tests run offscreen; core tests never import Qt."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# One bounded profile for CI: no per-example deadline (2 shared cores), fixed example budget.
settings.register_profile(
    "ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = ROOT / "seeds" / "000_b72378a2988bda73.txt"


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def project():
    """An empty in-memory project with the default schema."""
    from annotator.store import Project

    with Project.memory() as p:
        yield p


@pytest.fixture
def seeded(project, seed_text):
    """``(project, document_id, text)`` with the sample article imported."""
    from annotator.model import IncomingDocument

    outcomes, _ = project.add_documents([IncomingDocument("seed", seed_text, "seed.txt")])
    return project, outcomes[0].document_id, seed_text


@pytest.fixture
def shared_data() -> Path:
    path = SHARED / "data"
    if not path.is_dir():
        pytest.skip("../shared/data is not available")
    return path


@pytest.fixture
def span_builds(monkeypatch):
    """Counts Span objects the store builds from rows: a hot path (a hotkey, Enter on a suggestion)
    must not read every span of a 20,000-span document. ``span_builds()`` is the count so far."""
    import annotator.store.queries as queries

    built = 0
    original = queries.span_from_row

    def counting(row):
        nonlocal built
        built += 1
        return original(row)

    monkeypatch.setattr(queries, "span_from_row", counting)
    return lambda: built
