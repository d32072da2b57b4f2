/* Graph file: round trip, determinism, CSV export, and refusal of truncated,
 * corrupted, other-version and foreign files. */
#include "test_util.h"
#include <string.h>
#include <glib/gstdio.h>
#include "core/internal.h"
#include "graph/builder.h"
#include "graph/graphfile.h"

static char *tmpdir;

static char *tmp(const char *name) { return g_build_filename(tmpdir, name, NULL); }

static ga_graph *build_fixture(ga_ctx *ctx) {
    ga_graph *g = NULL;
    assert_ok(ctx, ga_graph_build_osm(ctx, test_path("fixtures/graph/synthetic_tiny.osm"), NULL,
                                      &g, NULL));
    ga_ctx_clear_warnings(ctx);
    return g;
}

#define SAME_ARRAY(a, b, n) assert_memory_equal((a), (b), sizeof *(a) * (size_t)(n))

static void assert_same_graph(const ga_graph *a, const ga_graph *b) {
    assert_int_equal(a->n_nodes, b->n_nodes);
    assert_int_equal(a->n_arcs, b->n_arcs);
    SAME_ARRAY(a->first_out, b->first_out, a->n_nodes + 1);
    SAME_ARRAY(a->head, b->head, a->n_arcs);
    SAME_ARRAY(a->time_ds, b->time_ds, a->n_arcs);
    SAME_ARRAY(a->dist_dm, b->dist_dm, a->n_arcs);
    SAME_ARRAY(a->x_cm, b->x_cm, a->n_nodes);
    SAME_ARRAY(a->y_cm, b->y_cm, a->n_nodes);
    SAME_ARRAY(a->geom_first, b->geom_first, a->n_arcs + 1);
    uint32_t ng = a->geom_first[a->n_arcs];
    assert_int_equal(ng, b->geom_first[b->n_arcs]);
    SAME_ARRAY(a->geom_x_cm, b->geom_x_cm, ng);
    SAME_ARRAY(a->geom_y_cm, b->geom_y_cm, ng);
    assert_string_equal(a->crs, b->crs);
    assert_string_equal(a->profile, b->profile);
    assert_int_equal(a->road_length_dm, b->road_length_dm);
    assert_int_equal(a->dropped_nodes, b->dropped_nodes);
    assert_int_equal(a->dropped_components, b->dropped_components);
    assert_memory_equal(a->source_sha256, b->source_sha256, 32);
}

static void test_round_trip(void **state) {
    ga_ctx *ctx = *state;
    ga_graph *g = build_fixture(ctx);
    char *path = tmp("tiny.gagraph");
    assert_ok(ctx, ga_graph_write(ctx, g, path));
    ga_graph *h = NULL;
    assert_ok(ctx, ga_graph_load(ctx, path, &h));
    assert_non_null(h->mapping);
    assert_same_graph(g, h);
    /* the source checksum is the fixture file's */
    uint8_t sha[32];
    assert_ok(ctx, ga_file_sha256(ctx, test_path("fixtures/graph/synthetic_tiny.osm"), sha));
    assert_memory_equal(h->source_sha256, sha, 32);
    char *hex = ga_graph_source_sha256(h);
    assert_int_equal(strlen(hex), 64);
    g_free(hex);
    /* a loaded graph writes the same bytes again */
    char *again = tmp("again.gagraph");
    assert_ok(ctx, ga_graph_write(ctx, h, again));
    char *b1, *b2;
    gsize n1, n2;
    assert_true(g_file_get_contents(path, &b1, &n1, NULL));
    assert_true(g_file_get_contents(again, &b2, &n2, NULL));
    assert_int_equal(n1, n2);
    assert_memory_equal(b1, b2, n1);
    g_free(b1);
    g_free(b2);
    /* building twice gives the same file (deterministic) */
    ga_graph *g2 = build_fixture(ctx);
    assert_same_graph(g, g2);
    ga_graph_free(g2);
    ga_graph_free(h);
    ga_graph_free(g);
    g_free(again);
    g_free(path);
}

static void test_hand_made_round_trip(void **state) {
    ga_ctx *ctx = *state;
    /* an empty-geometry graph and odd counts exercise the padding */
    ga_graph_builder *b = ga_graph_builder_new("EPSG:32631", "walk");
    for (int i = 0; i < 3; i++) ga_graph_builder_add_node(b, 400000.0 + i * 10, 4700000.0);
    ga_graph_builder_add_edge(b, 0, 1, 7.2, -1, false, NULL, 0);
    ga_graph_builder_add_edge(b, 1, 2, 7.2, -1, true, NULL, 0);
    ga_graph_build_options o = {.keep_all_components = true, .no_contraction = true,
                                .no_renumbering = true};
    ga_graph *g = NULL;
    assert_ok(ctx, ga_graph_builder_finish(ctx, b, &o, &g));
    ga_graph_builder_free(b);
    char *path = tmp("hand.gagraph");
    assert_ok(ctx, ga_graph_write(ctx, g, path));
    ga_graph *h = NULL;
    assert_ok(ctx, ga_graph_load(ctx, path, &h));
    assert_same_graph(g, h);
    assert_int_equal(h->geom_first[h->n_arcs], 0);
    assert_string_equal(ga_graph_crs(h), "EPSG:32631");
    assert_int_equal(ga_graph_arc_count(h), 3);
    ga_graph_free(h);
    ga_graph_free(g);
    g_free(path);
}

static void test_export_csv(void **state) {
    ga_ctx *ctx = *state;
    ga_graph *g = build_fixture(ctx);
    char *path = tmp("arcs.csv");
    assert_ok(ctx, ga_graph_export_csv(ctx, g, path));
    ga_table *t = NULL;
    assert_ok(ctx, ga_table_read(ctx, path, &t));
    assert_int_equal(ga_table_rows(t), g->n_arcs);
    assert_int_equal(ga_table_cols(t), 8);
    assert_string_equal(ga_table_header(t, 2), "time_s");
    for (size_t r = 0; r < ga_table_rows(t); r++) {
        double from, to, time, dist, fx;
        assert_ok(ctx, ga_table_get_double(ctx, t, r, 0, &from));
        assert_ok(ctx, ga_table_get_double(ctx, t, r, 1, &to));
        assert_ok(ctx, ga_table_get_double(ctx, t, r, 2, &time));
        assert_ok(ctx, ga_table_get_double(ctx, t, r, 3, &dist));
        assert_ok(ctx, ga_table_get_double(ctx, t, r, 4, &fx));
        uint32_t u = (uint32_t)from;
        assert_true(r >= g->first_out[u] && r < g->first_out[u + 1]);
        assert_int_equal((uint32_t)to, g->head[r]);
        assert_near(time, g->time_ds[r] / 10.0, 1e-9);
        assert_near(dist, g->dist_dm[r] / 10.0, 1e-9);
        assert_near(fx, g->x_cm[u] / 100.0, 1e-9);
    }
    ga_table_free(t);
    ga_graph_free(g);
    g_free(path);
}

/* Writes `data` (n bytes) to a new file and expects the load to fail with
 * `status` and a message naming the file and containing `what`. */
static void expect_refused(ga_ctx *ctx, const char *name, const void *data, size_t n,
                           ga_status status, const char *what) {
    char *path = tmp(name);
    assert_true(g_file_set_contents(path, data, (gssize)n, NULL));
    ga_graph *g = NULL;
    assert_status(ctx, ga_graph_load(ctx, path, &g), status);
    assert_null(g);
    assert_error_mentions(ctx, path);
    assert_error_mentions(ctx, what);
    g_free(path);
}

static void test_refuses_damaged_files(void **state) {
    ga_ctx *ctx = *state;
    ga_graph *g = build_fixture(ctx);
    char *path = tmp("good.gagraph");
    assert_ok(ctx, ga_graph_write(ctx, g, path));
    ga_graph_free(g);
    char *buf;
    gsize n;
    assert_true(g_file_get_contents(path, &buf, &n, NULL));
    assert_true(n > GA_GRAPH_HEADER_SIZE + 64);

    /* truncated: in the arrays, and inside the header */
    expect_refused(ctx, "trunc.gagraph", buf, n - 4, GA_ERR_FORMAT, "truncated");
    expect_refused(ctx, "trunc_hdr.gagraph", buf, 60, GA_ERR_FORMAT, "truncated");
    /* one flipped bit anywhere in the arrays, or in a count */
    char *bad = g_memdup2(buf, n);
    bad[n - 9] ^= 0x10;
    expect_refused(ctx, "flip.gagraph", bad, n, GA_ERR_FORMAT, "checksum");
    memcpy(bad, buf, n);
    bad[GA_GRAPH_HEADER_SIZE + 20] ^= 0x01;
    expect_refused(ctx, "flip2.gagraph", bad, n, GA_ERR_FORMAT, "corrupted");
    memcpy(bad, buf, n);
    bad[48] ^= 0x01; /* road length in the header */
    expect_refused(ctx, "flip3.gagraph", bad, n, GA_ERR_FORMAT, "checksum");
    memcpy(bad, buf, n);
    bad[20] ^= 0x01; /* node count */
    expect_refused(ctx, "count.gagraph", bad, n, GA_ERR_FORMAT, "corrupted");
    /* other format version */
    memcpy(bad, buf, n);
    uint32_t v = GA_GRAPH_FORMAT_VERSION - 1;
    memcpy(bad + 8, &v, 4);
    expect_refused(ctx, "old.gagraph", bad, n, GA_ERR_FORMAT, "format version 0");
    v = GA_GRAPH_FORMAT_VERSION + 1;
    memcpy(bad + 8, &v, 4);
    expect_refused(ctx, "new.gagraph", bad, n, GA_ERR_FORMAT, "rebuild it");
    /* trailing bytes */
    char *longer = g_malloc0(n + 8);
    memcpy(longer, buf, n);
    expect_refused(ctx, "long.gagraph", longer, n + 8, GA_ERR_FORMAT, "corrupted");
    /* not a graph file at all */
    const char *csv = "id,x,y\n1,2,3\n";
    expect_refused(ctx, "table.csv", csv, strlen(csv), GA_ERR_FORMAT, "not a geoaccess graph");
    static const char zeros[4096];
    expect_refused(ctx, "zeros.bin", zeros, sizeof zeros, GA_ERR_FORMAT, "not a geoaccess graph");
    expect_refused(ctx, "empty.gagraph", "", 0, GA_ERR_FORMAT, "not a geoaccess graph");
    /* missing, or a folder */
    ga_graph *h = NULL;
    assert_status(ctx, ga_graph_load(ctx, tmpdir, &h), GA_ERR_IO);
    assert_error_mentions(ctx, "not a regular file");
    assert_status(ctx, ga_graph_load(ctx, "no/such.gagraph", &h), GA_ERR_IO);
    assert_error_mentions(ctx, "no/such.gagraph");
    g_free(longer);
    g_free(bad);
    g_free(buf);
    g_free(path);
}

static void test_write_failure_leaves_nothing(void **state) {
    ga_ctx *ctx = *state;
    ga_graph *g = build_fixture(ctx);
    char *path = g_build_filename(tmpdir, "missing-dir", "x.gagraph", NULL);
    assert_status(ctx, ga_graph_write(ctx, g, path), GA_ERR_IO);
    assert_error_mentions(ctx, "x.gagraph");
    assert_false(g_file_test(path, G_FILE_TEST_EXISTS));
    ga_graph_free(g);
    g_free(path);
}

static int setup(void **state) {
    tmpdir = test_tmpdir("graph_file");
    *state = ga_ctx_new();
    return *state && tmpdir ? 0 : -1;
}
static int teardown(void **state) {
    ga_ctx_free(*state);
    test_rm_rf(tmpdir);
    g_free(tmpdir);
    return 0;
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_hand_made_round_trip),
        cmocka_unit_test(test_export_csv),
        cmocka_unit_test(test_refuses_damaged_files),
        cmocka_unit_test(test_write_failure_leaves_nothing),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
