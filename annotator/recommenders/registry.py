"""Recommenders by name, built for a project: what ``--recommender`` and the window's menu offer.

Names: ``gazetteer``, ``strings`` (project string matching), ``crf`` (the project's trained
model, else the shipped news model), ``camel`` (camel-tools NER, when its model is installed)
and ``default``: the offline three, plus ``camel`` when its model is found.

Recommenders are built *for* someone (blind annotation, :mod:`annotator.recommenders.blind`):
``strings`` learns from what that annotator may see, ``crf`` uses the model trained for them if
there is one, and whatever learnt from annotations suggests for them alone.

Settings (:class:`RecommenderSettings`) come from the project (``label_maps``: per recommender,
rules that win over the defaults) and from the caller (the camel model folder is a property of
the machine, not of the project: the window keeps it in its own settings; ``crf_model``, a
shipped-style model file used instead of ``news-crf``, is for benchmarks that need a model which
never saw their test articles).

A project model is stacked on the shipped model (:mod:`annotator.recommenders.project_model`):
``crf`` then runs both, the shipped (or ``crf_model``) one first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.errors import HashiyaError
from annotator.recommenders.base import Availability, Recommender
from annotator.recommenders.blind import Viewer, model_name, string_lessons, viewer
from annotator.recommenders.camel_status import camel_model_status
from annotator.recommenders.labels import CAMEL_LABELS, NEWS_LABELS, LabelMap
from annotator.wording import Say, english

if TYPE_CHECKING:
    from annotator.store import Project
    from annotator.store.roster import AnnotatorRef

NAMES = ("gazetteer", "strings", "crf", "camel")
CHOICES = ("default", *NAMES)
OFFLINE = ("gazetteer", "strings", "crf")


@dataclass(frozen=True)
class RecommenderSettings:
    camel_model_dir: str | None = None
    label_maps: dict[str, dict[str, str]] = field(default_factory=dict)
    crf_model: str | None = None  # a model file (``.crfsuite`` + ``.json``) instead of the shipped one

    @classmethod
    def of_project(cls, project: Project, camel_model_dir: str | Path | None = None) -> RecommenderSettings:
        stored = project.recommender_settings() if project is not None else {}
        maps = stored.get("label_maps", {}) if isinstance(stored, dict) else {}
        return cls(str(camel_model_dir) if camel_model_dir else None, dict(maps))

    def label_map(self, name: str, default: dict[str, str] | None = None) -> LabelMap:
        user = LabelMap.of(self.label_maps.get(name, {}))
        return user.then(LabelMap.of(default or {}))


def expand(names: Iterable[str], settings: RecommenderSettings) -> list[str]:
    """Recommender names with ``default`` expanded; duplicates dropped, order kept."""
    out: list[str] = []
    for name in names:
        if name == "default":
            wanted = [*OFFLINE, *(["camel"] if camel_model_status(settings.camel_model_dir).ok else [])]
        elif name in NAMES:
            wanted = [name]
        else:
            raise HashiyaError(f"unknown recommender {name!r} (choose from {', '.join(CHOICES)})")
        out.extend(n for n in wanted if n not in out)
    return out


def availability(
    project: Project, settings: RecommenderSettings, annotator: AnnotatorRef | None = None, say: Say = english
) -> dict[str, Availability]:
    """For menus: which recommenders can run for ``annotator``, and why not (no heavy imports).

    ``say`` words the reasons (:mod:`annotator.wording`): the window shows them in its language.
    """
    strings_ok = project is not None and _has_lessons(project, annotator)
    return {
        "gazetteer": Availability(True),
        "strings": Availability(strings_ok, "" if strings_ok else say("nothing tagged yet that you may learn from")),
        "crf": Availability(True),
        "camel": camel_model_status(settings.camel_model_dir).availability(say),
    }


def _has_lessons(project: Project, annotator: Any) -> bool:
    """Whether string matching working for ``annotator`` has any span to learn from."""
    if not project.has_annotations():
        return False
    return next(iter(project.tagged_texts(viewer(project, annotator).teaches)), None) is not None


def build(
    names: Sequence[str], project: Project, settings: RecommenderSettings, annotator: AnnotatorRef | None = None
) -> list[Recommender]:
    """Recommender objects for ``names`` (expanded), working for ``annotator`` (None: everyone).
    camel is built but not loaded: call ``load``."""
    from annotator.recommenders.gazetteer import GazetteerRecommender, project_gazetteer

    seen = viewer(project, annotator)
    labels = project.schema.label_names
    gazetteer = project_gazetteer(project.path, labels)
    out: list[Recommender] = []
    for name in expand(names, settings):
        if name == "gazetteer":
            out.append(GazetteerRecommender(gazetteer, labels))
        elif name == "strings":
            from annotator.recommenders.strings import StringMatcher, finished_layers

            strings = StringMatcher(*string_lessons(project, seen), checked=finished_layers(project, annotator))
            strings.audience = seen.name
            out.append(strings)
        elif name == "crf":
            out.append(crf_recommender(project, settings, gazetteer, seen))
        elif name == "camel":
            from annotator.recommenders.camel import CamelNER

            mapping = settings.label_map("camel", CAMEL_LABELS)
            out.append(CamelNER(labels, settings.camel_model_dir, mapping))
    return out


def crf_recommender(
    project: Project, settings: RecommenderSettings, gazetteer: Any, seen: Viewer | None = None
) -> Recommender:
    """The CRF trained for the viewer (their own model: its suggestions are theirs), else the one
    trained for everyone (from curated gold), else the shipped news model (``news-crf``: its LOC
    becomes GPE, :data:`~annotator.recommenders.labels.NEWS_LABELS`). A stacked project model
    reads the shipped model's tags (:func:`shipped_crf` is its first stage)."""
    from annotator.recommenders.crf import PROJECT_MODEL, CrfModel, CrfRecommender

    labels = project.schema.label_names
    owners = [seen.name] if seen is not None and seen.name is not None else []
    for owner in [*owners, None]:
        stored = project.load_model(model_name(PROJECT_MODEL, owner))
        if stored is not None:
            model = CrfModel(*stored)
            recommender: Recommender
            if model.info.get("kind") == "stacked":
                from annotator.recommenders.project_model import BaseModel, StackedCrfRecommender

                recommender = StackedCrfRecommender(model, BaseModel(shipped_crf(project, settings, gazetteer)), labels)
            else:
                recommender = CrfRecommender(model, labels, settings.label_map("crf"), gazetteer)
            recommender.audience = owner
            return recommender
    return shipped_crf(project, settings, gazetteer)


def shipped_crf(project: Project, settings: RecommenderSettings, gazetteer: Any) -> Any:
    """The shipped news CRF (or ``settings.crf_model``) in the project's labels: what ``crf`` suggests
    with no project model, and the first stage of a stacked one."""
    from annotator.recommenders.crf import CrfModel, CrfRecommender, default_model

    model = CrfModel.read(Path(settings.crf_model)) if settings.crf_model else default_model()
    return CrfRecommender(model, project.schema.label_names, settings.label_map("crf", NEWS_LABELS), gazetteer)
