/* Units, fields and figures that say the truth (issue 9, section 4): short
 * unique DBF names with their mapping, catchment thresholds in the unit the
 * user gave, scenario losses as well as gains, the access leg at the
 * graph's own speed, a warning said once, numbers printed in full. */
#include "plan_fixtures.h"
#include "core/internal.h"
#include "graph/builder.h"
#include "measure/catchment.h"
#include "write/polygons.h"
#include "write/shp.h"

static int setup(void **state) {
    *state = ga_ctx_new();
    return *state ? 0 : -1;
}

static int teardown(void **state) {
    ga_ctx_free(*state);
    return 0;
}

static void rm_dir(char *dir) {
    test_rm_rf(dir);
    g_free(dir);
}

static bool dbf_name_ok(const char *s) {
    if (!*s || strlen(s) > 10) return false;
    for (; *s; s++)
        if (!g_ascii_isalnum(*s) && *s != '_') return false;
    return true;
}

/* ---- DBF names ---- */

static void test_dbf_names_short_unique_readable(void **state) {
    (void)state;
    const char *names[] = {"insee", "facility_id", "facility_min", "facility_km", "facility_id2",
                           "facility_min2", "Centre Hospitalier (C.H.)_id", "Centre Hospitalier (C.H.)_min",
                           "Centre Hospitalier Régional_id", "GP_ID", "gp_id", "maternité_km"};
    size_t n = G_N_ELEMENTS(names);
    char **dbf = ga_shp_dbf_names(names, n);
    for (size_t j = 0; j < n; j++) {
        assert_true(dbf_name_ok(dbf[j]));
        for (size_t k = 0; k < j; k++)
            if (!g_ascii_strcasecmp(dbf[j], dbf[k])) fail_msg("'%s' and '%s' both give '%s'", names[k], names[j], dbf[j]);
    }
    /* names that fit are kept; the others keep their role at the end */
    assert_string_equal(dbf[0], "insee");
    assert_string_equal(dbf[9], "GP_ID");
    assert_true(g_str_has_suffix(dbf[1], "_id"));
    assert_true(g_str_has_suffix(dbf[5], "_min2"));
    assert_true(g_str_has_suffix(dbf[6], "_id"));
    assert_true(g_str_has_suffix(dbf[7], "_min"));
    assert_string_equal(dbf[11], "materni_km"); /* accent dropped, head shortened, unit kept */

    g_strfreev(dbf);
}

static char *read_text(const char *path) {
    char *t = NULL;
    if (!g_file_get_contents(path, &t, NULL, NULL)) return NULL;
    return t;
}

static size_t count_files(const char *dir) {
    GDir *d = g_dir_open(dir, 0, NULL);
    size_t n = 0;
    while (d && g_dir_read_name(d)) n++;
    if (d) g_dir_close(d);
    return n;
}

/* nearest used to fail on 'facility_id' (11 characters) and leave its CSV
 * without a shapefile: now the shapefile has short names and a mapping. */
static void test_long_column_names_written_with_mapping(void **state) {
    ga_ctx *ctx = *state;
    char *dir = test_tmpdir("units");
    ga_points *p = ga_points_new();
    ga_points_add(p, "a", 770000, 6280000, NULL, 1);
    ga_points_add(p, "b", 771000, 6280000, NULL, 1);
    ga_result *r = ga_result_new(2);
    const char *ids[] = {"F1", "F2"};
    double v[] = {1.25, NAN};
    ga_result_add_text(r, "insee", ids);
    ga_result_add_text(r, "facility_id", ids);
    ga_result_add_number(r, "facility_min", v, 2);
    ga_result_add_number(r, "facility_min2", v, 2);
    char *shp = g_build_filename(dir, "near.shp", NULL);
    assert_ok(ctx, ga_result_write_shp_points(ctx, r, p, shp));
    assert_int_equal(count_files(dir), 6); /* shp shx dbf prj cpg fields.csv, no temporary */
    char *map_path = g_build_filename(dir, "near.fields.csv", NULL);
    char *map = read_text(map_path);
    assert_non_null(map);
    /* the DBF's fields are the mapping's names, in order, and hold the values */
    char *dbf_path = g_build_filename(dir, "near.dbf", NULL);
    DBFHandle dbf = DBFOpen(dbf_path, "rb");
    assert_non_null(dbf);
    assert_int_equal(DBFGetFieldCount(dbf), 4);
    gchar **lines = g_strsplit(map, "\n", -1);
    assert_string_equal(lines[0], "long_name,dbf_name");
    const char *longs[] = {"insee", "facility_id", "facility_min", "facility_min2"};
    for (int j = 0; j < 4; j++) {
        char fname[12];
        DBFGetFieldInfo(dbf, j, fname, NULL, NULL);
        assert_true(dbf_name_ok(fname));
        char *want = g_strdup_printf("%s,%s", longs[j], fname);
        assert_string_equal(lines[j + 1], want);
        g_free(want);
    }
    assert_string_equal(DBFReadStringAttribute(dbf, 0, 1), "F1");
    assert_near(DBFReadDoubleAttribute(dbf, 0, 2), 1.25, 1e-12);
    assert_true(DBFIsAttributeNULL(dbf, 1, 2));
    DBFClose(dbf);
    g_strfreev(lines);
    g_free(map);
    /* rewritten with names that fit: the stale mapping goes */
    ga_result *r2 = ga_result_new(2);
    ga_result_add_text(r2, "insee", ids);
    assert_ok(ctx, ga_result_write_shp_points(ctx, r2, p, shp));
    assert_false(g_file_test(map_path, G_FILE_TEST_EXISTS));
    assert_int_equal(count_files(dir), 5);
    ga_result_free(r2);
    ga_result_free(r);
    ga_points_free(p);
    g_free(map_path);
    g_free(dbf_path);
    g_free(shp);
    rm_dir(dir);
}

/* ---- zones: a result table as polygons, same columns as the CSV ---- */

static void test_result_polygons_carry_every_column(void **state) {
    ga_ctx *ctx = *state;
    char *dir = test_tmpdir("units");
    GEOSContextHandle_t h = ctx->geos;
    GEOSGeometry *g = GEOSGeom_createRectangle_r(h, 770000, 6280000, 771000, 6281000);
    const GEOSGeometry *geoms[] = {g};
    ga_result *r = ga_result_new(1);
    const char *ids[] = {"34001"};
    double pop[] = {100}, t[] = {31.5}, apl[] = {2.1};
    ga_result_add_text(r, "insee", ids);
    ga_result_add_number(r, "pop", pop, 0);
    ga_result_add_number(r, "urg_min", t, 2);
    ga_result_add_number(r, "apl", apl, 3);
    char *shp = g_build_filename(dir, "zones_x.shp", NULL);
    assert_ok(ctx, ga_result_write_shp_polygons(ctx, r, geoms, 1, shp));
    char *dbf_path = g_build_filename(dir, "zones_x.dbf", NULL);
    DBFHandle dbf = DBFOpen(dbf_path, "rb");
    assert_non_null(dbf);
    assert_int_equal(DBFGetFieldCount(dbf), 4);
    assert_int_equal(DBFGetFieldIndex(dbf, "urg_min"), 2);
    assert_near(DBFReadDoubleAttribute(dbf, 0, 2), 31.5, 1e-9);
    assert_near(DBFReadDoubleAttribute(dbf, 0, 3), 2.1, 1e-9);
    DBFClose(dbf);
    assert_status(ctx, ga_result_write_shp_polygons(ctx, r, geoms, 0, shp), GA_ERR_ARG); /* rows != geometries */
    GEOSGeom_destroy_r(h, g);
    ga_result_free(r);
    g_free(dbf_path);
    g_free(shp);
    rm_dir(dir);
}

/* ---- catchments: thresholds in the unit given ---- */

static void test_distance_catchments_say_km(void **state) {
    ga_ctx *ctx = *state;
    char *dir = test_tmpdir("units");
    ga_points *fac = ga_points_new();
    ga_points_add(fac, "M1", 770000, 6280000, "msp", 1);
    ga_catchment_options o;
    ga_catchment_options_init(&o);
    o.metric = GA_METRIC_DISTANCE;
    double metres[] = {5000};
    ga_catchments *c = NULL;
    assert_ok(ctx, ga_catchments_circles(ctx, fac, metres, NULL, 1, &o, &c));
    const char *unit = NULL;
    assert_near(ga_catchments_threshold_shown(c, 0, &unit), 5, 0);
    assert_string_equal(unit, "km");
    char label[64];
    ga_catchments_legend_label(c, ga_catchments_threshold(c, 0), label, sizeof label);
    assert_string_equal(label, "within 5 km"); /* the map's legend, not "within 5000 km" */
    char *shp = g_build_filename(dir, "k.shp", NULL), *json = g_build_filename(dir, "k.geojson", NULL);
    assert_ok(ctx, ga_catchments_write_shp(ctx, c, fac, NULL, NULL, shp));
    assert_ok(ctx, ga_catchments_write_geojson(ctx, c, fac, NULL, NULL, json));
    char *dbf_path = g_build_filename(dir, "k.dbf", NULL);
    DBFHandle dbf = DBFOpen(dbf_path, "rb");
    assert_non_null(dbf);
    int ti = DBFGetFieldIndex(dbf, "threshold"), ui = DBFGetFieldIndex(dbf, "unit");
    assert_true(ti >= 0 && ui >= 0);
    assert_near(DBFReadDoubleAttribute(dbf, 0, ti), 5, 0); /* not 5000 */
    assert_string_equal(DBFReadStringAttribute(dbf, 0, ui), "km");
    DBFClose(dbf);
    char *text = read_text(json);
    assert_non_null(strstr(text, "\"threshold\":5.000,\"unit\":\"km\""));
    g_free(text);
    ga_catchments_free(c);
    /* minutes stay minutes */
    ga_catchment_options_init(&o);
    double minutes[] = {20}, radius[] = {10000};
    assert_ok(ctx, ga_catchments_circles(ctx, fac, minutes, radius, 1, &o, &c));
    assert_near(ga_catchments_threshold_shown(c, 0, &unit), 20, 0);
    assert_string_equal(unit, "min");
    ga_catchments_legend_label(c, ga_catchments_threshold(c, 0), label, sizeof label);
    assert_string_equal(label, "within 20 min");
    ga_catchments_free(c);
    ga_points_free(fac);
    g_free(dbf_path);
    g_free(shp);
    g_free(json);
    rm_dir(dir);
}

/* ---- scenarios: losses as well as gains ---- */

#define N 5

static void test_scenario_losses(void **state) {
    ga_ctx *ctx = *state;
    double pop[N], px[N], py[N];
    for (int k = 0; k < N; k++) {
        pop[k] = 100.0 * (k + 1);
        px[k] = 500 + 1000.0 * k;
        py[k] = 0;
    }
    plan_communes pc;
    plan_communes_make(ctx, &pc, N, 1000, 1000, pop, px, py);
    ga_cost_model *model = NULL;
    assert_ok(ctx, ga_straight_model_new(ctx, 1.0, 60, &model)); /* 1 min per km */
    ga_points *fac = ga_points_new();
    ga_points_add(fac, "gp-0", PX0 + 500, PY0, "gp", 1);
    ga_points_add(fac, "gp-4", PX0 + 4500, PY0, "gp", 1);
    ga_points_add(fac, "urg-2", PX0 + 2500, PY0, "urg", 1);
    assert_ok(ctx, ga_points_assign_communes(ctx, fac, pc.c, false));
    static const char *const types[] = {"gp", "urg"};
    ga_scenario_inputs in = {.communes = pc.c, .population = pop, .facilities = fac, .types = types,
                             .n_types = 2, .threshold = 1.5};
    /* remove gp-4 (C3: 1 -> 3 min, C4: 0 -> 4 min; C2 stays at 2) and the
     * only emergency unit (every commune loses it) */
    ga_scenario *s = ga_scenario_new("close");
    ga_scenario_remove(s, "gp-4");
    ga_scenario_remove(s, "urg-2");
    ga_scenario_run *r = NULL;
    assert_ok(ctx, ga_scenarios_run(ctx, model, &in, &s, 1, &r));
    ga_changes ch;
    ga_scenario_changes(r, 0, 0, pop, &ch);
    assert_int_equal(ch.communes_worse, 2);
    assert_near(ch.people_worse, 400 + 500, 0);
    assert_near(ch.largest_loss, 4, 1e-9);
    assert_int_equal(ch.communes_better, 0);
    assert_near(ch.largest_gain, 0, 0);
    ga_scenario_changes(r, 0, 1, pop, &ch);
    assert_int_equal(ch.communes_worse, N);
    assert_near(ch.people_worse, 1500, 0);
    assert_true(isinf(ch.largest_loss)); /* the last reachable one lost */
    /* and the other way round: adding a GP in C2 is a gain of 2 minutes there */
    ga_scenario *a = ga_scenario_new("add");
    ga_scenario_add(a, "gp-new", "gp", "C2", NAN, NAN, 1);
    ga_scenario_run_free(r);
    assert_ok(ctx, ga_scenarios_run(ctx, model, &in, &a, 1, &r));
    ga_scenario_changes(r, 0, 0, pop, &ch);
    assert_int_equal(ch.communes_better, 1);
    assert_near(ch.people_better, 300, 0);
    assert_near(ch.largest_gain, 2, 1e-9);
    assert_int_equal(ch.communes_worse, 0);
    ga_scenario_run_free(r);
    ga_scenario_free(a);
    ga_scenario_free(s);
    ga_points_free(fac);
    ga_cost_model_free(model);
    plan_communes_cleanup(&pc);
}

/* ---- the access leg at the graph's own speed ---- */

static ga_graph *two_node_graph(ga_ctx *ctx, double kmh) {
    ga_graph_builder *b = ga_graph_builder_new("EPSG:2154", "test");
    uint32_t u = ga_graph_builder_add_node(b, PX0, PY0), v = ga_graph_builder_add_node(b, PX0 + 1000, PY0);
    ga_graph_builder_add_edge(b, u, v, 1000 / (kmh / 3.6), 1000, false, NULL, 0);
    ga_graph_build_options raw = {.keep_all_components = true, .no_contraction = true, .no_renumbering = true};
    ga_graph *g = NULL;
    assert_ok(ctx, ga_graph_builder_finish(ctx, b, &raw, &g));
    ga_graph_builder_free(b);
    return g;
}

static void test_access_leg_at_the_graphs_speed(void **state) {
    ga_ctx *ctx = *state;
    ga_graph *walk = two_node_graph(ctx, 5), *car = two_node_graph(ctx, 50);
    assert_near(ga_graph_access_speed(walk), 5, 1e-9);
    assert_near(ga_graph_access_speed(car), GA_ROAD_DEFAULT_ACCESS_SPEED_KMH, 0);
    /* a point 100 m off the road at its middle: 100 m at 5 km/h = 1.2 min,
     * then 500 m of road at 5 km/h = 6 min */
    ga_points *a = ga_points_new(), *b = ga_points_new();
    ga_points_add(a, "on", PX0, PY0, NULL, 1);
    ga_points_add(b, "off", PX0 + 500, PY0 + 100, NULL, 1);
    ga_road_options o;
    ga_road_options_init(&o);
    ga_router *r = NULL;
    ga_od *od = NULL;
    double t = NAN;
    assert_ok(ctx, ga_router_new(ctx, walk, &o, &r));
    assert_ok(ctx, ga_router_table(r, ctx, a, b, GA_METRIC_TIME, 0, &od));
    assert_true(ga_od_lookup(od, 0, 0, &t));
    assert_near(t, 6 + 1.2, 0.01);
    ga_od_free(od);
    ga_router_free(r);
    /* an explicit speed still wins */
    o.access_speed_kmh = 20;
    assert_ok(ctx, ga_router_new(ctx, walk, &o, &r));
    assert_ok(ctx, ga_router_table(r, ctx, a, b, GA_METRIC_TIME, 0, &od));
    assert_true(ga_od_lookup(od, 0, 0, &t));
    assert_near(t, 6 + 0.3, 0.01);
    ga_od_free(od);
    ga_router_free(r);
    ga_points_free(a);
    ga_points_free(b);
    ga_graph_free(walk);
    ga_graph_free(car);
}

/* ---- messages ---- */

static void test_a_warning_is_recorded_once(void **state) {
    ga_ctx *ctx = *state;
    ga_ctx_clear_warnings(ctx);
    for (int k = 0; k < 3; k++) ga_warn(ctx, "342 origins (first: '%s') further than %d m from every road", "34001", 1000);
    ga_warn(ctx, "another warning");
    assert_int_equal(ga_ctx_warning_count(ctx), 2);
    ga_ctx_clear_warnings(ctx);
}

static void test_info_prints_numbers_in_full(void **state) {
    ga_ctx *ctx = *state;
    char *dir = test_tmpdir("units");
    char *path = g_build_filename(dir, "f.csv", NULL);
    assert_true(g_file_set_contents(path, "finess_et,y_l93\n340000025,6244627.9\n340799999,6482098.3\n", -1, NULL));
    char *text = NULL;
    assert_ok(ctx, ga_describe_file(ctx, path, &text));
    assert_non_null(strstr(text, "340000025 .. 340799999"));
    assert_non_null(strstr(text, "6244627.9 .. 6482098.3"));
    assert_null(strstr(text, "e+0"));
    g_free(text);
    g_free(path);
    rm_dir(dir);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dbf_names_short_unique_readable),
        cmocka_unit_test_setup_teardown(test_long_column_names_written_with_mapping, setup, teardown),
        cmocka_unit_test_setup_teardown(test_result_polygons_carry_every_column, setup, teardown),
        cmocka_unit_test_setup_teardown(test_distance_catchments_say_km, setup, teardown),
        cmocka_unit_test_setup_teardown(test_scenario_losses, setup, teardown),
        cmocka_unit_test_setup_teardown(test_access_leg_at_the_graphs_speed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_warning_is_recorded_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_info_prints_numbers_in_full, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
