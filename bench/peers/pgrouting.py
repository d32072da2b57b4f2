#!/usr/bin/env python3
"""geoaccess side by side with pgRouting: the same costs, and how fast.

Starts a throw-away PostgreSQL cluster (initdb into a temporary folder,
Unix socket only, run as the `postgres` user when started as root; stopped
and removed on exit), loads into it the very graph geoaccess routes on (the
arcs of `geoaccess graph --export`: one directed row per arc, cost = the
arc's integer deciseconds or decimetres, reverse_cost = -1) and, on each
road network:

  validation  pgr_dijkstraCost between ORIGINS x DESTINATIONS random graph
              nodes (fixed seed), travel time and length, against
              `geoaccess od --graph` on points standing exactly on those
              nodes; pgr_drivingDistance within BOUND minutes from SOURCES
              nodes against geoaccess's bounded search; pgr_dijkstraCostMatrix
              on TABLE nodes against ga_router_table (bench/peers/node_costs).
  speed       bounded one-to-many (pgr_drivingDistance, all SOURCES in one
              call) and the TABLE x TABLE matrix (pgr_dijkstraCostMatrix),
              pgRouting's time being the "Execution Time" of EXPLAIN
              (ANALYZE, TIMING OFF) (server side: the edges query, pgRouting's
              graph build, the searches and the result rows, no transfer to
              the client; PostgreSQL's start-up and the data load excluded),
              geoaccess's that of node_costs on one core (graph loaded once).

Usage (meson benchmark 'pgrouting', or by hand):
  bench/peers/pgrouting.py --geoaccess build/engine/cli/geoaccess \\
      --node-costs build/bench/peers/node_costs --geodata ../shared/geodata
Exits 77 (skipped) when the geodata folder or pgRouting is absent.
Python 3 standard library only; PostgreSQL is driven through psql.
"""
import argparse
import csv
import glob
import math
import os
import pwd
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile

SKIP = 77

# name -> (path under geodata, extra `geoaccess graph` options, checks through `geoaccess od`)
# `geoaccess od --graph` routes only on a graph in its working CRS, EPSG:2154 (Lambert-93);
# Andorra lies at the edge of Lambert-93's domain, so its graph is built in EPSG:2154 for
# the od check (its default, "auto", would be UTM 31N). Malta is far from it: its graph
# stays in UTM 33N and is checked through the router's table only.
GRAPHS = {
    "montpellier": ("montpellier/streets_2014/montpellier_voies_l93.shp", [], True),
    "andorra": ("andorra/andorra-latest.osm.pbf", ["--crs", "EPSG:2154"], True),
    "malta": ("malta/malta-latest.osm.pbf", [], False),
}


def log(*a):
    print(*a, flush=True)


def find_postgres():
    """(bin dir, version) of a PostgreSQL that has pgRouting, or None."""
    for bindir in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        ver = bindir.split("/")[-2]
        if os.path.exists(f"/usr/share/postgresql/{ver}/extension/pgrouting.control") and \
                os.path.exists(os.path.join(bindir, "initdb")):
            return bindir, ver
    return None


class Cluster:
    """A throw-away PostgreSQL cluster on a Unix socket in a temporary folder."""

    def __init__(self, bindir):
        self.bindir = bindir
        self.dir = tempfile.mkdtemp(prefix="ga-pgrouting-")
        self.data = os.path.join(self.dir, "data")
        self.started = False
        self.as_user = []
        if os.geteuid() == 0:  # initdb refuses root: run the server as postgres
            pw = pwd.getpwnam("postgres")
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)
            self.as_user = ["runuser", "-u", "postgres", "--"]
        os.chmod(self.dir, 0o755)

    def run(self, args, **kw):
        return subprocess.run(self.as_user + args, check=True, **kw)

    def start(self):
        self.run([os.path.join(self.bindir, "initdb"), "-D", self.data, "-U", "geoaccess",
                  "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"],
                 stdout=subprocess.DEVNULL)
        opts = f"-k {self.dir} -c listen_addresses='' -c fsync=off"
        self.run([os.path.join(self.bindir, "pg_ctl"), "-D", self.data, "-o", opts, "-l",
                  os.path.join(self.dir, "server.log"), "-w", "start"], stdout=subprocess.DEVNULL)
        self.started = True

    def stop(self):
        if self.started:
            self.started = False
            subprocess.run(self.as_user + [os.path.join(self.bindir, "pg_ctl"), "-D", self.data,
                                           "-m", "fast", "-w", "stop"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(self.dir, ignore_errors=True)

    def psql(self, sql):
        """Runs SQL (ON_ERROR_STOP), returns the unaligned rows as lists."""
        p = subprocess.run(self.as_user + [os.path.join(self.bindir, "psql"), "-h", self.dir,
                                           "-U", "geoaccess", "-d", "postgres", "-X", "-q", "-A",
                                           "-t", "-F", ",", "-v", "ON_ERROR_STOP=1"],
                           input=sql, capture_output=True, text=True)
        if p.returncode != 0:
            raise RuntimeError(f"psql failed: {p.stderr.strip()}\nSQL: {sql[:300]}")
        return [line.split(",") for line in p.stdout.splitlines() if line]

    def timed(self, queries):
        """Runs the queries under EXPLAIN (ANALYZE, TIMING OFF) in one session: (sum of their
        server-side "Execution Time"s, CPU time of the backend over them), in seconds. The CPU
        time is the first field of the backend's /proc/self/schedstat (nanoseconds on a core)."""
        cpu = "SELECT 'CPU ' || split_part(pg_read_file('/proc/self/schedstat'), ' ', 1);\n"
        hwm = "SELECT 'HWM ' || substring(pg_read_file('/proc/self/status') from 'VmHWM:\\s+(\\d+) kB');\n"
        script = cpu + "".join(f"EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF) {q};\n" for q in queries) + cpu + hwm
        ms, ns = 0.0, []
        self.peak_mb = 0.0
        for r in self.psql(script):
            line = ",".join(r).strip()
            m = re.match(r"Execution Time: ([0-9.]+) ms", line)
            if m:
                ms += float(m.group(1))
            elif line.startswith("CPU "):
                ns.append(int(line[4:]))
            elif line.startswith("HWM "):  # the backend's peak resident memory, shared buffers it touched included
                self.peak_mb = int(line[4:]) / 1024
        if len(ns) != 2:
            raise RuntimeError("no CPU time from /proc/self/schedstat")
        return ms / 1e3, (ns[1] - ns[0]) / 1e9


def measure(fn):
    """fn() -> (wall, cpu) seconds. One warm-up run, then repeats until three runs agree
    within 3 % (at most 10): (median wall of the last three, best wall, runs, CPU time of
    the median run). Same rule as node_costs."""
    fn()
    t = []
    med = 0
    while len(t) < 10:
        t.append(fn())
        if len(t) >= 3:
            w = sorted(t[-3:])
            med = w[1]
            if med[0] <= 0 or (w[2][0] - w[0][0]) / med[0] < 0.03:
                break
    return med[0], min(x[0] for x in t), len(t), med[1]


def run(cmd, **kw):
    p = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)}: exit {p.returncode}\n{p.stderr.strip()}")
    return p.stdout


def kv(text):
    out = {}
    for tok in text.split():
        if "=" in tok:
            k, v = tok.split("=", 1)
            out[k] = v
    return out


def compare(name, ours, theirs, ties=frozenset()):
    """ours, theirs: {(from, to): integer cost}. A difference is explained when the pair has
    a node in `ties` (a node whose own coordinates snap onto another road: a point placed
    there is not joined at the node). Prints; returns (identical, pairs, max difference,
    every difference explained, differences)."""
    keys = set(ours) | set(theirs)
    diff = sorted(k for k in keys if ours.get(k) != theirs.get(k))
    both = [k for k in keys if k in ours and k in theirs]
    maxd = max((abs(ours[k] - theirs[k]) for k in both), default=0)
    only_ours = sum(1 for k in keys if k not in theirs)
    only_theirs = sum(1 for k in keys if k not in ours)
    unexplained = [k for k in diff if k[0] not in ties and k[1] not in ties]
    ok = not unexplained
    msg = f"  {name}: {len(keys) - len(diff)} of {len(keys)} identical, max difference {maxd}"
    if only_ours or only_theirs:
        msg += f", only geoaccess {only_ours}, only pgRouting {only_theirs}"
    if diff and ok:
        nodes = sorted({v for k in diff for v in k if v in ties})
        msg += (f"; the {len(diff)} others all involve node(s) {', '.join(map(str, nodes))}, whose point "
                f"snaps onto another road through the same place")
    log(msg + f"  [{'DIFFERENT' if not ok else 'OK, but for snapping ties' if diff else 'OK'}]")
    for k in diff[:3]:
        log(f"    e.g. {k[0]} -> {k[1]}: geoaccess {ours.get(k)}, pgRouting {theirs.get(k)}")
    return len(keys) - len(diff), len(keys), maxd, ok, len(diff)


def integral(x, what):
    r = round(x)
    if abs(x - r) > 1e-6:
        raise RuntimeError(f"{what}: {x!r} is not a whole number of units (an access leg?)")
    return int(r)


def one_graph(cl, a, name, rel, graph_opts, od_check, work, summary):
    src = os.path.join(a.geodata, rel)
    gfile, edges = os.path.join(work, f"{name}.gagraph"), os.path.join(work, f"{name}_edges.csv")
    out = run([a.geoaccess, "graph", "--roads", src, "--out", gfile, "--export", edges] + graph_opts)
    crs = re.search(r"crs\s+(\S+)", out).group(1)
    os.chmod(edges, 0o644)
    coords = {}
    n_arcs = 0
    with open(edges) as f:
        for r in csv.DictReader(f):
            n_arcs += 1
            coords[int(r["from"])] = (r["from_x"], r["from_y"])
            coords[int(r["to"])] = (r["to_x"], r["to_y"])
    nodes = sorted(coords)
    log(f"== {name}: {rel} ({crs}), {len(nodes)} nodes, {n_arcs} arcs")

    # -- load the same arcs into PostgreSQL (node ids + 1: pgRouting's ids are positive)
    t = f"e_{name}"
    cl.psql(f"""
CREATE TABLE raw_{name} (f bigint, t bigint, time_s numeric, distance_m numeric,
                         fx float8, fy float8, tx float8, ty float8);
\\copy raw_{name} FROM '{edges}' WITH (FORMAT csv, HEADER true)
CREATE TABLE {t} AS SELECT row_number() OVER () AS id, f + 1 AS source, t + 1 AS target,
    (time_s * 10)::float8 AS time_ds, (distance_m * 10)::float8 AS dist_dm,
    -1::float8 AS reverse_cost FROM raw_{name};
ALTER TABLE {t} ADD PRIMARY KEY (id);
VACUUM ANALYZE {t};
""")
    loaded = cl.psql(f"SELECT count(*), sum(time_ds), sum(dist_dm) FROM {t}")[0]
    log(f"  loaded into PostgreSQL: {loaded[0]} rows (one per arc, reverse_cost -1)")
    sql_time = f"SELECT id, source, target, time_ds AS cost, reverse_cost FROM {t}"
    sql_dist = f"SELECT id, source, target, dist_dm AS cost, reverse_cost FROM {t}"

    rng = random.Random(a.seed)
    origins = rng.sample(nodes, a.origins)
    dests = rng.sample(nodes, a.destinations)
    sources = rng.sample(nodes, a.sources)
    table = rng.sample(nodes, a.table)
    arr = lambda ids: "ARRAY[" + ",".join(str(v + 1) for v in ids) + "]::bigint[]"
    res = {"name": name, "nodes": len(nodes), "arcs": n_arcs, "checks": []}

    # -- nodes whose own point does not join the graph at the node (another road through it)
    sd = os.path.join(work, f"{name}_snap.csv")
    run([a.node_costs, gfile, "--snap-dump", sd])
    ties = {}
    with open(sd) as f:
        for v, arc, tail, head, frac, dist in csv.reader(f):
            ties[int(v)] = (int(arc), int(tail), int(head), float(frac), float(dist))
    picked = set(origins) | set(dests) | set(table)
    log(f"  {len(ties)} of {len(nodes)} nodes have coordinates that snap onto an arc not ending at them "
        f"(another road passes through the same place without a junction); {len(picked & set(ties))} of "
        f"them among the sampled od/table nodes:")
    for v in sorted(picked & set(ties)):
        arc, tail, head, frac, dist = ties[v]
        log(f"    node {v} at ({coords[v][0]}, {coords[v][1]}) snaps onto arc {tail}->{head} at "
            f"{frac:.3f} of its length, {dist:g} m away")
    ties = frozenset(ties)

    # -- validation 1: geoaccess od on points exactly on nodes vs pgr_dijkstraCost
    if od_check:
        def pts(path, ids):
            with open(path, "w") as f:
                f.write("id,x,y\n")
                for v in ids:
                    f.write(f"{v},{coords[v][0]},{coords[v][1]}\n")
        po, pd = os.path.join(work, f"{name}_o.csv"), os.path.join(work, f"{name}_d.csv")
        pts(po, origins)
        pts(pd, dests)
        for metric, sql, scale, unit in (("time", sql_time, 600, "ds"), ("distance", sql_dist, 10, "dm")):
            txt = run([a.geoaccess, "od", "--graph", gfile, "--origins", po, "--destinations", pd,
                       "--crs", crs, "--metric", metric, "--decimals", "-1", "--threads", "1"])
            ours = {}
            for r in list(csv.reader(txt.splitlines()))[1:]:
                ours[(int(r[0]), int(r[1]))] = integral(float(r[2]) * scale, f"od {metric} {r[0]}->{r[1]}")
            theirs = {(int(s) - 1, int(e) - 1): integral(float(c), "pgRouting cost")
                      for s, e, c in cl.psql(f"SELECT start_vid, end_vid, agg_cost FROM pgr_dijkstraCost("
                                             f"$${sql}$$, {arr(origins)}, {arr(dests)}, directed := true)")}
            for o in origins:  # pgRouting leaves out a node to itself
                if o in dests:
                    theirs.setdefault((o, o), 0)
            res["checks"].append((f"od {metric} ({unit})",) +
                                 compare(f"{a.origins}x{a.destinations} geoaccess od vs pgr_dijkstraCost, {metric} ({unit})",
                                         ours, theirs, ties))
    else:
        log(f"  (geoaccess od routes only on EPSG:2154 graphs: {name}'s {crs} graph is checked through "
            "the router's table and bounded searches)")

    # -- geoaccess: node_costs (timings on one core + dumps)
    fs, ft = os.path.join(work, f"{name}_sources.txt"), os.path.join(work, f"{name}_table.txt")
    with open(fs, "w") as f:
        f.write("".join(f"{v}\n" for v in sources))
    with open(ft, "w") as f:
        f.write("".join(f"{v}\n" for v in table))
    bd, td = os.path.join(work, f"{name}_bounded.csv"), os.path.join(work, f"{name}_tabledump.csv")
    bound_ds = int(round(a.bound * 600))
    nc = kv(run([a.node_costs, gfile, "--sources", fs, "--bound-ds", str(bound_ds), "--table", ft,
                 "--bounded-dump", bd, "--table-dump", td]))
    if nc.get("table_fractional_costs") != "0":
        log(f"  WARNING: {nc.get('table_fractional_costs')} table costs are not whole deciseconds")
    log(f"  geoaccess's public API (ga_router_point_to_nodes on the sources' points) against its search "
        f"from the source nodes: {nc.get('bounded_api_vs_engine_differences')} differing (source, node) costs"
        f"{' (sources at snapping ties: ' + ', '.join(str(v) for v in sources if v in ties) + ')' if set(sources) & ties else ''}")

    # -- validation 2: bounded one-to-many vs pgr_drivingDistance
    dd = f"pgr_drivingDistance($${sql_time}$$, {arr(sources)}, {bound_ds}, directed := true, equicost := false)"
    theirs = {(int(s) - 1, int(n) - 1): integral(float(c), "pgRouting cost")
              for s, n, c in cl.psql(f"SELECT from_v, node, agg_cost FROM {dd}")}
    ours = {}
    with open(bd) as f:
        for s, n, c in csv.reader(f):
            ours[(int(s), int(n))] = int(c)
    res["checks"].append(("bounded time (ds)",) +
                         compare(f"{a.sources} sources within {a.bound:g} min, geoaccess search vs "
                                 f"pgr_drivingDistance, (source, node) pairs, time (ds)", ours, theirs))
    n_dd_rows = len(theirs)

    # -- validation 3: table vs pgr_dijkstraCostMatrix
    cm = f"pgr_dijkstraCostMatrix($${sql_time}$$, {arr(table)}, directed := true)"
    theirs = {(int(s) - 1, int(e) - 1): integral(float(c), "pgRouting cost")
              for s, e, c in cl.psql(f"SELECT start_vid, end_vid, agg_cost FROM {cm}")}
    for v in table:
        theirs.setdefault((v, v), 0)
    ours = {}
    with open(td) as f:
        for s, e, c in csv.reader(f):
            ours[(int(s), int(e))] = int(c)
    res["checks"].append(("table time (ds)",) +
                         compare(f"{a.table}x{a.table} ga_router_table vs pgr_dijkstraCostMatrix, time (ds)",
                                 ours, theirs, ties))

    # -- speed
    q_dd = f"SELECT * FROM {dd}"
    q_each = [f"SELECT * FROM pgr_drivingDistance($${sql_time}$$, {v + 1}, {bound_ds}, directed := true)"
              for v in sources]
    q_cm = f"SELECT * FROM {cm}"
    q_floor = f"SELECT * FROM pgr_drivingDistance($${sql_time}$$, {sources[0] + 1}, 0, directed := true)"
    pg_dd = measure(lambda: cl.timed([q_dd]))
    pg_dd_mb = cl.peak_mb
    pg_each = measure(lambda: cl.timed(q_each))
    pg_cm = measure(lambda: cl.timed([q_cm]))
    pg_cm_mb = cl.peak_mb
    pg_floor = measure(lambda: cl.timed([q_floor]))
    g = lambda k: float(nc[k])
    ge_dd, ge_dd_cpu = g("bounded_engine_s"), g("bounded_engine_cpu_s")
    ge_api = g("bounded_api_s")
    ge_tab, ge_tab_cpu = g("table_s"), g("table_cpu_s")
    setup = g("setup_s")
    ms = lambda x: f"{x * 1e3:.1f} ms" if x >= 0.01 else f"{x * 1e3:.2f} ms"
    log(f"  speed, bounded one-to-many ({a.sources} sources, <= {a.bound:g} min, {n_dd_rows} (source, node) "
        f"results), wall-clock median [CPU time]:")
    log(f"    pgRouting pgr_drivingDistance, one call with the {a.sources} sources: {ms(pg_dd[0])} "
        f"(best {ms(pg_dd[1])}, {pg_dd[2]} runs) [CPU {ms(pg_dd[3])}]; backend peak RSS {pg_dd_mb:.0f} MB")
    log(f"    pgRouting pgr_drivingDistance, {a.sources} calls of one source: {ms(pg_each[0])} "
        f"(best {ms(pg_each[1])}) [CPU {ms(pg_each[3])}]; each call reads the edges and builds its "
        f"graph: {ms(pg_floor[0])} for one source within 0")
    log(f"    geoaccess: node_costs peak RSS {g('peak_rss_mb'):.0f} MB (graph, snap index, both "
        "adjacencies, query state, the table, the dumps' buffers)")
    log(f"    geoaccess search from the nodes: {ms(ge_dd)} (best {ms(g('bounded_engine_best_s'))}) "
        f"[CPU {ms(ge_dd_cpu)}]: {pg_dd[0] / ge_dd:.1f}x faster than the one call "
        f"[CPU {pg_dd[3] / ge_dd_cpu:.1f}x], {pg_each[0] / ge_dd:.0f}x than the {a.sources} calls")
    ge_ph, ge_ph_cpu = g("bounded_phast_s"), g("bounded_phast_cpu_s")
    if nc.get("differences_vs_search") != "0":
        res["checks"].append(("PHAST vs search", 0, 1, "?", False, 1))
    log(f"    geoaccess through the contraction hierarchy (PHAST: every node a target, one upward search "
        f"and one sweep over the whole graph per source; the hierarchy built once, "
        f"{ms(g('ch_build_s'))}, not counted): {ms(ge_ph)} (best {ms(g('bounded_phast_best_s'))}) "
        f"[CPU {ms(ge_ph_cpu)}]: {pg_dd[0] / ge_ph:.1f}x faster than the one call "
        f"[CPU {pg_dd[3] / ge_ph_cpu:.1f}x]; costs vs the search: {nc.get('differences_vs_search')} differ")
    log(f"    geoaccess ga_router_point_to_nodes (public API: snapping, a cost per graph node): "
        f"{ms(ge_api)}: {pg_dd[0] / ge_api:.1f}x faster than the one call")
    log(f"    geoaccess with the graph file's load and the router's set-up ({ms(setup)}) counted, as "
        f"pgRouting builds its graph at each call: {pg_dd[0] / (ge_dd + setup):.1f}x")
    log(f"  speed, {a.table}x{a.table} table (time):")
    log(f"    pgRouting pgr_dijkstraCostMatrix: {ms(pg_cm[0])} (best {ms(pg_cm[1])}, {pg_cm[2]} runs) "
        f"[CPU {ms(pg_cm[3])}]; backend peak RSS {pg_cm_mb:.0f} MB")
    log(f"    geoaccess ga_router_table, 1 thread: {ms(ge_tab)} (best {ms(g('table_best_s'))}) "
        f"[CPU {ms(ge_tab_cpu)}]: {pg_cm[0] / ge_tab:.1f}x faster [CPU {pg_cm[3] / ge_tab_cpu:.1f}x]; "
        f"with the set-up: {pg_cm[0] / (ge_tab + setup):.1f}x")
    res.update(ge_dd_best=g("bounded_engine_best_s"), ge_tab_best=g("table_best_s"),
               ge_ph=ge_ph, ge_ph_cpu=ge_ph_cpu, ge_ph_best=g("bounded_phast_best_s"))
    res.update(pg_dd=pg_dd, pg_each=pg_each, pg_cm=pg_cm, pg_floor=pg_floor, ge_dd=ge_dd,
               ge_dd_cpu=ge_dd_cpu, ge_api=ge_api, ge_tab=ge_tab, ge_tab_cpu=ge_tab_cpu, setup=setup,
               dd_rows=n_dd_rows)
    summary.append(res)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--geoaccess", required=True)
    ap.add_argument("--node-costs", required=True)
    ap.add_argument("--geodata", required=True)
    ap.add_argument("--graphs", default="montpellier,andorra,malta")
    ap.add_argument("--origins", type=int, default=20)
    ap.add_argument("--destinations", type=int, default=200)
    ap.add_argument("--sources", type=int, default=100)
    ap.add_argument("--bound", type=float, default=10, help="minutes")
    ap.add_argument("--table", type=int, default=100)
    ap.add_argument("--seed", type=int, default=2026)
    a = ap.parse_args()
    a.geoaccess, a.node_costs = os.path.abspath(a.geoaccess), os.path.abspath(a.node_costs)

    if not os.path.isdir(a.geodata):
        log(f"SKIP: {a.geodata} is absent (../shared not available)")
        return SKIP
    pg = find_postgres()
    if not pg:
        log("SKIP: no PostgreSQL with pgRouting (apt-get install postgresql-15-pgrouting)")
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

    cl = Cluster(pg[0])

    def on_signal(sig, frame):  # unwinds to the `finally` below, which stops the cluster
        raise SystemExit(128 + sig)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGHUP, on_signal)
    summary = []
    try:
        cl.start()
        cl.psql("CREATE EXTENSION pgrouting CASCADE;")  # pgRouting 3.4 needs PostGIS
        versions = cl.psql("SELECT version(), pgr_version();")[0]
        log(f"peer: pgRouting {versions[-1]} on {versions[0].split(' on ')[0]} (throw-away cluster, "
            f"Unix socket); timings: EXPLAIN (ANALYZE, TIMING OFF) Execution Time; geoaccess: "
            f"node_costs, one core; each after a warm-up run, the median of the last 3 of up to 10 runs "
            f"agreeing within 3 %")
        for n in todo:
            rel, opts, od_check = GRAPHS[n]
            one_graph(cl, a, n, rel, opts, od_check, cl.dir, summary)
    finally:
        cl.stop()

    log("== summary")
    all_ok = True
    for r in summary:
        checks = "; ".join(f"{c[0]} {c[1]}/{c[2]} identical (max diff {c[3]}"
                           f"{'' if c[1] == c[2] else ', the others at snapping ties' if c[4] else ', UNEXPLAINED'})"
                           for c in r["checks"])
        all_ok &= all(c[4] for c in r["checks"])
        log(f"{r['name']}: {checks}")
        rb, rc = r["pg_dd"][0] / r["ge_dd"], r["pg_dd"][3] / r["ge_dd_cpu"]
        log(f"{r['name']}: bounded one-to-many: pgRouting {r['pg_dd'][0]*1e3:.1f} ms (best {r['pg_dd'][1]*1e3:.1f}), "
            f"geoaccess {r['ge_dd']*1e3:.2f} ms (best {r['ge_dd_best']*1e3:.2f}): {rb:.1f}x (best runs "
            f"{r['pg_dd'][1] / r['ge_dd_best']:.1f}x, CPU time {rc:.1f}x; {r['pg_each'][0] / r['ge_dd']:.0f}x "
            f"against one call per source); target >= 30x: {'met' if rb >= 30 else 'NOT met'}")
        rp, rpc = r["pg_dd"][0] / r["ge_ph"], r["pg_dd"][3] / r["ge_ph_cpu"]
        log(f"{r['name']}: bounded one-to-many through the hierarchy (PHAST): geoaccess {r['ge_ph']*1e3:.2f} ms "
            f"(best {r['ge_ph_best']*1e3:.2f}): {rp:.1f}x (best runs {r['pg_dd'][1] / r['ge_ph_best']:.1f}x, "
            f"CPU time {rpc:.1f}x); target >= 50x: {'met' if rp >= 50 else 'NOT met'}")
        log(f"{r['name']}: table {a.table}x{a.table}: pgRouting {r['pg_cm'][0]*1e3:.1f} ms, geoaccess "
            f"{r['ge_tab']*1e3:.2f} ms: {r['pg_cm'][0] / r['ge_tab']:.1f}x (best runs "
            f"{r['pg_cm'][1] / r['ge_tab_best']:.1f}x, CPU time {r['pg_cm'][3] / r['ge_tab_cpu']:.1f}x)")
    if not all_ok:
        log("costs DIFFER (see above)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
