# Shared functions of the shell tests (TAP), sourced by every tests/*.sh:
#   . "$(dirname "$0")/tap.sh"
# Gives TMP, a temporary folder removed at exit; ok/not_ok/skip, which count
# the checks; check DESCRIPTION COMMAND...; exit_code EXPECTED COMMAND...,
# which keeps the command's output in $TMP/out.txt and $TMP/err.txt; and
# tap_done, the plan line and the script's exit status (last line).
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
n=0
fails=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $1"; }
skip() { n=$((n + 1)); echo "ok $n - # SKIP $1"; }
check() { # check DESCRIPTION COMMAND...
    d=$1; shift
    if "$@"; then ok "$d"; else not_ok "$d"; fi
}
exit_code() { # exit_code EXPECTED COMMAND...: stdout in $TMP/out.txt, stderr in $TMP/err.txt
    want=$1; shift
    "$@" >"$TMP/out.txt" 2>"$TMP/err.txt"
    got=$?
    [ "$got" -eq "$want" ] || { echo "# exit $got, expected $want: $*"; sed 's/^/# /' "$TMP/err.txt"; return 1; }
}
tap_done() { # the plan, then the status: 0 when every check passed
    echo "1..$n"
    [ "$fails" -eq 0 ]
}
