"""The Team progress window (issue 16): the lead's dashboard over :mod:`annotator.team.progress`."""
