"""Team work: bringing annotators' files together and measuring how far they agree.

- :mod:`annotator.team.merge`: merge other project files into a project (one logged, undoable action).
- :mod:`annotator.team.agreement`: F1, κ, α and αu between annotators, the typed report and its plots.

Curation (a curator building the gold layer from the disagreements) is a session:
:mod:`annotator.sessions.curation`, over the store's :mod:`annotator.store.curation` writes. The
store-side parts of merging and agreement are :mod:`annotator.store.merge` and
:mod:`annotator.store.agreement_queries`.
"""
