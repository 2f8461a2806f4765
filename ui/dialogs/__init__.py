"""File dialogs (import, export, merge), the annotators list, and their menu entries."""
