#!/bin/sh
# `geoaccess graph` and `geoaccess info` on road files as they come (TAP):
# near-miss line ends joined within --snap-tolerance (SYNTHETIC shapefile of
# tests/make_near_miss_roads.c), damaged OpenStreetMap files refused with an
# error naming the file, exit 1 and no graph written.
# Usage: cli_graph.sh GEOACCESS NEAR_MISS_SHP TINY_OSM TINY_PBF
set -u
GA=$1
SHP=$2
OSM=$3
PBF=$4
. "$(dirname "$0")/tap.sh"

check "graph joins the 4 near misses by default (1 cm)" exit_code 0 "$GA" graph --roads "$SHP" --out "$TMP/a.gagraph"
check "the summary says so" grep -q "joined      4 vertices of different lines within 0.01 m" "$TMP/out.txt"
check "one network: only the bridge is dropped" grep -q "dropped     2 nodes in 1 components" "$TMP/out.txt"
check "--snap-tolerance 0: equal coordinates only" exit_code 0 "$GA" graph --roads "$SHP" --snap-tolerance 0 --out "$TMP/b.gagraph"
check "nothing joined, the streets fall apart" grep -q "dropped     .* nodes in 4 components" "$TMP/out.txt"
check "--snap-tolerance 0.0006 joins the 0.1 and 0.5 mm gaps" exit_code 0 "$GA" graph --roads "$SHP" --snap-tolerance 0.00055 --out "$TMP/c.gagraph"
check "2 joined" grep -q "joined      2 vertices" "$TMP/out.txt"
check "a negative tolerance is a usage error" exit_code 2 "$GA" graph --roads "$SHP" --snap-tolerance -1 --out "$TMP/d.gagraph"

# damaged OpenStreetMap files: exit 1, the file named, no graph written
head -c 300 "$PBF" > "$TMP/cut.osm.pbf"
check "a PBF cut short is refused" exit_code 1 "$GA" graph --roads "$TMP/cut.osm.pbf" --out "$TMP/cut.gagraph"
check "the error names the file and says it is damaged" grep -q "cut.osm.pbf: damaged or unsupported OpenStreetMap file" "$TMP/err.txt"
check "no graph written" [ ! -e "$TMP/cut.gagraph" ]
check "info refuses it too" exit_code 1 "$GA" info "$TMP/cut.osm.pbf"
check "info names the file" grep -q "cut.osm.pbf: damaged" "$TMP/err.txt"
head -c 700 "$OSM" > "$TMP/cut.osm"
check "an .osm cut short is refused" exit_code 1 "$GA" graph --roads "$TMP/cut.osm" --out "$TMP/cut2.gagraph"
check "the error names it" grep -q "cut.osm: damaged" "$TMP/err.txt"
printf '<osm version="0.6"><node id="1" lat="1" lon="1"/><way id="2"><nd ref="1"/><nd ref="1"/><tag k="highway"/></way></osm>' > "$TMP/nov.osm"
check "a tag without v= is read (no crash)" exit_code 0 "$GA" info "$TMP/nov.osm"
check "and counted" grep -q "ways: 1 (1 with a highway tag)" "$TMP/out.txt"
check "the whole PBF reads" exit_code 0 "$GA" info "$PBF"
check "15 nodes, 10 ways" grep -q "nodes: 15" "$TMP/out.txt"

tap_done
