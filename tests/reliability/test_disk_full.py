"""A full disk: every action either is stored whole or fails with a clear message; nothing is lost.

The disk fills up in a subprocess whose file-size limit (``RLIMIT_FSIZE``) is set just above the
project's size, with ``SIGXFSZ`` ignored: from then on a write that grows the file or its log
fails like a write to a full disk.
"""

from __future__ import annotations

import json
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from actionlog import integrity_problems, stored_state
from projectfiles import snapshot

from annotator.store import Project

pytestmark = pytest.mark.skipif(not hasattr(resource, "RLIMIT_FSIZE"), reason="needs RLIMIT_FSIZE (Unix)")

FILL = """
import json, resource, signal, sys
from pathlib import Path
from annotator.errors import HashiyaError
from annotator.model import IncomingDocument
from annotator.store import Project

path = Path(sys.argv[1])
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
project = Project.open(path)
doc = project.documents()[0].id
wal = Path(f"{path}-wal")
limit = max(path.stat().st_size, wal.stat().st_size if wal.exists() else 0) + 8192
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
done, errors = [], []
for i in range(3000):
    try:
        change = project.add_span(doc, "full", i, i + 1, "GPE")
    except HashiyaError as error:
        errors.append(str(error))
        if len(errors) == 3:
            break
    else:
        done.append(change.action_id)
try:
    project.add_documents([IncomingDocument(f"big{i}", "نص " * 4000 + str(i), "big.txt") for i in range(10)])
except HashiyaError as error:
    errors.append(str(error))
project.close()
print(json.dumps({"done": done, "errors": errors}))
"""


def _limit_file_size(limit: int):
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # inherited through exec: writes fail instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_actions_on_a_full_disk_fail_cleanly_and_keep_what_was_stored(disk_project):
    result = subprocess.run([sys.executable, "-c", FILL, str(disk_project)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    outcome = json.loads(result.stdout)
    assert outcome["done"], "the disk filled before the first action: the test proved little"
    assert len(outcome["errors"]) == 4  # three actions and one import, each refused
    for message in outcome["errors"]:
        assert "cannot write the project" in message and "nothing was changed" in message, message
        assert str(disk_project) in message

    assert integrity_problems(disk_project) == []
    stored = stored_state(disk_project, "full").state
    assert stored.order == outcome["done"], "an action that returned is missing, or a refused one was kept"
    assert len(stored.spans) == len(outcome["done"])
    with Project.open(disk_project) as project:  # room again: work goes on, history intact
        assert project.document_count() == 3
        doc = project.documents()[0].id
        new = project.add_span(doc, "full", 0, 4, "GPE")
        assert project.undo("full").action_id == new.action_id
        for want in reversed(outcome["done"]):
            assert project.undo("full").action_id == want
        assert not project.can_undo("full")


def test_cli_import_on_a_full_disk_prints_one_line(disk_project, tmp_path):
    article = tmp_path / "article.txt"
    article.write_text("خبر طويل. " * 20_000, encoding="utf-8")
    before = snapshot(disk_project)
    script = Path(sys.executable).with_name("hashiya")
    command = (
        [str(script)] if script.exists() else [sys.executable, "-c", "import sys, ui.entry; sys.exit(ui.entry.main())"]
    )
    result = subprocess.run(
        [*command, "import", str(disk_project), str(article)],
        capture_output=True,
        text=True,
        preexec_fn=_limit_file_size(disk_project.stat().st_size + 8192),
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "cannot write the project" in result.stderr, result.stderr
    assert snapshot(disk_project) == before
