#!/bin/sh
# geoaccess site end to end on the embedded Hérault default (with its ring):
# usage errors; for each objective, the cumulative gain of the last site in
# sites.csv equals, to the last digit, what `geoaccess scenario` reports on
# the written sites_scenario.ini (coverage and zones "time to gp > T": the
# people who come within T; apl: scenario --apl-floor); candidate points;
# exclusions.
# Usage: cli_site.sh GEOACCESS_BINARY
set -u
GA=$1
. "$(dirname "$0")/tap.sh"

exit_code 0 "$GA" site --help
check "site --help: exit 0" [ $? -eq 0 ]
exit_code 2 "$GA" site --k 2 --out "$TMP/x"
check "without --type: exit 2" [ $? -eq 0 ]
exit_code 2 "$GA" site --type gp --objective best --out "$TMP/x"
check "an unknown objective: exit 2" [ $? -eq 0 ]
exit_code 2 "$GA" site --type gp --objective zones --out "$TMP/x"
check "zones without --rule: exit 2" [ $? -eq 0 ]
exit_code 2 "$GA" site --type gp --k 3 --exact --out "$TMP/x"
check "--exact with k = 3: exit 2" [ $? -eq 0 ]
check "  the message says why" grep -q "k <= 2" "$TMP/err.txt"
check "  and nothing is written" [ ! -e "$TMP/x/sites.csv" ]
exit_code 2 "$GA" site --type pharm --objective apl --out "$TMP/x"
check "the APL objective for pharmacies: exit 2" [ $? -eq 0 ]

last_cumulative() { tail -n 1 "$1/sites.csv" | awk -F, '{print $7}'; }
# people_gain of the gp row of scenarios_summary.csv
people_gain() { awk -F, '$2 == "time_gp" {print $5}' "$1/scenarios_summary.csv"; }

# coverage: people brought within 10 minutes of a GP
exit_code 0 "$GA" site --type gp --k 3 --objective coverage --threshold 10 --capacity 2 --out "$TMP/cov"
check "coverage: exit 0" [ $? -eq 0 ]
check "sites.csv has the header and 3 sites" sh -c "head -n 1 '$TMP/cov/sites.csv' | grep -qx 'rank,insee,nom,x,y,gain,cumulative_gain' && [ \$(wc -l < '$TMP/cov/sites.csv') -eq 4 ]"
check "a map is written" [ -s "$TMP/cov/sites_coverage.png" ]
exit_code 0 "$GA" scenario "$TMP/cov/sites_scenario.ini" --threshold 10 --out "$TMP/cov_sc"
check "scenario reads sites_scenario.ini" [ $? -eq 0 ]
a=$(last_cumulative "$TMP/cov"); b=$(people_gain "$TMP/cov_sc")
check "coverage: site's cumulative gain ($a) is scenario's people coming within 10 min ($b)" [ -n "$a" ] && [ "$a" = "$b" ]
first=$(sed -n 2p "$TMP/cov/sites.csv" | awk -F, '{print $2}')

# apl: population x APL gained below 2.5
exit_code 0 "$GA" site --type gp --k 3 --objective apl --capacity 2 --acts-per-gp 5400 --out "$TMP/apl"
check "apl: exit 0" [ $? -eq 0 ]
exit_code 0 "$GA" scenario "$TMP/apl/sites_scenario.ini" --acts-per-gp 5400 --apl-floor 2.5 --out "$TMP/apl_sc"
a=$(last_cumulative "$TMP/apl"); b=$(sed -n 's/.*APL gained below 2.5, weighted by population: //p' "$TMP/out.txt")
check "apl: site's cumulative gain ($a) is scenario's ($b) to the last digit" [ -n "$a" ] && [ "$a" = "$b" ]

# the study file's [site]: the same sites and gains as the command (the run's APL table reused)
exit_code 0 "$GA" run --set site.type=gp --set site.k=3 --set site.objective=apl --set site.capacity=2 --set outputs.folder="$TMP/run"
check "run with [site]: exit 0" [ $? -eq 0 ]
check "  the same sites.csv as geoaccess site" cmp -s "$TMP/run/sites.csv" "$TMP/apl/sites.csv"
exit_code 1 "$GA" run --set site.type=gp --set site.objective=best --set outputs.folder="$TMP/run2"
check "run with site.objective = best: exit 1, named" grep -q "site.objective.*'best' is not coverage, apl or zones" "$TMP/err.txt"

# zones: people taken out of "time to gp > 10" are those coming within 10 minutes
exit_code 0 "$GA" site --type gp --k 2 --objective zones --rule "far: time to gp > 10" --capacity 2 --out "$TMP/z"
check "zones: exit 0" [ $? -eq 0 ]
exit_code 0 "$GA" scenario "$TMP/z/sites_scenario.ini" --threshold 10 --out "$TMP/z_sc"
a=$(last_cumulative "$TMP/z"); b=$(people_gain "$TMP/z_sc")
check "zones: site's cumulative gain ($a) is scenario's ($b)" [ -n "$a" ] && [ "$a" = "$b" ]

# exclusions: the best commune for coverage excluded
exit_code 0 "$GA" site --type gp --k 3 --threshold 10 --capacity 2 --exclude "$first" --out "$TMP/ex"
check "excluded: exit 0" [ $? -eq 0 ]
check "  the excluded commune ($first) is not chosen" sh -c "! awk -F, 'NR > 1 {print \$2}' '$TMP/ex/sites.csv' | grep -qx '$first'"
exit_code 1 "$GA" site --type gp --exclude 99999 --out "$TMP/x"
check "an excluded code that is no commune: exit 1, named" grep -q "excluded commune '99999'" "$TMP/err.txt"

# candidate points (Lambert-93): insee empty, the scenario places them by x/y
printf 'id,x,y\nP1,720326.5,6282369.2\nP2,683672.4,6277466.2\nP3,732478.8,6304930.2\nP4,770000,6280000\n' > "$TMP/pts.csv"
exit_code 0 "$GA" site --type gp --k 2 --objective apl --candidates "$TMP/pts.csv" --capacity 2 --out "$TMP/pt"
check "points: exit 0" [ $? -eq 0 ]
check "  insee empty, nom the point's id" sh -c "sed -n 2p '$TMP/pt/sites.csv' | grep -q '^1,,P[1-4],'"
exit_code 0 "$GA" scenario "$TMP/pt/sites_scenario.ini" --apl-floor 2.5 --out "$TMP/pt_sc"
a=$(last_cumulative "$TMP/pt"); b=$(sed -n 's/.*APL gained below 2.5, weighted by population: //p' "$TMP/out.txt")
check "points: site's cumulative gain ($a) is scenario's ($b)" [ -n "$a" ] && [ "$a" = "$b" ]
# candidate communes by code
printf 'insee\n34204\n34040\n' > "$TMP/codes.csv"
exit_code 0 "$GA" site --type gp --k 1 --threshold 10 --candidates "$TMP/codes.csv" --out "$TMP/codes"
check "a list of communes: the site is one of them" grep -Eq '^1,(34204|34040),' "$TMP/codes/sites.csv"
tap_done
