#!/usr/bin/env python3
"""Writes the malformed-input corpus tests/malformed/files/ (every input
format geoaccess reads, each file broken in one way) and checks that each
case has its line in tests/malformed/expected.tsv (the command, the exit
code and the message the user must see; run by tests/cli_malformed.sh).
Every file is SYNTHETIC (made here), except where a line says it is a
trimmed copy of geodata/. Python standard library only.
Usage: make_malformed.py [OUTDIR] (default: tests/malformed/files)."""
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.dirname(HERE))
import shpfiles as S  # noqa: E402

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, 'files')
os.makedirs(OUT, exist_ok=True)
for f in os.listdir(OUT):
    os.remove(os.path.join(OUT, f))
written = set()


def put(name, data):
    if isinstance(data, str):
        data = data.encode('utf-8')
    with open(os.path.join(OUT, name), 'wb') as f:
        f.write(data)
    written.add(name)


L93_PRJ = open(os.path.join(ROOT, 'geodata', 'herault', 'communes_cog2023',
                            'communes_34_cog2023.prj'), 'rb').read()


def shapefile(base, shape_type, geoms, fields, rows, prj=L93_PRJ, cpg=b'UTF-8'):
    shp, shx = S.shp_shx(shape_type, geoms)
    put(base + '.shp', shp)
    put(base + '.shx', shx)
    put(base + '.dbf', S.dbf(fields, rows))
    if prj is not None:
        put(base + '.prj', prj)
    if cpg is not None:
        put(base + '.cpg', cpg)
    return shp, shx


# ---- CSV tables (points: id,x,y in EPSG:2154) ----
put('csv_unterminated_quote.csv', 'id,x,y\n1,"700000,6600000\n2,700100,6600000\n')
put('csv_wrong_field_count.csv', 'id,x,y\n1,700000,6600000\n2,700100\n')
put('csv_binary.csv', bytes(range(256)) * 4)
put('csv_invalid_utf8.csv', b'id,x,y,name\n1,700000,6600000,caf\xc3\n2,700100,6600000,\x81\x8d\xff\xfe\n')
put('csv_bom_only.csv', b'\xef\xbb\xbf')
put('csv_empty.csv', b'')
put('csv_header_only.csv', 'id,x,y\n')
put('csv_duplicate_column.csv', 'id,x,x\n1,700000,6600000\n')
put('csv_x_not_number.csv', 'id,x,y\n1,700000,6600000\n2,abc,6600000\n')
put('csv_x_nan.csv', 'id,x,y\n1,nan,6600000\n')
put('csv_duplicate_id.csv', 'id,x,y\n1,700000,6600000\n1,700100,6600000\n')
put('csv_empty_id.csv', 'id,x,y\n1,700000,6600000\n,700100,6600000\n')
put('csv_no_coordinates.csv', 'id,name\n1,a\n')
put('csv_nul_byte.csv', b'id,x,y\n1,700\x00000,6600000\n')
put('csv_lat_out_of_range.csv', 'id,lon,lat\n1,3.8,123.0\n')
put('matrix_negative_cost.csv', 'from_id,to_id,cost\nA,X,-5\nA,Y,15\nB,X,10\n')
put('matrix_cost_not_number.csv', 'from_id,to_id,cost\nA,X,5\nA,Y,fifteen\n')

# ---- shapefiles ----
sq = lambda x0, y0: [[(x0, y0), (x0, y0 + 1000), (x0 + 1000, y0 + 1000), (x0 + 1000, y0), (x0, y0)]]
cfields = [('code', 'C', 5, 0), ('nom', 'C', 20, 0), ('pop', 'N', 8, 0)]
crows = [['00001', 'alpha', 10], ['00002', 'beta', 20]]
cgeoms = [sq(700000, 6600000), sq(702000, 6600000)]
shp, shx = shapefile('shp_truncated', S.POLYGON, cgeoms, cfields, crows)
put('shp_truncated.shp', shp[:len(shp) - 40])
shapefile('shp_dbf_mismatch', S.POLYGON, cgeoms, cfields, crows)
put('shp_dbf_mismatch.dbf', S.dbf(cfields, crows[:1]))
shapefile('shp_missing_shx', S.POLYGON, cgeoms, cfields, crows)
os.remove(os.path.join(OUT, 'shp_missing_shx.shx')); written.discard('shp_missing_shx.shx')
shapefile('shp_missing_dbf', S.POLYGON, cgeoms, cfields, crows)
os.remove(os.path.join(OUT, 'shp_missing_dbf.dbf')); written.discard('shp_missing_dbf.dbf')
shapefile('shp_lines_as_communes', S.ARC, [[[(700000, 6600000), (701000, 6600000)]]],
          cfields, crows[:1])
shapefile('shp_bad_prj', S.POLYGON, cgeoms, cfields, crows, prj=b'PROJCS["nowhere",GEOGCS["x"]]')
shapefile('shp_no_prj', S.POLYGON, cgeoms, cfields, crows, prj=None)
shp, shx = shapefile('shp_bad_magic', S.POLYGON, cgeoms, cfields, crows)
put('shp_bad_magic.shp', b'\x00\x00\x00\x00' + shp[4:])
shapefile('shp_null_point', S.POINT, [(700000, 6600000), None], [('id', 'C', 5, 0)], [['a'], ['b']])
shapefile('shp_dbf_garbage', S.POLYGON, cgeoms, cfields, crows)
put('shp_dbf_garbage.dbf', b'\x03' + b'\xff' * 40)
shapefile('shp_empty_shp', S.POLYGON, cgeoms, cfields, crows)
put('shp_empty_shp.shp', b'')
shp, shx = shapefile('shp_shx_offset_beyond', S.POLYGON, cgeoms, cfields, crows)
put('shp_shx_offset_beyond.shx', shx[:100] + struct.pack('>2i', 50, 64) + struct.pack('>2i', 100000, 64))
shapefile('shp_duplicate_code', S.POLYGON, cgeoms, cfields, [['00001', 'alpha', 10], ['00001', 'beta', 20]])
shapefile('shp_points_empty_id', S.POINT, [(700000, 6600000), (700100, 6600000)],
          [('id', 'C', 5, 0)], [['a'], ['']])
shapefile('shp_bowtie', S.POLYGON, [[[(700000, 6600000), (701000, 6601000), (701000, 6600000),
                                       (700000, 6601000), (700000, 6600000)]]], cfields, crows[:1])
# a good road shapefile (Geofabrik fields) for the profile cases
shapefile('roads_ok', S.ARC, [[[(700000, 6600000), (700100, 6600000)]],
                              [[(700100, 6600000), (700100, 6600100)]]],
          [('fclass', 'C', 12, 0), ('oneway', 'C', 1, 0), ('maxspeed', 'N', 3, 0)],
          [['primary', 'B', 50], ['residential', 'B', 0]])
# a vertex 1e214 m north (found by fuzz_roads: an overflowing cast in the snapping grid)
shapefile('roads_far_vertex', S.ARC, [[[(700000, 6600000), (700100, 6600000)]],
                                      [[(700100, 6600000), (700100, 1e214)]]],
          [('fclass', 'C', 12, 0), ('oneway', 'C', 1, 0), ('maxspeed', 'N', 3, 0)],
          [['primary', 'B', 50], ['primary', 'B', 50]])
shapefile('roads_points', S.POINT, [(700000, 6600000)], [('fclass', 'C', 12, 0)], [['primary']])

put('points_ok.csv', 'id,x,y\n1,700000,6600000\n2,700100,6600100\n')

# ---- graph files ----
nodes = [(700000, 6600000), (700100, 6600000), (700100, 6600100)]
arcs = [(0, 1, 60, 1000), (1, 0, 60, 1000), (1, 2, 60, 1000), (2, 0, 90, 1414)]
good = S.graph_file(nodes, arcs)
put('graph_truncated.gagraph', good[:len(good) - 24])
put('graph_bad_magic.gagraph', b'NOTGRAPH' + good[8:])
put('graph_wrong_version.gagraph', S.graph_file(nodes, arcs, version=99))
g = bytearray(good); g[200] ^= 0xff
put('graph_checksum.gagraph', bytes(g))
put('graph_shorter_than_header.gagraph', good[:40])
put('graph_head_out_of_range.gagraph', S.graph_file(nodes, [(0, 7, 60, 1000)] + arcs[1:]))
# an arc time above the largest weight the searches add without overflow
# (found by fuzz_graph: a node settled twice overflowed the settled list)
put('graph_arc_weight_overflow.gagraph', S.graph_file(nodes, [(0, 1, 0xfe00005a, 1000)] + arcs[1:]))
put('graph_extra_bytes.gagraph', good + b'\0' * 8)
put('graph_empty.gagraph', b'')

# ---- road profiles (geoaccess graph --roads roads_ok.shp --profile FILE) ----
put('profile_not_keyfile.ini', 'speeds: primary 90\n')
put('profile_no_name.ini', '[profile]\nmode=car\n[speeds]\nprimary=90\n')
put('profile_bad_mode.ini', '[profile]\nname=x\nmode=plane\n[speeds]\nprimary=90\n')
put('profile_speed_not_number.ini', '[profile]\nname=x\nmode=car\n[speeds]\nprimary=fast\n')
put('profile_speed_negative.ini', '[profile]\nname=x\nmode=car\n[speeds]\nprimary=-50\n')
put('profile_bad_direction.ini', '[profile]\nname=x\nmode=car\n[speeds]\nurban=30\n'
    '[shapefile]\nclass_field=fclass\ndefault_direction=sideways\n')
put('profile_missing_field.ini', '[profile]\nname=x\nmode=car\n[speeds]\nurban=30\n'
    '[shapefile]\nclass_field=NOPE\ndefault_class=urban\n')

# ---- scenario files (geoaccess scenario FILE) ----
put('scenario_not_keyfile.ini', 'add a clinic in 34204\n')
# [add] without an id (found by fuzz_scenario: read one byte past the group name)
put('scenario_add_without_id.ini', '[scenario]\nname=s\n[add]\ntype=gp\ncommune=34204\n')
put('scenario_unknown_group.ini', '[scenario]\nname=s\n[open clinic]\ntype=gp\n')
put('scenario_add_no_type.ini', '[scenario]\nname=s\n[add c1]\ncommune=34204\ncapacity=1\n')
put('scenario_negative_capacity.ini', '[scenario]\nname=s\n[add c1]\ntype=gp\ncommune=34204\ncapacity=-2\n')
put('scenario_unknown_commune.ini', '[scenario]\nname=s\n[add c1]\ntype=gp\ncommune=99999\ncapacity=1\n')
put('scenario_remove_no_ids.ini', '[scenario]\nname=s\n[remove]\nid=340000033\n')
put('scenario_capacity_not_number.ini', '[scenario]\nname=s\n[capacity]\n340000173=three\n')

# ---- decay specifications (geoaccess fca --decay "$(cat FILE)") ----
put('decay_unknown_function.txt', 'cauchy:3')
put('decay_steps_not_increasing.txt', 'steps:10=1,5=0.5')
put('decay_weight_above_one.txt', 'steps:10=1.5')
put('decay_no_colon.txt', 'linear30')
put('decay_nan.txt', 'linear:nan')

# ---- zone rules (geoaccess zones --rules FILE) ----
put('zones_bad_operator.txt', 'time to urg => 30\n')
put('zones_unclosed_paren.txt', '(time to urg > 30 or apl < 2.5\n')
put('zones_unknown_value.txt', 'speed to urg > 30\n')
put('zones_trailing.txt', 'apl < 2.5 apl\n')
put('zones_no_number.txt', 'time to gp > soon\n')

# ---- OpenStreetMap ----
put('osm_truncated.osm.pbf', struct.pack('>I', 13) + b'\x0a\x09OSMHeader\x18')
put('osm_not_xml.osm', 'this is not XML\n')
put('osm_xml_tag_without_v.osm', '<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6">\n'
    '<node id="1" lat="43.6" lon="3.87"/><node id="2" lat="43.6" lon="3.871"/>\n'
    '<way id="10"><nd ref="1"/><nd ref="2"/><tag k="highway"/></way>\n</osm>\n')
put('osm_xml_unclosed.osm', '<?xml version="1.0"?>\n<osm version="0.6">\n<node id="1" lat="43.6" lon="3.87"')

# every case must have its line in expected.tsv, and every line its file
cases = set()
with open(os.path.join(HERE, 'expected.tsv'), encoding='utf-8') as f:
    for line in f:
        if line.startswith('#') or not line.strip():
            continue
        cases.add(line.split('\t')[0])
missing = sorted(c for c in cases if c not in written)
if missing:
    sys.exit('expected.tsv names files not written: %s' % ', '.join(missing))
print('%d files written in %s, %d cases' % (len(written), OUT, len(cases)))
