"""One scenario run in this process, and the flat summary of its result."""

from __future__ import annotations

import math
import os
from typing import Any, Mapping, Optional

import numpy as np

from . import _mobisocket
from ._mobisocket import Parameters
from ._stats import finite

#: Timeline fields of a handover record (seconds, NaN when the event did not happen).
TIMELINE_FIELDS = (
    "start_s",
    "last_old_byte_s",
    "beacon_loss_s",
    "scan_end_s",
    "reassociated_s",
    "advertised_s",
    "tentative_s",
    "preferred_s",
    "lease_s",
    "update_sent_s",
    "peer_updated_s",
    "peer_answered_s",
    "confirmed_s",
    "first_new_byte_s",
    "disruption_s",
)

#: Operation counts of a crypto record.
CRYPTO_COUNTS = ("signatures", "verifications", "key_shares", "key_agreements", "macs")

#: Fields of a crypto record: the counts, CPU time and energy.
CRYPTO_FIELDS = CRYPTO_COUNTS + ("cpu_time_s", "energy_j", "radio_energy_j")

#: Counters of the MH's connections.
CONNECTION_FIELDS = ("attempted", "opened", "completed", "stalled", "failed", "prepared", "spanning",
                     "kept")

#: Scalars copied as they are from a result into its summary.
SUMMARY_SCALARS = (
    "survived",
    "verdict",
    "intact",
    "uplink_bytes",
    "downlink_bytes",
    "retransmissions",
    "rto_expiries",
    "signalling_lost",
    "end_s",
)


def make_parameters(
    parameters: Optional[Parameters | Mapping[str, Any]] = None, /, **values: Any
) -> Parameters:
    """Build a validated :class:`Parameters`.

    Args:
        parameters: a ``Parameters`` object (copied) or a mapping name -> value,
            applied over the defaults.
        **values: more parameters, applied last.

    Returns:
        A new ``Parameters`` that passed ``validate()``.

    Raises:
        ValueError: a name is unknown or a value is bad; the message names the
            parameter.
    """
    if parameters is None:
        p = Parameters()
    elif isinstance(parameters, Parameters):
        p = parameters.copy()
    elif isinstance(parameters, Mapping):
        p = Parameters()
        p.update(dict(parameters))
    else:
        raise TypeError(
            f"parameters must be a Parameters object or a mapping, not {type(parameters).__name__}"
        )
    p.update(values)
    p.validate()
    return p


def run(parameters: Optional[Parameters | Mapping[str, Any]] = None, /, **values: Any) -> dict:
    """Run one HandoverScenario in this process and return its result.

    The simulation runs with the GIL released; runs in one process are
    serialised (ns-3 has one simulator per process), so calling ``run`` from
    several threads is safe but not parallel -- use :func:`sweep` for that.

    Args:
        parameters: a ``Parameters`` object or a mapping name -> value.
        **values: parameters by name, e.g. ``simTimeS=6, protocol="tcp"``.

    Returns:
        A dict with

        - ``parameters``: every parameter, typed; ``ns3_version``;
        - ``survived``, ``intact`` (bool), ``verdict`` ("survived", "failed"
          or "unresolved": the run ended before the last handover was
          decided), ``uplink_bytes``, ``downlink_bytes``,
          ``retransmissions``, ``rto_expiries``, ``signalling_lost`` (int),
          ``wall_clock_s``,
          ``end_s`` (the simulated time the run ended: ``simTimeS``, or
          earlier with ``stopEarly``); ``cross_bytes`` (a list: the cross
          traffic each AP's station received, AP 1 first; 0 where none);
        - ``handovers``: one dict per handover with ``host`` ("MH"/"CH"),
          ``pair`` (its MH-CH pair: 1, or up to ``mobileHosts``), ``kind`` ("wifi" or "interface"), ``from_ap`` and ``to_ap``
          (WiFi: the APs' numbers along the corridor, 1 for the first; 0
          when none), the timeline fields
          (:data:`TIMELINE_FIELDS`, seconds, NaN when the
          event did not happen), ``completed``, ``outcome``
          ("resumed", "superseded", "unresolved" or "lost") and
          ``radio_energy_j`` (the MH's WiFi radio energy from the start to
          the first new byte; NaN for the CH, or if it never resumed);
        - ``goodput``: numpy arrays ``time_s``, ``uplink_mbps``,
          ``downlink_mbps`` (one value per ``goodputBinMs`` bin);
        - ``delay``: numpy arrays ``time_s``, ``delay_s`` (stream traffic);
        - ``signalling``: message type -> ``{"count", "ip_bytes"}``;
          ``signalling_by_sender``: "MH", "CH", "proxy" -> the same, every
          type together (every pair's MHs, every pair's CHs);
        - ``crypto``: one dict per node with ``node``, ``pair`` and
          :data:`CRYPTO_FIELDS`;
        - ``pairs``: one dict per MH-CH pair with ``pair``, ``verdict``,
          ``intact``, ``uplink_bytes``, ``downlink_bytes``,
          ``retransmissions``, ``rto_expiries``, ``handovers`` (the
          run-level fields above combine them: the worst verdict, sums);
        - ``connections``: the MH's connections: ``attempted``, ``opened``,
          ``completed``, ``stalled``, ``failed``, ``prepared`` (redirect
          daemon) and, for browsing, numpy arrays ``opened_s``, ``lifetime_s``.

    Raises:
        ValueError: a bad parameter name or value (the message names it), or
            an ``outputDir`` that cannot be created.

    An ns-3 abort (NS_FATAL_ERROR) ends this process; :func:`sweep` runs
    every scenario in a process of its own.
    """
    p = make_parameters(parameters, **values)
    if p.outputDir:
        # ns-3 would abort the whole interpreter; fail politely instead.
        try:
            os.makedirs(p.outputDir, exist_ok=True)
        except OSError as error:
            message = f"parameter 'outputDir': cannot create {p.outputDir!r}: {error}"
            raise ValueError(message) from None
    return _mobisocket.run(p)


def predict(parameters: Optional[Parameters | Mapping[str, Any]] = None, /, **values: Any) -> dict:
    """The delay model's prediction of the MH's handover, without a simulation.

    ``HandoverDelayModel`` derives each part of the handover from the
    parameters alone (roaming timers, DHCP preset, path delays and rates,
    the scheme's exchange, the cryptographic cycles, the retransmission
    schedule); the module documentation gives the derivation and the
    ``model-check`` experiment its accuracy.

    Returns:
        A dict with ``modelled`` (the parameters lie in the model's domain),
        ``survives``, ``reason`` (why not modelled, or why the connection is
        lost) and, per part (``detection``, ``scan``, ``association``,
        ``l2_handoff``, ``address``, ``update``, ``confirm``, ``resume``,
        ``disruption``), a dict ``{"mean_s", "min_s", "max_s"}``: the
        expected value and the range the random inputs allow.

    Raises:
        ValueError: a bad parameter name or value.
    """
    return _mobisocket.predict(make_parameters(parameters, **values))


def summarize(result: Mapping[str, Any]) -> dict:
    """Flatten a :func:`run` result into one row of scalars.

    Keys: :data:`SUMMARY_SCALARS`; ``handovers`` (count),
    ``handovers_completed``, ``max_disruption_s``, ``mean_disruption_s``
    (over the handovers that resumed); for the first handover of
    the MH and of the CH, ``mh_<field>``/``ch_<field>`` for every timeline
    field (NaN if that host did not hand over); ``signalling_messages`` and
    ``signalling_ip_bytes`` (totals); ``mh_<counter>``/``ch_<counter>`` for
    every crypto counter (summed over the pairs' MHs and CHs);
    ``pairs_survived`` (pairs whose own verdict is "survived");
    ``connections_<counter>`` for
    :data:`CONNECTION_FIELDS`; ``delay_mean_s``, ``delay_max_s`` (NaN without
    stream traffic); ``wall_clock_s`` and ``ns3_version``.

    Args:
        result: what :func:`run` returned.

    Returns:
        A flat dict of bools, ints, floats and strings.
    """
    s: dict[str, Any] = {k: result[k] for k in SUMMARY_SCALARS}
    handovers = result["handovers"]
    s["handovers"] = len(handovers)
    s["handovers_completed"] = sum(1 for h in handovers if h["completed"])
    disruptions = list(finite(h["disruption_s"] for h in handovers))
    s["max_disruption_s"] = max(disruptions, default=math.nan)
    s["mean_disruption_s"] = sum(disruptions) / len(disruptions) if disruptions else math.nan
    for host in ("MH", "CH"):
        first = next((h for h in handovers if h["host"] == host), None)
        for field in TIMELINE_FIELDS:
            s[f"{host.lower()}_{field}"] = first[field] if first else math.nan
    signalling = result["signalling"].values()
    s["signalling_messages"] = sum(m["count"] for m in signalling)
    s["signalling_ip_bytes"] = sum(m["ip_bytes"] for m in signalling)
    for node in result["crypto"]:
        for field in CRYPTO_FIELDS:
            key = f"{node['node'].lower()}_{field}"
            s[key] = s.get(key, 0) + node[field]
    s["pairs_survived"] = sum(p["verdict"] == "survived" for p in result["pairs"])
    for field in CONNECTION_FIELDS:
        s[f"connections_{field}"] = result["connections"][field]
    delay = np.asarray(result["delay"]["delay_s"], dtype=float)
    s["delay_mean_s"] = float(delay.mean()) if delay.size else math.nan
    s["delay_max_s"] = float(delay.max()) if delay.size else math.nan
    s["wall_clock_s"] = result["wall_clock_s"]
    s["ns3_version"] = result["ns3_version"]
    return s
