"""The split behind ``hashiya distribute`` (annotator.team.distribute_plan), checked on generated cases."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from annotator.team.distribute_plan import (
    Candidate,
    allocate,
    length_bands,
    overlap_size,
    plan_split,
    source_of,
)

NAMES = ("layla", "omar", "sara", "amal", "badr")


@st.composite
def cases(draw):
    count = draw(st.integers(0, 60))
    strata = draw(
        st.lists(st.sampled_from(["aljazeera", "bbc", "alarabiya", "akhbar"]), min_size=count, max_size=count)
    )
    candidates = [Candidate(f"sha{i:03d}", stratum) for i, stratum in enumerate(strata)]
    annotators = NAMES[: draw(st.integers(1, len(NAMES)))]
    fraction = draw(st.sampled_from([0.0, 0.1, 0.2, 0.25, 0.5, 0.9]))
    cap = draw(st.none() | st.integers(1, 30))
    return candidates, annotators, fraction, cap, draw(st.integers(0, 2**32))


@given(cases())
def test_every_document_goes_exactly_once_and_shares_are_balanced(case):
    candidates, annotators, fraction, cap, seed = case
    split = plan_split(candidates, annotators, fraction, per_annotator=cap, seed=seed)
    keys = [c.key for c in candidates]
    handed = [*split.overlap, *(k for name in annotators for k in split.shares[name])]
    assert sorted(handed + list(split.held_back)) == sorted(keys)  # each exactly once: overlap, a share or later
    assert len(set(handed)) == len(handed)
    sizes = [len(split.shares[name]) for name in annotators]
    assert max(sizes) - min(sizes) <= 1
    assert len(split.overlap) == overlap_size(len(handed), fraction)
    if cap is None:
        assert not split.held_back
    else:
        assert all(len(split.documents_of(name)) <= cap for name in annotators)
    assert list(split.held_back) == keys[len(handed) :]  # the later documents wait, in project order
    for part in (split.overlap, *split.shares.values()):  # each listed in project order
        assert list(part) == sorted(part, key=keys.index)
    assert plan_split(candidates, annotators, fraction, per_annotator=cap, seed=seed) == split


@given(cases())
def test_the_overlap_holds_every_source_when_it_has_room(case):
    candidates, annotators, fraction, cap, seed = case
    split = plan_split(candidates, annotators, fraction, per_annotator=cap, seed=seed)
    handed = set(split.overlap) | {k for share in split.shares.values() for k in share}
    strata = {c.stratum for c in candidates if c.key in handed}
    chosen = {c.stratum for c in candidates if c.key in split.overlap}
    if len(split.overlap) >= len(strata):
        assert chosen == strata
    else:
        assert len(chosen) == len(split.overlap)  # one each from the largest


@given(st.dictionaries(st.text(min_size=1, max_size=3), st.integers(1, 40), max_size=6), st.integers(0, 100))
def test_allocation_is_proportional_and_never_exceeds_a_stratum(sizes, wanted):
    wanted = min(wanted, sum(sizes.values()))
    take = allocate(sizes, wanted)
    assert sum(take.values()) == wanted
    assert all(0 <= take[n] <= sizes[n] for n in sizes)
    if wanted >= len(sizes):
        for name in sizes:  # one each, then within one of the proportional share of what is left
            room, total_room = sizes[name] - 1, sum(sizes.values()) - len(sizes)
            exact = 1 + (wanted - len(sizes)) * room / total_room if total_room else 1
            assert math.floor(exact) <= take[name] <= math.ceil(exact)


def test_seeds_change_the_split_and_the_same_seed_does_not():
    candidates = [Candidate(f"sha{i:03d}", "aljazeera" if i % 3 else "bbc") for i in range(30)]
    splits = {seed: plan_split(candidates, NAMES[:3], 0.2, seed=seed) for seed in range(5)}
    assert plan_split(candidates, NAMES[:3], 0.2, seed=3) == splits[3]
    assert len({(s.overlap, tuple(sorted(s.shares.items()))) for s in splits.values()}) == 5


def test_sources_come_from_meta_else_the_name_prefix():
    assert source_of("aljazeera-0012.txt", {}) == "aljazeera"
    assert source_of("bbc/12.txt", {}) == "bbc"
    assert source_of("doc12", {}) == "doc"
    assert source_of("doc12", {"source": "Reuters"}) == "Reuters"
    assert length_bands([50, 10, 30, 20, 60, 40]) == [
        "length-3",
        "length-1",
        "length-2",
        "length-1",
        "length-3",
        "length-2",
    ]
