"""The summary sentences, discussion points and table rows, by rules, checked against values
computed by hand from the fixture deliveries (tests/fixtures/, built at 30-06-2025).

The fixture facts used below (file: rows):
- presentie_pho.csv: PHO meetings 01-02-2024 and 01-05-2024; ENS present at both (the second
  as vervanger), HEN represented by Enschede on 01-02 and "ziek" (quarantined) on 01-05, ALM
  "vertegenwoordigd" without by whom (quarantined).
- na_peildatum_presentie.csv: PHO 12-03-2025 (ENS as voorzitter: the PHO chair counts, and
  HEN) and 11-09-2025 (after the peildatum); kerngroep 30-06-2025: ENS only as secretaris and
  voorzitter (officers, not delegates) and "afgemeld" as ambtenaar, HEN present.
- inzet_puntkomma_utf8bom.csv, inzet_fouten.csv: ENS 3,5 h (05-03-2024), 2 h (01-04-2024) and
  1 h (08-04-2024) kerngroep = 6,5 h in 2024; no ENS hours in 2025.
- bijdragen_excel.xlsx: ENS vaste bijdrage 2024 paid 01-03-2024; na_peildatum_bijdragen.csv:
  ENS 2025 paid 15-07-2025 (after the peildatum: not paid).
- odt_productie_koppen.csv: ENS 2025 month 1 planned 10 products / 100 h, realised 8 / 90,5 h
  (month 2 has 3,5 products: quarantined; month 13: quarantined); na_peildatum_odt_productie:
  HEN month 6 planned 4 / 40 h, realised 4 / 38 h (month 7 is after the peildatum).
- agenda_*.csv: A4 "Evaluatiekader opstellen" (ENS, deadline 31-05-2025, done 10-07-2025:
  after the peildatum, so overdue on it); A3 has no afgerond_op (quarantined).
"""

from __future__ import annotations

from datetime import date

from report import samenvatting, stoplicht
from report.bron import Publicatie
from report.gegevens import Cijfers, Indicator, Meting


def _rij(rijen: list[stoplicht.Rij], indicator_id: str) -> stoplicht.Rij:
    return next(r for r in rijen if r.indicator.id == indicator_id)


def test_summary_of_a_closed_year_for_enschede(cijfers_van) -> None:
    c = cijfers_van(2024, "ENS")
    rijen = stoplicht.rijen(c)
    zinnen = samenvatting.samenvatting(c, rijen)
    # Own statuses 2024: pho_presentie 2/2 = 100 (groen), kerngroep_presentie 2/2 (groen),
    # twentebreed_presentie 1/1 (groen), vaste_bijdrage_betaald 10.000/10.000 (groen);
    # inzet_uren 6,5 < 75% of 130 (rood), bijdrage_vervulling 100 x 6,5/130 = 5 (rood);
    # no ODT production in 2024: no status. 4 of 6 groen, 2 rood.
    assert zinnen[0] == (
        "In 2024 voldeed Enschede aan 4 van de 6 normen voor de eigen cijfers (groen); "
        "2 halen de norm niet (rood)."
    )
    # Every party's vervulling is below 100 (the highest, Hof van Twente, is 8 h / 130 h +
    # 3.750,75 / 10.000 = 43,66): 0 of the 15 parties.
    assert "0 van de 15 partijen leverden in 2024 hun volledige bijdrage (vervulling ten minste " \
           "100%); Enschede niet, met 5,0%." in zinnen
    # Two PHO meetings (norm 4); ENS at both; the parties' mean: (ENS 100 + HEN 1 of 2 = 50
    # + 13 x 0) / 15 = 10,0.
    assert ("Het PHO vergaderde in 2024 2 keer (norm 4); Enschede was bij 100,0% daarvan "
            "aanwezig of vertegenwoordigd (gemiddelde van de partijen: 10,0%).") in zinnen
    # Hours against the parties' mean: 2024 party hours ENS 6,5, HVT 2 + 4,25 + 1,75 = 8, PRO 8,
    # RIH 0,5, WIE 2 + 1,5 = 3,5 (+ 10 parties with 0): 26,5 / 15 = 1,77 -> "1,8 uur".
    assert ("Enschede zette 6,5 uur in (norm 130 uur); een partij zette gemiddeld 1,8 uur in."
            in " ".join(zinnen))
    # Overdue on 30-06-2025: only A4, led by Enschede.
    assert ("Op de peildatum 30-06-2025 is 1 agenda-item over de deadline en niet afgerond; "
            "Enschede is trekker van 1 daarvan: ‘Evaluatiekader opstellen’.") in zinnen
    # No ODT production in 2024: no ODT sentence.
    assert not any(z.startswith("ODT") for z in zinnen)


def test_summary_of_the_running_year_for_enschede(cijfers_van) -> None:
    c = cijfers_van(2025, "ENS")
    assert c.lopend_jaar and c.vergelijkingsdag == date(2024, 6, 30)
    rijen = stoplicht.rijen(c)
    zinnen = samenvatting.samenvatting(c, rijen)
    # Own statuses up to 30-06-2025: pho_presentie 1/1 (groen); kerngroep_presentie 0/1 (rood:
    # the officers' rows do not count, the ambtenaar was afgemeld); twentebreed: no meeting, no
    # status; inzet_uren 0 (rood); bijdrage_vervulling 0 (rood); vaste_bijdrage_betaald 0 (paid
    # after the peildatum: rood); odt_uren_realisatie 90,5 (within ±10: oranje);
    # odt_producten_realisatie 80 (beyond ±10: rood). 1 groen, 1 oranje, 5 rood of 7.
    assert zinnen[0] == (
        "In 2025 (t/m 30-06-2025) ligt Enschede bij 1 van de 7 normen voor de eigen cijfers op "
        "koers (groen); 1 vraagt aandacht (oranje) en 5 halen de norm niet (rood)."
    )
    assert ("0 van de 15 partijen liggen met hun bijdrage op koers (vervulling t/m 30-06-2025 "
            "ten minste 100%); Enschede niet, met 0,0%.") in zinnen
    # One PHO meeting up to the peildatum (11-09 is later); the norm 4 pro rata: 4 x 181/365 =
    # 1,98 -> "2,0"; parties' mean (ENS 100 + HEN 100) / 15 = 13,3.
    assert ("Het PHO vergaderde t/m 30-06-2025 1 keer (norm 4; tot peildatum 2,0); Enschede was "
            "bij 100,0% daarvan aanwezig of vertegenwoordigd (gemiddelde van de partijen: 13,3%)."
            ) in zinnen
    # ODT: ENS 90,5 / 100 h and 8 / 10 products; region (90,5 + 38) / 140 = 91,79 and
    # (8 + 4) / 14 = 85,71.
    assert ("ODT realiseerde t/m 30-06-2025 voor Enschede 90,5% van de geplande uren en 80,0% van "
            "de geplande producten (regio: 91,8% en 85,7%).") in zinnen


def test_running_year_trend_compares_with_last_year_up_to_the_same_day(cijfers_van) -> None:
    c = cijfers_van(2025, "ENS")
    rijen = stoplicht.rijen(c)
    uren = _rij(rijen, "inzet_uren")
    # ENS: 0 h up to 30-06-2025 against 6,5 h up to 30-06-2024 (all three 2024 rows are in
    # March and April): lower is worse for a minimum norm.
    assert (uren.eigen.waarde, uren.vorig, uren.vorig_heel_jaar) == (0.0, 6.5, False)
    assert uren.trend == stoplicht.Trend("↓", "slechter")
    # PHO meetings (a region indicator): 1 up to 30-06-2025, 2 up to 30-06-2024.
    pho = _rij(rijen, "pho_vergaderingen")
    assert (pho.basis.waarde, pho.vorig, pho.trend) == (1.0, 2.0, stoplicht.Trend("↓", "slechter"))
    # ENS PHO attendance 100 both times: equal.
    assert _rij(rijen, "pho_presentie").trend == stoplicht.Trend("→", "gelijk")
    # bijdrage_vervulling comes from yearly per-party totals: no same-day value, so last
    # year's whole year (100 x 6,5 / 130 = 5,0) and no trend arrow.
    vervulling = _rij(rijen, "bijdrage_vervulling")
    assert (vervulling.vorig, vervulling.vorig_heel_jaar, vervulling.trend) == (5.0, True, None)


def test_closed_year_compares_with_last_years_published_value(cijfers_van) -> None:
    c = cijfers_van(2024, "ENS")
    assert not c.lopend_jaar and c.tot_zelfde_dag == {}
    pho = _rij(stoplicht.rijen(c), "pho_presentie")
    # No PHO rows in 2023: the 2023 value is NULL, so there is no trend.
    assert pho.vorig is None and pho.trend is None


def test_discussion_points_name_what_turned_red(cijfers_van) -> None:
    c = cijfers_van(2025, "ENS")
    rijen = stoplicht.rijen(c)
    punten = samenvatting.bespreekpunten(c, rijen, {"inzet_uren": ["Uren volgen."]})
    teksten = [p.tekst for p in punten]
    # Red on 30-06-2025 and groen in 2024: kerngroep_leden (2025: HEN only; 2024: ENS, HEN,
    # ALM and BOR (a guest is no officer) = 4 >= 3), kerngroep_presentie (ENS 100 -> 0),
    # vaste_bijdrage_betaald (100 -> 0), agenda_op_tijd (A2 on time in 2024: 100; A4 late: 0).
    geworden = [p.indicator_id for p in punten if "rood geworden" in p.tekst]
    assert geworden == ["kerngroep_leden", "kerngroep_presentie", "vaste_bijdrage_betaald",
                        "agenda_op_tijd"]
    assert "Presentie kerngroep is rood geworden: 0,0% (norm 100%); in 2024 groen." in teksten
    # Red in both years, in catalogue order, then the overdue items (oranje: 1 item, <= 2).
    nog_rood = [p.indicator_id for p in punten if p.tekst.endswith(").") and "is rood:" in p.tekst]
    assert nog_rood == ["kerngroep_vergaderingen", "twentebreed_vergaderingen", "inzet_uren",
                        "bijdrage_vervulling", "bijdrage_norm_gehaald",
                        "odt_producten_realisatie"]
    assert teksten[-1] == ("Achterstallige agenda-items (oranje): 1 agenda-item is over de "
                           "deadline, waarvan 1 met Enschede als trekker (zie ‘Achterstallige "
                           "agenda-items’).")
    # The kerngroep's note goes with its figure.
    uren = next(p for p in punten if p.indicator_id == "inzet_uren")
    assert uren.toelichtingen == ("Uren volgen.",)


def test_region_report_judges_the_region(cijfers_van) -> None:
    c = cijfers_van(2024, None)
    rijen = stoplicht.rijen(c)
    uren = _rij(rijen, "inzet_uren")
    # Region hours 2024: 6,5 + 8 + 8 + 0,5 + 3,5 = 26,5 against 130 x 15 = 1.950: rood.
    assert (uren.eigen, uren.basis.waarde, uren.status, uren.basis_is_regio) == (
        None, 26.5, "rood", True)
    # bijdrage_vervulling has no region value: the parties' mean, without a status.
    vervulling = _rij(rijen, "bijdrage_vervulling")
    assert vervulling.regio_is_gemiddelde and vervulling.status is None


# --- the rules on figures made by hand ---------------------------------------------------------


def _indicator(indicator_id: str, eenheid: str = "procent", niveau: str = "P",
               regel: str = "minimum") -> Indicator:
    return Indicator(indicator_id, 1, indicator_id, "", eenheid, frozenset(niveau.split(",")),
                     regel, "absoluut", 100.0, 75.0, False, "", "")


def _cijfers(waarden: dict, jaar: int = 2025, peildatum: date = date(2026, 6, 30)) -> Cijfers:
    partijen = [f"P{n:02d}" for n in range(1, 16)]
    return Cijfers(
        publicatie=Publicatie(None, peildatum, None), jaar=jaar, deelnemer="P01",
        organisaties={p: f"Partij {p}" for p in partijen}, partijen=partijen,
        kader=[_indicator("bijdrage_vervulling")], waarden=waarden, eerste_normjaar=2024,
        achterstallig=[],
    )


def test_two_of_fifteen_parties_meet_the_contribution_norm() -> None:
    # 15 parties: P01 exactly 100 and P02 116,2 meet the norm, and so does P03 at 99,996 (the
    # warehouse publishes it rounded as 100,00: evaluatiekader v2 decision 3); P04 has no value
    # (represented by another party: not counted); the other 11 are 55..65. 3 of 14.
    waarden = {("bijdrage_vervulling", 2025, "P01"): Meting(100.0, 100.0, 100.0, "groen"),
               ("bijdrage_vervulling", 2025, "P02"): Meting(116.2),
               ("bijdrage_vervulling", 2025, "P03"): Meting(99.996),
               ("bijdrage_vervulling", 2025, "P04"): Meting(None)}
    for n in range(5, 16):
        waarden[("bijdrage_vervulling", 2025, f"P{n:02d}")] = Meting(50.0 + n)
    assert samenvatting.bijdrage_telling(_cijfers(waarden)) == (3, 14)
    # P03 at 99,99 falls short: 2 of 14, the "2 van de 15" shape.
    waarden[("bijdrage_vervulling", 2025, "P03")] = Meting(99.99)
    assert samenvatting.zin_bijdragen(_cijfers(waarden)) == (
        "2 van de 14 partijen leverden in 2025 hun volledige bijdrage (vervulling ten minste "
        "100%); Partij P01 wel, met 100,0%."
    )


def test_trend_follows_the_status_rule_and_what_the_reader_sees() -> None:
    t = stoplicht.trend
    assert t(120, 100, "minimum", 100, "procent") == stoplicht.Trend("↑", "beter")
    assert t(3, 1, "maximum", 0, "aantal") == stoplicht.Trend("↑", "slechter")
    # afwijking: 104,8 is further from 100 than 101,8
    assert t(104.8, 101.8, "afwijking", 100, "procent") == stoplicht.Trend("↑", "slechter")
    assert t(97, 90, "afwijking", 100, "procent") == stoplicht.Trend("↑", "beter")
    assert t(5, 3, "geen", None, "aantal") == stoplicht.Trend("↑", "hoger")
    # 101,72 and 101,70 both show as "101,7%": equal, not worse
    assert t(101.72, 101.70, "minimum", 100, "procent") == stoplicht.Trend("→", "gelijk")
    assert t(None, 3, "minimum", 4, "aantal") is None


def test_the_same_day_last_year() -> None:
    from report.vergelijking import maandgrens_exact, zelfde_dag_vorig_jaar

    assert zelfde_dag_vorig_jaar(date(2026, 6, 30)) == date(2025, 6, 30)
    assert zelfde_dag_vorig_jaar(date(2024, 2, 29)) == date(2023, 2, 28)
    assert maandgrens_exact(date(2025, 6, 30)) and not maandgrens_exact(date(2025, 6, 15))
