#!/bin/sh
# Regenerates the README's map, docs/img/map_apl.png: `geoaccess run` on the
# embedded default (Hérault), its APL map at 1100 pixels wide (under 300 KB).
# Usage: scripts/make_readme_map.sh [GEOACCESS_BINARY]   (default: build/engine/cli/geoaccess)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
ga=${1:-$root/build/engine/cli/geoaccess}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$ga" run --out "$tmp/out" --set outputs.maps=apl --set outputs.map_width=1100 >/dev/null
mkdir -p "$root/docs/img"
cp "$tmp/out/map_apl.png" "$root/docs/img/map_apl.png"
size=$(wc -c < "$root/docs/img/map_apl.png")
echo "docs/img/map_apl.png: $size bytes"
[ "$size" -lt 300000 ] || { echo "docs/img/map_apl.png is over 300 KB" >&2; exit 1; }
