#!/usr/bin/python3
"""Driver of the handover scaling benchmark (bench/handover-scaling.cc).

Runs the program once per N, repetition and variant (a new process each, so
that ru_maxrss is the peak of that run alone): ``handover`` (all N
connections handed over by one address change of the MH) and, unless
--no-baseline, ``baseline`` (the same N streams, no address change). Every
run must report that all its connections survived.

Fits a least-squares line y = a + b N to the wall time and the peak memory
(median over repetitions), with R^2, and, to tell linear from faster growth,
the exponent k of (y(N) - y(N_min)) ~ N^k over the points N >= 100
(--exponent-from), where the fixed costs no longer hide the growth.

With --profile=N it also runs N connections, handover and baseline, under
``valgrind --tool=callgrind`` and reports the inclusive instruction counts of
the functions that grow faster than N (``profile.txt``; slow: about 2 min
for N=100 and 10 min for N=300 on 2 cores).

Writes into --out: ``runs.csv`` (every run), ``fits.csv`` and ``summary.md``.

    /usr/bin/python3 bench/handover-scaling.py --build-dir build --out results/bench/scaling
"""

from __future__ import annotations

import argparse
import math
import os
import shlex
import statistics
import subprocess
import sys
import time

from benchlib import (
    callgrind_total,
    inclusive_costs,
    load_average,
    read_csv,
    run_header,
    write_csv,
)


def linear_fit(xs: list[float], ys: list[float]) -> tuple[float, float, float]:
    """Least squares y = a + b x; returns (a, b, R^2)."""
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    b = sxy / sxx if sxx else math.nan
    a = my - b * mx
    ss_tot = sum((y - my) ** 2 for y in ys)
    ss_res = sum((y - (a + b * x)) ** 2 for x, y in zip(xs, ys))
    r2 = 1 - ss_res / ss_tot if ss_tot else math.nan
    return a, b, r2


def growth_exponent(xs: list[float], ys: list[float], from_x: float) -> float:
    """k of (y - y0) ~ x^k, y0 the value at the smallest x (start-up, fixed
    costs), fitted in log-log space over the points x >= from_x (all points
    after the first if fewer than two are that large)."""
    x0, y0 = xs[0], ys[0]
    chosen = [(x, y) for x, y in zip(xs, ys) if x >= from_x and x > x0]
    if len(chosen) < 2:
        chosen = [(x, y) for x, y in zip(xs, ys) if x > x0]
    pts = [(math.log(x), math.log(y - y0)) for x, y in chosen if y - y0 > 0]
    if len(pts) < 2:
        return math.nan
    _, k, _ = linear_fit([p[0] for p in pts], [p[1] for p in pts])
    return k


#: (label, function as callgrind_annotate names it, without arguments) for --profile.
PROFILE_FUNCTIONS = (
    ("Simulator::Run (everything simulated)", "ns3::Simulator::Run"),
    ("TcpL4Protocol::Receive (TCP receive path)", "ns3::TcpL4Protocol::Receive"),
    ("  Ipv4EndPointDemux::Lookup (ns-3: linear in endpoints)", "ns3::Ipv4EndPointDemux::Lookup"),
    ("MobiSocket::UpdateTcb (MH: N calls at the change)", "ns3::MobiSocket::UpdateTcb"),
    (
        "RelocatableTcpSocket::DeliverControl (CH: AddChange)",
        "ns3::RelocatableTcpSocket::DeliverControl",
    ),
    ("RelocatableTcpSocket::RelocateLocal", "ns3::RelocatableTcpSocket::RelocateLocal"),
    ("RelocatableTcpSocket::RelocatePeer", "ns3::RelocatableTcpSocket::RelocatePeer"),
    ("  RelocatableTcpSocket::IsTupleInUse", "ns3::RelocatableTcpSocket::IsTupleInUse"),
    ("ObjectBase::GetAttribute (all callers)", "ns3::ObjectBase::GetAttribute"),
    ("MobilityDemux::AddTombstone", "ns3::MobilityDemux::AddTombstone"),
    ("CryptoAgent::Sign (libsodium)", "ns3::CryptoAgent::Sign"),
    ("CryptoAgent::Verify (libsodium)", "ns3::CryptoAgent::Verify"),
    ("IntegrityApplication::Receive (checks every byte)", "ns3::IntegrityApplication::Receive"),
    ("IntegrityApplication::Fill (writes the pattern)", "ns3::IntegrityApplication::Fill"),
)


def profile(program: str, n: int, extra: list[str], out: str) -> list[str]:
    """Callgrind runs at N (handover and baseline, in parallel) writing into
    the directory out; returns the report."""
    runs = {}
    for handover in (True, False):
        name = "handover" if handover else "baseline"
        cg_out = os.path.join(out, f"callgrind.scaling-{n}-{name}.out")
        cmd = [
            "valgrind",
            "--tool=callgrind",
            f"--callgrind-out-file={cg_out}",
            program,
            f"--connections={n}",
            f"--handover={'true' if handover else 'false'}",
        ] + extra
        process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        runs[name] = (cmd, cg_out, process)
    for name, (cmd, _, process) in runs.items():
        if process.wait() != 0:
            raise SystemExit(f"callgrind run failed: {shlex.join(cmd)}")
    costs = {name: inclusive_costs(cg_out) for name, (_, cg_out, _) in runs.items()}
    totals = {name: callgrind_total(cg_out) for name, (_, cg_out, _) in runs.items()}
    lines = [f"Callgrind at N={n} (inclusive instructions, % of the program's total):", ""]
    lines += [f"    {shlex.join(cmd)}" for cmd, _, _ in runs.values()]
    lines += [
        "",
        f"{'function':58} {'handover':>16} {'%':>6} {'baseline':>16} {'%':>6}",
        f"{'PROGRAM TOTAL':58} {totals['handover']:>16,} {100.0:>6.2f} "
        f"{totals['baseline']:>16,} {100.0:>6.2f}",
    ]
    for label, fn in PROFILE_FUNCTIONS:
        h, b = costs["handover"].get(fn, 0), costs["baseline"].get(fn, 0)
        lines.append(
            f"{label:58} {h:>16,} {100 * h / totals['handover']:>6.2f} "
            f"{b:>16,} {100 * b / totals['baseline']:>6.2f}"
        )
    return lines


def run_once(program: str, n: int, handover: bool, extra: list[str], out: str) -> dict:
    """One process; returns its CSV row plus the driver's own measurements."""
    row_csv = os.path.join(out, f".row-{os.getpid()}.csv")
    if os.path.exists(row_csv):
        os.remove(row_csv)
    cmd = [
        program,
        f"--connections={n}",
        f"--handover={'true' if handover else 'false'}",
        f"--csv={row_csv}",
    ] + extra
    log_path = os.path.join(out, f".log-{os.getpid()}.txt")
    with open(log_path, "w+") as log:
        start = time.perf_counter()
        process = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
        # wait4 gives the child's own resource usage (ru_maxrss of that process only).
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read()
    os.remove(log_path)
    if not os.path.exists(row_csv):
        sys.stderr.write(output)
        raise SystemExit(f"no result from: {shlex.join(cmd)} (exit {code})")
    row = read_csv(row_csv)[0]
    os.remove(row_csv)
    row["variant"] = "handover" if handover else "baseline"
    row["exit_status"] = code
    row["process_wall_s"] = f"{elapsed:.4f}"
    row["wait4_maxrss_kb"] = usage.ru_maxrss
    row["command"] = shlex.join([c for c in cmd if not c.startswith("--csv=")])
    if code != 0:
        sys.stderr.write(output)
        print(f"FAILED: {row['command']}", file=sys.stderr)
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build-dir", default="build")
    parser.add_argument("--out", default="results/bench/scaling")
    parser.add_argument("--connections", default="1,10,100,250,500,1000", help="values of N")
    parser.add_argument("--reps", type=int, default=1, help="repetitions per N and variant")
    parser.add_argument("--no-baseline", action="store_true", help="skip the no-handover runs")
    parser.add_argument(
        "--exponent-from", type=int, default=100, help="fit the growth exponent over N >= this"
    )
    parser.add_argument(
        "--profile", type=int, help="also run callgrind at this N and report the hot spots"
    )
    parser.add_argument(
        "--callgrind-dir", help="where callgrind writes (default <build-dir>/bench/callgrind)"
    )
    parser.add_argument(
        "extra", nargs="*", help="more program flags after --, e.g. -- --signalling=application"
    )
    args = parser.parse_args()
    load_before = load_average()

    program = os.path.join(args.build_dir, "bench", "handover-scaling")
    if not os.access(program, os.X_OK):
        raise SystemExit(f"{program} not built (cmake --build {args.build_dir} --target bench)")
    ns = sorted({int(n) for n in args.connections.split(",") if n})
    os.makedirs(args.out, exist_ok=True)
    variants = [True] if args.no_baseline else [True, False]

    rows = []
    for rep in range(args.reps):
        for n in ns:
            for handover in variants:
                row = run_once(program, n, handover, args.extra, args.out)
                row["rep"] = rep
                rows.append(row)
                print(
                    f"N={n:5d} {row['variant']:8s} rep {rep}: ok={row['ok']} "
                    f"survived={row['survived']}/{n} wall={float(row['total_wall_s']):.3f} s "
                    f"handover={row['handover_wall_s']} s "
                    f"maxrss={int(row['maxrss_kb']) / 1024:.1f} MiB",
                    flush=True,
                )
    fields = ["variant", "rep", "exit_status"] + [
        k for k in rows[0] if k not in ("variant", "rep", "exit_status", "command")
    ] + ["command"]
    write_csv(os.path.join(args.out, "runs.csv"), rows, fields)

    all_ok = all(r["ok"] == "1" and r["exit_status"] == 0 for r in rows)

    def medians(variant: str, key: str) -> list[float]:
        return [
            statistics.median(
                float(r[key])
                for r in rows
                if r["variant"] == variant and int(r["connections"]) == n
            )
            for n in ns
        ]

    metrics = [
        ("handover", "total_wall_s", "wall time, whole process (s)"),
        ("handover", "run_wall_s", "wall time, Simulator::Run (s)"),
        ("handover", "maxrss_kb", "peak RSS (KiB)"),
        ("handover", "update_loop_wall_s", "wall time of the N UpdateTcb calls (s)"),
        ("handover", "handover_wall_s", "wall time, address change to last AddConfirm (s)"),
        ("handover", "last_confirm_sim_s", "simulated time, change to last AddConfirm (s)"),
    ]
    if not args.no_baseline:
        metrics += [
            ("baseline", "total_wall_s", "baseline (no handover): wall time (s)"),
            ("baseline", "maxrss_kb", "baseline (no handover): peak RSS (KiB)"),
        ]
    xs = [float(n) for n in ns]

    def fit_row(variant: str, key: str, label: str, ys: list[float]) -> dict:
        a, b, r2 = linear_fit(xs, ys)
        return {
            "variant": variant,
            "metric": key,
            "label": label,
            "intercept": a,
            "slope_per_connection": b,
            "r2": r2,
            "growth_exponent": growth_exponent(xs, ys, args.exponent_from),
            **{f"N={n}": y for n, y in zip(ns, ys)},
        }

    fits = [fit_row(variant, key, label, medians(variant, key)) for variant, key, label in metrics]
    if not args.no_baseline:
        hw = medians("handover", "total_wall_s")
        bw = medians("baseline", "total_wall_s")
        diff = [h - b for h, b in zip(hw, bw)]
        label = "wall time the handover adds (handover - baseline, s)"
        fits.append(fit_row("handover-baseline", "total_wall_s", label, diff))
    write_csv(os.path.join(args.out, "fits.csv"), fits)

    cmdline = f"/usr/bin/python3 bench/handover-scaling.py {shlex.join(sys.argv[1:])}"
    lines = [
        "# Handover scaling",
        "",
        *run_header(load_before),
        f"Driver: `{cmdline}`",
        f"One run: `{rows[-1]['command'].replace('--handover=false', '--handover=true')}` "
        "(N varies)",
        "",
        f"Every connection survived in every run: {'yes' if all_ok else '**NO**'}",
        "",
        "## Runs (median over repetitions)",
        "",
        "| N | survived | wall s | wall ms per connection | Run s | UpdateTcb loop s "
        "| change -> last confirm, wall s | sim s | peak RSS MiB | baseline wall s "
        "| baseline RSS MiB |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for i, n in enumerate(ns):
        hv = [r for r in rows if r["variant"] == "handover" and int(r["connections"]) == n]
        bv = [r for r in rows if r["variant"] == "baseline" and int(r["connections"]) == n]
        med = lambda rs, k: statistics.median(float(r[k]) for r in rs)  # noqa: E731
        lines.append(
            f"| {n} | {min(int(r['survived']) for r in hv)}/{n} | {med(hv, 'total_wall_s'):.3f} | "
            f"{1000 * med(hv, 'total_wall_s') / n:.2f} | "
            f"{med(hv, 'run_wall_s'):.3f} | {med(hv, 'update_loop_wall_s'):.4f} | "
            f"{med(hv, 'handover_wall_s'):.3f} | {med(hv, 'last_confirm_sim_s'):.3f} | "
            f"{med(hv, 'maxrss_kb') / 1024:.1f} | "
            + (
                f"{med(bv, 'total_wall_s'):.3f} | {med(bv, 'maxrss_kb') / 1024:.1f} |"
                if bv
                else "- | - |"
            )
        )
    lines += [
        "",
        "## Least-squares lines y = a + b N",
        "",
        "| quantity | b (per connection) | a | R^2 | growth exponent k |",
        "|---|---|---|---|---|",
    ]
    for fit in fits:
        lines.append(
            f"| {fit['label']} | {fit['slope_per_connection']:.6g} | {fit['intercept']:.4g} | "
            f"{fit['r2']:.4f} | {fit['growth_exponent']:.2f} |"
        )
    lines += [
        "",
        f"k: exponent of (y(N) - y(N_min)) ~ N^k fitted over N >= {args.exponent_from}; "
        "1 is linear growth, 2 quadratic.",
        "",
    ]
    if args.profile:
        print(f"callgrind at N={args.profile} ...", flush=True)
        cg_dir = args.callgrind_dir or os.path.join(args.build_dir, "bench", "callgrind")
        os.makedirs(cg_dir, exist_ok=True)
        report = profile(program, args.profile, args.extra, cg_dir)
        with open(os.path.join(args.out, "profile.txt"), "w") as f:
            f.write("\n".join(report) + "\n")
        lines += ["## Where the time goes", "", "```"] + report + ["```", ""]
    with open(os.path.join(args.out, "summary.md"), "w") as f:
        f.write("\n".join(lines))
    print("\n".join(lines))
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
