"""The paper's planned evaluation as named, rerunnable experiments.

The MobiSocket paper ends with the measurements it planned but never ran
(section V). Each is an :class:`Experiment` here: a grid of scenario runs
(:func:`mobisocket.sweep`, one process per run, in parallel over the cores),
repeated over seeds (``RngRun`` 1..n), reduced to means with 95 % confidence
intervals, plotted by the gnuplot scripts in ``results/<name>/`` and
summarised in a generated ``summary.md``.

Command line (from the repository root, with the package on ``PYTHONPATH``,
as ``./build.sh experiment ...`` does)::

    python3 -m mobisocket.experiments list
    python3 -m mobisocket.experiments run baselines [--seeds N] [--quick | --full]
    python3 -m mobisocket.experiments run all --quick --results /tmp/results

Outputs of experiment ``<name>`` in ``<results>/<name>/``:

- ``runs.csv``: one row per run, every parameter, ``RngRun``, ns-3 version,
  status and every metric (units in the column names);
- ``points.csv``: per variant and grid point, each metric's mean, the
  half-width of its 95 % confidence interval (``_ci95``) and sample size
  (``_n``), and the success rate with its Wilson 95 % interval;
- further CSV files some figures need (``series.csv`` ...);
- ``<figure>.png`` and ``<figure>.svg`` from ``<figure>.gp``;
- ``summary.md``: the table behind the figures and a paragraph computed from
  the data; ``runs/``: each run's own files and the sweep record (resumable).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import os
import random
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping, Optional, Sequence

from ._scenario import CONNECTION_FIELDS, CRYPTO_COUNTS, predict
from ._stats import mean_ci95, wilson95
from ._sweep import sweep

# ---------------------------------------------------------------------------------------------
# Schemes

#: The schemes compared, by id: legend label and scenario parameters.
SCHEMES: dict[str, tuple[str, dict]] = {
    "mobisocket-direct": (
        "MobiSocket (SIP INFO direct)",
        {"protocol": "mobisocket", "signalling": "direct"},
    ),
    "mobisocket-proxy": (
        "MobiSocket (SIP INFO via proxy)",
        {"protocol": "mobisocket", "signalling": "proxy"},
    ),
    "mobisocket-inband": (
        "MobiSocket (in-band AddChange)",
        {"protocol": "mobisocket", "signalling": "inband"},
    ),
    "tcp-r": ("TCP-R", {"protocol": "tcp-r", "signalling": "inband"}),
    "migrate": ("TCP Migrate", {"protocol": "migrate", "signalling": "inband"}),
    # Prepared at the first scan after 0.5 s: old enough when the MH moves (3.7 s).
    "redirect": (
        "Redirect daemon",
        {"protocol": "redirect", "signalling": "inband", "prepareAfterS": 0.5},
    ),
    "tcp": ("Plain TCP", {"protocol": "tcp", "signalling": "inband"}),
}

#: Signalling sent because a host moved (SIP re-REGISTERs are added separately).
HANDOVER_MESSAGES = (
    "SIP INFO",
    "SIP 200/INFO",
    "AddChange",
    "AddConfirm",
    "RedirectRequest",
    "RedirectAck",
    "UDP RedirectRequest",
    "UDP RedirectAck",
    "Migrate SYN",
    "Migrate SYN/ACK",
    "DNS query",
    "DNS query response",
)
#: Signalling sent to prepare connections in advance, moving or not.
SETUP_MESSAGES = ("KeyShare", "UDP KeyShare")
#: Registrations every run has before any move, per MH-CH pair: one REGISTER transaction per
#: SIP user agent, one DNS UPDATE per TCP Migrate host; those after a move are handover
#: signalling.
INITIAL_REGISTRATIONS = 2
REGISTRATION_MESSAGES = ("SIP REGISTER", "SIP 200/REGISTER", "DNS UPDATE", "DNS UPDATE response")

SIZES = ("quick", "default", "full")


# ---------------------------------------------------------------------------------------------
# Per-run metrics


def _num(value: Any) -> float:
    return math.nan if value is None else float(value)


def _read_goodput(path: str) -> tuple[list[float], list[float]]:
    """Times and total (uplink + downlink) goodput of a run's goodput.csv."""
    times, mbps = [], []
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            times.append(float(row["time_s"]))
            mbps.append(float(row["uplink_mbps"]) + float(row["downlink_mbps"]))
    return times, mbps


def run_metrics(summary: Mapping[str, Any], goodput: Optional[tuple], window_s: float) -> dict:
    """The metrics of one run, from its summary.json (and goodput.csv).

    Times refer to the first handover of the MH (the only one unless the CH
    moves too; with several mobile hosts, the first pair's MH);
    ``max_disruption_s`` is the largest over all handovers and NaN if any did
    not complete. Signalling, crypto counts and CPU times are summed over the
    pairs (``mh_*``: every MH's, ``ch_*``: every CH's).
    """
    handovers = summary["handovers"]
    mh = next((h for h in handovers if h["host"] == "MH"), None)

    def at(key: str) -> float:
        return _num(mh.get(key)) if mh else math.nan

    m: dict[str, Any] = {
        "survived": int(bool(summary["survived"])),
        "unresolved": int(summary.get("verdict") == "unresolved"),
        "intact": int(bool(summary["intact"])),
        "disruption_s": at("disruption_s") if mh and mh["completed"] else math.nan,
        "l2_gap_s": at("reassociated_s") - at("last_old_byte_s"),
        "address_s": at("lease_s") - at("reassociated_s"),
        "update_s": at("peer_updated_s") - at("lease_s"),
        "confirm_s": at("confirmed_s") - at("lease_s"),
        "resume_s": at("first_new_byte_s") - at("peer_updated_s"),
        "outage_s": at("confirmed_s") - at("last_old_byte_s"),
        "idle_after_update_s": at("first_new_byte_s") - at("confirmed_s"),
        # The link layer, as Mishra, Shin and Arbaugh split it: from the first
        # probe (the scan starts at DeAssoc for both roaming policies) to the
        # association; the detection before it is not part of their latency.
        "detection_s": at("beacon_loss_s") - at("last_old_byte_s"),
        # (NaN below when the access was lost only after the new address:
        # make-before-break has nothing to detect.)
        "l2_handoff_s": at("reassociated_s") - at("beacon_loss_s"),
        "scan_s": at("scan_end_s") - at("beacon_loss_s"),
        "assoc_s": at("reassociated_s") - at("scan_end_s"),
        "handover_radio_energy_j": at("radio_energy_j"),
        "handover_start_s": at("start_s"),
        "last_old_byte_s": at("last_old_byte_s"),
        "first_new_byte_s": at("first_new_byte_s"),
    }
    if at("beacon_loss_s") > at("lease_s"):
        m["detection_s"] = math.nan
    m["scan_share"] = m["scan_s"] / m["l2_handoff_s"] if m["l2_handoff_s"] > 0 else math.nan
    parameters = summary.get("parameters", {})
    scanned = parameters.get("scanChannels") or parameters.get("apChannels") or ""
    m["scanned_channels"] = (
        len(str(scanned).split(",")) if parameters.get("roaming") == "signal" else 1
    )
    completed = [h for h in handovers if h["completed"]]
    m["max_disruption_s"] = (
        max(_num(h["disruption_s"]) for h in handovers)
        if handovers and len(completed) == len(handovers)
        else math.nan
    )
    for key in ("uplink_bytes", "downlink_bytes", "retransmissions", "rto_expiries"):
        m[key] = summary[key]
    m["signalling_lost"] = summary["signalling_lost"]

    signalling = summary["signalling"]

    def count(name: str) -> int:
        return signalling.get(name, {}).get("count", 0)

    def nbytes(name: str) -> int:
        return signalling.get(name, {}).get("ip_bytes", 0)

    handover_bytes = sum(nbytes(n) for n in HANDOVER_MESSAGES)
    handover_msgs = sum(count(n) for n in HANDOVER_MESSAGES)
    # Re-REGISTERs and DNS UPDATEs after a move (and their answers), at their average size.
    pairs = max(1, len(summary.get("pairs", ())))
    for request in REGISTRATION_MESSAGES:
        extra = count(request) - INITIAL_REGISTRATIONS * pairs
        if extra > 0:
            handover_msgs += extra
            handover_bytes += extra * nbytes(request) / count(request)
    m["handover_signalling_msgs"] = handover_msgs
    m["handover_signalling_bytes"] = handover_bytes
    m["setup_signalling_msgs"] = sum(count(n) for n in SETUP_MESSAGES)
    m["setup_signalling_bytes"] = sum(nbytes(n) for n in SETUP_MESSAGES)

    totals: dict[str, float] = {}
    for node in summary["crypto"]:
        prefix = node["node"].lower()
        values = {key: node[key] for key in CRYPTO_COUNTS}
        values["crypto_ops"] = sum(values.values())
        values["cpu_time_s"] = _num(node["cpu_time_s"])
        if prefix == "mh":
            values["energy_j"] = _num(node["energy_j"])
            values["radio_energy_j"] = _num(node.get("radio_energy_j"))
        for key, value in values.items():
            totals[f"{prefix}_{key}"] = totals.get(f"{prefix}_{key}", 0) + value
    m.update(totals)
    for sender, stats in summary.get("signalling_by_sender", {}).items():
        m[f"{sender.lower()}_signalling_msgs"] = stats["count"]
        m[f"{sender.lower()}_signalling_bytes"] = stats["ip_bytes"]
    pair_rows = summary.get("pairs", ())
    m["pairs_survived_share"] = (
        sum(p["verdict"] == "survived" for p in pair_rows) / len(pair_rows)
        if pair_rows
        else math.nan
    )

    connections = summary.get("connections", {})
    for key in CONNECTION_FIELDS:
        m[f"connections_{key}"] = connections.get(key, 0)

    if goodput is not None and mh is not None and not math.isnan(_num(mh["start_s"])):
        times, mbps = goodput
        begin = _num(mh["start_s"]) - 1.0
        inside = [v for t, v in zip(times, mbps) if begin <= t < begin + window_s]
        m["goodput_window_mbps"] = sum(inside) / len(inside) if inside else math.nan
    else:
        m["goodput_window_mbps"] = math.nan
    m["wall_clock_s"] = _num(summary.get("wall_clock_s"))
    return m


# ---------------------------------------------------------------------------------------------
# Experiments


@dataclass
class Point:
    """One grid point: a variant (legend entry) at one value of the swept parameter."""

    variant: str
    params: dict
    group: str = "main"  # which figure family the point belongs to


@dataclass
class Experiment:
    """A named experiment: its grid per size, the metrics it reports, its figures."""

    name: str
    title: str
    motivation: str  # why it is run: the paper's exact words, with their section
    what: str  # what is varied and what is measured
    variants: dict[str, str]  # variant id -> legend label
    grid: Callable[[str], list[Point]]  # size -> points
    seeds: dict[str, int]  # size -> default number of seeds
    x: dict[str, Optional[str]]  # group -> swept parameter (None: no x axis)
    metrics: Sequence[str]  # metrics in points.csv and the table
    figures: Sequence[str]  # gnuplot scripts (without .gp)
    describe: Callable[[list[dict]], str]  # paragraph from the points
    window_s: float = 10.0  # goodput window (s) from 1 s before the handover
    extra: Optional[Callable[["Experiment", list[dict], str], None]] = None
    table_metrics: Optional[Sequence[str]] = None  # subset printed (default: metrics)
    annotate: Optional[Callable[[dict], None]] = None  # adds metrics to a finished run
    # Paired comparison: each point's metric minus the reference variant's on the same
    # RngRun and x, as "<metric>_vs_ref" with its 95 % interval (same seeds, so the
    # shared randomness cancels).
    paired: Optional[tuple[str, str]] = None  # (reference variant, metric)


def _scheme_points(ids: Iterable[str], axis: Optional[str], values: Iterable[Any], **common: Any):
    points = []
    for variant in ids:
        for value in values if axis else [None]:
            params = {**SCHEMES[variant][1], **common}
            if axis:
                params[axis] = value
            points.append(Point(variant, params))
    return points


def _labels(ids: Iterable[str]) -> dict[str, str]:
    return {i: SCHEMES[i][0] for i in ids}


def _by(points: list[dict], variant: str, group: str = "main") -> list[dict]:
    return [p for p in points if p["variant"] == variant and p["group"] == group]


def _span(values: Iterable[float], digits: int = 3) -> str:
    """The range of values as "low-high" (one value when they round alike)."""
    values = list(values)
    low, high = _fmt(min(values), digits), _fmt(max(values), digits)
    return low if low == high else f"{low}-{high}"


def _fmt(value: float, digits: int = 3) -> str:
    return "n/a" if value is None or math.isnan(value) else f"{value:.{digits}f}"


# --- reset-timer ----------------------------------------------------------------------------

_RESET = {"reset": "ResetTimer called", "no-reset": "ResetTimer not called"}


#: What the experiments over the outage length (reset-timer, min-rto) report.
_OUTAGE_METRICS = (
    "disruption_s",
    "outage_s",
    "idle_after_update_s",
    "goodput_window_mbps",
    "retransmissions",
    "rto_expiries",
)


def _outage_grid(size: str, variants: Iterable[str], spacing: dict, extra) -> list[Point]:
    """MobiSocket in band across the WiFi handover at AP spacings ``spacing[size]``: a
    wider spacing leaves a longer stretch out of both APs' reach (about 51 m each at
    802.11a defaults), so a longer outage at the same speed. ``extra(variant)`` gives the
    variant's own parameters."""
    sim = {"quick": 12, "default": 22, "full": 22}[size]
    return [
        Point(
            variant,
            {
                "protocol": "mobisocket",
                "signalling": "inband",
                **extra(variant),
                "apSpacingM": d,
                "simTimeS": sim,
            },
        )
        for variant in variants
        for d in spacing[size]
    ]


def _reset_grid(size: str) -> list[Point]:
    spacing = {
        "quick": [100, 140],
        "default": [100, 110, 120, 130, 140, 160, 180, 200],
        "full": [100, 105, 110, 115, 120, 125, 130, 140, 150, 160, 170, 180, 190, 200],
    }
    return _outage_grid(size, _RESET, spacing, lambda v: {"resetTimer": v == "reset"})


def _reset_describe(points: list[dict]) -> str:
    reset, plain = _by(points, "reset"), _by(points, "no-reset")
    pairs = [(r, p) for r in reset for p in plain if r["x"] == p["x"]]
    slower = [
        (r, p)
        for r, p in pairs
        if p["disruption_s"] > r["disruption_s"] + max(r["disruption_s_ci95"], 0.05)
    ]
    gaps = [p["disruption_s"] - r["disruption_s"] for r, p in pairs]
    text = (
        f"Over {len(pairs)} outage lengths (from {_fmt(min(r['outage_s'] for r, _ in pairs), 2)} "
        f"to {_fmt(max(r['outage_s'] for r, _ in pairs), 2)} s), calling ResetTimer after the update "
        f"gave a disruption between {_fmt(min(r['disruption_s'] for r, _ in pairs))} and "
        f"{_fmt(max(r['disruption_s'] for r, _ in pairs))} s, tracking the outage itself; not "
        f"calling it left the connection idle until the next expiry of the backed-off "
        f"retransmission timer, so the disruption grows in steps (the timer doubles: 1, 2, 4, "
        f"8 s). Not calling it was slower at {len(slower)} of {len(pairs)} points, by up to "
        f"{_fmt(max(gaps))} s (mean over seeds). "
    )
    if slower:
        first = min(r["outage_s"] for r, _ in slower)
        text += (
            f"The shortest outage where it was slower is {_fmt(first, 2)} s "
            f"(ns-3's minimum RTO is 1 s, so every outage here outlasts the first timeout). "
        )
    same = [r["outage_s"] for r, p in pairs if (r, p) not in slower]
    if same:
        text += (
            "Where the update completes just before an expiry the two coincide "
            f"(outages of {', '.join(_fmt(x, 2) for x in same)} s)."
        )
    return text


# --- min-rto --------------------------------------------------------------------------------

#: Minimum RTO (ms) by name: ns-3's default and Linux's (TCP_RTO_MIN).
_MIN_RTO_MS = {"ns3": 1000, "linux": 200}
_MIN_RTO = {
    "ns3-reset": "min RTO 1 s (ns-3), ResetTimer",
    "ns3-no-reset": "min RTO 1 s (ns-3), no ResetTimer",
    "linux-reset": "min RTO 200 ms (Linux), ResetTimer",
    "linux-no-reset": "min RTO 200 ms (Linux), no ResetTimer",
}


def _min_rto_grid(size: str) -> list[Point]:
    # The outages of reset-timer, under both minimum RTOs.
    spacing = {
        "quick": [100, 160],
        "default": [100, 120, 140, 160, 180, 200],
        "full": [100, 110, 120, 130, 140, 150, 160, 170, 180, 190, 200],
    }
    return _outage_grid(
        size,
        _MIN_RTO,
        spacing,
        lambda v: {
            "resetTimer": not v.endswith("no-reset"),
            "minRtoMs": _MIN_RTO_MS[v.split("-")[0]],
        },
    )


#: The path RTT of the scenario's defaults (wiredDelayMs 20, accessDelayMs 1, each way).
_DEFAULT_PATH_RTT_S = 2 * (20 + 1) / 1000


def backed_off_idle(outage_s: float, min_rto_s: float, rtt_s: float = _DEFAULT_PATH_RTT_S) -> float:
    """Idle time after an outage without ResetTimer, from the retransmission schedule.

    The timer is armed when the last ACK before the outage arrives, one path RTT
    after the last byte got through, with the minimum RTO (the path's RTT is far
    below it); it then expires at min_rto * (2^k - 1) after, k = 1, 2, ... The
    first expiry after the path is usable again (the outage's end) sends the data.
    """
    k = 1
    while rtt_s + min_rto_s * (2**k - 1) < outage_s:
        k += 1
    return rtt_s + min_rto_s * (2**k - 1) - outage_s


def _min_rto_describe(points: list[dict]) -> str:
    text = ""
    gains = {}
    errors = []
    for rto, ms in _MIN_RTO_MS.items():
        reset, plain = _by(points, f"{rto}-reset"), _by(points, f"{rto}-no-reset")
        pairs = [(r, p) for r in reset for p in plain if r["x"] == p["x"]]
        if not pairs:
            continue
        gains[rto] = [p["disruption_s"] - r["disruption_s"] for r, p in pairs]
        idle = [p["idle_after_update_s"] for _, p in pairs]
        errors += [
            abs(p["idle_after_update_s"] - backed_off_idle(p["outage_s"], ms / 1000))
            for _, p in pairs
        ]
        text += (
            f"With a minimum RTO of {ms} ms, not calling ResetTimer left the connection idle "
            f"for {_fmt(min(idle))} to {_fmt(max(idle))} s after the update was confirmed "
            f"({len(pairs)} outage lengths, means over seeds); calling it saved "
            f"{_fmt(min(gains[rto]))} to {_fmt(max(gains[rto]))} s (mean "
            f"{_fmt(sum(gains[rto]) / len(gains[rto]))} s). "
        )
    if len(gains) == 2:
        shorter = sum(a > b for a, b in zip(gains["ns3"], gains["linux"]))
        text += (
            f"Neither minimum RTO is uniformly better without ResetTimer: the wait is the time "
            f"to the next expiry of the doubling timer, and a 200 ms start doubles into "
            f"expiries (0.2, 0.6, 1.4, 3.0, 6.2, 12.6 s) that fall elsewhere than ns-3's (1, 3, "
            f"7, 15 s). The 200 ms RTO waited less at {shorter} of {len(gains['ns3'])} outage "
            f"lengths. So a result obtained with ns-3's default 1 s says little about Linux "
            f"hosts, and ResetTimer's saving is large under both. "
        )
    if errors:
        text += (
            f"The schedule predicts each idle time from the outage, the minimum RTO and the "
            f"path RTT ({_DEFAULT_PATH_RTT_S * 1e3:.0f} ms): the timer is re-armed by the last "
            f"ACK, one RTT after the last byte (backed_off_idle in experiments.py); the largest "
            f"error over the points is {_fmt(max(errors) * 1e3, 2)} ms."
        )
    return text


# --- signalling-loss -----------------------------------------------------------------------

#: The schemes that keep the connection.
_KEEPING_SCHEMES = ("mobisocket-direct", "mobisocket-proxy", "mobisocket-inband", "tcp-r",
                    "migrate", "redirect")
#: A realistic link layer: the signal policy with Linux's 30 ms active scan of the two APs'
#: channels (APs 80 m apart), as l2-latency measures it.
SIGNAL_ROAMING = {"roaming": "signal", "activeProbing": True, "minChannelTimeMs": 30,
                  "maxChannelTimeMs": 30, "apChannels": "36,44", "scanChannels": "36,44",
                  "apSpacingM": 80}


def _loss_grid(size: str) -> list[Point]:
    # A realistic link layer (the signal policy with Linux's 30 ms active scan of the
    # two APs' channels, as l2-latency), so that the signalling, not a 1 s beacon
    # loss, decides the differences; a 256 kb/s stream, whose gap is the disruption.
    # The loss starts with the walk (2 s), after the session's set-up (done by
    # 0.7 s): a lost REGISTER or INVITE would otherwise delay the session past the
    # handover (at about 4.2 s) and count as a failed handover.
    rates = {
        "quick": [0, 0.2],
        "default": [0, 0.05, 0.1, 0.15, 0.2],
        "full": [0, 0.025, 0.05, 0.075, 0.1, 0.125, 0.15, 0.175, 0.2],
    }[size]
    return _scheme_points(
        _KEEPING_SCHEMES,
        "signallingLossRate",
        rates,
        traffic="stream",
        **SIGNAL_ROAMING,
        moveStartS=2,
        appStartS=1.5,
        signallingLossFromS=2,
        simTimeS={"quick": 15, "default": 25, "full": 25}[size],
    )


def _loss_describe(points: list[dict]) -> str:
    parts = []
    for v in _KEEPING_SCHEMES:
        rows = sorted(_by(points, v), key=lambda p: p["x"])
        if not rows:
            continue
        clean, worst = rows[0], rows[-1]
        parts.append(
            f"{SCHEMES[v][0]}: {_fmt(clean['update_s'] * 1e3, 1)} ms from the lease to the "
            f"peer's update without loss, {_fmt(worst['update_s'] * 1e3, 1)} ms at "
            f"{worst['x'] * 100:.0f} % (disruption {_fmt(clean['disruption_s'])} -> "
            f"{_fmt(worst['disruption_s'])} s, {worst['success_rate'] * 100:.0f} % survived)"
        )
    return (
        "Only signalling messages are lost (each link crossed, each direction, from the "
        "start of the walk, after the session's set-up); data and "
        "ACKs pass, so what differs is each scheme's retransmission schedule: SIP's "
        "transactions resend after T1 = 500 ms, doubling; the in-band exchanges (MobiSocket, "
        "TCP-R) after the connection's un-backed-off RTO (1 s here), doubling; the daemon "
        "after its own 1 s, doubling. Through the proxy the MH re-REGISTERs first and each "
        "INFO crosses three lossy links instead of one, so more messages can be lost. "
        + "; ".join(parts) + "."
    )


# --- baselines ------------------------------------------------------------------------------

_BASELINES = ("mobisocket-direct", "mobisocket-inband", "tcp-r", "migrate", "redirect", "tcp")
#: The baselines' printed table: the disruption, its parts, what it cost.
_BASELINES_TABLE = (
    "disruption_s",
    "l2_gap_s",
    "address_s",
    "update_s",
    "resume_s",
    "handover_signalling_bytes",
    "setup_signalling_bytes",
    "mh_energy_j",
)


def _baselines_grid(size: str) -> list[Point]:
    sim = {"quick": 8, "default": 12, "full": 15}[size]
    return _scheme_points(_BASELINES, None, [], simTimeS=sim)


def _baselines_describe(points: list[dict]) -> str:
    rows = {p["variant"]: p for p in points}
    parts = []
    for v in _BASELINES:
        p = rows[v]
        if p["success_rate"] > 0:
            parts.append(
                f"{SCHEMES[v][0]} recovered in {p['success_rate'] * 100:.0f} % of runs after "
                f"{_fmt(p['disruption_s'])} s (update {_fmt(p['update_s'] * 1e3, 1)} ms after "
                f"the lease, {_fmt(p['handover_signalling_bytes'], 0)} B of handover "
                f"signalling, {_fmt(p['setup_signalling_bytes'], 0)} B spent in advance)"
            )
        else:
            parts.append(f"{SCHEMES[v][0]} never recovered")
    l2 = rows["mobisocket-inband"]["l2_gap_s"]
    retx = ", ".join(
        f"{SCHEMES[v][0]} {_fmt(rows[v]['retransmissions'], 1)}"
        for v in _BASELINES
        if rows[v]["success_rate"] > 0
    )
    return (
        "; ".join(parts)
        + f". The layer-2 gap (last byte to re-association, {_fmt(l2)} s) dominates every "
        "recovering scheme: the schemes differ only in the update exchange after the lease, "
        "which takes tens of milliseconds (two one-way trips plus the crypto). "
        f"Retransmitted segments per handover (mean): {retx}."
    )


def _write_series(exp: Experiment, runs: list[dict], out: str) -> None:
    """Mean goodput time series per variant (baselines): series.csv."""
    series: dict[str, list[list[float]]] = {}
    times: list[float] = []
    for run in runs:
        if run["status"] != "ok":
            continue
        t, mbps = run["goodput"]
        times = t if len(t) > len(times) else times
        series.setdefault(run["variant"], []).append(mbps)
    columns = [v for v in exp.variants if v in series]
    with open(os.path.join(out, "series.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["time_s"] + [f"{v}_mbps" for v in columns])
        for i, t in enumerate(times):
            row = [f"{t:.3f}"]
            for v in columns:
                values = [s[i] for s in series[v] if i < len(s)]
                row.append(f"{sum(values) / len(values):.4f}" if values else "nan")
            w.writerow(row)


# --- sip-register ---------------------------------------------------------------------------


def _sip_grid(size: str) -> list[Point]:
    rtt = {
        "quick": [10, 100],
        "default": [5, 10, 25, 50, 100, 200],
        "full": [5, 10, 25, 50, 100, 150, 200, 300, 400],
    }[size]
    return _scheme_points(("mobisocket-direct", "mobisocket-proxy"), "proxyRttMs", rtt, simTimeS=8)


def _sip_describe(points: list[dict]) -> str:
    direct, proxy = _by(points, "mobisocket-direct"), _by(points, "mobisocket-proxy")
    d0, d1 = direct[0], direct[-1]
    p0, p1 = proxy[0], proxy[-1]
    slope = (p1["confirm_s"] - p0["confirm_s"]) / ((p1["x"] - p0["x"]) / 1e3)
    return (
        f"Sent directly to the CH with the public key learnt in the INVITE, the INFO "
        f"exchange completed {_fmt(d0['confirm_s'] * 1e3, 1)} ms after the lease at a "
        f"{d0['x']:g} ms proxy RTT and {_fmt(d1['confirm_s'] * 1e3, 1)} ms at {d1['x']:g} ms: "
        f"it does not touch the proxy. After re-REGISTER and through the proxy it took "
        f"{_fmt(p0['confirm_s'] * 1e3, 1)} ms and {_fmt(p1['confirm_s'] * 1e3, 1)} ms, growing "
        f"by {slope:.2f} s per second of proxy RTT (one REGISTER transaction and the INFO and "
        f"its 200 each crossing the proxy). The disruption grows accordingly, from "
        f"{_fmt(p0['disruption_s'])} to {_fmt(p1['disruption_s'])} s via the proxy against "
        f"{_fmt(d0['disruption_s'])} to {_fmt(d1['disruption_s'])} s direct."
    )


# --- both-move ------------------------------------------------------------------------------

_BOTH = ("mobisocket-direct", "mobisocket-proxy", "mobisocket-inband", "tcp-r", "migrate", "redirect")


def _both_grid(size: str) -> list[Point]:
    skew = {
        "quick": [0],
        "default": [0, 250, 500, 1000, 2000, 4000],
        "full": [0, 100, 250, 500, 750, 1000, 1500, 2000, 3000, 4000, 6000],
    }[size]
    sim = {"quick": 9, "default": 13, "full": 15}[size]
    return _scheme_points(_BOTH, "chMoveSkewMs", skew, chMoves=True, simTimeS=sim)


def _both_describe(points: list[dict]) -> str:
    parts = []
    for v in _BOTH:
        rows = _by(points, v)
        ok = [r["x"] for r in rows if r["success_rate"] == 1]
        never = [r["x"] for r in rows if r["success_rate"] == 0]
        some = [r for r in rows if 0 < r["success_rate"] < 1]

        def listed(xs: list) -> str:
            return ", ".join(f"{x:g}" for x in xs) + " ms"

        if len(ok) == len(rows):
            parts.append(f"{SCHEMES[v][0]} survived at every skew")
        elif len(never) == len(rows):
            parts.append(f"{SCHEMES[v][0]} never survived")
        else:
            said = [f"{SCHEMES[v][0]} never survived at {listed(never)}" if never else ""]
            said += [f"in {r['success_rate'] * 100:.0f} % of runs at {r['x']:g} ms" for r in some]
            said += [f"always at {listed(ok)}" if ok else ""]
            parts.append(", ".join(x for x in said if x))
    at_once = [
        r for v in _BOTH for r in _by(points, v) if r["x"] == min(p["x"] for p in points)
    ]
    survivors = [
        f"{SCHEMES[r['variant']][0]} (larger disruption {_fmt(r['max_disruption_s'])} s)"
        for r in at_once
        if r["success_rate"] == 1
    ]
    return (
        "When both ends hand over, an update sent straight to the peer goes to its stale "
        "address unless the peer has finished its own move first. "
        + "; ".join(parts)
        + f". At the smallest skew ({min(p['x'] for p in points):g} ms) only the schemes "
        "with a rendezvous survived: "
        + (", ".join(survivors) if survivors else "none")
        + ". The SIP proxy (after re-REGISTER) is the paper's answer; TCP Migrate's "
        "secure dynamic DNS finds the peer only after its first Migrate SYN goes "
        "unanswered for one RTO, which its disruption shows."
    )


# --- no-handover-cost -----------------------------------------------------------------------

_COST = ("mobisocket-inband", "tcp-r", "redirect-60", "tcp")
_COST_LABELS = {
    "mobisocket-inband": "MobiSocket",
    "tcp-r": "TCP-R",
    "redirect-60": "Redirect daemon (threshold 60 s)",
    "tcp": "Plain TCP",
    "redirect": "Redirect daemon",
}


def _cost_grid(size: str) -> list[Point]:
    counts = {"quick": [10], "default": [10, 20, 50, 100], "full": [10, 20, 50, 100, 200, 500]}[
        size
    ]
    thresholds = {"quick": [0, 60], "default": [0, 5, 10, 30, 60, 120, 300], "full": [0, 2, 5, 10, 20, 30, 60, 120, 300, 600]}[size]  # fmt: skip
    threshold_connections = {"quick": 10, "default": 50, "full": 100}[size]
    browsing = {
        "traffic": "browsing",
        "mhMoves": False,
        "signalling": "inband",
        "meanInterArrivalS": 0.5,
        "meanLifetimeS": 10,
        "lifetimeShape": 1.5,
        "pageBytes": 20000,
    }
    points = []
    for variant in _COST:
        scheme = "redirect" if variant == "redirect-60" else variant
        for n in counts:
            params = {**SCHEMES[scheme][1], **browsing, "connections": n}
            params["simTimeS"] = n * browsing["meanInterArrivalS"] + 120
            if scheme == "redirect":
                params["prepareAfterS"] = 60
            points.append(Point(variant, params, "connections"))
    for t in thresholds:
        params = {**SCHEMES["redirect"][1], **browsing, "connections": threshold_connections}
        params["prepareAfterS"] = t
        params["simTimeS"] = threshold_connections * browsing["meanInterArrivalS"] + max(
            120, t + 60
        )
        points.append(Point("redirect", params, "threshold"))
    return points


def _cost_describe(points: list[dict]) -> str:
    rows = {v: _by(points, v, "connections") for v in _COST}
    last = {v: r[-1] for v, r in rows.items()}
    n = last["tcp-r"]["x"]
    thr = _by(points, "redirect", "threshold")
    text = (
        f"With no handover at all, {n:g} browsing connections (Pareto lifetimes, mean "
        f"10 s, shape 1.5) cost the MH {_fmt(last['tcp-r']['mh_key_agreements'], 1)} key "
        f"agreements and {_fmt(last['tcp-r']['mh_energy_j'] * 1e3, 2)} mJ of CPU energy with "
        f"TCP-R (one per connection, at its establishment), "
        f"{_fmt(last['redirect-60']['mh_key_agreements'], 1)} agreements "
        f"({_fmt(last['redirect-60']['mh_energy_j'] * 1e3, 2)} mJ) with the redirect daemon "
        f"at a 60 s threshold (only connections that live that long), and "
        f"{_fmt(last['mobisocket-inband']['mh_crypto_ops'], 0)} cryptographic operations "
        f"with MobiSocket, like plain TCP. "
    )
    if thr:
        text += (
            f"Lowering the daemon's threshold buys protection for younger connections at "
            f"the price of preparing them: from {_fmt(thr[0]['connections_prepared'], 1)} "
            f"prepared connections at {thr[0]['x']:g} s to "
            f"{_fmt(thr[-1]['connections_prepared'], 1)} at {thr[-1]['x']:g} s, out of "
            f"{_fmt(thr[0]['connections_opened'], 0)}; every one of these preparations is "
            f"wasted when the MH never moves."
        )
    return text


# --- interface-handover ---------------------------------------------------------------------

_IFACE = {"make-before-break": "make-before-break", "break-before-make": "break-before-make"}


def _iface_point(mode: str, **parameters: Any) -> Point:
    """A CopyTcb point: the MH stays under its AP and moves its connection to
    the second access (``interfaceHandover``), announced in band."""
    common = {"protocol": "mobisocket", "signalling": "inband", "mhMoves": False}
    return Point(mode, {**common, "interfaceHandover": mode, **parameters})


def _iface_grid(size: str) -> list[Point]:
    delays = {"quick": [25], "default": [5, 25, 50, 100, 200], "full": [2, 5, 10, 25, 50, 75, 100, 150, 200, 300]}[size]  # fmt: skip
    return [
        _iface_point(mode, secondAccess="link", secondDelayMs=d, simTimeS=8)
        for mode in _IFACE
        for d in delays
    ]


def _iface_describe(points: list[dict]) -> str:
    mbb, bbm = _by(points, "make-before-break"), _by(points, "break-before-make")
    return (
        f"CopyTcb moves the connection to the second interface (new address and port) and "
        f"announces it in band. Make-before-break, the disruption is the AddChange/AddConfirm "
        f"exchange over the new path plus one trip: {_fmt(mbb[0]['disruption_s'])} s at a "
        f"{mbb[0]['x']:g} ms one-way delay, {_fmt(mbb[-1]['disruption_s'])} s at "
        f"{mbb[-1]['x']:g} ms. Break-before-make adds the detection of the WiFi loss (missed "
        f"beacons) and the second interface's start: {_fmt(bbm[0]['disruption_s'])} and "
        f"{_fmt(bbm[-1]['disruption_s'])} s. Every run delivered the byte stream intact "
        f"({_fmt(min(p['intact'] for p in points) * 100, 0)} % of points intact in all seeds)."
    )


# --- wifi-to-lte ----------------------------------------------------------------------------


def _lte_grid(size: str) -> list[Point]:
    missed = {"quick": [3, 10], "default": [2, 3, 5, 7, 10], "full": [2, 3, 4, 5, 6, 7, 8, 10]}[size]  # fmt: skip
    return [
        _iface_point(mode, secondAccess="lte", traffic="stream", direction="both",
                     maxMissedBeacons=m, simTimeS=7)  # fmt: skip
        for mode in _IFACE
        for m in missed
    ]


def _lte_describe(points: list[dict]) -> str:
    mbb, bbm = _by(points, "make-before-break"), _by(points, "break-before-make")
    attach = [p["l2_handoff_s"] for p in bbm]
    longer = [p["x"] for p in bbm if p["detection_s"] > p["l2_handoff_s"]]
    dominance = (
        f"The detection is the larger part from {min(longer):g} missed beacons up."
        if longer
        else "The attach is the larger part at every setting."
    )
    return (
        f"The MH moves a media stream (256 kb/s each way) from WiFi to ns-3's LTE by CopyTcb. "
        f"Make-before-break (LTE attached from the start), the disruption is the exchange over "
        f"LTE: {_fmt(mbb[0]['disruption_s'])} to {_fmt(mbb[-1]['disruption_s'])} s whatever "
        f"the beacon-loss setting, since the WiFi still works at the switch. Break-before-make, "
        f"the station first has to notice the loss, after maxMissedBeacons silent beacon "
        f"intervals: detection {_fmt(bbm[0]['detection_s'])} s at {bbm[0]['x']:g} beacons, "
        f"{_fmt(bbm[-1]['detection_s'])} s at {bbm[-1]['x']:g}; then LTE attaches (cell "
        f"selection at the UE's next 200 ms RSRP report, random access, RRC connection, EPC "
        f"session, bearer) in {_fmt(min(attach))}-{_fmt(max(attach))} s. {dominance} The "
        f"disruption goes from {_fmt(bbm[0]['disruption_s'])} to "
        f"{_fmt(bbm[-1]['disruption_s'])} s. All points intact: "
        f"{'yes' if all(p['intact'] == 1 for p in points) else 'NO'}."
    )


# --- l2-latency -----------------------------------------------------------------------------

#: How the station scans, by variant id: label and parameters. Channel times of
#: Linux mac80211 (net/mac80211/scan.c: IEEE80211_CHANNEL_TIME = HZ/33, about
#: 30 ms, after a probe; IEEE80211_PASSIVE_CHANNEL_TIME = HZ/8, 125 ms) and of
#: ns-3's station (ProbeRequestTimeout, 50 ms); ns-3's own beacon-loss station
#: as the contrast.
_L2_PROFILES: dict[str, tuple[str, dict]] = {
    "active-30": (
        "signal, active scan, 30 ms per channel (Linux)",
        {"activeProbing": True, "minChannelTimeMs": 30, "maxChannelTimeMs": 30},
    ),
    "active-50": (
        "signal, active scan, 50 ms per channel (ns-3 probe timeout)",
        {"activeProbing": True, "minChannelTimeMs": 50, "maxChannelTimeMs": 50},
    ),
    "passive-125": (
        "signal, passive scan, 125 ms per channel (Linux)",
        {"activeProbing": False, "maxChannelTimeMs": 125},
    ),
}
#: Channels scanned, by count: the two APs' channels, UNII-1, UNII-1 and -2,
#: and eleven (as many as 2.4 GHz has, where the measurements were made).
_L2_CHANNELS = {
    2: "36,44",
    4: "36,40,44,48",
    8: "36,40,44,48,52,56,60,64",
    11: "36,40,44,48,52,56,60,64,100,104,108",
}
#: The measured range of 802.11 handoff latency (Mishra, Shin, Arbaugh 2003).
L2_MEASURED_S = (0.053, 0.420)


def _l2_grid(size: str) -> list[Point]:
    counts = {"quick": [2, 11], "default": [2, 4, 8, 11], "full": [2, 4, 8, 11]}[size]
    # Overlapping cells (80 m apart, about 51 m reach each): the trigger fires
    # while AP2 is in reach, as in a planned deployment. The walk starts once
    # the first association is done (a passive scan of 11 channels takes
    # 1.4 s): a station still scanning at the cell edge is never armed.
    common = {
        "protocol": "mobisocket",
        "signalling": "inband",
        "apSpacingM": 80,
        "moveStartS": 2,
        "appStartS": 1.5,
        "simTimeS": 8,
    }
    points = [
        Point(
            variant,
            {**common, **params, "roaming": "signal", "apChannels": "36,44",
             "scanChannels": _L2_CHANNELS[n]},
        )
        for variant, (_, params) in _L2_PROFILES.items()
        for n in counts
    ]  # fmt: skip
    points.append(Point("beacon-loss", {**common, "apSpacingM": 100}, group="contrast"))
    return points


def _write_l2_cdf(exp: Experiment, runs: list[dict], out: str) -> None:
    """cdf.csv: per variant, each run's L2 handoff latency in order and its empirical CDF."""
    rows = []
    for variant in exp.variants:
        values = sorted(
            r["l2_handoff_s"] for r in runs
            if r["variant"] == variant and r["status"] == "ok"
            and not math.isnan(r["l2_handoff_s"])
        )  # fmt: skip
        for i, value in enumerate(values):
            rows.append({"variant": variant, "l2_handoff_s": value,
                         "fraction": (i + 1) / len(values)})  # fmt: skip
    _write_csv(os.path.join(out, "cdf.csv"), rows, ("variant", "l2_handoff_s", "fraction"))


def _l2_describe(points: list[dict]) -> str:
    low, high = L2_MEASURED_S
    signal = [p for p in points if p["group"] == "main"]
    inside = [p for p in signal if low <= p["l2_handoff_s"] <= high]
    shares = [p["scan_share"] for p in signal]
    fastest = min(signal, key=lambda p: p["l2_handoff_s"])
    slowest = max(signal, key=lambda p: p["l2_handoff_s"])
    text = (
        f"From the first probe to the association the signal policy took between "
        f"{_fmt(fastest['l2_handoff_s'] * 1e3, 0)} ms ({fastest['label']}, "
        f"{_fmt(fastest['scanned_channels'], 0)} channels) and "
        f"{_fmt(slowest['l2_handoff_s'] * 1e3, 0)} ms ({slowest['label']}, "
        f"{_fmt(slowest['scanned_channels'], 0)} channels); {len(inside)} of the {len(signal)} "
        f"combinations of profile and channel count fall inside the {low * 1e3:.0f}-{high * 1e3:.0f} ms Mishra, Shin and "
        f"Arbaugh measured. The scan is {_fmt(min(shares) * 100, 1)}-"
        f"{_fmt(max(shares) * 100, 1)} % of it, as they found the probe phase to be (over "
        f"90 %): the latency is the channels scanned times the time spent on each, plus "
        f"about {_fmt(min(p['assoc_s'] for p in signal) * 1e3, 1)} ms of association. "
    )
    contrast = [p for p in points if p["group"] == "contrast"]
    if contrast:
        c = contrast[0]
        text += (
            f"ns-3's own station (beacon loss) scans one channel in "
            f"{_fmt(c['l2_handoff_s'] * 1e3, 0)} ms, but only after {_fmt(c['detection_s'], 2)} "
            f"s of detection (10 missed beacons), which the signal policy does not need."
        )
    return text


# --- rtt ------------------------------------------------------------------------------------


def _rtt_grid(size: str) -> list[Point]:
    # Path RTT 2 x (wiredDelayMs + accessDelayMs 1): 10, 25, 50, 100, 200, 300 ms. The
    # link layer of signalling-loss (the signal policy, 30 ms active scan of two
    # channels), so that the path, not a 1 s beacon loss, decides; a 256 kb/s stream.
    wired = {
        "quick": [4, 149],
        "default": [4, 11.5, 24, 49, 99, 149],
        "full": [4, 11.5, 24, 36.5, 49, 74, 99, 124, 149],
    }[size]
    points = _scheme_points(
        _KEEPING_SCHEMES,
        "wiredDelayMs",
        wired,
        traffic="stream",
        **SIGNAL_ROAMING,
        moveStartS=2,
        appStartS=1,
        simTimeS=9,
    )
    for point in points:
        if point.variant == "redirect":
            point.params["prepareAfterS"] = 0  # prepared at its first scan, as the model
    return points


def _predicted_disruption(run: dict) -> None:
    """The delay model's expectation for the run's own parameters, next to what ran."""
    prediction = predict(run["parameters"])
    run["pred_disruption_s"] = prediction["disruption"]["mean_s"]
    run["pred_update_s"] = prediction["update"]["mean_s"]


def _rtt_describe(points: list[dict]) -> str:
    parts = []
    for v in _KEEPING_SCHEMES:
        rows = sorted(_by(points, v), key=lambda p: p["x"])
        if len(rows) < 2:
            continue
        short, long_ = rows[0], rows[-1]
        # The wired delay counts twice in the RTT; x is in ms.
        slope = (long_["disruption_s"] - short["disruption_s"]) / (2e-3 * (long_["x"] - short["x"]))
        parts.append(
            f"{SCHEMES[v][0]} {_fmt(short['disruption_s'] * 1e3, 3)} ms at RTT "
            f"{2 * (short['x'] + 1):g} ms and {_fmt(long_['disruption_s'] * 1e3, 3)} ms at "
            f"{2 * (long_['x'] + 1):g} ms ({_fmt(slope, 3)} RTTs; the model expects "
            f"{_fmt(long_['pred_disruption_s'] * 1e3, 3)} ms)"
        )
    worst = max((p for p in points if p["variant"] != "mobisocket-inband"),
                key=lambda p: abs(p["disruption_s_vs_ref"]), default=None)
    text = (
        "The disruption grows with the path's round trip by the round trips each scheme's "
        "exchange and restart need before the stream flows again (update, confirmation, "
        "first segment: about 1.5 RTT): " + "; ".join(parts) + ". "
    )
    if worst is not None:
        text += (
            f"Paired with MobiSocket in band on the same seeds, the largest difference is "
            f"{SCHEMES[worst['variant']][0]}'s at RTT {2 * (worst['x'] + 1):g} ms: "
            f"{_fmt(worst['disruption_s_vs_ref'] * 1e3, 3)} ± "
            f"{_fmt(worst['disruption_s_vs_ref_ci95'] * 1e3, 2)} ms."
        )
    return text


# --- roaming --------------------------------------------------------------------------------

_ROAMING = {
    # ns-3's station: leaves after 10 missed beacons, scans its own channel (APs 100 m apart).
    "beacon-loss": {"roaming": "beacon-loss", "apChannels": "36,36", "apSpacingM": 100},
    "signal": SIGNAL_ROAMING,
}


def _roaming_grid(size: str) -> list[Point]:
    points = []
    for scheme in _KEEPING_SCHEMES:
        for policy in _ROAMING.values():
            params = {**SCHEMES[scheme][1], **policy, "traffic": "stream", "moveStartS": 2,
                      "appStartS": 1, "simTimeS": 9}
            if scheme == "redirect":
                params["prepareAfterS"] = 0
            points.append(Point(scheme, params))
    return points


def _roaming_describe(points: list[dict]) -> str:
    def of(variant: str, policy: str) -> dict:
        return next(p for p in points if p["variant"] == variant and p["x"] == policy)

    parts = []
    for policy in _ROAMING:
        rows = [of(v, policy) for v in _KEEPING_SCHEMES]
        fastest = min(rows, key=lambda p: p["disruption_s"])
        slowest = max(rows, key=lambda p: p["disruption_s"])
        share = fastest["l2_gap_s"] / fastest["disruption_s"]
        parts.append(
            f"with {policy} the disruption runs from {_fmt(fastest['disruption_s'] * 1e3, 0)} ms "
            f"({SCHEMES[fastest['variant']][0]}) to {_fmt(slowest['disruption_s'] * 1e3, 0)} ms "
            f"({SCHEMES[slowest['variant']][0]}), the link layer (last byte to association) "
            f"being {_fmt(share * 100, 0)} % of the fastest"
        )
    proxy = [of("mobisocket-proxy", policy) for policy in _ROAMING]
    return (
        "The link layer decides how much the schemes' differences matter: "
        + "; ".join(parts)
        + ". The schemes' own differences do not change with the policy (SIP through the "
        f"proxy, paired with MobiSocket in band on the same seeds: "
        + ", ".join(f"{_fmt(p['disruption_s_vs_ref'] * 1e3, 1)} ± "
                    f"{_fmt(p['disruption_s_vs_ref_ci95'] * 1e3, 1)} ms with {p['x']}"
                    for p in proxy)
        + "); what changes is their share of the disruption."
    )


# --- corridor -------------------------------------------------------------------------------

#: Every scheme that keeps the connection, and plain TCP for contrast.
_CORRIDOR = _KEEPING_SCHEMES + ("tcp",)
#: Simulated time per size (s): the walk lasts the whole run.
_CORRIDOR_SIM_S = {"quick": 15, "default": 40, "full": 60}
#: The stream of the delay runs (kb/s): a video call's rate.
_CORRIDOR_STREAM_KBPS = 1000
#: A chunk later than this (one way) is late for a conversation (ITU-T G.114: 150 ms).
_LATE_MS = 150


#: The walk starts this long into the run (s): 2 s after the data, so that the daemon has
#: prepared the connection (its first scan, 1 s in) before the first handover even at 20 m/s
#: (what a young connection costs is young-connections' question).
_CORRIDOR_MOVE_S = 3
#: The walk ends under the last AP at least this long before the run does (s), so that its
#: last handover is over before the end.
_CORRIDOR_SETTLE_S = 4


def _corridor_aps(speed_mps: float, sim_s: float) -> int:
    """As many APs as the walk passes (from x = 10 m, SIGNAL_ROAMING's spacing) before it
    ends under the last one, _CORRIDOR_SETTLE_S before the run's end."""
    reach = 10 + speed_mps * (sim_s - _CORRIDOR_MOVE_S - _CORRIDOR_SETTLE_S)
    return max(2, int(reach // SIGNAL_ROAMING["apSpacingM"]) + 1)


def _corridor_walk_s(params: Mapping[str, Any]) -> float:
    """How long the walk lasts: from startXm to under the last AP (s)."""
    end_x = (int(params["apCount"]) - 1) * float(params["apSpacingM"])
    return (end_x - float(params["startXm"])) / float(params["speedMps"])


def _corridor_grid(size: str) -> list[Point]:
    speeds = {"quick": [10], "default": [2.5, 5, 10, 20], "full": [1.25, 2.5, 5, 10, 15, 20, 30]}[
        size
    ]
    sim = _CORRIDOR_SIM_S[size]
    traffic = {
        "bulk": {"traffic": "bulk"},
        "stream": {"traffic": "stream", "streamRateKbps": _CORRIDOR_STREAM_KBPS},
    }
    points = []
    for group, load in traffic.items():
        for scheme in _CORRIDOR:
            for speed in speeds:
                params = {**SCHEMES[scheme][1], **SIGNAL_ROAMING, **load, "speedMps": speed,
                          "apCount": _corridor_aps(speed, sim), "simTimeS": sim,
                          "appStartS": 1, "moveStartS": _CORRIDOR_MOVE_S}
                if scheme == "redirect":
                    params["prepareAfterS"] = 0
                points.append(Point(scheme, params, group))
    return points


def _percentile(values: list[float], q: float) -> float:
    """The q-quantile (0..1) of values by the nearest rank; NaN if there are none."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


def _chunk_delays(run: dict, begin: float, end: float) -> tuple[list[float], int]:
    """The one-way delays (ms) of the stream's chunks offered in [begin, end), and how many
    chunks the stream offered there.

    ``delay.csv`` has one row per chunk delivered (its last byte's arrival and its delay
    from the time the application offered it); the stream offers one every chunk time from
    its first, so the chunks offered in the window are counted from the first offer, not
    from the parameters (the stream starts once the connection is open). With the stream
    both ways, one direction's phase stands for both.
    """
    params = run["parameters"]
    delays, first_offer = [], math.inf
    with open(os.path.join(run["run_dir"], "delay.csv")) as f:
        for row in csv.DictReader(f):
            delay = float(row["delay_s"])
            offer = float(row["time_s"]) - delay
            first_offer = min(first_offer, offer)
            if begin <= offer < end:
                delays.append(delay * 1e3)
    if math.isinf(first_offer):
        return [], 0
    directions = 2 if params["direction"] == "both" else 1
    chunk_s = 8 * float(params["streamChunkBytes"]) / (float(params["streamRateKbps"]) * 1e3)
    first = max(begin, first_offer)
    offered = max(0, math.ceil((end - first_offer) / chunk_s - 1e-6)
                  - math.ceil((first - first_offer) / chunk_s - 1e-6))
    return delays, directions * offered


def _delay_metrics(run: dict, delays: list[float], offered: int) -> None:
    """``delay_p50_ms``, ``delay_p95_ms``, ``delay_p99_ms``, ``delay_max_ms`` of the chunks
    delivered; ``late_share`` of those offered that arrived later than G.114's 150 ms or
    never; ``lost_share`` of those offered that never arrived."""
    run["delay_p50_ms"] = _percentile(delays, 0.5)
    run["delay_p95_ms"] = _percentile(delays, 0.95)
    run["delay_p99_ms"] = _percentile(delays, 0.99)
    run["delay_max_ms"] = max(delays) if delays else math.nan
    on_time = sum(d <= _LATE_MS for d in delays)
    run["late_share"] = max(0.0, 1 - on_time / offered) if offered > 0 else math.nan
    run["lost_share"] = max(0.0, 1 - len(delays) / offered) if offered > 0 else math.nan


#: A chunk offered this close to the run's end (s) may still be on its way: not counted.
_IN_FLIGHT_S = 1.0


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else math.nan


def _read_summary(run: dict) -> tuple[dict, list[dict]]:
    """A finished run's summary.json and the MH's handovers in it (every MH's, with several)."""
    with open(os.path.join(run["run_dir"], "summary.json")) as f:
        summary = json.load(f)
    return summary, [h for h in summary["handovers"] if h["host"] == "MH"]


def _completion(run: dict, handovers: list[dict]) -> list[dict]:
    """Set ``completed_share`` of the handovers and ``mean_disruption_s`` over the completed
    ones; return those."""
    completed = [h for h in handovers if h["completed"]]
    run["completed_share"] = len(completed) / len(handovers) if handovers else math.nan
    run["mean_disruption_s"] = _mean([_num(h["disruption_s"]) for h in completed])
    return completed


def _corridor_metrics(run: dict) -> None:
    """Whole-run metrics of a walk through the corridor (every handover, not the first).

    ``handovers`` (the MH's) and ``handovers_per_min`` over the walk;
    ``completed_share`` of them confirmed; ``mean_disruption_s`` over the completed ones;
    ``run_goodput_mbps``: bytes delivered both ways over the time the data ran; for the
    stream, the one-way delay of its chunks offered until 1 s before the run's end
    (``_delay_metrics``: percentiles, ``late_share`` later than ITU-T G.114's 150 ms or
    never, ``lost_share``), and ``delivered_share`` of what the stream offered.
    """
    summary, handovers = _read_summary(run)
    params = run["parameters"]
    data_s = float(summary["end_s"]) - float(params["appStartS"])
    _completion(run, handovers)
    run["handovers"] = len(handovers)
    run["handovers_per_min"] = 60 * len(handovers) / _corridor_walk_s(params)
    delivered = summary["uplink_bytes"] + summary["downlink_bytes"]
    run["run_goodput_mbps"] = 8 * delivered / data_s / 1e6
    stream = params["traffic"] == "stream"
    delays, offered = (_chunk_delays(run, -math.inf, float(summary["end_s"]) - _IN_FLIGHT_S)
                       if stream else ([], 0))
    _delay_metrics(run, delays, offered)
    run["delivered_share"] = (
        8 * delivered / (float(params["streamRateKbps"]) * 1e3 * data_s) if stream else math.nan
    )


def _corridor_describe(points: list[dict]) -> str:
    fastest = max(p["x"] for p in points)
    slowest = min(p["x"] for p in points)

    def at(group: str, variant: str, x: float) -> dict:
        return next(p for p in _by(points, variant, group) if p["x"] == x)

    keeping = [at("bulk", v, fastest) for v in _KEEPING_SCHEMES]
    best = max(keeping, key=lambda p: p["run_goodput_mbps"])
    worst = min(keeping, key=lambda p: p["run_goodput_mbps"])
    delays = [at("stream", v, fastest) for v in _KEEPING_SCHEMES]
    slow = [at("stream", v, slowest) for v in _KEEPING_SCHEMES]
    high = max(delays, key=lambda p: p["late_share"])
    tcp = at("bulk", "tcp", fastest)
    tcp_stream = at("stream", "tcp", fastest)
    over = [SCHEMES[p["variant"]][0] for p in delays
            if p["mean_disruption_s"] > _LATE_MS / 1e3]  # fmt: skip
    late = (
        "none of the keeping schemes' chunks arrives later than "
        f"{_LATE_MS} ms or is lost" if high["late_share"] == 0 else
        f"at most {_fmt(high['late_share'] * 100, 2)} % of the chunks "
        f"({SCHEMES[high['variant']][0]}) arrive later than {_LATE_MS} ms or never"
    )
    return (
        f"Walking through the corridor at {slowest:g} to {fastest:g} m/s "
        f"({_fmt(at('stream', best['variant'], slowest)['handovers_per_min'], 1)} to "
        f"{_fmt(at('stream', best['variant'], fastest)['handovers_per_min'], 1)} handovers a "
        "minute, each with the signal policy's short link-layer gap). At the highest speed the "
        f"bulk goodput of the schemes that keep the connection runs from "
        f"{_fmt(worst['run_goodput_mbps'], 2)} Mb/s ({SCHEMES[worst['variant']][0]}) to "
        f"{_fmt(best['run_goodput_mbps'], 2)} Mb/s ({SCHEMES[best['variant']][0]}); plain TCP "
        f"delivers {_fmt(tcp['run_goodput_mbps'], 2)} Mb/s, all of it before its first "
        f"handover. The mean disruption per handover runs from "
        f"{_fmt(min(p['mean_disruption_s'] for p in delays) * 1e3, 0)} to "
        f"{_fmt(max(p['mean_disruption_s'] for p in delays) * 1e3, 0)} ms, "
        + (f"above G.114's {_LATE_MS} ms one way for " + ", ".join(over) if over else
           f"under G.114's {_LATE_MS} ms one way for every scheme")
        + f", so on the 1 Mb/s stream {late}; what the speed changes is the tail: the 99th percentile of the chunks' "
        f"one-way delay grows from {_span((p['delay_p99_ms'] for p in slow), 0)} ms at "
        f"{slowest:g} m/s to {_span((p['delay_p99_ms'] for p in delays), 0)} ms at "
        f"{fastest:g} m/s, as more "
        f"chunks fall in a disruption. Plain TCP loses "
        f"{_fmt(tcp_stream['lost_share'] * 100, 0)} % of the stream at {fastest:g} m/s."
    )


# --- stream-delay ---------------------------------------------------------------------------

#: Every scheme that keeps the connection, and plain TCP for contrast.
_STREAM_DELAY = _KEEPING_SCHEMES + ("tcp",)
#: The chunks whose delay counts: offered from this long before the handover starts ...
_AROUND_BEFORE_S = 1.0
#: ... to this long after it (s): the disruption (about 0.2-1.3 s with signal roaming) and
#: the backlog it leaves, ending before a stopEarly run does (resumption plus settleS, 5 s).
_AROUND_AFTER_S = 4.0
#: The CDF's value for a chunk never delivered (ms): beyond every delay drawn.
_NEVER_MS = math.inf


def _stream_delay_grid(size: str) -> list[Point]:
    # One handover with the signal policy (as roaming), during a 1 Mb/s stream (a video
    # call, as corridor's) from the MH; the daemon prepares the connection at once.
    points = []
    for scheme in _STREAM_DELAY:
        params = {**SCHEMES[scheme][1], **SIGNAL_ROAMING, "traffic": "stream",
                  "streamRateKbps": _CORRIDOR_STREAM_KBPS, "moveStartS": 2, "appStartS": 1,
                  "simTimeS": 10}
        if scheme == "redirect":
            params["prepareAfterS"] = 0
        points.append(Point(scheme, params))
    return points


def _handover_start(run: dict) -> float:
    """When the MH's first handover started (s; NaN without one)."""
    _, handovers = _read_summary(run)
    return _num(handovers[0]["start_s"]) if handovers else math.nan


def _around_handover(run: dict) -> tuple[list[float], int, float]:
    """The delays (ms) of the stream's chunks offered from ``_AROUND_BEFORE_S`` before the
    MH's first handover to ``_AROUND_AFTER_S`` after it, how many were offered there, and
    the handover's start (s; NaN, and nothing offered, without a handover)."""
    start = _handover_start(run)
    if math.isnan(start):
        return [], 0, start
    delays, offered = _chunk_delays(run, start - _AROUND_BEFORE_S, start + _AROUND_AFTER_S)
    return delays, offered, start


def _stream_delay_metrics(run: dict) -> None:
    """``_delay_metrics`` of the chunks offered around the handover (``_around_handover``)."""
    delays, offered, _ = _around_handover(run)
    _delay_metrics(run, delays, offered)


def _write_delay_cdf(exp: Experiment, runs: list[dict], out: str) -> None:
    """cdf.csv: per variant, the empirical CDF of the one-way delay of every chunk offered
    around the handover, over all seeds; a chunk never delivered counts as beyond every
    delay, so a curve ends below 1 by the share lost. series.csv: each chunk's delay
    against its offer time relative to the handover's start, in each variant's first run."""
    cdf, series = [], []
    for variant in exp.variants:
        ok = sorted((r for r in runs if r["variant"] == variant and r["status"] == "ok"),
                    key=lambda r: r["parameters"]["RngRun"])
        pooled, offered = [], 0.0
        for r in ok:
            delays, n, _ = _around_handover(r)
            pooled += delays
            offered += n
        pooled.sort()
        for i, delay in enumerate(pooled):
            cdf.append({"variant": variant, "delay_ms": delay,
                        "fraction": (i + 1) / max(offered, len(pooled))})
        if ok:
            start = _handover_start(ok[0])
            with open(os.path.join(ok[0]["run_dir"], "delay.csv")) as f:
                for row in csv.DictReader(f):
                    offer = float(row["time_s"]) - float(row["delay_s"]) - start
                    if -_AROUND_BEFORE_S <= offer < _AROUND_AFTER_S:
                        series.append({"variant": variant, "offered_s": offer,
                                       "delay_ms": float(row["delay_s"]) * 1e3})
    _write_csv(os.path.join(out, "cdf.csv"), cdf, ("variant", "delay_ms", "fraction"))
    _write_csv(os.path.join(out, "series.csv"), series, ("variant", "offered_s", "delay_ms"))


def _stream_delay_describe(points: list[dict]) -> str:
    keeping = [p for p in points if p["variant"] in _KEEPING_SCHEMES]
    high = max(keeping, key=lambda p: p["late_share"])
    none_late = [SCHEMES[p["variant"]][0] for p in keeping if p["late_share"] == 0]
    tcp = next(p for p in points if p["variant"] == "tcp")
    lossiest = max(keeping, key=lambda p: p["lost_share"])
    delivered = (
        "every scheme that keeps the connection delivers every one" if lossiest["lost_share"] == 0
        else f"{SCHEMES[lossiest['variant']][0]} loses {_fmt(lossiest['lost_share'] * 100, 2)} %"
    )
    return (
        f"Of the 1 Mb/s stream's chunks offered from {_AROUND_BEFORE_S:g} s before the "
        f"handover to {_AROUND_AFTER_S:g} s after it, {delivered}; plain TCP loses "
        f"{_fmt(tcp['lost_share'] * 100, 0)} %. The median "
        f"chunk takes the path's {_span((p['delay_p50_ms'] for p in keeping), 0)} ms: the "
        f"handover shows only in the tail, "
        f"the chunks offered during the disruption and the backlog drained after it (the 99th "
        f"percentile from {_fmt(min(p['delay_p99_ms'] for p in keeping), 0)} to "
        f"{_fmt(max(p['delay_p99_ms'] for p in keeping), 0)} ms, the worst chunk "
        f"{_fmt(min(p['delay_max_ms'] for p in keeping), 0)}-"
        f"{_fmt(max(p['delay_max_ms'] for p in keeping), 0)} ms, about the disruption). "
        f"With the signal policy's short link-layer gap the disruption sits just under "
        f"G.114's {_LATE_MS} ms, so which side of it a scheme falls on is its own signalling: "
        + (", ".join(none_late) + " had no chunk later than that" if none_late else "")
        + ("" if high["late_share"] == 0 else
           f"{'; ' if none_late else ''}{SCHEMES[high['variant']][0]}"
           + (", whose re-REGISTER and INFO cross the proxy,"
              if high["variant"] == "mobisocket-proxy" else "")
           + f" had {_fmt(high['late_share'] * 100, 2)} % of them late (paired with MobiSocket "
           f"in band on the same seeds: {_fmt(high['late_share_vs_ref'] * 100, 2)} ± "
           f"{_fmt(high['late_share_vs_ref_ci95'] * 100, 2)} points)")
        + "."
    )


# --- load -----------------------------------------------------------------------------------

#: The schemes that keep a connection, every pair handing over at the same time.
_LOAD = ("mobisocket-direct", "mobisocket-proxy", "mobisocket-inband", "tcp-r", "migrate",
         "redirect")  # fmt: skip
#: Each pair: a 256 kb/s stream from its MH (light data, so that what grows with the number
#: of hosts is the signalling and the contention for the new AP), one handover with the
#: signal roaming policy, every MH at the same place (hostGapM 0).
_LOAD_WORKLOAD = {"traffic": "stream", "streamRateKbps": 256, "moveStartS": 2, "appStartS": 1,
                  "simTimeS": 9, "hostGapM": 0, **SIGNAL_ROAMING}  # fmt: skip


def _load_grid(size: str) -> list[Point]:
    hosts = {"quick": [1, 2], "default": [1, 2, 4, 8, 16], "full": [1, 2, 4, 8, 16, 32]}[size]
    points = []
    for scheme in _LOAD:
        for m in hosts:
            params = {**SCHEMES[scheme][1], **_LOAD_WORKLOAD, "mobileHosts": m}
            if scheme == "redirect":
                params["prepareAfterS"] = 0
            points.append(Point(scheme, params))
    return points


def _load_metrics(run: dict) -> None:
    """Every MH's handover (not only the first pair's): ``completed_share`` of them,
    ``mean_disruption_s``; ``rejoins_per_mh``: roams back to the AP left (a lost probe);
    over the completed handovers that changed address, the means of the parts, which
    add up to their disruption: ``mean_detection_s`` (last old byte to leaving the AP),
    ``mean_l2_s`` (to the association), ``mean_address_s`` (to the lease),
    ``mean_update_s`` (to the peer's update), ``mean_resume_s`` (to the first new byte);
    per MH: ``handover_msgs_per_mh`` and ``handover_bytes_per_mh`` (the
    address-change signalling, re-registrations included), ``proxy_msgs_per_mh`` (what the
    shared proxy/registrar sent, set-up included), ``ch_cpu_ms_per_pair`` (a CH's crypto),
    ``mh_energy_mj_per_mh`` (an MH's crypto energy)."""
    summary, handovers = _read_summary(run)
    hosts = len(summary["pairs"])
    completed = _completion(run, handovers)

    # A roam back to the AP it left keeps the address: no update, no parts to split.
    moved = [h for h in completed if not math.isnan(_num(h["peer_updated_s"]))]

    def part(begin: str, end: str) -> float:
        return _mean([_num(h[end]) - _num(h[begin]) for h in moved])

    run["rejoins_per_mh"] = sum(h["from_ap"] == h["to_ap"] for h in handovers) / hosts
    run["mean_detection_s"] = part("last_old_byte_s", "beacon_loss_s")
    run["mean_l2_s"] = part("beacon_loss_s", "reassociated_s")
    run["mean_address_s"] = part("reassociated_s", "lease_s")
    run["mean_update_s"] = part("lease_s", "peer_updated_s")
    run["mean_resume_s"] = part("peer_updated_s", "first_new_byte_s")
    run["handover_msgs_per_mh"] = run["handover_signalling_msgs"] / hosts
    run["handover_bytes_per_mh"] = run["handover_signalling_bytes"] / hosts
    run["proxy_msgs_per_mh"] = run.get("proxy_signalling_msgs", 0) / hosts
    run["ch_cpu_ms_per_pair"] = run["ch_cpu_time_s"] * 1e3 / hosts
    run["mh_energy_mj_per_mh"] = run["mh_energy_j"] * 1e3 / hosts


def _load_describe(points: list[dict]) -> str:
    most = max(p["x"] for p in points)
    one = {p["variant"]: p for p in points if p["x"] == 1}
    top = {p["variant"]: p for p in points if p["x"] == most}

    def name(v: str) -> str:
        return SCHEMES[v][0]

    def spans(metric: str, digits: int = 3) -> str:
        return (f"{_span((one[v][metric] for v in _LOAD), digits)} s with one MH and "
                f"{_span((top[v][metric] for v in _LOAD), digits)} s with {most}")  # fmt: skip

    slowest = max(_LOAD, key=lambda v: top[v]["mean_disruption_s"])
    parts = {"detection": "mean_detection_s", "link layer": "mean_l2_s",
             "address": "mean_address_s", "update": "mean_update_s",
             "resumption": "mean_resume_s"}  # fmt: skip

    def grew(metric: str) -> float:
        return _mean([top[v][metric] - one[v][metric] for v in _LOAD])

    largest = max(parts, key=lambda k: grew(parts[k]))
    growth = sum(grew(metric) for metric in parts.values())
    dominant = (
        f"of the growth of their sum (by {_fmt(growth, 3)} s on average over the schemes), "
        f"the {largest} makes {_fmt(100 * grew(parts[largest]) / growth, 0)} %"
        if growth > 0 else "their sum does not grow"
    )
    fewest = min(_LOAD, key=lambda v: top[v]["pairs_survived_share"])
    grown = [v for v in _LOAD
             if top[v]["handover_msgs_per_mh"] > 1.01 * one[v]["handover_msgs_per_mh"]]  # fmt: skip
    signalling = (
        f"stays what one MH alone sends at {most} MHs" if not grown
        else "grows for " + ", ".join(
            f"{name(v)} ({_fmt(one[v]['handover_msgs_per_mh'], 1)} to "
            f"{_fmt(top[v]['handover_msgs_per_mh'], 1)} messages)" for v in grown)  # fmt: skip
    )
    return (
        f"The mean disruption of an MH's handover is {spans('mean_disruption_s')} MHs "
        f"handing over at the same beacons (slowest at {most}: {name(slowest)}); "
        f"{_fmt(top[fewest]['pairs_survived_share'] * 100, 1)} % of the pairs survive with "
        f"{name(fewest)}, the fewest at {most}. An MH roamed back to the AP it left "
        f"{_span((top[v]['rejoins_per_mh'] for v in _LOAD), 2)} times on average at {most} "
        f"(a lost probe; {_span((one[v]['rejoins_per_mh'] for v in _LOAD), 2)} alone). The parts "
        "of the handovers that changed address: detection "
        f"{spans('mean_detection_s')}, the link layer {spans('mean_l2_s')}, the address "
        f"{spans('mean_address_s')}, the update {spans('mean_update_s')}, the resumption "
        f"{spans('mean_resume_s')}; {dominant}. Per MH the address-change signalling {signalling} ("
        + ", ".join(f"{name(v)} {_fmt(top[v]['handover_msgs_per_mh'], 1)} messages, "
                    f"{_fmt(top[v]['handover_bytes_per_mh'], 0)} B" for v in _LOAD)  # fmt: skip
        + f"). The shared proxy sends {_fmt(top['mobisocket-proxy']['proxy_msgs_per_mh'], 1)} "
        f"messages per MH when the INFOs cross it, "
        f"{_fmt(top['mobisocket-direct']['proxy_msgs_per_mh'], 1)} when only the REGISTERs do, "
        f"{_fmt(top['migrate']['proxy_msgs_per_mh'], 1)} as TCP Migrate's DNS server. A CH "
        f"spends {_fmt(one['mobisocket-inband']['ch_cpu_ms_per_pair'], 2)} ms of crypto CPU per "
        f"connection with MobiSocket in band alone and "
        f"{_fmt(top['mobisocket-inband']['ch_cpu_ms_per_pair'], 2)} ms at {most} MHs, with TCP-R "
        f"{_fmt(one['tcp-r']['ch_cpu_ms_per_pair'], 2)} and "
        f"{_fmt(top['tcp-r']['ch_cpu_ms_per_pair'], 2)} ms."
    )


# --- young-connections ----------------------------------------------------------------------

#: Schemes that need nothing in advance, or prepare every connection, on the same workload.
_YOUNG_REFERENCES = ("mobisocket-inband", "tcp-r", "migrate", "tcp")
#: Browsing across one handover: 60 connections opened over 30 s, heavy-tailed lifetimes,
#: the MH leaving its AP about 20 s in (ages 0-20 s at the move).
#: Linux's ARP queue (unres_qlen 101): with ns-3's 3 the burst of one update per connection
#: after the lease is cut at the first three while ARP resolves the gateway, and the rest
#: wait for their retransmission; a connection closing meanwhile is lost to the artefact.
_YOUNG_WORKLOAD = {"traffic": "browsing", "connections": 60, "meanInterArrivalS": 0.5,
                   "meanLifetimeS": 10, "lifetimeShape": 1.5, "pageBytes": 20000,
                   "moveStartS": 18, "simTimeS": 70, "arpQueuePackets": 101,
                   **SIGNAL_ROAMING}


def _young_grid(size: str) -> list[Point]:
    thresholds = {"quick": [0, 10], "default": [0, 2, 5, 10, 20, 60],
                  "full": [0, 1, 2, 3, 5, 7.5, 10, 15, 20, 30, 60]}[size]  # fmt: skip
    points = [Point("redirect", {**SCHEMES["redirect"][1], **_YOUNG_WORKLOAD,
                                 "prepareAfterS": t}, "redirect")
              for t in thresholds]  # fmt: skip
    points += [Point(v, {**SCHEMES[v][1], **_YOUNG_WORKLOAD}, "reference")
               for v in _YOUNG_REFERENCES]  # fmt: skip
    return points


def _young_metrics(run: dict) -> None:
    """``kept_share``: of the connections open across the move (opened before it, closed
    after the new address), the share closed with their FIN acknowledged; ``agreements_per_
    connection``: the MH's key agreements per connection opened (what preparing cost)."""
    spanning = run["connections_spanning"]
    run["kept_share"] = run["connections_kept"] / spanning if spanning else math.nan
    opened = run["connections_opened"]
    run["agreements_per_connection"] = run["mh_key_agreements"] / opened if opened else math.nan


def _young_describe(points: list[dict]) -> str:
    daemon = sorted(_by(points, "redirect", "redirect"), key=lambda p: p["x"])
    refs = {v: _by(points, v, "reference")[0] for v in _YOUNG_REFERENCES}

    def kept(p: dict) -> str:
        return f"{_fmt(p['kept_share'] * 100, 0)} %"

    return (
        f"About {_fmt(daemon[0]['connections_spanning'], 1)} connections a run are open across "
        "the move (means over seeds). The redirect daemon keeps "
        + ", ".join(f"{kept(p)} of them with PrepareAfter {p['x']:g} s "
                    f"({_fmt(p['agreements_per_connection'], 2)} key agreements per connection "
                    "opened)" for p in daemon)  # fmt: skip
        + f". On the same workload MobiSocket in band keeps {kept(refs['mobisocket-inband'])} "
        f"with no key agreement (it signs at the move: "
        f"{_fmt(refs['mobisocket-inband']['mh_signatures'], 1)} signatures a run), TCP-R "
        f"{kept(refs['tcp-r'])} and TCP Migrate {kept(refs['migrate'])} at "
        f"{_fmt(refs['tcp-r']['agreements_per_connection'], 2)} and "
        f"{_fmt(refs['migrate']['agreements_per_connection'], 2)} agreements per connection, "
        f"and plain TCP {kept(refs['tcp'])}. A threshold saves the agreements of the "
        "connections that close young, and loses every connection younger than it at the move."
    )


# --- congestion-policy ----------------------------------------------------------------------

_POLICIES = {
    "RestorePreOutage": "RestorePreOutage (cwnd and ssthresh from before the outage)",
    "ResetToInitial": "ResetToInitial (slow start from the initial window)",
    "Unchanged": "Unchanged (what TCP has after its RTOs)",
}
#: The share of the pre-handover goodput the connection must regain.
_REGAIN_SHARE = 0.9


def _congestion_grid(size: str) -> list[Point]:
    # MobiSocket in band with ResetTimer, bulk uplink; ns-3's beacon-loss station, whose
    # 1.1 s outage outlasts the 1 s RTO: a policy applies only after an outage in which the
    # timer expired (with the signal policy's 0.13 s outage all three gave identical runs).
    # The path RTT 2 x (wiredDelayMs + 1); AP2 idle, or loaded by a 10 Mb/s UDP flow to a
    # station next to it.
    wired = {"quick": [99], "default": [19, 49, 99], "full": [9, 19, 49, 74, 99, 149]}[size]
    points = []
    for load, group in ((0, "idle"), (10, "loaded")):
        for policy in _POLICIES:
            for w in wired:
                params = {**SCHEMES["mobisocket-inband"][1], "congestionPolicy": policy,
                          "wiredDelayMs": w, "moveStartS": 2, "appStartS": 1, "simTimeS": 11,
                          "goodputBinMs": 20}
                if load:
                    params.update(crossTraffic="udp", crossRateMbps=load, crossAps="2")
                points.append(Point(policy, params, group))
    return points


def _regain(run: dict) -> None:
    """How fast the connection's goodput comes back after the handover.

    ``regain_s``: from the first new byte until the goodput, averaged over one path RTT
    (at least 100 ms: a window-limited sender delivers in bursts), first reaches 90 % of
    the goodput over the second before the last old byte (``pre_mbps``); NaN if it never does
    in the run (``regained`` 0: a loaded new AP may not carry it). ``post_1s_mbps``: the
    mean goodput over the first second after the first new byte; ``end_mbps``: over the
    run's last second.
    """
    times, mbps = run["goodput"]
    params = run["parameters"]
    last, first = run["last_old_byte_s"], run["first_new_byte_s"]
    bin_s = times[1] - times[0] if len(times) > 1 else math.nan
    window = max(0.1, 2 * (float(params["wiredDelayMs"]) + float(params["accessDelayMs"])) / 1000)

    def mean(lo: float, hi: float) -> float:
        inside = [v for t, v in zip(times, mbps) if lo - 1e-9 <= t < hi - 1e-9]
        return sum(inside) / len(inside) if inside else math.nan

    end = times[-1] + bin_s if times else math.nan
    # The second before the last old byte: the link was still up (with beacon loss it
    # fails almost a second before the station leaves).
    run["pre_mbps"] = mean(last - 1.0, last)
    run["end_mbps"] = mean(end - 1.0, end)
    run["post_1s_mbps"] = mean(first, first + 1.0)
    target = _REGAIN_SHARE * run["pre_mbps"]
    run["regain_s"] = next((t + bin_s - first for t in times
                            if t + bin_s >= first + window
                            and mean(t + bin_s - window, t + bin_s) >= target), math.nan)
    run["regained"] = int(not math.isnan(run["regain_s"]))


def _congestion_describe(points: list[dict]) -> str:
    parts = []
    for group in ("idle", "loaded"):
        rows = [p for p in points if p["group"] == group]
        if not rows:
            continue
        longest = max(p["x"] for p in rows)
        at = {p["variant"]: p for p in rows if p["x"] == longest}
        parts.append(
            f"AP2 {group}, RTT {2 * (longest + 1):g} ms: "
            + ", ".join(f"{v} " + (f"{_fmt(at[v]['regain_s'] * 1e3, 0)} ms to 90 %"
                                   if at[v]["regained"] == 1 else
                                   f"regained 90 % in {_fmt(at[v]['regained'] * 100, 0)} % "
                                   "of the runs")
                        + f" ({_fmt(at[v]['post_1s_mbps'], 1)} Mb/s over the first second, "
                        f"{_fmt(at[v]['pre_mbps'], 1)} before)"
                        for v in _POLICIES if v in at)
        )
    return (
        "The paper's \"mobile congestion control\" chooses the window after the move. With "
        "ResetTimer the connection restarts from the window the policy sets; the longer the "
        "path, the longer slow start takes to refill it: " + "; ".join(parts) + ". "
        "RestorePreOutage resumes at the old rate at once, ResetToInitial slow-starts from "
        "the initial window, Unchanged from one segment with the halved threshold of the RTO "
        "that expired during the outage. The sockets' 128 KiB buffers cap the window, so on "
        "long paths the goodput is the buffer per round trip, loaded AP or not."
    )


# --- address-acquisition --------------------------------------------------------------------

#: How the MH gets its new address, by id: the label's lines (family, mechanism, detail)
#: and the scenario parameters.
ADDRESSING: dict[str, tuple[tuple[str, str, str], dict]] = {
    "dhcp-android": (("IPv4", "DHCP", "Android client"), {"ipVersion": 4, "addressPreset": "android"}),
    "dhcp-rfc": (("IPv4", "DHCP", "RFC 2131 timers"), {"ipVersion": 4, "addressPreset": "rfc"}),
    "dhcp-ns3": (("IPv4", "DHCP", "ns-3's client"), {"ipVersion": 4, "addressPreset": "ns3"}),
    "slaac-dad": (("IPv6", "SLAAC", "DAD (1 s)"), {"ipVersion": 6, "dad": "on"}),
    "slaac-optimistic": (("IPv6", "SLAAC", "optimistic DAD"), {"ipVersion": 6, "dad": "optimistic"}),
    "slaac-nodad": (("IPv6", "SLAAC", "no DAD"), {"ipVersion": 6, "dad": "off"}),
    "slaac-nodelay": (("IPv6", "optimistic DAD", "RS at once"),
                      {"ipVersion": 6, "dad": "optimistic", "rsDelayMaxMs": 0}),
}  # fmt: skip
#: The addressing ids run at each size.
_ADDRESSING_SIZES = {
    "quick": ("dhcp-android", "slaac-dad", "slaac-optimistic"),
    "default": ("dhcp-android", "dhcp-rfc", "slaac-dad", "slaac-optimistic", "slaac-nodad",
                "slaac-nodelay"),
    "full": tuple(ADDRESSING),
}  # fmt: skip
#: The schemes run on both families, then those whose design is IPv4's only (refused on 6).
_DUAL_STACK = ("mobisocket-inband", "mobisocket-direct", "mobisocket-proxy", "tcp")
_IPV4_ONLY = ("tcp-r", "migrate", "redirect")
#: RFC 4861's random waits before the RA that answers a re-association: the RS after
#: U[0, MAX_RTR_SOLICITATION_DELAY] (rsDelayMaxMs), the RA after U[0, MAX_RA_DELAY_TIME].
RS_DELAY_MAX_S = 1.0
RA_DELAY_MAX_S = 0.5
#: The address's parts, in the order they happen (they add up to address_s).
ADDRESS_PARTS = ("address_dhcp_s", "address_ra_s", "address_dad_s")


def _acquisition_id(scheme: str, addressing: str) -> str:
    return f"{scheme}@{addressing}"


def _acquisition_variants() -> dict[str, str]:
    return {
        _acquisition_id(s, a): f"{SCHEMES[s][0]}, " + ", ".join(ADDRESSING[a][0])
        for a, (_, params) in ADDRESSING.items()
        for s in _DUAL_STACK + (_IPV4_ONLY if params["ipVersion"] == 4 else ())
    }


def _acquisition_grid(size: str) -> list[Point]:
    # The link layer of signalling-loss (the signal policy, 30 ms active scan of two
    # channels) and a 256 kb/s stream, so that the address, not a 1 s beacon loss,
    # decides; the quick size runs two schemes.
    schemes = _DUAL_STACK[:2] if size == "quick" else _DUAL_STACK + _IPV4_ONLY
    points = []
    for addressing in _ADDRESSING_SIZES[size]:
        family = ADDRESSING[addressing][1]
        for scheme in schemes:
            if scheme in _IPV4_ONLY and family["ipVersion"] != 4:
                continue
            params = {**SCHEMES[scheme][1], **family, **SIGNAL_ROAMING, "traffic": "stream",
                      "moveStartS": 2, "appStartS": 1.5, "simTimeS": 15}
            points.append(Point(_acquisition_id(scheme, addressing), params))
    return points


def _acquisition_metrics(run: dict) -> None:
    """Split ``address_s`` (re-association to the new address in use) into its parts:
    ``address_dhcp_s`` (IPv4: the DHCP exchange), ``address_ra_s`` (IPv6: to the router
    advertisement, the RS's and the RA's random delays included) and ``address_dad_s``
    (IPv6: from the RA to the address usable, DAD's wait; 0 with optimistic DAD or none).
    The parts a family does not have are 0, so that they stack."""
    _, handovers = _read_summary(run)
    mh = handovers[0] if handovers else {}
    ipv6 = int(run["parameters"]["ipVersion"]) == 6
    advertised = _num(mh.get("advertised_s"))
    run["address_dhcp_s"] = 0.0 if ipv6 else run["address_s"]
    run["address_ra_s"] = advertised - _num(mh.get("reassociated_s")) if ipv6 else 0.0
    run["address_dad_s"] = _num(mh.get("lease_s")) - advertised if ipv6 else 0.0


def _acquisition_points(points: list[dict], scheme: str) -> dict[str, dict]:
    """The points of one scheme, by addressing id."""
    found = {}
    for p in points:
        s, addressing = p["variant"].split("@")
        if s == scheme:
            found[addressing] = p
    return found


#: by-addressing.csv: one row per addressing, a mean and an interval per scheme.
_SCHEME_COLUMNS = ("mobisocket-inband", "mobisocket-direct", "mobisocket-proxy") + _IPV4_ONLY


#: The in-band runs' parts in by-addressing.csv (the breakdown figure's stack).
_BREAKDOWN_PARTS = (*ADDRESS_PARTS, "l2_gap_s", "update_s", "resume_s")


def _write_by_addressing(exp: Experiment, runs: list[dict], out: str) -> None:
    """by-addressing.csv: per addressing (rows, in ADDRESSING's order, those run), each
    scheme's mean disruption and 95 % half-width (columns; nan where the scheme does not
    run), and the in-band runs' parts (the breakdown figure)."""
    points = _reduce(exp, runs)
    by_scheme = {s: _acquisition_points(points, s) for s in _SCHEME_COLUMNS}
    columns = ["addressing", "family", "mechanism", "detail", *_BREAKDOWN_PARTS]
    columns += [f"{s}_{k}" for s in _SCHEME_COLUMNS for k in ("disruption_s", "ci95")]
    rows = []
    for addressing, (lines, _) in ADDRESSING.items():
        inband = by_scheme["mobisocket-inband"].get(addressing)
        if inband is None:
            continue
        row: dict[str, Any] = dict(zip(("addressing", "family", "mechanism", "detail"),
                                       (addressing, *lines)))
        row.update({key: inband[key] for key in _BREAKDOWN_PARTS})
        for scheme, found in by_scheme.items():
            p = found.get(addressing)
            row[f"{scheme}_disruption_s"] = p["disruption_s"] if p else math.nan
            row[f"{scheme}_ci95"] = p["disruption_s_ci95"] if p else math.nan
        rows.append(row)
    _write_csv(os.path.join(out, "by-addressing.csv"), rows, columns)


def _largest_part(p: dict) -> str:
    parts = {"the layer-2 gap": p["l2_gap_s"], "DHCP": p["address_dhcp_s"],
             "the wait for the RA": p["address_ra_s"], "DAD": p["address_dad_s"],
             "the update": p["update_s"], "the resumption": p["resume_s"]}  # fmt: skip
    name = max(parts, key=lambda k: _zero_nan(parts[k]))
    return f"{name} ({_fmt(parts[name] / p['disruption_s'] * 100, 0)} %)"


def _acquisition_describe(points: list[dict]) -> str:
    inband = _acquisition_points(points, "mobisocket-inband")
    rows = [
        f"{', '.join(ADDRESSING[a][0])}: {_fmt(p['disruption_s'])} s, of which {_largest_part(p)}"
        for a, p in inband.items()
    ]
    text = (
        "MobiSocket in band, disruption and its largest part per way of getting the "
        "address: " + "; ".join(rows) + ". "
    )
    dad, optimistic = inband.get("slaac-dad"), inband.get("slaac-optimistic")
    if dad and optimistic:
        text += (
            f"DAD adds {_fmt(dad['address_dad_s'])} s (DupAddrDetectTransmits x RetransTimer "
            f"= 1 s) and optimistic DAD removes it: {_fmt(dad['disruption_s'])} -> "
            f"{_fmt(optimistic['disruption_s'])} s. The wait for the RA "
            f"({_fmt(dad['address_ra_s'])} ± {_fmt(dad['address_ra_s_ci95'])} s with DAD, "
            f"{_fmt(optimistic['address_ra_s'])} s without) is the RS's random delay "
            f"U[0, {RS_DELAY_MAX_S:g} s] plus the router's U[0, {RA_DELAY_MAX_S:g} s], "
            f"{(RS_DELAY_MAX_S + RA_DELAY_MAX_S) / 2:g} s on average: RFC 4861's random delay "
            "before the first solicitation, which a host may or may not apply on a link "
            "change, so whether this part is real depends on the host. "
        )
    nodelay = inband.get("slaac-nodelay")
    if nodelay:
        text += (
            f"Sending the RS at once leaves the router's delay: {_fmt(nodelay['address_ra_s'])} "
            f"s (expected {RA_DELAY_MAX_S / 2:g} s), disruption {_fmt(nodelay['disruption_s'])} s. "
        )
    android = inband.get("dhcp-android")
    if android:
        text += (
            f"Android's DHCP client takes {_fmt(android['address_dhcp_s'] * 1e3, 1)} ms (the "
            "first offer taken at once, ns-3's server answering at once), so IPv4 is the "
            "fastest here; the IPv6 cost is the RFC 4861 and 4862 timers, not the air. "
        )

    def update(family: int) -> str:
        values = [p["update_s"] for a, p in inband.items() if ADDRESSING[a][1]["ipVersion"] == family]
        return f"{_span(values, 4)} s" if values else "n/a"

    text += (
        f"Once the address is usable, MobiSocket's own part barely depends on the family: the "
        f"update (new address to the peer's TCB rewritten) takes {update(4)} on IPv4, where "
        f"the MH first resolves its new gateway by ARP (ns-3's 0-9 ms request jitter), and "
        f"{update(6)} on IPv6, where the RA gave the router's "
        "link-layer address. "
    )
    plain = list(_acquisition_points(points, "tcp").values())
    if plain:
        survived = sum(round(p["success_rate"] * p["runs_ok"]) for p in plain)
        text += (f"Plain TCP's connection survived {survived} of its "
                 f"{sum(p['runs_ok'] for p in plain)} runs, on either family.")
    return text


# --- model-check ------------------------------------------------------------------------------

#: The parts of a handover the delay model predicts (run_metrics' names, without ``_s``).
MODEL_PARTS = ("detection", "l2_handoff", "address", "update", "confirm", "resume", "disruption")

#: Below this, a difference is sub-millisecond processing the model leaves out (s).
MODEL_TOLERANCE_S = 0.0005

#: Why a part can miss its prediction: printed next to the largest errors.
MODEL_LIMITS = {
    "detection": "the last data before the station leaves: with beacon loss, the phase of "
    "the last beacon heard; with bulk traffic, where the station leaves in the bursts of a "
    "window-limited sender, which the model takes as a random phase",
    "l2_handoff": "the scan and association timers; a scan that finds no AP repeats",
    "address": "the DHCP frames over the air, at the rates the model assumes; a lost DHCP "
    "message waits for the client's retransmission (android: 2 s)",
    "update": "ARP's request jitter (0-9 ms) on the new link; a control message lost on "
    "the new link (joined at its edge after an early beacon loss) waits for the scheme's "
    "retransmission, which the model, assuming no loss, leaves out",
    "confirm": "ARP's request jitter on both ends of the new link; a lost control message, "
    "as for the update",
    "resume": "with ResetTimer one trip (or three, when the first resend repeats bytes); "
    "without, the first expiry of the backed-off timer: a saw-tooth of the outage, so an "
    "outage or an RTO a few ms off the model's moves it by a whole backoff step",
    "disruption": "the sum of the parts",
}


def model_check_run(run: dict) -> None:
    """Add the delay model's prediction of a finished run, and its errors, to the run.

    For each part of :data:`MODEL_PARTS`: ``pred_<part>_s`` (the expected
    value), ``pred_<part>_min_s`` and ``pred_<part>_max_s`` (the range the
    random inputs allow), ``err_<part>_s`` (simulated minus expected) and
    ``within_<part>`` (1 when the simulated value lies within 10 % of the
    expected one, or within the range, widened by :data:`MODEL_TOLERANCE_S`);
    ``within_all`` when every part does.
    """
    prediction = predict(run["parameters"])
    run["modelled"] = int(prediction["modelled"])
    run["predicted_survival"] = int(prediction["survives"])
    every = 1
    for part in MODEL_PARTS:
        sim = run[f"{part}_s"]
        p = prediction[part]
        run[f"pred_{part}_s"] = p["mean_s"]
        run[f"pred_{part}_min_s"] = p["min_s"]
        run[f"pred_{part}_max_s"] = p["max_s"]
        run[f"err_{part}_s"] = sim - p["mean_s"]
        close = abs(sim - p["mean_s"]) <= 0.1 * abs(p["mean_s"])
        ranged = p["min_s"] - MODEL_TOLERANCE_S <= sim <= p["max_s"] + MODEL_TOLERANCE_S
        run[f"within_{part}"] = int(prediction["modelled"] and (close or ranged))
        every &= run[f"within_{part}"]
    run["within_all"] = every


_MODEL_SCHEMES = ("mobisocket-inband", "mobisocket-direct", "mobisocket-proxy", "tcp-r", "migrate",
                  "redirect")
_MODEL_CASES = {"quick": 5, "default": 60, "full": 150}
_SCAN_LISTS = ("36,44", "36,40,44,48", "36,40,44,48,52,56,60,64")


def _model_case(number: int, rng: random.Random) -> tuple[dict, str]:
    """One parameter set inside the delay model's domain, and its label."""
    scheme = _MODEL_SCHEMES[number % len(_MODEL_SCHEMES)]
    p: dict[str, Any] = dict(SCHEMES[scheme][1])
    # The model covers the daemon's prepared connections (prepared at its first scan).
    p["prepareAfterS"] = 0
    if rng.random() < 0.5:
        p.update(
            roaming="beacon-loss",
            maxMissedBeacons=rng.choice([5, 7, 10]),
            beaconIntervalUs=rng.choice([51200, 102400]),
            activeProbing=rng.random() < 0.5,
        )
        l2 = f"beacon loss x{p['maxMissedBeacons']}"
    else:
        active = rng.random() < 0.7
        dwell = rng.choice([(10, 30), (20, 40), (30, 30)]) if active else (0, rng.choice([60, 125]))
        p.update(
            roaming="signal",
            apChannels="36,44",
            apSpacingM=80,
            scanChannels=rng.choice(_SCAN_LISTS),
            activeProbing=active,
            minChannelTimeMs=dwell[0],
            maxChannelTimeMs=dwell[1],
        )
        l2 = f"signal {len(p['scanChannels'].split(','))}ch {'active' if active else 'passive'}"
    p.update(
        addressPreset=rng.choice(["android", "rfc"]),
        wiredDelayMs=rng.choice([2, 10, 20, 50, 100, 150]),
        accessDelayMs=rng.choice([0.5, 1, 5]),
        proxyRttMs=rng.choice([2, 10, 40]),
        cpuFrequencyMhz=rng.choice([100, 200, 800, 1600]),
        resetTimer=rng.random() < 0.6,
        minRtoMs=rng.choice([-1, 200]),
        direction=rng.choice(["uplink", "downlink"]),
        traffic="bulk" if rng.random() < 0.7 else "stream",
    )
    # The walk starts once the connection is up (and the daemon has prepared it).
    p.update(appStartS=1, moveStartS=2, simTimeS=11 if p["resetTimer"] else 16)
    rtt = 2 * (p["wiredDelayMs"] + p["accessDelayMs"])
    label = (
        f"{SCHEMES[scheme][0]}; {l2}; {p['addressPreset']}; RTT {rtt:g} ms; "
        f"{p['cpuFrequencyMhz']} MHz; {p['direction']} {p['traffic']}; "
        f"{'ResetTimer' if p['resetTimer'] else 'no ResetTimer'}, "
        f"min RTO {'1 s' if p['minRtoMs'] < 0 else '200 ms'}"
    )
    return p, label


def _model_cases(size: str) -> list[tuple[str, dict, str]]:
    """The cases of a size: (variant id, parameters, label); the same draws at every
    size. A draw outside the model's domain (``predict`` says why) is drawn again."""
    rng = random.Random(2026)
    cases = []
    for number in range(_MODEL_CASES[size]):
        params, label = _model_case(number, rng)
        while not predict(params)["modelled"]:
            params, label = _model_case(number, rng)
        cases.append((f"case-{number + 1:03d}", params, label))
    return cases


def _model_grid(size: str) -> list[Point]:
    return [Point(variant, params) for variant, params, _ in _model_cases(size)]


def _write_model_cases(exp: Experiment, runs: list[dict], out: str) -> None:
    """cases.csv: one row per run with the simulated and predicted parts (the figures' data)."""
    columns = ["variant", "RngRun", "scheme", "roaming", "within_all"]
    for part in MODEL_PARTS:
        columns += [f"{part}_s", f"pred_{part}_s", f"pred_{part}_min_s", f"pred_{part}_max_s",
                    f"err_{part}_s", f"within_{part}"]
    rows = []
    for r in runs:
        if r["status"] != "ok":
            continue
        params = r["parameters"]
        scheme = next(k for k in _MODEL_SCHEMES
                      if all(params.get(a) == SCHEMES[k][1][a] for a in ("protocol", "signalling")))
        rows.append({"scheme": scheme, "roaming": params["roaming"],
                     **{c: r.get(c, "") for c in columns if c not in ("scheme", "roaming")}})
    _write_csv(os.path.join(out, "cases.csv"), rows, columns)


def _model_describe(points: list[dict]) -> str:
    n = len(points)

    def share(rows: list[dict], part: str) -> str:
        inside = sum(p[f"within_{part}"] for p in rows if not math.isnan(p[f"within_{part}"]))
        return f"{inside / len(rows) * 100:.0f} %" if rows else "n/a"

    reset = [p for p in points if "no ResetTimer" not in p["label"]]
    backoff = [p for p in points if "no ResetTimer" in p["label"]]
    def relative(rows: list[dict]) -> str:
        rel = sorted(abs(p["err_disruption_s"]) / p["pred_disruption_s"] for p in rows
                     if p["pred_disruption_s"] > 0 and not math.isnan(p["err_disruption_s"]))
        if not rel:
            return "n/a"
        return (f"median {_fmt(rel[len(rel) // 2] * 100, 2)} %, 90th percentile "
                f"{_fmt(rel[int(0.9 * (len(rel) - 1))] * 100, 2)} %")

    text = (
        f"Over {n} parameter sets drawn at random from the model's domain (every scheme, both "
        "roaming policies, both DHCP presets, RTT 2-310 ms, CPU 100-1600 MHz, with and "
        "without ResetTimer, both minimum RTOs, both directions, bulk and stream), the "
        "relative error of the mean disruption is, with ResetTimer, "
        f"{relative(reset)}; without (the wait for a backed-off expiry), {relative(backoff)}. "
        "Share of runs whose part lies "
        "within 10 % of the expectation or within the range the random inputs allow: "
        + ", ".join(f"{part} {share(points, part)}" for part in MODEL_PARTS)
        + f"; the disruption of the {len(reset)} sets with ResetTimer {share(reset, 'disruption')}, "
        f"of the {len(backoff)} without {share(backoff, 'disruption')}. "
    )
    errors = []
    for p in points:
        for part in MODEL_PARTS[:-1]:
            pred, err = p[f"pred_{part}_s"], p[f"err_{part}_s"]
            if not math.isnan(err) and p[f"within_{part}"] < 1:
                errors.append((abs(err), part, p, pred, err))
    errors.sort(key=lambda e: -e[0])
    if not errors:
        return text + "No part of any run lies outside its prediction."
    lines = ["", "", "| set | part | simulated (ms, mean) | predicted (ms) | error (ms) | "
             "runs within | why |", "|---|---|---|---|---|---|---|"]
    for _, part, p, pred, err in errors[:12]:
        lines.append(f"| {p['variant']}: {p['label']} | {part} | {_fmt((pred + err) * 1e3, 4)} | "
                     f"{_fmt(pred * 1e3, 4)} | {_fmt(err * 1e3, 3)} | "
                     f"{p[f'within_{part}'] * 100:.0f} % | {MODEL_LIMITS[part]} |")
    return (text + f"The parts of sets with a run outside both (largest mean error first; "
            f"{len(errors)} in all):" + "\n".join(lines))


#: Why numbers moved: the model changes since the committed results, per
#: experiment (written by hand when a change is made; shown in summary.md
#: next to the computed list of what moved; emptied once results that
#: include the change are committed).
CHANGES: dict[str, tuple[str, ...]] = {}

EXPERIMENTS: dict[str, Experiment] = {
    e.name: e
    for e in [
        Experiment(
            name="l2-latency",
            title="Link-layer handoff latency of the signal roaming policy",
            motivation="Not in the paper: a check of the link-layer model, which issue 12 asks "
            'for as "the distribution of L2 handoff latency from the `signal` policy over many '
            "runs, against the 53-420 ms range and the probe-dominated split of the "
            'measurement paper".',
            what="One WiFi handover with the signal roaming policy (APs 80 m apart on "
            "channels 36 and 44), per scan profile and number of channels scanned; ns-3's "
            "beacon-loss station (100 m apart, one channel) as the contrast. The latency "
            "runs from the first probe to the association (Mishra, Shin and Arbaugh's "
            "definition); detection is the time from the last data to the first probe.",
            variants={
                **{v: label for v, (label, _) in _L2_PROFILES.items()},
                "beacon-loss": "beacon loss (ns-3's station, 10 missed beacons)",
            },
            grid=_l2_grid,
            seeds={"quick": 1, "default": 10, "full": 30},
            x={"main": "scanChannels", "contrast": None},
            metrics=(
                "l2_handoff_s",
                "scan_s",
                "assoc_s",
                "scan_share",
                "detection_s",
                "scanned_channels",
                "disruption_s",
            ),
            figures=("l2-latency", "l2-cdf"),
            describe=_l2_describe,
            extra=_write_l2_cdf,
        ),
        Experiment(
            name="reset-timer",
            title="ResetTimer called vs not called, against the outage length",
            motivation="The paper (section V, its conclusion) plans \"to measure the delay and "
            'throughput parameter when the `resetTimer()` function is (1) called and (2) not '
            'called".',
            what="MobiSocket (in-band) across the WiFi handover; a wider AP spacing "
            "(apSpacingM, the MH at 15 m/s) leaves a longer stretch without coverage, so a "
            "longer outage; ResetTimer on or off.",
            variants=_RESET,
            grid=_reset_grid,
            seeds={"quick": 1, "default": 3, "full": 10},
            x={"main": "apSpacingM"},
            metrics=_OUTAGE_METRICS,
            figures=("disruption", "goodput"),
            describe=_reset_describe,
            window_s=8.0,
        ),
        Experiment(
            name="min-rto",
            title="ResetTimer under ns-3's and Linux's minimum RTO",
            motivation="Issue 13: \"ns-3's 1 s vs Linux's 200 ms minimum RTO, with and "
            'without ResetTimer\" (what the paper\'s `resetTimer()` saves depends on it).',
            what="The reset-timer set-up (MobiSocket in band across the WiFi handover, AP "
            "spacing for the outage length) with the TCP minimum RTO (minRtoMs) at ns-3's "
            "1 s or Linux's 200 ms, ResetTimer on or off.",
            variants=_MIN_RTO,
            grid=_min_rto_grid,
            seeds={"quick": 1, "default": 3, "full": 10},
            x={"main": "apSpacingM"},
            metrics=_OUTAGE_METRICS,
            figures=("disruption",),
            describe=_min_rto_describe,
            window_s=8.0,
        ),
        Experiment(
            name="signalling-loss",
            title="Loss of signalling messages: each scheme's retransmissions",
            motivation="Issue 13: \"0-20 % loss on the signalling path; disruption and "
            'survival per scheme (the retransmission schedules differ)\".',
            what="One WiFi handover with the signal roaming policy (30 ms active scan of two "
            "channels) during a 256 kb/s stream, each scheme; signallingLossRate loses SIP, "
            "in-band and daemon messages (not data, ACKs or DHCP) on the CH's wired link and "
            "the proxy link, at each link they cross.",
            variants=_labels(_KEEPING_SCHEMES),
            grid=_loss_grid,
            # Cheap runs (a stream, stopping early): more seeds for tighter intervals.
            seeds={"quick": 1, "default": 30, "full": 100},
            x={"main": "signallingLossRate"},
            metrics=(
                "disruption_s",
                "l2_gap_s",
                "address_s",
                "update_s",
                "confirm_s",
                "resume_s",
                "signalling_lost",
                "handover_signalling_msgs",
            ),
            figures=("disruption", "update"),
            describe=_loss_describe,
        ),
        Experiment(
            name="baselines",
            title="MobiSocket vs TCP-R vs the redirect daemon vs plain TCP",
            motivation="The paper (section V, its conclusion) plans to \"compare the results "
            'with that of [5] and [6]" (TCP-R and the redirect daemon).',
            what="One WiFi handover of the MH during a bulk upload, each scheme.",
            variants=_labels(_BASELINES),
            grid=_baselines_grid,
            seeds={"quick": 1, "default": 5, "full": 20},
            x={"main": None},
            metrics=_BASELINES_TABLE + ("mh_crypto_ops", "retransmissions", "goodput_window_mbps"),
            figures=("breakdown", "goodput-series", "signalling"),
            describe=_baselines_describe,
            window_s=6.0,
            extra=_write_series,
            table_metrics=_BASELINES_TABLE,
        ),
        Experiment(
            name="sip-register",
            title="SIP INFO direct vs after re-REGISTER through the proxy",
            motivation="The paper (section V, its conclusion) plans \"to measure the delay in "
            "the case of SIP application, when we send the INFO message before and after "
            're-Registration".',
            what="MobiSocket with SIP signalling; the router-proxy round trip varies.",
            variants=_labels(("mobisocket-direct", "mobisocket-proxy")),
            grid=_sip_grid,
            seeds={"quick": 1, "default": 3, "full": 10},
            x={"main": "proxyRttMs"},
            metrics=("confirm_s", "update_s", "disruption_s", "handover_signalling_bytes"),
            figures=("update-delay", "disruption"),
            describe=_sip_describe,
        ),
        Experiment(
            name="both-move",
            title="Both ends hand over, against the skew between the moves",
            motivation="The paper (section V, its conclusion) plans to measure the delay "
            '"as well as when two end hosts handoff together".',
            what="The CH is a WiFi station in a second domain and moves chMoveSkewMs after "
            "the MH; success rate and the larger of the two disruptions per scheme.",
            variants=_labels(_BOTH),
            grid=_both_grid,
            seeds={"quick": 1, "default": 3, "full": 10},
            x={"main": "chMoveSkewMs"},
            metrics=("max_disruption_s", "handover_signalling_bytes"),
            figures=("success", "disruption"),
            describe=_both_describe,
        ),
        Experiment(
            name="no-handover-cost",
            title="The cost of mobility when nothing moves (the battery argument)",
            motivation='The paper claims (section V) "This socket causes no overhead if '
            'handover does not take place like previous proposal", and says of [5] and [6] '
            '(section I) "If many TCP connections are used (such as if the user constantly '
            'browsing the Internet) then battery life will be shortened considerably".',
            what="Browsing-like workload (Poisson arrivals every 0.5 s, Pareto lifetimes) and no "
            "handover; against the number of connections, and for the redirect daemon "
            "against its age threshold.",
            variants=_COST_LABELS,
            grid=_cost_grid,
            seeds={"quick": 1, "default": 3, "full": 10},
            x={"connections": "connections", "threshold": "prepareAfterS"},
            metrics=(
                "mh_key_agreements",
                "mh_signatures",
                "mh_crypto_ops",
                "setup_signalling_bytes",
                "mh_cpu_time_s",
                "mh_energy_j",
                "connections_opened",
                "connections_prepared",
            ),
            figures=("energy", "threshold"),
            describe=_cost_describe,
        ),
        Experiment(
            name="wifi-to-lte",
            title="CopyTcb from WiFi to LTE: make-before-break vs break-before-make",
            motivation='The paper defines (section II) "copyTCB(new_socket_id, old_socket_id)": '
            '"This is used when the application want to handover from old interface to new '
            'interface." It plans no measurement of it; issue 12 asks for a WiFi to LTE '
            "vertical handover with ns-3's LTE/EPC.",
            what="The MH moves a media stream from WiFi to ns-3's LTE/EPC (real RRC) by "
            "CopyTcb, before the WiFi is lost or after the station notices the loss; the "
            "number of missed beacons that makes the station notice varies. l2_handoff_s is "
            "the LTE attach (WiFi loss noticed to LTE bearer up).",
            variants=_IFACE,
            grid=_lte_grid,
            seeds={"quick": 1, "default": 3, "full": 10},
            x={"main": "maxMissedBeacons"},
            metrics=(
                "disruption_s",
                "detection_s",
                "l2_handoff_s",
                "confirm_s",
                "retransmissions",
            ),
            figures=("disruption",),
            describe=_lte_describe,
            window_s=4.0,
        ),
        Experiment(
            name="interface-handover",
            title="CopyTcb to a link stand-in: make-before-break vs break-before-make",
            motivation='The paper defines (section II) "copyTCB(new_socket_id, old_socket_id)": '
            '"This is used when the application want to handover from old interface to new '
            'interface." It plans no measurement of it.',
            what="The MH moves its connection from WiFi to a point-to-point link "
            "(secondAccess=link: new address and port, up secondUpMs after the WiFi loss) by "
            "CopyTcb; the second path's one-way delay varies.",
            variants=_IFACE,
            grid=_iface_grid,
            seeds={"quick": 1, "default": 3, "full": 10},
            x={"main": "secondDelayMs"},
            metrics=("disruption_s", "confirm_s", "retransmissions", "goodput_window_mbps"),
            figures=("disruption",),
            describe=_iface_describe,
            window_s=4.0,
        ),
        Experiment(
            name="rtt",
            title="The path's round trip: where the schemes' exchanges differ",
            motivation="Not in the paper: issue 13 asks for the path RTT from 10 to 300 ms, "
            "per scheme, because the number of round trips each scheme needs before data flow "
            "again is what separates them once the link layer is realistic.",
            what="One WiFi handover with the signal roaming policy (30 ms active scan of two "
            "channels) during a 256 kb/s stream, each scheme (the daemon's connection prepared "
            "at its first scan); the CH's one-way wired delay varies, so the path RTT is "
            "2 x (wiredDelayMs + 1 ms). `disruption_s_vs_ref` is each run's disruption minus "
            "MobiSocket in band's on the same RngRun (paired, 95 % interval); "
            "`pred_disruption_s` is the delay model's expectation for the same parameters.",
            variants=_labels(_KEEPING_SCHEMES),
            grid=_rtt_grid,
            seeds={"quick": 1, "default": 10, "full": 30},
            x={"main": "wiredDelayMs"},
            metrics=(
                "disruption_s",
                "pred_disruption_s",
                "update_s",
                "pred_update_s",
                "confirm_s",
                "resume_s",
            ),
            table_metrics=("disruption_s", "disruption_s_vs_ref", "pred_disruption_s", "update_s"),
            figures=("disruption",),
            describe=_rtt_describe,
            annotate=_predicted_disruption,
            paired=("mobisocket-inband", "disruption_s"),
        ),
        Experiment(
            name="roaming",
            title="Beacon-loss vs signal-triggered roaming, per scheme",
            motivation="Not in the paper: issue 13 asks for beacon-loss against "
            "signal-triggered roaming per scheme, because ns-3's 1 s beacon-loss detection "
            "hides every difference between the schemes.",
            what="One WiFi handover during a 256 kb/s stream, each scheme, under ns-3's "
            "station (10 missed beacons, 120 ms passive scan of its own channel) and the "
            "signal policy (30 ms active scan of the two APs' channels); the daemon's "
            "connection prepared at its first scan. `l2_gap_s` runs from the last byte to the "
            "association; `disruption_s_vs_ref` is paired with MobiSocket in band on the same "
            "RngRun.",
            variants=_labels(_KEEPING_SCHEMES),
            grid=_roaming_grid,
            seeds={"quick": 1, "default": 10, "full": 30},
            x={"main": "roaming"},
            metrics=("disruption_s", "l2_gap_s", "address_s", "update_s", "resume_s"),
            table_metrics=("disruption_s", "disruption_s_vs_ref", "l2_gap_s", "update_s"),
            figures=("disruption",),
            describe=_roaming_describe,
            paired=("mobisocket-inband", "disruption_s"),
        ),
        Experiment(
            name="corridor",
            title="Goodput and delay against speed through a corridor of APs",
            motivation="Not in the paper: issue 13 asks for goodput and delay against speed "
            "through N APs (handovers per minute), per scheme.",
            what="The MH walks along a corridor of APs 80 m apart, from 2 s after the data "
            "starts to under the last AP, which it reaches at least 4 s before the run ends "
            "(as many APs as that allows), with the signal roaming policy (30 ms active scan of the APs' two "
            "channels), uploading in bulk (group `bulk`: goodput over the run) or a 1 Mb/s "
            "stream (group `stream`: the chunks' one-way delay, and `late_share` of those "
            "offered that arrive later than ITU-T G.114's 150 ms or never); the daemon's "
            "connection "
            "prepared at its first scan. Every handover counts, not only the first: "
            "`handovers_per_min`, `completed_share`, `mean_disruption_s` over the completed "
            "ones.",
            variants=_labels(_CORRIDOR),
            grid=_corridor_grid,
            seeds={"quick": 1, "default": 3, "full": 10},
            x={"bulk": "speedMps", "stream": "speedMps"},
            metrics=("handovers_per_min", "completed_share", "mean_disruption_s",
                     "run_goodput_mbps", "delay_p50_ms", "delay_p99_ms", "delay_max_ms",
                     "late_share", "lost_share", "delivered_share"),
            table_metrics=("handovers_per_min", "completed_share", "mean_disruption_s",
                           "run_goodput_mbps", "late_share", "delay_p99_ms"),
            figures=("goodput", "delay"),
            describe=_corridor_describe,
            annotate=_corridor_metrics,
        ),
        Experiment(
            name="stream-delay",
            title="One-way delay of a stream's chunks around one handover",
            motivation="Not in the paper: issue 13 asks for delay and throughput comparisons "
            "as the users ask, \"for stream traffic, the one-way delay CDF around the "
            "handover per scheme\" (the throughput time series is the baselines' series).",
            what="One WiFi handover with the signal roaming policy (30 ms active scan of the "
            "APs' two channels, APs 80 m apart) during a 1 Mb/s stream from the MH, each "
            "scheme and plain TCP; the daemon's connection prepared at once. Every chunk "
            "offered from 1 s before the handover starts to 4 s after it counts, its one-way "
            "delay from the time the application offered it to its delivery (the CDF pools "
            "the seeds; a chunk never delivered is beyond every delay). `late_share`: later "
            "than ITU-T G.114's 150 ms or never; `lost_share`: never.",
            variants=_labels(_STREAM_DELAY),
            grid=_stream_delay_grid,
            seeds={"quick": 1, "default": 10, "full": 30},
            x={"main": None},
            metrics=("disruption_s", "delay_p50_ms", "delay_p95_ms", "delay_p99_ms",
                     "delay_max_ms", "late_share", "lost_share"),
            figures=("delay-ccdf", "delay-series"),
            describe=_stream_delay_describe,
            extra=_write_delay_cdf,
            annotate=_stream_delay_metrics,
            paired=("mobisocket-inband", "late_share"),
        ),
        Experiment(
            name="load",
            title="Many mobile hosts handing over together: delay and cost at the shared parts",
            motivation="Not in the paper: issue 13 asks for \"M MHs handing over together: "
            "signalling, CPU and energy at the CH and the proxy\".",
            what="`mobileHosts` MHs, each with its own CH and a 256 kb/s stream, walk side by "
            "side at 15 m/s from AP1 to AP2 (signal roaming, 30 ms active scan of channels 36 "
            "and 44, APs 80 m apart), so they hand over at the same beacons into the same cell, "
            "sharing its air, its DHCP server, the router and the SIP proxy (or TCP Migrate's "
            "DNS server); the daemon prepares each connection at once. Every MH's handover "
            "counts: `completed_share`, `mean_disruption_s`, `rejoins_per_mh` (roams back to "
            "the AP left, a lost probe), and over the handovers that changed address the "
            "parts, which add up to their disruption (`mean_detection_s`, `mean_l2_s`, "
            "`mean_address_s`, `mean_update_s`, `mean_resume_s`); per MH, the address-change signalling "
            "(`handover_msgs_per_mh`, `handover_bytes_per_mh`) and what the proxy sent "
            "(`proxy_msgs_per_mh`, set-up included); per pair, a CH's crypto CPU "
            "(`ch_cpu_ms_per_pair`) and an MH's crypto energy (`mh_energy_mj_per_mh`). "
            "`success_rate`: every pair survived; `pairs_survived_share`: the pairs that did.",
            variants=_labels(_LOAD),
            grid=_load_grid,
            seeds={"quick": 1, "default": 10, "full": 20},
            x={"main": "mobileHosts"},
            metrics=("pairs_survived_share", "completed_share", "mean_disruption_s",
                     "mean_detection_s", "mean_l2_s", "mean_address_s", "mean_update_s",
                     "mean_resume_s", "rejoins_per_mh", "handover_msgs_per_mh",
                     "handover_bytes_per_mh", "proxy_msgs_per_mh", "ch_cpu_ms_per_pair",
                     "mh_energy_mj_per_mh"),
            table_metrics=("pairs_survived_share", "mean_disruption_s", "mean_address_s",
                           "mean_update_s", "handover_msgs_per_mh", "proxy_msgs_per_mh"),
            figures=("disruption", "cost"),
            describe=_load_describe,
            annotate=_load_metrics,
        ),
        Experiment(
            name="young-connections",
            title="The redirect daemon's threshold: connections kept against key agreements spent",
            motivation="The paper (section I): \"The proposal in [6] relieves this matter by "
            "initiating the preparation process only if the TCP connection exists longer than "
            "a threshold.\" Issue 13 asks what the threshold costs: the share of connections "
            "that survive a handover and the key agreements spent, against PrepareAfter, with "
            "MobiSocket and TCP-R on the same workload.",
            what="A browsing MH (60 connections opened over 30 s, Pareto lifetimes of mean "
            "10 s) leaves its AP about 20 s in (signal roaming). A connection open across the "
            "move (opened before it, closed after the new address and 5 s before the end) is "
            "kept if its FIN is acknowledged at its close; `kept_share` is the share kept, "
            "`agreements_per_connection` the MH's key agreements per connection opened. The "
            "daemon's threshold `prepareAfterS` is swept; the other schemes run the same "
            "workload once (group `reference`). ARP holds 101 packets per neighbour while it "
            "resolves (Linux's unres_qlen), not ns-3's 3, which drops most of the burst of "
            "per-connection updates after the lease.",
            variants=_labels(("redirect",) + _YOUNG_REFERENCES),
            grid=_young_grid,
            seeds={"quick": 1, "default": 10, "full": 30},
            x={"redirect": "prepareAfterS", "reference": None},
            metrics=("kept_share", "connections_spanning", "connections_kept",
                     "agreements_per_connection", "connections_prepared", "mh_key_agreements",
                     "mh_signatures", "mh_energy_j"),
            table_metrics=("kept_share", "connections_spanning", "agreements_per_connection",
                           "mh_signatures"),
            figures=("kept",),
            describe=_young_describe,
            annotate=_young_metrics,
        ),
        Experiment(
            name="congestion-policy",
            title="The mobile congestion control: the window after the move",
            motivation="The paper (section II, updateTCB) says \"The MobiSocket will start a "
            "new congestion control algorithm called the mobile congestion control\"; it "
            "does not define it. Issue 13 asks for its policies with cross traffic on the "
            "new AP: goodput curves and the time to regain 90 % of the goodput.",
            what="MobiSocket in band with ResetTimer, a bulk upload, ns-3's beacon-loss station "
            "(an outage of 1.1 s, longer than the 1 s RTO, so that a policy applies); "
            "congestionPolicy RestorePreOutage, ResetToInitial or Unchanged; the path RTT "
            "2 x (wiredDelayMs + 1 ms); the new AP idle or loaded by a 10 Mb/s UDP flow to a "
            "station next to it (on the APs' one channel: ns-3's station re-associates only "
            "on its own, so the load also slows the old cell near its edge, before the move). "
            "`regain_s` runs from the first new byte until the goodput, averaged over one "
            "path RTT, reaches 90 % of the goodput in the second before the handover "
            "(`regained`: the share of runs where it did).",
            variants=_POLICIES,
            grid=_congestion_grid,
            seeds={"quick": 1, "default": 5, "full": 20},
            x={"idle": "wiredDelayMs", "loaded": "wiredDelayMs"},
            metrics=("regain_s", "regained", "post_1s_mbps", "pre_mbps", "end_mbps",
                     "disruption_s", "retransmissions"),
            figures=("regain",),
            describe=_congestion_describe,
            annotate=_regain,
        ),
        Experiment(
            name="address-acquisition",
            title="Getting the new address: IPv4 DHCP against IPv6 SLAAC with and without DAD",
            motivation="Not in the paper (it assumes IPv4 and DHCP): issue 14 asks for "
            '"IPv4/DHCP presets vs IPv6 SLAAC with DAD vs optimistic DAD, per scheme: '
            'disruption and its parts". On IPv6 a station configures its address from the '
            "router advertisement and must run duplicate address detection (RFC 4862, 1 s "
            "with default timers) before using it, unless it uses optimistic DAD (RFC 4429).",
            what="One WiFi handover with the signal roaming policy (30 ms active scan of two "
            "channels, APs 80 m apart) during a 256 kb/s stream, per scheme and way of getting "
            "the address: DHCP presets on IPv4; on IPv6 each AP is the router of its /64 "
            "(ns-3's Radvd) and the MH configures its address by SLAAC with DAD on, "
            "optimistic, or off, and with optimistic DAD and the RS sent at once on "
            "re-association (rsDelayMaxMs=0). TCP-R, TCP Migrate and the redirect daemon run "
            "on IPv4 only (their designs are IPv4's; the scenario refuses them on 6). "
            "`address_s` (re-association to the new address in use) is split into "
            "`address_dhcp_s`, `address_ra_s` (to the RA) and `address_dad_s` (RA to usable).",
            variants=_acquisition_variants(),
            grid=_acquisition_grid,
            seeds={"quick": 1, "default": 30, "full": 100},
            x={"main": None},
            metrics=("disruption_s", "l2_gap_s", "address_s", *ADDRESS_PARTS, "update_s",
                     "resume_s", "handover_signalling_bytes"),
            table_metrics=("disruption_s", "l2_gap_s", "address_dhcp_s", "address_ra_s",
                           "address_dad_s", "update_s", "resume_s"),
            figures=("breakdown", "disruption"),
            describe=_acquisition_describe,
            extra=_write_by_addressing,
            annotate=_acquisition_metrics,
        ),
        Experiment(
            name="model-check",
            title="The delay model against the simulation",
            motivation="Not in the paper: issue 13 asks for an independent analytic model "
            "(a function of the parameters alone that predicts each handover's disruption and "
            "its parts, per scheme) and a check of it on at least 50 grid points, so that a "
            "reader can trust the simulated numbers and see where each part comes from.",
            what="Parameter sets drawn at random (seed 2026) from the domain of "
            "`HandoverDelayModel`: scheme, roaming policy and its timers, DHCP preset, path "
            "delays, CPU clock, ResetTimer, minimum RTO, traffic and direction. Each run is "
            "compared with `mobisocket.predict()` of its own parameters; `within_*` is the "
            "share of runs whose part lies within 10 % of the expectation or within the range "
            "the model's random inputs (ARP jitter, rates, beacon phase) allow.",
            variants={v: label for v, _, label in _model_cases("full")},
            grid=_model_grid,
            seeds={"quick": 1, "default": 2, "full": 3},
            x={"main": None},
            metrics=(
                "disruption_s",
                "pred_disruption_s",
                "err_disruption_s",
                "within_all",
                *[f"{k}_{part}{u}" for part in MODEL_PARTS[:-1]
                  for k, u in (("pred", "_s"), ("err", "_s"), ("within", ""))],
                "within_disruption",
            ),
            table_metrics=("disruption_s", "pred_disruption_s", "err_disruption_s", "within_all"),
            figures=("predicted", "errors"),
            describe=_model_describe,
            extra=_write_model_cases,
            annotate=model_check_run,
        ),
    ]
}


# ---------------------------------------------------------------------------------------------
# Running, reducing, writing


def build_id() -> str:
    """Identify the native code runs are made with (the extension and the
    module's ns-3 library), so that recorded runs of another build are not
    reused. A rebuild that changes nothing keeps the identity."""
    from . import _mobisocket

    paths = {os.path.realpath(_mobisocket.__file__)}
    with open("/proc/self/maps") as maps:
        for line in maps:
            fields = line.split()
            if len(fields) >= 6 and "mobisocket" in os.path.basename(fields[5]):
                paths.add(os.path.realpath(fields[5]))
    digest = hashlib.sha256()
    for path in sorted(paths):
        with open(path, "rb") as f:
            digest.update(f.read())
    return digest.hexdigest()[:16]


def source_dir() -> str:
    """The repository (where results/<name>/*.gp live)."""
    try:
        from ._paths import SOURCE_DIR  # written by CMake into the build tree

        return SOURCE_DIR
    except ImportError:
        pass
    env = os.environ.get("MOBISOCKET_SOURCE_DIR")
    if env:
        return env
    here = os.getcwd()
    while True:
        if os.path.isfile(os.path.join(here, "src", "mobisocket", "module-files.txt")):
            return here
        parent = os.path.dirname(here)
        if parent == here:
            raise RuntimeError("cannot find the mobisocket sources: set MOBISOCKET_SOURCE_DIR")
        here = parent


def _reduce(exp: Experiment, runs: list[dict]) -> list[dict]:
    """One row per (group, variant, x): metric means with 95 % intervals, success rate."""
    groups: dict[tuple, list[dict]] = {}
    for run in runs:
        groups.setdefault((run["group"], run["variant"], run["x"]), []).append(run)
    points = []
    for key, members in groups.items():
        ok = [r for r in members if r["status"] == "ok"]
        group, variant, x = key
        p: dict[str, Any] = {
            "group": group,
            "variant": variant,
            "label": exp.variants[variant],
            "x_name": exp.x[group] or "",
            "x": x,
            "runs": len(members),
            "runs_ok": len(ok),
        }
        rate, low, high = wilson95(sum(r["survived"] for r in ok), len(ok))
        p.update(success_rate=rate, success_low=low, success_high=high)
        p["intact"] = min((r["intact"] for r in ok), default=math.nan)
        for metric in exp.metrics:
            m, ci, n = mean_ci95(r[metric] for r in ok)
            p[metric], p[f"{metric}_ci95"], p[f"{metric}_n"] = m, ci, n
        if exp.paired:
            reference, metric = exp.paired
            base = {r["RngRun"]: r[metric] for r in groups.get((group, reference, x), [])
                    if r["status"] == "ok"}
            m, ci, n = mean_ci95(r[metric] - base[r["RngRun"]] for r in ok if r["RngRun"] in base)
            p[f"{metric}_vs_ref"], p[f"{metric}_vs_ref_ci95"], p[f"{metric}_vs_ref_n"] = m, ci, n
        points.append(p)
    return points


def _csv_value(v: Any) -> str:
    if isinstance(v, bool):
        return "1" if v else "0"
    if isinstance(v, float):
        return "nan" if math.isnan(v) else f"{v:.9g}"
    return str(v)


def _write_csv(path: str, rows: list[dict], columns: Sequence[str]) -> None:
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(columns)
        for row in rows:
            w.writerow([_csv_value(row.get(c, "")) for c in columns])


def _plot(exp: Experiment, out: str) -> list[str]:
    """Run the experiment's gnuplot scripts on the data in ``out``; return the PNGs."""
    common = os.path.join(source_dir(), "results")
    scripts = os.path.join(common, exp.name)
    gnuplot = shutil.which("gnuplot")
    if gnuplot is None:
        raise RuntimeError("gnuplot is not installed (Debian package gnuplot-nox)")
    made = []
    for figure in exp.figures:
        script = os.path.join(scripts, f"{figure}.gp")
        subprocess.run(
            [gnuplot, "-e", f"dir='{out}'; scripts='{common}'", script],
            check=True,
            capture_output=True,
            text=True,
        )
        made.append(os.path.join(out, f"{figure}.png"))
    return made


def _read_points(path: str) -> list[dict]:
    """A points.csv written earlier (empty if there is none)."""
    if not os.path.isfile(path):
        return []
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def _cell(value: Any) -> float:
    """A CSV cell as a number (NaN if empty or not a number)."""
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan


def _moved(exp: Experiment, before: list[dict], after: list[dict]) -> list[str]:
    """The metrics that moved beyond the noise since the points.csv this run replaces.

    A metric of a point moved when both values exist and differ by more than
    the larger 95 % half-width and 2 % of the larger value, or when it
    appears or disappears. Points run with another number of seeds are not
    compared.
    """
    old = {(r["group"], r["variant"], _x_key(r["x"])): r for r in before}
    lines = []
    for p in after:
        o = old.get((p["group"], p["variant"], _x_key(p["x"])))
        if o is None or int(_cell(o["runs"])) != p["runs"]:
            continue
        where = p["label"] + (f", {p['x_name']}={_x_text(p['x'])}" if p["x_name"] else "")
        for m in exp.metrics:
            a, b = _cell(o.get(m)), _num(p.get(m))
            if math.isnan(a) and math.isnan(b):
                continue
            noise = max(_zero_nan(_cell(o.get(m + "_ci95"))), _zero_nan(_num(p.get(m + "_ci95"))))
            if math.isnan(a) or math.isnan(b) or abs(b - a) > max(noise, 0.02 * max(abs(a), abs(b))):
                lines.append(f"- {where}: `{m}` {a:.4g} → {b:.4g}")
    return lines


def _x_key(x: Any) -> Any:
    """A point's x value as a key matching it across points.csv files.

    Numbers compare as numbers (a CSV cell "5" matches 5.0); anything else
    (a channel list "36,44", or no x) compares as its text. Turning text into
    NaN would make every text x one key, and match a point with another.
    """
    number = _cell(x)
    return str(x if x is not None else "") if math.isnan(number) else number


def _x_text(x: Any) -> str:
    """A point's x value as printed: numbers compactly, text (a channel list) as it is."""
    return f"{x:g}" if isinstance(x, (int, float)) else str(x)


def _zero_nan(value: float) -> float:
    return 0.0 if math.isnan(value) else value


def _table(exp: Experiment, points: list[dict]) -> list[str]:
    """The points as a Markdown table (the table behind the figures)."""
    metrics = exp.table_metrics or exp.metrics
    head = ["variant"]
    if any(exp.x.values()):
        head.append("x")
    head += ["runs", "survived"] + list(metrics)
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for p in points:
        cells = [p["label"]]
        if any(exp.x.values()):
            cells.append(f"{p['x_name']}={_x_text(p['x'])}" if p["x_name"] else "")
        cells.append(f"{p['runs_ok']}/{p['runs']}")
        cells.append(f"{p['success_rate'] * 100:.0f} %" if p["runs_ok"] else "n/a")
        for m in metrics:
            mean, ci = p[m], p[f"{m}_ci95"]
            if math.isnan(mean):
                cells.append("n/a")
            else:
                cells.append(f"{mean:.4g} ± {ci:.2g}" if ci > 0 else f"{mean:.4g}")
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _write_summary(
    exp: Experiment,
    out: str,
    points: list[dict],
    size: str,
    seeds: int,
    command: str,
    moved: list[str],
) -> None:
    lines = [
        f"# {exp.name}: {exp.title}",
        "",
        f"*Generated by `{command}` on {time.strftime('%Y-%m-%d')}; every number below is "
        "computed from `runs.csv` (do not edit by hand).*",
        "",
        exp.motivation,
        "",
        f"**Set-up.** {exp.what} Size `{size}`, {seeds} seed(s) per point (RngRun 1..{seeds}); "
        "values are means with the half-width of the 95 % Student-t confidence interval "
        "(± omitted with one seed); *survived* is the fraction of runs whose connection "
        "survived.",
        "",
        "**Result.** " + exp.describe(points),
        "",
    ]
    lines += _table(exp, points)
    lines += [""]
    lines += ["**Moved since the previous results** (the `points.csv` this run replaced; "
              "beyond the 95 % half-width and 2 %):", ""]
    lines += moved or ["- nothing"]
    lines += [""]
    if CHANGES.get(exp.name):
        lines += ["**Model changes since those results** (why they moved):", ""]
        lines += ["- " + note[0].upper() + note[1:] for note in CHANGES[exp.name]] + [""]
    for figure in exp.figures:
        lines.append(f"![{figure}]({figure}.png)")
    lines += [
        "",
        "Files: `runs.csv` (one row per run: every parameter, RngRun, ns-3 version, metrics), "
        "`points.csv` (means, `_ci95` half-widths, `_n` sample sizes, Wilson 95 % interval "
        "of the success rate), the gnuplot scripts `*.gp`. Units are in the column names "
        "(`_s` seconds, `_mbps` Mb/s, `_bytes` IP bytes, `_j` joules). To re-run one point "
        "alone, pass its parameters from `runs.csv` to `mobisocket-wifi-handover`.",
        "",
    ]
    with open(os.path.join(out, "summary.md"), "w") as f:
        f.write("\n".join(lines))


def run_experiment(
    name: str,
    size: str = "default",
    seeds: Optional[int] = None,
    workers: Optional[int] = None,
    results: Optional[str] = None,
    figures: bool = True,
    fresh: bool = False,
    command: str = "",
    echo: Callable[[str], None] = lambda text: print(text, flush=True),
) -> dict:
    """Run one experiment and write its outputs.

    Args:
        name: an :data:`EXPERIMENTS` key.
        size: ``quick`` (for tests), ``default`` (minutes on 2 cores) or ``full``.
        seeds: seeds per point (RngRun 1..seeds); default per experiment and size.
        workers: runs at a time (default: the number of cores).
        results: folder holding ``<name>/`` (default ``<source>/results``).
        figures: run the gnuplot scripts.
        fresh: forget recorded runs (otherwise finished runs are reused).
        command: the command line, for summary.md.
        echo: progress and table output.

    Returns:
        ``{"runs": [...], "points": [...], "dir": out, "figures": [...]}``.
    """
    if name not in EXPERIMENTS:
        raise ValueError(f"unknown experiment '{name}' (known: {', '.join(EXPERIMENTS)})")
    if size not in SIZES:
        raise ValueError(f"size must be one of {', '.join(SIZES)} (got '{size}')")
    exp = EXPERIMENTS[name]
    seeds = seeds or exp.seeds[size]
    if seeds < 1:
        raise ValueError(f"seeds must be at least 1 (got {seeds})")
    out = os.path.join(results or os.path.join(source_dir(), "results"), name)
    runs_dir = os.path.join(out, "runs")
    build = build_id()
    stamp = os.path.join(runs_dir, "build-id")
    if os.path.isdir(runs_dir) and not fresh:
        recorded = open(stamp).read().strip() if os.path.isfile(stamp) else ""
        if recorded != build:
            echo(f"{name}: the recorded runs come from another build ({recorded or 'unknown'}); "
                 "running them again")
            fresh = True
    if fresh and os.path.isdir(runs_dir):
        shutil.rmtree(runs_dir)
    os.makedirs(runs_dir, exist_ok=True)
    with open(stamp, "w") as f:
        f.write(build + "\n")

    points = exp.grid(size)
    grid = [p.params for p in points]
    echo(f"{name}: {len(points)} points x {seeds} seeds = {len(points) * seeds} runs")
    started = time.monotonic()
    done = [0]

    def progress(row: dict) -> None:
        done[0] += 1
        if done[0] % 10 == 0:
            echo(f"  {done[0]} runs finished ({time.monotonic() - started:.0f} s)")

    rows = sweep(
        grid,
        seeds=seeds,
        workers=workers,
        record=os.path.join(runs_dir, "record.jsonl"),
        output_dir=runs_dir,
        as_frame=False,
        on_result=progress,
        # Their metrics include totals over the whole run (retransmissions,
        # bytes) and goodput windows: every run lasts its simTimeS.
        stop_early=False,
    )
    runs = []
    for i, row in enumerate(rows):
        point = points[i // seeds]
        x_name = exp.x[point.group]
        run = {
            "experiment": name,
            "group": point.group,
            "variant": point.variant,
            "x": point.params.get(x_name, 0) if x_name else 0,
            "RngRun": row["RngRun"],
            "run_id": row["run_id"],
            "status": row["status"],
            "elapsed_s": row["elapsed_s"],
            "error": row["error"].splitlines()[0] if row["error"] else "",
            "run_dir": os.path.join(runs_dir, row["run_id"]),
        }
        if row["status"] == "ok":
            with open(os.path.join(run["run_dir"], "summary.json")) as f:
                summary = json.load(f)
            goodput = _read_goodput(os.path.join(run["run_dir"], "goodput.csv"))
            run["ns3_version"] = summary["ns3_version"]
            run["build_id"] = build
            run["parameters"] = summary["parameters"]
            run["goodput"] = goodput
            run.update(run_metrics(summary, goodput, exp.window_s))
            if exp.annotate:
                exp.annotate(run)
        runs.append(run)
    failed = [r for r in runs if r["status"] != "ok"]
    for r in failed:
        echo(f"  run {r['run_id']} ({r['variant']}, RngRun {r['RngRun']}) {r['status']}: {r['error']}")

    # Every key any run has, in first-seen order, but the run's own data.
    not_columns = ("parameters", "run_dir", "goodput")
    metric_columns = list(dict.fromkeys(k for r in runs for k in r if k not in not_columns))
    parameter_names = sorted({k for r in runs for k in r.get("parameters", {})})
    flat = []
    for r in runs:
        row = {k: r.get(k, "") for k in metric_columns}
        row.update(r.get("parameters", {}))
        flat.append(row)
    _write_csv(
        os.path.join(out, "runs.csv"),
        flat,
        metric_columns + [p for p in parameter_names if p not in metric_columns],
    )

    reduced = _reduce(exp, runs)
    moved = _moved(exp, _read_points(os.path.join(out, "points.csv")), reduced)
    columns = list(reduced[0].keys()) if reduced else []
    _write_csv(os.path.join(out, "points.csv"), reduced, columns)
    if exp.extra:
        exp.extra(exp, runs, out)
    made = _plot(exp, out) if figures else []
    _write_summary(exp, out, reduced, size, seeds, command or f"experiments run {name}", moved)
    echo("\n".join(_table(exp, reduced)))
    echo(f"{name}: {len(runs) - len(failed)}/{len(runs)} runs ok in "
         f"{time.monotonic() - started:.0f} s; outputs in {out}")
    return {"runs": runs, "points": reduced, "dir": out, "figures": made}


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Command line: ``list`` or ``run NAME... [options]``."""
    parser = argparse.ArgumentParser(
        prog="python3 -m mobisocket.experiments",
        description="The MobiSocket paper's planned evaluation as experiments.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list", help="list the experiments")
    run = sub.add_parser("run", help="run experiments and write results/<name>/")
    run.add_argument("names", nargs="+", help="experiment names, or 'all'")
    size = run.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_const", dest="size", const="quick",
                      help="smallest grid, one seed (for tests)")  # fmt: skip
    size.add_argument("--full", action="store_const", dest="size", const="full",
                      help="the published figure's grid and seeds")  # fmt: skip
    run.add_argument("--seeds", type=int, help="seeds per point (RngRun 1..N)")
    run.add_argument("--workers", type=int, help="runs at a time (default: cores)")
    run.add_argument("--results", help="results folder (default: <source>/results)")
    run.add_argument("--no-figures", action="store_true", help="skip gnuplot")
    run.add_argument("--fresh", action="store_true", help="ignore previously recorded runs")
    args = parser.parse_args(argv)

    if args.command == "list":
        for e in EXPERIMENTS.values():
            print(f"{e.name:20} {e.title}")
        return 0
    names = list(EXPERIMENTS) if args.names == ["all"] else args.names
    unknown = [n for n in names if n not in EXPERIMENTS]
    if unknown:
        parser.error(f"unknown experiment(s): {', '.join(unknown)}; known: {', '.join(EXPERIMENTS)}")
    command = "experiments run " + " ".join(argv if argv is not None else sys.argv[1:])[4:]
    for name in names:
        run_experiment(
            name,
            size=args.size or "default",
            seeds=args.seeds,
            workers=args.workers,
            results=args.results,
            figures=not args.no_figures,
            fresh=args.fresh,
            command=command.strip(),
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
