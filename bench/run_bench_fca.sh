#!/bin/sh
# Generates the SYNTHETIC commune table into DIR when it is not there yet
# (so that a plain build never spends time on it), then runs bench_fca.
# Usage: run_bench_fca.sh BENCH_FCA GENERATOR DIR REPEATS
set -eu
bench=$1 gen=$2 dir=$3 repeats=$4
[ -s "$dir/synthetic_communes_matrix.csv" ] || python3 "$gen" "$dir"
exec "$bench" "$dir" "$repeats"
