"""Run a command that ends when the process that started it ends (Linux).

``python -I -S warehouse/_met_ouder.py PARENT_PID COMMAND [ARG ...]`` asks the kernel to send
SIGKILL to this process when its parent dies (``prctl(PR_SET_PDEATHSIG)``), checks that the
parent is still ``PARENT_PID`` (it may have died before the request), and then replaces itself
with COMMAND by ``exec``: same process, so the setting holds for COMMAND.

warehouse/build.py starts dbt this way. The out-of-memory killer kills only the build's Python
process; a dbt that lived on would keep the landing database locked and the next load would
fail. A separate starter rather than ``subprocess``'s ``preexec_fn``, which is not safe in a
process with threads (the dashboard rebuilds from a Streamlit script thread). Kept to the
standard library (``-S``: no site-packages), so it adds only a few milliseconds.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def main(argv: list[str]) -> int:
    ouder, opdracht = int(argv[0]), argv[1:]
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) != 0:
            fout = ctypes.get_errno()
            print(f"prctl(PR_SET_PDEATHSIG) mislukt: {os.strerror(fout)}", file=sys.stderr)
            return 1
        if os.getppid() != ouder:  # the parent died before the request: do not start at all
            return 1
    os.execv(opdracht[0], opdracht)  # no return


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
