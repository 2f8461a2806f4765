"""Tagging schemes: exact tables, lenient decoding with counted repairs, and seqeval as the consumer."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from seqeval.scheme import BILOU, IOB1, IOB2, IOBES, Entities

from annotator.tagging import (
    B_NOT_AFTER_SAME,
    END_WITHOUT_BEGIN,
    FOREIGN_PREFIX,
    INSIDE_STARTS,
    LOWER_CASE,
    NO_TYPE,
    NOT_CLOSED,
    REPEATED_O,
    REPEATED_SEPARATOR,
    SCHEMES,
    STRAY_REMOVED,
    decode_tags,
    detect_scheme,
    nest_levels,
    parse_tag,
    ranges_to_tags,
    spans_to_tags,
    tags_to_spans,
    token_range,
)

SEQEVAL = {"iob1": IOB1, "iob2": IOB2, "bioes": IOBES, "bilou": BILOU}

# Two entities side by side of the same type, one of another type, one single token:
# tokens 0-1 PER, 2 PER, 4-6 LOC.
RANGES = [(0, 2, "PER"), (2, 3, "PER"), (4, 7, "LOC")]
EXPECTED = {
    "iob2": ["B-PER", "I-PER", "B-PER", "O", "B-LOC", "I-LOC", "I-LOC"],
    "iob1": ["I-PER", "I-PER", "B-PER", "O", "I-LOC", "I-LOC", "I-LOC"],
    "bioes": ["B-PER", "E-PER", "S-PER", "O", "B-LOC", "I-LOC", "E-LOC"],
    "bilou": ["B-PER", "L-PER", "U-PER", "O", "B-LOC", "I-LOC", "L-LOC"],
}


@pytest.mark.parametrize("scheme", SCHEMES)
def test_encoding_table(scheme):
    assert ranges_to_tags(7, RANGES, scheme) == EXPECTED[scheme]


@pytest.mark.parametrize("scheme", SCHEMES)
def test_decoding_table_is_exact(scheme):
    decoded = decode_tags(EXPECTED[scheme], scheme)
    assert decoded.spans == RANGES
    assert decoded.repairs == []


@pytest.mark.parametrize(
    ("scheme", "tags", "spans", "repairs"),
    [
        # I- with no B- before it starts an entity (AQMAR has about 70 of these)
        ("iob2", ["O", "I-PER", "I-PER"], [(1, 3, "PER")], [(1, INSIDE_STARTS)]),
        ("iob2", ["B-LOC", "I-PER"], [(0, 1, "LOC"), (1, 2, "PER")], [(1, INSIDE_STARTS)]),
        ("bioes", ["O", "I-PER", "E-PER"], [(1, 3, "PER")], [(1, INSIDE_STARTS)]),
        ("bilou", ["I-PER", "L-PER"], [(0, 2, "PER")], [(0, INSIDE_STARTS)]),
        # IOB1: I- starting an entity is the rule, B- after O is the deviation
        ("iob1", ["O", "I-PER", "I-PER"], [(1, 3, "PER")], []),
        ("iob1", ["O", "B-PER"], [(1, 2, "PER")], [(1, B_NOT_AFTER_SAME)]),
        ("iob1", ["I-PER", "O", "B-PER"], [(0, 1, "PER"), (2, 3, "PER")], [(2, B_NOT_AFTER_SAME)]),
        ("iob1", ["I-LOC", "B-PER"], [(0, 1, "LOC"), (1, 2, "PER")], [(1, B_NOT_AFTER_SAME)]),
        # unclosed entities in schemes that close explicitly
        ("bioes", ["B-PER", "O"], [(0, 1, "PER")], [(0, NOT_CLOSED)]),
        ("bioes", ["B-PER", "I-PER"], [(0, 2, "PER")], [(1, NOT_CLOSED)]),
        ("bilou", ["B-PER", "I-PER", "U-LOC"], [(0, 2, "PER"), (2, 3, "LOC")], [(1, NOT_CLOSED)]),
        ("bioes", ["B-PER", "B-PER", "E-PER"], [(0, 1, "PER"), (1, 3, "PER")], [(0, NOT_CLOSED)]),
        # end tags with nothing open
        ("bioes", ["O", "E-PER"], [(1, 2, "PER")], [(1, END_WITHOUT_BEGIN)]),
        ("bilou", ["B-LOC", "L-PER"], [(0, 1, "LOC"), (1, 2, "PER")], [(0, NOT_CLOSED), (1, END_WITHOUT_BEGIN)]),
        # prefixes from another scheme
        (
            "iob2",
            ["S-PER", "B-LOC", "E-LOC"],
            [(0, 1, "PER"), (1, 3, "LOC")],
            [(0, FOREIGN_PREFIX), (2, FOREIGN_PREFIX)],
        ),
        ("bioes", ["U-PER"], [(0, 1, "PER")], [(0, FOREIGN_PREFIX)]),
        # a single-token B- is fine in IOB2 and IOB1-after-same-type
        ("iob2", ["B-PER", "B-PER"], [(0, 1, "PER"), (1, 2, "PER")], []),
        ("iob1", ["I-PER", "B-PER", "I-PER"], [(0, 1, "PER"), (1, 3, "PER")], []),
        ("iob2", [], [], []),
        ("bioes", ["O", "O"], [], []),
    ],
)
def test_lenient_decoding_counts_repairs(scheme, tags, spans, repairs):
    decoded = decode_tags(tags, scheme)
    assert decoded.spans == spans
    assert decoded.repairs == repairs


@pytest.mark.parametrize(
    ("raw", "tag", "repairs", "unreadable"),
    [
        ("O", "O", (), False),
        ("B-PER", "B-PER", (), False),
        ("B-MIS1`", "B-MIS1", (STRAY_REMOVED,), False),  # AQMAR
        ("I--ORG", "I-ORG", (REPEATED_SEPARATOR,), False),  # AQMAR
        ("b-per", "B-PER", (LOWER_CASE,), False),
        ("i-Per", "I-Per", (LOWER_CASE,), False),
        ("o", "O", (LOWER_CASE,), False),
        ("OO", "O", (REPEATED_O,), False),  # AQMAR
        ("IO", "O", (NO_TYPE,), False),  # AQMAR
        ("B", "O", (NO_TYPE,), False),
        ("B-", "O", (NO_TYPE,), False),
        ("B-MIS-1", "B-MIS-1", (), False),  # a type with a hyphen stays a type (a label to add)
        ("B-ORG.GOV", "B-ORG.GOV", (), False),
        ("S-شخص", "S-شخص", (), False),
        ("PER", "O", (), True),
        ("?!", "O", (STRAY_REMOVED,), True),
    ],
)
def test_parse_tag_rules(raw, tag, repairs, unreadable):
    parsed = parse_tag(raw)
    assert (parsed.tag, parsed.repairs, parsed.unreadable) == (tag, repairs, unreadable)


def test_tag_cleaning_repairs_are_reported_by_position():
    decoded = decode_tags(["B-MIS1`", "I-MIS1", "O", "I--ORG"], "iob2")
    assert decoded.spans == [(0, 2, "MIS1"), (3, 4, "ORG")]
    assert decoded.repairs == [(0, STRAY_REMOVED), (3, REPEATED_SEPARATOR), (3, INSIDE_STARTS)]


@pytest.mark.parametrize(
    ("sequences", "scheme"),
    [
        ([["B-PER", "I-PER", "O", "B-LOC"]], "iob2"),
        ([["O", "I-PER", "B-PER", "O", "I-LOC"]], "iob1"),
        ([["I-PER", "I-PER"]], "iob1"),
        ([["B-PER", "E-PER", "S-LOC"]], "bioes"),
        ([["S-LOC"]], "bioes"),
        ([["B-PER", "L-PER"], ["U-LOC"]], "bilou"),
        ([["O", "O"]], "iob2"),
        ([["O", "I-PER", "O", "B-LOC"]], "iob2"),  # a B- after O rules out IOB1 (AQMAR's I- starts are repairs)
    ],
)
def test_detect_scheme(sequences, scheme):
    assert detect_scheme(sequences) == scheme


def test_token_range_and_widening_inside_tokens():
    tokens = [(0, 6), (7, 12), (13, 14)]  # «وموسكو تعلن .»
    assert token_range(tokens, 1, 6) == (0, 1)
    assert token_range(tokens, 6, 7) == (1, 1)  # only the space: no token
    assert token_range(tokens, 5, 13) == (0, 2)
    assert spans_to_tags(tokens, [(1, 6, "GPE")]) == ["B-GPE", "O", "O"]  # widened to the token


def test_spans_to_tags_accepts_objects_and_skips_overlaps():
    class S:
        def __init__(self, start, end, label):
            self.start, self.end, self.label = start, end, label

    tokens = [(0, 1), (2, 3), (4, 5)]
    tags = spans_to_tags(tokens, [S(0, 5, "ORG"), S(2, 3, "PER")], "bioes")
    assert tags == ["B-ORG", "I-ORG", "E-ORG"]


def test_nest_levels_puts_outer_spans_first():
    ranges = [(2, 3, "PERS"), (0, 4, "ORG"), (5, 7, "OCC"), (5, 6, "ORG"), (6, 7, "GPE"), (5, 7, "NORP")]
    assert nest_levels(ranges) == [
        [(0, 4, "ORG"), (5, 7, "NORP")],
        [(2, 3, "PERS"), (5, 7, "OCC")],
        [(5, 6, "ORG"), (6, 7, "GPE")],
    ]


LABELS = st.sampled_from(["PER", "LOC", "ORG", "MIS-1"])


@st.composite
def flat_ranges(draw):
    """Non-overlapping token ranges over ``n`` tokens (adjacent same-type entities included)."""
    n = draw(st.integers(0, 14))
    ranges, i = [], 0
    while i < n:
        if draw(st.booleans()):
            length = draw(st.integers(1, min(4, n - i)))
            ranges.append((i, i + length, draw(LABELS)))
            i += length
        else:
            i += 1
    return n, ranges


@pytest.mark.parametrize("scheme", SCHEMES)
@given(flat_ranges())
def test_round_trip_and_seqeval_agrees(scheme, case):
    n, ranges = case
    tags = ranges_to_tags(n, ranges, scheme)
    decoded = decode_tags(tags, scheme)
    assert decoded.spans == ranges
    assert decoded.repairs == []
    assert detect_scheme([tags]) == (scheme if ranges else "iob2")
    # seqeval, strict mode with the scheme: the consumer recovers exactly the same entities
    entities = Entities([tags], scheme=SEQEVAL[scheme]).entities[0]
    assert [(e.start, e.end, e.tag) for e in entities] == ranges


@given(
    st.lists(
        st.sampled_from(["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "E-PER", "S-LOC", "L-PER", "U-PER", "IO"]),
        max_size=12,
    ),
    st.sampled_from(SCHEMES),
)
def test_decoding_anything_gives_well_formed_spans_that_encode_stably(tags, scheme):
    spans = tags_to_spans(tags, scheme)
    assert all(0 <= a < b <= len(tags) for a, b, _ in spans)
    assert all(spans[i][1] <= spans[i + 1][0] for i in range(len(spans) - 1))
    again = ranges_to_tags(len(tags), spans, scheme)
    assert tags_to_spans(again, scheme) == spans
