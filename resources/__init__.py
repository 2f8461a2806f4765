"""Hashiya's shipped resources, installed as the package ``hashiya_data.resources``.

This folder holds data, not code. The file exists so that ``importlib.resources`` finds the folder
as a regular package both in an editable install of a checkout and in an installed wheel
(``annotator/paths.py``); a folder without it is a namespace package, which Python 3.11's
``importlib.resources`` cannot read in an editable install.
"""
