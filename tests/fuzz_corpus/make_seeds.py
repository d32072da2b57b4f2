#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (tests/fuzz_<name>.c) into
tests/fuzz_corpus/<name>/. Python standard library only.

Sources (provenance):
  shapefile/  the two smallest Hérault communes of
              geodata/herault/communes_cog2023 (IGN ADMIN EXPRESS, real),
              three FINESS hospitals from
              geodata/herault/hospitals_finess2020 as a point shapefile
              (real coordinates), and SYNTHETIC variants;
  roads/      geodata/profiles/*.ini (the real profile files) with SYNTHETIC
              road lines (Geofabrik-like and Montpellier-like fields);
  graph/      SYNTHETIC graph files (three nodes);
  scenario/   geodata/herault/scenarios/*.ini (hypothetical, as documented
              there) and SYNTHETIC variants;
  decay/, zones/  the specifications documented in the README and headers;
  study/      geodata/herault/study*.ini (the embedded studies) and
              SYNTHETIC variants (every kind of value, errors).
Multi-file inputs are the files joined by the separator of fuzz_util.h.
csv/ is kept by hand (small hand-made tables) and extended here with trimmed
geodata tables. Usage: make_seeds.py (from anywhere)."""
import csv
import io
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.dirname(HERE))
import shpfiles as S  # noqa: E402

SEP = b'\n@@GAFUZZ@@\n'


def put(target, name, data):
    d = os.path.join(HERE, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), 'wb') as f:
        f.write(data)


def geo(*p):
    return os.path.join(ROOT, 'geodata', *p)


def head_lines(path, n):
    with open(path, 'rb') as f:
        return b''.join(f.readline() for _ in range(n))


L93_PRJ = open(geo('herault', 'communes_cog2023', 'communes_34_cog2023.prj'), 'rb').read()

# ---- shapefile: communes (real, trimmed) ----
base = geo('herault', 'communes_cog2023', 'communes_34_cog2023')
st, contents, dbf_hdr, rows = S.read_shp(base)
small = sorted(range(len(contents)), key=lambda k: len(contents[k]))[:2]
shp, shx, dbf = S.trimmed(st, contents, dbf_hdr, rows, small)
put('shapefile', 'communes2.bin', SEP.join([b'info', shp, shx, dbf, L93_PRJ, b'UTF-8']))
put('shapefile', 'communes2_noprj_assume.bin', SEP.join([b'assume refuse', shp, shx, dbf]))
shp1, shx1, dbf1 = S.trimmed(st, contents, dbf_hdr, rows, small[:1])
put('shapefile', 'communes1_latin1.bin', SEP.join([b'', shp1, shx1, dbf1, L93_PRJ, b'ISO-8859-1']))

# ---- shapefile: points (real FINESS coordinates) ----
with open(geo('herault', 'hospitals_finess2020', 'hospitals_34_eurostat_finess2020.csv'),
          encoding='utf-8') as f:
    hosp = [r for r in csv.DictReader(f) if r['inside_herault'] == '1'][:3]
shp, shx = S.shp_shx(S.POINT, [(float(r['x_l93']), float(r['y_l93'])) for r in hosp])
dbf = S.dbf([('id', 'C', 9, 0), ('type', 'C', 12, 0), ('capacity', 'N', 6, 1)],
            [[r['finess_et'], r['public_private'], 1.0] for r in hosp])
put('shapefile', 'hospitals3.bin', SEP.join([b'type info', shp, shx, dbf, L93_PRJ, b'UTF-8']))
# SYNTHETIC: a square commune polygon with a hole, and a bow-tie (invalid).
sq = [[(0, 0), (0, 1000), (1000, 1000), (1000, 0), (0, 0)],
      [(200, 200), (800, 200), (800, 800), (200, 800), (200, 200)]]
bow = [[(0, 0), (1000, 1000), (1000, 0), (0, 1000), (0, 0)]]
shp, shx = S.shp_shx(S.POLYGON, [[[(700000 + x, 6600000 + y) for x, y in r] for r in sq],
                                 [[(702000 + x, 6600000 + y) for x, y in r] for r in bow], None])
dbf = S.dbf([('code', 'C', 5, 0), ('name', 'C', 20, 0), ('pop', 'N', 8, 0)],
            [['00001', 'synthetic hole', 10], ['00002', 'synthetic bowtie', 20],
             ['00003', 'synthetic null', 0]])
put('shapefile', 'synthetic_hole_bowtie.bin', SEP.join([b'fields', shp, shx, dbf, L93_PRJ]))

# ---- roads: profiles (real files) + SYNTHETIC lines ----
lines = [[[(700000, 6600000), (700100, 6600000), (700200, 6600050)]],
         [[(700200, 6600050), (700200, 6600200)]],
         [[(700100, 6600000), (700100, 6600150), (700200, 6600200)]]]
shp, shx = S.shp_shx(S.ARC, lines)
geofab = S.dbf([('fclass', 'C', 20, 0), ('oneway', 'C', 1, 0), ('maxspeed', 'N', 3, 0)],
               [['primary', 'B', 50], ['residential', 'F', 0], ['footway', 'B', 0]])
mtp = S.dbf([('OCCUPATION', 'C', 20, 0), ('SENS_CIRCU', 'C', 20, 0)],
            [['', 'DOUBLE SENS'], ['', 'SENS UNIQUE'], ['PIETON', 'INTERDIT']])
for name in ('car', 'walk'):
    prof = open(geo('profiles', name + '.ini'), 'rb').read()
    put('roads', 'geofabrik_%s.bin' % name, SEP.join([prof, shp, shx, geofab, L93_PRJ, b'UTF-8']))
put('roads', 'geofabrik_builtin.bin', SEP.join([b'', shp, shx, geofab, L93_PRJ]))
put('roads', 'montpellier.bin',
    SEP.join([open(geo('profiles', 'montpellier.ini'), 'rb').read(), shp, shx, mtp, L93_PRJ]))

# ---- graph: SYNTHETIC three-node graphs ----
nodes = [(700000, 6600000), (700100, 6600000), (700100, 6600100)]
arcs = [(0, 1, 60, 1000), (1, 0, 60, 1000), (1, 2, 60, 1000), (2, 0, 90, 1414)]
put('graph', 'tiny.gagraph', S.graph_file(nodes, arcs))
put('graph', 'tiny_nochecksum.gagraph', S.graph_file(nodes, arcs, checksum=False))
put('graph', 'tiny_utm.gagraph', S.graph_file(nodes[:2], arcs[:2], crs='EPSG:32631',
                                              profile='walk', checksum=False))

# ---- scenario ----
put('scenario', 'plaissan.ini', open(geo('herault', 'scenarios', 'plaissan_centre_sante.ini'), 'rb').read())
put('scenario', 'synthetic_all_groups.ini', b'''[scenario]
name=synthetic
description=every group
[add a1]
type=gp
x=700000
y=6600000
capacity=1.5
[remove]
ids=340000033;340000181
[capacity]
340000173=3
[retire]
age=67
type=gp
''')

# ---- study files (docs/study.md) ----
put('study', 'herault.ini', open(geo('herault', 'study.ini'), 'rb').read())
put('study', 'plaissan.ini', open(geo('herault', 'study_plaissan.ini'), 'rb').read())
put('study', 'synthetic_roads.ini', b'''[communes]
path = c.shp
[cost]
model = roads
roads = roads.osm.pbf
profile = walk
snap_distance = 500
access_speed = 4.5
skip_unsnapped = true
threads = 2
table_method = ch
[nearest]
types = gp
thresholds = 5, 7.5
''')
put('study', 'synthetic_unknown_key.ini', b'[cost]\nsped = 50\n')
put('study', 'synthetic_bad_types.ini', b'[cost]\nthreads = many\n[study_area]\nring_if_present = yes\n')
put('study', 'synthetic_unsupported.ini', b'[fca]\nmethod = 2sfca\n[cost]\nmatrix = od.csv\n')
put('study', 'synthetic_duplicate_latin1.ini', b'[study]\nname = H\xe9rault\\n # c\n[study]\nname[fr] = d\n')
put('study', 'synthetic_empty_values.ini', b'[communes]\npath =\n[outputs]\ntables =\nmaps = , ,\n')

# ---- decay specifications (README, include/geoaccess/measure.h) ----
for i, spec in enumerate(['binary:30', 'steps:10=1,15=0.6667,20=0.3333', 'power:1.5',
                          'exponential:0.1', 'linear:30', 'gaussian:30', 'power:-1',
                          ' steps : 5 = 1 , 10 = 0.5 ']):
    put('decay', 'spec%02d.txt' % i, spec.encode())

# ---- zone rules (README, include/geoaccess/zones.h) ----
for i, rule in enumerate(['time to hosp > 30', 'apl < 2.5 and time to gp > 20',
                          'apl < 2.5 or (time to urg > 30 and distance to mat > 45000)',
                          'not time to gp <= 10']):
    put('zones', 'rule%02d.txt' % i, rule.encode())

# ---- csv: trimmed geodata tables ----
put('csv', 'geodata_hospitals.csv',
    head_lines(geo('herault', 'hospitals_finess2020', 'hospitals_34_eurostat_finess2020.csv'), 6))
put('csv', 'geodata_population.csv',
    head_lines(geo('herault', 'population', 'population_34_cog2023_from_drees_apl.csv'), 6))
put('csv', 'geodata_bpe_iris.csv',
    head_lines(geo('herault', 'bpe2019', 'bpe2019_health_34_by_iris.csv'), 6))
put('csv', 'geodata_apl2023.csv', head_lines(geo('herault', 'apl_drees', 'apl_mg_34_2023.csv'), 6))
