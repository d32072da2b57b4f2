/* Opening a road graph from any source (graph/open.c): the format by file
 * extension, a graph file, and the refusals. The fixture synthetic_tiny.osm
 * is synthetic (tests/fixtures/make_graph_fixtures.py). */
#include "test_util.h"
#include "core/internal.h"
#include "graph/open.h"

static void osm_then_graph_file(void **state) {
    (void)state;
    ga_ctx *ctx = ga_ctx_new();
    ga_graph *g = NULL;
    assert_ok(ctx, ga_graph_open(ctx, test_path("fixtures/graph/synthetic_tiny.osm"), NULL, "car", &g));
    /* an OSM extract in France gets Lambert-93 */
    assert_string_equal(ga_graph_crs(g), "EPSG:2154");
    size_t nodes = ga_graph_node_count(g), arcs = ga_graph_arc_count(g);
    assert_true(nodes > 0 && arcs > 0);
    /* the same graph through a graph file */
    g_autofree char *dir = test_tmpdir("graph_open");
    g_autofree char *path = g_build_filename(dir, "tiny.gagraph", NULL);
    assert_ok(ctx, ga_graph_write(ctx, g, path));
    ga_graph *h = NULL;
    assert_ok(ctx, ga_graph_open(ctx, NULL, path, NULL, &h));
    assert_int_equal(ga_graph_node_count(h), nodes);
    assert_int_equal(ga_graph_arc_count(h), arcs);
    assert_string_equal(ga_graph_crs(h), "EPSG:2154");
    ga_graph_free(h);
    ga_graph_free(g);
    test_rm_rf(dir);
    ga_ctx_free(ctx);
}

static void refusals(void **state) {
    (void)state;
    ga_ctx *ctx = ga_ctx_new();
    ga_graph *g = (ga_graph *)0x1; /* written only on success */
    assert_status(ctx, ga_graph_open(ctx, NULL, NULL, NULL, &g), GA_ERR_ARG);
    assert_error_mentions(ctx, "exactly one");
    assert_status(ctx, ga_graph_open(ctx, "a.osm", "b.gagraph", NULL, &g), GA_ERR_ARG);
    assert_status(ctx, ga_graph_open(ctx, "roads.geojson", NULL, NULL, &g), GA_ERR_FORMAT);
    assert_error_mentions(ctx, "roads.geojson: unknown road file type");
    assert_ptr_equal(g, (ga_graph *)0x1);
    ga_ctx_free(ctx);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(osm_then_graph_file),
        cmocka_unit_test(refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
