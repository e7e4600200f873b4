"""python -m warehouse build [--peildatum YYYY-MM-DD] [--target duckdb|postgres]
   | refresh [FILE ...] [--peildatum YYYY-MM-DD] [--wacht S] [--json]
   | query "SQL" [--format csv|json|table] | snapshot [--verify ID | --list]
   | backup DIR | restore DIR [--controle]"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from core import fmt
from core.lock import LockBusy
from warehouse import backup as backup_
from warehouse import refresh, snapshot
from warehouse.build import TARGETS, build
from warehouse.query import MAX_ROWS, QueryRefused, run_query


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"geen geldige datum '{text}' (verwacht JJJJ-MM-DD)"
        ) from None


def _backup_or_restore(args: argparse.Namespace) -> int:
    try:
        if args.command == "backup":
            result = backup_.backup(args.map)
        else:
            result = backup_.restore(args.map, check_only=args.controle)
    except LockBusy as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 3
    except backup_.BackupFout as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 1
    for warning in result.waarschuwingen:
        print(f"Let op: {warning}", file=sys.stderr)
    seconds = fmt.seconds(result.seconden)
    summary = f"{result.bestanden} bestanden, {result.omvang()}, {seconds} s"
    peildatum = backup_.describe(result.peildatum)
    if args.command == "backup":
        print(f"Backup gemaakt: {result.map} ({summary}).")
    elif args.controle:
        print(f"Backup in orde: {result.map} ({summary}); er is niets geschreven.")
    else:
        again = "python -m warehouse build" + (
            f" --peildatum {result.peildatum}" if result.peildatum else ""
        )
        print(f"Hersteld in {result.map} ({summary}). Bouw nu het warehouse: {again}"
              + (f" (de peildatum van de backup: {peildatum})." if peildatum else "."))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m warehouse")
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="bouw en publiceer het warehouse")
    build_cmd.add_argument("--peildatum", type=_date, help="peildatum (standaard vandaag)")
    build_cmd.add_argument(
        "--target", choices=TARGETS,
        help="waar dbt draait: duckdb of postgres (server uit PGHOST/PGPORT/PGUSER/PGPASSWORD/"
        "PGDATABASE); standaard VTH_BUILD_TARGET, anders duckdb. Gepubliceerd wordt altijd "
        "vth.duckdb",
    )
    query_cmd = commands.add_parser("query", help="één alleen-lezen query op het warehouse")
    query_cmd.add_argument("sql")
    query_cmd.add_argument("--format", choices=("csv", "json", "table"), default="table")
    query_cmd.add_argument("--max-rijen", type=int, default=MAX_ROWS)
    backup_cmd = commands.add_parser(
        "backup", help="kopieer alles wat een build niet opnieuw kan maken naar een nieuwe map"
    )
    backup_cmd.add_argument("map", type=Path, help="nieuwe (of lege) map voor de backup")
    restore_cmd = commands.add_parser(
        "restore", help="zet een backup terug in een lege datamap ($VTH_DATA_DIR)"
    )
    restore_cmd.add_argument("map", type=Path, help="de map van de backup")
    restore_cmd.add_argument(
        "--controle", action="store_true", help="controleer de backup alleen; schrijf niets"
    )
    snapshot.add_arguments(commands.add_parser("snapshot", help="citeerbare momentopname"))
    refresh.add_arguments(commands.add_parser(
        "refresh", help="laad leveringen en bouw en publiceer het warehouse (één keer bezet)"
    ))
    args = parser.parse_args(argv)

    if args.command in ("backup", "restore"):
        return _backup_or_restore(args)
    if args.command == "snapshot":
        return snapshot.main(args)
    if args.command == "refresh":
        return refresh.main(args)

    if args.command == "build":
        try:
            result = build(args.peildatum, target=args.target)
        except LockBusy as exc:
            print(f"Fout: {exc}", file=sys.stderr)
            return 3
        except ValueError as exc:  # VTH_BUILD_TARGET names no target
            print(f"Fout: {exc}", file=sys.stderr)
            return 2
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
