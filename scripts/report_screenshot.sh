#!/bin/sh
# Regenerates docs/img/report.png: the top of report.html of the embedded
# default study (`geoaccess run`), rendered by headless Chromium, dated
# 2024-01-01 (SOURCE_DATE_EPOCH) so that reruns give the same page.
# usage: scripts/report_screenshot.sh [BUILD_DIR]   (default: build)
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(cd "${1:-$ROOT/build}" && pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
(cd "$TMP" && SOURCE_DATE_EPOCH=1704067200 GEOACCESS_DATA="$ROOT/geodata" \
    "$BUILD/engine/cli/geoaccess" run --out "$TMP/out" > /dev/null)
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$TMP/profile" --hide-scrollbars \
    --window-size=900,1100 --screenshot="$TMP/report.png" "file://$TMP/out/report.html" 2> /dev/null
size=$(wc -c < "$TMP/report.png")
if [ "$size" -gt 307200 ]; then
    echo "report.png is $size bytes, over 300 KB: not copied" >&2
    exit 1
fi
cp "$TMP/report.png" "$ROOT/docs/img/report.png"
echo "docs/img/report.png: $size bytes"
