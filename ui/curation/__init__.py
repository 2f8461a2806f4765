"""The curator's view: every annotator's work on one document, settled into the gold layer."""
