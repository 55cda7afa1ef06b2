"""One sweep run in its own process: ``python3 -m mobisocket._worker``.

Reads ``{"params": {name: value, ...}}`` as JSON on stdin, runs the scenario
and writes ``{"summary": {...}}`` as JSON on stdout (NaN as null). Anything
the simulation itself prints goes to stderr, so stdout carries only the
answer. A bad parameter exits with status 2; an ns-3 abort (NS_FATAL_ERROR)
kills this process only, and the sweep records the run as failed.
"""

from __future__ import annotations

import json
import os
import sys

from ._scenario import run, summarize
from ._sweep import to_json


def _die_with_parent() -> None:
    """Linux: be killed if the sweep that started this process dies (e.g. SIGTERM, SIGKILL)."""
    parent = os.environ.get("MOBISOCKET_SWEEP_PARENT")
    if not parent or not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        import signal

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != int(parent):  # the parent died before prctl
        os._exit(3)


def main() -> int:
    """Run the request on stdin; return the exit status."""
    _die_with_parent()
    request = json.load(sys.stdin)
    # Keep the real stdout for the answer; point fd 1 (C++ std::cout too) at stderr.
    answer = os.fdopen(os.dup(sys.stdout.fileno()), "w")
    sys.stdout.flush()
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    try:
        result = run(**request["params"])
    except ValueError as error:
        print(f"mobisocket._worker: {error}", file=sys.stderr)
        return 2
    json.dump({"summary": to_json(summarize(result))}, answer)
    answer.write("\n")
    answer.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
