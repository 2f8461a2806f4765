# ruff: noqa: E501  (a translation catalogue: one entry per line reads best)
"""Counted phrases («3 مستندات», «11 مستندًا», "1 document") in the window's languages.

Arabic number agreement needs six forms, chosen by the CLDR plural rules (Babel):
``zero``; ``one`` (the noun then «واحد»); ``two`` (the dual, no digit); ``few``, 3–10 and
103–110 (the number, then a plural noun); ``many``, 11–99 and 111–199 (the number, then a
singular noun in the accusative, «67 اقتراحًا»); ``other``, 100–102, 200–202, ... (the number,
then a singular noun in the genitive, «100 اقتراح»). English needs ``one`` and ``other``.

The key of an entry is its English source; ``{n}`` is the count that chooses the form (a form may
leave it out, as «اقتراح واحد» does); other fields are kept. ``ui.i18n.trn`` picks the form.
The Arabic forms live in :mod:`ui.i18n.plurals_ar` (re-exported here).
A test checks that every ``trn("...")`` in ``ui/`` has all six Arabic forms and both English ones.
"""

from __future__ import annotations

from ui.i18n.plurals_ar import ARABIC

__all__ = ["ARABIC", "ENGLISH", "Forms"]

Forms = dict[str, str]

ENGLISH: dict[str, Forms] = {
    # the window
    "{n} spans": {"one": "{n} span", "other": "{n} spans"},
    "{n} relations": {"one": "{n} relation", "other": "{n} relations"},
    "{n} characters": {"one": "{n} character", "other": "{n} characters"},
    "Text size: {n} pt": {"one": "Text size: {n} pt", "other": "Text size: {n} pt"},
    # suggestions
    "{n} suggestions": {"one": "{n} suggestion", "other": "{n} suggestions"},
    "{n} suggestions to decide": {"one": "{n} suggestion to decide", "other": "{n} suggestions to decide"},
    "Accepted {n} suggestions": {"one": "Accepted {n} suggestion", "other": "Accepted {n} suggestions"},
    "Rejected {n} suggestions": {"one": "Rejected {n} suggestion", "other": "Rejected {n} suggestions"},
    "{n} left in this document": {"one": "{n} left in this document", "other": "{n} left in this document"},
    "{accepted} of {n} suggestions in this document would be accepted": {
        "one": "{accepted} of {n} suggestion in this document would be accepted",
        "other": "{accepted} of {n} suggestions in this document would be accepted",
    },
    "Pre-annotating {done} of {n} documents": {
        "one": "Pre-annotating {done} of {n} document",
        "other": "Pre-annotating {done} of {n} documents",
    },
    "Pre-annotated {n} documents": {"one": "Pre-annotated {n} document", "other": "Pre-annotated {n} documents"},
    "Pre-annotation cancelled after {n} documents": {
        "one": "Pre-annotation cancelled after {n} document",
        "other": "Pre-annotation cancelled after {n} documents",
    },
    "Trained on {n} documents": {"one": "Trained on {n} document", "other": "Trained on {n} documents"},
    "{n} tokens": {"one": "{n} token", "other": "{n} tokens"},
    "The model learns from the spans of the documents you marked done and from curated gold "
    "({n} documents now), is cross-validated by document, "
    "and then suggests entities to you alone as the 'crf' recommender.": {
        "one": "The model learns from the spans of the documents you marked done and from curated gold "
        "({n} document now), is cross-validated by document, "
        "and then suggests entities to you alone as the 'crf' recommender.",
        "other": "The model learns from the spans of the documents you marked done and from curated gold "
        "({n} documents now), is cross-validated by document, "
        "and then suggests entities to you alone as the 'crf' recommender.",
    },
    # agreement and curation
    " ({n} documents)": {"one": " ({n} document)", "other": " ({n} documents)"},
    "{n} documents compared between {names}.": {
        "one": "{n} document compared between {names}.",
        "other": "{n} documents compared between {names}.",
    },
    "{n} disagreements were left open.": {
        "one": "{n} disagreement was left open.",
        "other": "{n} disagreements were left open.",
    },
    "Curation compares two or more annotators; {n} annotators qualify here. Compare everyone who worked on it, or wait until more mark it done.": {
        "one": "Curation compares two or more annotators; {n} annotator qualifies here. Compare everyone who worked on it, or wait until more mark it done.",
        "other": "Curation compares two or more annotators; {n} annotators qualify here. Compare everyone who worked on it, or wait until more mark it done.",
    },
    # merging
    "{n} conflicts: this project's work was kept; compare them in the curator's view.": {
        "one": "{n} conflict: this project's work was kept; compare it in the curator's view.",
        "other": "{n} conflicts: this project's work was kept; compare them in the curator's view.",
    },
    # the export summary (annotator.exporting.ExportResult.summary_lines)
    "exported {n} document(s) of {annotator} as {format} to {out}": {
        "one": "exported {n} document of {annotator} as {format} to {out}",
        "other": "exported {n} documents of {annotator} as {format} to {out}",
    },
    " ({n} not done, left out)": {"one": " ({n} not done, left out)", "other": " ({n} not done, left out)"},
    "{n} span(s)": {"one": "{n} span", "other": "{n} spans"},
    "{n} relation(s)": {"one": "{n} relation", "other": "{n} relations"},
    "{n} token(s)": {"one": "{n} token", "other": "{n} tokens"},
    "in {n} sentence(s)": {"one": "in {n} sentence", "other": "in {n} sentences"},
    "{n} tag columns (nesting levels)": {"one": "{n} tag column", "other": "{n} tag columns (nesting levels)"},
    "{n} token(s) split at a span boundary inside them": {
        "one": "{n} token split at a span boundary inside it",
        "other": "{n} tokens split at a span boundary inside them",
    },
    "{n} sentence break(s) removed: a span crossed them": {
        "one": "{n} sentence break removed: a span crossed it",
        "other": "{n} sentence breaks removed: a span crossed them",
    },
    "{n} nested or overlapping span(s) dropped (flat output keeps the outermost)": {
        "one": "{n} nested or overlapping span dropped (flat output keeps the outermost)",
        "other": "{n} nested or overlapping spans dropped (flat output keeps the outermost)",
    },
    "{n} span(s) dropped: they cover no token": {
        "one": "{n} span dropped: it covers no token",
        "other": "{n} spans dropped: they cover no token",
    },
    "{n} relation(s) not written: {why}": {
        "one": "{n} relation not written: {why}",
        "other": "{n} relations not written: {why}",
    },
    "... and {n} more document(s) renamed": {
        "one": "... and {n} more document renamed",
        "other": "... and {n} more documents renamed",
    },
    # the team progress trend plot (annotator.team.progress_html)
    "{n} document(s)": {"one": "{n} document", "other": "{n} documents"},
    # the import and merge summaries (annotator.importing, annotator.team.merge)
    "{n} document(s) added": {"one": "{n} document added", "other": "{n} documents added"},
    "{n} already present": {"one": "{n} already present", "other": "{n} already present"},
    "{n} with annotations attached": {
        "one": "{n} with annotations attached",
        "other": "{n} with annotations attached",
    },
    "{n} already here": {"one": "{n} already here", "other": "{n} already here"},
    "work of {n} annotator-document pair(s) merged": {
        "one": "work of {n} annotator-document pair merged",
        "other": "work of {n} annotator-document pairs merged",
    },
    "{n} pair(s) already present": {"one": "{n} pair already present", "other": "{n} pairs already present"},
    "{n} conflict(s) left unmerged": {"one": "{n} conflict left unmerged", "other": "{n} conflicts left unmerged"},
}
