#!/usr/bin/env python3
"""Points for an OD-table benchmark: N points near the nodes of a road graph.

Reads the arcs CSV that `geoaccess graph --export` writes (columns from,to,
time_s,distance_m,from_x,from_y,to_x,to_y, in the graph's CRS), picks N arc
tails at random (fixed seed) and moves each by up to 50 m in x and y, so that
every point snaps to a road. Writes id,x,y in the graph's CRS (give it to
`geoaccess od --crs` with that CRS). The points are SYNTHETIC (random), the
roads are the graph's.

    bench/od_points.py ARCS.csv N SEED > points.csv
"""
import csv
import random
import sys


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: od_points.py ARCS.csv N SEED")
    with open(sys.argv[1], newline="") as f:
        ends = sorted({(float(r["from_x"]), float(r["from_y"])) for r in csv.DictReader(f)})
    rng = random.Random(int(sys.argv[3]))
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["id", "x", "y"])
    for i in range(int(sys.argv[2])):
        x, y = ends[rng.randrange(len(ends))]
        out.writerow([f"p{i}", f"{x + rng.uniform(-50, 50):.2f}", f"{y + rng.uniform(-50, 50):.2f}"])


if __name__ == "__main__":
    main()
