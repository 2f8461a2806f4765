"""Exported files can be read by the people they are for, like any file the user saves."""

from __future__ import annotations

import os
import stat
import sys

import pytest

from annotator.exporting.files import atomic_write


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_exported_files_follow_the_umask_not_owner_only(tmp_path):
    previous = os.umask(0o022)
    try:
        target = tmp_path / "train.conll"
        atomic_write(target, "بوتين\tB-PERS\n")
    finally:
        os.umask(previous)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert target.read_text(encoding="utf-8") == "بوتين\tB-PERS\n"
