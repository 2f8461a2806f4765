"""The Agreement window: plots of inter-annotator agreement and the documents worst first."""
