#!/usr/bin/env bash
# Benchmarks of issue 6: build what they need, run them, write results/bench/.
#
#   bench/run.sh                 all four benchmarks, default sizes (~20 min on 2 cores)
#   bench/run.sh overhead        only some: overhead, scaling, sweep, corridor (or all)
#   bench/run.sh --quick         smaller sizes (~1 min): 10 MB, N up to 300, 4 sweep runs
#   bench/run.sh overhead --bytes=50000000 --reps=5 --variants=tcp,mobisocket
#   bench/run.sh scaling --connections=1,10,100,1000 --scaling-reps=1 --profile=0
#   bench/run.sh sweep --sweep-seeds=1
#
# Options: --no-build (skip the build step); --no-callgrind (no instruction
# counts, no profile); overhead: --bytes=N (100 MB), --reps=N (7),
# --variants=LIST (tcp,demux,mobisocket-off,mobisocket); scaling:
# --connections=LIST (1,10,100,250,500,1000), --scaling-reps=N (3),
# --profile=N (callgrind at N connections, 200; 0: none); sweep:
# --sweep-seeds=N (2); corridor: --corridor-time=S (simTimeS, 60; --quick: 10).
#
# Environment: BUILD_DIR (default build, or MOBISOCKET_BUILD_DIR), OUT_DIR
# (default results/bench). Results: $OUT_DIR/<benchmark>/*.csv and summary.md,
# and $OUT_DIR/summary.md (all summaries); callgrind files in
# $BUILD_DIR/bench/callgrind/. Needs valgrind (apt-get install valgrind).
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_DIR=${BUILD_DIR:-${MOBISOCKET_BUILD_DIR:-build}}
OUT_DIR=${OUT_DIR:-results/bench}
PYTHON=/usr/bin/python3

usage() {
    sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
}

benchmarks=()
build=1
quick=0
bytes=""
reps=""
variants=""
connections=""
scaling_reps=""
profile=""
sweep_seeds=""
corridor_time=""
no_callgrind=0
for arg in "$@"; do
    case "$arg" in
    overhead | scaling | sweep | corridor) benchmarks+=("$arg") ;;
    all) benchmarks+=(overhead scaling sweep corridor) ;;
    --quick) quick=1 ;;
    --no-build) build=0 ;;
    --no-callgrind) no_callgrind=1 ;;
    --bytes=*) bytes=${arg#*=} ;;
    --reps=*) reps=${arg#*=} ;;
    --variants=*) variants=${arg#*=} ;;
    --connections=*) connections=${arg#*=} ;;
    --scaling-reps=*) scaling_reps=${arg#*=} ;;
    --profile=*) profile=${arg#*=} ;;
    --sweep-seeds=*) sweep_seeds=${arg#*=} ;;
    --corridor-time=*) corridor_time=${arg#*=} ;;
    -h | --help)
        usage
        exit 0
        ;;
    *)
        echo "bench/run.sh: unknown argument '$arg'" >&2
        usage >&2
        exit 2
        ;;
    esac
done
if [ ${#benchmarks[@]} -eq 0 ]; then
    benchmarks=(overhead scaling sweep corridor)
fi

# Defaults, and the --quick sizes.
if [ "$quick" -eq 1 ]; then
    : "${bytes:=10000000}" "${reps:=3}" "${variants:=tcp,mobisocket}"
    : "${connections:=1,10,100,300}" "${scaling_reps:=1}" "${profile:=0}" "${sweep_seeds:=1}"
    : "${corridor_time:=10}"
    sweep_grid='{"signalling": ["direct", "inband"], "speedMps": [15, 25]}'
else
    : "${bytes:=100000000}" "${reps:=7}" "${variants:=tcp,demux,mobisocket-off,mobisocket}"
    : "${connections:=1,10,100,250,500,1000}" "${scaling_reps:=3}" "${profile:=200}"
    : "${sweep_seeds:=2}" "${corridor_time:=60}"
    sweep_grid='{"signalling": ["direct", "proxy", "inband"], "speedMps": [15, 25]}'
fi

needs_python=0
for b in "${benchmarks[@]}"; do
    if [ "$b" = sweep ]; then
        needs_python=1
    fi
done

if [ "$build" -eq 1 ]; then
    if [ ! -f "$BUILD_DIR/CMakeCache.txt" ]; then
        cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo
    fi
    targets=(bench mobisocket-wifi-handover)
    if [ "$needs_python" -eq 1 ]; then
        targets+=(_mobisocket)
    fi
    cmake --build "$BUILD_DIR" -j "$(nproc)" --target "${targets[@]}"
fi

mkdir -p "$OUT_DIR"
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"

failed=()
for b in "${benchmarks[@]}"; do
    start=$(date +%s)
    status=0
    case "$b" in
    overhead)
        cg=()
        if [ "$no_callgrind" -eq 1 ]; then
            cg=(--no-callgrind)
        elif ! command -v valgrind >/dev/null; then
            echo "valgrind is missing: apt-get install valgrind (or bench/run.sh --no-callgrind)" >&2
            exit 1
        fi
        echo "== no-handover overhead (bytes=$bytes, reps=$reps, variants=$variants)"
        "$PYTHON" bench/no-handover-overhead.py --build-dir "$BUILD_DIR" \
            --out "$OUT_DIR/overhead" --bytes "$bytes" --reps "$reps" \
            --variants "$variants" ${cg[@]+"${cg[@]}"} || status=$?
        ;;
    scaling)
        prof=()
        what="no callgrind"
        if [ "$profile" != 0 ] && [ "$no_callgrind" -eq 0 ]; then
            prof=(--profile "$profile")
            what="callgrind at N=$profile"
        fi
        echo "== handover scaling (N=$connections, reps=$scaling_reps, $what)"
        "$PYTHON" bench/handover-scaling.py --build-dir "$BUILD_DIR" \
            --out "$OUT_DIR/scaling" --connections "$connections" --reps "$scaling_reps" \
            ${prof[@]+"${prof[@]}"} || status=$?
        ;;
    corridor)
        echo "== corridor, 4 loaded APs (simTimeS=$corridor_time)"
        "$PYTHON" bench/corridor.py --build-dir "$BUILD_DIR" --out "$OUT_DIR/corridor" \
            --sim-time "$corridor_time" || status=$?
        ;;
    sweep)
        echo "== sweep throughput (seeds=$sweep_seeds)"
        PYTHONPATH="$BUILD_DIR/python${PYTHONPATH:+:$PYTHONPATH}" "$PYTHON" \
            bench/sweep-throughput.py --build-dir "$BUILD_DIR" --out "$OUT_DIR/sweep" \
            --grid "$sweep_grid" --seeds "$sweep_seeds" || status=$?
        ;;
    esac
    echo "== $b took $(($(date +%s) - start)) s (exit status $status)"
    if [ "$status" -ne 0 ]; then
        failed+=("$b")
    fi
done

# One file with the latest summary of every benchmark.
{
    echo "# mobisocket benchmarks: latest results"
    echo
    echo "Source: commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown) of the" \
        "working tree (uncommitted changes included); build: $BUILD_DIR."
    echo
    for b in overhead scaling sweep; do
        if [ -f "$OUT_DIR/$b/summary.md" ]; then
            sed 's/^#/##/' "$OUT_DIR/$b/summary.md"
            echo
        fi
    done
} >"$OUT_DIR/summary.md"
echo "results in $OUT_DIR/ (summary: $OUT_DIR/summary.md)"
if [ ${#failed[@]} -gt 0 ]; then
    echo "FAILED: ${failed[*]}" >&2
    exit 1
fi
