"""What the benchmark drivers share: the machine's description and callgrind's numbers."""

from __future__ import annotations

import csv
import os
import platform
import re
import subprocess
import time

#: A function line of callgrind_annotate: count, percentage, [file:]name [object].
_LINE = re.compile(r"\s*([\d,]+) \(\s*[\d.]+%\)\s+(?:[^:\s]*:)?(.+?)(?: \[[^\]]*\])?$")


def machine() -> str:
    """CPU count, model and platform (for the record next to every figure)."""
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{os.cpu_count()} CPUs (nproc), {model}, {platform.platform()}"


def load_average() -> str:
    """The 1, 5 and 15 minute load averages (other work on the machine skews wall times)."""
    try:
        with open("/proc/loadavg") as f:
            return " ".join(f.read().split()[:3])
    except OSError:
        return "unknown"


def run_header(load_before: str) -> list[str]:
    """The machine and finishing-time lines every summary starts with."""
    return [
        f"Machine: {machine()}",
        f"Finished: {time.strftime('%Y-%m-%d %H:%M:%S %Z')}; load average before: {load_before}, "
        f"after: {load_average()}",
    ]


def read_csv(path: str) -> list[dict]:
    """Every row of a CSV file with a header, as dicts."""
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def write_csv(path: str, rows: list[dict], fields: list[str] | None = None) -> None:
    """Write rows (dicts) with a header: ``fields``, or the first row's keys."""
    with open(path, "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields or list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def callgrind_total(path: str) -> int:
    """The program's total instruction count from a callgrind output file."""
    with open(path) as f:
        for line in f:
            if line.startswith(("summary:", "totals:")):
                return int(line.split()[1])
    raise SystemExit(f"no totals in {path}")


def _annotate(path: str, inclusive: bool) -> list[tuple[int, str]]:
    args = ["callgrind_annotate", "--auto=no", "--threshold=100", path]
    if inclusive:
        args.insert(2, "--inclusive=yes")
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    entries = []
    for line in out.splitlines():
        m = _LINE.match(line)
        if m and "PROGRAM TOTALS" not in line:
            entries.append((int(m.group(1).replace(",", "")), m.group(2)))
    return entries


def inclusive_costs(path: str) -> dict[str, int]:
    """Inclusive instruction count per function (name without its arguments).

    callgrind_annotate lists a function once per source file its code comes
    from (the .cc under two spellings, inlined headers); those entries
    overlap, and the largest is the function's inclusive cost.
    """
    costs: dict[str, int] = {}
    for count, name in _annotate(path, inclusive=True):
        name = name.replace("[abi:cxx11]", "")
        # drop the argument list: "ns3::X::F(args) const" -> "ns3::X::F"
        depth, cut = 0, len(name)
        for i, c in enumerate(name):
            if c == "(" and depth == 0 and not name[:i].endswith("operator"):
                cut = i
                break
            depth += c == "<"
            depth -= c == ">"
        key = name[:cut]
        costs[key] = max(costs.get(key, 0), count)
    return costs


def self_costs(path: str) -> dict[str, int]:
    """Exclusive (self) instruction count per function."""
    costs: dict[str, int] = {}
    for count, name in _annotate(path, inclusive=False):
        costs[name] = costs.get(name, 0) + count
    return costs
