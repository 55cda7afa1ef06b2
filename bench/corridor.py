#!/usr/bin/python3
"""Corridor benchmark: wall time and memory of a 60 s corridor run with loaded APs.

Issue 12's cost target: a corridor of 4 APs with cross traffic and 3 mobile
hosts (each with its own correspondent and bulk upload), 60 s simulated, in
under 3 minutes of wall time on this machine. Each scheme runs the example
program once per repetition, as a user would; the driver records the wall
time and the peak resident memory of each run (wait4), every host's
handovers and whether every connection survived, and writes runs.csv and
summary.md into --out.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import subprocess
import sys
import time

from benchlib import load_average, run_header, write_csv

#: The schemes compared: name and example flags.
SCHEMES = {
    "mobisocket-direct": ["--protocol=mobisocket", "--signalling=direct"],
    "mobisocket-inband": ["--protocol=mobisocket", "--signalling=inband"],
    "tcp-r": ["--protocol=tcp-r", "--signalling=inband"],
    "migrate": ["--protocol=migrate", "--signalling=inband"],
    "redirect": ["--protocol=redirect", "--signalling=inband", "--prepareAfterS=0.5"],
    "tcp": ["--protocol=tcp", "--signalling=inband"],
}


def corridor_flags(sim_time: float, cross_mbps: float, hosts: int) -> list[str]:
    """4 APs 100 m apart on one channel, walked end to end at 5 m/s by `hosts` MHs
    10 m apart, each AP loaded."""
    return [
        "--apCount=4",
        f"--mobileHosts={hosts}",
        "--hostGapM=10",
        "--apChannels=36",
        "--speedMps=5",
        "--moveStartS=1",
        f"--simTimeS={sim_time:g}",
        "--crossTraffic=udp",
        f"--crossRateMbps={cross_mbps:g}",
        "--traffic=bulk",
    ]


def run_once(program: str, flags: list[str]) -> dict:
    """Run the example, return its wall time, peak RSS and what it printed."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [program, *flags], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return {
        "wall_s": round(time.perf_counter() - start, 3),
        "max_rss_mib": round(usage.ru_maxrss / 1024, 1),
        "status": process.returncode,
        "output": output,
    }


def parse(output: str) -> dict:
    """Handovers, their outcomes and the verdict from the example's printout."""
    outcomes = re.findall(r"WiFi handover of the MH\d*: (\w+)", output)
    survived = "connection survived" in output
    delivered = re.search(r"Delivered: (\d+) B uplink", output)
    return {
        "handovers": len(outcomes),
        "resumed": outcomes.count("resumed"),
        "survived": int(survived),
        "uplink_bytes": int(delivered.group(1)) if delivered else 0,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build-dir", default="build")
    parser.add_argument("--out", default="results/bench/corridor")
    parser.add_argument("--schemes", default=",".join(SCHEMES))
    parser.add_argument("--reps", type=int, default=1, help="runs per scheme")
    parser.add_argument("--sim-time", type=float, default=60.0, help="simTimeS")
    parser.add_argument("--cross-mbps", type=float, default=5.0, help="UDP rate per AP")
    parser.add_argument("--mobile-hosts", type=int, default=3, help="mobileHosts")
    args = parser.parse_args()
    program = os.path.join(args.build_dir, "examples", "mobisocket-wifi-handover")
    if not os.access(program, os.X_OK):
        raise SystemExit(f"{program} is missing: build first (./build.sh build)")
    schemes = args.schemes.split(",")
    unknown = [s for s in schemes if s not in SCHEMES]
    if unknown:
        raise SystemExit(f"unknown scheme(s) {unknown}; known: {', '.join(SCHEMES)}")
    load_before = load_average()
    os.makedirs(args.out, exist_ok=True)
    rows = []
    for scheme in schemes:
        for rep in range(1, args.reps + 1):
            flags = corridor_flags(args.sim_time, args.cross_mbps, args.mobile_hosts)
            flags += SCHEMES[scheme]
            flags.append(f"--RngRun={rep}")
            result = run_once(program, flags)
            row = {"scheme": scheme, "RngRun": rep, "wall_s": result["wall_s"],
                   "max_rss_mib": result["max_rss_mib"], "status": result["status"],
                   **parse(result["output"])}  # fmt: skip
            rows.append(row)
            print(f"{scheme} RngRun {rep}: {row['wall_s']:.1f} s wall, "
                  f"{row['max_rss_mib']} MiB, {row['handovers']} handovers, "
                  f"{row['resumed']} resumed", flush=True)  # fmt: skip
    write_csv(os.path.join(args.out, "runs.csv"), rows)
    slowest = max(rows, key=lambda r: r["wall_s"])
    command = f"/usr/bin/python3 bench/corridor.py {shlex.join(sys.argv[1:])}".rstrip()
    lines = [
        "# Corridor benchmark",
        "",
        *run_header(load_before),
        f"Command: `{command}`",
        "",
        f"Each run: `{program} "
        f"{' '.join(corridor_flags(args.sim_time, args.cross_mbps, args.mobile_hosts))}` "
        "plus the scheme's flags and `--RngRun`. Handovers and resumed count every mobile "
        "host's; survived: every connection survived.",
        "",
        "| scheme | RngRun | wall s | peak RSS MiB | handovers | resumed | survived | uplink MB |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['scheme']} | {r['RngRun']} | {r['wall_s']:.1f} | {r['max_rss_mib']} | "
            f"{r['handovers']} | {r['resumed']} | {r['survived']} | {r['uplink_bytes'] / 1e6:.1f} |"
        )
    lines += [
        "",
        f"Slowest run: {slowest['wall_s']:.1f} s ({slowest['scheme']}); target: under 180 s "
        f"for {args.sim_time:g} s simulated: {'met' if slowest['wall_s'] < 180 else '**missed**'}.",
        "",
    ]
    with open(os.path.join(args.out, "summary.md"), "w") as f:
        f.write("\n".join(lines))
    print("\n".join(lines))
    return 0 if all(r["status"] == 0 for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
