"""Hashiya's Qt layer: windows, views, item models, workers. Logic lives in annotator/."""
