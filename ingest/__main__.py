"""python -m ingest PATH [PATH ...] [--soort KIND] [--controle]: load deliveries into the landing
database, or with --controle only say what a load would do (data contract v2)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from core.lock import LockBusy
from ingest.load import load_paths
from ingest.schema import KINDS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ingest",
        description="Laad leveringen (.csv/.xlsx) in de landingsdatabase onder $VTH_DATA_DIR.",
    )
    parser.add_argument("paden", nargs="+", type=Path, help="bestanden of mappen met leveringen")
    parser.add_argument("--soort", choices=sorted(KINDS), help="soort afdwingen i.p.v. herkennen")
    parser.add_argument(
        "--controle",
        action="store_true",
        help="alleen controleren: toon wat een lading zou doen, schrijf niets in $VTH_DATA_DIR",
    )
    args = parser.parse_args(argv)
    if args.controle:
        return _controle(args.paden, args.soort)
    try:
        outcomes = load_paths(args.paden, args.soort)
    except LockBusy as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 3
    for outcome in outcomes:
        stream = sys.stderr if outcome.resultaat == "mislukt" else sys.stdout
        print(outcome.line(), file=stream)
    if not outcomes:
        print("Geen ondersteunde bestanden gevonden (.csv, .xlsx).", file=sys.stderr)
        return 1
    return 1 if any(o.resultaat == "mislukt" for o in outcomes) else 0


def _controle(paden: list[Path], soort: str | None) -> int:
    """Exit codes as for a load: 0 every file readable, 1 a file a load could not read (or no
    file at all), 3 the landing database is busy."""
    from ingest.controle import controleer

    try:
        checks = controleer(paden, soort)
    except LockBusy as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 3
    for check in checks:
        stream = sys.stderr if check.resultaat == "mislukt" else sys.stdout
        print("\n".join(check.regels()), file=stream)
    if not checks:
        print("Geen ondersteunde bestanden gevonden (.csv, .xlsx).", file=sys.stderr)
        return 1
    return 1 if any(c.resultaat == "mislukt" for c in checks) else 0


if __name__ == "__main__":
    sys.exit(main())
