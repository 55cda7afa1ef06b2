"""Parameter sweeps: every run in its own process, recorded, resumable, local or on Dask.

Each run is one ``python3 -m mobisocket._worker`` process (one ns-3 simulator
per process), so an ns-3 abort or a hang costs that run only. Locally a pool
of threads only waits on those processes, ``workers`` at a time; on Dask each
task starts the same process on its worker. Every finished run is appended to
a JSON-lines record; a later sweep with the same record skips the runs
recorded ``ok``.
"""

from __future__ import annotations

import concurrent.futures
import datetime
import hashlib
import itertools
import json
import math
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, Mapping, Optional, Sequence, Union

from ._scenario import make_parameters

#: Where the ``mobisocket`` package lives, for the worker processes' PYTHONPATH.
_PACKAGE_PARENT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

#: Statuses of a recorded run.
OK, FAILED, TIMEOUT = "ok", "failed", "timeout"

Grid = Union[Mapping[str, Any], Sequence[Mapping[str, Any]], None]


# ---------------------------------------------------------------------------------------------
# JSON helpers


def _plain(value: Any) -> Any:
    """A numpy scalar or path as the plain Python value it holds."""
    if hasattr(value, "dtype") and hasattr(value, "item"):
        return value.item()
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    return value


def to_json(value: Any) -> Any:
    """Make a value JSON-safe: NaN and infinities -> None, numpy -> lists and scalars."""
    if isinstance(value, Mapping):
        return {str(k): to_json(v) for k, v in value.items()}
    if hasattr(value, "tolist"):  # numpy arrays and scalars
        return to_json(value.tolist())
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _summary_from_json(summary: Mapping[str, Any]) -> dict:
    """A recorded summary with its nulls (NaN when written) back as NaN."""
    return {k: (math.nan if v is None else v) for k, v in summary.items()}


# ---------------------------------------------------------------------------------------------
# The runs of a sweep


def _values(name: str, value: Any) -> list:
    """The values of one grid axis: a scalar (strings included) is one value."""
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        return [_plain(value)]
    values = [_plain(v) for v in value]
    if not values:
        raise ValueError(f"grid parameter '{name}' has no values")
    return values


def _seed_list(seeds: Union[int, Iterable[int]]) -> list[int]:
    if isinstance(seeds, bool):
        raise ValueError("seeds must be a count or a list of RngRun values")
    if isinstance(seeds, int) or (hasattr(seeds, "dtype") and not hasattr(seeds, "__len__")):
        n = int(seeds)
        if n < 1:
            raise ValueError(f"seeds must be at least 1 (got {n})")
        return list(range(1, n + 1))
    out = [int(_plain(s)) for s in seeds]
    if not out or any(s < 1 for s in out):
        raise ValueError(f"seeds must be RngRun values >= 1 (got {out})")
    return out


def expand_grid(
    grid: Grid = None,
    seeds: Union[int, Iterable[int]] = 1,
    base: Optional[Mapping[str, Any]] = None,
) -> list[dict]:
    """Every run of a sweep, in order.

    Args:
        grid: name -> list of values (their cartesian product, first name
            outermost; a scalar is a single value), or a list of dicts (the
            points themselves), or None (one point: ``base``).
        seeds: a count n (``RngRun`` 1..n) or a list of ``RngRun`` values;
            the innermost loop.
        base: parameters common to every run, overridden by the grid.

    Returns:
        One dict per run: base, then the grid point, then ``RngRun``.

    Raises:
        ValueError: ``RngRun`` is given in the grid or base, or an axis is empty.
    """
    base = {k: _plain(v) for k, v in (base or {}).items()}
    if grid is None:
        points: list[dict] = [{}]
    elif isinstance(grid, Mapping):
        names = list(grid)
        axes = [_values(n, grid[n]) for n in names]
        points = [dict(zip(names, combo)) for combo in itertools.product(*axes)]
    else:
        points = [{k: _plain(v) for k, v in point.items()} for point in grid]
    for point in [base, *points]:
        if "RngRun" in point:
            raise ValueError("parameter 'RngRun' is set by sweep(seeds=...), not by grid or base")
    return [{**base, **point, "RngRun": s} for point in points for s in _seed_list(seeds)]


@dataclass
class _Planned:
    """One distinct run: its full parameters, identity and record id."""

    parameters: dict  # every parameter, typed
    key: str  # canonical JSON of parameters: the run's identity in the record
    run_id: str  # short hash of key (before sweep(output_dir=...) set outputDir)


def _key(parameters: Mapping[str, Any]) -> str:
    return json.dumps(parameters, sort_keys=True)


def _run_id(key: str) -> str:
    return hashlib.sha1(key.encode()).hexdigest()[:12]


def _plan(given: Mapping[str, Any], output_dir: Optional[str], stop_early: bool) -> _Planned:
    """Validate one run's parameters and give it its identity.

    With ``stop_early``, a run that does not set ``stopEarly`` gets
    ``stopEarly=True`` if its parameters allow it (a walk, no interface
    handover: Validate() decides, so the rule lives in one place).
    """
    try:
        parameters = make_parameters(given).to_dict()
    except ValueError as error:
        raise ValueError(f"{error} [run {given}]") from None
    if stop_early and "stopEarly" not in given:
        try:
            parameters = make_parameters(parameters, stopEarly=True).to_dict()
        except ValueError:
            pass  # no walk to wait for: the run keeps its full simTimeS
    run_id = _run_id(_key(parameters))
    if output_dir is not None:
        if parameters["outputDir"]:
            raise ValueError("parameter 'outputDir' cannot be combined with sweep(output_dir=...)")
        parameters["outputDir"] = os.path.join(os.fspath(output_dir), run_id)
    return _Planned(parameters, _key(parameters), run_id)


# ---------------------------------------------------------------------------------------------
# One run in a worker process


class _ProcessSet:
    """The worker processes of one local sweep, to kill them if it is interrupted."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._processes: set[subprocess.Popen] = set()
        self._closed = False

    def add(self, process: subprocess.Popen) -> None:
        with self._lock:
            self._processes.add(process)
            closed = self._closed
        if closed:
            process.kill()

    def discard(self, process: subprocess.Popen) -> None:
        with self._lock:
            self._processes.discard(process)

    def kill_all(self) -> None:
        with self._lock:
            self._closed = True
            processes = list(self._processes)
        for process in processes:
            try:
                process.kill()
            except OSError:
                pass


def _tail(text: str, lines: int = 20, chars: int = 3000) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])[-chars:]


def execute_run(
    parameters: Mapping[str, Any],
    timeout: Optional[float] = None,
    _processes: Optional[_ProcessSet] = None,
) -> dict:
    """Run one scenario in a new ``python3 -m mobisocket._worker`` process.

    This is the function a sweep runs per run, in a local thread or as a Dask
    task; it never raises for a failed run.

    Args:
        parameters: the run's parameters (name -> value).
        timeout: seconds before the process is killed (None: no limit).

    Returns:
        ``{"status": "ok"|"failed"|"timeout", "elapsed_s", "error", "summary",
        "host", "finished"}``; ``summary`` (JSON form: NaN as None) only when ok.
    """
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (_PACKAGE_PARENT, env.get("PYTHONPATH", "")) if p
    )
    env["MOBISOCKET_SWEEP_PARENT"] = str(os.getpid())
    request = json.dumps({"params": to_json(dict(parameters))})
    status, error, summary = FAILED, "", None
    start = time.monotonic()
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "mobisocket._worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
    except OSError as e:
        error = f"cannot start the worker: {e}"
    else:
        if _processes is not None:
            _processes.add(process)
        try:
            try:
                out, err = process.communicate(request, timeout=timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                out, err = process.communicate()
                status, error = TIMEOUT, f"timed out after {timeout} s"
            else:
                rc = process.returncode
                if rc == 0:
                    try:
                        summary = json.loads(out)["summary"]
                        status = OK
                    except (ValueError, KeyError, TypeError):
                        error = "the worker gave no result"
                elif rc < 0:
                    try:
                        name = signal.Signals(-rc).name
                    except ValueError:
                        name = f"signal {-rc}"
                    error = f"killed by {name}"
                else:
                    error = f"exit status {rc}"
            if status != OK:
                error = f"{error}\n{_tail(err)}".strip()
        finally:
            if _processes is not None:
                _processes.discard(process)
    return _outcome(status, time.monotonic() - start, error, summary, socket.gethostname())


def _outcome(status: str, elapsed_s: float, error: str, summary: Optional[dict], host: str) -> dict:
    """What execute_run returns (and a failed Dask task stands in for), stamped now."""
    return {
        "status": status,
        "elapsed_s": elapsed_s,
        "error": error,
        "summary": summary,
        "host": host,
        "finished": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
    }


# ---------------------------------------------------------------------------------------------
# Executors: yield (planned run, outcome) as runs finish


def _run_local(
    todo: list[_Planned], workers: int, timeout: Optional[float]
) -> Iterator[tuple[_Planned, dict]]:
    processes = _ProcessSet()
    pool = concurrent.futures.ThreadPoolExecutor(
        max_workers=workers, thread_name_prefix="mobisocket-sweep"
    )
    try:
        futures = {pool.submit(execute_run, p.parameters, timeout, processes): p for p in todo}
        for future in concurrent.futures.as_completed(futures):
            yield futures[future], future.result()
    finally:
        # Interrupted (or done): start nothing more, kill what runs, then wait for the threads.
        pool.shutdown(wait=False, cancel_futures=True)
        processes.kill_all()
        pool.shutdown(wait=True)


def _run_dask(
    todo: list[_Planned], timeout: Optional[float], client: Any, scheduler: Optional[str]
) -> Iterator[tuple[_Planned, dict]]:
    import distributed  # python3-distributed; only needed here

    own = None
    if client is None:
        own = client = distributed.Client(scheduler)
    futures = []
    try:
        by_key = {}
        tag = uuid.uuid4().hex[:8]
        for p in todo:
            future = client.submit(
                execute_run, p.parameters, timeout, key=f"mobisocket-run-{p.run_id}-{tag}"
            )
            by_key[future.key] = p
            futures.append(future)
        for future in distributed.as_completed(futures):
            planned = by_key[future.key]
            try:
                outcome = future.result()
            except Exception as e:  # the task itself failed (e.g. its worker died)
                outcome = _outcome(FAILED, math.nan, f"Dask task failed: {e!r}", None, "")
            yield planned, outcome
    finally:
        pending = [f for f in futures if not f.done()]
        if pending:
            client.cancel(pending)
        if own is not None:
            own.close()


# ---------------------------------------------------------------------------------------------
# The record


def read_record(path: Union[str, os.PathLike]) -> list[dict]:
    """Every run in a sweep record (JSON lines), in the order written.

    Lines that do not parse (e.g. cut short when a sweep was killed) are skipped.
    """
    runs = []
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                try:
                    entry = json.loads(line)
                except ValueError:
                    continue
                if isinstance(entry, dict) and isinstance(entry.get("parameters"), dict):
                    runs.append(entry)
    except FileNotFoundError:
        pass
    return runs


class _Record:
    """Appends finished runs to the record file, one JSON line each, flushed to disk."""

    def __init__(self, path: Optional[Union[str, os.PathLike]]) -> None:
        self._file = None
        if path is not None:
            directory = os.path.dirname(os.fspath(path))
            if directory:
                os.makedirs(directory, exist_ok=True)
            self._file = open(path, "a", encoding="utf-8")
            # A line cut short by an earlier kill must not swallow the next one.
            if self._file.tell() > 0:
                with open(path, "rb") as f:
                    f.seek(-1, os.SEEK_END)
                    if f.read(1) != b"\n":
                        self._file.write("\n")

    def write(self, entry: dict) -> None:
        if self._file is None:
            return
        self._file.write(json.dumps(to_json(entry)) + "\n")
        self._file.flush()
        os.fsync(self._file.fileno())

    def close(self) -> None:
        if self._file is not None:
            self._file.close()


# ---------------------------------------------------------------------------------------------
# sweep()


def sweep(
    grid: Grid = None,
    seeds: Union[int, Iterable[int]] = 1,
    workers: Optional[int] = None,
    record: Optional[Union[str, os.PathLike]] = None,
    timeout: Optional[float] = None,
    scheduler: Optional[str] = None,
    client: Any = None,
    base: Optional[Mapping[str, Any]] = None,
    output_dir: Optional[Union[str, os.PathLike]] = None,
    as_frame: Optional[bool] = None,
    on_result: Optional[Callable[[dict], None]] = None,
    stop_early: bool = True,
):
    """Run a parameter grid, every run in its own process, and tabulate the results.

    Args:
        grid: name -> list of values (cartesian product), or a list of dicts
            (explicit points); see :func:`expand_grid`.
        seeds: a count n (``RngRun`` 1..n, the innermost loop) or a list of
            ``RngRun`` values.
        workers: runs at a time on this machine (default ``os.cpu_count()``);
            ignored on Dask, where each worker thread takes one run.
        record: a JSON-lines file; every finished run is appended (parameters,
            ``RngRun``, status ``ok``/``failed``/``timeout``, elapsed time,
            error text, summary). Runs already recorded ``ok`` with the same
            parameters are not run again: an interrupted sweep resumes.
        timeout: seconds per run; a run still going is killed and recorded
            ``timeout``.
        scheduler: address of a Dask scheduler (``"tcp://host:8786"``): run
            the tasks there (each task still runs the scenario in a process).
        client: a ``distributed.Client`` to use instead of ``scheduler``.
        base: parameters shared by every run (the grid overrides them).
        output_dir: if given, every run writes its files (timeline.csv,
            goodput.csv, ...) into ``output_dir/<run_id>/``.
        as_frame: return a pandas DataFrame (True), a list of dicts (False),
            or a DataFrame when pandas is installed (None).
        on_result: called in this process with each row as its run finishes
            (an exception raised there interrupts the sweep).
        stop_early: runs that do not set ``stopEarly`` themselves end once
            every handover resumed and ``settleS`` passed (where the run has
            a walk); totals over the run (bytes, retransmissions) then cover
            that shorter time (``end_s`` in the row). False: every run
            lasts ``simTimeS``.

    Returns:
        One row per run, in grid order: the given parameters (base, grid
        point, ``RngRun``), ``run_id``, ``status``, ``elapsed_s``, ``error``
        and, for ok runs, the summary (:func:`mobisocket.summarize`). Runs
        that appear twice in the grid run once.

    Raises:
        ValueError: a bad parameter name or value in the grid or base (all
            runs are checked before any starts).
    """
    if workers is None:
        workers = os.cpu_count() or 1
    if workers < 1:
        raise ValueError(f"workers must be at least 1 (got {workers})")
    if as_frame:
        import importlib

        importlib.import_module("pandas")  # fail early if it was asked for and is missing

    runs = expand_grid(grid, seeds, base)
    planned = [_plan(given, output_dir, stop_early) for given in runs]

    outcomes: dict[str, dict] = {}
    if record is not None:
        for entry in read_record(record):
            if entry.get("status") == OK:
                outcomes[_key(entry["parameters"])] = entry
    todo, seen = [], set()
    for p in planned:
        if p.key not in outcomes and p.key not in seen:
            seen.add(p.key)
            todo.append(p)

    given_by_key = {p.key: given for p, given in zip(planned, runs)}
    writer = _Record(record)
    try:
        if todo:
            if client is not None or scheduler is not None:
                finished = _run_dask(todo, timeout, client, scheduler)
            else:
                finished = _run_local(todo, min(workers, len(todo)), timeout)
            try:
                for p, outcome in finished:
                    entry = {
                        "run_id": p.run_id,
                        "params": given_by_key[p.key],
                        "RngRun": p.parameters["RngRun"],
                        **outcome,
                        "parameters": p.parameters,
                    }
                    writer.write(entry)
                    outcomes[p.key] = entry
                    if on_result is not None:
                        on_result(_row(given_by_key[p.key], p, entry))
            finally:
                finished.close()
    finally:
        writer.close()

    rows = [_row(given, p, outcomes[p.key]) for given, p in zip(runs, planned)]
    return _table(rows, as_frame)


def _row(given: Mapping[str, Any], planned: _Planned, entry: Mapping[str, Any]) -> dict:
    row = dict(given)
    row["run_id"] = planned.run_id
    row["status"] = entry["status"]
    elapsed = entry.get("elapsed_s")
    row["elapsed_s"] = math.nan if elapsed is None else elapsed
    row["error"] = entry.get("error", "")
    if entry["status"] == OK and entry.get("summary"):
        row.update(_summary_from_json(entry["summary"]))
    return row


def _table(rows: list[dict], as_frame: Optional[bool]):
    if as_frame is False:
        return rows
    try:
        import pandas
    except ImportError:
        if as_frame:
            raise
        return rows
    return pandas.DataFrame(rows)
