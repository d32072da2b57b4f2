#!/usr/bin/env python3
"""Keeps the health equipment rows of INSEE BPE 2019 for Herault.

Reads ../shared/geodata/herault/bpe2019/bpe2019_equipment_34_by_iris.csv (every
equipment type) and writes geodata/herault/bpe2019/bpe2019_health_34_by_iris.csv
with only the types listed in equipment_types.csv. Rows are copied unchanged.
Usage: python3 geodata/tools/trim_bpe_health.py SHARED_GEODATA_DIR
"""
import csv
import os
import sys

shared = sys.argv[1] if len(sys.argv) > 1 else "../shared/geodata"
here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "herault", "bpe2019")
src = os.path.join(shared, "herault", "bpe2019", "bpe2019_equipment_34_by_iris.csv")
types = {r["typequ"] for r in csv.DictReader(open(os.path.join(here, "equipment_types.csv")))}
rows = list(csv.reader(open(src)))
keep = [rows[0]] + [r for r in rows[1:] if r[5] in types]
with open(os.path.join(here, "bpe2019_health_34_by_iris.csv"), "w", newline="") as f:
    csv.writer(f, lineterminator="\n").writerows(keep)
print(f"{len(keep) - 1} health rows of {len(rows) - 1}")
