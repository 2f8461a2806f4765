"""Suggestions in the window: pre-highlighted entities that the annotator accepts or rejects.

- :mod:`.layer`: the open document's pending suggestions as dashed marks, in step with the store;
- :mod:`.keys`: N / P / Enter / Backspace / Shift+Enter (over the Qt-free ``SuggestionCursor``);
- :mod:`.feature`: what the window creates; counts, ordering by uncertainty, menu actions;
- :mod:`.preannotate_dialog`, :mod:`.preannotate`: choosing recommenders, running them in a worker;
- :mod:`.training`: training the project's CRF in a worker, cross-validated scores;
- :mod:`.threshold`: accept all above a score; :mod:`.about`: Help → About with the attributions;
- :mod:`.menu`: the Suggestions menu.

No module here imports camel-tools or torch: models load in worker threads (``ui/workers.py``).
"""
