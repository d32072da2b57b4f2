/* Road tables on several threads (issue 14): the parallel snapping of the
 * points and the parallel merge of the rows into the OD table give the same
 * bytes on 1, 2 and 3 threads, for both table methods and both search
 * directions; the backward table (by destination, transposed) matches the
 * rows computed one origin at a time; the stage timings are filled in.
 * On a SYNTHETIC grid network (random speeds and one-way streets, fixed
 * seed), large enough that the parallel paths run (more than 512 points per
 * layer, more than 65,536 pairs). */
#include <stdlib.h>
#include <string.h>
#include "test_util.h"
#include "core/alloc.h"
#include "core/internal.h"
#include "graph/builder.h"
#include "route/router.h"

#define X0 700000.0
#define Y0 6600000.0
#define SIDE 30      /* nodes per side */
#define STEP 100.0   /* metres between nodes */
#define MANY 1500    /* points of the large layer */
#define FEW 60       /* points of the small layer */

static uint32_t lcg(uint64_t *s) {
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)(*s >> 33);
}

static ga_graph *grid(ga_ctx *ctx) {
    ga_graph_builder *b = ga_graph_builder_new("EPSG:2154", "synthetic grid");
    uint64_t seed = 14;
    for (int i = 0; i < SIDE * SIDE; i++)
        ga_graph_builder_add_node(b, X0 + (i % SIDE) * STEP, Y0 + (i / SIDE) * STEP);
    for (int i = 0; i < SIDE * SIDE; i++) {
        int x = i % SIDE, y = i / SIDE;
        for (int dir = 0; dir < 2; dir++) {
            if (dir == 0 ? x + 1 >= SIDE : y + 1 >= SIDE) continue;
            uint32_t to = (uint32_t)(dir == 0 ? i + 1 : i + SIDE);
            double t = 5 + lcg(&seed) % 200 / 10.0; /* 5 to 25 s */
            bool oneway = lcg(&seed) % 5 == 0;
            /* one-way streets run either way */
            if (oneway && lcg(&seed) % 2) ga_graph_builder_add_edge(b, to, (uint32_t)i, t, -1, true, NULL, 0);
            else ga_graph_builder_add_edge(b, (uint32_t)i, to, t, -1, oneway, NULL, 0);
        }
    }
    static const ga_graph_build_options opts = {.no_renumbering = true};
    ga_graph *g = NULL;
    assert_ok(ctx, ga_graph_builder_finish(ctx, b, &opts, &g));
    ga_graph_builder_free(b);
    return g;
}

static ga_points *random_points(int n, uint64_t seed, char tag) {
    ga_points *p = ga_points_new();
    for (int i = 0; i < n; i++) {
        char id[16];
        snprintf(id, sizeof id, "%c%d", tag, i);
        double x = lcg(&seed) % (int)((SIDE - 1) * STEP * 100) / 100.0;
        double y = lcg(&seed) % (int)((SIDE - 1) * STEP * 100) / 100.0;
        ga_points_add(p, id, X0 + x, Y0 + y, NULL, 1);
    }
    return p;
}

static void assert_same_od(const ga_od *a, const ga_od *b) {
    assert_int_equal(a->n_from, b->n_from);
    assert_int_equal(a->n_to, b->n_to);
    assert_int_equal(a->n_pairs, b->n_pairs);
    assert_memory_equal(a->row_start, b->row_start, (a->n_from + 1) * sizeof *a->row_start);
    assert_memory_equal(a->to, b->to, a->n_pairs * sizeof *a->to);
    assert_memory_equal(a->cost, b->cost, a->n_pairs * sizeof *a->cost);
}

static ga_od *table(ga_ctx *ctx, ga_router *r, int threads, ga_table_method m, const ga_points *from,
                    const ga_points *to, double max_cost) {
    r->opts.threads = threads;
    r->opts.table_method = m;
    ga_od *od = NULL;
    assert_ok(ctx, ga_router_table(r, ctx, from, to, GA_METRIC_TIME, max_cost, &od));
    return od;
}

static void test_same_bytes_on_1_2_3_threads(void **state) {
    ga_ctx *ctx = *state;
    ga_graph *g = grid(ctx);
    ga_router *r = NULL;
    assert_ok(ctx, ga_router_new(ctx, g, NULL, &r));
    ga_points *many = random_points(MANY, 1, 'm'), *few = random_points(FEW, 2, 'f');
    for (int backward = 0; backward < 2; backward++) {
        /* forward: few origins, many destinations; backward the other way */
        const ga_points *from = backward ? many : few, *to = backward ? few : many;
        for (int bounded = 0; bounded < 2; bounded++) {
            double mc = bounded ? 6 : 0; /* minutes */
            ga_od *ref = table(ctx, r, 1, GA_TABLE_DIJKSTRA, from, to, mc);
            if (!bounded) assert_int_equal(ref->n_pairs, (size_t)MANY * FEW); /* one component */
            else if (!(ref->n_pairs > 65536 && ref->n_pairs < (size_t)MANY * FEW))
                fail_msg("%zu pairs within the bound", ref->n_pairs);
            for (int m = 0; m < 2; m++)
                for (int t = 1; t <= 3; t++) {
                    ga_od *got = table(ctx, r, t, m ? GA_TABLE_CH : GA_TABLE_DIJKSTRA, from, to, mc);
                    assert_same_od(ref, got);
                    ga_od_free(got);
                }
            ga_od_free(ref);
        }
    }
    ga_points_free(many);
    ga_points_free(few);
    ga_router_free(r);
    ga_graph_free(g);
}

/* The transposed (backward) table holds, for each origin, the row that a
 * table from that origin alone computes (forward). */
static void test_backward_rows_match_single_origins(void **state) {
    ga_ctx *ctx = *state;
    ga_graph *g = grid(ctx);
    ga_router *r = NULL;
    assert_ok(ctx, ga_router_new(ctx, g, NULL, &r));
    ga_points *many = random_points(MANY, 3, 'm'), *few = random_points(FEW, 4, 'f');
    ga_od *all = table(ctx, r, 2, GA_TABLE_DIJKSTRA, many, few, 3);
    assert_true(all->n_pairs > 0 && all->n_pairs < (size_t)MANY * FEW);
    for (size_t i = 0; i < MANY; i += 7) {
        ga_points *one = ga_points_new();
        double x, y;
        ga_points_xy(many, i, &x, &y);
        ga_points_add(one, "one", x, y, NULL, 1);
        ga_od *row = table(ctx, r, 1, GA_TABLE_DIJKSTRA, one, few, 3);
        size_t n = all->row_start[i + 1] - all->row_start[i];
        assert_int_equal(row->n_pairs, n);
        assert_memory_equal(row->to, all->to + all->row_start[i], n * sizeof *row->to);
        assert_memory_equal(row->cost, all->cost + all->row_start[i], n * sizeof *row->cost);
        ga_od_free(row);
        ga_points_free(one);
    }
    ga_od_free(all);
    ga_points_free(many);
    ga_points_free(few);
    ga_router_free(r);
    ga_graph_free(g);
}

/* Parallel snapping gives each point the snap it gets alone. */
static void test_parallel_snap(void **state) {
    ga_ctx *ctx = *state;
    ga_graph *g = grid(ctx);
    ga_router *r = NULL;
    assert_ok(ctx, ga_router_new(ctx, g, NULL, &r));
    enum { N = 3000 };
    double *x = malloc(N * sizeof *x), *y = malloc(N * sizeof *y);
    uint64_t seed = 5;
    for (int i = 0; i < N; i++) {
        /* some beyond the snap distance, outside the grid */
        x[i] = X0 - 2000 + lcg(&seed) % 700000 / 100.0;
        y[i] = Y0 - 2000 + lcg(&seed) % 700000 / 100.0;
    }
    ga_snap *a = calloc(N, sizeof *a), *b = calloc(N, sizeof *b);
    size_t snapped = 0;
    for (int t = 1; t <= 3; t++) {
        r->opts.threads = t;
        memset(b, 0xA5, N * sizeof *b);
        assert_ok(ctx, ga_router_snap(r, ctx, x, y, N, b));
        for (int i = 0; i < N; i++) {
            ga_snap one;
            ga_snap_index_nearest(r->snap, x[i], y[i], r->opts.snap_distance_m, &one);
            assert_memory_equal(&one, &b[i], sizeof one);
            if (t == 1) snapped += one.snapped;
        }
        if (t > 1) assert_memory_equal(a, b, N * sizeof *a);
        memcpy(a, b, N * sizeof *a);
    }
    if (!(snapped > N / 4 && snapped < N)) fail_msg("%zu of %d snapped", snapped, N); /* both kinds */
    free(a);
    free(b);
    free(x);
    free(y);
    ga_router_free(r);
    ga_graph_free(g);
}

/* The stages of the last table are timed (for the benchmarks). */
static void test_stage_timing(void **state) {
    ga_ctx *ctx = *state;
    ga_graph *g = grid(ctx);
    ga_router *r = NULL;
    assert_ok(ctx, ga_router_new(ctx, g, NULL, &r));
    ga_points *many = random_points(MANY, 1, 'm'), *few = random_points(FEW, 2, 'f');
    ga_od *od = table(ctx, r, 2, GA_TABLE_CH, few, many, 0);
    ga_table_timing tm;
    ga_router_last_table_timing(r, &tm);
    double total = 0;
    for (int k = 0; k < GA_TT_N; k++) {
        assert_true(tm.wall[k] >= 0 && tm.cpu[k] >= 0);
        total += tm.wall[k];
    }
    assert_true(tm.wall[GA_TT_SEARCH] > 0 && tm.cpu[GA_TT_SEARCH] > 0);
    assert_true(tm.wall[GA_TT_SNAP] > 0);
    assert_true(total < 60);
    ga_od_free(od);
    ga_points_free(many);
    ga_points_free(few);
    ga_router_free(r);
    ga_graph_free(g);
}

/* Out of memory for the transposition's positions: an error, no table. */
static void test_backward_merge_out_of_memory(void **state) {
    ga_ctx *ctx = *state;
    ga_graph *g = grid(ctx);
    ga_router *r = NULL;
    assert_ok(ctx, ga_router_new(ctx, g, NULL, &r));
    ga_points *many = random_points(MANY, 1, 'm'), *few = random_points(FEW, 2, 'f');
    ga_od *ref = table(ctx, r, 2, GA_TABLE_DIJKSTRA, many, few, 0);
    int failures = 0;
    for (uint64_t n = 1; n < 10000; n++) {
        ga_alloc_fail_at(n);
        ga_od *od = NULL;
        ga_status st = ga_router_table(r, ctx, many, few, GA_METRIC_TIME, 0, &od);
        bool failed = ga_alloc_failed();
        ga_alloc_fail_at(0);
        if (!failed) {
            assert_int_equal(st, GA_OK);
            assert_same_od(ref, od);
            ga_od_free(od);
            break;
        }
        assert_int_equal(st, GA_ERR_NOMEM);
        assert_null(od);
        failures++;
    }
    assert_true(failures >= 1);
    ga_od_free(ref);
    ga_points_free(many);
    ga_points_free(few);
    ga_router_free(r);
    ga_graph_free(g);
}

static int setup(void **state) {
    *state = ga_ctx_new();
    return *state ? 0 : -1;
}

static int teardown(void **state) {
    ga_ctx_free(*state);
    return 0;
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_bytes_on_1_2_3_threads),
        cmocka_unit_test(test_backward_rows_match_single_origins),
        cmocka_unit_test(test_parallel_snap),
        cmocka_unit_test(test_stage_timing),
        cmocka_unit_test(test_backward_merge_out_of_memory),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
