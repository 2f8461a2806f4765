"""``hashiya grant ADDRESS NAME [--curator]``: give a person their own login on a server project.

Blind annotation is enforced by the server (``annotator/store/postgres/roles.py``): NAME logs in as
the role NAME and sees and changes only their own layer; a curator reads every layer and writes gold."""

from __future__ import annotations

import argparse

from annotator.cli import project_location
from annotator.store import Project


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("grant", help="let an annotator (or --curator) log in to a server project as themselves")
    p.add_argument("project", type=project_location, help="postgresql://OWNER@HOST/DATABASE (run as the owner)")
    p.add_argument("name", help="the annotator's name, which is also their login role")
    p.add_argument("--curator", action="store_true", help="reads every layer, writes only the gold layer")
    p.set_defaults(run=run_grant)


def run_grant(args: argparse.Namespace) -> int:
    with Project.open(args.project) as project:
        done = project.grant(args.name, curator=args.curator)
    role = "curator" if done.curator else "annotator"
    print(f"{done.role} may now work on the project as {role}")
    if done.created:
        print(f"created the login role {done.role} without a password: set one with psql's \\password {done.role},")
        print("or use the server's peer, certificate or GSS authentication; Hashiya never stores one")
    return 0
