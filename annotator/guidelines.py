"""Annotation guidelines in the tool: Markdown made safe HTML, real examples, who may edit them.

The guidelines live in the schema (:class:`~annotator.schema.Guideline` per label and relation
type), so they are versioned with it: :func:`set_guideline` stores a new schema version, which
the history shows, and every project file ``distribute`` writes carries them.

- **Safe HTML.** Guideline text is typed by a person and shown in the window and in a printed
  page, so it is escaped first and only a small Markdown subset is turned back into markup
  (headings, lists, paragraphs, bold, italic, code); raw HTML and links stay text. Each block
  gets its own direction from its first strong letter, so an Arabic rule reads right to left
  inside an English guideline and the other way round.
- **Examples from the corpus.** Real occurrences of a label, as right-to-left concordance lines
  (the :mod:`annotator.consistency` KWIC lines): from the gold layer of curated documents, else
  from done documents. Blind annotation (docs/blind.md) holds: an annotator is shown gold of
  curated documents and their own done documents, never another annotator's layer.
- **Who edits.** The lead: the window annotating as ``gold`` (the curator, who already alone
  sees agreement and curation), or an annotator named in the project setting :data:`LEADS_KEY`
  (``hashiya guidelines P --leads NAME,...``). Everyone else reads them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.consistency.context import context
from annotator.consistency.findings import Occurrence
from annotator.consistency.report_html import KWIC_STYLE, kwic_line, label_chip, label_colours
from annotator.model import GOLD, DocStatus
from annotator.schema import Guideline, LabelSchema, RelationType, SpanLabel
from annotator.store.export_queries import document_rows, span_rows, status_values

if TYPE_CHECKING:
    from annotator.store import Change, Project

LEADS_KEY = "guideline_leads"  # project setting: names (besides gold) who may edit the guidelines
EXAMPLES = 6  # concordance lines per label: enough to see the pattern, short enough to print
CONTEXT_WIDTH = 40
# the page's own words in Arabic (the window's are in ui/i18n; the printed page is made without Qt)
ARABIC = {
    "Definition": "التعريف",
    "Include": "ما يُدرج",
    "Exclude": "ما يُستبعد",
    "Hard cases": "حالات صعبة",
    "No guideline yet.": "لا إرشادات بعد.",
    "Examples from the gold layer (curated documents):": "أمثلة من الطبقة الذهبية (المستندات المنقّحة):",
    "Examples from done documents:": "أمثلة من المستندات المنجزة:",
    "schema version {n}": "إصدار المخطط {n}",
}


def say(text: str, language: str) -> str:
    """``text`` in ``language`` (English or Arabic)."""
    return ARABIC.get(text, text) if language == "ar" else text


# -- who edits ---------------------------------------------------------------------------------


def leads(project: Project) -> list[str]:
    """The annotators named as leads in the project's settings (gold is always one)."""
    named = project.recommender_settings().get(LEADS_KEY, [])
    return [str(name) for name in named] if isinstance(named, list) else []


def is_lead(project: Project, annotator: str) -> bool:
    """Whether ``annotator`` may edit the guidelines: the curator (``gold``) or a named lead."""
    return annotator == GOLD or annotator in leads(project)


def set_leads(project: Project, names: Sequence[str]) -> None:
    """Name the leads (the other settings kept); an empty list leaves only the curator."""
    settings = project.recommender_settings()
    project.set_recommender_settings({**settings, LEADS_KEY: sorted({n.strip() for n in names if n.strip()})})


def set_guideline(project: Project, name: str, guideline: Guideline, language: str = "en") -> Change:
    """Store ``guideline`` for label or relation ``name`` as a new schema version (undo-free, logged
    in the schema history as every schema change is)."""
    return project.set_schema(project.schema.with_guideline(name, guideline, language))


# -- Markdown → safe HTML ----------------------------------------------------------------------

_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_BULLET = re.compile(r"^\s*[-*+]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d+[.)]\s+(.*)$")
_INLINE = (
    (re.compile(r"`([^`]+)`"), r"<code>\1</code>"),
    (re.compile(r"\*\*(\S(?:.*?\S)?)\*\*"), r"<b>\1</b>"),
    (re.compile(r"(?<![\w*])\*(\S(?:.*?\S)?)\*(?![\w*])"), r"<i>\1</i>"),
)


def direction(text: str, default: str = "ltr") -> str:
    """``rtl`` or ``ltr``: the direction of the first strong letter of ``text`` (as ``dir="auto"``
    decides, which Qt's rich text does not support)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return default


def _inline(text: str) -> str:
    html = escape(text, quote=False)
    for pattern, replacement in _INLINE:
        html = pattern.sub(replacement, html)
    return html


def markdown_html(text: str, *, heading_level: int = 3, default_dir: str = "ltr") -> str:
    """A Markdown subset as HTML: everything escaped first, so no tag of the text survives."""
    blocks: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []
    list_tag = ""

    def flush() -> None:
        nonlocal list_tag
        if paragraph:
            joined = " ".join(paragraph)
            blocks.append(f'<p dir="{direction(joined, default_dir)}">{_inline(joined)}</p>')
            paragraph.clear()
        if items:
            first = direction(items[0], default_dir)
            body = "".join(f'<li dir="{direction(item, first)}">{_inline(item)}</li>' for item in items)
            blocks.append(f'<{list_tag} dir="{first}">{body}</{list_tag}>')
            items.clear()
            list_tag = ""

    for line in text.splitlines():
        heading, bullet, numbered = _HEADING.match(line), _BULLET.match(line), _NUMBERED.match(line)
        if not line.strip() or heading:
            flush()
        if heading:
            level = min(6, heading_level + len(heading.group(1)) - 1)
            title = heading.group(2).strip()
            blocks.append(f'<h{level} dir="{direction(title, default_dir)}">{_inline(title)}</h{level}>')
        elif bullet or numbered:
            tag = "ul" if bullet else "ol"
            if paragraph or (list_tag and list_tag != tag):
                flush()
            list_tag = tag
            items.append((bullet or numbered).group(1).strip())  # type: ignore[union-attr]
        elif line.strip():
            if items and line.startswith((" ", "\t")):
                items[-1] += " " + line.strip()  # a list item's continuation line
                continue
            if items:
                flush()
            paragraph.append(line.strip())
    flush()
    return "\n".join(blocks)


def guideline_html(guideline: Guideline, *, heading_level: int = 3, language: str = "en") -> str:
    """A guideline's parts, each under its heading (translated headings are the caller's)."""
    default = "rtl" if language == "ar" else "ltr"
    if guideline.empty:
        return ""
    return "\n".join(
        f'<h{heading_level} dir="{default}">{escape(say(heading, language))}</h{heading_level}>\n'
        + markdown_html(text, heading_level=heading_level + 1, default_dir=default)
        for heading, text in guideline.sections()
    )


# -- examples from the corpus --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Examples:
    """Concordance lines of one label and where they come from (``gold`` or ``done``)."""

    label: str
    source: str
    lines: tuple[Occurrence, ...]


def label_examples(project: Project, label: str, *, viewer: str | None = None, limit: int = EXAMPLES) -> Examples:
    """Up to ``limit`` occurrences of ``label``: gold of curated documents, else done documents.

    ``viewer`` is the annotator looking (blind annotation: their own done documents only); None
    is the lead's view (every annotator's done documents).
    """
    names = {a.id: a.name for a in project.annotators()}
    ids = {name: annotator_id for annotator_id, name in names.items()}
    if GOLD in ids:
        found = _occurrences(project, label, ids[GOLD], limit)
        if found:
            return Examples(label, GOLD, tuple(found))
    layers = [ids[viewer]] if viewer is not None and viewer != GOLD and viewer in ids else []
    if viewer is None or viewer == GOLD:
        layers = [annotator_id for annotator_id, name in names.items() if name != GOLD]
    lines: list[Occurrence] = []
    for annotator_id in layers:
        lines += _occurrences(project, label, annotator_id, limit - len(lines), who=names[annotator_id])
        if len(lines) >= limit:
            break
    return Examples(label, "done", tuple(lines))


def _occurrences(project: Project, label: str, annotator_id: str, limit: int, who: str = GOLD) -> list[Occurrence]:
    """The first ``limit`` spans of ``label`` in ``annotator_id``'s done documents (project order),
    as KWIC lines, one per distinct text: six lines of «بوتين» teach less than three names."""
    if limit <= 0:
        return []
    done = {doc for doc, status in status_values(project, annotator_id).items() if status == DocStatus.DONE}
    spans = {doc: rows for doc, rows in span_rows(project, annotator_id).items() if doc in done}
    wanted = [doc for doc, rows in spans.items() if any(row[4] == label for row in rows)]
    lines: list[Occurrence] = []
    seen: set[str] = set()
    for row in document_rows(project, wanted) if wanted else ():
        for _doc, span_id, start, end, span_label in spans[row.id]:
            text = row.text[start:end]
            if span_label != label or text in seen:
                continue
            seen.add(text)
            left, right = context(row.text, start, end, CONTEXT_WIDTH)
            lines.append(Occurrence(row.id, row.name, start, end, text, left, right, label, who, span_id))
            if len(lines) >= limit:
                return lines
    return lines


# -- the printable page --------------------------------------------------------------------------

_PAGE_STYLE = """
.guideline { margin-bottom: 2em; page-break-inside: avoid; }
.guideline h3 { font-size: 1em; margin: 0.8em 0 0.2em; } .guideline h4 { font-size: 0.95em; }
.summary { color: #444; } .source { color: #666; font-size: 0.85em; }
@media print { body { margin: 1cm; } }
"""


def render_page(project: Project, *, title: str, viewer: str | None = None, language: str = "en") -> str:
    """Every label's and relation type's guideline with its examples, as one printable HTML page."""
    schema = project.schema
    colours = label_colours(schema)
    version = say("schema version {n}", language).format(n=project.schema_version)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(language)}" dir="{"rtl" if language == "ar" else "ltr"}"><head><meta charset="utf-8">',
        f"<title>{escape(title)}</title><style>{KWIC_STYLE}{_PAGE_STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="meta">{escape(schema.name)} · {version}</p>',
    ]
    for label in schema.labels:
        examples = label_examples(project, label.name, viewer=viewer)
        parts.append(_item_section(label, language, colours, examples))
    parts += [_item_section(relation, language, colours, None) for relation in schema.relations]
    parts.append("</body></html>")
    return "\n".join(parts)


def _item_section(
    item: SpanLabel | RelationType, language: str, colours: dict[str, str], examples: Examples | None
) -> str:
    heading = label_chip(item.name, colours) if isinstance(item, SpanLabel) else f"<code>{escape(item.name)}</code>"
    description = item.description_ar if isinstance(item, SpanLabel) and language == "ar" else ""
    description = description or item.description
    body = guideline_html(item.guideline_in(language), language=language)
    body = body or f'<p class="meta">{escape(say("No guideline yet.", language))}</p>'
    section = [
        f'<section class="guideline" id="{escape(item.name)}"><h2>{heading} '
        f'<span class="summary" dir="{direction(description)}">{escape(description)}</span></h2>',
        body,
    ]
    if examples is not None and examples.lines:
        section.append(f'<p class="source">{escape(say(examples_caption(examples.source), language))}</p>')
        rows = "\n".join(kwic_line(line, colours) for line in examples.lines)
        section.append(f'<table class="kwic" dir="rtl" lang="ar">\n{rows}\n</table>')
    section.append("</section>")
    return "\n".join(section)


def examples_caption(source: str) -> str:
    """Where examples come from, in words (English; :func:`say` or the window translates it)."""
    if source == GOLD:
        return "Examples from the gold layer (curated documents):"
    return "Examples from done documents:"


def write_page(path: Path, project: Project, *, title: str, language: str = "en") -> None:
    """Write :func:`render_page` to ``path`` (whole or not at all; a file that cannot be written is a user error)."""
    from annotator.exporting.files import atomic_write  # only when a page is saved: not at start-up

    atomic_write(path, render_page(project, title=title, language=language))


def schema_item(schema: LabelSchema, name: str) -> SpanLabel | RelationType | None:
    """The label or relation type called ``name``."""
    return schema.label(name) or schema.relation(name)
