#!/bin/sh
# Units, fields and figures that say the truth (issue 9, section 4), end to
# end (TAP). Hand-made communes of make_fixtures.c (A = [0,1]x[0,1] km, 100
# people; B = [1,2]x[0,1] km, 200; C = [0,2]x[1,3] km, 300; D, 50) under a
# straight-line model of exactly 1 minute per km; the synthetic OSM fixture
# for roads; the embedded Hérault data for the FINESS correction.
# Usage: cli_units.sh GEOACCESS_BINARY SHP_FIXTURES_DIR
set -u
GA=$1
FIX=$2
. "$(dirname "$0")/tap.sh"
# DBF field names of a .dbf (its header: 32 bytes, then 32-byte descriptors)
dbf_fields() {
    python3 -c "
import sys
b = open(sys.argv[1], 'rb').read()
names = []
for k in range(32, len(b), 32):
    if b[k] == 0x0d: break
    names.append(b[k:k + 11].split(b'\0')[0].decode('ascii'))
print(','.join(names))" "$1"
}
# value of field F in record R (0-based) of a .dbf
dbf_value() {
    python3 -c "
import sys
b = open(sys.argv[1], 'rb').read()
nrec = int.from_bytes(b[4:8], 'little'); hlen = int.from_bytes(b[8:10], 'little')
rlen = int.from_bytes(b[10:12], 'little')
off, pos = {}, 1
for k in range(32, hlen - 1, 32):
    name = b[k:k + 11].split(b'\0')[0].decode('ascii'); w = b[k + 16]
    off[name] = (pos, w); pos += w
p, w = off[sys.argv[2]]
r = hlen + int(sys.argv[3]) * rlen
print(b[r + p:r + p + w].decode('utf-8').strip())" "$1" "$2" "$3"
}
COM="$FIX/good/communes.shp"
M="--detour 1 --speed 60"
printf 'id,x,y,type\nG1,770500,6280500,gp\nG2,771500,6280500,gp\n' > "$TMP/two.csv"

# --- catchment --radius-km: thresholds in km, said so everywhere ---
exit_code 0 "$GA" catchment --communes "$COM" --facilities "$TMP/two.csv" $M --radius-km 5 --out "$TMP/k"
check "catchment --radius-km 5 exits 0" [ $? -eq 0 ]
check "catchments.csv: threshold 5, unit km" grep -q "^gp,G1,5,km," "$TMP/k/catchments.csv"
check "the shapefile has a unit field (and area_s_km2, the area in the study area)" [ "$(dbf_fields "$TMP/k/catchments_gp.dbf")" = "facility,type,threshold,unit,area_km2,area_s_km2,pop_pts" ]
check "the shapefile's threshold is 5 (not 5000)" [ "$(dbf_value "$TMP/k/catchments_gp.dbf" threshold 0)" = "5.000" ]
check "the shapefile's unit is km" [ "$(dbf_value "$TMP/k/catchments_gp.dbf" unit 0)" = "km" ]
check "the GeoJSON says 5 km" python3 -c "
import json, sys
p = json.load(open(sys.argv[1]))['features'][0]['properties']
assert p['threshold'] == 5 and p['unit'] == 'km', p" "$TMP/k/catchments_gp.geojson"
exit_code 0 "$GA" catchment --communes "$COM" --facilities "$TMP/two.csv" $M --thresholds 20 --out "$TMP/k2"
check "minute catchments say min" [ "$(dbf_value "$TMP/k2/catchments_gp.dbf" unit 0)" = "min" ]

# --- zones: the shapefile carries the values the rule tested ---
exit_code 0 "$GA" zones --communes "$COM" --facilities "$TMP/two.csv" $M --rule "far: time to gp > 1 or distance to gp > 5" --out "$TMP/z"
check "zones exits 0" [ $? -eq 0 ]
check "zones_far.csv has the tested values" [ "$(head -1 "$TMP/z/zones_far.csv")" = "insee,nom,pop,gp_min,gp_km" ]
check "zones_far.shp has the same columns" [ "$(dbf_fields "$TMP/z/zones_far.dbf")" = "insee,nom,pop,gp_min,gp_km" ]
check "with the same values as the CSV" \
    [ "$(dbf_value "$TMP/z/zones_far.dbf" gp_min 0)" = "$(sed -n 2p "$TMP/z/zones_far.csv" | cut -d, -f4)" ]

# --- nearest: long column names get short DBF names and a mapping ---
printf 'finess,x,y,facility_type\nH1,770500,6280500,Centre Hospitalier (C.H.)\nH2,771500,6280500,Centre Hospitalier Régional (C.H.R.)\n' > "$TMP/fin.csv"
exit_code 0 "$GA" nearest --communes "$COM" --facilities "$TMP/fin.csv" --id-col finess --type-col facility_type $M --out "$TMP/n"
check "nearest with FINESS category labels exits 0" [ $? -eq 0 ]
check "nearest.shp written" [ -s "$TMP/n/nearest.shp" ]
check "nearest.csv keeps the long names" head -1 "$TMP/n/nearest.csv" | grep -q "Centre Hospitalier (C.H.)_min2"
check "nearest.fields.csv maps long names to DBF names" \
    [ "$(cut -d, -f1 "$TMP/n/nearest.fields.csv" | head -2 | tr '\n' ' ')" = "long_name insee " ]
python3 - "$TMP/n/nearest.fields.csv" "$TMP/n/nearest.csv" > "$TMP/map_check.txt" <<'EOF'
import csv, sys
m = list(csv.reader(open(sys.argv[1], encoding='utf-8')))[1:]
header = next(csv.reader(open(sys.argv[2], encoding='utf-8')))
short = [d for _, d in m]
assert [l for l, _ in m] == header, "mapping covers every column in order"
assert all(len(d) <= 10 and d.isascii() for d in short), short
assert len({d.lower() for d in short}) == len(short), "unique"
print(",".join(short))
EOF
check "every column mapped, DBF names short, ASCII and unique" [ -s "$TMP/map_check.txt" ]
same_fields() { [ -s "$TMP/map_check.txt" ] && [ "$(dbf_fields "$TMP/n/nearest.dbf")" = "$(cat "$TMP/map_check.txt")" ]; }
check "the DBF's fields are the mapping's" same_fields
check "no temporary file left" [ -z "$(ls -a "$TMP/n" | grep '~')" ]
# a shapefile that cannot be written: no CSV either (no half output set)
mkdir -p "$TMP/n2/nearest.shp"
exit_code 1 "$GA" nearest --communes "$COM" --facilities "$TMP/two.csv" $M --out "$TMP/n2"
check "nearest whose shapefile cannot be written: exit 1" [ $? -eq 0 ]
check "and no nearest.csv without its shapefile" [ ! -e "$TMP/n2/nearest.csv" ]
check "nor a temporary" [ -z "$(ls -a "$TMP/n2" | grep '~')" ]

# --- --type-col none works as documented ---
printf 'id,x,y,kind\nG1,770500,6280500,gp\n' > "$TMP/kind.csv"
exit_code 0 "$GA" nearest --communes "$COM" --facilities "$TMP/kind.csv" --type-col none $M --out "$TMP/t"
check "--type-col none: exit 0" [ $? -eq 0 ]
check "every facility has type 'facility'" head -1 "$TMP/t/nearest.csv" | grep -q "^insee,nom,pop,facility_id,facility_min,"
check "--help documents it" sh -c "'$GA' nearest --help | grep -q 'none: one kind of facility'"

# --- scenario: losses as well as gains ---
printf '[scenario]\nname=close\n[remove]\nids=G2\n' > "$TMP/close.ini"
exit_code 0 "$GA" scenario "$TMP/close.ini" --communes "$COM" --facilities "$TMP/two.csv" $M --threshold 10 --no-apl --out "$TMP/s"
check "scenario exits 0" [ $? -eq 0 ]
check "the table has worse-off people and the largest loss" \
    sh -c "grep -q 'worse off  largest loss' '$TMP/out.txt' && grep 'general practitioner' '$TMP/out.txt' | grep -q '0 (0) *0.0 min *250 (2) *1.0 min'"
check "the summary has them too" grep -q "^close,time_gp,10,0,0,0,0,0,0,0.00,2,250,1.00$" "$TMP/s/scenarios_summary.csv"

# --- the walking profile's access leg at walking speed ---
OSM="$GA_TEST_DIR/fixtures/graph/synthetic_tiny.osm"
exit_code 0 "$GA" graph --roads "$OSM" --profile walk --out "$TMP/w.gagraph"
printf 'id,lon,lat\nA,3.8700,43.6000\n' > "$TMP/a.csv"
# B on the road, C 50 m south of it
printf 'id,lon,lat\nB,3.8725,43.6000\nC,3.8725,43.59955\n' > "$TMP/bc.csv"
exit_code 0 "$GA" od --graph "$TMP/w.gagraph" --origins "$TMP/a.csv" --destinations "$TMP/bc.csv" --decimals 4
check "walking: 50 m off the road cost 0.6 min (5 km/h), not 0.15 (20 km/h)" \
    awk -F, '$2=="B"{b=$3} $2=="C"{c=$3} END{d=c-b; exit !(d > 0.59 && d < 0.61)}' "$TMP/out.txt"
exit_code 0 "$GA" catchment --graph "$TMP/w.gagraph" --facilities "$TMP/a.csv" --skip-unsnapped --thresholds 5 --out "$TMP/wk"
check "the model says so" grep -q "access leg at 5 km/h" "$TMP/out.txt"

# --- od sees the corrected FINESS rows, like run ---
exit_code 0 "$GA" od --origins "$GA_SOURCE_ROOT/geodata/herault/communes_cog2023/communes_34_cog2023.shp" \
    --destinations "$GA_SOURCE_ROOT/geodata/herault/hospitals_finess2020/hospitals_34_eurostat_finess2020.csv" \
    --id-col finess_et
check "od: Béziers -> CH de Béziers within 10 min (not 324.6)" \
    awk -F, '$1=="34032" && $2=="340000033" {f=1; exit !($3 < 10)} END{if (!f) exit 1}' "$TMP/out.txt"
exit_code 0 "$GA" run --out "$TMP/run"
check "run notes the corrected rows" grep -q "FINESS 340000033 (CENTRE HOSPITALIER DE BEZIERS): source geocoding 45.42953,4.40406" "$TMP/out.txt"
check "run and od place the CH de Béziers at the same point" \
    grep -q "^340000033,.*,720633.6,6248980.2" "$GA_SOURCE_ROOT/geodata/herault/hospitals_finess2020/hospitals_34_eurostat_finess2020.csv"

# --- messages ---
printf 'id,lon,lat,type\nP1,3.8700,43.6000,pharm\n' > "$TMP/pf.csv"
exit_code 0 "$GA" catchment --roads "$OSM" --skip-unsnapped --facilities "$TMP/pf.csv" --thresholds 2 --out "$TMP/kr"
check "a warning is printed once" [ "$(grep -c 'further than 1000 m from every road' "$TMP/err.txt")" -eq 1 ]
printf 'finess_et,y_l93\n340000025,6244627.9\n340799999,6482098.3\n' > "$TMP/ids.csv"
exit_code 0 "$GA" info "$TMP/ids.csv"
check "info: FINESS ids in full" grep -q "340000025 .. 340799999" "$TMP/out.txt"
check "info: Lambert-93 y in full" grep -q "6244627.9 .. 6482098.3" "$TMP/out.txt"
exit_code 0 "$GA" graph --roads "$OSM" --out "$TMP/c.gagraph" --export "$TMP/edges.csv"
check "graph --help lists the export's columns" sh -c "'$GA' graph --help | grep -q -- '$(head -1 "$TMP/edges.csv")'"
exit_code 2 "$GA" nearest --communes "$COM" --facilities "$TMP/two.csv" $M --types urg --out "$TMP/x"
check "an unknown type: exit 2" [ $? -eq 0 ]
check "and the types present are listed" grep -q "no facility of type 'urg' (types present: 'gp')" "$TMP/err.txt"
exit_code 2 "$GA" zones --communes "$COM" --facilities "$TMP/two.csv" $M --rule "time to mat > 3" --out "$TMP/x"
check "zones: an unknown type lists the types present" grep -q "(types present: 'gp')" "$TMP/err.txt"

# --- coverage: groups by name ---
printf 'insee_code,epci_siren,epci_nom\n34001,200066355,CA Béziers Méditerranée\n34002,200066355,CA Béziers Méditerranée\n34003,243400017,"Montpellier, Méditerranée Métropole"\n34004,243400017,"Montpellier, Méditerranée Métropole"\n' > "$TMP/epci.csv"
exit_code 0 "$GA" coverage --communes "$COM" --facilities "$TMP/two.csv" $M --thresholds 1 --groups "$TMP/epci.csv" --group-col epci_siren --out "$TMP/c"
check "coverage by EPCI exits 0" [ $? -eq 0 ]
check "the name column is found" grep -q "named by epci_nom" "$TMP/out.txt"
check "coverage.csv has the group's name" grep -q '^gp,1,243400017,"Montpellier, Méditerranée Métropole",2,' "$TMP/c/coverage.csv"
check "the table shows the name" grep -q "CA Béziers Méditerranée (200066355)" "$TMP/out.txt"
printf 'insee_code,grp,label\n34001,g1,West\n34002,g1,West\n34003,g2,North\n34004,g2,North\n' > "$TMP/g.csv"
exit_code 0 "$GA" coverage --communes "$COM" --facilities "$TMP/two.csv" $M --thresholds 1 --groups "$TMP/g.csv" --group-col grp --group-name-col label --out "$TMP/c2"
check "--group-name-col names the groups" grep -q "^gp,1,g2,North,2,0,350,0,0.0000,0,0$" "$TMP/c2/coverage.csv"
printf 'insee_code,grp,label\n34001,g1,West\n34002,g1,East\n' > "$TMP/g2.csv"
exit_code 1 "$GA" coverage --communes "$COM" --facilities "$TMP/two.csv" $M --groups "$TMP/g2.csv" --group-col grp --group-name-col label --out "$TMP/c3"
check "a group with two names: exit 1 naming both" grep -q "group 'g1' has two names in column 'label': 'West' and 'East'" "$TMP/err.txt"

tap_done
