#!/bin/sh
# Long fuzzing runs (not part of the test suite nor of CI, which only replay
# the seed corpora): builds the fuzz targets of tests/fuzz_<name>.c with
# clang and libFuzzer + AddressSanitizer + UndefinedBehaviorSanitizer in
# build-fuzz/, then runs each for SECONDS (or a million inputs, whichever
# comes first), one after the other, on a fresh working corpus copied from
# tests/fuzz_corpus/<name>/.
#   scripts/fuzz.sh TARGET|all SECONDS [libFuzzer options...]
# Targets: csv shapefile roads graph scenario decay zones osm study.
# Results: build-fuzz/runs/<name>/ (log, working corpus, crash-*/timeout-*
# inputs). A crashing input belongs in tests/fuzz_corpus/<name>/ with the fix.
set -eu
cd "$(dirname "$0")/.."
TARGETS="csv shapefile roads graph scenario decay zones osm study"
[ $# -ge 2 ] || { echo "usage: $0 TARGET|all SECONDS [libFuzzer options...]" >&2; exit 2; }
which=$1; seconds=$2; shift 2
[ "$which" = all ] && which=$TARGETS

if ! [ -f build-fuzz/build.ninja ]; then
    CC=clang CXX=clang++ meson setup build-fuzz -Dfuzzing=true -Db_sanitize=address,undefined \
        -Db_lundef=false --buildtype=debugoptimized
fi
for t in $which; do
    case " $TARGETS " in *" $t "*) ;; *) echo "unknown target $t ($TARGETS)" >&2; exit 2 ;; esac
    ninja -C build-fuzz -j2 "tests/fuzz_$t"
done

status=0
for t in $which; do
    run=build-fuzz/runs/$t
    rm -rf "$run"
    mkdir -p "$run/corpus"
    cp tests/fuzz_corpus/"$t"/* "$run/corpus/"
    echo "== fuzz_$t: $seconds s" >&2
    # halt_on_error: a UBSan report is a finding like a crash. -timeout=60:
    # PROJ looks a garbled CRS name up in its database, which takes a second
    # in a release build but over 10 s under ASan on a loaded machine.
    if ! (cd "$run" && UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
          ASAN_OPTIONS=detect_leaks=1 \
          LSAN_OPTIONS=suppressions="$PWD/../../../tests/lsan.supp" \
          "../../tests/fuzz_$t" -max_total_time="$seconds" -runs=1000000 -timeout=60 \
          -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 "$@" corpus \
          >log.txt 2>&1); then
        status=1
        echo "fuzz_$t: FAILED, see $run/log.txt" >&2
    fi
    tail -n 14 "$run/log.txt" | grep -E "stat::|DONE|Done|ERROR|SUMMARY" >&2 || true
done
exit $status
