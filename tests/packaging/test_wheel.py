"""Hashiya installed like an application: a wheel in a fresh virtualenv, used from outside the checkout.

The wheel is built from a source distribution (so MANIFEST.in is tested too) without the network,
and installed with ``--no-deps`` into a new virtualenv that sees the project's dependencies through a
``.pth`` line (fast: nothing is downloaded or copied). The checkout's editable install is not visible
there (the ``.pth`` files of a folder added that way are not run), commands run from a folder outside
the checkout, and one test asserts that the code and data they load come from the new environment.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from dataclasses import dataclass
from email.parser import HeaderParser
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="builds POSIX virtualenvs (bin/, lib/pythonX.Y/)"),
]

ROOT = Path(__file__).resolve().parents[2]
# what a source distribution is built from (MANIFEST.in names the rest of its contents)
SOURCE_ENTRIES = (
    "pyproject.toml", "README.md", "LICENSE", "MANIFEST.in", "DEVELOPERS.md", "Makefile", "constraints.txt",
    "annotator", "ui", "resources", "seeds", "docs", "scripts",
)  # fmt: skip
LICENCE = "MIT AND OFL-1.1 AND CC-BY-SA-3.0 AND CC-BY-SA-4.0"
LICENCE_FILES = {
    "LICENSE",
    "resources/fonts/OFL-Amiri.txt",
    "resources/models/LICENSE-AQMAR-CC-BY-SA-3.0.txt",
    "resources/models/LICENSE-NEWS-CRF-CC-BY-SA-4.0.txt",
    "resources/models/LICENSE-arabic-names-MIT.txt",
}


@dataclass(frozen=True)
class Installed:
    wheel: Path
    venv: Path
    source: Path  # the copied checkout the wheel was built from

    @property
    def hashiya(self) -> Path:
        return self.venv / "bin" / "hashiya"

    @property
    def python(self) -> Path:
        return self.venv / "bin" / "python"

    @property
    def site_packages(self) -> Path:
        return self.venv / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}" / "site-packages"


def run(args: list[str | Path], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, f"{args} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
    return result


def ignore_generated(folder: str, names: list[str]) -> list[str]:
    return [n for n in names if n in ("__pycache__", "build") or n.endswith((".pyc", ".egg-info"))]


def copy_checkout(target: Path) -> Path:
    target.mkdir()
    for name in SOURCE_ENTRIES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore_generated)
        else:
            shutil.copy2(source, target / name)
    return target


def new_venv(folder: Path) -> Path:
    """A virtualenv with no pip and no packages, which sees this environment's packages (not its .pth files)."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True, timeout=120)
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    deps = dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    (folder / "lib" / version / "site-packages" / "_project_deps.pth").write_text("\n".join(deps) + "\n")
    return folder


def pip(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_NO_INPUT": "1"}
    return run([sys.executable, "-m", "pip", *args], cwd=cwd, env=env)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Installed:
    base = tmp_path_factory.mktemp("wheel")
    source = copy_checkout(base / "src")
    build_sdist = "import sys; from setuptools import build_meta; print(build_meta.build_sdist(sys.argv[1]))"
    sdist_name = run([sys.executable, "-c", build_sdist, base / "dist"], cwd=source).stdout.strip().splitlines()[-1]
    dist = base / "dist"
    pip("wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", dist, dist / sdist_name, cwd=base)
    (wheel,) = (base / "dist").glob("hashiya-*.whl")
    venv = new_venv(base / "venv")
    pip("--python", venv / "bin" / "python", "install", "--no-deps", "--no-index", wheel, cwd=base)
    return Installed(wheel, venv, source)


@pytest.fixture
def user(tmp_path) -> tuple[Path, dict[str, str]]:
    """A working folder outside the checkout, and the environment of a user with their own data folder."""
    work = tmp_path / "work"
    work.mkdir()
    settings = tmp_path / "settings.ini"
    settings.write_text("[annotator]\nname=tester\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        XDG_DATA_HOME=str(tmp_path / "data"),  # the sample project and the menu entry go here
        HASHIYA_SETTINGS=str(settings),
    )
    return work, env


def shipped_files(folder: str) -> set[str]:
    root = ROOT / folder
    return {
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    }


def test_the_wheel_carries_every_module_resource_and_sample_article(installed):
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    for package in ("annotator", "ui"):
        missing = {f"{package}/{f}" for f in shipped_files(package) if f.endswith(".py")} - names
        assert not missing, f"modules missing from the wheel (list new folders in pyproject.toml): {sorted(missing)}"
    for folder in ("resources", "seeds"):
        missing = {f"hashiya_data/{folder}/{f}" for f in shipped_files(folder)} - names
        assert not missing, f"files missing from the wheel (list new folders in pyproject.toml): {sorted(missing)}"
    assert "hashiya_data/resources/models/aqmar-crf.crfsuite" in names  # the point of it all, spelled out


def test_the_metadata_names_every_licence_it_ships(installed):
    with zipfile.ZipFile(installed.wheel) as wheel:
        (metadata_name,) = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
        metadata = HeaderParser().parsestr(wheel.read(metadata_name).decode("utf-8"))
        licence_texts = {n.split("/licenses/", 1)[1] for n in wheel.namelist() if "/licenses/" in n}
    assert metadata["License-Expression"] == LICENCE
    assert set(metadata.get_all("License-File")) == LICENCE_FILES
    assert licence_texts == LICENCE_FILES  # the texts themselves travel with the wheel


def test_the_installed_code_and_data_come_from_the_new_environment(installed, user):
    work, env = user
    probe = (
        "import json, annotator, ui; from annotator.paths import resource_path, seeds_dir; "
        "print(json.dumps([annotator.__file__, ui.__file__, str(resource_path('schema', 'default.toml')), "
        "str(seeds_dir())]))"
    )
    paths = [Path(p) for p in json.loads(run([installed.python, "-c", probe], cwd=work, env=env).stdout)]
    for path in paths:
        assert path.is_relative_to(installed.site_packages), f"{path} is not from the installed wheel"
        assert path.exists()


def test_the_installed_commands_work_from_outside_the_checkout(installed, user):
    work, env = user
    hashiya = installed.hashiya
    help_text = run([hashiya, "--help"], cwd=work, env=env).stdout
    for command in ("init", "import", "preannotate", "export", "open", "--install-desktop"):
        assert command in help_text

    assert "created P.db" in run([hashiya, "init", "P.db"], cwd=work, env=env).stdout
    where = "from annotator.paths import seeds_dir; print(seeds_dir())"
    seeds = Path(run([installed.python, "-c", where], cwd=work, env=env).stdout.strip())
    imported = run([hashiya, "import", "P.db", seeds], cwd=work, env=env).stdout
    assert "1 document(s) added" in imported

    # the shipped gazetteers and CRF model make suggestions
    suggestions = json.loads(run([hashiya, "preannotate", "P.db", "--json"], cwd=work, env=env).stdout)
    sources = {source for s in suggestions for source in s["sources"]}
    assert {"gazetteer", "crf"} <= sources
    assert any(s["text"] == "فلاديمير بوتين" and s["label"] == "PERS" for s in suggestions)

    # accepted as an annotator's spans, they come out as training data
    (doc,) = json.loads(run([hashiya, "docs", "P.db", "--json"], cwd=work, env=env).stdout)
    text = (seeds / f"{doc['name']}.txt").read_text(encoding="utf-8")
    spans, end = [], 0
    for s in sorted(suggestions, key=lambda s: (s["start"], -s["end"])):
        if s["start"] >= end:  # flat: the outermost suggestion wherever they overlap
            spans.append({"start": s["start"], "end": s["end"], "label": s["label"]})
            end = s["end"]
    line = {"name": doc["name"], "text": text, "spans": spans}
    (work / "accepted.jsonl").write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    run([hashiya, "import", "P.db", "accepted.jsonl", "--annotator", "tester"], cwd=work, env=env)
    run([hashiya, "export", "P.db", "--format", "conll", "--out", "train.conll"], cwd=work, env=env)
    rows = [row.split() for row in (work / "train.conll").read_text(encoding="utf-8").splitlines() if row.strip()]
    tagged = [(row[0], row[-1]) for row in rows]
    assert ("فلاديمير", "B-PERS") in tagged and ("بوتين", "I-PERS") in tagged
    assert sum(tag.startswith("B-") for _, tag in tagged) == len(spans)


def test_the_installed_window_opens_a_project(installed, user):
    work, env = user
    run([installed.hashiya, "init", "P.db"], cwd=work, env=env)
    shown = run([installed.hashiya, "open", "P.db"], cwd=work, env={**env, "HASHIYA_EXIT_WHEN_SHOWN": "1"})
    assert "window shown" in shown.stdout


def test_hashiya_alone_builds_the_sample_project_from_the_shipped_articles(installed, user):
    work, env = user
    shown = run([installed.hashiya], cwd=work, env={**env, "HASHIYA_EXIT_WHEN_SHOWN": "1"})
    assert "window shown" in shown.stdout
    (sample,) = Path(env["XDG_DATA_HOME"]).rglob("sample.hashiya")
    stats = run([installed.hashiya, "stats", sample], cwd=work, env=env).stdout
    assert "documents  1" in stats and "tokens     483" in stats


def test_install_desktop_points_the_menu_at_the_installed_command(installed, user):
    work, env = user
    run([installed.hashiya, "--install-desktop"], cwd=work, env=env)
    share = Path(env["XDG_DATA_HOME"])
    entry = (share / "applications" / "hashiya.desktop").read_text(encoding="utf-8")
    assert f"Exec={installed.hashiya} open %f" in entry.splitlines()
    assert (share / "icons" / "hicolor" / "256x256" / "apps" / "hashiya.png").stat().st_size > 0


def test_an_editable_install_of_a_checkout_finds_its_resources_in_the_checkout(installed, tmp_path, user):
    """``make run`` installs the checkout with ``pip install -e``: resources must come from the checkout."""
    work, env = user
    venv = new_venv(tmp_path / "editable")
    pip("--python", venv / "bin" / "python", "install", "--no-deps", "--no-build-isolation", "--no-index",
        "-e", installed.source, cwd=tmp_path)  # fmt: skip
    probe = (
        "import json, hashiya_data.resources as r; from annotator.paths import resource_path, seeds_dir; "
        "print(json.dumps([r.__file__, str(resource_path('schema', 'default.toml')), str(seeds_dir())]))"
    )
    paths = [Path(p) for p in json.loads(run([venv / "bin" / "python", "-c", probe], cwd=work, env=env).stdout)]
    assert paths == [
        installed.source / "resources" / "__init__.py",
        installed.source / "resources" / "schema" / "default.toml",
        installed.source / "seeds",
    ]
    assert "created P.db" in run([venv / "bin" / "hashiya", "init", "P.db"], cwd=work, env=env).stdout
