"""python -m demo --out DIR [--schaal N] [--seed S]: write every demo delivery into DIR.

Also ``python -m ingest.demo`` (the data contract's name for it, ingest/demo.py)."""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from core import fmt, paths
from demo import agenda, bijdragen, inzet, odt, presentie
from demo.files import people, read_kerngroep_leden, read_orgs


def generate_counted(out: Path, schaal: int = 1, seed: int = 2024) -> list[tuple[Path, int]]:
    """Write all demo deliveries into ``out``; returns (path, data rows) per file."""
    if schaal < 1:
        raise ValueError("schaal moet 1 of groter zijn")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    orgs = read_orgs()
    personen = people(orgs, seed)
    leden = read_kerngroep_leden()
    written, uren_totaal = inzet.write(out, orgs, personen, leden, seed)
    written += bijdragen.write(out, orgs, uren_totaal, seed)
    written += presentie.write(out, orgs, personen, leden, seed)
    written += odt.write_productie(out, orgs, seed, schaal)
    written += odt.write_zaken(out, orgs, seed, schaal)
    written += agenda.write(out, orgs, seed)
    return written


def generate(out: Path, schaal: int = 1, seed: int = 2024) -> list[Path]:
    """Write all demo deliveries into ``out`` and return their paths."""
    return [path for path, _ in generate_counted(out, schaal, seed)]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ingest.demo",
        description="Schrijft realistische, reproduceerbare demoleveringen (2022-2026) van "
        "alle soorten in een map.",
    )
    parser.add_argument("--out", required=True, type=Path, help="map waarin de bestanden komen")
    parser.add_argument(
        "--schaal",
        type=int,
        default=1,
        help="vermenigvuldigt het volume (1 = één regio, ca. 100.000 "
        "odt_zaken per jaar; standaard 1)",
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=2024,
        help="startwaarde van de toevalsgenerator (standaard 2024)",
    )
    args = parser.parse_args(argv)
    if args.schaal < 1:
        parser.error("--schaal moet 1 of groter zijn")
    begin = time.perf_counter()
    written = generate_counted(args.out, args.schaal, args.seed)
    # Mark these files as demo deliveries for $VTH_DATA_DIR: the dashboard runs without login
    # (VTH_DEMO=1) only on a data directory whose deliveries are all demo files.
    paths.mark_demo(hashlib.sha256(path.read_bytes()).hexdigest() for path, _ in written)
    duur = time.perf_counter() - begin
    breedte = max(len(p.name) for p, _ in written)
    for path, rijen in written:
        print(f"{path.name:<{breedte}}  {fmt.number(rijen, 0):>10} rijen")
    totaal = sum(r for _, r in written)
    seconden = fmt.seconds(duur)
    print(f"{len(written)} bestanden, {fmt.number(totaal, 0)} rijen in {args.out} ({seconden} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
