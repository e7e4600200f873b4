"""Each vocabulary is defined in one place and read everywhere else.

The sources: the dbt seeds (gremia, agenda statuses, pillars, organisations with who sits in the
PHO, delivery kinds) and ``core/vocabulary.py`` (file formats and encodings, which dbt never
sees). Two kinds of proof:

- every consumer equals the source: ingest's accepted values and aliases, dbt's tests (a
  ``relationships`` test to the seed, never a copied ``accepted_values`` list) and sources, the
  demo's kinds;
- nothing else spells the list out: the tree is searched for the words themselves (three or
  more gremia, statuses or kinds within a few lines, two pillar names, the PHO's extra member,
  two file extensions, an encoding's name) in code, SQL and dbt yml, outside the seeds,
  ``core/vocabulary.py`` and tests (the demo's story files are data: how people misspell).
"""

from __future__ import annotations

import csv
import re
import subprocess

import pytest
import yaml

from core import vocabulary
from core.paths import REPO_ROOT, SEEDS_DIR
from ingest.schema import KINDS

SOURCE = {"core/vocabulary.py"}
# Files that may name several words of a vocabulary because they use them one by one, not as a
# list: with the reason.
EXEMPT = {
    # the date a row's year comes from, one rule per kind (python -m ingest --controle, issue 16)
    "ingest/controle.py": {"soorten"},
    # the contract's published columns uren_<gremium> and urennorm_<gremium> (one per gremium)
    "dbt_project/models/intermediate/int_bijdragen_per_deelnemer.sql": {"gremia"},
    "dbt_project/models/marts/bijdragen_per_deelnemer.sql": {"gremia"},
    # who is expected at a meeting, one rule per gremium (003 Art. 1f, 1g, 1h)
    "dbt_project/models/intermediate/int_presentie.sql": {"gremia"},
    # one landing table per kind: the sources of the staging models (compared with the seed below)
    "dbt_project/models/staging/_sources.yml": {"soorten"},
    # each kind's columns and rules (compared with the seed below)
    "ingest/schema.py": {"soorten"},
    # the published marts (some named like a kind) with the date column of each: not the kinds
    "report/vergelijking.py": {"soorten"},
}


def _tracked() -> list[str]:
    files = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=REPO_ROOT, capture_output=True, text=True, check=True,
    ).stdout.split()
    return [
        f for f in files
        if f.endswith((".py", ".sql", ".yml", ".yaml"))
        and not f.startswith(("tests/", "dbt_project/seeds/"))
        and not f.endswith("_unit_tests.yml")  # dbt's unit tests: given and expected rows
        and f not in SOURCE and (REPO_ROOT / f).is_file()
    ]


def _seed(name: str) -> list[dict[str, str]]:
    with open(SEEDS_DIR / f"{name}.csv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _lists(words: set[str], least: int, window: int = 4, quoted: bool = True):
    """(file, line) where ``least`` or more different ``words`` stand within ``window`` lines."""
    alternatives = "|".join(map(re.escape, sorted(words)))
    pattern = re.compile(
        rf"""(?<![\w-])['"]?({alternatives})['"]?(?![\w-])"""
        if not quoted else rf"""['"]({alternatives})['"]""",
        re.IGNORECASE,
    )
    for name in _tracked():
        lines = (REPO_ROOT / name).read_text(encoding="utf-8").splitlines()
        found = [{m.lower() for m in pattern.findall(line)} for line in lines]
        for i in range(len(lines)):
            together = set().union(*found[i:i + window])
            if len(together) >= least:
                yield name, i + 1, sorted(together)
                break


def _assert_defined_once(vocabulary_name: str, words: set[str], least: int, **kwargs) -> None:
    found = [
        (name, line, together) for name, line, together in _lists(words, least, **kwargs)
        if vocabulary_name not in EXEMPT.get(name, set())
    ]
    assert not found, f"{vocabulary_name} opnieuw opgesomd buiten de seed: {found}"


# --- gremia ------------------------------------------------------------------------------------


def test_gremia_come_from_the_seed_everywhere() -> None:
    seed = [r["gremium"] for r in _seed("seed_gremia")]
    assert vocabulary.GREMIA.codes == tuple(seed)
    for kind in ("inzet", "presentie"):
        gremium = next(c for c in KINDS[kind].columns if c.name == "gremium")
        assert gremium.enum == vocabulary.GREMIA.enum()
    _assert_relationship("stg_landing__inzet", "gremium", "seed_gremia")
    _assert_defined_once("gremia", set(seed), least=3)


def test_agenda_statuses_come_from_the_seed_everywhere() -> None:
    seed = [r["status"] for r in _seed("seed_agenda_statussen")]
    assert vocabulary.AGENDA_STATUSSEN.codes == tuple(seed)
    status = next(c for c in KINDS["agenda"].columns if c.name == "status")
    assert status.enum == vocabulary.AGENDA_STATUSSEN.enum()
    assert status.enum["aliases"]["gereed"] == "afgerond"  # the contract's aliases, from the seed
    _assert_relationship("stg_landing__agenda_versies", "status", "seed_agenda_statussen")
    _assert_defined_once("statussen", set(seed), least=3)


def test_pillars_come_from_the_seed_everywhere() -> None:
    seed = _seed("seed_pijlers")
    assert vocabulary.PIJLERS.codes == tuple("abcdefg")
    pijler = next(c for c in KINDS["agenda"].columns if c.name == "pijler")
    assert pijler.enum == vocabulary.PIJLERS.enum()
    assert pijler.enum["aliases"]["wkb"] == "f" and pijler.enum["aliases"]["energie"] == "c"
    _assert_relationship("stg_landing__agenda_versies", "pijler", "seed_pijlers")
    names = {r["naam"] for r in seed} | {r["korte_naam"] for r in seed}
    _assert_defined_once("pijlers", names, least=2, quoted=False)


def test_pho_membership_comes_from_the_seed_everywhere() -> None:
    seed = {r["code"] for r in _seed("seed_organisaties") if r["pho_lid"] == "true"}
    parties = {r["code"] for r in _seed("seed_organisaties") if r["partij"] == "true"}
    assert vocabulary.PHO_LEDEN == seed and vocabulary.PARTIJEN == parties
    extra = seed - parties  # Waterschap Vechtstromen (003 Art. 1f)
    assert extra == {"WVS"}
    sql = (REPO_ROOT / "dbt_project/models/intermediate/int_deelnemers_per_jaar.sql").read_text()
    assert "pho_lid" in sql
    # no code or SQL names the PHO's extra member (or tests membership another way)
    found = [(name, n) for name in _tracked()
             for n, line in enumerate((REPO_ROOT / name).read_text().splitlines(), 1)
             if any(re.search(rf"['\"]{code}['\"]", line) for code in extra)]
    assert not found, found


# --- delivery kinds ----------------------------------------------------------------------------


def test_delivery_kinds_come_from_the_seed_everywhere() -> None:
    seed = tuple(r["soort"] for r in _seed("seed_soorten"))
    assert tuple(KINDS) == seed == vocabulary.SOORTEN.codes
    sources = yaml.safe_load((REPO_ROOT / "dbt_project/models/staging/_sources.yml").read_text())
    bron = next(s for s in sources["sources"] if s["name"] == "landing")
    assert tuple(t["name"] for t in bron["tables"]) == seed
    _assert_relationship("stg_landing__ladingen", "soort", "seed_soorten")
    from demo.files import KIND_NR

    assert [k for k in KIND_NR if k != "namen"] == list(seed)
    _assert_defined_once("soorten", set(seed), least=3)


# --- file formats and encodings ----------------------------------------------------------------


def test_file_extensions_and_encodings_are_defined_once() -> None:
    from dashboard import upload
    from ingest import load, read

    assert vocabulary.CONTRACT_SUFFIXES == (".csv", ".xlsx")  # data contract, "Input files"
    assert set(vocabulary.CONTRACT_SUFFIXES) <= set(vocabulary.READABLE_SUFFIXES)
    assert upload.ALLOWED_SUFFIXES is vocabulary.CONTRACT_SUFFIXES
    assert read.READABLE_SUFFIXES is vocabulary.READABLE_SUFFIXES
    assert load.READABLE_SUFFIXES is vocabulary.READABLE_SUFFIXES
    _assert_defined_once("extensies", {".csv", ".xlsx", ".txt", ".tsv"}, least=2, window=2)
    _assert_defined_once("coderingen", {"cp1252", "windows-1252", "latin-1"}, least=1)


# --- helpers -----------------------------------------------------------------------------------


def _assert_relationship(model: str, column: str, seed: str) -> None:
    """``model.column`` is tested with ``relationships`` to the seed, not a copied list."""
    for yml in (REPO_ROOT / "dbt_project/models").rglob("*.yml"):
        for entry in (yaml.safe_load(yml.read_text()) or {}).get("models", []):
            if entry["name"] != model:
                continue
            for col in entry.get("columns", []):
                if col["name"] != column:
                    continue
                tests = col.get("data_tests", [])
                assert not any("accepted_values" in t for t in tests if isinstance(t, dict))
                assert any(
                    t.get("relationships", {}).get("arguments", {}).get("to") == f"ref('{seed}')"
                    for t in tests if isinstance(t, dict)
                ), f"{model}.{column}: geen relationships-test naar {seed}"
                return
    pytest.fail(f"{model}.{column} staat in geen yml")
