#!/usr/bin/python3
"""Sweep throughput: the same grid with mobisocket.sweep(workers=1), then workers=2.

Each run of a sweep is one process (``python3 -m mobisocket._worker``) running
the WiFi handover scenario, so on a machine with two cores two workers should
finish the grid in about half the time. The script runs a warm-up run first
(disk caches), then the grid once per --workers value, and reports the
elapsed time of each sweep, the speedup over the first, the sum of the runs'
own elapsed times (the work) and whether every run's summary is the same in
every sweep (the runs are deterministic for a given RngRun).

Writes into --out: ``runs.csv`` (every run of every sweep), ``timing.csv``
and ``summary.md``.

    PYTHONPATH=build/python /usr/bin/python3 bench/sweep-throughput.py --out results/bench/sweep
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shlex
import sys
import time

from benchlib import load_average, run_header, write_csv

#: Summary fields compared between sweeps (determinism) and kept in runs.csv.
KEPT = ("survived", "intact", "uplink_bytes", "downlink_bytes", "retransmissions")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--build-dir", default="build", help="where build/python is (if PYTHONPATH is unset)"
    )
    parser.add_argument("--out", default="results/bench/sweep")
    parser.add_argument("--workers", default="1,2", help="worker counts, one sweep each")
    parser.add_argument(
        "--grid",
        default='{"signalling": ["direct", "proxy", "inband"], "speedMps": [15, 25]}',
        help="the grid (JSON: name -> list of values)",
    )
    parser.add_argument("--seeds", type=int, default=2, help="RngRun 1..seeds per grid point")
    parser.add_argument("--sim-time", type=float, default=6.0, help="simTimeS of every run")
    parser.add_argument("--no-warmup", action="store_true")
    args = parser.parse_args()
    load_before = load_average()

    try:
        import mobisocket
    except ImportError:
        sys.path.insert(0, os.path.join(os.path.abspath(args.build_dir), "python"))
        import mobisocket

    grid = json.loads(args.grid)
    base = {"simTimeS": args.sim_time}
    workers_list = [int(w) for w in args.workers.split(",") if w]
    os.makedirs(args.out, exist_ok=True)
    nruns = len(mobisocket.expand_grid(grid, seeds=args.seeds, base=base))

    warmup = None
    if not args.no_warmup:
        start = time.perf_counter()
        mobisocket.sweep(None, seeds=1, workers=1, base=base)
        warmup = time.perf_counter() - start
        print(f"warm-up run: {warmup:.2f} s", flush=True)

    timings = []
    all_rows = []
    results: dict[int, dict] = {}
    for workers in workers_list:
        print(f"sweep of {nruns} runs with workers={workers} ...", flush=True)
        start = time.perf_counter()
        rows = mobisocket.sweep(
            grid, seeds=args.seeds, workers=workers, base=base, as_frame=False
        )
        elapsed = time.perf_counter() - start
        ok = sum(1 for r in rows if r["status"] == "ok")
        work = sum(float(r["elapsed_s"]) for r in rows if not math.isnan(float(r["elapsed_s"])))
        timings.append(
            {
                "workers": workers,
                "runs": len(rows),
                "ok": ok,
                "elapsed_s": round(elapsed, 3),
                "sum_run_elapsed_s": round(work, 3),
                "mean_run_elapsed_s": round(work / max(len(rows), 1), 3),
            }
        )
        print(f"  {elapsed:.2f} s, {ok}/{len(rows)} ok, runs' own time {work:.2f} s", flush=True)
        results[workers] = {}
        for r in rows:
            kept = {k: r.get(k) for k in KEPT}
            results[workers][r["run_id"]] = kept
            all_rows.append(
                {
                    "workers": workers,
                    **{k: r[k] for k in grid},
                    "RngRun": r["RngRun"],
                    "status": r["status"],
                    "elapsed_s": round(float(r["elapsed_s"]), 3),
                    **kept,
                }
            )
    first = timings[0]["elapsed_s"]
    for t in timings:
        t["speedup"] = round(first / t["elapsed_s"], 3)
    reference = results[workers_list[0]]
    same = all(results[w] == reference for w in workers_list)

    write_csv(os.path.join(args.out, "runs.csv"), all_rows)
    write_csv(os.path.join(args.out, "timing.csv"), timings)

    env = f"PYTHONPATH={os.environ.get('PYTHONPATH', '')} " if os.environ.get("PYTHONPATH") else ""
    lines = [
        "# Sweep throughput",
        "",
        *run_header(load_before),
        f"Command: `{env}/usr/bin/python3 bench/sweep-throughput.py {shlex.join(sys.argv[1:])}`",
        "",
        f"Grid: `{json.dumps(grid)}`, seeds={args.seeds}, base=`{json.dumps(base)}` "
        f"({nruns} runs of the WiFi handover scenario per sweep), "
        f"`mobisocket.sweep(grid, seeds={args.seeds}, workers=W, base=base)`.",
        (f"Warm-up run before timing: {warmup:.2f} s." if warmup is not None else "No warm-up."),
        "",
        "| workers | runs ok | elapsed s | speedup | sum of runs' own elapsed s | mean run s |",
        "|---|---|---|---|---|---|",
    ]
    for t in timings:
        lines.append(
            f"| {t['workers']} | {t['ok']}/{t['runs']} | {t['elapsed_s']:.2f} | "
            f"{t['speedup']:.2f} | {t['sum_run_elapsed_s']:.2f} | {t['mean_run_elapsed_s']:.2f} |"
        )
    lines += [
        "",
        f"Same results (survived, intact, bytes, retransmissions) in every sweep: "
        f"{'yes' if same else '**NO**'}",
        "",
    ]
    with open(os.path.join(args.out, "summary.md"), "w") as f:
        f.write("\n".join(lines))
    print("\n".join(lines))
    ok = all(t["ok"] == t["runs"] for t in timings) and same
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
