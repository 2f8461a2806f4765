"""A CRF tagger keeps the model bytes it was opened with: crfsuite reads them at every ``tag``.

Cross-validation once crashed with a label that was not UTF-8 (freed memory read as a model). The
check runs in a child process: reading an unmapped model is a segmentation fault, not an error.
"""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import gc
from annotator.recommenders.crf import default_model_path, open_tagger

size = default_model_path().stat().st_size
tagger = open_tagger(bytes(bytearray(default_model_path().read_bytes())))  # no other reference
gc.collect()
junk = [bytearray(b"\\xff") * size for _ in range(4)]  # the freed memory taken and overwritten
print(sorted(tagger.labels())[0], len(tagger.tag([{"w=x": 1.0}, {"w=y": 1.0}])))
"""


def test_a_tagger_outlives_the_only_reference_to_its_model_bytes() -> None:
    run = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.split() == ["B-LOC", "2"]
