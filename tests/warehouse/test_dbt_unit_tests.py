"""dbt's unit tests run here, in `make test`, and not in the production build (issue 17).

They test the models' logic on fixed inputs, so they need no real data, only the column types
of each tested model's parents: dbt reads those from a built warehouse, here a copy of the
session's fixture build. The production build keeps the data tests (they guard the publish).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from core import paths
from warehouse.build import GEBOUWD_OP_ENV

DBT = str(Path(sys.executable).parent / "dbt")


def _defined_unit_tests() -> set[str]:
    names = set()
    for path in paths.DBT_PROJECT_DIR.glob("models/**/*.yml"):
        for test in (yaml.safe_load(path.read_text()) or {}).get("unit_tests", []):
            names.add(test["name"])
    return names


def run_unit_tests(env: dict[str, str], work: Path, peildatum: str, *extra: str) -> dict[str, str]:
    """``dbt test --select test_type:unit`` with ``env``; returns test name -> status and
    asserts that dbt passed and that every unit test the project defines ran."""
    completed = subprocess.run(
        [DBT, "test", "--select", "test_type:unit", "--project-dir", str(paths.DBT_PROJECT_DIR),
         "--target-path", str(work / "target"), "--log-path", str(work / "logs"),
         "--vars", json.dumps({"peildatum": peildatum}), *extra],
        env={
            **os.environ,
            "DBT_PROFILES_DIR": str(paths.DBT_PROJECT_DIR),
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
            GEBOUWD_OP_ENV: "2025-07-01 08:00:00",
            **env,
        },
        capture_output=True, text=True,
    )
    assert completed.returncode == 0, completed.stdout[-3000:]
    results = json.loads((work / "target" / "run_results.json").read_text())["results"]
    ran = {r["unique_id"].rsplit(".", 1)[-1]: r["status"] for r in results}
    assert set(ran) == _defined_unit_tests()
    return ran


def test_every_unit_test_passes_against_a_built_warehouse(
    gebouwde_datamap: Path, tmp_path: Path
) -> None:
    warehouse = shutil.copyfile(gebouwde_datamap / "vth.duckdb", tmp_path / "vth.duckdb")
    ran = run_unit_tests(
        {"VTH_BUILD_PATH": str(warehouse),
         "VTH_LANDING_PATH": str(gebouwde_datamap / "landing.duckdb")},
        tmp_path, "2025-06-30",
    )
    assert len(ran) >= 17  # the project has 17 today; a lost yml file must not pass silently
    assert set(ran.values()) == {"pass"}


def test_the_production_build_runs_data_tests_but_no_unit_tests(gebouwde_datamap: Path) -> None:
    results = json.loads((gebouwde_datamap / "vth.run_results.json").read_text())["results"]
    kinds = {r["unique_id"].split(".", 1)[0] for r in results}
    assert "unit_test" not in kinds
    assert {"model", "seed", "test"} <= kinds
