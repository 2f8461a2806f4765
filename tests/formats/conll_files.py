"""Reading our CoNLL output back the way any CoNLL reader splits it (shared by the format tests)."""

from __future__ import annotations

from pathlib import Path


def conll_rows(path: Path) -> list[list[list[str]]]:
    """Sentences of rows (token + tags): tab-separated lines, a blank line between sentences."""
    sentences, current = [], []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line:
            current.append(line.split("\t"))
        elif current:
            sentences.append(current)
            current = []
    return sentences
