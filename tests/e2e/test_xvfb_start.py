"""When the private X server does not start, the failure says why: Xvfb's own words, not only an exit code.

A stand-in for Xvfb (a shell that writes to stderr and exits) runs through the fixture's start-up code, so
this holds on any Linux machine, with or without Xvfb installed.
"""

from __future__ import annotations

import sys
import tempfile

import pytest

from .conftest import start_xvfb

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Xvfb runs on Linux")
FATAL = "Fatal server error: Cannot establish any listening sockets"


def test_an_x_server_that_exits_at_once_is_reported_with_what_it_wrote() -> None:
    failing = ["sh", "-c", f"echo '{FATAL}' >&2; exit 1", "Xvfb"]  # the -displayfd arguments land in $1, $2
    with tempfile.TemporaryFile() as log, pytest.raises(RuntimeError) as failure:
        start_xvfb(failing, log, timeout=10)
    assert "Xvfb did not start (exit code 1)" in str(failure.value)
    assert FATAL in str(failure.value)


def test_an_x_server_that_never_answers_times_out_with_what_it_wrote() -> None:
    silent = ["sh", "-c", f"echo '{FATAL}' >&2; exec sleep 30", "Xvfb"]
    with tempfile.TemporaryFile() as log, pytest.raises(RuntimeError) as failure:
        start_xvfb(silent, log, timeout=1)
    assert "Xvfb did not start (timed out)" in str(failure.value)
    assert FATAL in str(failure.value)
