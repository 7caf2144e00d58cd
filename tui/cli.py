"""The `sendoff` command line. Arguments are parsed before anything heavy is imported:
only the bare `sendoff` (the app) imports textual."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sendoff",
        description="Say goodbye to a client well: close, finish, hand over, interview, stay in touch.",
    )
    parser.add_argument("--db", metavar="PATH", help="data file (default: $SENDOFF_DB or your data folder)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser("demo", help="write a realistic demo data set")
    demo.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS)
    demo.add_argument("--clients", type=int, default=12, metavar="N", help="how many clients (default 12)")
    demo.add_argument("--seed", type=int, default=1, metavar="S", help="random seed (default 1)")
    demo.add_argument("--force", action="store_true", help="replace a file that already holds clients")

    check = commands.add_parser("check", help="validate a data file")
    check.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS)

    export_handover = commands.add_parser(
        "export-handover", help="write a client's handover manifest as Markdown"
    )
    export_handover.add_argument("client", metavar="CLIENT", help="client name (or its start)")
    export_handover.add_argument("-o", "--output", metavar="FILE",
                                 help="file to write (default: print to stdout)")
    export_handover.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS)
    export_handover.add_argument("--force", action="store_true", help="replace an existing FILE")
    return parser


def _fail(message: str) -> int:
    print(f"sendoff: {message}", file=sys.stderr)
    return 1


def _demo(path: Path, args: argparse.Namespace) -> int:
    from storage.demo import write_demo

    if args.clients < 1:
        return _fail("--clients must be at least 1")
    count = write_demo(path, clients=args.clients, seed=args.seed, force=args.force)
    print(f"Wrote {count} demo clients to {path}")
    return 0


def _check(path: Path) -> int:
    from storage.check import check_file

    report = check_file(path)
    print(report.summary())
    return 0 if report.ok else 1


def _export_handover(path: Path, args: argparse.Namespace) -> int:
    from storage.clock import today
    from storage.manifest import handover_manifest, write_manifest
    from storage.repository import Repository

    with Repository(path, writable=False) as repo:
        client = repo.find_client(args.client)
    if args.output is None:
        print(handover_manifest(client, today()), end="")
        return 0
    output = Path(args.output)
    try:
        write_manifest(client, output, today(), overwrite=args.force)
    except FileExistsError:
        return _fail(f"{output} already exists; nothing was written (use --force to replace it)")
    except OSError as error:
        return _fail(f"could not write {output}: {error.strerror or error}")
    print(f"Wrote the handover manifest for {client.name} to {output}")
    return 0


def _open_app(path: Path) -> int:
    from tui.app import run_app

    return run_app(path)


def main(argv: list[str] | None = None) -> int:
    from storage.errors import SendoffError
    from storage.paths import resolve_db_path

    args = _parser().parse_args(argv)
    try:
        path = resolve_db_path(args.db)
        if args.command == "demo":
            return _demo(path, args)
        if args.command == "check":
            return _check(path)
        if args.command == "export-handover":
            return _export_handover(path, args)
        return _open_app(path)
    except SendoffError as error:
        return _fail(str(error))


if __name__ == "__main__":
    sys.exit(main())
