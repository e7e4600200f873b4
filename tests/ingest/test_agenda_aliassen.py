"""Agenda aliases are part of data contract v2 (evaluatiekader v2 decision 7): a pillar by its
letter, its name or its short name; the status aliases gereed/klaar and in uitvoering."""

from __future__ import annotations

from ingest.load import connect_landing, load_paths


def test_pillar_short_names_and_status_aliases_of_the_contract(data_dir, tmp_path):
    levering = tmp_path / "agenda_aliassen.csv"
    rijen = [
        ("P1", "Beleidscyclus", "gereed", "01-02-2025"),
        ("P2", "Ondermijning", "klaar", "01-02-2025"),
        ("P3", "Energie", "in uitvoering", ""),
        ("P4", "Bodem", "lopend", ""),
        ("P5", "Omgevingsrecht", "gepland", ""),
        ("P6", "Wkb", "vertraagd", ""),
        ("P7", "Constructieve kennis", "gestopt", ""),
        ("P8", "Beleids- en uitvoeringscyclus", "lopend", ""),
    ]
    levering.write_text(
        "id;type;pijler;titel;status;afgerond_op\n"
        + "".join(f"{i};project;{p};Titel {i};{s};{d}\n" for i, p, s, d in rijen),
        encoding="utf-8",
    )
    uitkomst = load_paths([levering])[0]
    assert (uitkomst.rijen_geladen, uitkomst.rijen_quarantaine) == (8, 0), uitkomst.line()
    con = connect_landing()
    try:
        assert con.sql("select id, pijler, status from bron.agenda order by id").fetchall() == [
            ("P1", "a", "afgerond"),
            ("P2", "b", "afgerond"),
            ("P3", "c", "lopend"),
            ("P4", "d", "lopend"),
            ("P5", "e", "gepland"),
            ("P6", "f", "vertraagd"),
            ("P7", "g", "gestopt"),
            ("P8", "a", "lopend"),
        ]
    finally:
        con.close()
