/* Catchments on hand-made networks: areas computed by hand, thresholds
 * inclusive, nesting, one-way loops, circles of the straight-line model,
 * population covered, writers, and identical results whatever the threads. */
#include "plan_fixtures.h"
#include "core/internal.h"
#include "graph/builder.h"
#include "route/reach.h"
#include "measure/catchment.h"

static const ga_graph_build_options raw = {.keep_all_components = true,
                                           .no_contraction = true,
                                           .no_renumbering = true};

/* Area of a GEOS buffer disc of radius r with q segments per quadrant. */
static double disc(double r, int q) {
    int n = 4 * q;
    return n / 2.0 * r * r * sin(2 * G_PI / n);
}

/* A(0,0) - B(1000,0) - C(2000,0) - D(3000,0), two-way, 60 s per km. */
static ga_graph *line_network(ga_ctx *ctx) {
    ga_graph_builder *b = ga_graph_builder_new("EPSG:2154", "test");
    uint32_t v[4];
    for (int k = 0; k < 4; k++) v[k] = ga_graph_builder_add_node(b, PX0 + 1000.0 * k, PY0);
    for (int k = 0; k < 3; k++) ga_graph_builder_add_edge(b, v[k], v[k + 1], 60, -1, false, NULL, 0);
    ga_graph *g = NULL;
    assert_ok(ctx, ga_graph_builder_finish(ctx, b, &raw, &g));
    ga_graph_builder_free(b);
    return g;
}

/* The one-way loop of tests/test_route_road_model.c: A(0,0) <-> B(1000,0) 100 s;
 * B -> C(2000,0) -> D(2000,1000) -> B one-way: 100 s, 100 s, 150 s. */
static ga_graph *loop_network(ga_ctx *ctx) {
    ga_graph_builder *b = ga_graph_builder_new("EPSG:2154", "test");
    uint32_t A = ga_graph_builder_add_node(b, PX0, PY0);
    uint32_t B = ga_graph_builder_add_node(b, PX0 + 1000, PY0);
    uint32_t C = ga_graph_builder_add_node(b, PX0 + 2000, PY0);
    uint32_t D = ga_graph_builder_add_node(b, PX0 + 2000, PY0 + 1000);
    ga_graph_builder_add_edge(b, A, B, 100, -1, false, NULL, 0);
    ga_graph_builder_add_edge(b, B, C, 100, -1, true, NULL, 0);
    ga_graph_builder_add_edge(b, C, D, 100, -1, true, NULL, 0);
    ga_graph_builder_add_edge(b, D, B, 150, -1, true, NULL, 0);
    ga_graph *g = NULL;
    assert_ok(ctx, ga_graph_builder_finish(ctx, b, &raw, &g));
    ga_graph_builder_free(b);
    return g;
}

/* A random grid network (n x n, 200 m spacing), some one-way streets. */
static ga_graph *grid_network(ga_ctx *ctx, int n, uint32_t seed) {
    GRand *rnd = g_rand_new_with_seed(seed);
    ga_graph_builder *b = ga_graph_builder_new("EPSG:2154", "test");
    for (int j = 0; j < n; j++)
        for (int i = 0; i < n; i++)
            ga_graph_builder_add_node(b, PX0 + 200.0 * i + g_rand_double_range(rnd, -40, 40),
                                      PY0 + 200.0 * j + g_rand_double_range(rnd, -40, 40));
    for (int j = 0; j < n; j++)
        for (int i = 0; i < n; i++) {
            uint32_t u = (uint32_t)(j * n + i);
            if (i + 1 < n)
                ga_graph_builder_add_edge(b, u, u + 1, g_rand_double_range(rnd, 10, 60), -1,
                                          g_rand_int_range(rnd, 0, 5) == 0, NULL, 0);
            if (j + 1 < n)
                ga_graph_builder_add_edge(b, u, u + (uint32_t)n, g_rand_double_range(rnd, 10, 60), -1,
                                          g_rand_int_range(rnd, 0, 5) == 0, NULL, 0);
        }
    ga_graph *g = NULL;
    ga_graph_build_options o = {.keep_all_components = false, .no_contraction = false};
    assert_ok(ctx, ga_graph_builder_finish(ctx, b, &o, &g));
    ga_graph_builder_free(b);
    g_rand_free(rnd);
    return g;
}

static ga_router *router_for(ga_ctx *ctx, const ga_graph *g) {
    ga_road_options o;
    ga_road_options_init(&o);
    o.access_speed_kmh = 6; /* 100 m per minute */
    o.threads = 1;
    ga_router *r = NULL;
    assert_ok(ctx, ga_router_new(ctx, g, &o, &r));
    return r;
}

static ga_cost_model *model_for(ga_ctx *ctx, const ga_graph *g) {
    ga_road_options o;
    ga_road_options_init(&o);
    o.access_speed_kmh = 6;
    o.threads = 1;
    ga_cost_model *m = NULL;
    assert_ok(ctx, ga_road_model_new(ctx, g, &o, &m));
    return m;
}

static ga_points *one_point(const char *id, double x, double y) {
    ga_points *p = ga_points_new();
    ga_points_add(p, id, PX0 + x, PY0 + y, "test", 1);
    return p;
}

/* A facility at A on the line: the catchment at T minutes is the first T km
 * of road, a band of 2 x 50 m with round ends (a disc in all). */
static void test_line_areas_and_inclusive_population(void **state) {
    ga_ctx *ctx = *state;
    ga_graph *g = line_network(ctx);
    ga_router *r = router_for(ctx, g);
    ga_points *f = one_point("F", 0, 0);
    ga_catchment_options o;
    ga_catchment_options_init(&o);
    o.buffer_m = 50;
    o.quadrant_segments = 8;
    const double thr[] = {1.5, 0.5, 1, 2, 2.5, 4};
    ga_catchments *c = NULL;
    assert_ok(ctx, ga_catchments_road(ctx, r, f, thr, 6, &o, &c));
    assert_int_equal(ga_catchments_count(c), 6);
    const double sorted[] = {0.5, 1, 1.5, 2, 2.5, 4};
    for (size_t k = 0; k < 6; k++) {
        assert_near(ga_catchments_threshold(c, k), sorted[k], 0);
        double km = MIN(sorted[k], 3.0);
        assert_near(ga_catchments_area(c, k), km * 1000 * 100 + disc(50, 8), 1e-6 * km * 1e5);
        assert_true(ga_catchments_valid(ctx, c, k));
    }
    /* nodes reached: A at 0.5 and 1 minute-inclusive B */
    assert_int_equal(ga_catchments_nodes(c, 0), 1);
    assert_int_equal(ga_catchments_nodes(c, 1), 2);
    assert_int_equal(ga_catchments_nodes(c, 3), 3);
    /* the end of the reached road is inside, 1 m further is not */
    assert_true(ga_catchments_covers(ctx, c, 2, PX0 + 1500 + 50, PY0));
    assert_false(ga_catchments_covers(ctx, c, 2, PX0 + 1500 + 51, PY0));

    /* communes: C0 [0,1000] point at 0.5 min, C1 [1000,2000] point at
     * 1.5 min, C2 [2000,3000] point at exactly 2 min; 400 m tall */
    const double pop[] = {10, 100, 1000}, px[] = {500, 1500, 2000}, py[] = {0, 0, 0};
    plan_communes pc;
    plan_communes_make(ctx, &pc, 3, 1000, 400, pop, px, py);
    ga_cost_model *m = model_for(ctx, g);
    double pp[6], pa[6];
    assert_ok(ctx, ga_catchments_population(ctx, c, m, f, pc.c, pop, pp, pa));
    /* inclusive: a commune exactly at the threshold is covered */
    assert_near(pp[0], 10, 0);     /* 0.5: C0 exactly */
    assert_near(pp[1], 10, 0);     /* 1 */
    assert_near(pp[2], 110, 0);    /* 1.5: C1 exactly */
    assert_near(pp[3], 1110, 0);   /* 2: C2 exactly */
    assert_near(pp[5], 1110, 0);
    /* by area: the band is 100 m of the 400 m height: a quarter of each
     * commune fully passed; at 2 min C2 holds the 50 m cap beyond 2000 */
    assert_near(pa[1], 10.0 / 4 + 100.0 * (disc(50, 8) / 2) / 400000, 1e-6);
    assert_near(pa[3], 10.0 / 4 + 100.0 / 4 + 1000.0 * (disc(50, 8) / 2) / 400000, 1e-6);
    assert_near(pa[5], (10.0 + 100 + 1000) / 4, 1e-9);
    ga_cost_model_free(m);
    plan_communes_cleanup(&pc);
    ga_catchments_free(c);
    ga_points_free(f);
    ga_router_free(r);
    ga_graph_free(g);
}

/* A facility in the middle of the one-way arc B -> C of the loop. */
static void test_one_way_loop(void **state) {
    ga_ctx *ctx = *state;
    ga_graph *g = loop_network(ctx);
    ga_router *r = router_for(ctx, g);
    ga_points *f = one_point("F", 1500, 0);
    ga_catchment_options o;
    ga_catchment_options_init(&o);
    o.buffer_m = 10;
    const double thr[] = {0.5, 6};
    ga_catchments *to = NULL, *from = NULL;
    assert_ok(ctx, ga_catchments_road(ctx, r, f, thr, 2, &o, &to));
    o.from_facility = true;
    assert_ok(ctx, ga_catchments_road(ctx, r, f, thr, 2, &o, &from));
    /* 30 s on a 100 s arc of 1000 m: 300 m. To reach F one comes from
     * upstream (1250: 25 s); from 1750 one goes round the loop (325 s) */
    assert_true(ga_catchments_covers(ctx, to, 0, PX0 + 1250, PY0));
    assert_true(ga_catchments_covers(ctx, to, 0, PX0 + 1200, PY0));
    assert_false(ga_catchments_covers(ctx, to, 0, PX0 + 1750, PY0));
    assert_false(ga_catchments_covers(ctx, to, 0, PX0 + 1150, PY0));
    /* leaving F one goes downstream only */
    assert_true(ga_catchments_covers(ctx, from, 0, PX0 + 1750, PY0));
    assert_true(ga_catchments_covers(ctx, from, 0, PX0 + 1800, PY0));
    assert_false(ga_catchments_covers(ctx, from, 0, PX0 + 1250, PY0));
    /* 6 minutes: 360 s is more than the loop (350 s): the whole loop and
     * A-B either way */
    for (size_t k = 0; k < 2; k++) {
        ga_catchments *c = k ? from : to;
        assert_true(ga_catchments_covers(ctx, c, 1, PX0 + 2000, PY0 + 500));
        assert_true(ga_catchments_covers(ctx, c, 1, PX0 + 1750, PY0));
        assert_true(ga_catchments_covers(ctx, c, 1, PX0 + 1250, PY0));
        assert_true(ga_catchments_valid(ctx, c, 1));
    }
    /* to F: the points reached agree with the router's table */
    ga_cost_model *m = model_for(ctx, g);
    ga_points *probe = ga_points_new();
    for (int k = 0; k <= 20; k++) ga_points_add(probe, "p", PX0 + 100.0 * k, PY0, NULL, 1);
    ga_od *od = NULL;
    assert_ok(ctx, ga_cost_model_table(m, ctx, probe, f, GA_METRIC_TIME, 0, &od));
    for (int k = 0; k <= 20; k++) {
        double cost;
        bool reach = ga_od_lookup(od, (size_t)k, 0, &cost) && cost <= 0.5;
        double x, y;
        ga_points_xy(probe, (size_t)k, &x, &y);
        if (reach) assert_true(ga_catchments_covers(ctx, to, 0, x, y));
        else if (k != 12) assert_false(ga_catchments_covers(ctx, to, 0, x + 1e-6, y)); /* 1200: exactly 0.5, edge */
    }
    ga_od_free(od);
    ga_points_free(probe);
    ga_cost_model_free(m);
    ga_catchments_free(to);
    ga_catchments_free(from);
    ga_points_free(f);
    ga_router_free(r);
    ga_graph_free(g);
}

/* Random networks: a catchment never shrinks when the threshold grows. */
static void test_nested_never_shrinks(void **state) {
    ga_ctx *ctx = *state;
    for (uint32_t seed = 1; seed <= 4; seed++) {
        ga_graph *g = grid_network(ctx, 25, seed);
        ga_router *r = router_for(ctx, g);
        ga_points *f = ga_points_new();
        GRand *rnd = g_rand_new_with_seed(seed * 7);
        for (int k = 0; k < 5; k++)
            ga_points_add(f, "F", PX0 + g_rand_double_range(rnd, 0, 4800), PY0 + g_rand_double_range(rnd, 0, 4800),
                          NULL, 1);
        g_rand_free(rnd);
        const double thr[] = {0.5, 1, 1.5, 2, 3, 4, 6, 8};
        ga_catchments *c = NULL;
        assert_ok(ctx, ga_catchments_road(ctx, r, f, thr, 8, NULL, &c));
        for (size_t i = 0; i < ga_catchments_count(c); i++) {
            assert_true(ga_catchments_valid(ctx, c, i));
            if (i % 8 == 0) continue;
            assert_true(ga_catchments_area(c, i) >= ga_catchments_area(c, i - 1));
            assert_true(ga_catchments_nodes(c, i) >= ga_catchments_nodes(c, i - 1));
            /* up to the noise of the difference operation itself */
            assert_near(ga_catchments_area_outside(ctx, c, i - 1, i), 0, 1e-9 * ga_catchments_area(c, i));
        }
        ga_catchments_free(c);
        ga_points_free(f);
        ga_router_free(r);
        ga_graph_free(g);
    }
}

static void test_threads_identical(void **state) {
    ga_ctx *ctx = *state;
    ga_graph *g = grid_network(ctx, 30, 11);
    ga_router *r = router_for(ctx, g);
    ga_points *f = ga_points_new();
    for (int k = 0; k < 24; k++) ga_points_add(f, "F", PX0 + 237.0 * k, PY0 + 191.0 * k, NULL, 1);
    const double thr[] = {2, 5};
    ga_catchment_options o;
    ga_catchment_options_init(&o);
    ga_catchments *a = NULL, *b = NULL;
    o.threads = 1;
    assert_ok(ctx, ga_catchments_road(ctx, r, f, thr, 2, &o, &a));
    o.threads = 4;
    assert_ok(ctx, ga_catchments_road(ctx, r, f, thr, 2, &o, &b));
    for (size_t i = 0; i < ga_catchments_count(a); i++) {
        assert_true(ga_catchments_area(a, i) == ga_catchments_area(b, i));
        assert_int_equal(ga_catchments_nodes(a, i), ga_catchments_nodes(b, i));
    }
    ga_catchments_free(a);
    ga_catchments_free(b);
    ga_points_free(f);
    ga_router_free(r);
    ga_graph_free(g);
}

static void test_unreachable_facility(void **state) {
    ga_ctx *ctx = *state;
    ga_graph *g = line_network(ctx);
    ga_router *r = router_for(ctx, g);
    ga_points *f = one_point("far-away", 500, 5000);
    const double thr[] = {5};
    ga_catchments *c = NULL;
    assert_status(ctx, ga_catchments_road(ctx, r, f, thr, 1, NULL, &c), GA_ERR_UNREACHABLE);
    assert_null(c);
    assert_error_mentions(ctx, "far-away");
    const double bad[] = {5, -1};
    assert_status(ctx, ga_catchments_road(ctx, r, f, bad, 2, NULL, &c), GA_ERR_ARG);
    ga_points_free(f);
    ga_router_free(r);
    ga_graph_free(g);
}

/* The straight-line model: circles of radius T x speed / detour. */
static void test_circles(void **state) {
    ga_ctx *ctx = *state;
    ga_cost_model *m = NULL;
    assert_ok(ctx, ga_straight_model_new(ctx, 1.3, 60, &m));
    double radius;
    assert_ok(ctx, ga_cost_model_radius(ctx, m, GA_METRIC_TIME, 30, &radius));
    assert_near(radius, 30000 / 1.3, 1e-6);
    assert_ok(ctx, ga_cost_model_radius(ctx, m, GA_METRIC_DISTANCE, 5000, &radius));
    assert_near(radius, 5000, 1e-9);
    ga_points *f = one_point("F", 0, 0);
    const double thr[] = {5000, 2000};
    ga_catchments *c = NULL;
    assert_ok(ctx, ga_catchments_circles(ctx, f, thr, NULL, 2, NULL, &c));
    assert_near(ga_catchments_threshold(c, 0), 2000, 0);
    assert_near(ga_catchments_area(c, 1), disc(5000, 16), 1e-3);
    assert_true(ga_catchments_covers(ctx, c, 1, PX0 + 4999, PY0));
    assert_false(ga_catchments_covers(ctx, c, 0, PX0 + 2001, PY0));
    ga_catchments_free(c);
    /* a road model is not linear in distance */
    ga_graph *g = line_network(ctx);
    ga_cost_model *road = model_for(ctx, g);
    assert_status(ctx, ga_cost_model_radius(ctx, road, GA_METRIC_TIME, 30, &radius), GA_ERR_ARG);
    assert_error_mentions(ctx, "road");
    ga_cost_model_free(road);
    ga_graph_free(g);
    ga_cost_model_free(m);
    ga_points_free(f);
}

/* Clipped to the land (issue 12): a 5 km circle at the north-east corner
 * (20, 20) km of the SYNTHETIC 2 x 2 grid of 10 km squares, whose ring
 * covers x 20..30 km, y 0..30 km: the north-west quarter is sea, the
 * south-west one is the study area; the 64-gon's quarters are equal (its
 * vertices are on the axes), so 3/4 and 1/4 of disc(5000, 16). */
static void test_clip_to_land(void **state) {
    ga_ctx *ctx = *state;
    ga_communes *grid = NULL, *ring = NULL;
    assert_ok(ctx, ga_communes_read(ctx, shp_fixture("synthetic_grid/communes.shp"), NULL, &grid));
    assert_ok(ctx, ga_communes_read(ctx, shp_fixture("synthetic_ring/communes.shp"), NULL, &ring));
    ga_points *f = ga_points_new();
    ga_points_add(f, "C", 790000, 6300000, "test", 1);
    const double thr[] = {5000};
    ga_catchments *c = NULL;
    assert_ok(ctx, ga_catchments_circles(ctx, f, thr, NULL, 1, NULL, &c));
    assert_true(isnan(ga_catchments_area_study(c, 0))); /* not clipped yet */
    assert_near(ga_catchments_area(c, 0), disc(5000, 16), 1e-3);
    assert_ok(ctx, ga_catchments_clip(ctx, c, grid, ring));
    assert_near(ga_catchments_area(c, 0), 0.75 * disc(5000, 16), 1e-3);
    assert_near(ga_catchments_area_study(c, 0), 0.25 * disc(5000, 16), 1e-3);
    assert_true(ga_catchments_valid(ctx, c, 0));
    assert_false(ga_catchments_covers(ctx, c, 0, 788000, 6302000)); /* at sea, north-west */
    assert_true(ga_catchments_covers(ctx, c, 0, 792000, 6302000));  /* the ring, north-east */
    /* without a ring the land is the study area: a quarter */
    ga_catchments_free(c);
    assert_ok(ctx, ga_catchments_circles(ctx, f, thr, NULL, 1, NULL, &c));
    assert_ok(ctx, ga_catchments_clip(ctx, c, grid, NULL));
    assert_near(ga_catchments_area(c, 0), 0.25 * disc(5000, 16), 1e-3);
    assert_near(ga_catchments_area_study(c, 0), 0.25 * disc(5000, 16), 1e-3);
    ga_catchments_free(c);
    ga_points_free(f);
    ga_communes_free(grid);
    ga_communes_free(ring);
}

/* The summary per threshold: unsorted thresholds come out ascending, with
 * the polygons at each and the people whose nearest facility is within. */
static void test_summarise(void **state) {
    ga_ctx *ctx = *state;
    ga_points *f = ga_points_new();
    ga_points_add(f, "F1", PX0, PY0, "test", 1);
    ga_points_add(f, "F2", PX0 + 20000, PY0, "test", 1);
    const double thr[] = {5000, 2000};
    ga_catchments *c = NULL;
    assert_ok(ctx, ga_catchments_circles(ctx, f, thr, NULL, 2, NULL, &c));
    const double near[] = {1000, 2000, 3000, NAN}, pop[] = {10, 20, 40, 80};
    ga_catchment_summary s[2];
    ga_catchments_summarise(c, thr, 2, 1, near, pop, 4, s);
    assert_near(s[0].threshold, 2000, 0);
    assert_int_equal(s[0].polygons, 2);
    assert_near(s[0].median_km2, disc(2000, 16) / 1e6, 1e-9);
    assert_near(s[0].people, 30, 0); /* 2000 is within 2000 (inclusive) */
    assert_near(s[0].total, 70, 0);  /* the unknown commune is out of the base */
    assert_int_equal(s[0].unknown, 1);
    assert_near(s[0].unknown_people, 80, 0);
    assert_near(s[1].threshold, 5000, 0);
    assert_near(s[1].people, 70, 0);
    assert_near(s[1].median_km2, disc(5000, 16) / 1e6, 1e-9);
    /* thresholds in km against costs in metres */
    const double km[] = {5, 2};
    ga_catchments_summarise(c, km, 2, 1000, near, pop, 4, s);
    assert_near(s[0].threshold, 2, 0);
    assert_near(s[0].people, 30, 0);
    ga_catchments_free(c);
    ga_points_free(f);
}

static void test_writers(void **state) {
    ga_ctx *ctx = *state;
    ga_graph *g = line_network(ctx);
    ga_router *r = router_for(ctx, g);
    ga_points *f = one_point("F-1", 0, 0);
    const double thr[] = {1, 2};
    ga_catchments *c = NULL;
    assert_ok(ctx, ga_catchments_road(ctx, r, f, thr, 2, NULL, &c));
    char *dir = test_tmpdir("catch");
    char *shp = g_build_filename(dir, "c.shp", NULL), *json = g_build_filename(dir, "c.geojson", NULL);
    const double pp[] = {1, 2};
    assert_ok(ctx, ga_catchments_write_shp(ctx, c, f, pp, NULL, shp));
    assert_ok(ctx, ga_catchments_write_geojson(ctx, c, f, pp, NULL, json));
    SHPHandle h = SHPOpen(shp, "rb");
    assert_non_null(h);
    int n = 0, type = 0;
    SHPGetInfo(h, &n, &type, NULL, NULL);
    assert_int_equal(n, 2);
    assert_int_equal(type, SHPT_POLYGON);
    SHPClose(h);
    char *dbfp = g_build_filename(dir, "c.dbf", NULL);
    DBFHandle d = DBFOpen(dbfp, "rb");
    assert_non_null(d);
    assert_string_equal(DBFReadStringAttribute(d, 1, DBFGetFieldIndex(d, "facility")), "F-1");
    assert_near(DBFReadDoubleAttribute(d, 1, DBFGetFieldIndex(d, "threshold")), 2, 0);
    assert_near(DBFReadDoubleAttribute(d, 1, DBFGetFieldIndex(d, "pop_pts")), 2, 0);
    DBFClose(d);
    char *text = NULL;
    assert_true(g_file_get_contents(json, &text, NULL, NULL));
    assert_non_null(strstr(text, "\"facility\":\"F-1\""));
    assert_non_null(strstr(text, "\"threshold\":2.000"));
    assert_non_null(strstr(text, "\"type\":\"MultiPolygon\""));
    /* Lambert-93 (700000, 6600000) is longitude 3, latitude 46.5 */
    assert_non_null(strstr(text, "[[[[2.99"));
    assert_non_null(strstr(text, ",46.5"));
    g_free(text);
    const char *exts[] = {"shp", "shx", "dbf", "prj", "cpg", "geojson"};
    for (size_t k = 0; k < 6; k++) {
        char *p = g_strdup_printf("%s/c.%s", dir, exts[k]);
        assert_int_equal(g_unlink(p), 0);
        g_free(p);
    }
    assert_int_equal(g_rmdir(dir), 0); /* nothing else (no temporary) left */
    g_free(dbfp);
    g_free(shp);
    g_free(json);
    g_free(dir);
    ga_catchments_free(c);
    ga_points_free(f);
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
        cmocka_unit_test(test_line_areas_and_inclusive_population),
        cmocka_unit_test(test_one_way_loop),
        cmocka_unit_test(test_nested_never_shrinks),
        cmocka_unit_test(test_threads_identical),
        cmocka_unit_test(test_unreachable_facility),
        cmocka_unit_test(test_circles),
        cmocka_unit_test(test_summarise),
        cmocka_unit_test(test_clip_to_land),
        cmocka_unit_test(test_writers),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
