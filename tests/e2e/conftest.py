"""A private X server (Xvfb) for tests that drive the real window with X input (xdotool).

Without Xvfb or xdotool these tests skip and say what to install; in CI (``CI=true``) that is a
failure, so the real-window test never silently vanishes. ``make test`` installs both as root
(``scripts/check_system_libs.sh --test``).
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from ui.platform_check import platform_problem

TOOLS = {"Xvfb": "xvfb", "xdotool": "xdotool"}  # program → Debian package
SCREEN = "1280x900x24"


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


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
    problem = platform_problem({"QT_QPA_PLATFORM": "xcb"})  # the window could not start on any X server
    if problem:
        unavailable(problem)


def _read_display_number(pipe: int, server: subprocess.Popen, timeout: float) -> str:
    """Xvfb writes the display number it chose to ``-displayfd`` once it accepts clients."""
    deadline, data = time.monotonic() + timeout, b""
    while not data.endswith(b"\n"):
        left = deadline - time.monotonic()
        if left <= 0 or server.poll() is not None:
            raise RuntimeError(f"Xvfb did not start (exit code {server.poll()})")
        ready, _, _ = select.select([pipe], [], [], left)
        if ready:
            chunk = os.read(pipe, 16)
            if not chunk:
                raise RuntimeError("Xvfb closed its display pipe without a display number")
            data += chunk
    return data.decode().strip()


@pytest.fixture
def x_display() -> Iterator[str]:
    """``":N"``: a fresh Xvfb screen on a display number the server picks itself (no clash)."""
    require_tools()
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", SCREEN, "-nolisten", "tcp"],
        pass_fds=[write],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        yield ":" + _read_display_number(read, server, timeout=10)
    finally:
        os.close(read)
        server.terminate()
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
