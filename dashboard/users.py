"""Local accounts (the embedded login): ``$VTH_DATA_DIR/gebruikers.json``.

- Passwords are stored only as salted Argon2id hashes (argon2-cffi); never in the log.
- A new password is refused when it is whitespace only, shorter than ``MIN_LENGTE`` without
  its outer whitespace, has fewer than ``MIN_VERSCHILLEND`` different characters or a repeated
  pattern, contains the account name, or is (after normalisation) one of the very common
  passwords in ``veelgebruikte_wachtwoorden.txt``.
- After ``MAX_POGINGEN`` failed attempts in a row an account is locked for ``BLOKKADE``; the
  counter and the lock are in the file, so a restart does not reset them.
- Every failed login gets the same message (``ONJUIST``) whether the name is unknown, the
  password wrong or the account locked, and costs the same work: one Argon2 verification
  (against a dummy hash for an unknown name, against the account's hash while it is locked),
  then padded to at least ``MISLUKT_DUUR``, so neither text nor timing tells which names exist.
- Each account has a session generation (``sessies``): logout, a new password and removal end
  every signed session cookie issued before (dashboard/sessie.py) and every open session at
  its next click; a new role alone (same password) counts from the next click.
- The file is written atomically (temp file + rename, mode 0600) under a lock file, so two
  logins at the same moment cannot lose each other's counter.
- ``eerste_beheerder`` creates the first account only when the file does not exist yet: the
  dashboard's first-run set-up can never overwrite or add to existing accounts.

Command line (``python -m dashboard.users``)::

    add NAAM --rol ROL [--deelnemer CODE] [--wachtwoord-stdin]
                                              new account or new password/role (asks twice);
                                              --deelnemer: the organisation the account belongs
                                              to (a PHO member's municipality), its default
                                              participant on every page
    remove NAAM
    list
    unlock NAAM                               lift a lock-out
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import functools
import getpass
import json
import os
import re
import secrets
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from core import vocabulary
from core.clock import now
from core.paths import data_dir
from dashboard.access import ROLLEN  # the one role table

MAX_POGINGEN = 5
BLOKKADE = timedelta(minutes=15)
MIN_LENGTE = 12
MIN_VERSCHILLEND = 5  # different characters: "aaaaaaaaaaaa" and "121212121212" are not passwords
# A failed login answers no sooner than this (seconds after it started): covers the difference
# between an unknown name (no file write) and a wrong password (counter written and fsynced).
MISLUKT_DUUR = 0.25
VEELGEBRUIKT = Path(__file__).with_name("veelgebruikte_wachtwoorden.txt")
# Letter substitutions undone before the comparison with the list (W@chtw00rd -> wachtwoord).
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b",
                       "@": "a", "$": "s", "!": "i", "€": "e"})
_RAND = re.compile(r"^[\W\d_]+|[\W\d_]+$")  # digits and punctuation at either end
NAAM_PATROON = re.compile(r"^[a-z0-9][a-z0-9._@-]{1,63}$")

_HASHER = PasswordHasher()  # Argon2id with argon2-cffi's (RFC 9106 low-memory) defaults
# Verified for unknown names too, so a wrong name costs as much time as a wrong password.
_DUMMY_HASH = _HASHER.hash(secrets.token_urlsafe(16))


class GebruikersFout(ValueError):
    """A refused account change; the message is Dutch, one line."""


@dataclass(frozen=True)
class Aanmelding:
    ok: bool
    gebruiker: str | None = None
    rol: str | None = None
    melding: str = ""  # Dutch, for the login form (never says whether the name exists)
    geblokkeerd: bool = False


# The one message for every failed login: it never says whether the name exists or is locked.
ONJUIST = (
    "Inloggen mislukt: onbekende gebruikersnaam of onjuist wachtwoord, of het account is "
    f"tijdelijk geblokkeerd ({int(BLOKKADE.total_seconds() // 60)} minuten na {MAX_POGINGEN} "
    "mislukte pogingen; de beheerder kan het ontgrendelen)."
)


def pad() -> Path:
    return data_dir() / "gebruikers.json"


@contextlib.contextmanager
def _vergrendeld() -> Iterator[None]:
    lock = pad().with_name(".gebruikers.lock")
    with open(lock, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def bestaat() -> bool:
    return pad().is_file()


def lees() -> dict[str, dict]:
    """All accounts by name ({} when the file does not exist)."""
    if not bestaat():
        return {}
    inhoud = json.loads(pad().read_text(encoding="utf-8"))
    return dict(inhoud.get("gebruikers", {}))


def _schrijf(gebruikers: dict[str, dict], nieuw: bool = False) -> None:
    target = pad()
    tmp = target.with_name(f".gebruikers.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump({"versie": 1, "gebruikers": gebruikers}, handle, ensure_ascii=False, indent=1)
        handle.flush()
        os.fsync(handle.fileno())
    if nieuw:
        try:
            os.link(tmp, target)  # fails when the file appeared meanwhile: never overwrite
        except FileExistsError:
            raise GebruikersFout("Er bestaan al accounts; de eerste set-up is niet meer "
                                 "mogelijk.") from None
        finally:
            tmp.unlink()
    else:
        os.replace(tmp, target)


def _controleer_naam(naam: str) -> str:
    naam = naam.strip().lower()
    if not NAAM_PATROON.match(naam):
        raise GebruikersFout(
            "Ongeldige gebruikersnaam: 2 tot 64 tekens, kleine letters, cijfers en . _ @ -."
        )
    return naam


def _controleer_rol(rol: str) -> str:
    if rol not in ROLLEN:
        raise GebruikersFout(f"Onbekende rol '{rol}'; kies uit {', '.join(ROLLEN)}.")
    return rol


@functools.cache
def veelgebruikt() -> frozenset[str]:
    """The committed list of very common passwords and stems (lower case)."""
    regels = VEELGEBRUIKT.read_text(encoding="utf-8").splitlines()
    return frozenset(r.strip().lower() for r in regels if r.strip() and not r.startswith("#"))


def _te_voorspelbaar(wachtwoord: str) -> bool:
    """True for a password an attacker tries first: in the list after normalisation (lower
    case, digits and punctuation at the ends removed, letter substitutions undone, or digits
    dropped), a digit run of a keyboard row, or one pattern repeated ("welkomwelkom")."""
    klein = wachtwoord.strip().lower()
    kern = _RAND.sub("", klein)
    kandidaten = {
        klein,
        kern,
        kern.translate(_LEET),
        re.sub(r"[^a-zà-ÿ]", "", kern.translate(_LEET)),
        re.sub(r"[^a-zà-ÿ]", "", klein),  # 1q2w3e4r5t6y -> qwerty
    }
    lijst = veelgebruikt()
    if any(k in lijst for k in kandidaten if k):
        return True
    cijfers = re.sub(r"\D", "", klein)
    if cijfers == re.sub(r"\s", "", klein) and (
        cijfers in "1234567890" * 3 or cijfers in "0987654321" * 3
    ):
        return True
    return re.fullmatch(r"(.+?)\1+", re.sub(r"\s", "", klein)) is not None


def _controleer_wachtwoord(wachtwoord: str, naam: str) -> None:
    if not wachtwoord.strip():
        raise GebruikersFout("Een wachtwoord van alleen spaties is geen wachtwoord.")
    if len(wachtwoord.strip()) < MIN_LENGTE:
        raise GebruikersFout(f"Het wachtwoord moet minstens {MIN_LENGTE} tekens lang zijn.")
    if naam in wachtwoord.lower():
        raise GebruikersFout("Het wachtwoord mag de gebruikersnaam niet bevatten.")
    if len(set(wachtwoord.lower())) < MIN_VERSCHILLEND or _te_voorspelbaar(wachtwoord):
        raise GebruikersFout(
            "Dit wachtwoord is te voorspelbaar (een veelgebruikt wachtwoord, een toetsenbord- "
            "of cijferreeks of een herhaling). Kies een zin van een paar woorden."
        )


def _controleer_deelnemer(rol: str, code: str | None) -> str | None:
    """The organisation an account belongs to, upper case. A deelnemer account must name one
    party of the cooperation (issue 16: it sees only that party's detail); for other roles it
    is optional, any organisation of the seed (issue 15: a PHO member's default participant)."""
    code = code.strip().upper() if code and code.strip() else None
    if rol == "deelnemer" and code not in partijen():
        raise GebruikersFout(
            f"Rol deelnemer hoort bij een partij: --deelnemer CODE, een van "
            f"{', '.join(sorted(partijen()))}.")
    if code is not None and code not in vocabulary.ORGANISATIES:
        raise GebruikersFout(f"Onbekende deelnemer '{code[:20]}': gebruik een code als ENS.")
    return code


def partijen() -> frozenset[str]:
    """The codes of the cooperation's parties (core.vocabulary, from the organisations seed)."""
    return vocabulary.PARTIJEN


def _account(rol: str, wachtwoord: str, vorig: dict | None = None,
             deelnemer: str | None = None) -> dict:
    generatie = int((vorig or {}).get("sessies", 0))
    if vorig is None or not _verifieer(vorig.get("hash", ""), wachtwoord):
        generatie += 1  # a new password ends every session cookie issued before (sessie.py)
    return {
        "rol": rol,
        "deelnemer": deelnemer,
        "hash": _HASHER.hash(wachtwoord),
        "aangemaakt": now().isoformat(),
        "mislukt": 0,
        "geblokkeerd_tot": None,
        "sessies": generatie,
    }


def voeg_toe(naam: str, rol: str, wachtwoord: str, deelnemer: str | None = None) -> str:
    """Create an account, or give an existing one a new password, role and organisation
    (unlocks it). ``deelnemer``: the organisation code the account belongs to."""
    naam, rol = _controleer_naam(naam), _controleer_rol(rol)
    code = _controleer_deelnemer(rol, deelnemer)
    _controleer_wachtwoord(wachtwoord, naam)
    with _vergrendeld():
        gebruikers = lees()
        gebruikers[naam] = _account(rol, wachtwoord, gebruikers.get(naam), code)
        _schrijf(gebruikers)
    return naam


def eerste_beheerder(naam: str, wachtwoord: str) -> str:
    """The first-run set-up: a beheerder account, only while no accounts file exists."""
    naam = _controleer_naam(naam)
    _controleer_wachtwoord(wachtwoord, naam)
    with _vergrendeld():
        if bestaat():
            raise GebruikersFout("Er bestaan al accounts; de eerste set-up is niet meer mogelijk.")
        _schrijf({naam: _account("beheerder", wachtwoord)}, nieuw=True)
    return naam


def verwijder(naam: str) -> None:
    naam = naam.strip().lower()
    with _vergrendeld():
        gebruikers = lees()
        if naam not in gebruikers:
            raise GebruikersFout(f"Account '{naam}' bestaat niet.")
        del gebruikers[naam]
        _schrijf(gebruikers)


def ontgrendel(naam: str) -> None:
    naam = naam.strip().lower()
    with _vergrendeld():
        gebruikers = lees()
        if naam not in gebruikers:
            raise GebruikersFout(f"Account '{naam}' bestaat niet.")
        gebruikers[naam].update(mislukt=0, geblokkeerd_tot=None)
        _schrijf(gebruikers)


def sessie_generatie(naam: str) -> int | None:
    """The account's session generation (None when the account does not exist)."""
    account = lees().get(naam)
    return int(account.get("sessies", 0)) if account else None


def beeindig_sessies(naam: str) -> None:
    """End every session cookie of the account (logout): a new session generation."""
    with _vergrendeld():
        gebruikers = lees()
        if naam in gebruikers:
            gebruikers[naam]["sessies"] = int(gebruikers[naam].get("sessies", 0)) + 1
            _schrijf(gebruikers)


def _geblokkeerd_tot(account: dict, nu: datetime) -> datetime | None:
    tot = account.get("geblokkeerd_tot")
    if tot and datetime.fromisoformat(tot) > nu:
        return datetime.fromisoformat(tot)
    return None


def _verifieer(hash_: str, wachtwoord: str) -> bool:
    try:
        return _HASHER.verify(hash_, wachtwoord)
    except (VerificationError, InvalidHashError):
        return False


def controleer(naam: str, wachtwoord: str, nu: datetime | None = None) -> Aanmelding:
    """Check a login; counts failures and locks the account after MAX_POGINGEN in a row.

    Every failure gets ``ONJUIST``, costs one Argon2 verification and takes at least
    ``MISLUKT_DUUR``; ``geblokkeerd`` (for the logboek only) says whether the account is locked.
    """
    begin = time.monotonic()
    uitkomst = _controleer(naam, wachtwoord, nu or now())
    if not uitkomst.ok:
        # outside the accounts lock: waiting here must not hold up other logins
        time.sleep(max(0.0, begin + MISLUKT_DUUR - time.monotonic()))
    return uitkomst


def _controleer(naam: str, wachtwoord: str, nu: datetime) -> Aanmelding:
    naam = (naam or "").strip().lower()
    wachtwoord = wachtwoord or ""
    with _vergrendeld():
        gebruikers = lees()
        account = gebruikers.get(naam)
        if account is None:
            _verifieer(_DUMMY_HASH, wachtwoord or "-")
            return Aanmelding(False, melding=ONJUIST)
        juist = _verifieer(account["hash"], wachtwoord)  # also while locked: the same work
        if _geblokkeerd_tot(account, nu) is not None:
            return Aanmelding(False, naam, melding=ONJUIST, geblokkeerd=True)
        if not juist:
            account["mislukt"] = int(account.get("mislukt", 0)) + 1
            geblokkeerd = account["mislukt"] >= MAX_POGINGEN
            if geblokkeerd:
                account["mislukt"] = 0
                account["geblokkeerd_tot"] = (nu + BLOKKADE).isoformat()
            _schrijf(gebruikers)
            return Aanmelding(False, naam, melding=ONJUIST, geblokkeerd=geblokkeerd)
        if _HASHER.check_needs_rehash(account["hash"]):
            account["hash"] = _HASHER.hash(wachtwoord)
        account.update(mislukt=0, geblokkeerd_tot=None, laatst_ingelogd=nu.isoformat())
        _schrijf(gebruikers)
        return Aanmelding(True, naam, account["rol"])


def rol_van(naam: str) -> str | None:
    """The current role of an account (None when it was removed): checked on every page run."""
    account = lees().get(naam)
    return account["rol"] if account else None


def deelnemer_van(naam: str | None) -> str | None:
    """The organisation an account belongs to (None: none, or no such account)."""
    account = lees().get(naam or "")
    return account.get("deelnemer") if account else None


def _lees_wachtwoord(stdin: bool) -> str:
    if stdin:
        return sys.stdin.readline().rstrip("\n")
    eerste = getpass.getpass("Wachtwoord: ")
    if getpass.getpass("Nogmaals: ") != eerste:
        raise GebruikersFout("De wachtwoorden zijn niet gelijk.")
    return eerste


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m dashboard.users", description="Lokale accounts van het dashboard."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add", help="account toevoegen (of wachtwoord/rol wijzigen)")
    add.add_argument("naam")
    add.add_argument("--rol", required=True, help=" | ".join(ROLLEN))
    add.add_argument("--deelnemer", metavar="CODE",
                     help="organisatiecode waar het account bij hoort, bijv. ENS: verplicht "
                     "voor rol deelnemer (ziet alleen die partij), voor andere rollen de "
                     "standaard deelnemer in het dashboard")
    add.add_argument("--wachtwoord-stdin", action="store_true",
                     help="lees het wachtwoord van de eerste regel van stdin")
    remove = commands.add_parser("remove", help="account verwijderen")
    remove.add_argument("naam")
    unlock = commands.add_parser("unlock", help="blokkade na mislukte pogingen opheffen")
    unlock.add_argument("naam")
    commands.add_parser("list", help="accounts tonen (zonder wachtwoorden)")
    args = parser.parse_args(argv)

    try:
        if args.command == "add":
            _controleer_rol(args.rol)
            _controleer_naam(args.naam)
            code = _controleer_deelnemer(args.rol, args.deelnemer)
            naam = voeg_toe(args.naam, args.rol, _lees_wachtwoord(args.wachtwoord_stdin), code)
            bij = f", {code}" if code else ""
            print(f"Account '{naam}' ({args.rol}{bij}) opgeslagen in {pad()}.")
        elif args.command == "remove":
            verwijder(args.naam)
            print(f"Account '{args.naam.strip().lower()}' verwijderd.")
        elif args.command == "unlock":
            ontgrendel(args.naam)
            print(f"Account '{args.naam.strip().lower()}' ontgrendeld.")
        else:
            gebruikers = lees()
            if not gebruikers:
                print(f"Geen accounts ({pad()}).")
            nu = now()
            for naam, account in sorted(gebruikers.items()):
                tot = _geblokkeerd_tot(account, nu)
                status = f"geblokkeerd tot {tot:%d-%m-%Y %H:%M}" if tot else "actief"
                print(f"{naam}\t{account['rol']}\t{account.get('deelnemer') or '–'}\t{status}")
    except GebruikersFout as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
