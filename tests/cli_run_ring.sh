#!/bin/sh
# `geoaccess run` on the embedded default with the ring of neighbouring
# communes (issue 9, section 1), against the same run on a copy of the data
# folder without the ring (TAP).
# Then `geoaccess apl` with tables by arrondissement (section 6).
# Usage: cli_run_ring.sh GEOACCESS_BINARY GEODATA_DIR SHP_FIXTURES_DIR
set -u
GA=$1
DATA=$2
FIX=$3
. "$(dirname "$0")/tap.sh"

# the data folder without its ring
mkdir "$TMP/noring"
ln -s "$(cd "$DATA" && pwd)/herault" "$TMP/noring/herault"

"$GA" run --data "$DATA" --out "$TMP/with" >"$TMP/with.txt" 2>"$TMP/with.err"
check "run with the ring: exit 0" [ $? -eq 0 ]
"$GA" run --data "$TMP/noring" --out "$TMP/alone" >"$TMP/alone.txt" 2>"$TMP/alone.err"
check "run without the ring: exit 0" [ $? -eq 0 ]

# every row is Hérault's
check "342 communes, all of Hérault" [ "$(tail -n +2 "$TMP/with/communes_access.csv" | cut -d, -f1 | grep -c '^34')" -eq 342 ]
check "no other row" [ "$(wc -l < "$TMP/with/communes_access.csv")" -eq 343 ]

# Olonzac (34189), on the Aude border: its nearest emergency department is
# across the border, nearer than Hérault's nearest
col() { head -1 "$1" | tr ',' '\n' | grep -n "^$2\$" | cut -d: -f1; }
field() { # field FILE INSEE COLUMN
    c=$(col "$1" "$3"); grep "^$2," "$1" | cut -d, -f"$c"
}
W=$TMP/with/communes_access.csv
A=$TMP/alone/communes_access.csv
urg_with=$(field "$W" 34189 urg_min)
urg_alone=$(field "$A" 34189 urg_min)
urg_id=$(field "$W" 34189 urg_id)
echo "# Olonzac: emergency department $urg_with min with the ring ($urg_id), $urg_alone min without"
check "Olonzac: nearer emergency department with the ring" awk -v a="$urg_with" -v b="$urg_alone" 'BEGIN { exit !(a + 0 < b - 10) }'
check "Olonzac: it is a facility of the ring (facilities.csv ring = 1, in Aude)" \
    grep -q "^$urg_id,urg,11[0-9][0-9][0-9],[0-9]*,1\$" "$TMP/with/facilities.csv"
check "Olonzac: time = straight-line km x 1.3 / 60 km/h" \
    awk -v t="$urg_with" -v d="$(field "$W" 34189 urg_km)" 'BEGIN { x = d * 1.3 - t; exit !(x < 0.01 && x > -0.01) }'
check "without the ring no facility is flagged ring" [ "$(tail -n +2 "$TMP/alone/facilities.csv" | grep -c ',1$')" -eq 0 ]
check "Hérault's facilities are the same with the ring" \
    [ "$(tail -n +2 "$TMP/with/facilities.csv" | grep -c ',0$')" -eq "$(tail -n +2 "$TMP/alone/facilities.csv" | wc -l)" ]

# the summary: mean APL with and without the ring; the second is the mean of
# the run without the ring
line=$(grep "mean APL with the ring" "$TMP/with.txt")
echo "# $line"
alone_mean=$(sed -n 's/.*mean APL (weighted by standardised population): \([0-9.]*\);.*/\1/p' "$TMP/alone.txt")
check "summary: the mean APL without the ring is the run's without it ($alone_mean)" \
    sh -c "echo '$line' | grep -q 'without: $alone_mean;'"
with_mean=$(sed -n 's/.*mean APL (weighted by standardised population): \([0-9.]*\);.*/\1/p' "$TMP/with.txt")
check "summary: the run's mean APL is the one with the ring ($with_mean)" \
    sh -c "echo '$line' | grep -q 'with the ring: $with_mean,'"
ac=$(col "$W" apl)
check "the scenario's base APL is the run's, with the ring ($with_mean)" grep -q "APL to GPs: mean $with_mean ->" "$TMP/with.txt"
check "the APL of some border commune changes" [ "$(cut -d, -f"$ac" "$W" | md5sum)" != "$(cut -d, -f"$ac" "$A" | md5sum)" ]

# the share within 45 minutes of a maternity unit, recomputed from the table
mc=$(col "$W" mat_min)
pc=$(col "$W" pop)
want=$(tail -n +2 "$W" | awk -F, -v m="$mc" -v p="$pc" '$m != "" && $m <= 45 { s += $p } END { printf "%.0f", s }')
check "summary: people within 45 minutes of a maternity unit = the table's ($want)" \
    grep -q "Within 45 minutes of a maternity unit: $want people" "$TMP/with.txt"
grep "Within 45 minutes" "$TMP/with.txt" | sed 's/^/# /'
check "without the ring no ring section" sh -c "! grep -q 'Neighbouring communes' '$TMP/alone.txt'"

# a model that reaches beyond the ring is warned about: 46.154 km x 1.3 /
# 90 km/h = 40.0 minutes
"$GA" run --data "$DATA" --out "$TMP/fast" --speed 90 >/dev/null 2>"$TMP/fast.err"
check "run --speed 90: exit 0" [ $? -eq 0 ]
check "run --speed 90: the ring holds 40.0 minutes, warned" grep -q "holds 40.0 minutes" "$TMP/fast.err"
check "run at the default speed: no such warning" sh -c "! grep -q 'holds' '$TMP/with.err'"

# the planning commands on the embedded default count the ring too: the
# coverage of maternity units within 45 minutes is run's figure
"$GA" coverage --data "$DATA" --types mat --thresholds 45,90 --out "$TMP/cov" >"$TMP/cov.txt" 2>"$TMP/cov.err"
check "coverage: exit 0" [ $? -eq 0 ]
check "coverage: maternity within 45 minutes = run's ($want)" grep -q "^mat,45,(all),342,[0-9]*,1201883,$want," "$TMP/cov/coverage.csv"
check "coverage --thresholds 90: beyond the ring's 60.0 minutes, warned" grep -q "holds 60.0 minutes" "$TMP/cov.err"

# apl: Paris whole in the layer (plm fixture: 75056 and 92012, centres 2 km
# apart, 2 minutes at --detour 1 --speed 60), people and GPs by arrondissement
# and an overseas row. By hand: Paris 100 + 50 = 150 standardised people,
# 92012 50; one GP in 75101 x 5,400: R = 5400 / (150 + 50) = 27 for both.
printf 'insee_code,pop_std,pop_tot\n75101,100,110\n75102,50,55\n92012,50,60\n97411,999,999\n' > "$TMP/plm_pop.csv"
printf 'insee_code,gp\n75101,1\n97411,3\n' > "$TMP/plm_gp.csv"
"$GA" apl --communes "$FIX/plm/communes.shp" --demand "$TMP/plm_pop.csv" --std-col pop_std --pop-col pop_tot \
    --practitioners "$TMP/plm_gp.csv" --fte-col gp --detour 1 --speed 60 --out "$TMP/plm" >"$TMP/plm.txt" 2>"$TMP/plm.err"
check "apl by arrondissement: exit 0" [ $? -eq 0 ]
check "apl: Paris has its arrondissements' people and GP (APL 27)" grep -q "^75056,75056,150,165,5400,27\$" "$TMP/plm/apl.csv"
check "apl: 92012 shares Paris's GP (APL 27)" grep -q "^92012,92012,50,60,0,27\$" "$TMP/plm/apl.csv"
check "apl: the folds are said" grep -q "2 arrondissement rows folded into their commune" "$TMP/plm.err"
check "apl: the overseas rows are counted" grep -q "1 overseas rows (999 of 'pop_std') left out" "$TMP/plm.err"
sed 's/^/# /' "$TMP/plm.err"

tap_done
