"""The sample articles, installed as the package ``hashiya_data.seeds``.

This folder holds data, not code: the sample project imports its ``.txt`` files (importing a folder
skips files of unknown types, this one included). The file exists so that ``importlib.resources``
finds the folder in an editable install as in an installed wheel (``annotator/paths.py``).
"""
