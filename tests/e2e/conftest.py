"""A private X server (Xvfb) for tests that drive the real window with X input (xdotool).

Without Xvfb or xdotool these tests skip and say what to install; in CI (``CI=true``) that is a
failure, so the real-window test never silently vanishes. ``make test`` installs both as root
(``scripts/check_system_libs.sh --test``). What counts as CI is decided once, by ``tests.conftest.in_ci``.
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from typing import IO

import pytest

from tests.conftest import in_ci
from ui.platform_check import describe, loadable, missing_for, read_needs

TOOLS = {"Xvfb": "xvfb", "xdotool": "xdotool"}  # program → Debian package
SCREEN = "1280x900x24"


def unavailable(reason: str) -> None:
    """Skip with ``reason``, or fail in CI where the real-window test must run."""
    if in_ci():
        pytest.fail(f"CI=true: {reason}; the real-window test must run in CI", pytrace=False)
    pytest.skip(reason)


def require_tools() -> None:
    """Xvfb, xdotool, and the libraries Qt's X11 plugin loads."""
    if not sys.platform.startswith("linux"):
        unavailable("the real-window test drives X11 (Linux only)")
    missing = [package for program, package in TOOLS.items() if shutil.which(program) is None]
    if missing:
        unavailable(
            f"no {' or '.join(missing)}: run `sudo apt-get install {' '.join(missing)}` (or `make test` as root)"
        )
    # The X11 plugin's libraries only: the X server is the Xvfb started next, not the session's DISPLAY.
    missing = missing_for("xcb", read_needs(), loadable)
    if missing:
        unavailable(describe("xcb", missing))


def _server_said(log: IO[bytes]) -> str:
    """What Xvfb wrote to stderr so far (why it did not start: a missing font path, no /tmp/.X11-unix, ...)."""
    log.flush()
    log.seek(0)
    said = log.read().decode(errors="replace").strip()
    return f"; Xvfb said:\n{said}" if said else "; Xvfb said nothing"


def _read_display_number(pipe: int, server: subprocess.Popen, log: IO[bytes], timeout: float) -> str:
    """Xvfb writes the display number it chose to ``-displayfd`` once it accepts clients."""
    deadline, data = time.monotonic() + timeout, b""
    while not data.endswith(b"\n"):
        left = deadline - time.monotonic()
        if left <= 0 or server.poll() is not None:
            state = "timed out" if server.poll() is None else f"exit code {server.poll()}"
            raise RuntimeError(f"Xvfb did not start ({state}){_server_said(log)}")
        ready, _, _ = select.select([pipe], [], [], left)
        if ready:
            chunk = os.read(pipe, 16)
            if not chunk:  # the pipe closes when the server exits: wait for its exit code
                try:
                    state = f"exit code {server.wait(timeout=5)}"
                except subprocess.TimeoutExpired:
                    state = "it closed its display pipe without a display number"
                raise RuntimeError(f"Xvfb did not start ({state}){_server_said(log)}")
            data += chunk
    return data.decode().strip()


def start_xvfb(command: list[str], log: IO[bytes], timeout: float = 30) -> tuple[subprocess.Popen, str]:
    """Start ``command`` (Xvfb; ``-displayfd`` is added here) with stderr to ``log``: the server and ``":N"``."""
    read, write = os.pipe()
    try:
        server = subprocess.Popen(
            [*command, "-displayfd", str(write)], pass_fds=[write], stdout=subprocess.DEVNULL, stderr=log
        )
    finally:
        os.close(write)
    try:
        return server, ":" + _read_display_number(read, server, log, timeout)
    except BaseException:
        stop(server)
        raise
    finally:
        os.close(read)


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=5)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


@pytest.fixture
def x_display() -> Iterator[str]:
    """``":N"``: a fresh Xvfb screen on a display number the server picks itself (no clash)."""
    require_tools()
    with tempfile.TemporaryFile() as log:
        server, display = start_xvfb(["Xvfb", "-screen", "0", SCREEN, "-nolisten", "tcp"], log)
        try:
            yield display
        finally:
            stop(server)
