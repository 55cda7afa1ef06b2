#!/usr/bin/python3
"""Driver of the no-handover overhead benchmark (bench/no-handover-overhead.cc).

Runs the program once per variant and measurement, same seed every time:

1. a check run of every variant in one process (same bytes delivered, same
   segments in each direction, mobility negotiated for ``mobisocket``);
2. instruction counts of the whole program under
   ``valgrind --tool=callgrind``, one process per variant, and their ratio to
   ``tcp``;
3. wall times: ``--reps`` repetitions of each variant, interleaved, process
   wall time and the program's own Simulator::Run time, medians and ratios;
4. where the extra instructions go: inclusive costs (callgrind_annotate) of
   the functions MobiSocket adds or wraps, compared with the plain run.

Writes into --out: ``check.csv``, ``callgrind.csv``, ``wall.csv``,
``hotspots.txt`` and ``summary.md``; the callgrind output files (a few MB
each) go to --callgrind-dir (default: <build-dir>/bench/callgrind).

    /usr/bin/python3 bench/no-handover-overhead.py --build-dir build --out results/bench/overhead
"""

from __future__ import annotations

import argparse
import concurrent.futures
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
    self_costs,
    write_csv,
)

ALL_VARIANTS = ("tcp", "demux", "mobisocket-off", "mobisocket")

#: The socket's Tx trace source, fired for every segment sent (SynOptionHook is connected to it).
TX_TRACE = (
    "ns3::TracedCallback<ns3::Ptr<ns3::Packet const>, ns3::TcpHeader const&, "
    "ns3::Ptr<ns3::TcpSocketBase const> >::operator()"
)

#: (label, function name as callgrind_annotate prints it, without its arguments)
HOT_FUNCTIONS = (
    ("TcpL4Protocol::Receive", "ns3::TcpL4Protocol::Receive"),
    ("MobilityDemux::Receive", "ns3::MobilityDemux::Receive"),
    ("TcpSocketBase::ForwardUp", "ns3::TcpSocketBase::ForwardUp"),
    ("RelocatableTcpSocket::DoForwardUp", "ns3::RelocatableTcpSocket::DoForwardUp"),
    ("TcpSocketBase::DoForwardUp", "ns3::TcpSocketBase::DoForwardUp"),
    ("Packet::PeekHeader", "ns3::Packet::PeekHeader"),
    ("TcpHeader::Deserialize", "ns3::TcpHeader::Deserialize"),
    ("TcpHeader::~TcpHeader", "ns3::TcpHeader::~TcpHeader"),
    ("TcpOption::CreateOption", "ns3::TcpOption::CreateOption"),
    ("TcpSocketBase::SendDataPacket", "ns3::TcpSocketBase::SendDataPacket"),
    ("TcpSocketBase::SendEmptyPacket", "ns3::TcpSocketBase::SendEmptyPacket"),
    ("RelocatableTcpSocket::SynOptionHook", "ns3::RelocatableTcpSocket::SynOptionHook"),
    ("TracedCallback<..., TcpHeader, ...> (Tx trace)", TX_TRACE),
    ("Packet::RemoveHeader", "ns3::Packet::RemoveHeader"),
    ("RelocatableTcpSocket::NewAck", "ns3::RelocatableTcpSocket::NewAck"),
    ("TcpSocketBase::NewAck", "ns3::TcpSocketBase::NewAck"),
    ("LogComponent::IsEnabled", "ns3::LogComponent::IsEnabled"),
    ("Simulator::Run", "ns3::Simulator::Run"),
)


def run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    """Run a command, failing loudly with its output."""
    result = subprocess.run(cmd, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"command failed ({result.returncode}): {shlex.join(cmd)}")
    return result


def program_args(args: argparse.Namespace, variant: str, csv_path: str) -> list[str]:
    return [
        args.program,
        f"--variants={variant}",
        f"--bytes={args.bytes}",
        f"--RngRun={args.rng_run}",
        f"--csv={csv_path}",
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build-dir", default="build")
    parser.add_argument("--out", default="results/bench/overhead")
    parser.add_argument("--bytes", type=int, default=50_000_000, help="bytes per transfer")
    parser.add_argument("--reps", type=int, default=7, help="wall-time repetitions per variant")
    parser.add_argument(
        "--variants",
        default="tcp,mobisocket",
        help="variants measured under callgrind and timed (tcp first); "
        "add demux,mobisocket-off to split the overhead",
    )
    parser.add_argument("--jobs", type=int, default=2, help="callgrind runs at a time")
    parser.add_argument("--rng-run", type=int, default=1)
    parser.add_argument("--no-callgrind", action="store_true")
    parser.add_argument(
        "--callgrind-dir", help="where callgrind writes (default <build-dir>/bench/callgrind)"
    )
    args = parser.parse_args()
    load_before = load_average()

    args.program = os.path.join(args.build_dir, "bench", "no-handover-overhead")
    if not os.access(args.program, os.X_OK):
        raise SystemExit(
            f"{args.program} not built (cmake --build {args.build_dir} --target bench)"
        )
    variants = [v for v in args.variants.split(",") if v]
    if variants[0] != "tcp" or any(v not in ALL_VARIANTS for v in variants):
        raise SystemExit(f"--variants must start with tcp and name only {ALL_VARIANTS}")
    os.makedirs(args.out, exist_ok=True)
    args.callgrind_dir = args.callgrind_dir or os.path.join(args.build_dir, "bench", "callgrind")
    os.makedirs(args.callgrind_dir, exist_ok=True)
    summary: list[str] = []
    commands: list[str] = []

    # 1. Check: every variant in one process.
    check_csv = os.path.join(args.out, "check.csv")
    cmd = program_args(args, ",".join(ALL_VARIANTS), check_csv)
    commands.append(shlex.join(cmd))
    print("check:", shlex.join(cmd), flush=True)
    out = run(cmd).stdout
    print(out, flush=True)
    check = read_csv(check_csv)
    summary += [
        "## Correctness check (one process, every variant)",
        "",
        f"`{shlex.join(cmd)}`",
        "",
        "| variant | bytes delivered | segments sender->sink | segments sink->sender "
        "| IP bytes sender->sink | IP bytes sink->sender | option in SYN/SYN+ACK "
        "| mobility active |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in check:
        summary.append(
            f"| {row['variant']} | {row['bytes_received']} | {row['segments_fwd']} | "
            f"{row['segments_rev']} | {row['ip_bytes_fwd']} | {row['ip_bytes_rev']} | "
            f"{'yes' if row['option_in_syn'] == row['option_in_synack'] == '1' else 'no'} | "
            f"{'yes' if row['mobility_active'] == '1' else 'no'} |"
        )
    same = len({(r["bytes_received"], r["segments_fwd"], r["segments_rev"]) for r in check}) == 1
    summary += [
        "",
        "Same bytes and segments in every variant: " + ("yes" if same else "**NO**"),
        "",
    ]
    if not same:
        print("MISMATCH between variants", file=sys.stderr)

    # 2. Instruction counts.
    counts: dict[str, int] = {}
    if not args.no_callgrind:
        def callgrind(variant: str) -> tuple[str, int, dict, str]:
            cg_out = os.path.join(args.callgrind_dir, f"callgrind.{variant}.out")
            row_csv = os.path.join(args.callgrind_dir, f"callgrind.{variant}.csv")
            cmd = [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={cg_out}",
            ] + program_args(args, variant, row_csv)
            start = time.monotonic()
            run(cmd)
            print(f"callgrind {variant}: {time.monotonic() - start:.0f} s", flush=True)
            return variant, callgrind_total(cg_out), read_csv(row_csv)[0], shlex.join(cmd)

        with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
            results = list(pool.map(callgrind, variants))
        rows = []
        base = None
        for variant, total, row, cmd in results:
            counts[variant] = total
            commands.append(cmd)
            base = base or total
            rows.append(
                {
                    "variant": variant,
                    "instructions": total,
                    "ratio_vs_tcp": f"{total / base:.4f}",
                    "bytes_received": row["bytes_received"],
                    "segments_fwd": row["segments_fwd"],
                    "segments_rev": row["segments_rev"],
                    "mobility_active": row["mobility_active"],
                }
            )
        write_csv(os.path.join(args.out, "callgrind.csv"), rows)
        summary += [
            "## Instructions (valgrind --tool=callgrind, whole program)",
            "",
            "| variant | instructions | ratio to tcp | bytes | segments sender->sink "
            "| segments sink->sender |",
            "|---|---|---|---|---|---|",
        ]
        for r in rows:
            summary.append(
                f"| {r['variant']} | {int(r['instructions']):,} | {r['ratio_vs_tcp']} | "
                f"{r['bytes_received']} | {r['segments_fwd']} | {r['segments_rev']} |"
            )
        summary += ["", "Commands:", ""] + [f"    {c}" for c in commands[1:]] + [""]

    # 3. Wall times, variants interleaved.
    wall_rows = []
    for rep in range(args.reps):
        for variant in variants:
            row_csv = os.path.join(args.out, f"wall.{variant}.csv")
            cmd = program_args(args, variant, row_csv)
            start = time.perf_counter()
            run(cmd)
            elapsed = time.perf_counter() - start
            row = read_csv(row_csv)[0]
            wall_rows.append(
                {
                    "variant": variant,
                    "rep": rep,
                    "process_wall_s": f"{elapsed:.4f}",
                    "run_wall_s": row["run_wall_s"],
                }
            )
            os.remove(row_csv)
    write_csv(os.path.join(args.out, "wall.csv"), wall_rows)
    med = {}
    for variant in variants:
        proc = [float(r["process_wall_s"]) for r in wall_rows if r["variant"] == variant]
        sim = [float(r["run_wall_s"]) for r in wall_rows if r["variant"] == variant]
        med[variant] = (statistics.median(proc), statistics.median(sim), min(proc), max(proc))
    summary += [
        f"## Wall time ({args.reps} repetitions per variant, interleaved; median)",
        "",
        f"`{shlex.join(program_args(args, '<variant>', '<csv>'))}`",
        "",
        "| variant | process wall s (median) | min | max | Simulator::Run s (median) | "
        "ratio to tcp (process) | ratio to tcp (Run) |",
        "|---|---|---|---|---|---|---|",
    ]
    for variant in variants:
        p, s, lo, hi = med[variant]
        summary.append(
            f"| {variant} | {p:.3f} | {lo:.3f} | {hi:.3f} | {s:.3f} | "
            f"{p / med['tcp'][0]:.3f} | {s / med['tcp'][1]:.3f} |"
        )
    summary.append("")

    # 4. Hot spots.
    if counts and "mobisocket" in counts:
        tcp_out = os.path.join(args.callgrind_dir, "callgrind.tcp.out")
        mobi_out = os.path.join(args.callgrind_dir, "callgrind.mobisocket.out")
        tcp_inc = inclusive_costs(tcp_out)
        mobi_inc = inclusive_costs(mobi_out)
        total_tcp, total_mobi = counts["tcp"], counts["mobisocket"]
        extra = total_mobi - total_tcp
        lines = [
            f"Extra instructions, mobisocket - tcp: {extra:,} "
            f"({100 * extra / total_tcp:.2f}% of tcp's {total_tcp:,})",
            "",
            f"Inclusive instruction counts (callgrind_annotate --auto=no --inclusive=yes "
            f"{tcp_out} / {mobi_out}):",
            f"{'function':40} {'tcp':>15} {'mobisocket':>15} {'delta':>14} {'delta % tcp':>11}",
        ]
        for label, name in HOT_FUNCTIONS:
            a, b = tcp_inc.get(name, 0), mobi_inc.get(name, 0)
            delta = f"{b - a:>14,} {100 * (b - a) / total_tcp:>10.2f}%" if a else f"{'(new)':>14}"
            lines.append(f"{label:40} {a:>15,} {b:>15,} {delta}")
        # Segments sent in both directions; with one link and no loss, all are received.
        sent = sum(int(check[-1][k]) for k in ("segments_fwd", "segments_rev"))
        received = sent
        tx_hook = mobi_inc.get(TX_TRACE, 0) - tcp_inc.get(TX_TRACE, 0)
        wrapper = mobi_inc.get("ns3::RelocatableTcpSocket::DoForwardUp", 0) - mobi_inc.get(
            "ns3::TcpSocketBase::DoForwardUp", 0
        )
        demux = mobi_inc.get("ns3::MobilityDemux::Receive", 0) - mobi_inc.get(
            "ns3::TcpL4Protocol::Receive", 0
        )
        base = mobi_inc.get("ns3::TcpSocketBase::DoForwardUp", 0) - tcp_inc.get(
            "ns3::TcpSocketBase::DoForwardUp", 0
        )
        lines += [
            "",
            "Decomposition of the extra instructions:",
            f"  RelocatableTcpSocket::DoForwardUp's own work (its inclusive cost minus "
            f"TcpSocketBase::DoForwardUp's): {wrapper:,} ({100 * wrapper / extra:.1f}% of the "
            f"extra, {100 * wrapper / total_tcp:.2f}% of tcp)",
            f"  MobilityDemux::Receive's own work (minus TcpL4Protocol::Receive): {demux:,} "
            f"({100 * demux / extra:.1f}% of the extra, {100 * demux / total_tcp:.2f}% of tcp)",
            f"  TcpSocketBase::DoForwardUp itself, mobisocket - tcp (Tx trace hook, virtual "
            f"overrides, ...): {base:,} ({100 * base / extra:.1f}% of the extra, "
            f"{100 * base / total_tcp:.2f}% of tcp)",
            f"    of which the Tx trace (TracedCallback with SynOptionHook, every segment "
            f"sent): {tx_hook:,} ({100 * tx_hook / total_tcp:.2f}% of tcp)",
            f"  rest: {extra - wrapper - demux - base:,}",
            "",
            f"Per segment ({received:,} segments received and {sent:,} sent in all, both "
            f"directions): DoForwardUp wrapper {wrapper / received:,.0f} instructions per "
            f"segment received, demux {demux / received:,.0f} per segment received, Tx trace "
            f"{tx_hook / sent:,.0f} per segment sent.",
            "",
            "Largest differences in self cost (mobisocket - tcp):",
        ]
        tcp_self, mobi_self = self_costs(tcp_out), self_costs(mobi_out)
        diffs = sorted(
            ((mobi_self.get(k, 0) - tcp_self.get(k, 0), k) for k in set(tcp_self) | set(mobi_self)),
            reverse=True,
        )
        for d, k in diffs[:15]:
            lines.append(f"  {d:>12,}  {k[:140]}")
        with open(os.path.join(args.out, "hotspots.txt"), "w") as f:
            f.write("\n".join(lines) + "\n")
        summary += ["## Where the extra instructions go", "", "```"] + lines + ["```", ""]

    header = [
        "# No-handover overhead",
        "",
        *run_header(load_before),
        f"Driver: `/usr/bin/python3 bench/no-handover-overhead.py "
        f"{shlex.join(sys.argv[1:])}`",
        "",
    ]
    if counts and "mobisocket" in counts:
        header += [
            f"**Instruction ratio mobisocket / tcp: {counts['mobisocket'] / counts['tcp']:.4f}** "
            f"(target <= 1.01); wall-time ratio (median process wall): "
            f"{med['mobisocket'][0] / med['tcp'][0]:.3f}",
            "",
        ]
    with open(os.path.join(args.out, "summary.md"), "w") as f:
        f.write("\n".join(header + summary))
    print("\n".join(header + summary))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
