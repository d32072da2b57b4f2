#!/bin/sh
# The command end to end (TAP): `geoaccess run` on the embedded Hérault
# default, `info`, `od`, exit codes, and no partial output on bad input.
# Usage: cli_run.sh GEOACCESS_BINARY SHP_FIXTURES_DIR
set -u
GA=$1
FIX=$2
. "$(dirname "$0")/tap.sh"

# --- run on the embedded default ---
exit_code 0 "$GA" run --out "$TMP/out"
check "run exits 0" [ $? -eq 0 ]
cp "$TMP/out.txt" "$TMP/run.txt"
check "run counts 342 communes and 1,201,883 people (DREES 2021)" grep -q "342 communes, 1201883 people" "$TMP/run.txt"
check "run states the straight-line model and its detour factor" grep -q "detour factor" "$TMP/run.txt"
check "run gives the official APL's communes and people under 2.5 (109, 54,139)" grep -q "official DREES APL 2023: 109, 54139 people" "$TMP/run.txt"
check "run lists people beyond 30 minutes of a maternity unit" grep -q "^maternity unit" "$TMP/run.txt"
check "CSV has a header and 342 rows" [ "$(wc -l < "$TMP/out/communes_access.csv")" -eq 343 ]
check "Montpellier is its own nearest GP commune" grep -q "^34172,Montpellier,[0-9]*,[0-9.]*,D201-34172,0.000,0.00," "$TMP/out/communes_access.csv"
for ext in shp shx dbf prj cpg; do
    check "shapefile part .$ext written" [ -s "$TMP/out/communes_access.$ext" ]
done
if command -v dbfdump >/dev/null; then
    check "dbfdump reads 342 records with their attributes" \
        [ "$(dbfdump "$TMP/out/communes_access.dbf" | grep -c '^34[0-9][0-9][0-9] ')" -eq 342 ]
    check "dbfdump shows Montpellier's row" sh -c "dbfdump '$TMP/out/communes_access.dbf' | grep -q '^34172 Montpellier'"
else
    not_ok "dbfdump (Debian package shapelib) is installed"
fi
if command -v shpinfo >/dev/null; then
    check "shpinfo reads 342 polygons" sh -c "shpinfo '$TMP/out/communes_access.shp' | grep -q 'Polygon(5), 342 Records'"
fi
check "the .prj is Lambert-93" grep -q "Lambert" "$TMP/out/communes_access.prj"
for m in map_apl map_maternity_minutes map_emergency_minutes; do
    check "$m.png is a PNG" sh -c "head -c 8 '$TMP/out/$m.png' | od -An -c | grep -q 'P   N   G'"
done
check "run reports the APL and the official DREES mean" grep -q "official DREES APL 2023: 4.463" "$TMP/run.txt"
check "CSV has the APL columns" sh -c "head -1 '$TMP/out/communes_access.csv' | grep -q ',apl,apl_drees$'"
check "facilities layer written" [ -s "$TMP/out/facilities.shp" ]
check "no temporary file left" [ -z "$(ls "$TMP/out" | grep tmp)" ]

# --- the APL of every profession (apl.professions of the default) ---
for label in "general practitioners" dentists midwives nurses physiotherapists pharmacies; do
    check "run prints one line for the $label" [ "$(grep -c "^  $label  " "$TMP/run.txt")" -eq 1 ]
done
check "run says the professions' supply is a headcount, not FTE" grep -q "headcount, not full-time equivalents" "$TMP/run.txt"
check "run says the demand has no age weights" grep -q "demand: total population (no age weights)" "$TMP/run.txt"
BPE=$(dirname "$0")/../geodata/herault/bpe2019/bpe2019_health_34_by_iris.csv
RING_BPE=$(dirname "$0")/../geodata/ring/bpe2019_health_ring34_by_iris.csv
dentists=$(awk -F, '$6 == "D221" { s += $7 } END { print s }' "$BPE")
ring_dentists=$(awk -F, '$6 == "D221" { s += $7 } END { print s }' "$RING_BPE")
ring_gps=$(awk -F, '$6 == "D201" { s += $7 } END { print s }' "$RING_BPE")
check "the dentists' supply is the BPE's D221 headcount ($dentists, ring $ring_dentists)" \
    grep -q "^  dentists  *D221 *$dentists *$ring_dentists " "$TMP/run.txt"
check "the GPs' line counts the ring's D201 ($ring_gps)" grep -q "^  general practitioners  *gp *1422 *$ring_gps " "$TMP/run.txt"
check "apl_professions.csv: a column per profession, 342 rows" sh -c \
    "head -1 '$TMP/out/apl_professions.csv' | grep -qx 'insee,nom,pop,apl,apl_dentist,apl_midwife,apl_nurse,apl_physio,apl_pharm' && [ \$(wc -l < '$TMP/out/apl_professions.csv') -eq 343 ]"
check "apl_professions.csv's GP APL is communes_access.csv's" sh -c \
    "[ \"\$(cut -d, -f1,4 '$TMP/out/apl_professions.csv' | tail -n +2)\" = \"\$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if (\$i == \"apl\") c = i } NR > 1 { print \$1 \",\" \$c }' '$TMP/out/communes_access.csv')\" ]"
check "the summary table says the demand is the total population" \
    sh -c "[ \$(grep -c 'total population (no age weights)' '$TMP/out/apl_professions_summary.csv') -eq 5 ]"
exit_code 0 "$GA" run --set "apl.professions=nurse, pharm" --out "$TMP/out_np"
check "run with two professions prints their two lines" \
    sh -c "[ \$(grep -c -E '^  (general practitioners|dentists|midwives|nurses|physiotherapists|pharmacies)  ' '$TMP/out.txt') -eq 2 ]"
exit_code 1 "$GA" run --set "apl.professions=gp, dentists" --out "$TMP/out_bad"
check "an unknown profession is named" grep -q "\-\-set apl.professions: 'dentists' is not a profession" "$TMP/err.txt"
check "and nothing is written" [ ! -e "$TMP/out_bad/communes_access.csv" ]

# --- the same input gives byte-identical output ---
"$GA" run --out "$TMP/out2" >/dev/null 2>&1
check "a second run writes identical files" cmp -s "$TMP/out/communes_access.dbf" "$TMP/out2/communes_access.dbf"

# --- info ---
exit_code 0 "$GA" info "$FIX/good/communes.shp"
check "info exits 0" [ $? -eq 0 ]
check "info names the CRS" grep -q "EPSG:2154" "$TMP/out.txt"

# --- od ---
printf 'id,x,y\nA,770000,6280000\nB,773000,6284000\n' > "$TMP/o.csv"
printf 'id,lon,lat\nP,3,46.5\n' > "$TMP/d.csv"
exit_code 0 "$GA" od --origins "$TMP/o.csv" --destinations "$TMP/o.csv" --metric distance
check "od exits 0" [ $? -eq 0 ]
check "od: A to B is 5000 m (3-4-5 triangle)" grep -q "^A,B,5000.0$" "$TMP/out.txt"
exit_code 0 "$GA" od --origins "$TMP/o.csv" --destinations "$TMP/o.csv" --max-cost 1 --out "$TMP/od.csv"
check "od --max-cost 1 keeps only the zero pairs" [ "$(cat "$TMP/od.csv")" = "$(printf 'from_id,to_id,cost\nA,A,0.000\nB,B,0.000')" ]

# --- od on a road graph whose CRS is not the default (UTM 31N) ---
if [ -n "${GA_SOURCE_ROOT:-}" ] && [ -f "$GA_SOURCE_ROOT/tests/fixtures/graph/synthetic_tiny.osm" ]; then
    printf 'id,lon,lat\nA,3.8700,43.6000\nB,3.8730,43.6000\n' > "$TMP/tp.csv"
    for crs in EPSG:32631 EPSG:2154; do
        "$GA" graph --roads "$GA_SOURCE_ROOT/tests/fixtures/graph/synthetic_tiny.osm" --crs $crs \
            --out "$TMP/tiny.gagraph" >/dev/null 2>&1
        exit_code 0 "$GA" od --graph "$TMP/tiny.gagraph" --origins "$TMP/tp.csv" --destinations "$TMP/tp.csv" --metric distance
        check "od --graph in $crs: exit 0 (points follow the graph's CRS)" [ $? -eq 0 ]
        cp "$TMP/out.txt" "$TMP/od_$crs.txt"
    done
    check "road distances do not depend on the graph's CRS" cmp -s "$TMP/od_EPSG:32631.txt" "$TMP/od_EPSG:2154.txt"
    # the contraction hierarchy gives the very same table as plain searches
    printf 'id,lon,lat\nA,3.8700,43.6000\nB,3.8730,43.6000\nC,3.8712,43.6011\nD,3.8725,43.5995\n' > "$TMP/tp4.csv"
    for m in dijkstra ch; do
        exit_code 0 "$GA" od --graph "$TMP/tiny.gagraph" --origins "$TMP/tp4.csv" --destinations "$TMP/tp4.csv" --table-method $m
        cp "$TMP/out.txt" "$TMP/od_$m.txt"
    done
    check "od --table-method ch and dijkstra write the same table" cmp -s "$TMP/od_dijkstra.txt" "$TMP/od_ch.txt"
    check "od --table-method ch: 16 pairs" [ "$(wc -l < "$TMP/od_ch.txt")" -eq 17 ]
    exit_code 2 "$GA" od --graph "$TMP/tiny.gagraph" --origins "$TMP/tp4.csv" --destinations "$TMP/tp4.csv" --table-method magic
    check "od --table-method magic: exit 2, names the methods" grep -q "auto, dijkstra, ch" "$TMP/err.txt"
    # fca and apl take the road graph like od: fca between the tables' own
    # coordinates gives what od --graph + fca --matrix gives
    printf 'id,lon,lat,population\nA,3.8700,43.6000,100\nB,3.8730,43.6000,250\nC,3.8712,43.6011,40\n' > "$TMP/dem.csv"
    printf 'id,lon,lat,capacity\nX,3.8725,43.5995,2\nY,3.8702,43.6010,1\n' > "$TMP/sup.csv"
    exit_code 0 "$GA" fca --graph "$TMP/tiny.gagraph" --demand "$TMP/dem.csv" --supply "$TMP/sup.csv" --method e2sfca --decay steps:1=1,2=0.5
    check "fca --graph: exit 0" [ $? -eq 0 ]
    cp "$TMP/out.txt" "$TMP/fca_graph.txt"
    "$GA" od --graph "$TMP/tiny.gagraph" --origins "$TMP/dem.csv" --destinations "$TMP/sup.csv" --decimals -1 > "$TMP/m.csv" 2>/dev/null
    exit_code 0 "$GA" fca --matrix "$TMP/m.csv" --demand "$TMP/dem.csv" --supply "$TMP/sup.csv" --method e2sfca --decay steps:1=1,2=0.5
    check "fca --graph = od --graph then fca --matrix" cmp -s "$TMP/fca_graph.txt" "$TMP/out.txt"
    check "fca --graph: every demand row has a finite access" sh -c "[ \$(grep -c '^[ABC],[0-9]' '$TMP/fca_graph.txt') -eq 3 ]"
    printf 'id,population\nA,10\n' > "$TMP/dem_nocoord.csv"
    exit_code 1 "$GA" fca --graph "$TMP/tiny.gagraph" --demand "$TMP/dem_nocoord.csv" --supply "$TMP/sup.csv" --method 2sfca --decay binary:5
    check "fca without --matrix on a table without coordinates: exit 1, names file and columns" \
        grep -q "dem_nocoord.csv: no column 'x'.*columns are" "$TMP/err.txt"
    exit_code 2 "$GA" fca --matrix "$TMP/m.csv" --graph "$TMP/tiny.gagraph" --demand "$TMP/dem.csv" --supply "$TMP/sup.csv" --method 2sfca --decay binary:5
    check "fca --matrix with --graph: exit 2" [ $? -eq 0 ]
    printf 'commune,headcount\n34001,2\n34003,1\n' > "$TMP/gp_tiny.csv"
    exit_code 0 "$GA" apl --graph "$TMP/tiny.gagraph" --snap-distance 6000 --communes "$FIX/good/communes.shp" \
        --practitioners "$TMP/gp_tiny.csv" --fte-col headcount --out "$TMP/apl_road"
    check "apl --graph: exit 0, road model stated" grep -q "travel times: road model" "$TMP/out.txt"
    check "apl --graph: an APL per commune" [ "$(wc -l < "$TMP/apl_road/apl.csv")" -eq 5 ]
    exit_code 2 "$GA" apl --graph "$TMP/tiny.gagraph" --matrix "$TMP/m.csv" --communes "$FIX/good/communes.shp" \
        --practitioners "$TMP/gp_tiny.csv" --fte-col headcount --out "$TMP/apl_bad"
    check "apl --matrix with --graph: exit 2, says why, no output folder" \
        sh -c "grep -q 'matrix gives the travel times' '$TMP/err.txt' && [ ! -e '$TMP/apl_bad' ]"
    # the planning commands open a graph in another CRS too (its CRS becomes the
    # working CRS before the layers are read), as od does
    "$GA" graph --roads "$GA_SOURCE_ROOT/tests/fixtures/graph/synthetic_tiny.osm" --crs EPSG:32631 \
        --out "$TMP/tiny_utm.gagraph" >/dev/null 2>&1
    printf 'id,lon,lat,type\nF1,3.8725,43.5995,gp\nF2,3.8702,43.6010,gp\n' > "$TMP/fac_tiny.csv"
    exit_code 0 "$GA" nearest --graph "$TMP/tiny_utm.gagraph" --snap-distance 6000 --communes "$FIX/good/communes.shp" \
        --facilities "$TMP/fac_tiny.csv" --out "$TMP/near_utm"
    check "nearest on a UTM graph: exit 0" [ $? -eq 0 ]
    check "nearest on a UTM graph: Abeilhan's nearest GP is F2" grep -q "^34001,Abeilhan,100,F2," "$TMP/near_utm/nearest.csv"
    exit_code 0 "$GA" run --graph "$TMP/tiny_utm.gagraph" --skip-unsnapped --out "$TMP/run_utm"
    check "run on a UTM graph: exit 0, 342 communes" grep -q "342 communes, 1201883 people" "$TMP/out.txt"
    # info on a graph file: what it is, its CRS and size; a damaged one is refused
    exit_code 0 "$GA" info "$TMP/tiny.gagraph"
    check "info describes a graph file" grep -q "kind: geoaccess road graph" "$TMP/out.txt"
    check "info gives the graph's CRS and node count" sh -c "grep -q 'CRS: EPSG:2154' '$TMP/out.txt' && grep -q '^  nodes: [1-9]' '$TMP/out.txt'"
    head -c 200 "$TMP/tiny.gagraph" > "$TMP/cut.gagraph"
    exit_code 1 "$GA" info "$TMP/cut.gagraph"
    check "info on a truncated graph file: exit 1, says truncated" grep -q "truncated" "$TMP/err.txt"
fi

# --- bad usage: exit 2 ---
exit_code 2 "$GA"
check "no command: exit 2" [ $? -eq 0 ]
exit_code 2 "$GA" frobnicate
check "unknown command: exit 2" [ $? -eq 0 ]
exit_code 2 "$GA" run --bogus
check "unknown option: exit 2" [ $? -eq 0 ]
exit_code 2 "$GA" od --origins "$TMP/o.csv"
check "od without --destinations: exit 2" [ $? -eq 0 ]
exit_code 2 "$GA" od --origins "$TMP/o.csv" --destinations "$TMP/o.csv" --metric speed
check "od with a bad metric: exit 2" [ $? -eq 0 ]
for cmd in run info od; do
    exit_code 0 "$GA" $cmd --help
    check "$cmd --help: exit 0" [ $? -eq 0 ]
done

# --- bad input: exit 1, a message naming the file, no partial output ---
exit_code 1 "$GA" od --origins "$TMP/missing.csv" --destinations "$TMP/o.csv" --out "$TMP/od2.csv"
check "od with a missing file: exit 1" [ $? -eq 0 ]
check "the message names the missing file" grep -q "missing.csv" "$TMP/err.txt"
check "no output left behind" [ ! -e "$TMP/od2.csv" ]
exit_code 1 "$GA" info "$FIX/truncated/communes.shp"
check "info on a truncated shapefile: exit 1" [ $? -eq 0 ]
check "the message says truncated" grep -q "truncated" "$TMP/err.txt"
# a copy of the embedded data with one population value spoiled
mkdir -p "$TMP/data"
cp -r "$GA_SOURCE_ROOT/geodata/herault" "$TMP/data/"
sed -i 's/^34172,Montpellier,\([0-9]*\),\([0-9]*\),/34172,Montpellier,\1,\2x,/' "$TMP/data/herault/population/population_34_cog2023_from_drees_apl.csv"
exit_code 1 "$GA" run --data "$TMP/data" --out "$TMP/badout"
check "run on a spoiled population table: exit 1" [ $? -eq 0 ]
check "the message names file, line and column" grep -q "population_34_cog2023_from_drees_apl.csv: line 173: column 'population_totale_2021'" "$TMP/err.txt"
check "no output folder content left" [ -z "$(ls "$TMP/badout" 2>/dev/null)" ]

tap_done
