"""How the indicators would change if these files were loaded: before -> after, nothing published.

The upload page shows, next to what a load would do (``ingest.controle.controleer``), how the
published indicators would change. ``indicator_voorbeeld`` answers that with the real pipeline
on a scratch copy, outside ``$VTH_DATA_DIR``:

1. a temporary folder (``tempfile``; refused when it would lie inside the data directory);
2. the landing database copied byte for byte while a read-only connection holds it (so no load
   writes it meanwhile; opening read-only changes nothing in the file), and the kerngroep's
   closed years (``afgesloten-jaren.json``);
3. ``python -m ingest`` of the files and ``python -m warehouse build`` at the published
   warehouse's peildatum, both with ``VTH_DATA_DIR`` pointing at the scratch folder (separate
   processes: the environment of the dashboard server is never changed) and with the real
   pseudonym key (read, never created), so new rows get the pseudonyms a real load would give;
4. every row of ``marts.indicatoren`` compared between the published warehouse (before) and the
   scratch one (after); the scratch folder is removed.

So the preview is exactly what a load and a rebuild would publish, by construction, at the cost
of a build (measured in the closing note of issue 16 and docs/performance.md). When the landing
already holds loads that the published warehouse does not show yet (a load without a rebuild),
``landing_nieuwer`` says so: the differences then include those loads too.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb

from core import paths as settings
from ingest.controle import open_landing_read_only
from ingest.pseudoniem import ENV_SLEUTEL


class VoorbeeldFout(RuntimeError):
    """The preview could not be made; the message is Dutch."""


@dataclass(frozen=True)
class Verschil:
    """One row of marts.indicatoren that a load would change (None: no row before / after)."""

    indicator_id: str
    jaar: int
    deelnemer_code: str | None
    waarde_voor: float | None
    waarde_na: float | None
    status_voor: str | None
    status_na: str | None


@dataclass
class Voorbeeld:
    peildatum: date
    verschillen: list[Verschil] = field(default_factory=list)
    landing_nieuwer: bool = False
    seconden: dict[str, float] = field(default_factory=dict)

    def voor_deelnemers(self, deelnemers: list[str], jaren: list[int] | None = None
                        ) -> list[Verschil]:
        """The changes of these participants (and years): what the upload page shows first
        (``Controle.deelnemers``/``jaren`` of the check)."""
        return [
            v for v in self.verschillen
            if v.deelnemer_code in deelnemers and (jaren is None or v.jaar in jaren)
        ]


def _published_peildatum(warehouse: Path) -> tuple[date | None, int | None]:
    if not warehouse.is_file():
        return None, None
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = con.sql("select peildatum, aantal_ladingen from audit.publicatie").fetchall()
    finally:
        con.close()
    return (rows[0][0], rows[0][1]) if rows else (None, None)


def _scratch_folder() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="vth-voorbeeld-")).resolve()
    if folder.is_relative_to(settings.data_dir_path()):
        shutil.rmtree(folder, ignore_errors=True)
        raise VoorbeeldFout("De tijdelijke map ligt in de datamap; zet TMPDIR op een andere plek.")
    folder.chmod(0o700)
    return folder


def _copy_state(scratch: Path, wait_seconds: float) -> int:
    """The landing (and the closed years) into ``scratch/data``; the number of loads in it."""
    source = settings.data_dir_path()
    target = scratch / "data"
    target.mkdir(mode=0o700)
    closed = source / "afgesloten-jaren.json"
    if closed.is_file():
        shutil.copyfile(closed, target / closed.name)
    landing = source / "landing.duckdb"
    if not landing.is_file():
        return 0
    spill = scratch / "spill"
    spill.mkdir()
    con = open_landing_read_only(wait_seconds, spill)  # holds the file: no load writes it now
    try:
        for name in ("landing.duckdb", "landing.duckdb.wal"):
            if (source / name).is_file():
                shutil.copyfile(source / name, target / name)
        [(loads,)] = con.sql("select count(*) from audit.ladingen").fetchall()
    finally:
        con.close()
    return int(loads)


def _key_env() -> dict[str, str]:
    """The real pseudonym key for the scratch load (read only; none is created)."""
    if os.environ.get(ENV_SLEUTEL, "").strip():
        return {}
    path = settings.data_dir_path() / "geheim" / "pseudoniem.sleutel"
    if path.is_file():
        return {ENV_SLEUTEL: path.read_text(encoding="utf-8").strip()}
    return {}  # no key yet: nothing has pseudonyms, the scratch load makes its own


def _run(command: list[str], env: dict[str, str], what: str, ok: tuple[int, ...] = (0,)
         ) -> float:
    started = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, *command], env=env, cwd=settings.REPO_ROOT,
        capture_output=True, text=True,
    )
    if completed.returncode not in ok:
        tail = (completed.stderr or completed.stdout).strip().splitlines()[-1:]
        raise VoorbeeldFout(f"{what} in de proefomgeving mislukt: {' '.join(tail)}")
    return time.perf_counter() - started


def _differences(before: Path | None, after: Path) -> list[Verschil]:
    con = duckdb.connect(":memory:")
    try:
        con.execute(f"attach '{after}' as na (read_only)")
        if before is not None:
            con.execute(f"attach '{before}' as voor (read_only)")
            voor = "voor.marts.indicatoren"
        else:
            voor = "(select * from na.marts.indicatoren where false)"
        rows = con.sql(
            f"""
            select
                coalesce(n.indicator_id, v.indicator_id), coalesce(n.jaar, v.jaar),
                coalesce(n.deelnemer_code, v.deelnemer_code),
                v.waarde, n.waarde, v.status, n.status
            from na.marts.indicatoren as n
            full outer join {voor} as v
                on v.indicator_id = n.indicator_id and v.jaar = n.jaar
                and v.deelnemer_code is not distinct from n.deelnemer_code
            where v.indicator_id is null or n.indicator_id is null
                or v.waarde is distinct from n.waarde or v.status is distinct from n.status
            order by 2, 3 nulls first, 1
            """
        ).fetchall()
    finally:
        con.close()
    return [Verschil(*row) for row in rows]


def indicator_voorbeeld(
    paden: list[Path],
    soort: str | None = None,
    lock_wait: float | None = None,
) -> Voorbeeld:
    """How ``marts.indicatoren`` would change if ``paden`` were loaded and the warehouse rebuilt
    at the published peildatum (today without a published warehouse). Writes nothing under
    ``$VTH_DATA_DIR``."""
    wait = float(os.environ.get("VTH_LOCK_WAIT", "120")) if lock_wait is None else lock_wait
    published = settings.data_dir_path() / "vth.duckdb"
    peildatum, published_loads = _published_peildatum(published)
    peildatum = peildatum or date.today()
    result = Voorbeeld(peildatum)
    scratch = _scratch_folder()
    try:
        started = time.perf_counter()
        loads = _copy_state(scratch, wait)
        result.landing_nieuwer = published_loads is not None and loads != published_loads
        result.seconden["kopie"] = time.perf_counter() - started
        env = {
            **os.environ, **_key_env(),
            "VTH_DATA_DIR": str(scratch / "data"), "VTH_DOCS": "0", "VTH_LOCK_WAIT": "0",
        }
        ingest = ["-m", "ingest", *map(str, paden)] + (["--soort", soort] if soort else [])
        # exit 1: a file could not be read; the others load (the check names it)
        result.seconden["lading"] = _run(ingest, env, "De lading", ok=(0, 1))
        result.seconden["build"] = _run(
            ["-m", "warehouse.voorbeeld", "--bouw", peildatum.isoformat()], env, "De build"
        )
        after = scratch / "data" / "vth.duckdb"
        if not after.is_file():
            raise VoorbeeldFout("De build in de proefomgeving publiceerde geen warehouse.")
        started = time.perf_counter()
        result.verschillen = _differences(published if published.is_file() else None, after)
        result.seconden["vergelijking"] = time.perf_counter() - started
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return result


# Only what marts.indicatoren needs, without dbt's tests: the preview compares indicators, and
# the real publish after "Publiceren" runs the whole build with every test.
SELECTIE = "+indicatoren"


def _bouw(argv: list[str]) -> int:
    """``python -m warehouse.voorbeeld --bouw YYYY-MM-DD``: the scratch build (run by
    ``indicator_voorbeeld`` with VTH_DATA_DIR on the scratch folder)."""
    from warehouse.build import build

    if len(argv) != 2 or argv[0] != "--bouw":
        print("gebruik: python -m warehouse.voorbeeld --bouw JJJJ-MM-DD", file=sys.stderr)
        return 2
    if not settings.data_dir_path().parent.name.startswith("vth-voorbeeld-"):
        print("alleen voor de proefomgeving van warehouse/voorbeeld.py", file=sys.stderr)
        return 2
    result = build(date.fromisoformat(argv[1]), docs=False, target="duckdb", selectie=SELECTIE)
    print(result.message)
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(_bouw(sys.argv[1:]))
