"""Recommenders: suggested entities that annotators accept or reject (docs/recommenders.md).

- :mod:`.base`: the interface (``Recommender``; ``Suggestion``, ``Prediction``, ``DocumentInput`` come from
  :mod:`annotator.predictions`);
- :mod:`.gazetteer`, :mod:`.strings`, :mod:`.crf`, :mod:`.camel`: the recommenders;
- :mod:`.registry`: recommenders by name; :mod:`.runner`: pre-annotation with progress/cancel;
- :mod:`.span_scores`: precision, recall and F1 of spans against gold; :mod:`.conll_evaluation`: a recommender
  evaluated on a CoNLL gold file (``hashiya evaluate``);
- the keyboard flow over suggestions (N, P, Enter, Backspace, Shift+Enter) is a session:
  :mod:`annotator.sessions.suggestions`;
- storage is in :mod:`annotator.store.suggestions` (mixed into ``Project``).

Importing this package imports nothing heavy; torch is imported only by the camel recommender's
``load`` (in a worker thread).
"""

from __future__ import annotations

import json

from annotator.paths import resource_path


def about_notices() -> list[str]:
    """Attribution lines for the About box: the shipped model's data and its licence."""
    lines = []
    for name, text in (
        (
            "news-crf",
            "The default suggestion model (resources/models/news-crf.crfsuite) was trained on {attribution}. "
            "The model is licensed CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/); "
            "see resources/models/README.md.",
        ),
        (
            "aqmar-crf",
            "The earlier model (resources/models/aqmar-crf.crfsuite) was trained on the {attribution}. "
            "The model is licensed CC BY-SA 3.0 (https://creativecommons.org/licenses/by-sa/3.0/).",
        ),
    ):
        try:
            info = json.loads(resource_path("models", f"{name}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        lines.append(text.format(attribution=info["attribution"]))
    return [*lines, "Place and country names: Unicode CLDR (via Babel) and pycountry (iso-codes translations)."]
