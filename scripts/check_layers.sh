#!/bin/sh
# The engine's folders in data-flow order, each using only those below it:
#   core < layer < load < graph < route < measure < study < write < cli
# Fails, naming the file, the line and the include, when a file of engine/
# includes a header of a folder above its own (so nothing but cli/ includes
# cli/). Run by the test `layers` (tests/meson.build).
#
#   scripts/check_layers.sh [ENGINE_DIR]     (default: engine/ beside scripts/)
set -eu
engine=${1:-$(dirname "$0")/../engine}
order="core layer load graph route measure study write cli"

# One awk over every source file: the folder of the file and the folder of
# each `#include "FOLDER/name.h"` ranked in the order above.
files=$(cd "$engine" && find $order -type f \( -name '*.c' -o -name '*.h' -o -name '*.cpp' \) 2>/dev/null | sort)
[ -n "$files" ] || { echo "layers: no source files under $engine" >&2; exit 1; }
if (cd "$engine" && awk -v order="$order" '
    BEGIN { n = split(order, o, " "); for (i = 1; i <= n; i++) rank[o[i]] = i }
    FNR == 1 { split(FILENAME, p, "/"); own = p[1] }
    /^[ \t]*#[ \t]*include[ \t]*"[a-z_]+\// {
        t = $0; sub(/^[^"]*"/, "", t); sub(/\/.*/, "", t)
        if ((t in rank) && rank[t] > rank[own]) {
            line = $0; sub(/^[ \t]*/, "", line)
            printf "%s:%d: %s/ includes %s/ (above it): %s\n", FILENAME, FNR, own, t, line
            bad = 1
        }
    }
    END { exit bad }' $files); then
    echo "layers: every include of engine/ points down the data flow ($order)"
else
    echo "layers: includes run back up the data flow ($order)" >&2
    exit 1
fi
