"""Command line (data contract v2, "board report" and "notes on figures"):

    python -m report --jaar J [--deelnemer CODE] [--snapshot ID] --out FILE.pdf
    python -m report toelichting add --indicator ID --jaar J [--deelnemer CODE] --tekst TEXT
    python -m report toelichting list [--jaar J]
    python -m report toelichting remove N

Exit codes: 0 done, 1 the PDF could not be made, 2 refused input (a Dutch line on stderr).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import time
from datetime import datetime
from pathlib import Path

from core import fmt
from report import toelichting
from report.bron import BronFout
from report.document import DocumentFout, pagina_aantal
from report.gegevens import GegevensFout


def _rapport_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m report",
        description="Bestuursrapportage (PDF) per jaar en deelnemer; "
                    "'python -m report toelichting --help' voor toelichtingen.",
    )
    parser.add_argument("--jaar", type=int, required=True, help="het jaar, bijv. 2025")
    parser.add_argument("--deelnemer", help="organisatiecode, bijv. ENS (zonder: de regio)")
    parser.add_argument("--snapshot", metavar="ID", help="een momentopname in plaats van het "
                        "gepubliceerde warehouse")
    parser.add_argument("--out", type=Path, required=True, help="het PDF-bestand")
    return parser


def _toelichting_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m report toelichting",
                                     description="Toelichtingen bij cijfers.")
    sub = parser.add_subparsers(dest="actie", required=True)
    add = sub.add_parser("add", help="een toelichting toevoegen")
    add.add_argument("--indicator", required=True, help="indicator-id, bijv. inzet_uren")
    add.add_argument("--jaar", type=int, required=True)
    add.add_argument("--deelnemer", help="organisatiecode (zonder: de regio)")
    add.add_argument("--tekst", required=True)
    add.add_argument("--door", help="wie het doet (standaard: de gebruiker die sudo gebruikte, "
                     "anders de systeemgebruiker)")
    lijst = sub.add_parser("list", help="de toelichtingen tonen")
    lijst.add_argument("--jaar", type=int)
    remove = sub.add_parser("remove", help="een toelichting verwijderen")
    remove.add_argument("nummer", type=int)
    remove.add_argument("--door")
    return parser


def _door(args: argparse.Namespace) -> str:
    # Behind `sudo -u vth` the process user is the service account; SUDO_USER names the person.
    return args.door or os.environ.get("SUDO_USER") or getpass.getuser()


def _toelichting(argv: list[str]) -> int:
    args = _toelichting_parser().parse_args(argv)
    try:
        if args.actie == "add":
            note = toelichting.add(args.indicator, args.jaar, args.tekst, door=_door(args),
                                   deelnemer_code=args.deelnemer, rol="opdrachtregel")
            print(f"Toelichting {note.nummer} toegevoegd bij {note.indicator_id} {note.jaar} "
                  f"({note.deelnemer_code or 'regio'}).")
        elif args.actie == "remove":
            note = toelichting.remove(args.nummer, door=_door(args), rol="opdrachtregel")
            print(f"Toelichting {note.nummer} verwijderd.")
        else:
            notes = toelichting.list_notes(args.jaar)
            if not notes:
                print("Geen toelichtingen.")
            for n in notes:
                tijd = fmt.date_time(datetime.fromisoformat(n.tijd))
                print(f"{n.nummer:>4}  {n.indicator_id}  {n.jaar}  {n.deelnemer_code or 'regio'}"
                      f"  {n.door}, {tijd}\n      {n.tekst}")
    except toelichting.ToelichtingFout as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 2
    return 0


def _rapport(argv: list[str]) -> int:
    args = _rapport_parser().parse_args(argv)
    from report.bestuursrapportage import build_report  # typst and vl-convert load here

    start = time.perf_counter()
    try:
        rapport = build_report(args.jaar, args.deelnemer, args.snapshot)
    except (BronFout, GegevensFout) as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 2
    except DocumentFout as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 1
    out: Path = args.out
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    tmp.write_bytes(rapport.pdf)
    os.replace(tmp, out)  # a reader never sees half a PDF
    seconden = fmt.number(time.perf_counter() - start, 1)
    paginas = pagina_aantal(rapport.pdf)
    print(f"Bestuursrapportage geschreven: {out} ({paginas} pagina's, "
          f"{len(rapport.pdf) // 1024} kB, {seconden} s; {rapport.publicatie.versie}, "
          f"peildatum {fmt.date(rapport.publicatie.peildatum)})")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "toelichting":
        return _toelichting(argv[1:])
    return _rapport(argv)


if __name__ == "__main__":
    sys.exit(main())
