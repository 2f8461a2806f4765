"""Where Hashiya's files live: shipped resources, the sample articles, the user's data folder.

``resources/`` and ``seeds/`` sit at the top of a checkout; an installed wheel carries them as the
packages ``hashiya_data.resources`` and ``hashiya_data.seeds`` (``pyproject.toml`` maps them), so
they are found through ``importlib.resources`` wherever Hashiya is installed, editable or not.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent


@cache
def _data_folder(name: str) -> Path:
    """The folder of ``hashiya_data.<name>``, or the checkout's ``<name>/`` when nothing is installed.

    A checkout run without ``pip install`` (``python -m ui.entry`` from the source tree) has no
    ``hashiya_data`` package; its folders are then beside ``annotator/``.
    """
    try:
        folder = files(f"hashiya_data.{name}")
    except ModuleNotFoundError:
        return _ROOT / name
    if not isinstance(folder, Path):  # e.g. a zip import: Qt and crfsuite need real files
        raise RuntimeError(f"hashiya_data.{name} is not a folder on disk ({folder}); install Hashiya unzipped")
    return folder


def resource_path(*parts: str) -> Path:
    """A file under ``resources/`` (fonts, icons, schema, gazetteers, models)."""
    return _data_folder("resources").joinpath(*parts)


def seeds_dir() -> Path:
    """The sample articles that the default project is built from."""
    return _data_folder("seeds")


def user_data_dir() -> Path:
    """Per-user folder for the sample project and settings (e.g. ~/.local/share/Hashiya)."""
    # imported here: every start reads resources, but only the sample project needs this folder
    from platformdirs import user_data_path

    return user_data_path("Hashiya", appauthor=False, ensure_exists=False)


def sample_project_path() -> Path:
    return user_data_dir() / "sample.hashiya"
