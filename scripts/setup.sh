#!/bin/sh
# geoaccess set-up on Debian 12: installs the missing packages, builds, then
#   scripts/setup.sh run    runs `geoaccess run` on the embedded Hérault default
#   scripts/setup.sh test   runs the whole test suite, then again under
#                           AddressSanitizer + UndefinedBehaviorSanitizer
#   scripts/setup.sh fuzz [SECONDS]  runs every fuzz target with libFuzzer
#                           for SECONDS each (default 600; scripts/fuzz.sh)
# Idempotent: a second call installs nothing and rebuilds only what changed.
set -eu

cd "$(dirname "$0")/.."
mode=${1:-run}
case "$mode" in
    run|test|bench|fuzz) ;;
    *) echo "usage: $0 run|test|bench|fuzz" >&2; exit 2 ;;
esac

# Build and test dependencies (Debian 12 package names).
PACKAGES="build-essential pkg-config meson ninja-build
libglib2.0-dev libgeos-dev libproj-dev proj-data libshp-dev shapelib
libosmium2-dev libprotozero-dev zlib1g-dev libexpat1-dev libcairo2-dev libcmocka-dev"
# The tests render report.html in a real browser (tests/browser_report.py).
[ "$mode" = test ] && PACKAGES="$PACKAGES chromium"
# Benchmarks also run peers side by side.
[ "$mode" = bench ] && PACKAGES="$PACKAGES libigraph-dev postgresql-15-pgrouting"
# Fuzzing: clang and its libFuzzer + sanitizer runtimes.
[ "$mode" = fuzz ] && PACKAGES="$PACKAGES clang libclang-rt-14-dev"

missing=""
for p in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    echo "Installing:$missing"
    if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $missing
fi

setup() { # setup DIR [meson options...]
    dir=$1; shift
    if [ -f "$dir/build.ninja" ]; then
        meson configure "$dir" "$@" >/dev/null
    else
        meson setup "$dir" "$@"
    fi
    ninja -C "$dir"
}

case "$mode" in
run)
    setup build --buildtype=release
    ./build/engine/cli/geoaccess run
    ;;
test)
    setup build
    meson test -C build --print-errorlogs --num-processes 2
    # The same suite under the sanitizers (b_lundef=false: required by clang
    # and harmless with gcc).
    setup build-asan -Db_sanitize=address,undefined -Db_lundef=false --buildtype=debug
    ASAN_OPTIONS=detect_leaks=1 meson test -C build-asan --print-errorlogs --num-processes 2
    ;;
bench)
    setup build --buildtype=release -Dbench_peers=true
    meson test -C build --benchmark --print-errorlogs --num-processes 1
    ;;
fuzz)
    exec ./scripts/fuzz.sh all "${2:-600}"
    ;;
esac
