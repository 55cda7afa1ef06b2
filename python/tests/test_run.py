"""mobisocket.run(): one scenario in-process; parameters and their errors."""

from __future__ import annotations

import copy
import math
import pickle
import threading
import time

import numpy as np
import pytest

from conftest import same_value, without

#: A short run: the MH loses AP1's beacons at ~3.7 s with the defaults.
SHORT = {"simTimeS": 6}


@pytest.fixture(scope="module")
def short_result(mobisocket):
    return mobisocket.run(**SHORT)


def test_import_and_parameter_list(mobisocket):
    names = mobisocket.parameter_names()
    assert len(names) == len(set(names)) > 40
    for name in ("protocol", "simTimeS", "goodputBinMs", "RngRun", "RngSeed"):
        assert name in names
    defaults = mobisocket.defaults()
    assert list(defaults) == names
    assert defaults["protocol"] == "mobisocket"
    assert isinstance(defaults["resetTimer"], bool)
    assert isinstance(defaults["RngRun"], int) and isinstance(defaults["simTimeS"], float)
    assert set(mobisocket.parameter_help()) == set(names)


def test_short_run_shapes_and_values(mobisocket, short_result):
    r = short_result
    assert r["survived"] is True and r["intact"] is True
    assert r["uplink_bytes"] > 0 and r["downlink_bytes"] == 0
    assert r["ns3_version"] == mobisocket.ns3_version()
    assert mobisocket.ns3_version().startswith("ns-3.")
    assert r["parameters"]["simTimeS"] == 6.0 and r["parameters"]["RngRun"] == 1

    assert len(r["handovers"]) == 1
    h = r["handovers"][0]
    assert h["host"] == "MH" and h["completed"] is True
    assert 3.5 < h["beacon_loss_s"] < 4.0
    assert h["beacon_loss_s"] <= h["reassociated_s"] <= h["lease_s"] <= h["first_new_byte_s"]
    assert h["disruption_s"] == pytest.approx(h["first_new_byte_s"] - h["last_old_byte_s"])

    bins = round(SHORT["simTimeS"] / (mobisocket.defaults()["goodputBinMs"] / 1000))
    for key in ("time_s", "uplink_mbps", "downlink_mbps"):
        a = r["goodput"][key]
        assert isinstance(a, np.ndarray) and a.dtype == np.float64 and a.shape == (bins,)
    assert r["goodput"]["time_s"][1] == pytest.approx(0.1)
    assert r["goodput"]["uplink_mbps"].max() > 1 and not r["goodput"]["downlink_mbps"].any()
    # Bulk traffic: no delay samples.
    assert r["delay"]["time_s"].shape == r["delay"]["delay_s"].shape == (0,)

    assert r["signalling"] and all(
        set(m) == {"count", "ip_bytes"} and m["count"] > 0 for m in r["signalling"].values()
    )
    nodes = {c["node"]: c for c in r["crypto"]}
    assert set(nodes) == {"MH", "CH"}
    for c in nodes.values():
        assert set(c) == {
            "node", "pair", "signatures", "verifications", "key_shares", "key_agreements", "macs",
            "cpu_time_s", "energy_j", "radio_energy_j",
        }
    assert nodes["MH"]["signatures"] >= 1 and nodes["MH"]["energy_j"] > 0


def test_stream_run_has_delays(mobisocket):
    r = mobisocket.run(simTimeS=5, traffic="stream", goodputBinMs=250)
    assert r["goodput"]["time_s"].shape == (20,)
    n = r["delay"]["delay_s"].size
    assert n > 0 and r["delay"]["time_s"].shape == (n,)
    assert np.all(r["delay"]["delay_s"] > 0)
    s = mobisocket.summarize(r)
    assert s["delay_max_s"] >= s["delay_mean_s"] > 0


def test_corridor_has_one_record_per_boundary(mobisocket):
    r = mobisocket.run(
        apCount=4, apChannels="36", speedMps=30, moveStartS=2, simTimeS=14,
        traffic="stream", signalling="inband",
    )
    hops = [(h["from_ap"], h["to_ap"]) for h in r["handovers"]]
    assert hops == [(1, 2), (2, 3), (3, 4)]
    assert r["survived"] and all(h["completed"] for h in r["handovers"])
    s = mobisocket.summarize(r)
    assert s["handovers"] == s["handovers_completed"] == 3
    disruptions = [h["disruption_s"] for h in r["handovers"]]
    assert s["mean_disruption_s"] == pytest.approx(sum(disruptions) / 3)
    assert s["max_disruption_s"] == max(disruptions)


def test_dnav4_reuses_the_lease_on_the_way_back(mobisocket):
    def address_times(dnav4):
        r = mobisocket.run(
            walkBack=True, addressPreset="rfc", dnav4=dnav4, traffic="stream",
            signalling="inband", simTimeS=14,
        )
        assert [(h["from_ap"], h["to_ap"]) for h in r["handovers"]] == [(1, 2), (2, 1)]
        return [h["lease_s"] - h["reassociated_s"] for h in r["handovers"]]

    plain, reused = address_times(False), address_times(True)
    assert all(0.5 <= t <= 0.52 for t in plain)  # rfc: 500 ms offer wait each time
    assert 0.5 <= reused[0] <= 0.52  # a new subnet: DHCP
    assert 0 <= reused[1] < 0.01  # back on AP1's: one ARP exchange


def test_the_removed_fast_preset_says_what_replaced_it(mobisocket):
    with pytest.raises(ValueError, match="android"):
        mobisocket.run(addressPreset="fast")


def test_cross_traffic_reaches_only_the_listed_aps(mobisocket):
    r = mobisocket.run(crossTraffic="udp", crossAps="2", crossRateMbps=2, simTimeS=6)
    assert r["cross_bytes"][0] == 0
    # 2 Mb/s from appStartS (1 s) to 6 s: 1.25 MB, give or take the last datagrams
    assert 0.97 * 1.25e6 <= r["cross_bytes"][1] <= 1.25e6
    assert r["survived"]
    with pytest.raises(ValueError, match="'crossAps'"):
        mobisocket.run(crossTraffic="udp", crossAps="3")


def test_several_mobile_hosts_have_a_row_each(mobisocket):
    """Two MHs, each with its CH: a pair row each, every handover and crypto row tagged with
    its pair, the run's bytes the pairs' sum, the summary's crypto counts both pairs'."""
    r = mobisocket.run(mobileHosts=2, signalling="inband", simTimeS=6)
    assert [p["pair"] for p in r["pairs"]] == [1, 2]
    assert all(p["verdict"] == "survived" and p["intact"] for p in r["pairs"])
    assert sorted(h["pair"] for h in r["handovers"]) == [1, 2]
    assert sorted((c["node"], c["pair"]) for c in r["crypto"]) == [
        ("CH", 1), ("CH", 2), ("MH", 1), ("MH", 2)]  # fmt: skip
    assert r["uplink_bytes"] == sum(p["uplink_bytes"] for p in r["pairs"])
    assert set(r["signalling_by_sender"]) == {"MH", "CH"}  # in band: nothing through the proxy
    s = mobisocket.summarize(r)
    assert s["pairs_survived"] == 2
    assert s["mh_signatures"] == sum(c["signatures"] for c in r["crypto"] if c["node"] == "MH")
    with pytest.raises(ValueError, match="'mobileHosts'"):
        mobisocket.run(mobileHosts=0)


def test_radio_energy_per_run_and_per_handover(mobisocket):
    r = mobisocket.run(simTimeS=6)
    mh = next(c for c in r["crypto"] if c["node"] == "MH")
    assert 0.273 * 3.7 * 6 * 0.999 <= mh["radio_energy_j"] <= 0.380 * 3.7 * 6
    h = r["handovers"][0]
    span = h["first_new_byte_s"] - h["start_s"]
    assert 0.273 * 3.7 * span * 0.999 <= h["radio_energy_j"] <= 0.380 * 3.7 * span


def test_no_handover_gives_nan_summary(mobisocket):
    s = mobisocket.summarize(mobisocket.run(simTimeS=2))
    assert s["handovers"] == 0 and math.isnan(s["max_disruption_s"])
    assert math.isnan(s["mean_disruption_s"])
    assert math.isnan(s["mh_beacon_loss_s"]) and math.isnan(s["ch_beacon_loss_s"])


def test_two_calls_are_identical(mobisocket, short_result):
    again = mobisocket.run(mobisocket.Parameters(**SHORT))
    assert same_value(without(again), without(short_result))
    other_seed = mobisocket.run(**SHORT, RngRun=2)
    assert other_seed["parameters"]["RngRun"] == 2


def test_predict_is_the_delay_model_without_a_simulation(mobisocket):
    """predict() gives each part's expectation and range from the parameters alone; the
    in-band default (beacon loss after 10 x 102.4 ms, 120 ms passive scan) lies near 1.15 s,
    and a faster CPU shortens only the parts that sign and verify."""
    slow = mobisocket.predict(signalling="inband", cpuFrequencyMhz=100)
    fast = mobisocket.predict(signalling="inband", cpuFrequencyMhz=1600)
    assert slow["modelled"] and slow["survives"] and slow["reason"] == ""
    for part in ("detection", "scan", "association", "l2_handoff", "address", "update",
                 "confirm", "resume", "disruption"):  # fmt: skip
        d = slow[part]
        assert d["min_s"] <= d["mean_s"] <= d["max_s"], part
    assert slow["scan"]["mean_s"] == pytest.approx(0.120)
    assert 1.0 < slow["disruption"]["mean_s"] < 1.3
    assert fast["l2_handoff"] == slow["l2_handoff"] and fast["address"] == slow["address"]
    # One Ed25519 signature and one verification per message, 8x faster: 2 x 1.02e6 cycles.
    saved = slow["update"]["mean_s"] - fast["update"]["mean_s"]
    assert saved == pytest.approx((368212 + 650102) * (1 / 100e6 - 1 / 1600e6), rel=1e-6)


def test_predict_says_why_it_cannot(mobisocket):
    lossy = mobisocket.predict(wiredLossRate=0.01)
    assert not lossy["modelled"] and "loss" in lossy["reason"]
    tcp = mobisocket.predict(protocol="tcp")
    assert tcp["modelled"] and not tcp["survives"] and "keeps no connection" in tcp["reason"]
    with pytest.raises(ValueError, match="'speedMps'"):
        mobisocket.predict(speedMps=-1)


@pytest.mark.parametrize(
    "values, name",
    [
        ({"simTime": 6}, "simTime"),
        ({"simTimeS": "six"}, "simTimeS"),
        ({"speedMps": -1}, "speedMps"),
        ({"protocol": "bogus"}, "protocol"),
        ({"resetTimer": "maybe"}, "resetTimer"),
        ({"resetTimer": 2}, "resetTimer"),
        ({"bulkBytes": 1.5}, "bulkBytes"),
        ({"RngRun": -3}, "RngRun"),
        ({"outputDir": None}, "outputDir"),
        ({"goodputBinMs": [1, 2]}, "goodputBinMs"),
    ],
)
def test_bad_parameters_raise_value_error_naming_them(mobisocket, values, name):
    with pytest.raises(ValueError, match=f"'{name}'"):
        mobisocket.run(**values)


def test_unknown_name_suggests(mobisocket):
    with pytest.raises(ValueError, match="did you mean 'simTimeS'"):
        mobisocket.Parameters(simTime=6)


def test_parameters_object(mobisocket):
    p = mobisocket.Parameters(simTimeS=6, bulkBytes=1e6, resetTimer=False)
    assert p.simTimeS == 6.0 and p["bulkBytes"] == 1_000_000 and p.resetTimer is False
    p.protocol = "tcp"
    p["speedMps"] = np.float64(20)
    p.RngRun = np.int64(4)
    assert p.to_dict()["protocol"] == "tcp" and p.speedMps == 20.0 and p.RngRun == 4
    assert p.to_strings()["resetTimer"] == "false"
    assert "simTimeS=6.0" in repr(p) and "signalling" not in repr(p)
    assert pickle.loads(pickle.dumps(p)) == p and copy.deepcopy(p) == p
    assert p != mobisocket.Parameters()
    with pytest.raises(ValueError, match="'speedMps'"):
        p.speedMps = "fast"
    with pytest.raises(KeyError):
        p["nope"]
    p.speedMps = 0
    with pytest.raises(ValueError, match="'speedMps'"):
        p.validate()
    with pytest.raises(ValueError, match="'speedMps'"):
        mobisocket.run(p)
    assert len(p) == len(mobisocket.parameter_names()) and list(p) == p.keys()


def test_run_releases_the_gil_and_serialises_threads(mobisocket, short_result):
    """Python keeps running while a simulation runs; concurrent runs are serialised, not mixed."""
    results = []
    threads = [
        threading.Thread(target=lambda: results.append(mobisocket.run(**SHORT))) for _ in range(2)
    ]
    for t in threads:
        t.start()
    ticks = [time.monotonic()]
    while any(t.is_alive() for t in threads):
        sum(range(1000))  # pure Python: progresses only if the GIL is free
        ticks.append(time.monotonic())
    for t in threads:
        t.join()
    assert len(results) == 2
    for r in results:
        assert same_value(without(r), without(short_result))
    longest_gap = max(b - a for a, b in zip(ticks, ticks[1:]))
    assert longest_gap < 0.5 * min(r["wall_clock_s"] for r in results)


def test_validation_waits_for_a_running_simulation(mobisocket, short_result):
    """validate() builds ns-3 objects, so it must not run while a scenario changes ns-3's defaults.

    Before validation took the run lock, this crashed the interpreter in about one try in
    twenty (CreateValidValue on an attribute default being replaced).
    """
    results = []
    runner = threading.Thread(target=lambda: results.append(mobisocket.run(**SHORT)))
    p = mobisocket.Parameters(**SHORT)
    validations = 0
    runner.start()
    while runner.is_alive() or validations == 0:
        p.validate()
        validations += 1
    runner.join()
    p.speedMps = 0
    with pytest.raises(ValueError, match="'speedMps'"):
        p.validate()
    assert len(results) == 1 and same_value(without(results[0]), without(short_result))
