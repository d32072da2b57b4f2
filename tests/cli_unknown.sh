#!/bin/sh
# Places that cannot be routed are unknown, not far (issue 9, section 3), end
# to end (TAP). The synthetic road fixture islands/roads of make_fixtures.c
# has two pieces that do not touch: a main road along y = 0.5 km through the
# centres of communes A (34001, 100 people) and B (34002, 200 people), and an
# island through D (34004, 50 people); C (34003, 300 people) is more than
# 500 m from every road. Built with --keep-components, D's point snaps to the
# island, cut off from the main road; C is beyond the snap distance (1000 m
# by default: C's point is 1.2 km from the road). Residential roads: 30 km/h,
# so B's point is 2 minutes from A's.
# Usage: cli_unknown.sh GEOACCESS_BINARY SHP_FIXTURES_DIR
set -u
GA=$1
FIX=$2
. "$(dirname "$0")/tap.sh"
COM="$FIX/good/communes.shp"
G="$TMP/islands.gagraph"
exit_code 0 "$GA" graph --roads "$FIX/islands/roads.shp" --keep-components --out "$G"
check "graph of two islands, every component kept" [ $? -eq 0 ]
# G1 at A's centre (main road), GI on the island, GF in C's hole (far from every road)
printf 'id,x,y,type,capacity\nG1,770500,6280500,gp,1\nGI,773250,6280250,gp,1\nGF,771000,6282000,gp,1\n' > "$TMP/fac.csv"
R="--communes $COM --facilities $TMP/fac.csv --graph $G"

# --- od: the error suggests the options; with --skip-unsnapped the points
# not routed are rows with empty costs, never silently absent ---
exit_code 1 "$GA" od --graph "$G" --origins "$COM" --destinations "$COM"
check "od with a commune beyond the snap distance: exit 1" [ $? -eq 0 ]
check "the error names the commune" grep -q "origin '34003'.*no road within 1000 m" "$TMP/err.txt"
check "and suggests --snap-distance and --skip-unsnapped" \
    sh -c "grep -q -- '--snap-distance' '$TMP/err.txt' && grep -q -- '--skip-unsnapped' '$TMP/err.txt'"
exit_code 0 "$GA" od --graph "$G" --origins "$COM" --destinations "$COM" --skip-unsnapped
check "od --skip-unsnapped: exit 0" [ $? -eq 0 ]
check "the commune on the cut-off island has a row with an empty cost" grep -q "^34004,,$" "$TMP/out.txt"
check "and as a destination" grep -q "^,34004,$" "$TMP/out.txt"
check "the commune beyond the snap distance too" sh -c "grep -q '^34003,,$' '$TMP/out.txt' && grep -q '^,34003,$' '$TMP/out.txt'"
check "routed pairs are kept: B -> A 2 minutes" grep -q "^34002,34001,2.000$" "$TMP/out.txt"
check "the warning names the island's commune as cut off" grep -q "cut off from the rest of the network ('34004')" "$TMP/err.txt"
check "and the far one" grep -q "further than 1000 m from every road ('34003')" "$TMP/err.txt"

# --- fca on the od file: unknown, not 0 ---
printf 'insee_code,pop\n34001,100\n34002,200\n34003,300\n34004,50\n' > "$TMP/dem.csv"
printf 'insee_code,cap\n34001,30\n34004,10\n' > "$TMP/sup.csv"
"$GA" od --graph "$G" --origins "$COM" --destinations "$COM" --skip-unsnapped --out "$TMP/m.csv" 2>/dev/null
exit_code 0 "$GA" fca --matrix "$TMP/m.csv" --id-col insee_code --demand "$TMP/dem.csv" --demand-col pop \
    --supply "$TMP/sup.csv" --supply-col cap --method 2sfca --decay binary:10
check "fca on a matrix with points not routed: exit 0" [ $? -eq 0 ]
# A and B share 30 (demand 300): 0.1 each; C and D unknown (empty)
check "A: 30 / (100 + 200) = 0.1" grep -q "^34001,0.10000000000000001$" "$TMP/out.txt"
check "C and D: access unknown, an empty cell" sh -c "grep -q '^34003,$' '$TMP/out.txt' && grep -q '^34004,$' '$TMP/out.txt'"
check "and counted on stderr" grep -q "not routed: 2 demand row(s), demand 350" "$TMP/err.txt"

# --- nearest, coverage, zones ---
exit_code 0 "$GA" nearest $R --skip-unsnapped --out "$TMP/n"
check "nearest --skip-unsnapped: exit 0" [ $? -eq 0 ]
check "the communes not routed have empty cells" sh -c "grep -q '^34003,Sète,300,,,,,$' '$TMP/n/nearest.csv' && grep -q '^34004,[^,]*,50,,,,,$' '$TMP/n/nearest.csv'"
check "B: nearest G1 at 2 minutes" grep -q "^34002,Béziers,200,G1,2.00,1.000,,$" "$TMP/n/nearest.csv"
check "the summary counts them apart" grep -q "not routed (unknown, left out above): 2 commune(s), 350 people" "$TMP/out.txt"
check "the facilities not routed are named" grep -q "destinations cannot be routed.*('GF').*('GI')" "$TMP/err.txt"
exit_code 0 "$GA" coverage $R --skip-unsnapped --thresholds 1 --out "$TMP/c"
check "coverage --skip-unsnapped: exit 0" [ $? -eq 0 ]
check "within 1 min: 100 of the 300 people routed; 2 communes, 350 people unknown" \
    grep -q "^gp,1,(all),2,1,300,100,0.3333,2,350$" "$TMP/c/coverage.csv"
exit_code 0 "$GA" zones $R --skip-unsnapped --rule "far: time to gp > 1" \
    --rule "farx: time to gp > 1 or unknown(time to gp)" --rule "nfar: not time to gp <= 1" --out "$TMP/z"
check "zones --skip-unsnapped: exit 0" [ $? -eq 0 ]
check "far: B only, not the communes not routed (200 of 300 people)" \
    grep -q '^far,"time to gp > 1",1,200,0.6667,2,350$' "$TMP/z/zones_summary.csv"
check "not (...) does not turn an unknown into a zone" \
    grep -q '^nfar,"not time to gp <= 1",1,200,0.6667,2,350$' "$TMP/z/zones_summary.csv"
check "unknown(...) asks for them: B, C and D" \
    grep -q '^farx,"(time to gp > 1 or unknown(time to gp))",3,550,0.8462,0,0$' "$TMP/z/zones_summary.csv"
check "zones_far lists B alone" sh -c "[ \$(wc -l < '$TMP/z/zones_far.csv') -eq 2 ] && grep -q '^34002,' '$TMP/z/zones_far.csv'"

# --- apl: unknown APL, demand out of the competition ---
printf 'insee_code,gp\n34001,1\n34003,1\n' > "$TMP/gp.csv"
exit_code 0 "$GA" apl --graph "$G" --skip-unsnapped --communes "$COM" --demand "$TMP/dem.csv" --id-col insee_code \
    --std-col pop --pop-col pop --practitioners "$TMP/gp.csv" --commune-col insee_code --fte-col gp --out "$TMP/a"
check "apl --skip-unsnapped: exit 0" [ $? -eq 0 ]
# 5400 acts at A shared by A and B (300 people within 2 minutes): 18
check "A: 5400 / 300 = 18" grep -q "^34001,Abeilhan,100,100,5400,18$" "$TMP/a/apl.csv"
check "C: APL unknown (empty), not 0" grep -q "^34003,Sète,300,300,5400,$" "$TMP/a/apl.csv"
check "the summary counts them" grep -q "communes not routed (APL unknown, left out above): 2, population 350" "$TMP/out.txt"
check "the mean leaves them out" grep -q "mean APL (weighted by standardised population): 18.000" "$TMP/out.txt"

# --- catchment: a facility that cannot be routed is left out, named ---
exit_code 1 "$GA" catchment $R --thresholds 5 --out "$TMP/k0"
check "catchment with a facility beyond the snap distance: exit 1" [ $? -eq 0 ]
check "it names it and suggests --skip-unsnapped" sh -c "grep -q \"facility 'GF'\" '$TMP/err.txt' && grep -q -- '--skip-unsnapped' '$TMP/err.txt'"
exit_code 0 "$GA" catchment $R --skip-unsnapped --thresholds 5 --out "$TMP/k"
check "catchment --skip-unsnapped: exit 0" [ $? -eq 0 ]
check "the far facility is left out with a warning naming it" grep -q "further than 1000 m from every road, left out (no catchment): 'GF'" "$TMP/err.txt"
check "the facility on the island too" grep -q "cut off from the rest of the network, left out (no catchment): 'GI'" "$TMP/err.txt"
check "one catchment: G1's" sh -c "[ \$(wc -l < '$TMP/k/catchments.csv') -eq 2 ] && grep -q '^gp,G1,5,min,' '$TMP/k/catchments.csv'"
check "people within: 300 of the 300 routed; 350 not routed counted apart" \
    sh -c "grep -q '300 (100.0%)' '$TMP/out.txt' && grep -q 'not routed (unknown, left out of the share): 2 commune(s), 350 people' '$TMP/out.txt'"

# --- run on the embedded data and this graph: almost every commune is far
# from these roads; they are unknown, not "> 30 min" ---
exit_code 0 "$GA" run --graph "$G" --skip-unsnapped --out "$TMP/r"
check "run --skip-unsnapped on a graph that misses most communes: exit 0" [ $? -eq 0 ]
check "the summary counts the communes not routed" grep -q "^not routed (unknown, left out of the shares below): 341 communes" "$TMP/out.txt"
check "GPs: nobody routed is beyond 30 minutes" grep -q "^general practitioner .* 0 (0.0%) *0 (0.0%) *0 (0.0%)$" "$TMP/out.txt"
check "no zone blanche from unknown communes" grep -q "zones blanches (rule 'time to hosp > 30'): 0 commune(s)" "$TMP/out.txt"
check "zones_hosp30.csv has no commune" [ "$(wc -l < "$TMP/r/zones_hosp30.csv")" -eq 1 ]
check "the APL leaves them out" grep -q "not routed (APL unknown, left out of the mean and the counts): 341 communes" "$TMP/out.txt"
check "their times are empty cells in communes_access.csv" grep -q "^34001,Abeilhan,[0-9]*,[0-9.]*,,,,," "$TMP/r/communes_access.csv"
check "the warning is printed once per layer" [ "$(grep -c "341 origins cannot be routed" "$TMP/err.txt")" -eq 1 ]

tap_done
