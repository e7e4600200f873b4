"""odt_productie (one workbook a year) and odt_zaken (one CSV a year, about 100,000 cases at
scale 1, and a re-delivery of 50 corrected cases)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import polars as pl

from demo.files import (
    DAG0,
    Sheet,
    day_numbers,
    header,
    rng_for,
    working_days,
    write_csv,
    year_end,
)
from demo.story import (
    CONTROLE_KANS,
    JAREN,
    LEVERDATUM,
    NIEUWE_STIJL,
    OMVANG,
    ONDER_REALISATIE,
    PRODUCTEN,
    ZAKEN_PER_JAAR,
)
from ingest.schema import KINDS


def _enum(column: str) -> tuple[str, ...]:
    """The values of an odt_zaken column of the contract (ingest/schema.py), in its order."""
    return next(c for c in KINDS["odt_zaken"].columns if c.name == column).enum["values"]


def write_productie(out: Path, orgs, seed: int, schaal: int) -> list[tuple[Path, int]]:
    rng = rng_for(seed, "odt_productie")
    partijen = [c for c, o in orgs.items() if o.partij]
    omvang = np.array([OMVANG.get(c, 1.0) for c in partijen])
    omvang = omvang / omvang.sum()
    varianten = max(1, round(schaal**0.5))  # larger regions report finer product lines
    producten = []  # (taakveld, product, norm hours, share)
    for taakveld, lijst in PRODUCTEN.items():
        for naam, norm, aandeel in lijst:
            for v in range(varianten):
                label = naam if varianten == 1 else f"{naam} (cat. {v + 1})"
                producten.append((taakveld, label, norm, aandeel / varianten))
    aandeel = np.array([p[3] for p in producten])
    norm = np.array([p[2] for p in producten])
    written = []
    stijlen = {2022: "snake", 2023: "title", 2024: "title", 2025: "upper", 2026: "title"}
    for jaar in JAREN:
        maanden = np.arange(1, year_end(jaar).month + 1)
        p_i, m_i, q_i = (
            a.ravel()
            for a in np.meshgrid(
                np.arange(len(partijen)), maanden, np.arange(len(producten)), indexing="ij"
            )
        )
        seizoen = 1.0 + 0.15 * np.cos((m_i - 4) / 12 * 2 * np.pi) - 0.35 * (m_i == 8)
        verwacht = ZAKEN_PER_JAAR[jaar] * schaal / 12 * omvang[p_i] * aandeel[q_i] * seizoen
        gepland = np.round(verwacht).astype(np.int64)
        basis = np.array(
            [0.8 if c in ONDER_REALISATIE else rng.normal(1.0, 0.04) for c in partijen]
        )
        factor = np.clip(basis[p_i] + rng.normal(0, 0.08, len(p_i)), 0.55, 1.4)
        gerealiseerd = rng.poisson(np.maximum(gepland * factor, 0))
        uren_gepland = np.round(gepland * norm[q_i], 1)
        uren_ger = np.round(gerealiseerd * norm[q_i] * rng.normal(1.0, 0.07, len(p_i)), 1)
        uren_ger = np.maximum(uren_ger, 0.0)
        vorm = 1 if jaar >= NIEUWE_STIJL else 0
        deelnemer = np.array([orgs[c].label(vorm) for c in partijen], dtype=object)
        taakveld = np.array(
            [p[0].capitalize() if jaar == 2024 else p[0] for p in producten], dtype=object
        )
        product = np.array([p[1] for p in producten], dtype=object)
        kolommen = [
            [jaar] * len(p_i),
            m_i.tolist(),
            deelnemer[p_i].tolist(),
            taakveld[q_i].tolist(),
            product[q_i].tolist(),
            gepland.tolist(),
            gerealiseerd.tolist(),
            uren_gepland.tolist(),
            uren_ger.tolist(),
        ]
        if jaar == 2025:  # broken: a negative realisation
            kolommen[6][37] = -3
        if jaar == 2023:  # broken: the supplier's total row at the bottom
            totalen = [round(float(np.sum(kolommen[k])), 1) for k in range(5, 9)]
            for k, value in enumerate([None, None, "Totaal", None, None, *totalen]):
                kolommen[k].append(value)
        path = out / f"odt_productie_{jaar}.xlsx"
        sheet = Sheet(path, "productie")
        sheet.header(header("odt_productie", stijlen[jaar]))
        for c, values in enumerate(kolommen):
            write_column(sheet, c, values)
        sheet.close()
        written.append((path, len(kolommen[0])))
    return written


def write_column(sheet: Sheet, col: int, values: list) -> None:
    if all(v is not None for v in values):
        sheet.ws.write_column(1, col, values)
        return
    for r, v in enumerate(values, start=1):
        sheet.cell(r, col, v)


def _zaken_jaar(jaar: int, orgs, seed: int, schaal: int) -> tuple[pl.DataFrame, dict]:
    rng = rng_for(seed, "odt_zaken", jaar)
    partijen = [c for c, o in orgs.items() if o.partij]
    omvang = np.array([OMVANG.get(c, 1.0) for c in partijen])
    werkdagen = working_days(jaar)
    fractie = len(werkdagen) / len(working_days(jaar, dt.date(jaar, 12, 31)))
    n = round(ZAKEN_PER_JAAR[jaar] * schaal * fractie * float(rng.normal(1.0, 0.01)))

    # per party habits: share of re-inspections, complaints, violations
    k = len(partijen)
    kans = np.tile(CONTROLE_KANS, (k, 1))
    kans[:, 1] *= rng.uniform(0.7, 1.3, k)
    kans[:, 2] *= rng.uniform(0.7, 1.3, k)
    kans[:, 4] *= rng.uniform(0.6, 1.6, k)
    kans[:, 0] = 1.0 - kans[:, 1:].sum(axis=1)
    grenzen = np.cumsum(kans, axis=1)[:, :-1]
    overtreding_kans = rng.uniform(0.15, 0.28, k)

    partij = rng.choice(k, size=n, p=omvang / omvang.sum())
    start = np.sort(rng.integers(0, len(werkdagen), n))
    start_dag = day_numbers(werkdagen)[start]

    # product table: inspection products first (index = controle type), then the rest
    insp_producten = [
        "Periodieke controle",
        "Hercontrole",
        "Handhavingstraject",
        "Ketentoezicht",
        "Klachtafhandeling",
        "Handhavingsverzoek",
    ]
    overige = [
        (tv, naam, norm)
        for tv, lijst in PRODUCTEN.items()
        for naam, norm, _ in lijst
        if tv in ("vergunningverlening", "advies", "overig")
    ]
    overig_aandeel = np.array(
        [
            a
            for tv, lijst in PRODUCTEN.items()
            for _, _, a in lijst
            if tv in ("vergunningverlening", "advies", "overig")
        ]
    )
    product_namen = insp_producten + [o[1] for o in overige]
    product_norm = np.array([6.0, 2.5, 16.0, 4.0, 3.0, 12.0] + [o[2] for o in overige])
    taakvelden = list(_enum("taakveld"))
    product_taakveld = np.array(
        [
            taakvelden.index(t)
            for t in ("toezicht", "toezicht", "handhaving", "toezicht", "toezicht", "handhaving")
        ]
        + [taakvelden.index(o[0]) for o in overige]
    )

    inspectie = rng.random(n) < 0.62
    ctype = (rng.random(n)[:, None] > grenzen[partij]).sum(axis=1)  # 0..4
    ctype = np.where(inspectie, ctype, -1)
    product = np.where(inspectie, ctype, 0)
    product = np.where(inspectie & (ctype == 2) & (rng.random(n) < 0.3), 5, product)
    anders = rng.choice(len(overige), size=n, p=overig_aandeel / overig_aandeel.sum()) + 6
    product = np.where(inspectie, product, anders)
    taakveld = product_taakveld[product]

    # lead time in days, by kind of work
    mediaan = np.select(
        [ctype == 2, ctype == 4, inspectie, taakveld == taakvelden.index("vergunningverlening")],
        [90.0, 10.0, 14.0, 56.0],
        default=21.0,
    )
    duur = np.maximum(1, np.round(mediaan * rng.lognormal(0.0, 0.7, n))).astype(np.int64)
    eind_dag = start_dag + duur
    lever = (np.datetime64(LEVERDATUM) - np.datetime64(DAG0)).astype(np.int64)
    # a backlog of stale cases, larger for recent years
    blijft_open = {2022: 0.002, 2023: 0.004, 2024: 0.008, 2025: 0.02}.get(jaar, 0.0)
    open_ = (eind_dag > lever) | (rng.random(n) < blijft_open)
    uren = product_norm[product] * rng.lognormal(0.0, 0.45, n)
    uren = np.round(np.where(open_, uren * rng.uniform(0.2, 0.9, n), uren), 1)

    p_overtreding = overtreding_kans[partij] * np.select(
        [ctype == 1, ctype == 2, ctype == 4], [1.5, 3.7, 1.2], default=1.0
    )
    overtreding = np.where(inspectie & ~open_, np.where(rng.random(n) < p_overtreding, 1, 0), -1)
    letter = rng.choice(4, size=n, p=[0.35, 0.35, 0.2, 0.1])
    cijfer = rng.choice(4, size=n, p=[0.3, 0.35, 0.25, 0.1])
    lhso = np.where(overtreding == 1, 1 + letter * 4 + cijfer, 0)
    straf = np.where(
        overtreding == -1, -1, np.where((overtreding == 1) & (rng.random(n) < 0.018), 1, 0)
    )
    aard = np.where(ctype == 4, 1 + rng.choice(5, size=n, p=[0.35, 0.35, 0.08, 0.1, 0.12]), 0)

    df = pl.DataFrame(
        {
            "partij": partij.astype(np.uint32),
            "taakveld": taakveld.astype(np.uint32),
            "product": product.astype(np.uint32),
            "ctype": (ctype + 1).astype(np.uint32),
            "start": start_dag,
            "eind": eind_dag,
            "open": open_,
            "uren": uren,
            "overtreding": overtreding.astype(np.int8),
            "lhso": lhso.astype(np.uint32),
            "straf": straf.astype(np.int8),
            "aard": aard.astype(np.uint32),
        }
    )
    breed = max(6, len(str(n)))
    ja_nee = {1: "ja", 0: "nee"}
    dag0 = pl.lit(DAG0)
    lhso_tabel = [None] + [f"{a}{c}" for a in "ABCD" for c in range(1, 5)]
    zaken = df.select(
        zaak_id=pl.format(
            f"Z{jaar}-{{}}", (pl.int_range(1, n + 1).cast(pl.String).str.zfill(breed))
        ),
        deelnemer=_lookup("partij", partijen),
        taakveld=_lookup("taakveld", taakvelden),
        product=_lookup("product", product_namen),
        controle_type=_lookup("ctype", [None, *_enum("controle_type")]),
        startdatum=dag0 + pl.duration(days=pl.col("start")),
        einddatum=pl.when(~pl.col("open")).then(dag0 + pl.duration(days=pl.col("eind"))),
        status=pl.when(pl.col("open")).then(pl.lit("open")).otherwise(pl.lit("afgerond")),
        uren=pl.col("uren"),
        overtreding=pl.col("overtreding").replace_strict(
            ja_nee, default=None, return_dtype=pl.String
        ),
        lhso_categorie=_lookup("lhso", lhso_tabel),
        strafrechtelijk=pl.col("straf").replace_strict(
            ja_nee, default=None, return_dtype=pl.String
        ),
        klacht_aard=_lookup("aard", [None, *_enum("klacht_aard")]),
    )
    info = {"inspectie": inspectie, "ctype": ctype, "open": open_, "overtreding": overtreding}
    return zaken, info


def _lookup(col: str, tabel: list) -> pl.Expr:
    return pl.lit(pl.Series(tabel, dtype=pl.String)).gather(pl.col(col))


def write_zaken(out: Path, orgs, seed: int, schaal: int) -> list[tuple[Path, int]]:
    written = []
    for jaar in JAREN:
        zaken, info = _zaken_jaar(jaar, orgs, seed, schaal)
        n = zaken.height
        kapot = None
        if jaar == 2023:  # broken: negative hours
            kapot = n // 3
            zaken = _set(zaken, kapot, uren=-2.5)
        elif jaar == 2024:  # broken: einddatum before startdatum
            kapot = n // 3 + int(np.argmax(~info["open"][n // 3 :]))
            start = zaken["startdatum"][kapot]
            zaken = _set(zaken, kapot, einddatum=start - dt.timedelta(days=5))
        elif jaar == 2025:  # broken: no such LHSO category
            kapot = n // 3 + int(np.argmax(info["overtreding"][n // 3 :] == 1))
            zaken = _set(zaken, kapot, lhso_categorie="E9")
            written.append(_zaken_correctie(out, zaken, info, kapot, seed))
        path = out / f"odt_zaken_{jaar}.csv"
        write_csv(zaken, path, date_format="%d-%m-%Y", decimal_comma=True)
        written.append((path, n))
    written.sort(key=lambda item: item[0].name)
    return written


def _set(df: pl.DataFrame, row: int, **values) -> pl.DataFrame:
    idx = pl.int_range(0, pl.len()) == row
    return df.with_columns(
        pl.when(idx).then(pl.lit(v, dtype=df.schema[k])).otherwise(pl.col(k)).alias(k)
        for k, v in values.items()
    )


def _zaken_correctie(out: Path, zaken: pl.DataFrame, info: dict, kapot: int, seed: int):
    """A re-delivery of 50 cases of 2025: 35 periodic inspections that were really
    re-inspections, 15 open cases that have since been closed (keyed upsert)."""
    rng = rng_for(seed, "odt_zaken", 9999)
    idx = np.arange(zaken.height)
    herzien = idx[(info["ctype"] == 0) & ~info["open"] & (idx != kapot)]
    gesloten = idx[info["open"] & info["inspectie"] & (idx != kapot)]
    herzien = np.sort(rng.choice(herzien, size=min(35, len(herzien)), replace=False))
    gesloten = np.sort(rng.choice(gesloten, size=min(15, len(gesloten)), replace=False))
    a = zaken[herzien].with_columns(
        controle_type=pl.lit("hercontrole"), product=pl.lit("Hercontrole")
    )
    eind = [
        dt.date(2026, 10, 1) + dt.timedelta(days=int(d)) for d in rng.integers(0, 30, len(gesloten))
    ]
    b = zaken[gesloten].with_columns(
        einddatum=pl.Series(eind, dtype=pl.Date),
        status=pl.lit("afgerond"),
        overtreding=pl.Series(np.where(rng.random(len(gesloten)) < 0.25, "ja", "nee")),
        strafrechtelijk=pl.lit("nee"),
    )
    b = b.with_columns(
        lhso_categorie=pl.when(pl.col("overtreding") == "ja").then(pl.lit("B2")).otherwise(None)
    )
    df = pl.concat([a, b]).sort("zaak_id")
    path = out / "odt_zaken_2025_correctie.csv"
    write_csv(df, path, date_format="%d-%m-%Y", decimal_comma=True)
    return path, df.height
