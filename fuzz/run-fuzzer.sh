#!/usr/bin/env bash
# Run one libFuzzer target for a bounded time and print a one-line summary
# (what CTest and ./build.sh fuzz run; see fuzz/README.md).
#
#   run-fuzzer.sh FUZZER FUZZ_DIR RUNS_DIR SECONDS
#
# FUZZER is <build>/<name>-fuzzer, FUZZ_DIR this folder (corpus/<name>/,
# regressions/<name>/, dict/<name>.dict, options/<name>), RUNS_DIR where the
# run works: RUNS_DIR/<name>/corpus (the inputs libFuzzer adds; emptied first
# unless MOBISOCKET_FUZZ_KEEP_CORPUS=1), RUNS_DIR/<name>/artifacts (crashes,
# leaks, timeouts) and RUNS_DIR/<name>/log. The regression inputs and the
# seed corpus run first (read only), then libFuzzer mutates for SECONDS.
#
# Summary: "<name>: <executions> executions in <s> s (<n>/s), cov <seeds> ->
# <cov>, ft <ft>, corpus <inputs>/<bytes> (<k> added), crashes <k>": cov is
# libFuzzer's edge coverage after the seeds and at the end, ft its features,
# corpus its in-memory corpus at the end. Exit status 0 when the run found
# nothing, libFuzzer's otherwise (the log's tail is shown).
set -euo pipefail

fuzzer=${1:?usage: run-fuzzer.sh FUZZER FUZZ_DIR RUNS_DIR SECONDS}
fuzz_dir=${2:?}
runs_dir=${3:?}
seconds=${4:?}
name=$(basename "$fuzzer")
name=${name%-fuzzer}

work="$runs_dir/$name"
if [ "${MOBISOCKET_FUZZ_KEEP_CORPUS:-0}" != 1 ]; then
    rm -rf "$work/corpus"
fi
rm -rf "$work/artifacts"
mkdir -p "$work/corpus" "$work/artifacts"

args=(
    -max_total_time="$seconds"
    -timeout=10
    -rss_limit_mb=2048
    -print_final_stats=1
    -artifact_prefix="$work/artifacts/"
)
if [ -f "$fuzz_dir/dict/$name.dict" ]; then
    args+=(-dict="$fuzz_dir/dict/$name.dict")
fi
if [ -f "$fuzz_dir/options/$name" ]; then
    # One libFuzzer flag per line (e.g. -max_len=40).
    while read -r option; do
        case "$option" in
        '' | '#'*) ;;
        *) args+=("$option") ;;
        esac
    done <"$fuzz_dir/options/$name"
fi
inputs=("$work/corpus" "$fuzz_dir/corpus/$name")
if [ -d "$fuzz_dir/regressions/$name" ]; then
    inputs+=("$fuzz_dir/regressions/$name")
fi

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

start=$(date +%s)
set +e
"$fuzzer" "${args[@]}" "${inputs[@]}" >"$work/log" 2>&1
status=$?
set -e
elapsed=$(($(date +%s) - start))

executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log" | tail -n 1)
added=$(sed -n 's/^stat::new_units_added: *//p' "$work/log" | tail -n 1)
# The last status line with coverage: "#N DONE cov: C ft: F corp: ..." (or
# the last one before a crash).
line=$(grep -E '^#[0-9]+.*cov: [0-9]+ ft: [0-9]+' "$work/log" | tail -n 1 || true)
cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$line")
ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$line")
corp=$(sed -n 's/.* corp: \([^ ]*\).*/\1/p' <<<"$line")
# Coverage of the seeds and regression inputs alone ("INITED").
start_cov=$(sed -n 's/^#[0-9]*[[:space:]]*INITED cov: \([0-9]*\).*/\1/p' "$work/log" | head -n 1)
if [ -z "$executions" ]; then
    executions=$(sed -n 's/^#\([0-9]*\).*/\1/p' <<<"$line")
fi
crashes=$(find "$work/artifacts" -type f | wc -l)
rate=0
if [ "$elapsed" -gt 0 ] && [ -n "$executions" ]; then
    rate=$((executions / elapsed))
fi
echo "$name: ${executions:-?} executions in $elapsed s ($rate/s), cov ${start_cov:-?} -> ${cov:-?}," \
    "ft ${ft:-?}, corpus ${corp:-?} (${added:-0} added), crashes $crashes"
if [ "$status" -ne 0 ] || [ "$crashes" -ne 0 ]; then
    echo "--- $work/log (tail) ---"
    tail -n 60 "$work/log"
    for artifact in "$work"/artifacts/*; do
        [ -e "$artifact" ] && echo "saved: $artifact"
    done
    exit $((status != 0 ? status : 1))
fi
