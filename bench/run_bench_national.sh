#!/bin/sh
# The national road benchmark (issue 14): bench_national BENCH GEODATA OUTDIR [NODES]
# 1. writes the SYNTHETIC 15 M-node graph file once (OUTDIR/national_synthetic_<NODES>.graph;
#    the graph builder's own peak is printed by that step),
# 2. runs the national study on it in a fresh process (its peak is the run's).
# Exits 77 (skipped) when ../shared/geodata is absent.
set -eu
bench=$1 geodata=$2 out=$3 nodes=${4:-15000000}
if [ ! -d "$geodata/france" ]; then
    echo "SKIP: $geodata/france is absent (../shared not available)"
    exit 77
fi
mkdir -p "$out"
graph="$out/national_synthetic_$nodes.graph"
if [ ! -f "$graph" ]; then
    "$bench" --generate "$graph" --nodes "$nodes"
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
"$bench" --run "$graph" --geodata "$geodata" --out "$out" --threads 2
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
