"""Refresh: load deliveries, then build and publish the warehouse, under one hold of the lock.

``refresh(files)`` is the one Streamlit-free path from a delivered file to a published
warehouse: every file is loaded as ``python -m ingest`` loads it (read, validated and written by
its own worker process, archived, audited), and when any file changed the landing, the warehouse
is built and published as ``python -m warehouse build`` does. Without files it is a rebuild
(e.g. with another peildatum). The data directory's lock is held from the first load to the
publish, so no other load or build comes in between.

The dashboard runs it as a separate process (``python -m warehouse refresh --json``), so the
server never imports the pipeline and a load or build can never take the server's memory; later
features (a scheduled load, a report that needs fresh data) call the same command.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from core import lock
from core.lock import LockBusy
from ingest.load import Outcome, load_files
from warehouse.build import BuildResult, build_locked

CHANGED = ("geladen", "vervangen")  # results that change the landing, so the warehouse too


@dataclass
class Refresh:
    outcomes: list[Outcome] = field(default_factory=list)
    build: BuildResult | None = None  # None: nothing changed, or busy before the build
    busy: str | None = None  # the Dutch "bezet" message when the lock or the landing was held

    @property
    def ok(self) -> bool:
        failed = any(o.resultaat == "mislukt" for o in self.outcomes)
        return self.busy is None and not failed and (self.build is None or self.build.ok)

    def as_dict(self) -> dict:
        """What ``--json`` prints: the outcomes with their rejected rows, and the build."""
        return {
            "ladingen": [
                {**o.as_dict(), "regel": o.line(),
                 "quarantaine": o.quarantaine.to_dicts() if o.quarantaine is not None else []}
                for o in self.outcomes
            ],
            "bouw": None if self.build is None else {
                "ok": self.build.ok,
                "peildatum": self.build.peildatum.isoformat(),
                "seconden": self.build.seconds,
                "melding": self.build.message,
                "fouten": self.build.failures,
            },
            "bezet": self.busy,
        }


def refresh(
    files: list[Path],
    peildatum: date | None = None,
    lock_wait: float | None = None,
    with_quarantine: bool = True,
) -> Refresh:
    """Load ``files`` (one outcome each, in order) and, when one changed the landing or no
    files were given, build and publish. A busy data directory or landing database stops the
    rest and is reported in ``busy`` (nothing after it is loaded or built)."""
    result = Refresh()
    try:
        with lock.exclusive("een verversing (python -m warehouse refresh)", lock_wait):
            for path in files:
                result.outcomes += load_files([path], lock_wait=lock_wait,
                                              with_quarantine=with_quarantine)
            if not files or any(o.resultaat in CHANGED for o in result.outcomes):
                result.build = build_locked(peildatum, lock_wait)
    except LockBusy as exc:
        result.busy = str(exc)
    return result


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("bestanden", nargs="*", type=Path, help="leveringen; geen: alleen bouwen")
    parser.add_argument("--peildatum", type=date.fromisoformat, help="peildatum (JJJJ-MM-DD)")
    parser.add_argument("--wacht", type=float, help="seconden wachten op een lading of build")
    parser.add_argument("--json", action="store_true", help="uitkomst als JSON (dashboard)")


def main(args: argparse.Namespace) -> int:
    """Exit 0 when everything loaded and published, 1 when a file or the build failed, 3 busy."""
    result = refresh(args.bestanden, args.peildatum, args.wacht, with_quarantine=args.json)
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, default=str))
    else:
        for outcome in result.outcomes:
            stream = sys.stderr if outcome.resultaat == "mislukt" else sys.stdout
            print(outcome.line(), file=stream)
        if result.build is not None:
            print(result.build.message, file=sys.stdout if result.build.ok else sys.stderr)
        if result.busy:
            print(f"Fout: {result.busy}", file=sys.stderr)
    if result.busy:
        return 3
    return 0 if result.ok else 1
