/* CRS helpers of the graph readers (graph/crs.c): PROJ transformations in
 * easting/northing and longitude/latitude order (Lambert-93's origin,
 * 700000 E 6600000 N, is 3 E 46.5 N), metric CRS checks, the coarse
 * outline of metropolitan France and the default CRS of an OSM extract
 * (Lambert-93 in France, else its UTM zone: floor((lon + 180) / 6) + 1). */
#include "test_util.h"
#include "core/internal.h"
#include "graph/crs.h"

static void transform(void **state) {
    ga_ctx *ctx = *state;
    double x[2] = {3, 3.5}, y[2] = {46.5, 46.5};
    assert_ok(ctx, ga_graph_transform(ctx, "EPSG:4326", "EPSG:2154", x, y, 2, "test"));
    assert_near(x[0], 700000, 1e-3);
    assert_near(y[0], 6600000, 1e-3);
    assert_true(x[1] > 738000 && x[1] < 739000); /* 0.5 degree east at 46.5 N: about 38.3 km */
    assert_ok(ctx, ga_graph_transform(ctx, "EPSG:2154", "EPSG:4326", x, y, 1, "test"));
    assert_near(x[0], 3, 1e-9);
    assert_near(y[0], 46.5, 1e-9);
    double bx = 0, by = 0;
    assert_status(ctx, ga_graph_transform(ctx, "EPSG:999999", "EPSG:2154", &bx, &by, 1, "roads.shp"),
                  GA_ERR_CRS);
    assert_error_mentions(ctx, "roads.shp: no transformation from 'EPSG:999999'");
}

static void metric(void **state) {
    ga_ctx *ctx = *state;
    assert_ok(ctx, ga_graph_check_metric_crs(ctx, "EPSG:2154"));
    assert_ok(ctx, ga_graph_check_metric_crs(ctx, "EPSG:32631"));
    assert_status(ctx, ga_graph_check_metric_crs(ctx, "EPSG:4326"), GA_ERR_CRS);
    assert_error_mentions(ctx, "not a projected");
    assert_status(ctx, ga_graph_check_metric_crs(ctx, ""), GA_ERR_ARG);
}

static void france_and_auto(void **state) {
    (void)state;
    assert_true(ga_in_metropolitan_france(3.88, 43.61));   /* Montpellier */
    assert_true(ga_in_metropolitan_france(2.35, 48.86));   /* Paris */
    assert_true(ga_in_metropolitan_france(8.74, 41.92));   /* Ajaccio, Corsica */
    assert_false(ga_in_metropolitan_france(2.17, 41.39));  /* Barcelona */
    assert_false(ga_in_metropolitan_france(4.35, 50.85));  /* Brussels */
    assert_false(ga_in_metropolitan_france(1.52, 42.51));  /* Andorra la Vella */
    assert_false(ga_in_metropolitan_france(-0.13, 51.51)); /* London */
    const struct { double lon, lat; const char *crs; } cases[] = {
        {3.88, 43.61, "EPSG:2154"},
        {-9.14, 38.72, "EPSG:32629"},   /* Lisbon: zone 29 */
        {14.51, 35.90, "EPSG:32633"},   /* Valletta: zone 33 */
        {151.21, -33.87, "EPSG:32756"}, /* Sydney: zone 56 south */
        {-180.0, 10.0, "EPSG:32601"},
        {180.0, 10.0, "EPSG:32660"},    /* clamped to zone 60 */
    };
    for (size_t k = 0; k < G_N_ELEMENTS(cases); k++) {
        g_autofree char *crs = ga_auto_crs(cases[k].lon, cases[k].lat);
        assert_string_equal(crs, cases[k].crs);
    }
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
        cmocka_unit_test(transform),
        cmocka_unit_test(metric),
        cmocka_unit_test(france_and_auto),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
