#!/bin/sh
# Runs every command of the engine on the embedded default (and the graph
# commands on a test fixture) with BIN, writing each command's files and its
# standard output and error under DIR: the outputs two builds must share
# byte for byte after a refactoring.
#
#   scripts/command_outputs.sh BIN DIR
#   scripts/compare_commits.sh BASE [HEAD]   builds both and diffs the two DIRs
#
# Run from the repository's root (the paths below are relative to it). The
# manifests (.geoaccess-*.manifest) carry the engine's version and the
# command line: compare_commits.sh leaves them out of the diff.
set -u
if [ $# -ne 2 ]; then echo "usage: $0 BIN DIR" >&2; exit 2; fi
bin=$1
out=$2
rm -rf "$out"
mkdir -p "$out"
H=geodata/herault
C=$H/communes_cog2023/communes_34_cog2023.shp
POP=$H/population/population_34_cog2023_from_drees_apl.csv
FINESS=$H/hospitals_finess2020/hospitals_34_eurostat_finess2020.csv
# the embedded data of this tree, whichever tree the binary was built from
GEOACCESS_DATA=$(pwd)/geodata
export GEOACCESS_DATA

# one: NAME ARGS... runs BIN ARGS with --out DIR/NAME when the args hold @OUT@
one() {
    name=$1; shift
    args=""
    for a in "$@"; do
        case "$a" in
            @OUT@) a="$out/$name" ;;
            @OUT@/*) a="$out/$name/${a#@OUT@/}" ;;
        esac
        args="$args '$a'"
    done
    mkdir -p "$out/$name"
    eval "\"$bin\" $args" > "$out/$name.stdout.raw" 2> "$out/$name.stderr"
    echo "exit $?" >> "$out/$name.stdout.raw"
    # stage timings ("read 0.046 s") change from run to run
    sed -E 's/[0-9]+\.[0-9]+ s\b/T s/g' "$out/$name.stdout.raw" > "$out/$name.stdout"
    rm -f "$out/$name.stdout.raw"
}

one run run --out @OUT@
one run_acts run --acts-per-gp 4000 --out @OUT@
one nearest nearest --out @OUT@
one nearest_types nearest --types urg,mat --out @OUT@
one coverage coverage --types urg,mat --thresholds 20,30 --out @OUT@
one zones zones --rule "urgences: time to urg > 30" --rule "desert: apl < 2.5 and time to gp > 10" --out @OUT@
one scenario scenario $H/scenarios/plaissan_centre_sante.ini --threshold 10 --out @OUT@
one vulnerability vulnerability --type gp --threshold 10 --out @OUT@
one zones_sensitivity zones --rule "urgences: time to urg > 30" --rule "desert: apl < 2.5 and time to gp > 10" \
    --sensitivity --out @OUT@
one catchment catchment --types urg,mat --thresholds 20,30 --type-thresholds mat=45 --by-area --out @OUT@
one catchment_radius catchment --types msp --radius-km 5 --out @OUT@
one apl apl --communes $C --demand $POP --id-col insee_code --std-col pop_standardisee_mg_2021 \
    --pop-col population_totale_2021 --practitioners $H/bpe2019/gp_by_commune_34_bpe2019.csv \
    --commune-col insee_code --fte-col gp_count --out @OUT@
one od od --origins $C --destinations $FINESS --id-col finess_et --max-cost 20 --out @OUT@/od.csv
one od_times od --origins $C --destinations $C --max-cost 30 --out @OUT@/times.csv
one fca fca --matrix "$out/od_times/times.csv" --id-col insee_code --demand $POP \
    --demand-col pop_standardisee_mg_2021 --supply $H/bpe2019/gp_by_commune_34_bpe2019.csv \
    --supply-col gp_count --method e2sfca --decay steps:10=1,15=0.6667,20=0.3333 --out @OUT@/fca.csv
one info info $C $POP $FINESS
one graph graph --roads tests/fixtures/graph/synthetic_tiny.osm --out @OUT@/tiny.gagraph \
    --export @OUT@/edges.csv
printf 'id,lon,lat\na,3.8700,43.6000\nb,3.8730,43.6000\nc,3.8745,43.6010\nd,3.8710,43.5985\n' \
    > "$out/tiny_points.csv"
one graph_od od --graph "$out/graph/tiny.gagraph" --origins "$out/tiny_points.csv" \
    --destinations "$out/tiny_points.csv" --out @OUT@/od.csv
one graph_info info "$out/graph/tiny.gagraph"
exit 0
