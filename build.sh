#!/usr/bin/env bash
# Set-up, build and run for mobisocket on Debian 12.
#
#   ./build.sh main    install what is missing, build, run the main job: one WiFi
#                      handover (results/wifi-handover) and the baselines experiment
#                      (results/baselines: table, CSV, figures)
#   ./build.sh test    install what is missing, build, run every test (CTest)
#   ./build.sh experiment NAME|all [--quick|--full] [--seeds N] [--workers N]
#                      run experiments of the paper's evaluation (results/NAME)
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
    gnuplot-nox valgrind
)
BUILD_DIR=${MOBISOCKET_BUILD_DIR:-build}

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

case "${1:-}" in
deps) deps ;;
build) deps && build ;;
main) deps && build && main_job ;;
test) deps && build && run_tests ;;
experiment)
    shift
    deps && build && experiment "$@"
    ;;
*)
    sed -n '2,12p' "$0"
    exit 2
    ;;
esac
