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

rank() { # rank FOLDER: its place in the order, or nothing when not a stage
    i=0
    for f in $order; do
        if [ "$f" = "$1" ]; then echo $i; return; fi
        i=$((i + 1))
    done
}

bad=0
for dir in $order; do
    [ -d "$engine/$dir" ] || continue
    own=$(rank "$dir")
    for file in $(find "$engine/$dir" -type f \( -name '*.c' -o -name '*.h' -o -name '*.cpp' \) | sort); do
        # `#include "FOLDER/name.h"` lines, with their line numbers
        grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"[a-z_]*/' "$file" | while IFS= read -r hit; do
            line=${hit%%:*}
            target=$(printf '%s\n' "$hit" | sed 's/^[^"]*"\([a-z_]*\)\/.*/\1/')
            r=$(rank "$target")
            [ -n "$r" ] || continue
            if [ "$r" -gt "$own" ]; then
                echo "${file#"$engine"/}:$line: $dir/ includes $target/ (above it): ${hit#*:}"
            fi
        done
    done
done > "${TMPDIR:-/tmp}/check_layers.$$"
if [ -s "${TMPDIR:-/tmp}/check_layers.$$" ]; then
    cat "${TMPDIR:-/tmp}/check_layers.$$"
    bad=1
fi
rm -f "${TMPDIR:-/tmp}/check_layers.$$"
if [ "$bad" -ne 0 ]; then
    echo "layers: includes run back up the data flow ($order)" >&2
    exit 1
fi
echo "layers: every include of engine/ points down the data flow ($order)"
