"""Dock panels: document list, label palette, entity list, relation list."""
