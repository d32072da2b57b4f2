/* OSM tags (oneway, maxspeed, access), profiles, and the OSM reader on the
 * synthetic fixture tests/fixtures/graph/synthetic_tiny.osm (see
 * tests/fixtures/make_graph_fixtures.py for its network). */
#include "test_util.h"
#include <geodesic.h>
#include <string.h>
#include "core/internal.h"
#include "graph/builder.h"
#include "graph/crs.h"
#include "graph/profile.h"

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

static ga_profile *car, *walk;

static bool eval(const ga_profile *p, const char *const *kv, int n, double *speed, ga_dir *dir) {
    const char *k[16], *v[16];
    for (int i = 0; i < n; i++) {
        k[i] = kv[2 * i];
        v[i] = kv[2 * i + 1];
    }
    return ga_osm_way_eval(p, k, v, n, speed, dir);
}

#define EVAL(p, speed, dir, ...)                                                 \
    ({                                                                           \
        const char *kv_[] = {__VA_ARGS__};                                       \
        eval(p, kv_, N(kv_) / 2, speed, dir);                                    \
    })

static void test_maxspeed_values(void **state) {
    (void)state;
    assert_near(ga_osm_parse_maxspeed("50"), 50, 0);
    assert_near(ga_osm_parse_maxspeed(" 90 "), 90, 0);
    assert_near(ga_osm_parse_maxspeed("30 mph"), 30 * 1.609344, 1e-9);
    assert_near(ga_osm_parse_maxspeed("20mph"), 20 * 1.609344, 1e-9);
    assert_near(ga_osm_parse_maxspeed("50 km/h"), 50, 0);
    assert_near(ga_osm_parse_maxspeed("FR:urban"), 50, 0);
    assert_near(ga_osm_parse_maxspeed("FR:rural"), 80, 0);
    assert_near(ga_osm_parse_maxspeed("FR:motorway"), 130, 0);
    assert_near(ga_osm_parse_maxspeed("FR:zone30"), 30, 0);
    assert_near(ga_osm_parse_maxspeed("walk"), 6, 0);
    assert_near(ga_osm_parse_maxspeed("none"), -1, 0);
    assert_near(ga_osm_parse_maxspeed("50;70"), 50, 0);
    assert_near(ga_osm_parse_maxspeed("signals"), 0, 0);
    assert_near(ga_osm_parse_maxspeed("fast"), 0, 0);
    assert_near(ga_osm_parse_maxspeed(""), 0, 0);
    assert_near(ga_osm_parse_maxspeed("-20"), 0, 0);
    assert_near(ga_osm_parse_maxspeed(NULL), 0, 0);
}

static void test_oneway_variants(void **state) {
    (void)state;
    double s;
    ga_dir d;
    assert_true(EVAL(car, &s, &d, "highway", "residential"));
    assert_int_equal(d, GA_DIR_BOTH);
    assert_near(s, 30, 0);
    const char *fwd[] = {"yes", "1", "true"};
    for (int i = 0; i < 3; i++) {
        assert_true(EVAL(car, &s, &d, "highway", "residential", "oneway", fwd[i]));
        assert_int_equal(d, GA_DIR_FORWARD);
    }
    assert_true(EVAL(car, &s, &d, "highway", "residential", "oneway", "-1"));
    assert_int_equal(d, GA_DIR_BACKWARD);
    assert_true(EVAL(car, &s, &d, "highway", "residential", "oneway", "no"));
    assert_int_equal(d, GA_DIR_BOTH);
    /* implied one way: roundabouts and motorways, unless oneway=no */
    assert_true(EVAL(car, &s, &d, "highway", "primary", "junction", "roundabout"));
    assert_int_equal(d, GA_DIR_FORWARD);
    assert_true(EVAL(car, &s, &d, "highway", "primary", "junction", "circular"));
    assert_int_equal(d, GA_DIR_FORWARD);
    assert_true(EVAL(car, &s, &d, "highway", "motorway"));
    assert_int_equal(d, GA_DIR_FORWARD);
    assert_true(EVAL(car, &s, &d, "highway", "motorway", "oneway", "no"));
    assert_int_equal(d, GA_DIR_BOTH);
    assert_true(EVAL(car, &s, &d, "highway", "motorway_link"));
    assert_int_equal(d, GA_DIR_BOTH);
    /* reversible: direction depends on the hour, not routable */
    assert_false(EVAL(car, &s, &d, "highway", "primary", "oneway", "reversible"));
    /* walkers ignore oneway, but not oneway:foot */
    assert_true(EVAL(walk, &s, &d, "highway", "residential", "oneway", "yes"));
    assert_int_equal(d, GA_DIR_BOTH);
    assert_true(EVAL(walk, &s, &d, "highway", "primary", "junction", "roundabout"));
    assert_int_equal(d, GA_DIR_BOTH);
    assert_true(EVAL(walk, &s, &d, "highway", "footway", "oneway:foot", "yes"));
    assert_int_equal(d, GA_DIR_FORWARD);
}

static void test_access_and_classes(void **state) {
    (void)state;
    double s;
    ga_dir d;
    assert_false(EVAL(car, &s, &d, "highway", "residential", "access", "no"));
    assert_false(EVAL(car, &s, &d, "highway", "residential", "access", "private"));
    assert_false(EVAL(car, &s, &d, "highway", "residential", "motor_vehicle", "no"));
    assert_false(EVAL(car, &s, &d, "highway", "residential", "motor_vehicle", "private"));
    assert_false(EVAL(car, &s, &d, "highway", "residential", "motorcar", "no"));
    assert_false(EVAL(car, &s, &d, "highway", "residential", "vehicle", "no"));
    assert_true(EVAL(car, &s, &d, "highway", "residential", "access", "destination"));
    assert_true(EVAL(car, &s, &d, "highway", "residential", "access", "yes"));
    /* the most specific tag wins */
    assert_true(EVAL(car, &s, &d, "highway", "service", "access", "no", "motor_vehicle", "yes"));
    assert_false(EVAL(car, &s, &d, "highway", "service", "access", "yes", "motor_vehicle", "no"));
    assert_true(EVAL(car, &s, &d, "highway", "service", "motor_vehicle", "no", "motorcar", "yes"));
    /* classes */
    assert_false(EVAL(car, &s, &d, "highway", "footway"));
    assert_false(EVAL(car, &s, &d, "highway", "track"));
    assert_false(EVAL(car, &s, &d, "highway", "construction"));
    assert_false(EVAL(car, &s, &d, "building", "yes"));
    assert_false(EVAL(car, &s, &d, "highway", "pedestrian", "area", "yes"));
    assert_true(EVAL(walk, &s, &d, "highway", "footway"));
    assert_near(s, 5, 0);
    assert_true(EVAL(walk, &s, &d, "highway", "steps"));
    assert_near(s, 3, 0);
    assert_false(EVAL(walk, &s, &d, "highway", "motorway"));
    assert_false(EVAL(walk, &s, &d, "highway", "residential", "foot", "no"));
    assert_false(EVAL(walk, &s, &d, "highway", "residential", "access", "private"));
    assert_true(EVAL(walk, &s, &d, "highway", "residential", "access", "no", "foot", "yes"));
    /* motor_vehicle=no does not concern walkers */
    assert_true(EVAL(walk, &s, &d, "highway", "residential", "motor_vehicle", "no"));
}

static void test_speeds_from_maxspeed(void **state) {
    (void)state;
    double s;
    ga_dir d;
    /* speed = min(class speed, 0.9 x maxspeed) */
    assert_true(EVAL(car, &s, &d, "highway", "primary", "maxspeed", "50"));
    assert_near(s, 45, 1e-9);
    assert_true(EVAL(car, &s, &d, "highway", "primary"));
    assert_near(s, 70, 0);
    assert_true(EVAL(car, &s, &d, "highway", "residential", "maxspeed", "50"));
    assert_near(s, 30, 0);
    assert_true(EVAL(car, &s, &d, "highway", "motorway", "maxspeed", "none"));
    assert_near(s, 115, 0);
    assert_true(EVAL(car, &s, &d, "highway", "motorway", "maxspeed", "FR:motorway"));
    assert_near(s, 115, 0);
    assert_true(EVAL(car, &s, &d, "highway", "motorway", "maxspeed", "90"));
    assert_near(s, 81, 1e-9);
    assert_true(EVAL(car, &s, &d, "highway", "secondary", "maxspeed", "30 mph"));
    assert_near(s, 0.9 * 30 * 1.609344, 1e-9);
    assert_true(EVAL(car, &s, &d, "highway", "living_street", "maxspeed", "walk"));
    assert_near(s, 5.4, 1e-9);
    /* walkers ignore maxspeed */
    assert_true(EVAL(walk, &s, &d, "highway", "residential", "maxspeed", "walk"));
    assert_near(s, 5, 0);
}

static void test_auto_crs(void **state) {
    (void)state;
    const struct {
        double lon, lat;
        const char *crs;
    } cases[] = {
        {3.87, 43.61, "EPSG:2154"},   /* Montpellier */
        {2.35, 48.85, "EPSG:2154"},   /* Paris */
        {7.75, 48.58, "EPSG:2154"},   /* Strasbourg */
        {9.00, 42.00, "EPSG:2154"},   /* Corsica */
        {-4.49, 48.39, "EPSG:2154"},  /* Brest */
        {1.55, 42.55, "EPSG:32631"},  /* Andorra */
        {9.55, 47.14, "EPSG:32632"},  /* Liechtenstein */
        {7.42, 43.735, "EPSG:32632"}, /* Monaco */
        {4.35, 50.85, "EPSG:32631"},  /* Brussels */
        {7.59, 47.56, "EPSG:32632"},  /* Basel */
        {14.45, 35.90, "EPSG:32633"}, /* Malta */
        {-43.2, -22.9, "EPSG:32723"}, /* Rio de Janeiro */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *c = ga_auto_crs(cases[i].lon, cases[i].lat);
        if (strcmp(c, cases[i].crs))
            fail_msg("(%g, %g): %s, expected %s", cases[i].lon, cases[i].lat, c, cases[i].crs);
        g_free(c);
    }
}

/* ---- the synthetic OSM file ---- */

static const double fixture_lonlat[][2] = {
    {0, 0},           {3.870, 43.600},   {3.871, 43.600},   {3.872, 43.600},
    {3.873, 43.600},  {3.8712, 43.6008}, {3.8718, 43.6008}, {3.8735, 43.6012},
    {3.8745, 43.6010}, {3.8742, 43.6003}, {3.8740, 43.5990}, {3.890, 43.620},
    {3.891, 43.620},  {3.870, 43.599},   {3.871, 43.5985},
};

/* Graph node at OSM node `id` (coordinates projected with PROJ), or NONE. */
static uint32_t node_of(ga_ctx *ctx, const ga_graph *g, int id) {
    double x = fixture_lonlat[id][0], y = fixture_lonlat[id][1];
    assert_ok(ctx, ga_transform_to_working(ctx, "EPSG:4326", &x, &y, 1));
    for (uint32_t v = 0; v < g->n_nodes; v++)
        if (fabs(g->x_cm[v] - x * 100) <= 1 && fabs(g->y_cm[v] - y * 100) <= 1) return v;
    return GA_NODE_NONE;
}

static uint32_t arc(const ga_graph *g, uint32_t u, uint32_t v, uint32_t n_geom) {
    if (u == GA_NODE_NONE || v == GA_NODE_NONE) return UINT32_MAX;
    for (uint32_t a = g->first_out[u]; a < g->first_out[u + 1]; a++)
        if (g->head[a] == v && g->geom_first[a + 1] - g->geom_first[a] == n_geom) return a;
    return UINT32_MAX;
}

static double geod(int a, int b) {
    struct geod_geodesic gd;
    geod_init(&gd, 6378137.0, 1.0 / 298.257223563);
    double s;
    geod_inverse(&gd, fixture_lonlat[a][1], fixture_lonlat[a][0], fixture_lonlat[b][1],
                 fixture_lonlat[b][0], &s, NULL, NULL);
    return s;
}

static void test_tiny_osm_car(void **state) {
    ga_ctx *ctx = *state;
    ga_graph_options o = {.profile = "car", .crs = NULL};
    ga_graph *g = NULL;
    ga_graph_build_info info;
    assert_ok(ctx, ga_graph_build_osm(ctx, test_path("fixtures/graph/synthetic_tiny.osm"), &o, &g,
                                      &info));
    assert_int_equal(info.input_ways, 10);
    assert_int_equal(info.kept_ways, 6); /* 100, 101, 102, 106, 107, 105 */
    assert_int_equal(info.input_nodes, 11);
    assert_string_equal(g->crs, "EPSG:2154");
    assert_string_equal(g->profile, "car");
    /* 1, 2, 3, 4, 7 kept; 5, 6, 8, 9 contracted; island 11-12 dropped */
    assert_int_equal(g->n_nodes, 5);
    assert_int_equal(g->n_arcs, 11);
    assert_int_equal(g->dropped_nodes, 2);
    assert_int_equal(g->dropped_components, 1);
    assert_int_equal(ga_ctx_warning_count(ctx), 1);
    ga_ctx_clear_warnings(ctx);
    uint32_t n[15];
    for (int i = 1; i <= 14; i++) n[i] = node_of(ctx, g, i);
    for (int i = 1; i <= 4; i++) assert_int_not_equal(n[i], GA_NODE_NONE);
    assert_int_not_equal(n[7], GA_NODE_NONE);
    const int gone[] = {5, 6, 8, 9, 10, 11, 12, 13, 14};
    for (int i = 0; i < N(gone); i++) assert_int_equal(n[gone[i]], GA_NODE_NONE);
    /* two-way residential 1-2, 30 km/h */
    uint32_t a = arc(g, n[1], n[2], 0);
    assert_int_not_equal(a, UINT32_MAX);
    assert_int_not_equal(arc(g, n[2], n[1], 0), UINT32_MAX);
    assert_int_equal(g->dist_dm[a], (uint32_t)nearbyint(geod(1, 2) * 10));
    assert_int_equal(g->time_ds[a], (uint32_t)nearbyint(geod(1, 2) / (30 / 3.6) * 10));
    /* one-way 2 -> 5 -> 6 -> 3 contracted, not the other way */
    a = arc(g, n[2], n[3], 2);
    assert_int_not_equal(a, UINT32_MAX);
    assert_int_equal(arc(g, n[3], n[2], 2), UINT32_MAX);
    double len = geod(2, 5) + geod(5, 6) + geod(6, 3);
    assert_int_equal(g->dist_dm[a], (uint32_t)nearbyint(len * 10));
    assert_int_equal(g->time_ds[a], (uint32_t)nearbyint(len / (30 / 3.6) * 10));
    /* its geometry: nodes 5 then 6 */
    double x5 = fixture_lonlat[5][0], y5 = fixture_lonlat[5][1];
    assert_ok(ctx, ga_transform_to_working(ctx, "EPSG:4326", &x5, &y5, 1));
    assert_near(g->geom_x_cm[g->geom_first[a]], x5 * 100, 1);
    assert_near(g->geom_y_cm[g->geom_first[a]], y5 * 100, 1);
    /* primary 4-7 with maxspeed=30: 27 km/h both ways */
    a = arc(g, n[4], n[7], 0);
    assert_int_not_equal(a, UINT32_MAX);
    assert_int_not_equal(arc(g, n[7], n[4], 0), UINT32_MAX);
    assert_int_equal(g->time_ds[a], (uint32_t)nearbyint(geod(4, 7) / (27 / 3.6) * 10));
    /* tertiary oneway=-1 from 3 to 7: travelled 7 -> 3 only, 55 km/h */
    a = arc(g, n[7], n[3], 0);
    assert_int_not_equal(a, UINT32_MAX);
    assert_int_equal(arc(g, n[3], n[7], 0), UINT32_MAX);
    assert_int_equal(g->time_ds[a], (uint32_t)nearbyint(geod(3, 7) / (55 / 3.6) * 10));
    /* roundabout 7 -> 8 -> 9 -> 4 */
    assert_int_not_equal(arc(g, n[7], n[4], 2), UINT32_MAX);
    assert_int_equal(arc(g, n[4], n[7], 2), UINT32_MAX);
    /* road length: every way once */
    double road = geod(1, 2) + geod(2, 3) + geod(3, 4) + len + geod(4, 7) + geod(3, 7) +
                  geod(7, 8) + geod(8, 9) + geod(9, 4);
    assert_near(ga_graph_length_km(g), road / 1000, 1e-4);
    ga_graph_free(g);
}

static void test_tiny_osm_walk_and_auto_crs(void **state) {
    ga_ctx *ctx = *state;
    ga_graph_options o = {.profile = "walk", .crs = "auto"};
    ga_graph *g = NULL;
    assert_ok(ctx, ga_graph_build_osm(ctx, test_path("fixtures/graph/synthetic_tiny.osm"), &o, &g,
                                      NULL));
    assert_string_equal(g->crs, "EPSG:2154"); /* Montpellier */
    assert_string_equal(g->profile, "walk");
    /* 13, 14, 2, 3, 4, 7 kept; 1 (footway + street) contracted; every arc two-way */
    assert_int_equal(g->n_nodes, 6);
    assert_int_equal(g->n_arcs, 16);
    for (uint32_t u = 0; u < g->n_nodes; u++)
        for (uint32_t a = g->first_out[u]; a < g->first_out[u + 1]; a++) {
            uint32_t v = g->head[a], back = 0;
            for (uint32_t b = g->first_out[v]; b < g->first_out[v + 1]; b++)
                back += g->head[b] == u && g->dist_dm[b] == g->dist_dm[a];
            assert_true(back >= 1);
            /* 5 km/h everywhere: time = length / (5 / 3.6) */
            assert_near(g->time_ds[a], g->dist_dm[a] / 10.0 / (5 / 3.6) * 10, 1);
        }
    uint32_t n13 = node_of(ctx, g, 13), n2 = node_of(ctx, g, 2), n1 = node_of(ctx, g, 1);
    assert_int_equal(n1, GA_NODE_NONE);
    assert_int_not_equal(arc(g, n13, n2, 1), UINT32_MAX);
    ga_ctx_clear_warnings(ctx);
    ga_graph_free(g);
}

static void test_osm_errors(void **state) {
    ga_ctx *ctx = *state;
    ga_graph *g = NULL;
    assert_status(ctx, ga_graph_build_osm(ctx, "no/such/file.osm.pbf", NULL, &g, NULL), GA_ERR_IO);
    assert_error_mentions(ctx, "no/such/file.osm.pbf");
    ga_graph_options o = {.profile = "no/such/profile.ini"};
    assert_status(ctx, ga_graph_build_osm(ctx, test_path("fixtures/graph/synthetic_tiny.osm"), &o,
                                          &g, NULL),
                  GA_ERR_IO);
    assert_error_mentions(ctx, "no/such/profile.ini");
    ga_graph_options geo = {.crs = "EPSG:4326"};
    assert_status(ctx, ga_graph_build_osm(ctx, test_path("fixtures/graph/synthetic_tiny.osm"), &geo,
                                          &g, NULL),
                  GA_ERR_CRS);
    assert_error_mentions(ctx, "not a projected");
    assert_null(g);
}

/* The built-in profiles are the files of geodata/profiles/, and the
 * Montpellier profile parses into the documented mapping. */
static void test_profile_files(void **state) {
    ga_ctx *ctx = *state;
    const char *root = getenv("GA_SOURCE_ROOT");
    assert_non_null(root);
    const char *names[] = {"car", "walk"};
    for (int i = 0; i < 2; i++) {
        char *path = g_strdup_printf("%s/geodata/profiles/%s.ini", root, names[i]);
        char *text = NULL;
        assert_true(g_file_get_contents(path, &text, NULL, NULL));
        assert_string_equal(text, ga_profile_builtin_text(names[i]));
        g_free(text);
        g_free(path);
    }
    char *path = g_strdup_printf("%s/geodata/profiles/montpellier.ini", root);
    ga_profile *p = NULL;
    assert_ok(ctx, ga_profile_load(ctx, path, &p));
    assert_string_equal(p->name, "car-montpellier");
    assert_non_null(p->mapping);
    assert_string_equal(p->mapping->class_field, "OCCUPATION");
    assert_string_equal(g_hash_table_lookup(p->mapping->classes, "pieton"), "pedestrian");
    assert_int_equal(GPOINTER_TO_INT(g_hash_table_lookup(p->mapping->directions, "sens unique")) - 1,
                     GA_DIR_FORWARD);
    assert_near(ga_profile_speed(p, "urban"), 30, 0);
    assert_near(ga_profile_speed(p, "pedestrian"), 0, 0);
    ga_profile_free(p);
    g_free(path);
    /* errors name the file, the group and the key */
    const char *bad = "[profile]\nname=x\n[speeds]\nprimary=fast\n";
    assert_status(ctx, ga_profile_parse(ctx, bad, strlen(bad), "bad.ini", &p), GA_ERR_VALUE);
    assert_error_mentions(ctx, "bad.ini: group [speeds]: key 'primary'");
    const char *bad2 = "[profile]\nname=x\nmode=bike\n[speeds]\nprimary=20\n";
    assert_status(ctx, ga_profile_parse(ctx, bad2, strlen(bad2), "bad2.ini", &p), GA_ERR_VALUE);
    assert_error_mentions(ctx, "key 'mode'");
    const char *bad3 = "[profile]\nmode=car\n";
    assert_status(ctx, ga_profile_parse(ctx, bad3, strlen(bad3), "bad3.ini", &p), GA_ERR_FIELD);
    assert_error_mentions(ctx, "bad3.ini: group [profile]: key 'name'");
}

static int setup(void **state) {
    ga_ctx *ctx = ga_ctx_new();
    if (!ctx) return -1;
    if (ga_profile_load(ctx, "car", &car) || ga_profile_load(ctx, "walk", &walk)) return -1;
    *state = ctx;
    return 0;
}
static int teardown(void **state) {
    ga_profile_free(car);
    ga_profile_free(walk);
    ga_ctx_free(*state);
    return 0;
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_maxspeed_values),
        cmocka_unit_test(test_oneway_variants),
        cmocka_unit_test(test_access_and_classes),
        cmocka_unit_test(test_speeds_from_maxspeed),
        cmocka_unit_test(test_auto_crs),
        cmocka_unit_test(test_tiny_osm_car),
        cmocka_unit_test(test_tiny_osm_walk_and_auto_crs),
        cmocka_unit_test(test_osm_errors),
        cmocka_unit_test(test_profile_files),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
