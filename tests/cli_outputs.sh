#!/bin/sh
# Outputs that never hurt (TAP): destinations that are not regular files
# refused, bad --out folders refused before the work, a command's outputs
# replaced all or none (output sets, manifests), temporary files removed on
# SIGTERM and after a killed run, one CSV writer (quoting on standard
# output), and a seeded kill test: SIGTERM and SIGKILL at chosen moments of
# `od` and `run` (GEOACCESS_TEST_KILL=stage|rename:N:TERM|KILL|FAIL makes
# the library raise the signal after the N-th staged file or before the N-th
# rename of the commit, so the test is deterministic).
# Usage: cli_outputs.sh GEOACCESS_BINARY SHP_FIXTURES_DIR [SEED]
set -u
GA=$1
FIX=$2
SEED=${3:-${GA_KILL_SEED:-20261201}}
. "$(dirname "$0")/tap.sh"
no_tmp() { [ -z "$(ls -A "$1" | grep '~ga-tmp-\|\.XXXXXX\|^\..*\.csv\.')" ]; }
# inode list of the files a manifest names (one "name inode" a line)
inodes() { # inodes DIR MANIFEST_NAME
    sed -n 's/^files=//p' "$1/$2" | tr ';' '\n' | grep -v '^$' | while read -r f; do
        echo "$f $(stat -c %i "$1/$f" 2>/dev/null || echo missing)"
    done
}
# how many files of the old list have another inode now (or are missing)
changed() { # changed DIR OLD_LIST
    c=0
    while read -r f i; do
        now=$(stat -c %i "$1/$f" 2>/dev/null || echo missing)
        [ "$now" = "$i" ] || c=$((c + 1))
    done < "$2"
    echo $c
}

printf 'id,x,y\nA,770500,6280500\nB,771500,6280500\n' > "$TMP/o.csv"
ODARGS="--origins $TMP/o.csv --destinations $TMP/o.csv --detour 1 --speed 60"

# --- destinations that are not regular files are refused, exit 1 ---
echo keep > "$TMP/target.csv"
ln -s "$TMP/target.csv" "$TMP/link.csv"
exit_code 1 "$GA" od $ODARGS --out "$TMP/link.csv"
check "od --out onto a symbolic link: exit 1" [ $? -eq 0 ]
check "the link is still a link" [ -L "$TMP/link.csv" ]
check "the link's target is untouched" [ "$(cat "$TMP/target.csv")" = keep ]
check "the message names the link and says what it is" grep -q "link.csv: exists and is a symbolic link" "$TMP/err.txt"
mkfifo "$TMP/fifo.csv"
exit_code 1 "$GA" od $ODARGS --out "$TMP/fifo.csv"
check "od --out onto a FIFO: exit 1" [ $? -eq 0 ]
check "the FIFO is still a FIFO" [ -p "$TMP/fifo.csv" ]
if mknod "$TMP/null.csv" c 1 3 2>/dev/null; then
    exit_code 1 "$GA" od $ODARGS --out "$TMP/null.csv"
    check "od --out onto a device: exit 1" [ $? -eq 0 ]
    check "the device is still a device" [ -c "$TMP/null.csv" ]
else
    skip "mknod not permitted here: a device node cannot be made (a FIFO and a link are tested)"
    skip "(device)"
fi
mkdir -p "$TMP/cv/coverage.csv"
exit_code 1 "$GA" coverage --communes "$FIX/good/communes.shp" --facilities "$TMP/o.csv" --detour 1 --speed 60 --out "$TMP/cv"
check "coverage onto a folder named coverage.csv: exit 1" [ $? -eq 0 ]
check "the error names the destination, not a temporary file" \
    grep -q "error: $TMP/cv/coverage.csv: exists and is a folder" "$TMP/err.txt"
check "no temporary file left beside it" no_tmp "$TMP/cv"

# --- bad --out places fail before the work (issue 9) ---
echo data > "$TMP/afile"
exit_code 1 "$GA" run --data "$TMP/nodata" --out "$TMP/afile"
check "run --out onto an existing file: exit 1" [ $? -eq 0 ]
check "  ... the message names it (not the missing data: checked first)" grep -q "$TMP/afile.*not a folder" "$TMP/err.txt"
exit_code 1 "$GA" run --data "$TMP/nodata" --out "$TMP/afile/sub"
check "run --out under a regular file: exit 1, names the path" grep -q "$TMP/afile/sub" "$TMP/err.txt"
# /proc refuses new files even to root: an unwritable place that holds as root
exit_code 1 "$GA" run --data "$TMP/nodata" --out /proc/self
check "run --out /proc/self (unwritable, also for root): exit 1 naming it" grep -q "/proc/self" "$TMP/err.txt"
exit_code 1 "$GA" od --origins "$TMP/missing.csv" --destinations "$TMP/o.csv" --out /proc/self/od.csv
check "od --out in an unwritable folder fails before reading the inputs" grep -q "/proc/self/od.csv" "$TMP/err.txt"
exit_code 1 "$GA" od --origins "$TMP/missing.csv" --destinations "$TMP/o.csv" --out "$TMP/nofolder/od.csv"
check "od --out in a missing folder fails before reading the inputs" grep -q "nofolder/od.csv" "$TMP/err.txt"
exit_code 1 "$GA" fca --demand "$TMP/missing.csv" --supply "$TMP/o.csv" --method 2sfca --decay binary:5 --out /proc/self/a.csv
check "fca --out in an unwritable folder fails before reading the inputs" grep -q "/proc/self/a.csv" "$TMP/err.txt"
exit_code 1 "$GA" run --data "$TMP/nodata" --out "$TMP/newout/sub"
check "no output folder left by a run that failed (created, then removed)" [ ! -e "$TMP/newout" ]

# --- one CSV writer: standard output quotes like the files ---
printf 'id,x,y\n"A,1",770500,6280500\n"say ""hi""",771500,6280500\n"two\nlines",771000,6281000\n' > "$TMP/q.csv"
QARGS="--origins $TMP/q.csv --destinations $TMP/q.csv --detour 1 --speed 60"
"$GA" od $QARGS > "$TMP/q_stdout.csv" 2>/dev/null
"$GA" od $QARGS --out "$TMP/q_file.csv" >/dev/null 2>&1
check "od to standard output is byte-identical to od --out" cmp -s "$TMP/q_stdout.csv" "$TMP/q_file.csv"
check "od to standard output quotes an id with a comma" grep -q '^"A,1","A,1",0.000$' "$TMP/q_stdout.csv"
check "od to standard output doubles quotes" grep -q '^"say ""hi""","A,1",' "$TMP/q_stdout.csv"
check "an id with a line end stays in one quoted cell" grep -q '^"two$' "$TMP/q_stdout.csv"
printf 'id,x,y,population\n"A,1",770500,6280500,10\n' > "$TMP/dem.csv"
printf 'id,x,y,capacity\nS,770500,6280500,1\n' > "$TMP/sup.csv"
FARGS="--demand $TMP/dem.csv --supply $TMP/sup.csv --method 2sfca --decay binary:5 --detour 1 --speed 60"
"$GA" fca $FARGS > "$TMP/f_stdout.csv" 2>/dev/null
"$GA" fca $FARGS --out "$TMP/f_file.csv" >/dev/null 2>&1
check "fca to standard output is byte-identical to fca --out" cmp -s "$TMP/f_stdout.csv" "$TMP/f_file.csv"
[ -e ./- ] && dash_before=1 || dash_before=0
"$GA" od $QARGS --out - > "$TMP/q_dash.csv" 2>/dev/null
check "od --out - writes to standard output" cmp -s "$TMP/q_dash.csv" "$TMP/q_stdout.csv"
"$GA" fca $FARGS --out - > "$TMP/f_dash.csv" 2>/dev/null
check "fca --out - writes to standard output" cmp -s "$TMP/f_dash.csv" "$TMP/f_stdout.csv"
[ $dash_before -eq 1 ] || { check "no file named '-' written" [ ! -e ./- ]; rm -f ./-; }

# --- a command's outputs are one set; each command replaces only its own ---
COM="$FIX/good/communes.shp"
PARGS="--communes $COM --facilities $TMP/fac.csv --detour 1 --speed 60"
printf 'id,x,y,type,capacity\nG1,770500,6280500,gp,1\nG2,771500,6280500,gp,1\n' > "$TMP/fac.csv"
D="$TMP/shared"
mkdir -p "$D"
echo "my notes" > "$D/notes.txt"
exit_code 0 "$GA" zones $PARGS --rule "far: time to gp > 1" --rule "near: time to gp <= 1" --out "$D"
check "zones writes two rules' files" [ -s "$D/zones_far.csv" ] && [ -s "$D/zones_near.dbf" ]
check "zones records its set in a manifest" grep -q "^files=.*zones_near.shp" "$D/.geoaccess-zones.manifest"
check "the manifest records the command, its arguments and the engine" \
    sh -c "grep -q '^command=zones' '$D/.geoaccess-zones.manifest' && grep -q '^arguments=zones .*--rule' '$D/.geoaccess-zones.manifest' && grep -q '^engine=geoaccess ' '$D/.geoaccess-zones.manifest'"
exit_code 0 "$GA" coverage $PARGS --out "$D"
exit_code 0 "$GA" zones $PARGS --rule "far: time to gp > 1" --out "$D"
check "zones again with one rule: exit 0" [ $? -eq 0 ]
check "the dropped rule's files are removed (all six)" [ -z "$(ls "$D" | grep zones_near)" ]
check "the kept rule's files are there" [ -s "$D/zones_far.shp" ]
check "another command's output in the folder is untouched" [ -s "$D/coverage.csv" ]
check "the user's own file is untouched" [ "$(cat "$D/notes.txt")" = "my notes" ]
check "no temporary file left" no_tmp "$D"
# all or none: a destination that cannot be replaced (here a folder where a
# .dbf goes) fails the command before any file of the set is replaced
R="$TMP/run"
exit_code 0 "$GA" run --out "$R"
check "run into a fresh folder: exit 0" [ $? -eq 0 ]
inodes "$R" .geoaccess-run.manifest > "$TMP/run_old.txt"
rm -f "$R/zones_hosp30.dbf" && mkdir "$R/zones_hosp30.dbf"
exit_code 1 "$GA" run --out "$R"
check "run with one destination that is a folder: exit 1" [ $? -eq 0 ]
check "  ... the message names that destination" grep -q "zones_hosp30.dbf: exists and is a folder" "$TMP/err.txt"
rmdir "$R/zones_hosp30.dbf"
check "  ... and no other file of the set was replaced (communes_access.csv included)" \
    [ "$(changed "$R" "$TMP/run_old.txt")" -eq 1 ]
check "  ... no temporary file left" no_tmp "$R"
GEOACCESS_TEST_KILL=stage:2:FAIL "$GA" run --out "$R" >/dev/null 2>"$TMP/err.txt"
check "run failing after its first staged file: exit 1" [ $? -eq 1 ]
check "  ... nothing of the previous set replaced" [ "$(changed "$R" "$TMP/run_old.txt")" -eq 1 ]

# --- stale temporary files of dead runs are removed at the next run ---
dead=999999
while kill -0 $dead 2>/dev/null; do dead=$((dead - 1)); done
echo junk > "$D/~ga-tmp-$dead-0-zones_far_csv"
echo live > "$D/~ga-tmp-$$-0-other_csv"
exit_code 0 "$GA" zones $PARGS --rule "far: time to gp > 1" --out "$D"
check "a dead run's temporary file is removed" [ ! -e "$D/~ga-tmp-$dead-0-zones_far_csv" ]
check "a live process's temporary file is kept" [ -e "$D/~ga-tmp-$$-0-other_csv" ]
rm -f "$D/~ga-tmp-$$-0-other_csv"

# --- the seeded kill test ---
# od: SIGTERM after the file is staged: the old file stays, no temporary
echo "old" > "$TMP/k.csv"
GEOACCESS_TEST_KILL=stage:1:TERM "$GA" od $ODARGS --out "$TMP/k.csv" >/dev/null 2>&1
check "od killed by SIGTERM once staged: dies of SIGTERM (143)" [ $? -eq 143 ]
check "  ... the previous file is intact" [ "$(cat "$TMP/k.csv")" = old ]
check "  ... no temporary file left" no_tmp "$TMP"
GEOACCESS_TEST_KILL=stage:1:KILL "$GA" od $ODARGS --out "$TMP/k.csv" >/dev/null 2>&1
check "od killed by SIGKILL once staged: the previous file is intact" [ "$(cat "$TMP/k.csv")" = old ]
"$GA" od $ODARGS --out "$TMP/k.csv" >/dev/null 2>&1
check "  ... the next od removes the dead run's temporary file" no_tmp "$TMP"
check "  ... and writes the table" grep -q "^from_id,to_id,cost$" "$TMP/k.csv"
echo "old" > "$TMP/k.csv"
GEOACCESS_TEST_KILL=rename:1:TERM "$GA" od $ODARGS --out "$TMP/k.csv" >/dev/null 2>&1
check "od killed by SIGTERM at its commit: the handler completes it (the new table)" \
    [ "$(wc -l < "$TMP/k.csv")" -eq 5 ]
check "  ... no temporary file left" no_tmp "$TMP"

# od killed from outside by SIGTERM/SIGHUP after a seeded delay, wherever it
# is (reading, routing, writing 90,000 rows, renaming, or done): the
# destination holds the old file or the whole new table, never a part, and
# no temporary file is left. The outcome is checked whatever the timing.
awk 'BEGIN { print "id,x,y"; for (i = 0; i < 300; i++) printf "P%d,%d,%d\n", i, 770000 + (i % 20) * 500, 6280000 + int(i / 20) * 500 }' > "$TMP/big.csv"
for delay in $(awk -v s="$SEED" 'BEGIN { srand(s); for (k = 0; k < 4; k++) printf "%.3f ", rand() * 0.4 }'); do
    for sig in TERM HUP; do # (not INT: a background job of sh ignores it)
        echo "old" > "$TMP/big_od.csv"
        "$GA" od --origins "$TMP/big.csv" --destinations "$TMP/big.csv" --detour 1 --speed 60 --out "$TMP/big_od.csv" >/dev/null 2>&1 &
        pid=$!
        sleep "$delay"
        kill -s $sig $pid 2>/dev/null
        wait $pid
        rows=$(wc -l < "$TMP/big_od.csv")
        check "od sent SIG$sig after ${delay}s: the old file or the whole table ($rows lines), no temporary" \
            sh -c "{ [ \"\$(cat '$TMP/big_od.csv')\" = old ] || [ $rows -eq 90001 ]; } && [ -z \"\$(ls -A '$TMP' | grep -e '~ga-tmp-' -e '^.big_od.csv.')\" ]"
    done
done

# a folder the killed command created is removed with its temporary files
GEOACCESS_TEST_KILL=stage:1:TERM "$GA" zones $PARGS --rule "far: time to gp > 1" --out "$TMP/fresh/sub" >/dev/null 2>&1
check "zones killed by SIGTERM in a folder it created: dies of SIGTERM" [ $? -eq 143 ]
check "  ... and the folders it created are gone" [ ! -e "$TMP/fresh" ]

# run: points chosen from the seed among the set's files
nfiles=$(sed -n 's/^files=//p' "$R/.geoaccess-run.manifest" | tr ';' '\n' | grep -c .)
points=$(awk -v s="$SEED" -v n="$nfiles" 'BEGIN { srand(s);
    print "stage", 1 + int(rand() * n), "TERM"; print "rename", 1 + int(rand() * n), "TERM";
    print "stage", 1 + int(rand() * n), "KILL"; print "rename", 2 + int(rand() * (n - 1)), "KILL";
    print "stage", 1 + int(rand() * n), "INT"; print "rename", 1 + int(rand() * n), "INT";
    print "rename", 1, "TERM"; print "rename", n, "KILL" }')
echo "# seed $SEED, $nfiles files in run's set"
echo "$points" | while read -r where k sig; do
    "$GA" run --out "$R" >/dev/null 2>&1 # a complete set to start from
    inodes "$R" .geoaccess-run.manifest > "$TMP/before.txt"
    GEOACCESS_TEST_KILL=$where:$k:$sig "$GA" run --out "$R" >/dev/null 2>&1
    rc=$?
    c=$(changed "$R" "$TMP/before.txt")
    case $sig in TERM) want_rc=143 ;; INT) want_rc=130 ;; *) want_rc=137 ;; esac
    label="run killed by SIG$sig at $where $k"
    if [ $rc -ne "$want_rc" ]; then
        not_ok "$label: dies of the signal (exit $rc)"
    elif [ "$sig" != KILL ]; then
        # SIGTERM, SIGINT: the previous set (before the commit) or the new one (the
        # handler finishes a commit begun), never a mix, never a temporary
        if { [ "$where" = stage ] && [ "$c" -eq 0 ]; } || { [ "$where" = rename ] && [ "$c" -eq "$nfiles" ]; }; then
            if no_tmp "$R" && grep -q '^state=complete' "$R/.geoaccess-run.manifest"; then
                ok "$label: the $([ "$where" = stage ] && echo previous || echo new) complete set, no temporary file"
            else
                not_ok "$label: temporary files or an incomplete manifest left"
            fi
        else
            not_ok "$label: $c of $nfiles files replaced"
        fi
    else
        # SIGKILL: before the commit the previous set; during it a journal
        # that the next run in the folder completes (here a run that fails
        # on its input right after opening the folder)
        if [ "$where" = stage ]; then
            check "$label: the previous complete set" [ "$c" -eq 0 ]
        else
            check "$label: a journal of the commit is left" grep -q '^state=committing' "$R/.geoaccess-run.manifest"
        fi
        "$GA" run --data "$TMP/nodata" --out "$R" >/dev/null 2>&1
        c=$(changed "$R" "$TMP/before.txt")
        if [ "$where" = stage ]; then
            check "  ... the next run leaves the previous set and removes the temporary files" \
                sh -c "[ $c -eq 0 ] && [ -z \"\$(ls -A '$R' | grep '~ga-tmp-')\" ]"
        else
            check "  ... the next run completes it: the new set, whole, no temporary file" \
                sh -c "[ $c -eq $nfiles ] && [ -z \"\$(ls -A '$R' | grep '~ga-tmp-')\" ] && grep -q '^state=complete' '$R/.geoaccess-run.manifest'"
        fi
    fi
done > "$TMP/kill.tap"
# the loop ran in a subshell: renumber its lines
while IFS= read -r line; do
    case $line in
    "ok "*) ok "${line#ok * - }" ;;
    "not ok "*) not_ok "${line#not ok * - }" ;;
    *) echo "$line" ;;
    esac
done < "$TMP/kill.tap"

tap_done
