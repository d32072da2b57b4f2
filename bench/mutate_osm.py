#!/usr/bin/env python3
"""Damaged PBFs against the OSM reader: writes N mutated copies of an extract
(random bytes changed, or the file cut short) and counts how `geoaccess info`
ends on each (exit code, or the signal that killed it), for one or more
geoaccess binaries side by side. An uncompressed PBF (make_osm_pbf ...
uncompressed) lets the changed bytes reach the protobuf decoder instead of
failing zlib's checksum.

Usage: mutate_osm.py PBF N SEED GEOACCESS [GEOACCESS...]
e.g.   build/tests/make_osm_pbf ../shared/geodata/andorra/andorra-latest.osm.pbf /tmp/raw.osm.pbf uncompressed
       bench/mutate_osm.py /tmp/raw.osm.pbf 400 2 build/engine/cli/geoaccess"""
import os
import random
import subprocess
import sys
import tempfile

if len(sys.argv) < 5:
    sys.exit(__doc__)
src = open(sys.argv[1], "rb").read()
n, rng, bins = int(sys.argv[2]), random.Random(int(sys.argv[3])), sys.argv[4:]
res = {b: {} for b in bins}
with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "mutated.osm.pbf")
    for i in range(n):
        b = bytearray(src)
        kind = rng.randrange(3)
        if kind == 0:  # a few bytes anywhere
            for _ in range(rng.randint(1, 8)):
                b[rng.randrange(len(b))] = rng.randrange(256)
        elif kind == 1:  # cut short
            b = b[:rng.randrange(len(b))]
        else:  # a few bytes in the first 64 kB (header, first blocks)
            for _ in range(rng.randint(1, 4)):
                b[rng.randrange(min(65536, len(b)))] = rng.randrange(256)
        with open(path, "wb") as f:
            f.write(b)
        for g in bins:
            r = subprocess.run([g, "info", path], capture_output=True)
            k = "signal %d" % -r.returncode if r.returncode < 0 else "exit %d" % r.returncode
            res[g][k] = res[g].get(k, 0) + 1
print("%d mutated copies of %s (seed %s)" % (n, sys.argv[1], sys.argv[3]))
for g in bins:
    print(g, dict(sorted(res[g].items())))
