"""Tagging schemes (IOB1, IOB2, BIOES, BILOU) as rule tables, in both directions.

Spans → tags: each entity of ``n`` tokens gets the prefixes of :data:`ENCODE` (single, first,
middle, last). IOB1 is the one scheme with context: its entities start with ``I-`` and only an
entity that directly follows another of the same type starts with ``B-``.

Tags → spans: every prefix has a *role* in each scheme (:data:`ROLES`). Decoding is lenient, in
the manner of seqeval's default mode, and every deviation from the scheme is reported as a repair
``(token index, kind)`` so that importers can count them and name lines. Tags produced by
:func:`spans_to_tags` decode back to exactly the same spans with no repairs (tested for every
scheme). Raw tag strings from files are cleaned by :func:`parse_tag` (stray characters, lower
case, repeated separators) with the rules documented in docs/formats.md.

Token ranges are ``[first, last)`` token indices; character spans are ``[start, end)`` offsets.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from typing import Any

SCHEMES = ("iob2", "iob1", "bioes", "bilou")
DEFAULT_SCHEME = "iob2"

# The prefixes an entity's tokens get: (single token, first, middle, last). IOB1's first is I-
# unless the entity directly follows one of the same type (then B-): see ranges_to_tags.
ENCODE: dict[str, tuple[str, str, str, str]] = {
    "iob2": ("B", "B", "I", "I"),
    "iob1": ("I", "I", "I", "I"),
    "bioes": ("S", "B", "I", "E"),
    "bilou": ("U", "B", "I", "L"),
}


class Role(Enum):
    BEGIN = "begin"  # starts an entity
    INSIDE = "inside"  # continues an open entity of the same type (or, leniently, starts one)
    END = "end"  # continues and closes an open entity of the same type
    SINGLE = "single"  # a one-token entity


ROLES: dict[str, dict[str, Role]] = {
    "iob2": {"B": Role.BEGIN, "I": Role.INSIDE},
    "iob1": {"B": Role.BEGIN, "I": Role.INSIDE},
    "bioes": {"B": Role.BEGIN, "I": Role.INSIDE, "E": Role.END, "S": Role.SINGLE},
    "bilou": {"B": Role.BEGIN, "I": Role.INSIDE, "L": Role.END, "U": Role.SINGLE},
}
# A prefix from another scheme (S- in an IOB2 file) is read by its usual meaning, as a repair.
FOREIGN_ROLES: dict[str, Role] = {
    "B": Role.BEGIN,
    "I": Role.INSIDE,
    "E": Role.END,
    "L": Role.END,
    "S": Role.SINGLE,
    "U": Role.SINGLE,
}
# Schemes in which an entity must be closed explicitly (E-/L-, or S-/U- for one token).
CLOSED_SCHEMES = frozenset({"bioes", "bilou"})

# Repair kinds (the wording users read, counted per file).
INSIDE_STARTS = "I- tag starting an entity (read as its first token)"
END_WITHOUT_BEGIN = "end tag with no entity open (read as a one-token entity)"
NOT_CLOSED = "entity not closed by an end or single tag (closed at its last token)"
B_NOT_AFTER_SAME = "B- tag not following an entity of the same type (IOB1)"
FOREIGN_PREFIX = "tag prefix from another scheme (read by its usual meaning)"


def check_scheme(scheme: str) -> str:
    key = scheme.lower()
    if key not in ROLES:
        raise ValueError(f"unknown tagging scheme {scheme!r} (choose from {', '.join(SCHEMES)})")
    return key


# -- spans → tags ------------------------------------------------------------------------------


def ranges_to_tags(count: int, ranges: Iterable[tuple[int, int, str]], scheme: str = DEFAULT_SCHEME) -> list[str]:
    """Tags for ``count`` tokens from non-overlapping token ranges ``(first, last, label)``.

    Ranges that overlap an earlier one (in order of ``first``, longest first) are skipped:
    one tag column holds one level of entities (see :func:`nest_levels` for the others).
    """
    tags = ["O"] * count
    encode_into(tags, sorted(ranges, key=lambda r: (r[0], -r[1])), scheme)
    return tags


def encode_into(
    tags: list[str], ranges: Iterable[tuple[int, int, str]], scheme: str, breaks: frozenset[int] = frozenset()
) -> int:
    """Write the tags of sorted, non-overlapping ``ranges`` into ``tags``; return how many were skipped.

    ``breaks`` are token indices where a new sequence (sentence) starts: IOB1's ``B-`` marks
    only an entity that follows one of the same type inside the same sequence.
    """
    scheme = check_scheme(scheme)
    single, first_prefix, middle, last_prefix = ENCODE[scheme]
    iob1 = scheme == "iob1"
    count = len(tags)
    taken_until = 0
    skipped = 0
    previous: tuple[int, str] | None = None  # (last, label) of the entity written before
    for first, last, label in ranges:
        if first < taken_until or first >= last or last > count:
            skipped += 1
            continue
        starts_b = iob1 and previous == (first, label) and first not in breaks
        if last - first == 1:
            tags[first] = f"{'B' if starts_b else single}-{label}"
        else:
            tags[first] = f"{'B' if starts_b else first_prefix}-{label}"
            if last - first > 2:
                tags[first + 1 : last - 1] = [f"{middle}-{label}"] * (last - first - 2)
            tags[last - 1] = f"{last_prefix}-{label}"
        taken_until = last
        previous = (last, label)
    return skipped


def _span_fields(span: Any) -> tuple[int, int, str]:
    if isinstance(span, tuple):
        return span[0], span[1], span[2]
    return span.start, span.end, span.label


def token_range(tokens: Sequence[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """Indices ``[first, last)`` of the tokens that overlap characters ``[start, end)`` (maybe empty)."""
    lo, hi = 0, len(tokens)
    while lo < hi:  # first token whose end is after start
        mid = (lo + hi) // 2
        if tokens[mid][1] <= start:
            lo = mid + 1
        else:
            hi = mid
    first = last = lo
    while last < len(tokens) and tokens[last][0] < end:
        last += 1
    return first, last


def spans_to_tags(tokens: Sequence[tuple[int, int]], spans: Iterable[Any], scheme: str = DEFAULT_SCHEME) -> list[str]:
    """Tags for ``tokens`` (character offsets) from character spans (``(start, end, label)`` or
    objects with ``start``, ``end``, ``label``).

    A token is tagged with a span it overlaps, so a span boundary inside a token widens the span
    to the whole token (exports split such tokens first: :mod:`annotator.exporting`). Spans that
    overlap an earlier span at token level are left out; spans covering no token are ignored.
    """
    ranges = []
    for span in spans:
        start, end, label = _span_fields(span)
        first, last = token_range(tokens, start, end)
        if first < last:
            ranges.append((first, last, label))
    return ranges_to_tags(len(tokens), ranges, scheme)


def _range_order(item: tuple[int, int, str]) -> tuple[int, int, str]:
    return item[0], -item[1], item[2]


def nest_levels(ranges: Iterable[tuple[int, int, str]]) -> list[list[tuple[int, int, str]]]:
    """Spread token ranges over levels so that no two ranges of one level overlap.

    Outer (earlier, longer) ranges take the first level, as in the Wojood corpus: each range goes
    to the first level where it overlaps nothing. Duplicates are kept once.
    """
    items = list(ranges)
    previous = None
    for item in items:  # usually already in order (exports list spans that way): skip the sort
        key = _range_order(item)
        if previous is not None and key <= previous:
            items = sorted(set(items), key=_range_order)
            break
        previous = key
    levels: list[list[tuple[int, int, str]]] = []
    ends: list[int] = []  # where each level's last range ends
    for item in items:
        for depth, taken in enumerate(ends):
            if item[0] >= taken:
                levels[depth].append(item)
                ends[depth] = item[1]
                break
        else:
            levels.append([item])
            ends.append(item[1])
    return levels


# -- tags → spans ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ParsedTag:
    """A cleaned tag: ``prefix`` is ``O`` or one letter, ``label`` empty for ``O``."""

    prefix: str
    label: str
    repairs: tuple[str, ...] = ()
    unreadable: bool = False  # nothing sensible could be made of it: read as O and reported

    @property
    def tag(self) -> str:
        return "O" if self.prefix == "O" else f"{self.prefix}-{self.label}"


_STRAY = re.compile(r"[^\w\-.]", re.UNICODE)  # anything but letters, digits, _, - and .
_PREFIXED = re.compile(r"^([BIESLUbieslu])-+(.+)$")
_ONLY_PREFIX_LETTERS = re.compile(r"^[BIOESLUbioeslu]+-*$")

MAX_LABEL = 40  # a schema label's longest name
STRAY_REMOVED = "stray characters removed from tags"
REPEATED_SEPARATOR = "repeated '-' after a tag prefix"
LOWER_CASE = "lower-case tags upper-cased"
REPEATED_O = "repeated O read as O"
NO_TYPE = "tag without an entity type read as O"


@lru_cache(maxsize=4096)
def parse_tag(raw: str) -> ParsedTag:
    """Clean one raw tag by the documented rules (docs/formats.md, "Tag repairs").

    ``B-MIS1``` → ``B-MIS1`` (stray characters), ``I--ORG`` → ``I-ORG``, ``b-per`` → ``B-PER``,
    ``OO`` → ``O``, ``IO``/``B`` (no type) → ``O``. Types are otherwise kept as written, so
    ``B-MIS-1`` has type ``MIS-1`` (a label the schema may lack: reported by the importer).
    """
    repairs: list[str] = []
    tag = raw.strip()
    cleaned = _STRAY.sub("", tag)
    if cleaned != tag:
        repairs.append(STRAY_REMOVED)
        tag = cleaned
    if tag == "O":
        return ParsedTag("O", "", tuple(repairs))
    if tag.upper() == "O":
        return ParsedTag("O", "", (*repairs, LOWER_CASE))
    match = _PREFIXED.match(tag)
    if match is None:
        if tag and set(tag.upper()) == {"O"}:
            return ParsedTag("O", "", (*repairs, REPEATED_O))
        if _ONLY_PREFIX_LETTERS.match(tag):
            return ParsedTag("O", "", (*repairs, NO_TYPE))
        return ParsedTag("O", "", tuple(repairs), unreadable=True)
    prefix, label = match.group(1), match.group(2).strip("-")
    if not label:
        return ParsedTag("O", "", (*repairs, NO_TYPE))
    if len(label) > MAX_LABEL:
        return ParsedTag("O", "", tuple(repairs), unreadable=True)
    if tag[1:3] == "--":
        repairs.append(REPEATED_SEPARATOR)
    if prefix.islower() or (label.islower() and label.upper() != label):
        repairs.append(LOWER_CASE)
        prefix = prefix.upper()
        label = label.upper() if label.islower() else label
    return ParsedTag(prefix, label, tuple(repairs))


@dataclass(slots=True)
class TagDecoding:
    """Entities read from one tag sequence, and each deviation from the scheme."""

    spans: list[tuple[int, int, str]] = field(default_factory=list)
    repairs: list[tuple[int, str]] = field(default_factory=list)  # (token index, kind)


def decode_tags(tags: Sequence[str], scheme: str = DEFAULT_SCHEME) -> TagDecoding:
    """Entities ``(first, last, label)`` of a tag sequence, read leniently, with repairs noted.

    Tags are cleaned with :func:`parse_tag` first (its repairs are reported too).
    """
    scheme = check_scheme(scheme)
    roles = ROLES[scheme]
    must_close = scheme in CLOSED_SCHEMES
    out = TagDecoding()
    spans, repairs = out.spans, out.repairs
    open_start = -1
    open_label = ""
    previous_end: tuple[int, str] | None = None  # (index after, label) of the last closed entity

    def close(at: int, properly: bool) -> None:
        nonlocal open_start, previous_end
        if open_start >= 0:
            if must_close and not properly:
                repairs.append((at - 1, NOT_CLOSED))
            spans.append((open_start, at, open_label))
            previous_end = (at, open_label)
            open_start = -1

    for i, raw in enumerate(tags):
        parsed = parse_tag(raw)
        repairs.extend((i, kind) for kind in parsed.repairs)
        if parsed.prefix == "O":
            close(i, False)
            continue
        role = roles.get(parsed.prefix)
        if role is None:
            role = FOREIGN_ROLES[parsed.prefix]
            repairs.append((i, FOREIGN_PREFIX))
        label = parsed.label
        continues = open_start >= 0 and open_label == label
        if role is Role.INSIDE and continues:
            continue
        if role is Role.END and continues:
            close(i + 1, True)
            continue
        close(i, False)
        if role is Role.BEGIN:
            if scheme == "iob1" and previous_end != (i, label):
                repairs.append((i, B_NOT_AFTER_SAME))
            open_start, open_label = i, label
        elif role is Role.INSIDE:
            if scheme != "iob1":
                repairs.append((i, INSIDE_STARTS))
            open_start, open_label = i, label
        else:
            if role is Role.END:
                repairs.append((i, END_WITHOUT_BEGIN))
            open_start, open_label = i, label
            close(i + 1, True)
    close(len(tags), False)
    return out


def tags_to_spans(tags: Sequence[str], scheme: str = DEFAULT_SCHEME) -> list[tuple[int, int, str]]:
    """Entities ``(first, last, label)`` (token indices, ``[first, last)``) of a tag sequence."""
    return decode_tags(tags, scheme).spans


def detect_scheme(sequences: Iterable[Sequence[str]]) -> str:
    """The scheme a tagged corpus uses: S-/E- → BIOES, U-/L- → BILOU; with only B-/I-, IOB1 when
    every B- directly follows an entity of the same type (or there is no B-), else IOB2."""
    prefixes: set[str] = set()
    iob1 = True  # every B- so far follows a same-type tag
    for tags in sequences:
        before = ParsedTag("O", "")
        for raw in tags:
            parsed = parse_tag(raw)
            prefixes.add(parsed.prefix)
            if parsed.prefix == "B" and (before.prefix == "O" or before.label != parsed.label):
                iob1 = False
            before = parsed
    if prefixes & {"E", "S"}:
        return "bioes"
    if prefixes & {"L", "U"}:
        return "bilou"
    if "I" in prefixes and iob1:
        return "iob1"
    return DEFAULT_SCHEME
