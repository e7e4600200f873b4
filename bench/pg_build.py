"""One PostgreSQL build for the benchmark: python -m bench.pg_build PEILDATUM OUT_JSON.

Runs `python -m warehouse build --target postgres` in process (the server from the PG*
variables) and writes its seconds per step to OUT_JSON, which the command line does not
print. Exit 1 when the build fails.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

from warehouse.build import build


def main() -> int:
    peildatum, out = date.fromisoformat(sys.argv[1]), Path(sys.argv[2])
    result = build(peildatum, target="postgres")
    out.write_text(json.dumps({"ok": result.ok, "seconds": result.seconds,
                               "stages": result.stage_seconds, "message": result.message}))
    if not result.ok:
        print(result.message, file=sys.stderr)
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
