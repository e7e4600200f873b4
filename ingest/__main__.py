"""python -m ingest PATH [PATH ...] [--soort KIND]: load deliveries into the landing database."""

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
    args = parser.parse_args(argv)
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


if __name__ == "__main__":
    sys.exit(main())
