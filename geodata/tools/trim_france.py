#!/usr/bin/env python3
"""Trims the national tables of ../shared/geodata/france into geodata/france/
(issue 14: a national study shipped in the repository, points only).

Writes, for metropolitan France (departements 01-95, 2A, 2B):
  communes/communes_points_france.csv   insee_code,name,lon,lat: the COG 2023
      commune points (geo.api.gouv.fr centres), re-coded to the DREES file's codes
      (COG 2024): the 13 communes merged on 1 January 2024 are dropped, the
      commune they merged into keeps its own point (passage_2023_2024.csv);
  population/population_france_drees_apl2023.csv   insee_code,pop_std_2021,
      pop_tot_2021: the DREES APL 2023 rows (values copied unchanged);
  bpe2019/bpe2019_health_france_by_commune.csv   insee_code,TYPEQU,NB_EQUIP: the
      BPE 2019 rows of the study's health types summed per commune (re-coded
      commune insee_cog2024) and type;
  hospitals_finess2020/hospitals_france_finess2020.csv   finess_et,type,lon,lat,
      name,facility_type,public_private,postcode,geo_qual: the FINESS hospitals
      (type = hosp), WGS84 as in the source.
Plain CSV (the engine reads them as they are). Deterministic: rows sorted.
Usage: python3 geodata/tools/trim_france.py [SHARED_GEODATA_DIR]
"""
import collections
import csv
import os
import sys

shared = sys.argv[1] if len(sys.argv) > 1 else "../shared/geodata"
src = os.path.join(shared, "france")
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "france")
# the study's health types (geodata/france/study.ini facilities.types)
TYPES = {"D201", "D301", "D113", "D106", "D107", "D108"}


def metro(code):
    return not code.startswith(("97", "98"))


def write(rel, header, rows):
    path = os.path.join(out, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    print(f"{rel}: {len(rows)} rows, {os.path.getsize(path):,} bytes")


def read(name):
    with open(os.path.join(src, name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


# communes: COG 2023 points, 2024 mergers applied
absorbed = set()
for r in read(os.path.join("communes_cog2024", "passage_2023_2024.csv")):
    if r["typemodif"] == "f" and r["cod2023"] != r["cod2024"]:
        absorbed.add(r["cod2023"])
points = [r for r in read("communes_points_france_cog2023.csv")
          if metro(r["insee_code"]) and r["insee_code"] not in absorbed]
write("communes/communes_points_france.csv", ["insee_code", "name", "lon", "lat"],
      sorted([r["insee_code"], r["name"], r["lon"], r["lat"]] for r in points))

# population: the DREES columns of the APL's demand
pop = [r for r in read("apl_mg_2023_communes_france.csv") if metro(r["insee_code"])]
write("population/population_france_drees_apl2023.csv", ["insee_code", "pop_std_2021", "pop_tot_2021"],
      sorted([r["insee_code"], r["pop_std_2021"], r["pop_tot_2021"]] for r in pop))

# BPE 2019: the study's types per commune (IRIS rows summed)
counts = collections.Counter()
for r in read("bpe2019_health_france_by_iris.csv"):
    if r["TYPEQU"] in TYPES and metro(r["insee_cog2024"]):
        counts[(r["insee_cog2024"], r["TYPEQU"])] += int(r["NB_EQUIP"])
write("bpe2019/bpe2019_health_france_by_commune.csv", ["insee_code", "TYPEQU", "NB_EQUIP"],
      [[c, t, n] for (c, t), n in sorted(counts.items())])

# hospitals: metropolitan postcodes
hosp = [r for r in read("hospitals_france_finess2020_eurostat.csv") if metro(r["postcode"])]
write("hospitals_finess2020/hospitals_france_finess2020.csv",
      ["finess_et", "type", "lon", "lat", "name", "facility_type", "public_private", "postcode", "geo_qual"],
      sorted([r["id"], "hosp", r["lon"], r["lat"], r["hospital_name"], r["facility_type"], r["public_private"],
              r["postcode"], r["geo_qual"]] for r in hosp))
