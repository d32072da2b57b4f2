#!/usr/bin/env python3
"""Writes tests/fixtures/vulnerability/synthetic_practitioners_34.csv: one row
per general practitioner of Hérault (the INSEE BPE 2019 count of each commune,
geodata/herault/bpe2019/gp_by_commune_34_bpe2019.csv) at a point inside its
commune (Lambert-93), with a SYNTHETIC age.

No public table here gives practitioners' ages: the ages are drawn (seeded,
so the file is the same on every run) so that about 40 % of the GPs are over
55, as the CLS of the issue reports; they describe nobody. The file exists to
test `geoaccess vulnerability --scenario` (a [retire] group) and to show it.

Columns: id,x,y,type,capacity,age,insee. Python standard library only.
Usage: scripts/make_synthetic_practitioners.py [OUT.csv]
"""
import csv
import os
import random
import struct
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHP = os.path.join(ROOT, 'geodata/herault/communes_cog2023/communes_34_cog2023')
GP = os.path.join(ROOT, 'geodata/herault/bpe2019/gp_by_commune_34_bpe2019.csv')
OUT = os.path.join(ROOT, 'tests/fixtures/vulnerability/synthetic_practitioners_34.csv')


def dbf_codes(path):
    """The insee (or INSEE_COM) field of each record of a dBASE table."""
    d = open(path, 'rb').read()
    n, hl, _ = struct.unpack('<IHH', d[4:12])
    fields, off, pos = [], 1, 32
    while d[pos] != 0x0D:
        name = d[pos:pos + 11].split(b'\0')[0].decode()
        length = d[pos + 16]
        fields.append((name, off, length))
        off += length
        pos += 32
    rl = struct.unpack('<H', d[10:12])[0]
    name, o, ln = next(f for f in fields if f[0].upper() in ('INSEE', 'INSEE_COM'))
    return [d[hl + i * rl + o: hl + i * rl + o + ln].decode().strip() for i in range(n)]


def polygons(path):
    """The parts (lists of (x, y)) of each polygon record."""
    shp = open(path + '.shp', 'rb').read()
    shx = open(path + '.shx', 'rb').read()
    out = []
    for k in range(100, len(shx), 8):
        off = struct.unpack('>i', shx[k:k + 4])[0] * 2 + 8
        nparts, npts = struct.unpack('<2i', shp[off + 36: off + 44])
        starts = list(struct.unpack('<%di' % nparts, shp[off + 44: off + 44 + 4 * nparts])) + [npts]
        base = off + 44 + 4 * nparts
        pts = [struct.unpack('<2d', shp[base + 16 * i: base + 16 * i + 16]) for i in range(npts)]
        out.append([pts[starts[p]:starts[p + 1]] for p in range(nparts)])
    return out


def inside_point(parts):
    """A point inside the polygon: the middle of the widest inside stretch of
    a horizontal line through the middle of the polygon's extent (written
    here because the standard library has no geometry)."""
    ys = [y for part in parts for _, y in part]
    y = (min(ys) + max(ys)) / 2 + 0.123  # off any vertex
    xs = []
    for part in parts:
        for (x0, y0), (x1, y1) in zip(part, part[1:] + part[:1]):
            if (y0 > y) != (y1 > y):
                xs.append(x0 + (y - y0) * (x1 - x0) / (y1 - y0))
    xs.sort()
    a, b = max(zip(xs[0::2], xs[1::2]), key=lambda s: s[1] - s[0])
    return (a + b) / 2, y


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else OUT
    where = dict(zip(dbf_codes(SHP + '.dbf'), (inside_point(p) for p in polygons(SHP))))
    rng = random.Random(34)
    rows = []
    with open(GP, newline='', encoding='utf-8') as f:
        for r in csv.DictReader(f):
            x, y = where[r['insee_code']]
            for k in range(int(r['gp_count'])):
                # ages 30-70: a quarter 30-44, a third 45-55, the rest (about 40 %) 56-70
                u = rng.random()
                age = rng.randint(30, 44) if u < 0.25 else rng.randint(45, 55) if u < 0.6 else rng.randint(56, 70)
                rows.append(('SYNTH-%s-%d' % (r['insee_code'], k + 1), '%.1f' % x, '%.1f' % y, 'gp', 1, age,
                             r['insee_code']))
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['id', 'x', 'y', 'type', 'capacity', 'age', 'insee'])
        w.writerows(rows)
    print('%s: %d synthetic practitioners, %d over 60' % (out, len(rows), sum(r[5] > 60 for r in rows)))


if __name__ == '__main__':
    main()
