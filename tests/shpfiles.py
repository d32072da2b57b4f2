"""Small shapefile/DBF/graph-file writer and reader for the test generators
(tests/fuzz_corpus/make_seeds.py, tests/malformed/make_malformed.py).
Python standard library only; follows the ESRI Shapefile Technical
Description (1998) and the dBASE III table layout."""
import hashlib
import struct

NULL, POINT, ARC, POLYGON = 0, 1, 3, 5


def _bbox(points):
    xs = [p[0] for p in points] or [0.0]
    ys = [p[1] for p in points] or [0.0]
    return min(xs), min(ys), max(xs), max(ys)


def _content(shape_type, geom):
    """geom: (x, y) for points, a list of parts (lists of (x, y)) otherwise,
    None for a null shape."""
    if geom is None:
        return struct.pack('<i', NULL)
    if shape_type == POINT:
        return struct.pack('<idd', POINT, geom[0], geom[1])
    pts = [p for part in geom for p in part]
    out = struct.pack('<i4d', shape_type, *_bbox(pts))
    out += struct.pack('<ii', len(geom), len(pts))
    start = 0
    for part in geom:
        out += struct.pack('<i', start)
        start += len(part)
    for x, y in pts:
        out += struct.pack('<dd', x, y)
    return out


def _header(shape_type, length_words, bbox):
    return (struct.pack('>7i', 9994, 0, 0, 0, 0, 0, length_words) +
            struct.pack('<2i', 1000, shape_type) + struct.pack('<8d', *bbox, 0, 0, 0, 0))


def shp_shx(shape_type, geoms):
    """Returns the .shp and .shx bytes of a layer."""
    recs, index = b'', b''
    offset = 50
    allpts = []
    for i, g in enumerate(geoms):
        c = _content(shape_type, g)
        recs += struct.pack('>2i', i + 1, len(c) // 2) + c
        index += struct.pack('>2i', offset, len(c) // 2)
        offset += 4 + len(c) // 2
        if g is not None:
            allpts += [g] if shape_type == POINT else [p for part in g for p in part]
    bbox = _bbox(allpts)
    shp = _header(shape_type, 50 + len(recs) // 2, bbox) + recs
    shx = _header(shape_type, 50 + len(index) // 2, bbox) + index
    return shp, shx


def dbf(fields, rows, ldid=0x57, encoding='utf-8'):
    """fields: [(name, 'C'|'N', length, decimals)]; rows: lists of values."""
    rec_len = 1 + sum(f[2] for f in fields)
    hdr_len = 32 + 32 * len(fields) + 1
    out = struct.pack('<B3BIHH', 3, 123, 1, 1, len(rows), hdr_len, rec_len)
    out += b'\0' * 17 + bytes([ldid]) + b'\0\0'
    for name, typ, length, dec in fields:
        out += name.encode('ascii').ljust(11, b'\0') + typ.encode('ascii') + b'\0' * 4
        out += bytes([length, dec]) + b'\0' * 14
    out += b'\r'
    for row in rows:
        out += b' '
        for (name, typ, length, dec), v in zip(fields, row):
            if isinstance(v, bytes):
                b = v
            elif typ == 'N':
                b = (('%.*f' % (dec, v)) if v is not None else '').encode('ascii')
            else:
                b = str(v).encode(encoding)
            b = b[:length]
            out += b.rjust(length) if typ == 'N' else b.ljust(length)
    return out + b'\x1a'


def read_shp(path_base):
    """Reads (shape_type, [record content bytes]) and the DBF (header, [raw
    records]) of an existing shapefile, to trim it."""
    shp = open(path_base + '.shp', 'rb').read()
    shx = open(path_base + '.shx', 'rb').read()
    shape_type = struct.unpack('<i', shp[32:36])[0]
    contents = []
    for k in range(100, len(shx), 8):
        off, words = struct.unpack('>2i', shx[k:k + 8])
        contents.append(shp[off * 2 + 8: off * 2 + 8 + words * 2])
    d = open(path_base + '.dbf', 'rb').read()
    n, hl, rl = struct.unpack('<IHH', d[4:12])
    rows = [d[hl + i * rl: hl + (i + 1) * rl] for i in range(n)]
    return shape_type, contents, d[:hl], rows


def trimmed(shape_type, contents, dbf_header, rows, keep):
    """The .shp, .shx, .dbf of the records `keep` (indices) of a layer read
    with read_shp (bounding boxes recomputed from the records kept)."""
    recs, index = b'', b''
    offset = 50
    xs, ys = [], []
    for i, k in enumerate(keep):
        c = contents[k]
        recs += struct.pack('>2i', i + 1, len(c) // 2) + c
        index += struct.pack('>2i', offset, len(c) // 2)
        offset += 4 + len(c) // 2
        if shape_type == POINT:
            x, y = struct.unpack('<dd', c[4:20])
            xs += [x]; ys += [y]
        else:
            x0, y0, x1, y1 = struct.unpack('<4d', c[4:36])
            xs += [x0, x1]; ys += [y0, y1]
    bbox = (min(xs), min(ys), max(xs), max(ys))
    shp = _header(shape_type, 50 + len(recs) // 2, bbox) + recs
    shx = _header(shape_type, 50 + len(index) // 2, bbox) + index
    h = bytearray(dbf_header)
    struct.pack_into('<I', h, 4, len(keep))
    return shp, shx, bytes(h) + b''.join(rows[k] for k in keep) + b'\x1a'


# ---- geoaccess graph files (layout: engine/graph/graphfile.c) ----

def graph_file(nodes, arcs, crs='EPSG:2154', profile='car', version=1, checksum=True):
    """nodes: [(x_m, y_m)]; arcs: [(tail, head, time_ds, dist_dm)] (sorted by
    tail). No intermediate vertices. checksum=False leaves bytes 96..127 zero."""
    def pad(b):
        return b + b'\0' * (-len(b) % 8)
    n, m = len(nodes), len(arcs)
    first_out = [0] * (n + 1)
    for t, _, _, _ in arcs:
        first_out[t + 1] += 1
    for v in range(n):
        first_out[v + 1] += first_out[v]
    body = pad(crs.encode() + b'\0') + pad(profile.encode() + b'\0')
    body += pad(struct.pack('<%dI' % (n + 1), *first_out))
    body += pad(struct.pack('<%dI' % m, *[a[1] for a in arcs]))
    body += pad(struct.pack('<%dI' % m, *[a[2] for a in arcs]))
    body += pad(struct.pack('<%dI' % m, *[a[3] for a in arcs]))
    body += pad(struct.pack('<%di' % n, *[round(p[0] * 100) for p in nodes]))
    body += pad(struct.pack('<%di' % n, *[round(p[1] * 100) for p in nodes]))
    body += pad(struct.pack('<%dI' % (m + 1), *([0] * (m + 1))))
    length_dm = sum(a[3] for a in arcs)
    hdr = b'GAGRAPH\0' + struct.pack('<8I', version, 0x01020304, 128, n, m, 0, len(crs),
                                     len(profile))
    hdr += struct.pack('<2IQQ', 0, 0, length_dm, 128 + len(body))
    hdr += hashlib.sha256(b'source').digest()
    digest = hashlib.sha256(hdr + body).digest() if checksum else b'\0' * 32
    return hdr + digest + body
