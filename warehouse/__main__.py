"""python -m warehouse build [--peildatum YYYY-MM-DD] | query "SQL" [--format csv|json|table]
| snapshot [--verify ID | --list]"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from ingest.settings import LockBusy
from warehouse import snapshot
from warehouse.build import build
from warehouse.query import MAX_ROWS, QueryRefused, run_query


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"geen geldige datum '{text}' (verwacht JJJJ-MM-DD)"
        ) from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m warehouse")
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="bouw en publiceer het warehouse")
    build_cmd.add_argument("--peildatum", type=_date, help="peildatum (standaard vandaag)")
    query_cmd = commands.add_parser("query", help="één alleen-lezen query op het warehouse")
    query_cmd.add_argument("sql")
    query_cmd.add_argument("--format", choices=("csv", "json", "table"), default="table")
    query_cmd.add_argument("--max-rijen", type=int, default=MAX_ROWS)
    snapshot.add_arguments(commands.add_parser("snapshot", help="citeerbare momentopname"))
    args = parser.parse_args(argv)

    if args.command == "snapshot":
        return snapshot.main(args)

    if args.command == "build":
        try:
            result = build(args.peildatum)
        except LockBusy as exc:
            print(f"Fout: {exc}", file=sys.stderr)
            return 3
        print(result.message, file=sys.stdout if result.ok else sys.stderr)
        return 0 if result.ok else 1

    try:
        result = run_query(args.sql, max_rows=args.max_rijen)
    except QueryRefused as exc:
        print(f"Geweigerd: {exc}", file=sys.stderr)
        return 2
    if args.format == "csv":
        sys.stdout.write(result.frame.write_csv())
    elif args.format == "json":
        sys.stdout.write(result.frame.write_json() + "\n")
    else:
        import polars as pl

        with pl.Config(tbl_rows=50, tbl_cols=20, fmt_str_lengths=60):
            print(result.frame)
    if result.truncated:
        print(f"Let op: resultaat afgekapt op {args.max_rijen} rijen.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
