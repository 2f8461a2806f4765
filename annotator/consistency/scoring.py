"""How likely a split decision is an error: the majority's share, discounted for little evidence.

A 5:1 split is likelier an error than 1:1, and 50:1 likelier than 5:1: ``share × (1 − 1/n)``
grows with both the majority's share and the number of occurrences, stays below 1, and gives a
tie of two 0.25 (worth a look, never near the top of the queue).
"""

from __future__ import annotations


def split_score(majority: int, total: int) -> float:
    """The score of a finding where ``majority`` of ``total`` occurrences agree."""
    if total <= 0:
        return 0.0
    return round((majority / total) * (1 - 1 / total), 4)
