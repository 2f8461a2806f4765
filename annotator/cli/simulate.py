"""``simulate``: replay a careful annotator over a CoNLL gold file and price every action."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from annotator.recommenders.registry import CHOICES, RecommenderSettings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "simulate",
        help="replay a careful annotator over gold documents: actions per entity with suggestions",
        description="Imports the gold file's documents (-DOCSTART- boundaries) one by one into an empty "
        "project, runs the recommenders, lets a simulated annotator who knows the gold accept, reject, "
        "relabel, fix and tag, and prices each action (docs/suggestions.md has the cost table).",
    )
    p.add_argument("--conll", type=Path, required=True, metavar="GOLD", help="gold annotations (CoNLL)")
    p.add_argument("--recommender", choices=CHOICES, default="default", help="what suggests (default: default)")
    p.add_argument(
        "--learn-every",
        type=int,
        default=10,
        metavar="N",
        help="retrain the project model every N documents done (0: never; default 10)",
    )
    p.add_argument(
        "--threshold",
        type=float,
        default=0.5,
        help="score at or above which 'accept all' takes a suggestion (default 0.5)",
    )
    p.add_argument(
        "--boundaries",
        choices=["tokens", "exact"],
        default="tokens",
        help="a suggestion is right when it covers the gold entity's whitespace tokens (default; Hashiya leaves "
        "proclitics out) or only at its exact offsets",
    )
    p.add_argument("--block", type=int, default=10, metavar="N", help="documents per line of the report (default 10)")
    p.add_argument("--scheme", choices=["iob1", "iob2", "bioes", "bilou"], help="tagging scheme (default: detect)")
    p.add_argument("--camel-model", type=Path, metavar="DIR", help="camel-tools NER model folder")
    p.add_argument(
        "--crf-model",
        type=Path,
        metavar="FILE",
        help="a CRF model file used instead of the shipped one (e.g. one trained without the gold's documents)",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run_simulate)


def run_simulate(args: argparse.Namespace) -> int:
    from annotator.errors import HashiyaError
    from annotator.simulation import simulate

    if args.learn_every < 0 or args.block < 1:
        raise HashiyaError("--learn-every must be 0 or more and --block at least 1")

    def progress(done: int, total: int, message: str) -> None:
        print(f"\r{message}", end="", file=sys.stderr, flush=True)

    report = simulate(
        args.conll,
        args.recommender,
        RecommenderSettings(
            camel_model_dir=str(args.camel_model) if args.camel_model else None,
            crf_model=str(args.crf_model) if args.crf_model else None,
        ),
        learn_every=args.learn_every,
        threshold=args.threshold,
        boundaries=args.boundaries,
        block=args.block,
        scheme=args.scheme,
        progress=progress if sys.stderr.isatty() else None,
    )
    if sys.stderr.isatty():
        print(file=sys.stderr)
    if args.json:
        json.dump(report.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for line in report.lines():
        print(line)
    return 0
