"""The upload of the Gegevens page: check first, then publish (issue 16, point 1).

"Controleren" shows, per file, exactly what ``python -m ingest --controle`` says (rows added,
replaced, quarantined; the warning "vervangt 502 rijen door 1"; whose figures change), the
quarantined rows, the terugmelding for the supplier and, on request, how the indicators would
change. Nothing is loaded until "Publiceren"; a file that replaces many rows by few must be
confirmed explicitly. After publishing the upload box is emptied (a new widget key), so the
files cannot be loaded again by a second click. The logic lives in ``dashboard/publiceren.py``.
"""

from __future__ import annotations

import logging

import polars as pl
import streamlit as st

from core import fmt
from core.lock import LockBusy
from dashboard import logboek, publiceren, upload

_LOG = logging.getLogger(__name__)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _ronde() -> int:
    return int(st.session_state.get("upload_ronde", 0))


def _controleren(bestanden: list) -> None:
    inhoud = [(b.name, b.getvalue()) for b in bestanden]
    try:
        with st.spinner("De bestanden worden gecontroleerd; er wordt niets geladen…"):
            resultaat = publiceren.controleer_bestanden(inhoud)
    except LockBusy as exc:
        st.session_state["upload_melding"] = ("warning", str(exc))
        return
    st.session_state["upload_controle"] = {"bestanden": inhoud, "resultaat": resultaat}
    st.session_state.pop("upload_effect", None)
    st.session_state.pop("upload_melding", None)
    st.session_state.pop("_gelogd_controle", None)
    logboek.write("upload", {
        "stap": "controle",
        "bestanden": [g.naam for g in resultaat],
        "rijen_quarantaine": sum(g.controle.rijen_quarantaine for g in resultaat if g.controle),
    })


def _publiceren() -> None:
    controle = st.session_state.pop("upload_controle")
    te_laden = [(n, b) for (n, b), g in zip(controle["bestanden"], controle["resultaat"],
                                            strict=True) if g.controle is not None]
    with st.spinner("Laden, het warehouse opnieuw bouwen en publiceren…"):
        resultaat = publiceren.publiceer(te_laden)
    for naam, uitkomst, fout in resultaat.geladen:
        details: dict = {"stap": "publiceren", "bestand": naam}
        if uitkomst is None:
            details |= {"resultaat": "geweigerd", "reden": fout}
        else:
            details |= {"soort": uitkomst.soort, "resultaat": uitkomst.resultaat,
                        "lading_id": uitkomst.lading_id,
                        "rijen_geladen": uitkomst.rijen_geladen,
                        "rijen_quarantaine": uitkomst.rijen_quarantaine}
        logboek.write("upload", details)
    if resultaat.bouw is not None:
        b = resultaat.bouw
        logboek.write("herbouwen", {"aanleiding": "upload", "peildatum": b.peildatum.isoformat(),
                                      "resultaat": "gepubliceerd" if b.ok else "mislukt",
                                      "seconden": round(b.seconds, 1)})
    if resultaat.bezet:
        melding = ("warning", resultaat.bezet)
    elif resultaat.bouw is None:
        melding = ("info", "Er is niets veranderd: het gepubliceerde warehouse blijft zoals het "
                           "was.")
    elif resultaat.bouw.ok:
        melding = ("success",
                   f"Geladen en gepubliceerd (peildatum {fmt.date(resultaat.bouw.peildatum)}, "
                   f"{fmt.number(resultaat.bouw.seconds, 1)} s). Alle pagina's tonen nu de nieuwe "
                   "gegevens.")
    else:
        _LOG.error("build na upload mislukt: %s", resultaat.bouw.message)
        redenen = "; ".join(resultaat.bouw.failures[:3]) or "zie het buildlogboek op de server"
        melding = ("error", f"Geladen, maar de build is mislukt; het vorige warehouse blijft "
                            f"gepubliceerd. ({redenen})")
    st.session_state["upload_melding"] = melding
    st.session_state["upload_ronde"] = _ronde() + 1  # a new, empty upload box


def _terugmelding_knop(resultaat: list[publiceren.Gecontroleerd]) -> None:
    frame = publiceren.terugmelding_frame(resultaat)
    if frame.is_empty():
        return
    gebruiker, rol = st.session_state.get("gebruiker", "demo"), st.session_state.get("rol")

    def bestand() -> bytes:
        inhoud = publiceren.terugmelding(resultaat)
        # the delivered values may hold personal data (a name in the wrong column)
        logboek.write("pagina_persoonsgegevens",
                        {"pagina": "gegevens", "terugmelding": sorted(set(frame["bestand"])),
                         "rijen": frame.height}, gebruiker=gebruiker, rol=rol)
        return inhoud

    st.download_button(
        "Terugmelding (Excel)", bestand, file_name="terugmelding.xlsx", mime=XLSX,
        icon=":material/download:", key=f"terugmelding_{_ronde()}", on_click="ignore",
        help="De afgewezen rijen voor de leverancier: bestand, rij, kolom, waarde, reden.",
    )


def _toon_effect(resultaat: list[publiceren.Gecontroleerd]) -> None:
    effect = st.session_state.get("upload_effect")
    if effect is None:
        if st.button("Effect op de indicatoren berekenen", key="upload_effect_knop",
                     icon=":material/compare_arrows:",
                     help="Laadt en bouwt in een proefomgeving; duurt ongeveer zo lang als een "
                          "build. Het gepubliceerde warehouse verandert niet."):
            controle = st.session_state["upload_controle"]
            te_laden = [(n, b) for (n, b), g in zip(controle["bestanden"], resultaat, strict=True)
                        if g.controle is not None]
            try:
                with st.spinner("Proefbuild…"):
                    st.session_state["upload_effect"] = publiceren.indicator_effect(te_laden)
            except Exception as exc:  # noqa: BLE001 - the check stands without the preview
                _LOG.exception("indicatorvoorbeeld mislukt")
                st.warning(f"Het effect op de indicatoren kon niet worden berekend ({exc}).")
                return
            st.rerun()
        return
    deelnemers = sorted({d for g in resultaat if g.controle for d in g.controle.deelnemers})
    jaren = sorted({j for g in resultaat if g.controle for j in g.controle.jaren})
    verschillen = effect.voor_deelnemers(deelnemers, jaren or None)
    if not verschillen:
        st.info("De indicatoren van de betrokken deelnemers veranderen niet.")
        return
    st.markdown("**Effect op de indicatoren** (voor → na, betrokken deelnemers)")
    st.dataframe(
        pl.DataFrame({
            "Deelnemer": [v.deelnemer_code for v in verschillen],
            "Jaar": [str(v.jaar) for v in verschillen],
            "Indicator": [v.indicator_id for v in verschillen],
            "Voor": [fmt.number(v.waarde_voor, 2) for v in verschillen],
            "Na": [fmt.number(v.waarde_na, 2) for v in verschillen],
            "Status voor": [fmt.status(v.status_voor) for v in verschillen],
            "Status na": [fmt.status(v.status_na) for v in verschillen],
        }),
        hide_index=True, width="stretch",
    )
    if effect.landing_nieuwer:
        st.caption("Let op: er zijn al eerder geladen bestanden die nog niet gepubliceerd zijn; "
                   "het verschil omvat die ook.")


def _toon_controle() -> None:
    controle = st.session_state["upload_controle"]
    resultaat: list[publiceren.Gecontroleerd] = controle["resultaat"]
    st.markdown("#### Controle: wat een lading zou doen")
    waarschuwingen = []
    for g in resultaat:
        if g.fout:
            st.error(g.fout, icon=":material/block:")
            continue
        c = g.controle
        assert c is not None
        regels = c.regels()
        doos = st.error if c.resultaat == "mislukt" else (
            st.warning if c.waarschuwing or c.rijen_quarantaine else st.info)
        doos(f"**{regels[0]}**" + "".join(f"\n- {r.strip()}" for r in regels[1:]))
        if c.waarschuwing:
            waarschuwingen.append(f"{c.bron}: {c.waarschuwing}")
    frame = publiceren.terugmelding_frame(resultaat)
    if not frame.is_empty():
        if not st.session_state.get("_gelogd_controle"):  # once per check
            logboek.write("pagina_persoonsgegevens",
                          {"pagina": "gegevens_controle", "rijen": frame.height})
            st.session_state["_gelogd_controle"] = True
        st.dataframe(frame.rename(publiceren.TERUGMELDING_KOLOMMEN), hide_index=True,
                     width="stretch")
        _terugmelding_knop(resultaat)
    _toon_effect(resultaat)

    laadbaar = any(g.controle is not None and g.controle.resultaat != "mislukt"
                   for g in resultaat)
    akkoord = True
    if waarschuwingen:
        akkoord = st.checkbox(
            "Ik heb gezien dat " + "; ".join(waarschuwingen) + ", en wil toch publiceren",
            key=f"upload_bevestig_{_ronde()}",
        )
    kolommen = st.columns([1, 1, 4])
    if kolommen[0].button("Publiceren", key="upload_publiceren", type="primary",
                          icon=":material/publish:", disabled=not (laadbaar and akkoord)):
        _publiceren()
        st.rerun()
    if kolommen[1].button("Annuleren", key="upload_annuleren"):
        st.session_state.pop("upload_controle", None)
        st.session_state.pop("upload_effect", None)
        st.session_state["upload_ronde"] = _ronde() + 1
        st.rerun()


def toon() -> None:
    """The upload section (the caller checked ``access.mag("uploaden")``)."""
    st.subheader("Levering uploaden")
    st.caption(
        "CSV of Excel (.xlsx), maximaal 50 MB per bestand. Eerst controleren: je ziet wat een "
        "lading zou doen (rijen toegevoegd, vervangen, in quarantaine) zonder dat er iets "
        "verandert. Pas 'Publiceren' laadt de bestanden en bouwt en publiceert het warehouse."
    )
    bestanden = st.file_uploader(
        "Bestanden", type=[s.lstrip(".") for s in upload.ALLOWED_SUFFIXES],
        accept_multiple_files=True,
        key=f"upload_bestanden_{_ronde()}",
    )
    if st.button("Controleren", key="upload_controleren", icon=":material/fact_check:",
                 disabled=not bestanden):
        _controleren(bestanden or [])
    melding = st.session_state.get("upload_melding")
    if melding:
        getattr(st, melding[0])(melding[1])
    if st.session_state.get("upload_controle"):
        _toon_controle()
