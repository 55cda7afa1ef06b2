"""Python interface to mobisocket's WiFi handover scenario (ns-3).

One scenario in this process::

    import mobisocket
    result = mobisocket.run(simTimeS=6, protocol="mobisocket")
    result["survived"], result["handovers"][0]["disruption_s"]
    result["goodput"]["uplink_mbps"]          # numpy array, one value per bin

A parameter grid in worker processes, recorded so that it can be resumed::

    table = mobisocket.sweep({"protocol": ["tcp", "mobisocket"]}, seeds=5,
                             base={"simTimeS": 10}, record="runs.jsonl")

The same sweep on a Dask cluster: ``sweep(..., scheduler="tcp://host:8786")``
or ``sweep(..., client=distributed_client)``.

Parameters are the C++ ``HandoverScenario::Parameters``; their names, help
texts and defaults come from :func:`parameter_names`, :func:`parameter_help`
and :func:`defaults`. A bad name or value raises ``ValueError`` naming the
parameter.
"""

from ._mobisocket import Parameters, defaults, ns3_version, parameter_help, parameter_names
from ._scenario import make_parameters, predict, run, summarize
from ._sweep import execute_run, expand_grid, read_record, sweep

__all__ = [
    "Parameters",
    "defaults",
    "execute_run",
    "expand_grid",
    "make_parameters",
    "ns3_version",
    "parameter_help",
    "parameter_names",
    "predict",
    "read_record",
    "run",
    "summarize",
    "sweep",
]

__version__ = "0.1.0"
