#!/bin/sh
# `geoaccess run` and the study file (docs/study.md), TAP:
#  (a) every key documented in docs/study.md is read (set with --set, shown by
#      --print-study), every key --print-study shows is documented, and an
#      undocumented key is refused with its line;
#  (b) `run` and `run geodata/herault/study.ini` write byte-identical files,
#      and the built-in copy of the default study is the file;
#  (c) the second study file, geodata/herault/study_plaissan.ini, runs: its
#      scenario files are those of `geoaccess scenario` on the same file, its
#      times those of the default study;
#  (d) errors: unknown key with its line, wrong type, missing file: exit 1.
# Usage: cli_study.sh GEOACCESS_BINARY SOURCE_ROOT
set -u
GA=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROOT=$(cd "$2" && pwd)
DATA=$ROOT/geodata
DOC=$ROOT/docs/study.md
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export GEOACCESS_DATA="$DATA"
n=0
fails=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $1"; }
check() { d=$1; shift; if "$@"; then ok "$d"; else not_ok "$d"; fi; }

# --- (a) the documented keys ---
# the rows of the key table: | `section.key` | type | default | meaning |
grep -E '^\| `[a-z_]+\.[a-z_]+` \|' "$DOC" | sed -E 's/^\| `([a-z_]+)\.([a-z_]+)` \| ([a-z]+) \|.*/\1 \2 \3/' > "$TMP/keys.txt"
check "docs/study.md documents keys" [ "$(wc -l < "$TMP/keys.txt")" -gt 30 ]
bad=""
while read -r section key type; do
    case $type in
        text) value=xyz ;; path) value=some/file.csv ;; paths) value=a.ini ;; number) value=7 ;;
        numbers) value=7 ;; whole) value=3 ;; bool) value=true ;; list) value=abc ;;
        *) bad="$bad $section.$key(type $type)"; continue ;;
    esac
    # the road keys show with a road model, the straight-line ones with it
    model=roads
    case "$section.$key" in cost.speed|cost.detour|cost.model) model=straight ;; esac
    [ "$section.$key" = cost.model ] && model=xyz
    "$GA" run --set cost.model=$model --set "$section.$key=$value" --print-study > "$TMP/p.txt" 2> "$TMP/p.err"
    rc=$?
    # the key's line in its section of the printed study
    line=$(awk -v s="[$section]" -v k="$key" '$0 == s {in_s = 1; next} /^\[/ {in_s = 0}
        in_s && index($0, k " = ") == 1 {print; exit}' "$TMP/p.txt")
    if [ $rc -ne 0 ] || ! printf '%s\n' "$line" | grep -q -- "$value\$"; then bad="$bad $section.$key"; fi
done < "$TMP/keys.txt"
check "every documented key is read (--set then --print-study shows it)${bad:+: not:$bad}" [ -z "$bad" ]
# every key the study prints is documented
"$GA" run --print-study > "$TMP/default.txt"
awk '/^\[/ {s = substr($0, 2, length($0) - 2); next}
     /^# [a-z_]+: / {k = $2; sub(":", "", k); print s "." k; next}
     /^[a-z_]+ = / {print s "." $1}' "$TMP/default.txt" > "$TMP/printed.txt"
undoc=""
for k in $(cat "$TMP/printed.txt"); do grep -q "^| \`$k\` |" "$DOC" || undoc="$undoc $k"; done
check "every key --print-study shows is documented${undoc:+: not:$undoc}" [ -z "$undoc" ]
check "  ... as many keys printed as documented" [ "$(wc -l < "$TMP/printed.txt")" -eq "$(wc -l < "$TMP/keys.txt")" ]
# an undocumented key: refused with its line
printf '[study]\nname = x\n\n[nearest]\ntypes = gp\nbogus_key = 1\n' > "$TMP/undoc.ini"
"$GA" run "$TMP/undoc.ini" > /dev/null 2> "$TMP/undoc.err"
check "an undocumented key: exit 1" [ $? -eq 1 ]
check "  ... naming the file, its line and the key" grep -q "undoc.ini: line 6: \[nearest\] bogus_key: unknown key" "$TMP/undoc.err"
"$GA" run --set outputs.bogus=1 --print-study > /dev/null 2> "$TMP/undoc2.err"
check "an undocumented key in --set: exit 1 naming it" grep -q -- "--set outputs.bogus: unknown key" "$TMP/undoc2.err"

# --- (b) run == run geodata/herault/study.ini ---
# (the reports dated alike: they differ only by their output folder, in the study they print)
(cd "$TMP" && SOURCE_DATE_EPOCH=0 "$GA" run --out "$TMP/a" > "$TMP/a.txt" 2>&1)
check "run: exit 0" [ $? -eq 0 ]
(cd "$TMP" && SOURCE_DATE_EPOCH=0 "$GA" run "$DATA/herault/study.ini" --out "$TMP/b" > "$TMP/b.txt" 2>&1)
check "run geodata/herault/study.ini: exit 0" [ $? -eq 0 ]
check "  ... the same files" [ "$(ls "$TMP/a" | wc -l)" -eq "$(ls "$TMP/b" | wc -l)" ]
check "  ... byte for byte (manifests and report aside)" diff -r -x '.geoaccess-*.manifest' -x report.html "$TMP/a" "$TMP/b"
check "  ... the same report but the output folder" sh -c "sed 's|$TMP/[ab]|OUT|g' '$TMP/a/report.html' > '$TMP/ra.html'; sed 's|$TMP/[ab]|OUT|g' '$TMP/b/report.html' | cmp -s '$TMP/ra.html' -"
check "  ... the same summary (but the paths)" sh -c "sed 's|$TMP/[ab]|OUT|g' '$TMP/a.txt' > '$TMP/a2.txt'; sed 's|$TMP/[ab]|OUT|g' '$TMP/b.txt' | diff '$TMP/a2.txt' - > /dev/null"
# the built-in copy: on a data folder without study.ini
mkdir -p "$TMP/data/herault"
for f in "$DATA"/herault/*; do
    case "$f" in */study.ini) ;; *) ln -s "$f" "$TMP/data/herault/" ;; esac
done
ln -s "$DATA/ring" "$TMP/data/ring"
"$GA" run --data "$TMP/data" --print-study | sed "s|$TMP/data|DATA|g" > "$TMP/builtin.txt"
"$GA" run --print-study | sed "s|$DATA|DATA|g" > "$TMP/file.txt"
check "the built-in default study is geodata/herault/study.ini" diff "$TMP/builtin.txt" "$TMP/file.txt"
check "  ... whose folder has no study.ini" [ ! -e "$TMP/data/herault/study.ini" ]

# --- (c) the second study file ---
(cd "$TMP" && "$GA" run "$DATA/herault/study_plaissan.ini" --out "$TMP/p" > "$TMP/p.txt" 2>&1)
check "run geodata/herault/study_plaissan.ini: exit 0" [ $? -eq 0 ]
"$GA" scenario "$DATA/herault/scenarios/plaissan_centre_sante.ini" --threshold 10 --out "$TMP/s" > /dev/null 2>&1
check "geoaccess scenario on the same scenario: exit 0" [ $? -eq 0 ]
check "  ... the same scenario table" cmp "$TMP/p/scenario_plaissan_centre_sante.csv" "$TMP/s/scenario_plaissan_centre_sante.csv"
check "  ... the same scenario summary" cmp "$TMP/p/scenarios_summary.csv" "$TMP/s/scenarios_summary.csv"
check "  ... one row per commune of Hérault" [ "$(tail -n +2 "$TMP/p/communes_access.csv" | wc -l)" -eq 342 ]
# its gp times are the default study's (same data, same cost model)
col() { head -1 "$1" | tr ',' '\n' | grep -n "^$2\$" | cut -d: -f1; }
ga=$(col "$TMP/a/communes_access.csv" gp_min)
gp=$(col "$TMP/p/communes_access.csv" gp_min)
cut -d, -f"$ga" "$TMP/a/communes_access.csv" > "$TMP/a_gp.txt"
cut -d, -f"$gp" "$TMP/p/communes_access.csv" > "$TMP/p_gp.txt"
check "  ... its times to a GP are the default study's" cmp "$TMP/a_gp.txt" "$TMP/p_gp.txt"
check "  ... only the tables it asks for (no map, no shapefile)" \
    sh -c "[ ! -e '$TMP/p/map_apl.png' ] && [ ! -e '$TMP/p/communes_access.shp' ]"

# --- (d) errors ---
printf '[communes]\npath = c.shp\n[cost]\nspeed = fast\n' > "$TMP/type.ini"
"$GA" run "$TMP/type.ini" > /dev/null 2> "$TMP/type.err"
check "a wrong type: exit 1" [ $? -eq 1 ]
check "  ... naming the line and the key" grep -q "type.ini: line 4: \[cost\] speed: 'fast' is not a number" "$TMP/type.err"
printf '# a study\n[communes]\npath = missing.shp\n' > "$TMP/missing.ini"
"$GA" run "$TMP/missing.ini" --out "$TMP/m" > /dev/null 2> "$TMP/missing.err"
check "a missing file: exit 1" [ $? -eq 1 ]
check "  ... naming the line, the key and the file" grep -q "missing.ini: line 3: \[communes\] path: file '$TMP/missing.shp' not found" "$TMP/missing.err"
check "  ... and no output folder left" [ ! -e "$TMP/m" ]
"$GA" run "$TMP/nosuch.ini" > /dev/null 2> "$TMP/nosuch.err"
check "a missing study file: exit 1 naming it" grep -q "nosuch.ini: cannot read the study file" "$TMP/nosuch.err"
printf '[fca]\nmethod = 2sfca\n' > "$TMP/fca.ini"
"$GA" run "$TMP/fca.ini" > /dev/null 2> "$TMP/fca.err"
check "a measure not supported yet: exit 1 saying so" grep -q "not supported in study files yet" "$TMP/fca.err"

echo "1..$n"
[ $fails -eq 0 ]
