// rk_driver: RoutingKit's side of bench/peers/routingkit.py (ours, BSD-licensed RoutingKit is
// only linked: built at benchmark time from ../shared/peers/RoutingKit into the build folder).
//
// Loads the arcs of `geoaccess graph --export` (from,to,time_s,...; weight = whole deciseconds,
// time_s x 10, the units geoaccess routes in), then on one core times:
//   - a table: RoutingKit's contraction hierarchy many-to-many (pin_targets once, then one
//     forward search per source, run_to_pinned_targets), TABLE x TABLE nodes;
//   - bounded one-to-many: RoutingKit's Dijkstra from each source, every node within the bound;
// and writes what it found (--table-dump from,to,cost_ds; --bounded-dump source,node,cost_ds)
// for the comparison with geoaccess's costs (node_costs).
//
//   rk_driver EDGES.csv --table FILE --sources FILE --bound-ds 6000 [--table-dump F] [--bounded-dump F]
//
// Timing rule as node_costs: one warm-up run, then repeats until three runs agree within 3 % (at
// most 10), median of the last three, and the best run.
#include <routingkit/contraction_hierarchy.h>
#include <routingkit/dijkstra.h>
#include <routingkit/graph_util.h>
#include <routingkit/inverse_vector.h>
#include <routingkit/sort.h>
#include <routingkit/permutation.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <ctime>
#include <vector>

using namespace RoutingKit;

static double now_s() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

static double cpu_s() {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

// CPU time of the process in the median run of the last measure() (on a shared machine, time
// not spent waiting for a core).
static double last_cpu;

static double measure(const std::function<double()> &fn, double *best, int *runs) {
    std::vector<double> t, c;
    fn();
    double med = 0;
    while (t.size() < 10) {
        double c0 = cpu_s();
        t.push_back(fn());
        c.push_back(cpu_s() - c0);
        if (t.size() >= 3) {
            std::vector<double> w(t.end() - 3, t.end());
            std::sort(w.begin(), w.end());
            med = w[1];
            if (med <= 0 || (w[2] - w[0]) / med < 0.03) break;
        }
    }
    last_cpu = c.back();
    for (size_t i = t.size() >= 3 ? t.size() - 3 : 0; i < t.size(); i++)
        if (t[i] == med) last_cpu = c[i];
    *best = *std::min_element(t.begin(), t.end());
    *runs = (int)t.size();
    return med;
}

static std::vector<unsigned> read_nodes(const char *path, unsigned n) {
    std::ifstream f(path);
    if (!f) {
        fprintf(stderr, "rk_driver: %s: cannot open\n", path);
        exit(1);
    }
    std::vector<unsigned> v;
    unsigned long x;
    while (f >> x) {
        if (x >= n) {
            fprintf(stderr, "rk_driver: %s: node %lu out of range\n", path, x);
            exit(1);
        }
        v.push_back((unsigned)x);
    }
    return v;
}

int main(int argc, char **argv) {
    const char *edges = nullptr, *table = nullptr, *sources = nullptr, *tdump = nullptr, *bdump = nullptr;
    unsigned bound = 6000;
    for (int i = 1; i < argc; i++) {
        std::string a = argv[i];
        auto val = [&]() -> const char * {
            if (i + 1 >= argc) {
                fprintf(stderr, "rk_driver: %s needs a value\n", a.c_str());
                exit(2);
            }
            return argv[++i];
        };
        if (a == "--table") table = val();
        else if (a == "--sources") sources = val();
        else if (a == "--bound-ds") bound = (unsigned)atoi(val());
        else if (a == "--table-dump") tdump = val();
        else if (a == "--bounded-dump") bdump = val();
        else if (!edges && a[0] != '-') edges = argv[i];
        else {
            fprintf(stderr, "rk_driver: unknown argument %s\n", a.c_str());
            return 2;
        }
    }
    if (!edges) {
        fprintf(stderr, "usage: rk_driver EDGES.csv [--table F] [--sources F] [--bound-ds N] [--table-dump F] [--bounded-dump F]\n");
        return 2;
    }
    // -- the arcs
    std::vector<unsigned> tail, head, weight;
    {
        FILE *f = fopen(edges, "r");
        if (!f) {
            fprintf(stderr, "rk_driver: %s: cannot open\n", edges);
            return 1;
        }
        char line[512];
        if (!fgets(line, sizeof line, f)) return 1; // header
        unsigned long ln = 1;
        while (fgets(line, sizeof line, f)) {
            ln++;
            char *p = line, *e;
            unsigned long u = strtoul(p, &e, 10);
            if (*e != ',') goto bad;
            p = e + 1;
            {
                unsigned long v = strtoul(p, &e, 10);
                if (*e != ',') goto bad;
                p = e + 1;
                double ts = strtod(p, &e);
                if (*e != ',' || !(ts >= 0)) goto bad;
                double ds = ts * 10;
                if (std::fabs(ds - std::round(ds)) > 1e-6) goto bad; // whole deciseconds
                tail.push_back((unsigned)u);
                head.push_back((unsigned)v);
                weight.push_back((unsigned)std::llround(ds));
                continue;
            }
        bad:
            fprintf(stderr, "rk_driver: %s: line %lu: not from,to,time_s (whole deciseconds)\n", edges, ln);
            return 1;
        }
        fclose(f);
    }
    unsigned n = 0;
    for (size_t a = 0; a < tail.size(); a++) n = std::max(n, std::max(tail[a], head[a]) + 1);
    printf("nodes=%u arcs=%zu\n", n, tail.size());

    if (table) {
        std::vector<unsigned> tn = read_nodes(table, n);
        double t0 = now_s();
        ContractionHierarchy ch = ContractionHierarchy::build(n, tail, head, weight);
        printf("ch_build_s=%.6f ch_up_arcs=%zu\n", now_s() - t0, ch.forward.head.size() + ch.backward.head.size());
        ContractionHierarchyQuery q(ch);
        std::vector<unsigned> dist(tn.size() * tn.size());
        auto run = [&]() {
            double s0 = now_s();
            q.reset().pin_targets(tn);
            for (size_t i = 0; i < tn.size(); i++)
                q.reset_source().add_source(tn[i]).run_to_pinned_targets().get_distances_to_targets(&dist[i * tn.size()]);
            return now_s() - s0;
        };
        double best;
        int runs;
        double tt = measure(run, &best, &runs);
        size_t reached = 0;
        for (unsigned d : dist) reached += d != inf_weight;
        printf("table_s=%.6f table_best_s=%.6f table_cpu_s=%.6f runs=%d n=%zu pairs=%zu\n", tt, best, last_cpu, runs, tn.size(), reached);
        if (tdump) {
            FILE *f = fopen(tdump, "w");
            for (size_t i = 0; i < tn.size(); i++)
                for (size_t j = 0; j < tn.size(); j++)
                    if (dist[i * tn.size() + j] != inf_weight)
                        fprintf(f, "%u,%u,%u\n", tn[i], tn[j], dist[i * tn.size() + j]);
            fclose(f);
        }
    }
    if (sources) {
        std::vector<unsigned> src = read_nodes(sources, n);
        // CSR of the arcs, sorted by tail (RoutingKit's own helpers)
        std::vector<unsigned> t2 = tail, h2 = head, w2 = weight;
        std::vector<unsigned> perm = compute_inverse_sort_permutation_first_by_tail_then_by_head_and_apply_sort_to_tail(n, t2, h2);
        h2 = apply_inverse_permutation(perm, std::move(h2));
        w2 = apply_inverse_permutation(perm, std::move(w2));
        std::vector<unsigned> first_out = invert_vector(t2, n);
        Dijkstra d(first_out, t2, h2);
        ScalarGetWeight gw(w2);
        unsigned long long settled = 0;
        auto run = [&]() {
            double s0 = now_s();
            settled = 0;
            for (unsigned s : src) {
                d.reset().add_source(s);
                while (!d.is_finished()) {
                    auto r = d.settle(gw);
                    if (r.distance > bound) break;
                    settled++;
                }
            }
            return now_s() - s0;
        };
        double best;
        int runs;
        double tb = measure(run, &best, &runs);
        printf("bounded_s=%.6f bounded_best_s=%.6f bounded_cpu_s=%.6f runs=%d sources=%zu settled=%llu\n", tb, best, last_cpu, runs, src.size(), settled);
        if (bdump) {
            FILE *f = fopen(bdump, "w");
            for (unsigned s : src) {
                d.reset().add_source(s);
                while (!d.is_finished()) {
                    auto r = d.settle(gw);
                    if (r.distance > bound) break;
                    fprintf(f, "%u,%u,%u\n", s, r.node, r.distance);
                }
            }
            fclose(f);
        }
    }
    return 0;
}
