"""What reading one delivery may cost: the read budget of data contract v2 ("Bounded reading")."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class ReadBudget:
    """What reading one delivery may cost (data contract v2, "Bounded reading").

    ``cells`` and ``text`` count what a workbook's cells expand to (filled cells; characters of
    cell text, a shared string counted once per cell that shows it); ``memory`` is the resident
    memory of the worker process that reads and loads one delivery; ``xml`` caps the unpacked
    bytes of a workbook's parts (not in the contract: it stops a workbook that unpacks to
    gigabytes of markup without cells). A CSV does not expand: its text budget is its field text.
    """

    cells: int = 5_000_000
    text: int = 200 * 1024**2
    memory: int = 2 * 1024**3
    xml: int = 1024**3
    cell_chars: int = 32_767  # Excel's own limit for one cell; longer is no hand-made value

    @classmethod
    def from_env(cls) -> ReadBudget:
        """Defaults, or ``VTH_LEES_CELLEN``, ``VTH_LEES_TEKST_MB``, ``VTH_LEES_GEHEUGEN_MB``,
        ``VTH_LEES_XML_MB``."""
        mb = 1024**2
        env = os.environ
        return cls(
            cells=int(env.get("VTH_LEES_CELLEN") or cls.cells),
            text=int(float(env.get("VTH_LEES_TEKST_MB") or cls.text / mb) * mb),
            memory=int(float(env.get("VTH_LEES_GEHEUGEN_MB") or cls.memory / mb) * mb),
            xml=int(float(env.get("VTH_LEES_XML_MB") or cls.xml / mb) * mb),
        )
