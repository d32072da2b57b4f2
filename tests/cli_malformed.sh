#!/bin/sh
# The malformed-input corpus (TAP): runs geoaccess on every file listed in
# tests/malformed/expected.tsv and checks the exit code, the message the user
# must see, that nothing crashed (no signal, no sanitizer report) and that no
# output was left (the output folder stays empty: no partial or temporary
# file). Also checks that the committed files are the ones
# tests/malformed/make_malformed.py writes.
# Usage: cli_malformed.sh GEOACCESS_BINARY
set -u
GA=$1
SRC=${GA_SOURCE_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
M=$SRC/tests/malformed
. "$(dirname "$0")/tap.sh"

if command -v python3 >/dev/null; then
    python3 "$M/make_malformed.py" "$TMP/regen" >/dev/null &&
        diff -r "$M/files" "$TMP/regen" >"$TMP/diff.txt" 2>&1
    if [ $? -eq 0 ]; then ok "files/ is what make_malformed.py writes"
    else not_ok "files/ is what make_malformed.py writes"; sed 's/^/# /' "$TMP/diff.txt"; fi
fi

tab=$(printf '\t')
while IFS="$tab" read -r file args code msg; do
    case "$file" in ''|'#'*) continue ;; esac
    out=$TMP/out
    rm -rf "$out"
    mkdir -p "$out"
    # {f} {d} {o} {fx} {g}: see expected.tsv (no path here contains '#' or '&')
    cmd=$(printf '%s' "$args" | sed -e "s#{f}#$M/files/$file#g" -e "s#{d}#$M/files#g" \
        -e "s#{o}#$out#g" -e "s#{fx}#$SRC/tests/fixtures/measure#g" -e "s#{g}#$SRC/geodata#g")
    eval "\"\$GA\" $cmd" >"$TMP/stdout.txt" 2>"$TMP/stderr.txt"
    got=$?
    why=""
    [ "$got" -lt 128 ] || why="killed by signal $((got - 128))"
    if grep -qE "AddressSanitizer|LeakSanitizer|runtime error:|Invalid read|Invalid write" "$TMP/stderr.txt"; then
        why="${why:+$why; }a sanitizer or valgrind report"
    fi
    [ -n "$why" ] || [ "$got" -eq "$code" ] || why="exit $got, expected $code"
    [ -n "$why" ] || grep -qF -- "$msg" "$TMP/stderr.txt" || why="message not found: $msg"
    [ -n "$why" ] || [ -z "$(ls -A "$out")" ] || why="output left: $(ls -A "$out" | tr '\n' ' ')"
    if [ -z "$why" ]; then
        ok "$file: $msg"
    else
        not_ok "$file: $why"
        echo "# geoaccess $cmd"
        sed 's/^/# /' "$TMP/stderr.txt" | head -n 20
    fi
done <"$M/expected.tsv"
tap_done
