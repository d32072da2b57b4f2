#!/bin/sh
# Inputs that cannot be right are refused (TAP): degrees read as metres, a
# .prj that does not match its coordinates, empty tables, other formats given
# as CSV, a coordinate column without its pair, hexadecimal numbers, option
# values that are not numbers or out of range, values too large to be true,
# and long values cut in messages. Every case checks the exit code and that
# the message names the file, the line or record and the column.
# Usage: cli_inputs.sh GEOACCESS_BINARY SHP_FIXTURES_DIR
set -u
GA=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
FIX=$(cd "$2" && pwd)
. "$(dirname "$0")/tap.sh"
run() { # run COMMAND...: output in out.txt/err.txt, exit code in $rc
    "$@" >"$TMP/out.txt" 2>"$TMP/err.txt"
    rc=$?
}
expect() { # expect DESCRIPTION EXIT_CODE TEXT_IN_STDERR...
    d=$1; want=$2; shift 2
    good=1
    [ "$rc" -eq "$want" ] || { echo "# exit $rc, expected $want"; good=0; }
    for text in "$@"; do
        grep -qF -- "$text" "$TMP/err.txt" || { echo "# stderr lacks: $text"; good=0; }
    done
    [ $good -eq 1 ] || sed 's/^/# stderr: /' "$TMP/err.txt" | cut -c1-300
    if [ $good -eq 1 ]; then ok "$d"; else not_ok "$d"; fi
}

cd "$TMP" || exit 1
printf 'id,x,y\nA,770000,6280000\nB,773000,6284000\n' > l93.csv
printf 'id,lon,lat\nA,3.8797,43.6086\nB,3.2158,43.3442\n' > ll.csv

# --- degrees read as metres ---
printf 'id,x,y\nMTP,3.8797,43.6086\nBEZ,3.2158,43.3442\n' > deg.csv
run "$GA" od --origins deg.csv --destinations l93.csv --out od.csv
expect "od: longitude/latitude in x,y columns: exit 1, says what they look like and what to do" 1 \
    "deg.csv: line 2: columns 'x','y'" "looks like longitude/latitude" \
    "name the columns lon,lat or pass --crs EPSG:4326"
check "od: no output written" [ ! -e od.csv ]
run "$GA" od --origins deg.csv --destinations l93.csv --crs EPSG:2154
expect "od --crs EPSG:2154 on degrees: exit 1" 1 "deg.csv: line 2" "longitude/latitude"
run "$GA" od --origins deg.csv --destinations ll.csv --crs EPSG:4326
expect "od --crs EPSG:4326 on the same file: exit 0" 0
check "  Montpellier - Beziers by the straight-line model takes more than 50 minutes" \
    awk -F, '$1 == "MTP" && $2 == "B" { f = ($3 > 50) } END { exit !f }' "$TMP/out.txt"
printf 'id,x,y\nA,770000,6280000\nB,3.88,43.6\n' > mixed.csv
run "$GA" od --origins mixed.csv --destinations l93.csv
expect "od: one point in degrees among Lambert-93 ones: exit 1 naming its line" 1 \
    "mixed.csv: line 3: columns 'x','y'" "lies outside RGF93 v1 / Lambert-93"
run "$GA" od --origins l93.csv --destinations l93.csv --crs EPSG:4326
expect "od --crs EPSG:4326 on Lambert-93 metres: exit 1, says they look projected" 1 \
    "l93.csv: line 2: columns 'x','y'" "look like projected coordinates in metres"
printf 'id,lon,lat\nA,3.8797,4.36086\n' > typo.csv
run "$GA" od --origins typo.csv --destinations l93.csv
expect "od: a latitude typo (4.36 for 43.6) leaves the working CRS's area: exit 1" 1 \
    "typo.csv: line 2: columns 'lon','lat'" "outside the working CRS RGF93 v1 / Lambert-93"
printf 'id,x,y\nA,1e308,1e308\n' > huge.csv
run "$GA" od --origins huge.csv --destinations l93.csv
expect "od: coordinates of 1e308: exit 1" 1 "huge.csv: line 2: columns 'x','y'"
printf 'id,lon,lat\nGIRONA,2.8214,41.9794\nAOSTA,7.3154,45.7373\n' > border.csv
run "$GA" od --origins border.csv --destinations ll.csv
expect "od: places just across the border (Girona, Aosta) are accepted" 0

# --- a .prj that does not match the coordinates ---
run "$GA" od --origins "$FIX/degprj/communes.shp" --destinations l93.csv
expect "od: communes in degrees under a Lambert-93 .prj: exit 1, record and advice" 1 \
    "degprj/communes.shp: record 1 (id '34001')" "longitude/latitude" "the .prj should be one for longitude/latitude (EPSG:4326)"
run "$GA" od --origins "$FIX/metreprj/communes.shp" --destinations l93.csv
expect "od: communes in metres under a WGS 84 .prj: exit 1" 1 \
    "metreprj/communes.shp: record 1 (id '34001')" "projected coordinates in metres"
run "$GA" od --origins "$FIX/degpoints/facilities.shp" --destinations l93.csv
expect "od: points in degrees under a Lambert-93 .prj: exit 1" 1 \
    "degpoints/facilities.shp: record 1" "EPSG:4326"
run "$GA" od --origins "$FIX/wgs84/communes.shp" --destinations "$FIX/good/communes.shp"
expect "od: the same communes with the right .prj (WGS 84, Lambert-93) are accepted" 0

# --- empty inputs ---
printf 'id,x,y\n' > empty.csv
run "$GA" od --origins empty.csv --destinations l93.csv
expect "od: header-only origins: exit 1 naming the file" 1 "empty.csv: no data row"
run "$GA" od --origins l93.csv --destinations empty.csv
expect "od: header-only destinations: exit 1 naming the file" 1 "empty.csv: no data row"
run "$GA" od --origins "$FIX/nopoints/facilities.shp" --destinations l93.csv
expect "od: a point shapefile with no record: exit 1" 1 "nopoints/facilities.shp: no records"
printf 'id,x,y,type\n' > nofac.csv
run "$GA" nearest --communes "$FIX/good/communes.shp" --facilities nofac.csv --out near_empty
expect "nearest: header-only facilities: exit 1 naming the file" 1 "nofac.csv: no data row"
printf 'id,population\n' > dem_empty.csv
printf 'id,capacity\nS,1\n' > sup1.csv
printf 'from_id,to_id,cost\nA,S,5\n' > m1.csv
run "$GA" fca --matrix m1.csv --demand dem_empty.csv --supply sup1.csv --method 2sfca --decay binary:30
expect "fca: header-only demand: exit 1 naming the file" 1 "dem_empty.csv: no data row"
printf 'id,population\nA,100\n' > dem1.csv
printf 'from_id,to_id,cost\n' > m_empty.csv
run "$GA" fca --matrix m_empty.csv --demand dem1.csv --supply sup1.csv --method 2sfca --decay binary:30
expect "fca: header-only matrix: exit 1 naming the file" 1 "m_empty.csv: no data row"
printf 'commune,headcount\n' > gp_empty.csv
run "$GA" apl --communes "$FIX/good/communes.shp" --practitioners gp_empty.csv --fte-col headcount --out apl_empty
expect "apl: header-only practitioners: exit 1 naming the file" 1 "gp_empty.csv: no data row"

# --- other formats given as CSV ---
printf '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[3.88,43.61]},"properties":{"id":"A"}}]}\n' > pts.geojson
run "$GA" od --origins pts.geojson --destinations l93.csv
expect "od: a GeoJSON: exit 1, named and how to convert it" 1 "pts.geojson: JSON (GeoJSON?), not CSV text" "ogr2ogr -f CSV"
printf 'PK\003\004\024\000\006\000\010\000\000\000!\000\142\356\235\150\136\001\000\000\220\004\000\000\023\000\010\002[Content_Types].xml \242\004\002(\240\000\002' > book.xlsx
run "$GA" od --origins book.xlsx --destinations l93.csv
expect "od: an XLSX: exit 1, says to save it as CSV" 1 "book.xlsx: a ZIP archive (an Excel .xlsx" "save the sheet as CSV"
run "$GA" fca --matrix m1.csv --demand book.xlsx --supply sup1.csv --method 2sfca --decay binary:30
expect "fca: an XLSX as demand: exit 1, same message" 1 "book.xlsx: a ZIP archive"

# --- a coordinate column without its pair (crashed od, fca, catchment, nearest, coverage) ---
printf 'id,x,type,population,capacity\nA,770000,gp,10,1\n' > xonly.csv
run "$GA" od --origins xonly.csv --destinations l93.csv
expect "od: x without y: exit 1, names the column" 1 "xonly.csv: no column 'y' (to go with column 'x')"
run "$GA" fca --demand xonly.csv --supply xonly.csv --method 2sfca --decay binary:30
expect "fca: x without y: exit 1" 1 "xonly.csv: no column 'y'"
for cmd in catchment nearest coverage; do
    run "$GA" $cmd --communes "$FIX/good/communes.shp" --facilities xonly.csv --out "out_$cmd"
    expect "$cmd: x without y in --facilities: exit 1" 1 "xonly.csv: no column 'y'"
done
printf 'id,lat\nA,43.6\n' > latonly.csv
run "$GA" od --origins latonly.csv --destinations l93.csv
expect "od: lat without lon: exit 1" 1 "latonly.csv: no column 'lon' (to go with column 'lat')"

# --- hexadecimal and other non-decimal numbers ---
printf 'id,x,y\nA,0x10,6280000\n' > hex.csv
run "$GA" od --origins hex.csv --destinations l93.csv
expect "od: 0x10 in a numeric column: exit 1 with file, line and column" 1 "hex.csv: line 2: column 'x': not a number ('0x10'"
printf 'id,population\nA,0x10\n' > dem_hex.csv
run "$GA" fca --matrix m1.csv --demand dem_hex.csv --supply sup1.csv --method 2sfca --decay binary:30
expect "fca: 0x10 as a population: exit 1" 1 "dem_hex.csv: line 2: column 'population': not a number"
printf 'from_id,to_id,cost\nA,S,0x10\n' > m_hex.csv
run "$GA" fca --matrix m_hex.csv --demand dem1.csv --supply sup1.csv --method 2sfca --decay binary:30
expect "fca: 0x10 as a matrix cost: exit 1" 1 "m_hex.csv: line 2: column 'cost': not a number"

# --- option values ---
run "$GA" od --origins l93.csv --destinations l93.csv --max-cost nan
expect "od --max-cost nan: exit 2" 2 "--max-cost must be a number"
run "$GA" fca --matrix m1.csv --demand dem1.csv --supply sup1.csv --method 2sfca --decay binary:30 --max-cost nan
expect "fca --max-cost nan: exit 2" 2 "--max-cost must be a number"
run "$GA" od --origins l93.csv --destinations l93.csv --threads -3
expect "od --threads -3 (straight-line model): exit 2" 2 "--threads must be >= 0"
run "$GA" fca --matrix m1.csv --demand dem1.csv --supply sup1.csv --method 2sfca --decay binary:30 --threads -3
expect "fca --matrix --threads -3: exit 2" 2 "--threads must be >= 0"
run "$GA" fca --matrix m1.csv --demand dem1.csv --supply sup1.csv --method gravity --decay power:-2
expect "fca --decay power:-2: exit 2, the weight would grow with the cost" 2 "decay 'power:-2': the weight grows with the cost"
run "$GA" fca --matrix m1.csv --demand dem1.csv --supply sup1.csv --method e2sfca --decay steps:10=0.5,20=1
expect "fca --decay steps with a growing weight: exit 2" 2 "the weight grows with the cost"
run "$GA" fca --matrix m1.csv --demand dem1.csv --supply sup1.csv --method gravity --decay power:1
expect "fca --decay power:1 is accepted" 0
run "$GA" od --origins l93.csv --destinations l93.csv --detour nan
expect "od --detour nan: exit 2 (was taken as 'not given')" 2 "--detour: 'nan' is not a decimal number"
run "$GA" fca --matrix m1.csv --demand dem1.csv --supply sup1.csv --method availability --decay binary:30 --alpha nan
expect "fca --alpha nan: exit 2" 2 "--alpha must be a number"

# --- values too large to be true ---
printf 'id,population\nA,1e308\nB,1e308\n' > dem_big.csv
printf 'from_id,to_id,cost\nA,S,5\nB,S,5\n' > m2.csv
printf 'id,capacity\nS,10\n' > sup10.csv
run "$GA" fca --matrix m2.csv --demand dem_big.csv --supply sup10.csv --method availability --decay binary:30
expect "fca availability with populations of 1e308: exit 1 (printed -nan), says the range" 1 \
    "dem_big.csv: line 2: column 'population'" "above 1e12"
check "  no -nan printed" sh -c "! grep -q nan '$TMP/out.txt'"
printf 'id,x,y,capacity\nF,770000,6280000,1e308\n' > fac_big.csv
run "$GA" nearest --communes "$FIX/good/communes.shp" --facilities fac_big.csv --capacity-col capacity --out near_big
expect "nearest: a capacity of 1e308: exit 1" 1 "fac_big.csv: line 2: column 'capacity'" "above 1e12"
printf 'insee,population\n34001,1e308\n' > apl_big.csv
printf 'commune,headcount\n34001,1\n' > gp1.csv
printf 'from_id,to_id,cost\n34001,34001,0\n' > apl_m.csv
run "$GA" apl --demand apl_big.csv --practitioners gp1.csv --fte-col headcount --matrix apl_m.csv --out apl_big
expect "apl: a population of 1e308: exit 1" 1 "apl_big.csv: commune '34001': population 1e+308 above 1e12"

# --- long values are cut in messages ---
head -c 10000000 /dev/zero | tr '\0' 'a' > longid.txt
{ printf 'id,x,y\n'; cat longid.txt; printf ',770000,6280000\n'; cat longid.txt; printf ',771000,6280000\n'; } > dup_long.csv
run "$GA" od --origins dup_long.csv --destinations l93.csv
expect "od: a 10 MB id repeated: exit 1, the id cut to 60 characters and its size" 1 \
    "id 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…(10000000 bytes)' already used"
check "  the message is short (< 1000 bytes)" [ "$(wc -c < "$TMP/err.txt")" -lt 1000 ]
{ printf 'id,x,y\nA,'; cat longid.txt; printf ',6280000\n'; } > long_num.csv
run "$GA" od --origins long_num.csv --destinations l93.csv
expect "od: a 10 MB number: exit 1, value cut" 1 "long_num.csv: line 2: column 'x': not a number ('aaaa" "…(10000000 bytes)"
check "  the message is short (< 1000 bytes)" [ "$(wc -c < "$TMP/err.txt")" -lt 1000 ]
long_arg=$(head -c 100000 longid.txt)
run "$GA" od --origins l93.csv --destinations l93.csv --metric "$long_arg"
expect "od --metric with a 100 kB value: exit 2, the value cut" 2 "…(100000 bytes)"
check "  the message is short (< 1000 bytes)" [ "$(wc -c < "$TMP/err.txt")" -lt 1000 ]
run "$GA" coverage --communes "$FIX/good/communes.shp" --facilities l93.csv --thresholds 0x10 --out cov
expect "coverage --thresholds 0x10: exit 2" 2 "'0x10' is not a positive number"

tap_done
