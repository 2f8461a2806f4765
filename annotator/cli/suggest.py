"""``preannotate``, ``evaluate`` and ``train``: recommenders from the command line.

- ``hashiya preannotate PROJECT [--recommender NAME ...] [--json]`` stores suggestions for every
  document (or ``--document NAME``) and prints a summary, or, with ``--json``, one object per
  suggested span: ``{"document", "start", "end", "label", "text", "source", "score"}`` (plus
  ``document_id`` and every ``sources``).
- ``hashiya evaluate --recommender NAME --conll FILE [--boundaries exact|tokens] [--map-gold SRC=DST,...]
  [--json]`` scores a recommender against a CoNLL gold file: the label mapping, precision, recall and
  F1 (micro and per label) at exact and token boundaries, a confusion table, the most frequent misses
  and false alarms, and each member of a combination alone (docs/recommenders.md).
- ``hashiya train PROJECT`` trains the project's CRF on documents marked done, prints
  cross-validated scores per label and keeps the model in the project file.

Annotation is blind (docs/blind.md): ``preannotate`` and ``train`` work for one annotator
(``--annotator NAME``; by default the project's only annotator, else everyone): learning
recommenders learn from that annotator's layer and curated gold, and what they learnt is theirs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from annotator.cli import project_location
from annotator.errors import HashiyaError
from annotator.model import DocStatus
from annotator.policies import default_annotator
from annotator.recommenders.registry import CHOICES, RecommenderSettings, build
from annotator.recommenders.runner import run_recommenders
from annotator.store import Project

FOR_WHOM = (
    "work for this annotator: learn from their spans and curated gold, keep what is learnt for them "
    "(gold: the curator, every layer; default: the project's only annotator, else everyone: curated gold only)"
)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("preannotate", help="suggest entities in a project's documents")
    p.add_argument("project", type=project_location)
    _recommender_options(p, multiple=True)
    p.add_argument("--document", action="append", metavar="NAME", help="only this document (name or id; repeatable)")
    p.add_argument("--annotator", help=FOR_WHOM)
    p.add_argument("--json", action="store_true", help="print the suggestions as JSON")
    p.set_defaults(run=run_preannotate)

    p = sub.add_parser("evaluate", help="score a recommender against a CoNLL gold file")
    _recommender_options(p, multiple=False)
    p.add_argument("--conll", type=Path, required=True, metavar="FILE", help="gold annotations (CoNLL)")
    p.add_argument("--scheme", choices=["iob1", "iob2", "bioes", "bilou"], help="tagging scheme (default: detect)")
    p.add_argument("--project", type=project_location, help="use this project's schema, annotations and trained model")
    p.add_argument(
        "--boundaries",
        choices=["exact", "tokens"],
        default="exact",
        help="the headline score: exact offsets (default), or both sides widened to whole whitespace tokens "
        "(both are always reported)",
    )
    p.add_argument(
        "--map-gold",
        metavar="SRC=DST,...",
        help="map predicted labels onto gold labels, before the defaults (e.g. FAC=LOC,NORP=MISC; "
        "an empty DST leaves a label unmapped: counted apart, not as false alarms)",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run_evaluate)

    p = sub.add_parser("train", help="train the project's CRF on its finished documents")
    p.add_argument("project", type=project_location)
    p.add_argument("--annotator", help=FOR_WHOM)
    p.add_argument("--include-in-progress", action="store_true", help="also learn from documents in progress")
    p.add_argument("--folds", type=int, default=5, help="cross-validation folds (by document; default 5)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run_train)


def _recommender_options(p: argparse.ArgumentParser, *, multiple: bool) -> None:
    p.add_argument(
        "--recommender",
        action="append" if multiple else "store",
        choices=CHOICES,
        required=not multiple,
        help="default: gazetteer, strings, crf (+ camel when its model is installed)",
    )
    p.add_argument("--camel-model", type=Path, metavar="DIR", help="camel-tools NER model folder")
    p.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="NAME:SRC=DST,...",
        help="label mapping for one recommender, e.g. camel:LOC=LOC,MISC= (empty DST drops the label)",
    )


def _settings(args: argparse.Namespace, project: Project | None) -> RecommenderSettings:
    settings = RecommenderSettings.of_project(project, args.camel_model)
    for item in args.map:
        name, sep, rules = item.partition(":")
        if not sep or not name:
            raise HashiyaError(f"--map {item!r} must look like NAME:SRC=DST,... (e.g. camel:LOC=LOC)")
        from annotator.recommenders.labels import LabelMap

        settings.label_maps[name] = {**settings.label_maps.get(name, {}), **LabelMap.parse(rules).to_dict()}
    return settings


def _progress(enabled: bool):
    def report(done: int, total: int, message: str) -> None:
        print(f"\r{message} [{done}/{total}]" + " " * 10, end="", file=sys.stderr, flush=True)

    return report if enabled else None


def run_preannotate(args: argparse.Namespace) -> int:
    with Project.open(args.project) as project:
        settings = _settings(args, project)
        names = args.recommender or ["default"]
        annotator = default_annotator(project, args.annotator)
        recommenders = build(names, project, settings, annotator)
        ids = project.resolve_documents(args.document) if args.document else None
        report = run_recommenders(
            project, recommenders, ids, progress=_progress(sys.stderr.isatty()), lift_for=annotator
        )
        if sys.stderr.isatty():
            print(file=sys.stderr)
        if args.json:
            json.dump(_rows(project, report.document_ids, annotator), sys.stdout, ensure_ascii=False, indent=2)
            print()
        else:
            print(f"for {annotator}" if annotator else "for everyone (learning from curated gold only)")
            for line in report.summary_lines():
                print(line)
    return 0


def _rows(project: Project, document_ids: list[str], annotator: str | None) -> list[dict[str, Any]]:
    """Every suggestion ``annotator`` may see (decided ones too), one row per span and label."""
    rows = []
    for document_id in document_ids:
        document = project.document(document_id)
        for s in project.suggestions(document_id, annotator, include_decided=True):
            rows.append(
                {
                    "document": document.name,
                    "start": s.start,
                    "end": s.end,
                    "label": s.label,
                    "text": s.text_in(document.text),
                    "source": s.sources[0],
                    "score": s.score,
                    "document_id": document_id,
                    "sources": list(s.sources),
                }
            )
    return rows


def run_evaluate(args: argparse.Namespace) -> int:
    from annotator.recommenders.conll_evaluation import evaluate_on_conll
    from annotator.recommenders.evaluation_text import report_lines

    options = {"scheme": args.scheme, "boundaries": args.boundaries, "map_gold": args.map_gold}
    if args.project is not None:
        with Project.open(args.project) as project:
            settings = _settings(args, project)
            result = evaluate_on_conll(args.conll, args.recommender, project, settings, **options)
    else:
        settings = _settings(args, None)
        result = evaluate_on_conll(args.conll, args.recommender, None, settings, **options)
    if args.json:
        json.dump(result.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for line in report_lines(result):
        print(line)
    return 0


def run_train(args: argparse.Namespace) -> int:
    from annotator.recommenders.crf_training import save_project_model, train_project_model
    from annotator.recommenders.gazetteer import project_gazetteer

    statuses = [DocStatus.DONE] + ([DocStatus.IN_PROGRESS] if args.include_in_progress else [])
    with Project.open(args.project) as project:
        gazetteer = project_gazetteer(project.path, project.schema.label_names)
        report = train_project_model(
            project,
            gazetteer,
            statuses=statuses,
            annotator=default_annotator(project, args.annotator),
            folds=args.folds,
            progress=_progress(sys.stderr.isatty()),
        )
        if sys.stderr.isatty():
            print(file=sys.stderr)
        save_project_model(project, report)
    if args.json:
        json.dump(report.summary(), sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    print(f"trained on {report.documents} document(s), {report.sentences} sentences, {report.tokens} tokens")
    if report.cross_validation is None:
        print("cross-validation needs at least two documents")
    else:
        print(f"cross-validated ({min(args.folds, report.documents)} folds by document):")
        for line in report.cross_validation.table():
            print(line)
    whose = f"{report.owner}'s" if report.owner else "everyone's"
    print(f"saved in {args.project}; {whose} crf suggestions now use it")
    return 0
