"""``python -m ingest.demo``: the data contract's command for the demo deliveries.

The generator is the top-level package ``demo/`` (a tool beside the stages, with its story as
data files); this name is kept because the contract, the Makefile and the README use it.
"""

from __future__ import annotations

import sys

from demo.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
