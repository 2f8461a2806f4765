"""Offsets counted in a file's own text land on the same characters of the stored text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotator.formats.offsets import TextMap

PIECES = ["بوتين", "موسكو", " ", "\r\n", "\n", "👨\u200d👩\u200d👧", "ـ", "\ufeff"]


@given(st.integers(0, 4), st.lists(st.sampled_from(PIECES), min_size=1, max_size=20).map("".join), st.data())
def test_every_character_keeps_its_place(boms, body, data):
    raw = "\ufeff" * boms + body + "."  # a text of only spaces is refused at import
    mapped = TextMap.of(raw, "t.jsonl")
    # offsets a tool can give: after the leading BOMs, never between the CR and LF of a CRLF
    lead = len(raw) - len(raw.lstrip("\ufeff"))  # the body may start with BOMs too
    cuts = [i for i in range(lead, len(raw) + 1) if not (0 < i < len(raw) and raw[i - 1 : i + 1] == "\r\n")]
    start = data.draw(st.sampled_from(cuts[:-1]))
    end = data.draw(st.sampled_from([c for c in cuts if c > start]))
    expected = raw[start:end].replace("\r\n", "\n").replace("\r", "\n")
    assert mapped.text[mapped(start) : mapped(end)] == expected


def test_a_run_of_boms_does_not_shift_spans():
    raw = "\ufeff\ufeffزار بوتين موسكو"
    mapped = TextMap.of(raw, "t.jsonl")
    start = raw.index("بوتين")
    assert mapped.text[mapped(start) : mapped(start + 5)] == "بوتين"
