"""The label schema: span labels (colour, hotkey, description) and relation types with endpoint rules.

A schema comes from a TOML or JSON file (``resources/schema/default.toml`` is the default;
docs/schema.md describes the format). Every problem is reported with the exact entry, e.g.
``labels[3] (GPE): hotkey '1' is already used by PERS``.

Labels and relation types carry their annotation guideline (:class:`Guideline`, Markdown, in
English and optionally Arabic) in the schema itself: the schema is versioned in the project, so a
guideline edit is a new schema version the history shows, and it travels with every project file
``distribute`` writes. Schemas without guidelines load as before.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from os import PathLike
from pathlib import Path
from typing import Any

from annotator.errors import SchemaError
from annotator.paths import resource_path

RESERVED_HOTKEYS = frozenset("rnp")  # the window's own keys: relation, next, previous
_LABEL_NAME = re.compile(r"^[^\s,;|=:#]{1,40}$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_GUIDELINE_KEYS = ("guideline", "guideline_ar")


GUIDELINE_SECTIONS = (  # (key, heading): the parts of a guideline, in the order they are shown
    ("definition", "Definition"),
    ("include", "Include"),
    ("exclude", "Exclude"),
    ("hard_cases", "Hard cases"),
)
_HEADINGS = {heading.lower(): key for key, heading in GUIDELINE_SECTIONS}


@dataclass(frozen=True, slots=True)
class Guideline:
    """How to annotate one label or relation type, each part Markdown; all parts optional."""

    definition: str = ""
    include: str = ""
    exclude: str = ""
    hard_cases: str = ""

    @property
    def empty(self) -> bool:
        return not any(self.sections())

    def sections(self) -> list[tuple[str, str]]:
        """``(heading, markdown)`` of the parts that are filled in, in :data:`GUIDELINE_SECTIONS` order."""
        return [(heading, text) for key, heading in GUIDELINE_SECTIONS if (text := getattr(self, key).strip())]

    def summary(self, limit: int = 200) -> str:
        """The definition's first paragraph, plain, for a tooltip (Markdown marks left as typed)."""
        first = self.definition.strip().split("\n\n", 1)[0].replace("\n", " ").strip()
        return first if len(first) <= limit else first[: limit - 1].rstrip() + "…"

    def to_markdown(self) -> str:
        """One Markdown document, a ``##`` heading per part: what ``hashiya guidelines --set`` reads."""
        return "\n\n".join(f"## {heading}\n\n{text}" for heading, text in self.sections()) + "\n"

    @classmethod
    def from_markdown(cls, text: str) -> Guideline:
        """Split a Markdown document at its ``## Definition``/``Include``/``Exclude``/``Hard cases``
        headings; text before any of them (or under another heading) belongs to the part above."""
        parts: dict[str, list[str]] = {key: [] for key, _ in GUIDELINE_SECTIONS}
        current = "definition"
        for line in text.splitlines():
            heading = line.strip().lstrip("#").strip().rstrip(":").lower() if line.startswith("#") else ""
            if heading in _HEADINGS:
                current = _HEADINGS[heading]
            else:
                parts[current].append(line)
        return cls(**{key: "\n".join(lines).strip() for key, lines in parts.items()})

    def to_dict(self) -> dict[str, str]:
        return {key: getattr(self, key) for key, _ in GUIDELINE_SECTIONS if getattr(self, key)}


NO_GUIDELINE = Guideline()


@dataclass(frozen=True, slots=True)
class SpanLabel:
    name: str
    colour: str
    hotkey: str | None = None
    description: str = ""
    description_ar: str = ""
    guideline: Guideline = NO_GUIDELINE
    guideline_ar: Guideline = NO_GUIDELINE

    def guideline_in(self, language: str) -> Guideline:
        """The guideline to show in ``language`` ("ar": the Arabic one where there is one)."""
        return self.guideline_ar if language == "ar" and not self.guideline_ar.empty else self.guideline


@dataclass(frozen=True, slots=True)
class RelationType:
    """``heads``/``tails`` are the labels allowed at each end; undirected types go either way."""

    name: str
    heads: frozenset[str]
    tails: frozenset[str]
    directed: bool = True
    description: str = ""
    guideline: Guideline = NO_GUIDELINE
    guideline_ar: Guideline = NO_GUIDELINE

    def guideline_in(self, language: str) -> Guideline:
        return self.guideline_ar if language == "ar" and not self.guideline_ar.empty else self.guideline

    def allows(self, head_label: str, tail_label: str) -> bool:
        forward = head_label in self.heads and tail_label in self.tails
        if forward or self.directed:
            return forward
        return tail_label in self.heads and head_label in self.tails


@dataclass(frozen=True)
class LabelSchema:
    name: str
    labels: tuple[SpanLabel, ...]
    relations: tuple[RelationType, ...] = field(default=())

    @cached_property
    def _by_name(self) -> dict[str, SpanLabel]:
        return {label.name: label for label in self.labels}

    @cached_property
    def _by_hotkey(self) -> dict[str, SpanLabel]:
        return {label.hotkey.lower(): label for label in self.labels if label.hotkey}

    @property
    def label_names(self) -> list[str]:
        return [label.name for label in self.labels]

    def label(self, name: str) -> SpanLabel | None:
        return self._by_name.get(name)

    def label_for_hotkey(self, key: str) -> SpanLabel | None:
        return self._by_hotkey.get(key.lower())

    def relation(self, name: str) -> RelationType | None:
        return next((r for r in self.relations if r.name == name), None)

    def relation_types_for(self, head_label: str, tail_label: str) -> list[RelationType]:
        """The relation types the schema allows from a ``head_label`` span to a ``tail_label`` span."""
        return [r for r in self.relations if r.allows(head_label, tail_label)]

    def with_labels(self, names: Iterable[str]) -> LabelSchema:
        """A copy with extra labels (grey, no hotkey) for names it lacks, e.g. from imported data."""
        extra = [SpanLabel(n, "#8C8C8C") for n in dict.fromkeys(names) if n not in self._by_name]
        if not extra:
            return self
        return LabelSchema(self.name, self.labels + tuple(extra), self.relations)

    def with_guideline(self, name: str, guideline: Guideline, language: str = "en") -> LabelSchema:
        """A copy where label or relation type ``name`` has ``guideline`` (the Arabic one for "ar")."""
        field_name = "guideline_ar" if language == "ar" else "guideline"
        if name in self._by_name:
            labels = tuple(replace(lb, **{field_name: guideline}) if lb.name == name else lb for lb in self.labels)
            return LabelSchema(self.name, labels, self.relations)
        if self.relation(name) is None:
            raise SchemaError(f"no label or relation type named {name!r} in the schema")
        relations = tuple(replace(r, **{field_name: guideline}) if r.name == name else r for r in self.relations)
        return LabelSchema(self.name, self.labels, relations)

    def to_dict(self) -> dict[str, Any]:
        labels = []
        for label in self.labels:
            entry: dict[str, Any] = {"name": label.name, "colour": label.colour}
            if label.hotkey:
                entry["hotkey"] = label.hotkey
            if label.description:
                entry["description"] = label.description
            if label.description_ar:
                entry["description_ar"] = label.description_ar
            labels.append(entry | _guidelines_dict(label))
        relations = [
            {
                "name": r.name,
                "head": sorted(r.heads),
                "tail": sorted(r.tails),
                "directed": r.directed,
                **({"description": r.description} if r.description else {}),
                **_guidelines_dict(r),
            }
            for r in self.relations
        ]
        return {"name": self.name, "labels": labels, "relations": relations}

    @classmethod
    def from_dict(cls, data: Any, source: str = "schema") -> LabelSchema:
        return _Parser(source).schema(data)


def _guidelines_dict(item: SpanLabel | RelationType) -> dict[str, Any]:
    """The ``guideline``/``guideline_ar`` entries of a label or relation, only those filled in
    (a schema without guidelines is stored exactly as before)."""
    return {key: value.to_dict() for key in ("guideline", "guideline_ar") if not (value := getattr(item, key)).empty}


def load_schema(path: str | PathLike[str]) -> LabelSchema:
    """Read a schema from a ``.toml`` or ``.json`` file, or raise :class:`SchemaError`."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SchemaError(f"{path}: cannot read schema file: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SchemaError(f"{path}: schema file is not UTF-8 (byte {exc.start})") from None
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise SchemaError(f"{path}:{exc.lineno}: invalid JSON: {exc.msg}") from None
    else:
        import tomllib  # only files are TOML: the window's start never parses one (with datetime, ~3 ms)

        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise SchemaError(f"{path}: invalid TOML: {exc}") from None
    return LabelSchema.from_dict(data, str(path))


def default_schema() -> LabelSchema:
    return load_schema(resource_path("schema", "default.toml"))


class _Parser:
    """Validation with messages that point at the entry: ``labels[2] (ORG): ...``."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, message: str) -> SchemaError:
        return SchemaError(f"{self.source}: {where}: {message}")

    def schema(self, data: Any) -> LabelSchema:
        if not isinstance(data, Mapping):
            raise SchemaError(f"{self.source}: a schema is a table/object with 'labels' and 'relations'")
        self.no_unknown_keys(data, {"name", "labels", "relations"}, "schema")
        name = data.get("name", "custom")
        if not isinstance(name, str):
            raise self.fail("name", "must be a string")
        raw_labels = data.get("labels")
        if not isinstance(raw_labels, list) or not raw_labels:
            raise self.fail("labels", "must be a non-empty list of labels")
        labels = self.labels(raw_labels)
        raw_relations = data.get("relations", [])
        if not isinstance(raw_relations, list):
            raise self.fail("relations", "must be a list")
        relations = self.relations(raw_relations, {label.name for label in labels})
        return LabelSchema(name, tuple(labels), tuple(relations))

    def labels(self, raw: list[Any]) -> list[SpanLabel]:
        labels: list[SpanLabel] = []
        names: dict[str, int] = {}
        hotkeys: dict[str, str] = {}
        for i, entry in enumerate(raw):
            where = f"labels[{i}]"
            if not isinstance(entry, Mapping):
                raise self.fail(where, "must be a table/object")
            allowed = {"name", "colour", "color", "hotkey", "description", "description_ar", *_GUIDELINE_KEYS}
            self.no_unknown_keys(entry, allowed, where)
            name = entry.get("name")
            if not isinstance(name, str) or not _LABEL_NAME.match(name):
                raise self.fail(where, f"name {name!r} must be 1–40 characters without spaces or , ; | = : #")
            where = f"labels[{i}] ({name})"
            if name in names:
                raise self.fail(where, f"duplicate label name (also labels[{names[name]}])")
            names[name] = i
            colour = entry.get("colour", entry.get("color"))
            if not isinstance(colour, str) or not _COLOUR.match(colour):
                raise self.fail(where, f"colour {colour!r} must look like #RRGGBB")
            hotkey = entry.get("hotkey")
            if hotkey is not None:
                hotkey = str(hotkey) if isinstance(hotkey, int) else hotkey
                if not isinstance(hotkey, str) or len(hotkey) != 1 or not hotkey.isalnum():
                    raise self.fail(where, f"hotkey {hotkey!r} must be one letter or digit")
                if hotkey.lower() in RESERVED_HOTKEYS:
                    raise self.fail(where, f"hotkey {hotkey!r} is reserved (R, N, P are the window's keys)")
                if hotkey.lower() in hotkeys:
                    raise self.fail(where, f"hotkey {hotkey!r} is already used by {hotkeys[hotkey.lower()]}")
                hotkeys[hotkey.lower()] = name
            description = self.text(entry, "description", where)
            description_ar = self.text(entry, "description_ar", where)
            labels.append(
                SpanLabel(name, colour.upper(), hotkey, description, description_ar, *self.guidelines(entry, where))
            )
        return labels

    def relations(self, raw: list[Any], label_names: set[str]) -> list[RelationType]:
        relations: list[RelationType] = []
        seen: set[str] = set()
        for i, entry in enumerate(raw):
            where = f"relations[{i}]"
            if not isinstance(entry, Mapping):
                raise self.fail(where, "must be a table/object")
            self.no_unknown_keys(entry, {"name", "head", "tail", "directed", "description", *_GUIDELINE_KEYS}, where)
            name = entry.get("name")
            if not isinstance(name, str) or not _LABEL_NAME.match(name):
                raise self.fail(where, f"name {name!r} must be 1–40 characters without spaces or , ; | = : #")
            where = f"relations[{i}] ({name})"
            if name in seen:
                raise self.fail(where, "duplicate relation name")
            seen.add(name)
            ends = [self.endpoints(entry.get(key), key, where, label_names) for key in ("head", "tail")]
            directed = entry.get("directed", True)
            if not isinstance(directed, bool):
                raise self.fail(where, "directed must be true or false")
            description = self.text(entry, "description", where)
            relations.append(
                RelationType(name, ends[0], ends[1], directed, description, *self.guidelines(entry, where))
            )
        return relations

    def endpoints(self, value: Any, key: str, where: str, label_names: set[str]) -> frozenset[str]:
        if value == "*":
            return frozenset(label_names)
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            raise self.fail(where, f'{key} must be a label name, a list of label names, or "*"')
        unknown = [v for v in value if v not in label_names]
        if unknown:
            raise self.fail(where, f"{key} names unknown label(s): {', '.join(unknown)}")
        return frozenset(value)

    def guidelines(self, entry: Mapping[str, Any], where: str) -> tuple[Guideline, Guideline]:
        """``guideline`` and ``guideline_ar``: a table of Markdown parts, or one Markdown string
        (split at its ``##`` headings, :meth:`Guideline.from_markdown`)."""
        found = []
        for key in _GUIDELINE_KEYS:
            value = entry.get(key, {})
            if isinstance(value, str):
                found.append(Guideline.from_markdown(value))
                continue
            if not isinstance(value, Mapping):
                raise self.fail(where, f"{key} must be a table of Markdown texts or one Markdown text")
            self.no_unknown_keys(value, {k for k, _ in GUIDELINE_SECTIONS}, f"{where}: {key}")
            found.append(Guideline(**{k: self.text(value, k, f"{where}: {key}") for k, _ in GUIDELINE_SECTIONS}))
        return found[0], found[1]

    def text(self, entry: Mapping[str, Any], key: str, where: str) -> str:
        value = entry.get(key, "")
        if not isinstance(value, str):
            raise self.fail(where, f"{key} must be a string")
        return value

    def no_unknown_keys(self, entry: Mapping[str, Any], allowed: set[str], where: str) -> None:
        unknown = sorted(set(entry) - allowed)
        if unknown:
            raise self.fail(
                where, f"unknown key(s) {', '.join(map(repr, unknown))}; allowed: {', '.join(sorted(allowed))}"
            )
