#!/usr/bin/env python3
"""Corrects the rows of the FINESS/Eurostat GISCO hospitals table that the
source geocoded outside Hérault, once, in the embedded data, so that every
command (run, od, fca, the planning commands) sees the same facilities.

Rule: a row flagged `inside_herault = 0` takes the coordinates (lat, lon,
x_l93, y_l93) and commune (insee_commune_pip) of the rows of the same table
with the same street and city that the source geocoded inside Hérault; they
must all agree, else the script stops. The row's `geo_fix` column says what
was done and keeps the source's coordinates; rows not corrected have an
empty `geo_fix`. Nothing else changes.

In the 2020 extraction three rows at "2 RUE VALENTIN HAUY, BEZIERS" (the CH
de Béziers, 340000033, and two of its services) are placed in the Loire
(45.42953, 4.40406); 340795947, at the same address, is geocoded in Béziers.

Usage: fix_finess_geocoding.py SOURCE.csv OUT.csv
  SOURCE: ../shared/geodata/herault/hospitals_finess2020/hospitals_34_eurostat_finess2020.csv
  OUT:    geodata/herault/hospitals_finess2020/hospitals_34_eurostat_finess2020.csv
"""
import csv
import sys

COPIED = ("lat", "lon", "x_l93", "y_l93", "insee_commune_pip")


def key(row):
    return (" ".join(row["street"].upper().split()), " ".join(row["city"].upper().split()))


def main(src, out):
    with open(src, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        fields = list(reader.fieldnames)
        rows = list(reader)
    if "geo_fix" in fields:
        sys.exit(f"{src}: already has a geo_fix column (already corrected?)")
    good = {}
    for r in rows:
        if r["inside_herault"] == "1":
            good.setdefault(key(r), []).append(r)
    fixed = 0
    for line, r in enumerate(rows, start=2):
        r["geo_fix"] = ""
        if r["inside_herault"] != "0":
            continue
        same = good.get(key(r), [])
        places = {tuple(s[c] for c in COPIED) for s in same}
        if len(places) != 1:
            sys.exit(f"{src}: line {line}: FINESS {r['finess_et']} is geocoded outside Hérault and "
                     f"{len(places)} distinct placements share its address '{r['street']}, {r['city']}'")
        ref = same[0]
        r["geo_fix"] = (f"source geocoding {r['lat']},{r['lon']} is outside Hérault; coordinates of "
                        f"FINESS {ref['finess_et']} at the same address")
        for c in COPIED:
            r[c] = ref[c]
        r["inside_herault"] = "1"
        fixed += 1
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=fields + ["geo_fix"], lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"{out}: {len(rows)} rows, {fixed} corrected")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
