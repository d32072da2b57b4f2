#!/bin/sh
# The planning commands end to end (TAP): catchment, nearest, coverage,
# zones, scenario on the hand-made communes of make_fixtures.c (four
# communes: A = [0,1]x[0,1] km, 100 people; B = [1,2]x[0,1] km, 200 people;
# C = [0,2]x[1,3] km with a hole, 300; D two parts at x = 3..3.5 km, 50),
# with a straight-line model of exactly 1 minute per km (--detour 1
# --speed 60); and the new sections of `geoaccess run`.
# Usage: cli_plan.sh GEOACCESS_BINARY SHP_FIXTURES_DIR
set -u
GA=$1
FIX=$2
. "$(dirname "$0")/tap.sh"
COM="$FIX/good/communes.shp"
# G1 at the centre of A, G2 at the centre of B (Lambert-93 metres)
printf 'id,x,y,type,capacity\nG1,770500,6280500,gp,1\nG2,771500,6280500,gp,1\nU1,770500,6280500,urg,1\n' > "$TMP/fac.csv"
printf 'id,x,y,type\nG1,770500,6280500,gp\n' > "$TMP/one.csv"
M="--detour 1 --speed 60"

# --- help and usage ---
for cmd in catchment nearest coverage zones scenario; do
    exit_code 0 "$GA" $cmd --help
    check "$cmd --help: exit 0" [ $? -eq 0 ]
    exit_code 2 "$GA" $cmd --bogus
    check "$cmd --bogus: exit 2" [ $? -eq 0 ]
done
exit_code 2 "$GA" zones --communes "$COM" --facilities "$TMP/one.csv" $M
check "zones without a rule: exit 2" [ $? -eq 0 ]
exit_code 2 "$GA" zones --communes "$COM" --facilities "$TMP/one.csv" $M --rule "time gp > 3" --out "$TMP/z0"
check "zones with a bad rule: exit 2" [ $? -eq 0 ]
check "the message names the rule and the character" grep -q "zone rule 'time gp > 3': at character 6: expected 'to'" "$TMP/err.txt"
check "no output for a bad rule" [ ! -e "$TMP/z0" ]
exit_code 2 "$GA" catchment --thresholds 20,x
check "catchment with a bad threshold: exit 2" [ $? -eq 0 ]
exit_code 2 "$GA" scenario
check "scenario without a file: exit 2" [ $? -eq 0 ]

# --- coverage: B's point is exactly 1 km (1 minute) from G1: inclusive ---
exit_code 0 "$GA" coverage --communes "$COM" --facilities "$TMP/one.csv" $M --thresholds 1,0.999 --out "$TMP/c"
check "coverage exits 0" [ $? -eq 0 ]
check "within 1 min: A and B, 300 of 650 people" grep -q "^gp,1,(all),4,2,650,300,0.4615,0,0$" "$TMP/c/coverage.csv"
check "within 0.999 min: A only, 100 people" grep -q "^gp,0.999,(all),4,1,650,100,0.1538,0,0$" "$TMP/c/coverage.csv"
check "without groups, one row per type and threshold: (all), no second 'all' row" \
    sh -c "[ \$(grep -c '^gp,1,' '$TMP/c/coverage.csv') -eq 1 ]"
printf 'insee_code,grp\n34001,west\n34002,east\n34003,west\n' > "$TMP/groups.csv"
exit_code 0 "$GA" coverage --communes "$COM" --facilities "$TMP/one.csv" $M --thresholds 1 \
    --groups "$TMP/groups.csv" --group-col grp --out "$TMP/c2"
check "coverage by a join table exits 0" [ $? -eq 0 ]
check "group west: A covered, C not (100 of 400)" grep -q "^gp,1,west,2,1,400,100,0.2500,0,0$" "$TMP/c2/coverage.csv"
check "group east: B at exactly 1 min (200 of 200)" grep -q "^gp,1,east,1,1,200,200,1.0000,0,0$" "$TMP/c2/coverage.csv"
check "a commune absent from the join table is group (none)" grep -q "^gp,1,(none),1,0,50,0,0.0000,0,0$" "$TMP/c2/coverage.csv"
check "and is warned about" grep -q "34004" "$TMP/err.txt"

# --- nearest: first and second ---
exit_code 0 "$GA" nearest --communes "$COM" --facilities "$TMP/fac.csv" $M --types gp --out "$TMP/n"
check "nearest exits 0" [ $? -eq 0 ]
check "A: G1 at 0 min, 0 km; second G2 at 1 min" grep -q "^34001,Abeilhan,100,G1,0.00,0.000,G2,1.00$" "$TMP/n/nearest.csv"
check "B: G2 at 0 min; second G1 at 1 min" grep -q "^34002,Béziers,200,G2,0.00,0.000,G1,1.00$" "$TMP/n/nearest.csv"
check "nearest.shp written" [ -s "$TMP/n/nearest.shp" ]

# --- zones ---
exit_code 0 "$GA" zones --communes "$COM" --facilities "$TMP/fac.csv" $M \
    --rule "far: time to gp > 1" --rule "time to urg >= 1 and time to gp > 0" --out "$TMP/z"
check "zones exits 0" [ $? -eq 0 ]
check "rule far: C and D (350 people)" grep -q '^far,"time to gp > 1",2,350,0.5385,0,0$' "$TMP/z/zones_summary.csv"
check "zones_far.csv lists C and D" [ "$(cut -d, -f1 "$TMP/z/zones_far.csv" | tr '\n' ' ')" = "insee 34003 34004 " ]
check "rule2: B (urg at exactly 1 min, gp 0 min) is not in, C and D are" \
    grep -q '^rule2,"(time to urg >= 1 and time to gp > 0)",2,350,0.5385,0,0$' "$TMP/z/zones_summary.csv"
if command -v shpinfo >/dev/null; then
    check "zones_far.shp has 2 polygons" sh -c "shpinfo '$TMP/z/zones_far.shp' | grep -q '2 Records'"
fi
exit_code 2 "$GA" zones --communes "$COM" --facilities "$TMP/fac.csv" $M --rule "time to mat > 30"
check "a rule naming a type with no facility: exit 2" [ $? -eq 0 ]

# --- scenario ---
printf '[scenario]\nname=nothing\n' > "$TMP/none.ini"
printf '[scenario]\nname=close\ndescription=remove the only GP\n[remove]\nids=G1\n' > "$TMP/close.ini"
printf '[add new]\ntype=gp\ncommune=34004\n' > "$TMP/add.ini"
exit_code 0 "$GA" scenario "$TMP/none.ini" "$TMP/close.ini" "$TMP/add.ini" --communes "$COM" \
    --facilities "$TMP/one.csv" $M --threshold 1 --out "$TMP/s"
check "scenario exits 0" [ $? -eq 0 ]
check "routing shared: 2 facilities for 3 scenarios" grep -q "2 facilities (1 base)" "$TMP/out.txt"
check "no change: zero deltas" [ "$(cut -d, -f6 "$TMP/s/scenario_nothing.csv" | sort -u | tr '\n' ' ')" = "0.00 gp_d " ]
check "removing the only GP: A and B (300 people) fall out of 1 min" grep -q "^close,time_gp,1,0,0,2,300," "$TMP/s/scenarios_summary.csv"
check "adding a GP in D: D (50) comes within" grep -q "^add,time_gp,1,1,50,0,0," "$TMP/s/scenarios_summary.csv"

# --- the maps of the planning commands (issue 12): one per type, rule or scenario, in the format asked ---
is_png() { [ "$(head -c 4 "$1" | od -An -c | tr -d ' \n')" = "211PNG" ]; }
check "nearest: a PNG map of the GP times" is_png "$TMP/n/map_nearest_gp.png"
check "coverage: a PNG map of the GP coverage" is_png "$TMP/c/map_coverage_gp.png"
check "zones: a PNG map per rule" sh -c "[ -s '$TMP/z/map_zones_far.png' ] && [ -s '$TMP/z/map_zones_rule2.png' ]"
check "scenario: a PNG map per scenario" sh -c "[ -s '$TMP/s/map_scenario_close.png' ] && [ -s '$TMP/s/map_scenario_add.png' ]"
exit_code 0 "$GA" nearest --communes "$COM" --facilities "$TMP/fac.csv" $M --types gp --out "$TMP/nsvg" --map-format svg
check "nearest --map-format svg: an SVG" sh -c "head -c 300 '$TMP/nsvg/map_nearest_gp.svg' | grep -q '<svg'"
exit_code 0 "$GA" zones --communes "$COM" --facilities "$TMP/fac.csv" $M --rule "far: time to gp > 1" --out "$TMP/zpdf" --map-format pdf
check "zones --map-format pdf: a PDF" sh -c "head -c 5 '$TMP/zpdf/map_zones_far.pdf' | grep -q '%PDF-'"
for cmd in catchment nearest coverage zones scenario "apl --communes $COM --practitioners $TMP/one.csv --out $TMP/a"; do
    "$GA" $cmd --map-format tiff > /dev/null 2> "$TMP/fmt.err"
    check "$cmd --map-format tiff: exit 2 naming the formats" sh -c "[ $? -eq 2 ] && grep -q \"'tiff' is not a map format (png, svg or pdf)\" '$TMP/fmt.err'"
done
printf '[add new]\ntype=gp\ncommune=99999\n' > "$TMP/bad.ini"
exit_code 1 "$GA" scenario "$TMP/bad.ini" --communes "$COM" --facilities "$TMP/one.csv" $M --out "$TMP/s2"
check "a scenario naming an unknown commune: exit 1" [ $? -eq 0 ]
check "the message names the scenario and the commune" grep -q "scenario 'bad': added facility 'new': commune '99999'" "$TMP/err.txt"
check "no output left" [ ! -e "$TMP/s2" ]
exit_code 1 "$GA" scenario "$TMP/missing.ini"
check "a missing scenario file: exit 1 naming it" grep -q "missing.ini" "$TMP/err.txt"

# --- catchment: service radius of 1 km around G1 at (0.5, 0.5) km, a 64-gon (area 32 sin(2 pi / 64)
# km2 = 3.1365) clipped to the communes (issue 12): the parts at x < 0 and y < 0 go, leaving 1.9899 km2
# (the 64-gon clipped to the quadrant by Sutherland-Hodgman and the shoelace formula, by hand in
# Python); the 0.5 km one (0.7841) lies wholly inside A ---
exit_code 0 "$GA" catchment --communes "$COM" --facilities "$TMP/one.csv" $M --radius-km 1,0.5 --out "$TMP/k"
check "catchment exits 0" [ $? -eq 0 ]
check "1 km circle: A and B (B exactly at 1 km), 300 people, clipped to the land" grep -q "^gp,G1,1,km,1.9899,0,300,,1.9899$" "$TMP/k/catchments.csv"
check "0.5 km circle: A only" grep -q "^gp,G1,0.5,km,0.7841,0,100,,0.7841$" "$TMP/k/catchments.csv"
# a circle on the coast: the SYNTHETIC 2 x 2 grid of 10 km squares and a facility at its north-east
# corner (20, 20) km: of the 5 km circle (78.4137 km2) only the quarter over the grid is land,
# 8 sin(pi / 32) x 25 = 19.6034 km2 (before: the whole circle)
printf 'id,x,y,type\nC1,790000,6300000,gp\n' > "$TMP/corner.csv"
exit_code 0 "$GA" catchment --communes "$FIX/synthetic_grid/communes.shp" --facilities "$TMP/corner.csv" $M --radius-km 5 --out "$TMP/kc"
check "a 5 km circle at the corner of the land: a quarter, 19.6034 km2, all in the study area" grep -q "^gp,C1,5,km,19.6034,0,.*,19.6034$" "$TMP/kc/catchments.csv"
check "catchment: its map" is_png "$TMP/k/catchments_gp.png"
check "GeoJSON is JSON" python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert len(d['features']) == 2" "$TMP/k/catchments_gp.geojson"
exit_code 0 "$GA" catchment --communes "$COM" --facilities "$TMP/one.csv" $M --thresholds 1 --by-area --out "$TMP/k2"
check "1 minute circle = 1 km under 1 min/km" grep -q "^gp,G1,1,min,1.9899,0,300," "$TMP/k2/catchments.csv"
exit_code 2 "$GA" catchment --radius-km 1 --thresholds 5
check "--radius-km with --thresholds: exit 2" [ $? -eq 0 ]

# --- catchment on roads: the synthetic OSM fixture (the graph module's), embedded communes ---
printf 'id,lon,lat,type\nP1,3.8700,43.6000,pharm\n' > "$TMP/pf.csv"
exit_code 0 "$GA" catchment --roads "$GA_TEST_DIR/fixtures/graph/synthetic_tiny.osm" --skip-unsnapped \
    --facilities "$TMP/pf.csv" --thresholds 2,0.5 --out "$TMP/kr"
check "road catchment exits 0" [ $? -eq 0 ]
check "it says how the polygon is built" grep -q "reached roads (partly reached ones cut at the threshold) buffered by 100 m" "$TMP/out.txt"
check "two nested road catchments, more nodes at 2 min than at 0.5" \
    awk -F, 'NR==2 {a=$5; n=$6} NR==3 {exit !($3==2 && $5>a && $6>n && n>0)}' "$TMP/kr/catchments.csv"
check "road catchments as GeoJSON" [ -s "$TMP/kr/catchments_pharm.geojson" ]
exit_code 2 "$GA" catchment --roads "$GA_TEST_DIR/fixtures/graph/synthetic_tiny.osm" --radius-km 1 --facilities "$TMP/pf.csv"
check "--radius-km with --roads: exit 2" [ $? -eq 0 ]

# --- run: the new sections after the existing ones ---
exit_code 0 "$GA" run --out "$TMP/run"
check "run exits 0" [ $? -eq 0 ]
check "run reports hospital coverage with the model and its detour factor" \
    sh -c "grep -A1 '^Health establishments (FINESS 2020): coverage' '$TMP/out.txt' | grep -q 'detour factor'"
check "run reports zones blanches for hospitals" grep -q "zones blanches (rule 'time to hosp > 30')" "$TMP/out.txt"
check "run reports the hypothetical Plaissan scenario" grep -q "^scenario 'plaissan_centre_sante': HYPOTHETICAL" "$TMP/out.txt"
check "the scenario adds 2 facilities and nothing else" grep -q "2 added, 0 removed, 0 capacities changed, 0 retired" "$TMP/out.txt"
check "Plaissan's own GP time falls to 0" grep -q "^34204,Plaissan,[0-9]*,[0-9.]*,0.00," "$TMP/run/scenario_plaissan_centre_sante.csv"
check "no GP time rises in the scenario" sh -c "awk -F, 'NR>1 && \$6 > 0' '$TMP/run/scenario_plaissan_centre_sante.csv' | grep -c . | grep -qx 0"
for f in coverage_hosp.csv zones_hosp30.csv zones_hosp30.shp scenarios_summary.csv; do
    check "run writes $f" [ -s "$TMP/run/$f" ]
done

tap_done
