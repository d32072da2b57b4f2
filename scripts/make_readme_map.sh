#!/bin/sh
# Regenerates the README's maps: docs/img/map_apl.png, `geoaccess run` on the
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

# The siting and vulnerability maps of the README (issue 13): the APL
# objective's three sites for a centre de santé of 2 GPs, and the GPs whose
# closure would leave the most people beyond 10 minutes.
"$ga" site --type gp --k 3 --objective apl --capacity 2 --acts-per-gp 5400 --out "$tmp/site" >/dev/null
cp "$tmp/site/sites_apl.png" "$root/docs/img/sites_apl.png"
"$ga" vulnerability --type gp --threshold 10 --out "$tmp/vuln" >/dev/null
cp "$tmp/vuln/map_vulnerability_gp.png" "$root/docs/img/vulnerability_gp.png"
for f in sites_apl vulnerability_gp; do
    echo "docs/img/$f.png: $(wc -c < "$root/docs/img/$f.png") bytes"
done
