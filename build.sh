#!/usr/bin/env bash
# Set-up, build and run for mobisocket on Debian 12.
#
#   ./build.sh main    install what is missing, build, run the main job: one WiFi
#                      handover (results/wifi-handover) and the baselines experiment
#                      (results/baselines: table, CSV, figures)
#   ./build.sh test    install what is missing, build, run every test (CTest), then
#                      the fuzz targets for a bounded time (fuzz/, built with clang
#                      into "$BUILD_DIR-fuzz", its own CTest: see fuzz/README.md)
#   ./build.sh fuzz [SECONDS]
#                      run every fuzz target for SECONDS (default 600) each, as many
#                      at once as there are cores (or $MOBISOCKET_FUZZ_JOBS); print
#                      executions, coverage and crashes per target
#   ./build.sh sanitize [fast]
#                      build with AddressSanitizer and UndefinedBehaviorSanitizer
#                      (into "$BUILD_DIR-sanitize") and run every C++ test suite and
#                      the two handover examples under them; "fast": only the
#                      suites CI runs
#   ./build.sh experiment NAME|all [--quick|--full] [--seeds N] [--workers N]
#                      run experiments of the paper's evaluation (results/NAME)
#   ./build.sh in-tree VERSION
#                      the module inside an ns-3 source tree (VERSION 3.48 or 3.37),
#                      as an ns-3 user builds it: unpack the release once into
#                      $MOBISOCKET_CACHE (default ~/.cache/mobisocket), link this folder
#                      as contrib/mobisocket, ./ns3 configure + build, run the module's
#                      test suites with ./test.py, its examples, and the Python tests
#   ./build.sh deps    only install the Debian packages
#   ./build.sh build   only configure and build (into build/)
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(
    build-essential cmake pkg-config
    libns3-dev ns3 libgsl-dev
    libsodium-dev libosip2-dev
    libboost-test-dev
    pybind11-dev python3-dev python3-numpy python3-pytest python3-distributed
    gnuplot-nox valgrind tshark
    clang libclang-rt-14-dev
)
BUILD_DIR=${MOBISOCKET_BUILD_DIR:-build}
# The fuzz targets' own build folder: a separate CMake project compiled with
# clang, which cannot share the main build's cache (GCC); next to it, not
# inside it, so that either can be wiped alone (/build*/ is ignored by git).
FUZZ_BUILD_DIR=$BUILD_DIR-fuzz
# The ASan + UBSan build (MOBISOCKET_SANITIZE), likewise its own folder.
SANITIZE_BUILD_DIR=$BUILD_DIR-sanitize
# The C++ suites short enough to run under the sanitizers in every CI run
# (./build.sh sanitize fast); the scenario suites run in ./build.sh sanitize.
SANITIZE_FAST_SUITES='^(control-message|change-exchange|mobi-socket-api|ordering-rule|sip|tcp-r|tcp-migrate|dns-rendezvous|redirect-daemon|jitter-channel|dhcp-client|wired-handover|ipv6|slaac-client|many-hosts)-test$'

deps() {
    local missing=()
    for p in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
            missing+=("$p")
    done
    if [ ${#missing[@]} -eq 0 ]; then
        return
    fi
    echo "Installing: ${missing[*]}"
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        sudo=(sudo)
    fi
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
        "${missing[@]}"
}

build() {
    cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo
    cmake --build "$BUILD_DIR" -j "$(nproc)"
}

main_job() {
    mkdir -p results/wifi-handover
    "$BUILD_DIR"/examples/mobisocket-wifi-handover --outputDir=results/wifi-handover |
        tee results/wifi-handover/timeline.txt
    experiment baselines
}

# Experiments run on Debian's interpreter with the package built into the build tree.
experiment() {
    PYTHONPATH="$BUILD_DIR/python" /usr/bin/python3 -m mobisocket.experiments run "$@"
}

run_tests() {
    ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$(nproc)"
}

fuzz_build() {
    cmake -S fuzz -B "$FUZZ_BUILD_DIR" -DCMAKE_CXX_COMPILER=clang++
    cmake --build "$FUZZ_BUILD_DIR" -j "$(nproc)"
}

# The fuzz targets under CTest: the regression inputs and seed corpus of each,
# then MOBISOCKET_FUZZ_SECONDS (20) of fuzzing (fuzz/README.md).
fuzz() {
    fuzz_build
    ctest --test-dir "$FUZZ_BUILD_DIR" --output-on-failure -j "$(nproc)"
}

# A long run of every fuzz target, nproc at a time; each keeps its working
# corpus in $FUZZ_BUILD_DIR/long-runs/<target>/ from one long run to the next.
fuzz_long() {
    local seconds=${1:-600}
    if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -eq 0 ]; then
        echo "fuzz: SECONDS must be a positive number, not '$seconds'" >&2
        exit 2
    fi
    fuzz_build
    local runs="$FUZZ_BUILD_DIR/long-runs" jobs running=0 failed=0 target fuzzer
    local targets=()
    jobs=${MOBISOCKET_FUZZ_JOBS:-$(nproc)}
    for fuzzer in "$FUZZ_BUILD_DIR"/*-fuzzer; do
        target=$(basename "$fuzzer")
        targets+=("${target%-fuzzer}")
    done
    mkdir -p "$runs"
    echo "Fuzzing ${#targets[@]} targets for $seconds s each, $jobs at a time (in $runs)"
    for target in "${targets[@]}"; do
        if [ "$running" -ge "$jobs" ]; then
            wait -n
            running=$((running - 1))
        fi
        (
            status=0
            MOBISOCKET_FUZZ_KEEP_CORPUS=1 fuzz/run-fuzzer.sh "$FUZZ_BUILD_DIR/$target-fuzzer" \
                fuzz "$runs" "$seconds" >"$runs/$target.summary" 2>&1 || status=$?
            echo "$status" >"$runs/$target.status"
        ) &
        running=$((running + 1))
    done
    wait
    for target in "${targets[@]}"; do
        if [ "$(cat "$runs/$target.status")" = 0 ]; then
            head -n 1 "$runs/$target.summary"
        else
            failed=$((failed + 1))
            cat "$runs/$target.summary"
        fi
    done
    if [ "$failed" -ne 0 ]; then
        echo "$failed target(s) crashed: reproduce with <build>/<target>-fuzzer <artifact>," \
            "keep the input in fuzz/regressions/<target>/ (fuzz/README.md)" >&2
        exit 1
    fi
}

# The module, its tests and examples built with ASan and UBSan, then run:
# any report fails the command (halt_on_error). Leak checking is on.
sanitize() {
    local scope=${1:-all}
    case "$scope" in
    all | fast) ;;
    *)
        echo "sanitize: 'fast' or nothing, not '$scope'" >&2
        exit 2
        ;;
    esac
    cmake -S . -B "$SANITIZE_BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DMOBISOCKET_SANITIZE=ON -DMOBISOCKET_PYTHON=OFF
    cmake --build "$SANITIZE_BUILD_DIR" -j "$(nproc)"
    export ASAN_OPTIONS=halt_on_error=1:detect_leaks=1:abort_on_error=0
    export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
    local started=$SECONDS
    if [ "$scope" = fast ]; then
        ctest --test-dir "$SANITIZE_BUILD_DIR" --output-on-failure -j "$(nproc)" \
            -R "$SANITIZE_FAST_SUITES"
    else
        ctest --test-dir "$SANITIZE_BUILD_DIR" --output-on-failure -j "$(nproc)"
        local example
        for example in mobisocket-wifi-handover mobisocket-wired-handover; do
            echo "sanitize: $example (no arguments)"
            "$SANITIZE_BUILD_DIR/examples/$example" >/dev/null
        done
    fi
    echo "sanitize ($scope): clean in $((SECONDS - started)) s"
}

# Where the ns-3 release tarballs are: $MOBISOCKET_NS3_TARBALLS, else
# ../shared/ns-3 next to this folder or next to the repository it was cloned from.
ns3_tarballs() {
    local origin
    origin=$(git config --get remote.origin.url 2>/dev/null || true)
    for dir in "${MOBISOCKET_NS3_TARBALLS:-}" "$(pwd)/../shared/ns-3" \
        ${origin:+"$origin/../shared/ns-3"}; do
        if [ -n "$dir" ] && [ -d "$dir" ]; then
            echo "$dir"
            return
        fi
    done
    echo "no ns-3 tarballs found: set MOBISOCKET_NS3_TARBALLS" >&2
    exit 2
}
CACHE=${MOBISOCKET_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mobisocket}

# The release's tree in the cache, unpacked on first use.
ns3_tree() {
    local version=$1 tree="$CACHE/ns-$1"
    if [ ! -x "$tree/ns3" ]; then
        local tarball
        tarball="$(ns3_tarballs)/ns-$version.tar.xz"
        [ -f "$tarball" ] || {
            echo "no $tarball (set MOBISOCKET_NS3_TARBALLS)" >&2
            exit 2
        }
        mkdir -p "$CACHE"
        rm -rf "$tree.partial" && mkdir "$tree.partial"
        tar -xJf "$tarball" -C "$tree.partial" --strip-components=1
        mv "$tree.partial" "$tree"
    fi
    echo "$tree"
}

in_tree() {
    local version=${1:?usage: ./build.sh in-tree 3.48|3.37}
    case "$version" in
    3.48 | 3.37) ;;
    *)
        echo "in-tree: 3.48 or 3.37 (ns-3.35 uses waf: see the module documentation)" >&2
        exit 2
        ;;
    esac
    local tree here
    tree=$(ns3_tree "$version")
    here=$(pwd)
    # Another checkout's objects may be newer than this one's sources (make
    # and ninja compare times): when the link moves, rebuild the module.
    if [ "$(readlink "$tree/contrib/mobisocket" || true)" != "$here" ]; then
        rm -rf "$tree/cmake-cache/contrib/mobisocket" "$tree/build/contrib/mobisocket" \
            "$tree"/build/lib/libns"$version"-mobisocket*
    fi
    ln -sfn "$here" "$tree/contrib/mobisocket"
    (
        cd "$tree"
        # ./ns3 sets CLICOLOR=1, and ns-3's CMake then adds -fdiagnostics-color
        # to every compile command; a CMake re-run without it (cmake --build
        # re-configures when a file list changes) drops the flag and rebuilds
        # all of ns-3. The same value everywhere keeps the cached tree valid.
        export CLICOLOR=1
        # Only the modules this one needs, and only its examples and tests.
        # ns-3's own -Werror is off: GCC 12 stops ns-3.48's wifi module with a
        # false -Warray-bounds (../shared/ns-3/README.md).
        # ns-3.37's own test library (src/test) builds ns3tcp suites that use
        # CsmaHelper whenever applications and point-to-point are enabled, but
        # does not check for csma: without it the test runner does not link.
        local modules=mobisocket
        [ "$version" = 3.37 ] && modules="mobisocket;csma"
        ./ns3 configure -d release --enable-examples --enable-tests \
            --enable-modules="$modules" --filter-module-examples-and-tests=mobisocket \
            --disable-werror
        # What ./ns3 build runs, with every core (ns3 caps its jobs at one
        # fewer than the cores: 1 of 2).
        cmake --build cmake-cache -j "$(nproc)"
        ./test.py --no-build --suite='mobisocket-*'
        ./test.py --no-build --example=mobisocket-wired-handover
        ./test.py --no-build --example=mobisocket-wifi-handover
        ./ns3 run --no-build 'mobisocket-wired-handover --protocol=tcp-r'
        /usr/bin/python3 "$here/test/wireshark-dissector-test.py" \
            "build/contrib/mobisocket/examples/ns$version-mobisocket-wifi-handover" \
            "$here/tools/wireshark/mobisocket.lua"
        PYTHONPATH="$tree/cmake-cache/python" PYTHONDONTWRITEBYTECODE=1 \
            /usr/bin/python3 -m pytest -q -p no:cacheprovider "$here/python/tests"
    )
}

case "${1:-}" in
deps) deps ;;
build) deps && build ;;
main) deps && build && main_job ;;
test) deps && build && run_tests && fuzz ;;
fuzz) deps && fuzz_long "${2:-600}" ;;
sanitize) deps && sanitize "${2:-}" ;;
in-tree) deps && in_tree "${2:-}" ;;
experiment)
    shift
    deps && build && experiment "$@"
    ;;
*)
    sed -n '2,23p' "$0"
    exit 2
    ;;
esac
