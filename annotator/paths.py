"""Where Hashiya's files live: shipped resources, the sample articles, the user's data folder."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_path

_ROOT = Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    """A file under ``resources/`` (fonts, icons, schema, gazetteers, models)."""
    return _ROOT.joinpath("resources", *parts)


def seeds_dir() -> Path:
    """The sample articles that the default project is built from."""
    return _ROOT / "seeds"


def user_data_dir() -> Path:
    """Per-user folder for the sample project and settings (e.g. ~/.local/share/Hashiya)."""
    return user_data_path("Hashiya", appauthor=False, ensure_exists=False)


def sample_project_path() -> Path:
    return user_data_dir() / "sample.hashiya"
