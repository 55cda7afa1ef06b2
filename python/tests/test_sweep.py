"""mobisocket.sweep() on this machine: worker processes, record, resume, crash, timeout."""

from __future__ import annotations

import json
import time

import pytest

from conftest import assert_same_rows, same_value, without

#: Short runs (a handover at ~3.7 s, so none in 3 s): about 0.3 s each.
BASE = {"simTimeS": 3}
GRID = {"protocol": ["tcp", "mobisocket"]}


def record_lines(path) -> list[dict]:
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def test_expand_grid(mobisocket):
    runs = mobisocket.expand_grid({"a": [1, 2], "b": "x"}, seeds=2, base={"c": 0, "a": 9})
    assert runs == [
        {"c": 0, "a": 1, "b": "x", "RngRun": 1},
        {"c": 0, "a": 1, "b": "x", "RngRun": 2},
        {"c": 0, "a": 2, "b": "x", "RngRun": 1},
        {"c": 0, "a": 2, "b": "x", "RngRun": 2},
    ]
    assert mobisocket.expand_grid([{"a": 1}], seeds=[5, 7]) == [
        {"a": 1, "RngRun": 5},
        {"a": 1, "RngRun": 7},
    ]
    with pytest.raises(ValueError, match="RngRun"):
        mobisocket.expand_grid({"RngRun": [1, 2]})


def test_bad_grid_raises_before_running(mobisocket, tmp_path):
    record = tmp_path / "runs.jsonl"
    with pytest.raises(ValueError, match="'speedMs'"):
        mobisocket.sweep({"speedMs": [1, 2]}, base=BASE, record=record)
    with pytest.raises(ValueError, match="'protocol'"):
        mobisocket.sweep({"protocol": ["tcp", "nope"]}, base=BASE, record=record)
    assert not record.exists() or record.read_text() == ""


def test_sweep_two_workers_matches_in_process_runs(mobisocket, tmp_path):
    record = tmp_path / "runs.jsonl"
    rows = mobisocket.sweep(GRID, seeds=2, workers=2, base=BASE, record=record, as_frame=False)
    assert [(r["protocol"], r["RngRun"]) for r in rows] == [
        ("tcp", 1), ("tcp", 2), ("mobisocket", 1), ("mobisocket", 2),
    ]
    assert all(r["status"] == "ok" and r["error"] == "" for r in rows)
    assert all(r["simTimeS"] == 3 and r["elapsed_s"] > 0 for r in rows)
    assert len({r["run_id"] for r in rows}) == 4
    # A worker process gives exactly what an in-process run gives.
    for r in rows:
        expected = mobisocket.summarize(
            mobisocket.run(BASE, protocol=r["protocol"], RngRun=r["RngRun"])
        )
        assert same_value(without(expected), without({k: r[k] for k in expected}))
    # Every run is recorded with its parameters, RngRun, status, elapsed time and summary.
    lines = record_lines(record)
    assert len(lines) == 4
    for line in lines:
        assert line["status"] == "ok" and line["elapsed_s"] > 0
        assert line["RngRun"] == line["parameters"]["RngRun"] == line["params"]["RngRun"]
        assert line["parameters"]["simTimeS"] == 3.0
        assert line["summary"]["uplink_bytes"] > 0


def test_resume_skips_runs_recorded_ok(mobisocket, tmp_path):
    record = tmp_path / "runs.jsonl"
    # Pre-fill the record with two "finished" runs carrying impossible values, one failed
    # run, and a line cut short (as if the previous sweep was killed while writing).
    fake = {"uplink_bytes": -1, "survived": None}
    with open(record, "w") as f:
        prefilled = [("tcp", 1, "ok"), ("mobisocket", 2, "ok"), ("tcp", 2, "failed")]
        for protocol, seed, status in prefilled:
            parameters = mobisocket.make_parameters(
                BASE, protocol=protocol, RngRun=seed, stopEarly=True  # sweep's default
            ).to_dict()
            entry = {
                "params": {**BASE, "protocol": protocol, "RngRun": seed},
                "parameters": parameters,
                "RngRun": seed,
                "status": status,
                "elapsed_s": 12345.0,
                "error": "" if status == "ok" else "boom",
                "summary": fake if status == "ok" else None,
            }
            f.write(json.dumps(entry) + "\n")
        f.write('{"params": {"simTim')
    rows = mobisocket.sweep(GRID, seeds=2, workers=2, base=BASE, record=record, as_frame=False)
    by_run = {(r["protocol"], r["RngRun"]): r for r in rows}
    for reused in [("tcp", 1), ("mobisocket", 2)]:
        assert by_run[reused]["elapsed_s"] == 12345.0 and by_run[reused]["uplink_bytes"] == -1
    for ran in [("tcp", 2), ("mobisocket", 1)]:  # the failed one is retried
        assert by_run[ran]["status"] == "ok" and by_run[ran]["uplink_bytes"] > 0
        assert by_run[ran]["elapsed_s"] < 1000
    assert len(mobisocket.read_record(record)) == 3 + 2
    # Everything is recorded ok now: a third call runs nothing.
    again = mobisocket.sweep(GRID, seeds=2, workers=2, base=BASE, record=record, as_frame=False)
    assert len(mobisocket.read_record(record)) == 5
    assert_same_rows(again, rows, ignore=())


def test_sweeps_stop_early_by_default_where_runs_can(mobisocket):
    walk = {
        "apCount": 3, "apChannels": "36", "speedMps": 30, "moveStartS": 2, "simTimeS": 20,
        "traffic": "stream", "signalling": "inband", "settleS": 1,
    }
    grid = [walk, {**walk, "mhMoves": False}]
    early = mobisocket.sweep(grid, as_frame=False, workers=2)
    full = mobisocket.sweep(grid, as_frame=False, workers=2, stop_early=False)
    assert all(r["status"] == "ok" for r in early + full)
    # The walk ends at 2 + 190 / 30 s; the run ends settleS after the data
    # resumed from the second handover, with the same handovers measured.
    assert 2 + 190 / 30 < early[0]["end_s"] < 10 and full[0]["end_s"] == 20
    assert early[0]["handovers"] == full[0]["handovers"] == 2
    assert early[0]["max_disruption_s"] == full[0]["max_disruption_s"]
    # Without a walk there is nothing to wait for: the run keeps its simTimeS.
    assert early[1]["end_s"] == full[1]["end_s"] == 20
    # A run that sets stopEarly itself keeps its choice.
    kept = mobisocket.sweep([{**walk, "stopEarly": False}], as_frame=False)
    assert kept[0]["end_s"] == 20


def test_interrupted_sweep_resumes(mobisocket, tmp_path):
    record = tmp_path / "runs.jsonl"
    grid = {"protocol": ["tcp", "mobisocket"], "speedMps": [15, 20]}

    class Stop(Exception):
        pass

    def stop_after_two(row):
        seen.append(row)
        if len(seen) == 2:
            raise Stop

    seen: list[dict] = []
    with pytest.raises(Stop):
        mobisocket.sweep(grid, workers=1, base=BASE, record=record, on_result=stop_after_two)
    first = mobisocket.read_record(record)
    assert len(first) == 2 and all(e["status"] == "ok" for e in first)

    rows = mobisocket.sweep(grid, workers=2, base=BASE, record=record, as_frame=False)
    assert all(r["status"] == "ok" for r in rows) and len(rows) == 4
    entries = mobisocket.read_record(record)
    assert len(entries) == 4  # the two finished runs were not run again
    assert len({e["run_id"] for e in entries}) == 4
    assert entries[:2] == first


def test_crashed_run_is_recorded_failed_and_others_succeed(mobisocket, tmp_path, doomed_output_dir):
    record = tmp_path / "runs.jsonl"
    rows = mobisocket.sweep(
        {"outputDir": ["", doomed_output_dir]},
        seeds=2,
        workers=2,
        base=BASE,
        record=record,
        as_frame=False,
    )
    assert [r["status"] for r in rows] == ["ok", "ok", "failed", "failed"]
    for r in rows[2:]:
        assert "SIGABRT" in r["error"] and "cannot write" in r["error"]
        assert "uplink_bytes" not in r
    assert all(r["uplink_bytes"] > 0 for r in rows[:2])
    assert sorted(e["status"] for e in mobisocket.read_record(record)) == [
        "failed", "failed", "ok", "ok",
    ]


def test_in_process_run_refuses_an_output_dir_it_cannot_create(mobisocket, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with pytest.raises(ValueError, match="'outputDir'"):
        mobisocket.run(simTimeS=1, outputDir=blocker / "sub")


def test_timeout_is_recorded(mobisocket, tmp_path):
    record = tmp_path / "runs.jsonl"
    start = time.monotonic()
    # 3000 simulated seconds take minutes; 2 take a fraction of a second.
    # Without stop_early=False the sweep ends a run once its handover is
    # measured, and the long run may finish inside the timeout (ns-3.48).
    rows = mobisocket.sweep(
        {"simTimeS": [2, 3000]}, workers=2, timeout=4, record=record, as_frame=False,
        stop_early=False,
    )  # fmt: skip
    assert time.monotonic() - start < 30
    assert [r["status"] for r in rows] == ["ok", "timeout"]
    assert "timed out" in rows[1]["error"] and rows[1]["elapsed_s"] >= 4
    assert [e["status"] for e in mobisocket.read_record(record)].count("timeout") == 1


def test_output_dir_gives_every_run_its_folder(mobisocket, tmp_path):
    rows = mobisocket.sweep(GRID, base=BASE, workers=2, output_dir=tmp_path, as_frame=False)
    for r in rows:
        assert r["status"] == "ok"
        folder = tmp_path / r["run_id"]
        assert (folder / "summary.json").is_file() and (folder / "goodput.csv").is_file()


def test_dataframe_when_pandas_is_installed(mobisocket):
    pandas = pytest.importorskip("pandas")
    frame = mobisocket.sweep({"protocol": ["tcp"]}, base=BASE, workers=1)
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame["status"]) == ["ok"] and frame.loc[0, "protocol"] == "tcp"
