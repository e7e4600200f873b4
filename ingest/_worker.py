"""The ingest worker: reads, validates and loads ONE delivery, then exits.

Started by ``ingest.load`` as ``python -m ingest._worker`` for every file, from the command line
and from the dashboard upload alike; reads a JSON request on stdin and writes one JSON line on
stdout (the load's outcome, {"mislukt": reason} or {"bezet": message}). A separate process so a
file that tries to take all memory (a shared-strings bomb, a zip that lies about its size) can
only end this worker: the parent holds its resident memory to the budget and the address space
is capped here as a backstop (as the query console's worker does, warehouse/_query_worker.py).
"""

from __future__ import annotations

import json
import resource
import sys
from pathlib import Path


def _limit(address_space: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def main() -> int:
    # The cap comes first (argv), then the imports, and only then the request: the parent
    # starts this worker before it hashes and stages the file, so the imports overlap that work.
    _limit(int(sys.argv[1]))
    from core import paths
    from core.lock import LockBusy
    from ingest.budget import ReadBudget
    from ingest.load import load_file, open_landing, over_memory_reason

    request = json.loads(sys.stdin.read())

    paths.private_umask()
    budget = ReadBudget(**request["budget"])
    if request.get("controle"):
        return _check(request, budget)
    try:
        con = open_landing(float(request.get("wacht", 0.0)))
    except LockBusy as exc:
        print(json.dumps({"bezet": str(exc)}))
        return 0
    try:
        outcome = load_file(
            con, Path(request["bestand"]), request["bron"], request["sha256"],
            request["soort"], budget,
        )
    except MemoryError:
        print(json.dumps({"mislukt": over_memory_reason(budget)}))
        return 0
    finally:
        con.close()
    print(json.dumps(outcome.as_dict()))
    return 0


def _check(request: dict, budget) -> int:
    """``python -m ingest --controle``: the same reading and validation, nothing written under
    $VTH_DATA_DIR (ingest/controle.py)."""
    from core.lock import LockBusy
    from ingest.controle import (
        check_file,
        open_landing_read_only,
        remove_spill_folder,
        spill_folder,
    )
    from ingest.load import over_memory_reason

    spill = spill_folder()
    try:
        try:
            con = open_landing_read_only(float(request.get("wacht", 0.0)), spill)
        except LockBusy as exc:
            print(json.dumps({"bezet": str(exc)}))
            return 0
        try:
            check = check_file(
                con, Path(request["bestand"]), request["bron"], request["sha256"],
                request["soort"], budget,
            )
        except MemoryError:
            print(json.dumps({"mislukt": over_memory_reason(budget)}))
            return 0
        finally:
            con.close()
    finally:
        remove_spill_folder(spill)
    print(json.dumps(check.as_dict(), default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
