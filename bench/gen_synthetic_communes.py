#!/usr/bin/env python3
"""SYNTHETIC national-size commune data for the measure benchmarks.

Not real data: 35,000 "communes" scattered over a 750 km x 750 km square
(about the area of metropolitan France, 550,000 km2, so about 16 km2 per
commune as in France), a log-normal population (median about 450, as French
communes), practitioners in about a quarter of them, and straight-line car
times (distance x 1.3 / 60 km/h) kept when at most 20 minutes, the DREES
APL horizon, self pairs included (0 minutes).

Usage: gen_synthetic_communes.py OUTDIR [N]
Writes OUTDIR/synthetic_communes_{matrix,demand,supply}.csv.
Deterministic (fixed seed).
"""
import math
import os
import random
import sys


def main():
    outdir = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 35000
    rng = random.Random(20231123)
    side = 750000.0  # metres
    max_min = 20.0
    m_per_min = 60000.0 / 60.0 / 1.3  # metres of straight line per minute
    radius = max_min * m_per_min
    xs = [rng.uniform(0, side) for _ in range(n)]
    ys = [rng.uniform(0, side) for _ in range(n)]
    ids = ["S%05d" % i for i in range(n)]
    os.makedirs(outdir, exist_ok=True)

    with open(os.path.join(outdir, "synthetic_communes_demand.csv"), "w") as f:
        f.write("id,population\n")
        for i in range(n):
            f.write("%s,%d\n" % (ids[i], int(math.exp(rng.gauss(math.log(450), 1.3)))))
    with open(os.path.join(outdir, "synthetic_communes_supply.csv"), "w") as f:
        f.write("id,capacity\n")
        for i in range(n):
            gps = 0 if rng.random() < 0.75 else 1 + int(rng.expovariate(0.4))
            f.write("%s,%d\n" % (ids[i], gps * 4800))

    # grid of cells of the search radius: neighbours are in the 3 x 3 block
    cells = {}
    for i in range(n):
        cells.setdefault((int(xs[i] // radius), int(ys[i] // radius)), []).append(i)
    pairs = 0
    with open(os.path.join(outdir, "synthetic_communes_matrix.csv"), "w") as f:
        f.write("from_id,to_id,cost\n")
        for i in range(n):
            cx, cy = int(xs[i] // radius), int(ys[i] // radius)
            near = []
            for dx in (-1, 0, 1):
                for dy in (-1, 0, 1):
                    near.extend(cells.get((cx + dx, cy + dy), ()))
            near.sort()
            xi, yi = xs[i], ys[i]
            lines = []
            for j in near:
                t = math.hypot(xs[j] - xi, ys[j] - yi) / m_per_min
                if t <= max_min:
                    lines.append("%s,%s,%.3f\n" % (ids[i], ids[j], t))
            pairs += len(lines)
            f.write("".join(lines))
    print("synthetic communes: %d, pairs within %g min: %d" % (n, max_min, pairs))


if __name__ == "__main__":
    main()
