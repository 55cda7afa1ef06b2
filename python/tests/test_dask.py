"""mobisocket.sweep() on a Dask cluster gives what it gives on this machine."""

from __future__ import annotations

import pytest

from conftest import assert_same_rows

distributed = pytest.importorskip("distributed")

# Debian's tornado 6.2 warns when distributed starts its event loop; not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore:make_current is deprecated:DeprecationWarning")

BASE = {"simTimeS": 6}  # one handover at ~3.7 s
GRID = {"protocol": ["tcp", "mobisocket"]}


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as c:
        yield c


def test_dask_equals_local(mobisocket, cluster, tmp_path):
    local = mobisocket.sweep(GRID, seeds=2, workers=2, base=BASE, as_frame=False)
    assert all(r["status"] == "ok" for r in local)
    assert {r["handovers"] for r in local} == {1}

    with distributed.Client(cluster) as client:
        on_client = mobisocket.sweep(
            GRID, seeds=2, base=BASE, client=client, record=tmp_path / "dask.jsonl", as_frame=False
        )
    assert_same_rows(on_client, local)
    assert len(mobisocket.read_record(tmp_path / "dask.jsonl")) == 4

    by_address = mobisocket.sweep(
        GRID, seeds=2, base=BASE, scheduler=cluster.scheduler_address, as_frame=False
    )
    assert_same_rows(by_address, local)


def test_dask_crash_is_recorded_failed(mobisocket, cluster, doomed_output_dir):
    rows = mobisocket.sweep(
        {"outputDir": ["", doomed_output_dir]},
        base={"simTimeS": 2},
        scheduler=cluster.scheduler_address,
        as_frame=False,
    )
    assert [r["status"] for r in rows] == ["ok", "failed"]
    assert "SIGABRT" in rows[1]["error"] and "cannot write" in rows[1]["error"]
