#!/usr/bin/env python3
"""geoaccess side by side with RoutingKit: tables and bounded searches on the same graph.

RoutingKit (C++, BSD 2-clause, ../shared/peers/RoutingKit) is built at benchmark time
into the build folder with its own Makefile (never committed, never part of the
project's build) and linked by our small driver bench/peers/rk_driver.cpp. Both tools
get the very arcs geoaccess routes on (`geoaccess graph --export`: one directed arc a
row, weight = whole deciseconds, time_s x 10) and the same random nodes (fixed seed):

  table    TABLE x TABLE nodes, travel time, no bound, one core:
           RoutingKit's contraction-hierarchy many-to-many (pin_targets, then one
           run_to_pinned_targets per source) against geoaccess's hierarchy on the node
           ids (ga_ch_buckets_build + ga_ch_query, what the table code runs) and
           against ga_router_table between points on those nodes (snapping, access
           legs, the OD table of doubles), on 1 and 2 threads;
  bounded  SOURCES sources, every node within BOUND minutes, one core: RoutingKit's
           Dijkstra against geoaccess's search (ga_search_run) and its PHAST sweep
           through the hierarchy.

Costs are compared pair by pair (RoutingKit's table against ga_router_table's, its
bounded search against ours); any difference fails the run (exit 1). Times: after a
warm-up run, repeats until three runs agree within 3 % (at most 10), median of the
last three; CPU time of the median run (the machine may be shared). Each tool builds
its hierarchy once, not counted in the table times (printed apart).
Skipped (exit 77) when RoutingKit's source, the data or g++ is absent.

  python3 bench/peers/routingkit.py --geoaccess build/engine/cli/geoaccess \\
      --node-costs build/bench/peers/node_costs --routingkit ../shared/peers/RoutingKit \\
      --geodata ../shared/geodata --work build/bench/peers/routingkit
"""
import argparse
import csv
import os
import random
import re
import shutil
import subprocess
import sys

SKIP = 77

# name -> (path under geodata, extra `geoaccess graph` options), as bench/peers/pgrouting.py
GRAPHS = {
    "montpellier": ("montpellier/streets_2014/montpellier_voies_l93.shp", []),
    "andorra": ("andorra/andorra-latest.osm.pbf", []),
    "malta": ("malta/malta-latest.osm.pbf", []),
}


def log(*a):
    print(*a, flush=True)


def run(cmd, **kw):
    p = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)}: exit {p.returncode}\n{p.stderr.strip()}\n{p.stdout[-2000:]}")
    return p.stdout


def kv(text):
    out = {}
    for tok in text.split():
        if "=" in tok:
            k, v = tok.split("=", 1)
            out.setdefault(k, v)
    return out


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def build_routingkit(src, work, driver_src):
    """Copies RoutingKit's source into work/, builds its library with its own Makefile and
    compiles our driver against it with RoutingKit's own compiler flags."""
    rk = os.path.join(work, "RoutingKit")
    lib = os.path.join(rk, "lib", "libroutingkit.a")
    if not os.path.exists(lib):
        if os.path.exists(rk):
            shutil.rmtree(rk)
        shutil.copytree(src, rk, ignore=shutil.ignore_patterns("build", "lib", "bin", ".git"))
        log(f"building RoutingKit in {rk} (make lib/libroutingkit.a)")
        run(["make", "-C", rk, "-j2", "lib/libroutingkit.a"])
    mk = open(os.path.join(rk, "Makefile")).read()
    cflags = re.search(r"^CFLAGS=(.*)$", mk, re.M).group(1).replace("-Iinclude", "").split()
    drv = os.path.join(work, "rk_driver")
    run(["g++"] + cflags + ["-I", os.path.join(rk, "include"), driver_src, lib, "-o", drv, "-fopenmp", "-lz"])
    return drv, " ".join(cflags)


def read_dump(path):
    d = {}
    with open(path) as f:
        for line in f:
            a, b, c = line.split(",")
            d[(int(a), int(b))] = int(c)
    return d


def compare(name, ours, theirs):
    keys = set(ours) | set(theirs)
    diff = [k for k in keys if ours.get(k) != theirs.get(k)]
    log(f"  {name}: {len(keys) - len(diff)} of {len(keys)} identical  [{'OK' if not diff else 'DIFFERENT'}]")
    for k in sorted(diff)[:3]:
        log(f"    e.g. {k[0]} -> {k[1]}: geoaccess {ours.get(k)}, RoutingKit {theirs.get(k)}")
    return not diff


def one_graph(a, name, drv, work):
    rel, opts = GRAPHS[name]
    gfile, edges = os.path.join(work, f"{name}.gagraph"), os.path.join(work, f"{name}_edges.csv")
    run([a.geoaccess, "graph", "--roads", os.path.join(a.geodata, rel), "--out", gfile, "--export", edges] + opts)
    nodes = set()
    with open(edges) as f:
        for r in csv.DictReader(f):
            nodes.add(int(r["from"]))
            nodes.add(int(r["to"]))
    nodes = sorted(nodes)
    rng = random.Random(a.seed)
    table = rng.sample(nodes, min(a.table, len(nodes)))
    sources = rng.sample(nodes, min(a.sources, len(nodes)))
    ft, fs = os.path.join(work, f"{name}_table.txt"), os.path.join(work, f"{name}_sources.txt")
    with open(ft, "w") as f:
        f.write("".join(f"{v}\n" for v in table))
    with open(fs, "w") as f:
        f.write("".join(f"{v}\n" for v in sources))
    bound_ds = int(round(a.bound * 600))
    dumps = {k: os.path.join(work, f"{name}_{k}.csv") for k in ("ga_t", "ga_b", "rk_t", "rk_b")}
    load0 = loadavg()
    ga = kv(run([a.node_costs, gfile, "--table", ft, "--sources", fs, "--bound-ds", str(bound_ds),
                 "--table-dump", dumps["ga_t"], "--bounded-dump", dumps["ga_b"]]))
    rk = kv(run([drv, edges, "--table", ft, "--sources", fs, "--bound-ds", str(bound_ds),
                 "--table-dump", dumps["rk_t"], "--bounded-dump", dumps["rk_b"]]))
    load1 = loadavg()
    log(f"== {name}: {rel}, {ga['nodes']} nodes, {ga['arcs']} arcs (load average {load0} -> {load1})")
    ok = compare(f"{len(table)}x{len(table)} table, ga_router_table vs RoutingKit's many-to-many (ds)",
                 read_dump(dumps["ga_t"]), read_dump(dumps["rk_t"]))
    ok &= compare(f"{len(sources)} sources within {a.bound:g} min, ga_search_run vs RoutingKit's Dijkstra (ds)",
                  read_dump(dumps["ga_b"]), read_dump(dumps["rk_b"]))
    for k, what in (("table_engine_vs_router_differences", "geoaccess's hierarchy on node ids vs ga_router_table"),
                    ("differences_vs_search", "geoaccess's PHAST vs its search")):
        log(f"  {what}: {ga.get(k)} differ  [{'OK' if ga.get(k) == '0' else 'DIFFERENT'}]")
        ok &= ga.get(k) == "0"
    ok &= ga.get("identical") == "1"
    g = lambda d, k: float(d[k])
    ms = lambda x: f"{x * 1e3:.2f} ms"
    n_pairs = len(table) ** 2
    log(f"  hierarchies: RoutingKit {ms(g(rk, 'ch_build_s'))} ({rk['ch_up_arcs']} upward arcs), geoaccess "
        f"{ms(g(ga, 'ch_build_s'))} ({ga['ch_up_arcs']} upward arcs); not in the times below")
    rows = [
        ("table", "RoutingKit CH many-to-many", rk, "table"),
        ("table", "geoaccess CH on node ids (RPHAST)", ga, "table_engine"),
        ("table", "geoaccess ga_router_table, 1 thread", ga, "table"),
        ("table", "geoaccess ga_router_table, 2 threads", ga, "table_2threads"),
        ("bounded", "RoutingKit Dijkstra", rk, "bounded"),
        ("bounded", "geoaccess search (ga_search_run)", ga, "bounded_engine"),
        ("bounded", "geoaccess PHAST through the hierarchy", ga, "bounded_phast"),
    ]
    res = {"name": name, "ok": ok}
    for kind, what, d, k in rows:
        wall, cpu, best = g(d, k + "_s"), g(d, k + "_cpu_s"), g(d, k + "_best_s")
        ref = rk["table_s" if kind == "table" else "bounded_s"]
        refc = rk["table_cpu_s" if kind == "table" else "bounded_cpu_s"]
        extra = f", {n_pairs / cpu / 1e6:.1f} M pairs per CPU second" if kind == "table" else ""
        log(f"  {kind:7} {what:42} {ms(wall)} (best {ms(best)}) [CPU {ms(cpu)}{extra}]: "
            f"RoutingKit / this = {float(ref) / wall:.2f}x [CPU {float(refc) / cpu:.2f}x]")
        res[k] = (wall, cpu)
    res["rk_t"] = (g(rk, "table_s"), g(rk, "table_cpu_s"))
    res["rk_b"] = (g(rk, "bounded_s"), g(rk, "bounded_cpu_s"))
    res["load"] = (load0, load1)
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--geoaccess", required=True)
    ap.add_argument("--node-costs", required=True)
    ap.add_argument("--routingkit", required=True, help="RoutingKit's source folder")
    ap.add_argument("--geodata", required=True)
    ap.add_argument("--work", required=True, help="folder for RoutingKit's build and the graphs")
    ap.add_argument("--graphs", default="malta,montpellier,andorra")
    ap.add_argument("--table", type=int, default=1000)
    ap.add_argument("--sources", type=int, default=100)
    ap.add_argument("--bound", type=float, default=10, help="minutes")
    ap.add_argument("--seed", type=int, default=2026)
    a = ap.parse_args()
    a.geoaccess, a.node_costs = os.path.abspath(a.geoaccess), os.path.abspath(a.node_costs)
    if not os.path.isfile(os.path.join(a.routingkit, "Makefile")):
        log(f"SKIP: RoutingKit's source is absent ({a.routingkit})")
        return SKIP
    if not os.path.isdir(a.geodata):
        log(f"SKIP: {a.geodata} is absent")
        return SKIP
    if not shutil.which("g++") or not shutil.which("make"):
        log("SKIP: g++ and make are needed to build RoutingKit")
        return SKIP
    names = [n for n in a.graphs.split(",") if n]
    for n in names:
        if n not in GRAPHS:
            log(f"unknown graph '{n}' (known: {', '.join(GRAPHS)})")
            return 2
    todo = [n for n in names if os.path.exists(os.path.join(a.geodata, GRAPHS[n][0]))]
    if not todo:
        log(f"SKIP: none of {a.graphs} under {a.geodata}")
        return SKIP
    os.makedirs(a.work, exist_ok=True)
    here = os.path.dirname(os.path.abspath(__file__))
    drv, flags = build_routingkit(a.routingkit, a.work, os.path.join(here, "rk_driver.cpp"))
    log(f"peer: RoutingKit from {a.routingkit}, built with its Makefile's flags ({flags}); "
        f"{a.table}x{a.table} tables, {a.sources} sources within {a.bound:g} min, seed {a.seed}, one core "
        f"unless said")
    summary = [one_graph(a, n, drv, a.work) for n in todo]
    log("== summary (RoutingKit's time / geoaccess's: above 1, geoaccess is faster; wall-clock median "
        "[CPU time])")
    ok = True
    for r in summary:
        ok &= r["ok"]
        t, tc = r["rk_t"]
        b, bc = r["rk_b"]
        log(f"{r['name']} (load {r['load'][0]} -> {r['load'][1]}): table: CH on node ids "
            f"{t / r['table_engine'][0]:.2f}x [CPU {tc / r['table_engine'][1]:.2f}x], ga_router_table "
            f"{t / r['table'][0]:.2f}x [CPU {tc / r['table'][1]:.2f}x]; 2 threads / 1 thread "
            f"{r['table'][0] / r['table_2threads'][0]:.2f}x; bounded: search {b / r['bounded_engine'][0]:.2f}x "
            f"[CPU {bc / r['bounded_engine'][1]:.2f}x], PHAST {b / r['bounded_phast'][0]:.2f}x "
            f"[CPU {bc / r['bounded_phast'][1]:.2f}x]; costs {'identical' if r['ok'] else 'DIFFER'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
