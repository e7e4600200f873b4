"""An invalid link parameter gets a Dutch message that names it, never a silent default
(issue 12: ``?jaar=1999&deelnemer=XYZ`` silently showed the newest year and the first party)."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"


def _start(params: dict[str, str]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params.update(params)
    at.run()
    assert not at.exception, at.exception
    return at


def test_invalid_link_parameters_are_named_in_a_dutch_message(warehouse: Path) -> None:
    at = _start({"jaar": "1999", "deelnemer": "XYZ"})
    meldingen = [w.value for w in at.warning][1:]  # after the demo banner
    assert meldingen == [
        "De link vraagt jaar 1999, maar daarvoor zijn geen gegevens; getoond wordt 2025.",
        "De link vraagt deelnemer XYZ, maar die deelnemer is onbekend; getoond wordt Enschede.",
    ]
    # What is shown is what the message says, and the URL now says so too.
    assert at.sidebar.selectbox(key="filter_jaar").value == 2025
    assert at.query_params == {"jaar": "2025", "deelnemer": "ENS"}
    # The next click does not repeat the message: the link has been followed.
    at.run()
    assert len(at.warning) == 1


def test_valid_link_parameters_give_no_message(warehouse: Path) -> None:
    at = _start({"jaar": "2024", "deelnemer": "HEN"})
    assert len(at.warning) == 1  # the demo banner only
    assert at.sidebar.selectbox(key="filter_deelnemer").value == "HEN"


def test_a_hostile_link_value_is_shown_as_text_not_markdown(warehouse: Path) -> None:
    at = _start({"deelnemer": "![x](https://evil.example/p.png)[klik](https://evil.example)"})
    melding = at.warning[1].value
    assert melding.startswith("De link vraagt deelnemer ")
    # Only letters, digits and . _ - of the value are shown, at most 30: no link, no image.
    assert not any(teken in melding for teken in "![]()/:") and len(melding) < 150
