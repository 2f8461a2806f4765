"""Export text put together as UTF-8 bytes by numpy, for millions of tokens without a Python
object per token.

An export file is mostly slices of the documents' text (the tokens) with a few distinct pieces
between them (CoNLL's ``\\tO\\n``, JSON's ``{"start": ``). Joining one Python string per token
and piece, then encoding the result, cost more than everything else in an export of 10,000
articles (benchmarks/bench_export.py). Here the text is encoded once, the pieces once, and the
output is one gather of byte ranges: :func:`gather`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np

_EMPTY = np.zeros(0, dtype=np.int64)


def byte_offsets(text: str, positions: np.ndarray) -> np.ndarray:
    """The UTF-8 byte offset of every code-point offset in ``positions`` (which never decrease).

    Bytes per code point are summed between consecutive positions only (``reduceat``), not
    counted up over the whole text: a cumulative sum of millions of characters cost more."""
    points = np.frombuffer(text.encode("utf-32-le"), dtype="<u4")
    width = np.ones(len(points) + 1, dtype=np.uint8)  # one more, 0: a position may be len(text)
    width[-1] = 0
    extra = width[:-1]
    extra += (points >= 0x80).view(np.uint8)
    extra += (points >= 0x800).view(np.uint8)
    extra += (points >= 0x10000).view(np.uint8)
    if not len(positions):
        return _EMPTY
    bounds = np.concatenate(([0], positions))
    between = np.add.reduceat(width, bounds, dtype=np.int64)[:-1]
    between[bounds[1:] == bounds[:-1]] = 0  # reduceat gives width[i] for an empty range [i, i)
    return np.cumsum(between)


@dataclass(slots=True)
class Pieces:
    """Distinct strings numbered as they are first seen (id 0 is the empty string), laid end to end."""

    ids: dict[str, int] = field(default_factory=lambda: {"": 0})

    def id(self, piece: str) -> int:
        found = self.ids.get(piece)
        if found is None:
            found = self.ids[piece] = len(self.ids)
        return found

    def encoded(self) -> tuple[bytes, np.ndarray, np.ndarray]:
        """All pieces' UTF-8 bytes end to end, and each id's start and length in them."""
        blobs = [piece.encode("utf-8") for piece in self.ids]
        lengths = np.fromiter(map(len, blobs), dtype=np.int64, count=len(blobs))
        return b"".join(blobs), np.cumsum(lengths) - lengths, lengths


def gather(source: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> bytes:
    """``source[starts[i] : starts[i] + lengths[i]]`` for every ``i``, concatenated (one numpy gather)."""
    if not len(lengths):
        return b""
    ends = np.cumsum(lengths)
    index = np.repeat(starts - (ends - lengths), lengths)
    index += np.arange(int(ends[-1]), dtype=np.int64)
    return source[index].tobytes()


def interleave(*columns: np.ndarray) -> np.ndarray:
    """``a0, b0, c0, a1, b1, c1, ...`` of equally long columns."""
    out = np.empty(len(columns[0]) * len(columns), dtype=np.int64)
    for k, column in enumerate(columns):
        out[k :: len(columns)] = column
    return out


_START, _END, _NEXT = b'{"start": ', b', "end": ', b"}, "


def token_objects(starts: np.ndarray, ends: np.ndarray, bounds: np.ndarray) -> list[bytes]:
    """``{"start": a, "end": b}, {"start": ...}`` (ASCII) for the tokens ``bounds[k]`` to
    ``bounds[k + 1]``, for every ``k``: Hashiya JSONL's token lists of many documents at once.

    Every token is a fixed-width row of bytes: the fixed pieces, and both offsets' digits
    right-aligned after NUL padding, computed by arithmetic on whole columns; removing the NULs
    leaves the text. No Python string is made per token or per number."""
    if not len(starts):
        return [b"" for _ in range(len(bounds) - 1)]
    most = int(max(starts.max(), ends.max()))
    digits = len(str(most))
    layout = [_START, digits, _END, digits, _NEXT]
    width = sum(len(part) if isinstance(part, bytes) else part for part in layout)
    columns = np.zeros((width, len(starts)), dtype=np.uint8)  # a byte column each: contiguous writes
    at = 0
    for part, values in zip(layout, (None, starts, None, ends, None), strict=True):
        if isinstance(part, bytes):
            columns[at : at + len(part)] = np.frombuffer(part, dtype=np.uint8)[:, None]
            at += len(part)
            continue
        left = values.astype(np.int64)
        for place in range(part):  # units first, from the right; a leading zero stays NUL
            cell = columns[at + part - 1 - place]
            np.remainder(left, 10, out=cell, casting="unsafe")
            cell += 48
            if place:
                cell[left == 0] = 0
            np.floor_divide(left, 10, out=left)
        at += part
    flat = columns.T.tobytes()
    cuts = (bounds * width).tolist()
    return [flat[a:b].replace(b"\0", b"")[:-2] if b > a else b"" for a, b in pairwise(cuts)]
