#!/bin/sh
# geoaccess zones --sensitivity end to end (TAP): on the hand-made communes
# of make_fixtures.c (A = [0,1]x[0,1] km, 100 people; B = [1,2]x[0,1] km,
# 200, its point exactly 1 km from A's centre; D, 50, two parts at x = 3 to
# 3.5 km, more than 2.5 km away) with a reference straight-line model of 1
# minute per km; and on the embedded default, where a grid of one point
# must give plain `zones` exactly.
# Usage: cli_zones_sensitivity.sh GEOACCESS_BINARY SHP_FIXTURES_DIR
set -u
GA=$1
FIX=$2
. "$(dirname "$0")/tap.sh"
COM="$FIX/good/communes.shp"
M="--detour 1 --speed 60"
printf 'id,x,y,type\nG1,770500,6280500,gp\n' > "$TMP/one.csv"

# --- usage errors: exit 2, named, nothing written ---
exit_code 2 "$GA" zones --rule "time to gp > 1" --grid-speeds 50 --out "$TMP/e1"
check "--grid-speeds without --sensitivity: exit 2" grep -q "need --sensitivity" "$TMP/err.txt"
exit_code 2 "$GA" zones --rule "time to gp > 1" --sensitivity --grid-detours 0.9 --out "$TMP/e2"
check "a detour factor under 1: exit 2 naming it" grep -q -- "--grid-detours: 0.9 is below 1" "$TMP/err.txt"
exit_code 2 "$GA" zones --rule "time to gp > 1" --sensitivity --grid-speeds 50,x --out "$TMP/e3"
check "a speed that is not a number: exit 2 naming it" grep -q -- "--grid-speeds: 'x' is not a positive number" "$TMP/err.txt"
exit_code 2 "$GA" zones --rule "time to gp > 1" --sensitivity --grid-decays "drees;steps:10" --out "$TMP/e4"
check "bad bands: exit 2 naming them" grep -q -- "--grid-decays: 'steps:10'" "$TMP/err.txt"
exit_code 2 "$GA" zones --rule "time to gp > 1" --sensitivity --graph "$TMP/none.gagraph" --out "$TMP/e5"
check "--sensitivity on a road graph: exit 2" grep -q "not with --roads or --graph" "$TMP/err.txt"
check "nothing written" sh -c "! ls -d '$TMP'/e? 2>/dev/null"

# --- by hand: rule time to gp > 1.05 over speeds 50, 60, 70 x detours 1, 1.1 ---
# B (1 km): 1.2, 1.32 (speed 50), 1.0, 1.1 (60), 0.857, 0.943 (70) minutes:
# over 1.05 in 3 of the 6 runs. D (> 2.5 km): over 2.1 minutes in every run.
# A (0 km): never.
exit_code 0 "$GA" zones --communes "$COM" --facilities "$TMP/one.csv" $M --rule "far: time to gp > 1.05" \
    --sensitivity --grid-speeds 50,60,70 --grid-detours 1,1.1 --out "$TMP/h"
check "exit 0" [ $? -eq 0 ]
check "the header" [ "$(head -1 "$TMP/h/zones_far_sensitivity.csv")" = "insee,nom,pop,zone_runs,total_runs,share" ]
check "B near the edge: 3 of 6 runs" grep -q "^34002,Béziers,200,3,6,0.5000$" "$TMP/h/zones_far_sensitivity.csv"
check "D far beyond: 6 of 6 runs" grep -q "^34004,[^,]*,50,6,6,1.0000$" "$TMP/h/zones_far_sensitivity.csv"
check "A at the facility: never" grep -q "^34001,Abeilhan,100,0,6,0.0000$" "$TMP/h/zones_far_sensitivity.csv"
check "6 runs without the APL (acts and bands do not count)" [ "$(tail -n +2 "$TMP/h/zones_sensitivity_runs.csv" | wc -l)" -eq 6 ]
check "the runs' communes add up to the communes' runs" sh -c "
    a=\$(awk -F, 'NR>1 {s+=\$7} END {print s}' '$TMP/h/zones_sensitivity_runs.csv');
    b=\$(awk -F, 'NR>1 {s+=\$4} END {print s}' '$TMP/h/zones_far_sensitivity.csv'); [ \"\$a\" = \"\$b\" ]"
check "the summary line" grep -q "under every assumption (6 of 6)" "$TMP/out.txt"
check "the map" [ -s "$TMP/h/map_zones_far_sensitivity.png" ]

# --- a grid of one point (the model's own) gives plain zones, APL rule included ---
exit_code 0 "$GA" zones --rule "urg30: time to urg > 30" --rule "desert: apl < 2.5 and time to gp > 10" \
    --sensitivity --grid-speeds 60 --grid-detours 1.3 --grid-acts 5400 --grid-decays drees --out "$TMP/one"
check "one point: exit 0" [ $? -eq 0 ]
for r in urg30 desert; do
    check "$r: the communes in zone in the single run are those of zones_$r.csv" sh -c "
        cut -d, -f1 '$TMP/one/zones_$r.csv' | tail -n +2 | sort > '$TMP/a_$r';
        awk -F, 'NR>1 && \$4==1 {print \$1}' '$TMP/one/zones_${r}_sensitivity.csv' | sort > '$TMP/b_$r';
        [ -s '$TMP/a_$r' ] && cmp -s '$TMP/a_$r' '$TMP/b_$r'"
done
check "and every commune's total is 1" sh -c "awk -F, 'NR>1 && \$5!=1 {exit 1}' '$TMP/one/zones_desert_sensitivity.csv'"

# --- the default grid on the default: 9 runs, 12 with the APL ---
exit_code 0 "$GA" zones --rule "urg30: time to urg > 30" --rule "apl: apl < 2.5" --sensitivity --out "$TMP/d"
check "default grid: exit 0" [ $? -eq 0 ]
check "9 runs for a time rule" sh -c "awk -F, 'NR>1 && \$5!=9 {exit 1}' '$TMP/d/zones_urg30_sensitivity.csv'"
check "12 runs for an APL rule" sh -c "awk -F, 'NR>1 && \$5!=12 {exit 1}' '$TMP/d/zones_apl_sensitivity.csv'"
for r in urg30 apl; do
    own=$(($(wc -l < "$TMP/d/zones_$r.csv") - 1))
    check "$r: the central run (60 km/h, 1.3, 5400, drees) of the default grid finds plain zones' $own communes" \
        grep -q "^5,60,1.3,5400,drees,$r,$own," "$TMP/d/zones_sensitivity_runs.csv"
done
check "a zone under every assumption is one under the model's own" sh -c "
    awk -F, 'NR>1 && \$4==\$5 {print \$1}' '$TMP/d/zones_urg30_sensitivity.csv' | sort > '$TMP/every';
    cut -d, -f1 '$TMP/d/zones_urg30.csv' | tail -n +2 | sort > '$TMP/own'; [ -z \"\$(comm -23 '$TMP/every' '$TMP/own')\" ]"

# --- the study key: the same figures as the command on the study's rule ---
exit_code 0 "$GA" run --set zones.sensitivity=true --out "$TMP/run"
check "run with zones.sensitivity: exit 0" [ $? -eq 0 ]
check "run prints the summary line" grep -q "sensitivity (speed x detour): .* under every assumption (9 of 9)" "$TMP/out.txt"
exit_code 0 "$GA" zones --rule "hosp30: time to hosp > 30" --sensitivity --out "$TMP/z30"
check "the study's table is the command's" cmp -s "$TMP/run/zones_hosp30_sensitivity.csv" "$TMP/z30/zones_hosp30_sensitivity.csv"
check "and its map" [ -s "$TMP/run/map_zones_hosp30_sensitivity.png" ]
exit_code 0 "$GA" run --out "$TMP/run0"
check "without the key: no sensitivity file" [ ! -e "$TMP/run0/zones_hosp30_sensitivity.csv" ]

tap_done
