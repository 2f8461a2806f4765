"""Hashiya core: documents, offsets, tokens, schema, store, recommenders, formats, agreement, CLI.

Nothing in this package imports Qt or the ui package (checked by an import contract).
"""

__version__ = "0.1.0"
