/* The ring of neighbouring communes around the embedded default (issue 9,
 * section 1), on a SYNTHETIC data folder written here: one study commune A
 * and two ring communes B and C on a line, 1 km squares whose centres are
 * 5 km (B) and 14 km (C) east of A's. */
#include "layer/points.h"
#include "test_util.h"
#include <glib.h>
#include <glib/gstdio.h>
#include <shapefil.h>
#include "geoaccess.h"
#include "core/internal.h"
#include "study/ring.h"
#include "load/load.h"
#include "graph/builder.h"

static const double X0 = 700000, Y0 = 6280000;

typedef struct {
    ga_ctx *ctx;
    char *dir;
    ga_communes *study;
} fixture;

static void write_squares(const char *base, const char *const *codes, const double *dx, int n) {
    SHPHandle shp = SHPCreate(base, SHPT_POLYGON);
    DBFHandle dbf = DBFCreate(base);
    assert_non_null(shp);
    assert_non_null(dbf);
    int f = DBFAddField(dbf, "insee", FTString, 5, 0);
    for (int i = 0; i < n; i++) {
        double x0 = X0 + dx[i] - 500, y0 = Y0 - 500;
        double x[5] = {x0, x0, x0 + 1000, x0 + 1000, x0}, y[5] = {y0, y0 + 1000, y0 + 1000, y0, y0};
        SHPObject *o = SHPCreateSimpleObject(SHPT_POLYGON, 5, x, y, NULL);
        SHPWriteObject(shp, -1, o);
        SHPDestroyObject(o);
        DBFWriteStringAttribute(dbf, i, f, codes[i]);
    }
    SHPClose(shp);
    DBFClose(dbf);
    /* Lambert-93 */
    PJ_CONTEXT *pc = proj_context_create();
    PJ *crs = proj_create(pc, "EPSG:2154");
    const char *wkt = proj_as_wkt(pc, crs, PJ_WKT1_ESRI, NULL);
    g_autofree char *prj = g_strconcat(base, ".prj", NULL);
    assert_true(g_file_set_contents(prj, wkt, -1, NULL));
    proj_destroy(crs);
    proj_context_destroy(pc);
}

static int setup(void **state) {
    fixture *f = g_new0(fixture, 1);
    f->ctx = ga_ctx_new();
    f->dir = test_tmpdir("ring");
    g_autofree char *ring = g_build_filename(f->dir, "ring", NULL);
    g_mkdir(ring, 0755);
    const char *study_codes[] = {"34001"}, *ring_codes[] = {"11001", "11002"};
    const double study_dx[] = {0}, ring_dx[] = {5000, 14000};
    g_autofree char *sb = g_build_filename(f->dir, "study", NULL);
    g_autofree char *rb = g_build_filename(ring, "communes_ring34_cog2024", NULL);
    write_squares(sb, study_codes, study_dx, 1);
    write_squares(rb, ring_codes, ring_dx, 2);
    test_put(ring, "ring.ini", "[ring]\nminutes=60\ndetour=1.3\nspeed_kmh=60\nwidth_km=46.154\n");
    test_put(ring, "population_ring34_drees_apl2023.csv",
        "insee_code,name,apl_mg_2023,apl_mg_u65_2023,pop_std_2021,pop_tot_2021\n"
        "11001,B,1,1,800,790\n11002,C,1,1,600,610\n");
    test_put(ring, "bpe2019_health_ring34_by_iris.csv",
        "REG,DEP,DEPCOM,DCIRIS,AN,TYPEQU,NB_EQUIP,insee_cog2024\n"
        "76,11,11002,11002,2019,D201,1,11002\n76,11,11001,11001,2019,D107,1,11001\n");
    /* a hospital inside B (by its coordinates) */
    g_autofree char *h = g_strdup_printf("id,hospital_name,facility_type,x_l93,y_l93\nH1,CH B,CH,%.1f,%.1f\n",
                                         X0 + 5200, Y0 + 100);
    test_put(ring, "hospitals_ring34_finess2020.csv", h);
    g_autofree char *sp = g_strconcat(sb, ".shp", NULL);
    if (ga_communes_read(f->ctx, sp, NULL, &f->study)) return -1;
    *state = f;
    return 0;
}

static int teardown(void **state) {
    fixture *f = *state;
    ga_communes_free(f->study);
    ga_ctx_free(f->ctx);
    test_rm_rf(f->dir);
    g_free(f->dir);
    g_free(f);
    return 0;
}

static void test_load_and_facilities(void **state) {
    fixture *f = *state;
    ga_ring *r = NULL;
    assert_ok(f->ctx, ga_ring_load(f->ctx, f->dir, &r));
    assert_non_null(r);
    assert_int_equal(ga_communes_count(r->communes), 2);
    assert_near(r->pop_std[0], 800, 0);
    assert_near(r->pop[1], 610, 0);
    /* a folder without ring/ has no ring, and no error */
    ga_ring *none = NULL;
    assert_ok(f->ctx, ga_ring_load(f->ctx, "/nonexistent-ring-folder", &none));
    assert_null(none);
    /* facilities: commune indices after the study's (offset 1) */
    ga_plan_type gp = {"gp", "D201", "general practitioner", false}, hosp = {"hosp", NULL, "hospital", false};
    ga_points *p = NULL;
    assert_ok(f->ctx, ga_ring_facilities(f->ctx, r, &gp, 1, &p));
    assert_int_equal(ga_points_count(p), 1);
    assert_int_equal(ga_points_commune(p, 0), 2);
    assert_string_equal(ga_ring_commune_id(f->study, r, 2), "11002");
    assert_string_equal(ga_ring_commune_id(f->study, r, 0), "34001");
    double x, y;
    ga_points_xy(p, 0, &x, &y);
    assert_near(x, X0 + 14000, 1e-6);
    ga_points_free(p);
    assert_ok(f->ctx, ga_ring_facilities(f->ctx, r, &hosp, 1, &p));
    assert_int_equal(ga_points_count(p), 1);
    assert_int_equal(ga_points_commune(p, 0), 1);
    ga_points_free(p);
    ga_ring_free(r);
}

/* The APL of A with the ring, by hand (DREES bands 1 under 10 min, 2/3 to
 * 15, 1/3 to 20; straight line x 1.3 at 60 km/h: A-B 6.5 min, B-C 11.7,
 * A-C 18.2). A: 1 GP, std pop 1000; B: 800, no GP; C: 600, 1 GP.
 *   R_A = 5400 / (1000 + 800 + 600/3)          = 2.7
 *   R_C = 5400 / (600 + 800 x 2/3 + 1000/3)    = 3.68181818...
 *   APL_A = R_A + R_C / 3                       = 3.92727272...
 * Without the ring: 5400 / 1000 = 5.4. */
static void test_apl_with_ring(void **state) {
    fixture *f = *state;
    ga_ring *r = NULL;
    assert_ok(f->ctx, ga_ring_load(f->ctx, f->dir, &r));
    ga_cost_model *m = NULL;
    assert_ok(f->ctx, ga_straight_model_new(f->ctx, 1.3, 60, &m));
    double pop_std[1] = {1000}, pop[1] = {990}, supply[3] = {5400, 0, 5400}, apl[1];
    assert_ok(f->ctx, ga_ring_apl(f->ctx, m, f->study, pop_std, pop, r, supply, apl, NULL));
    double ra = 5400.0 / (1000 + 800 + 600.0 / 3), rc = 5400.0 / (600 + 800 * 2.0 / 3 + 1000.0 / 3);
    assert_near(apl[0], ra + rc / 3, 1e-9);
    assert_near(apl[0], 3.9272727272727, 1e-9);
    ga_apl_summary s;
    ga_apl_summarise(1, apl, pop_std, pop, NULL, 4.0, &s);
    assert_near(s.mean_apl, apl[0], 1e-12);
    assert_int_equal(s.communes_under, 1);
    assert_near(s.population_under, 990, 0);
    ga_cost_model_free(m);
    ga_ring_free(r);
}

/* The scenarios' APL counts the extra communes the same way: base = the
 * hand value above; a scenario removing C's GP leaves
 * APL_A = 5400 / (1000 + 800 + 600/3) = 2.7. */
static void test_scenario_extra(void **state) {
    fixture *f = *state;
    ga_ring *r = NULL;
    assert_ok(f->ctx, ga_ring_load(f->ctx, f->dir, &r));
    ga_cost_model *m = NULL;
    assert_ok(f->ctx, ga_straight_model_new(f->ctx, 1.3, 60, &m));
    ga_points *fac = ga_points_new(), *extra = ga_points_new();
    ga_points_add(fac, "GA", X0, Y0, "gp", 1);
    ga_points_set_commune(fac, 0, 0);
    ga_points_add(fac, "GC", X0 + 14000, Y0, "gp", 1);
    ga_points_set_commune(fac, 1, 2); /* ring commune C: 1 + 1 */
    ga_points_add(extra, "11001", X0 + 5000, Y0, "", 1);
    ga_points_add(extra, "11002", X0 + 14000, Y0, "", 1);
    double pop[1] = {990}, std[1] = {1000};
    const char *types[] = {"gp"};
    ga_scenario_inputs in = {.communes = f->study, .population = pop, .facilities = fac, .types = types,
                             .n_types = 1, .threshold = 10, .apl_type = "gp", .acts_per_unit = 5400,
                             .std_population = std, .n_extra = 2, .extra_points = extra,
                             .extra_std_population = r->pop_std, .extra_population = r->pop};
    ga_scenario *sc = ga_scenario_new("no_gc");
    ga_scenario_remove(sc, "GC");
    ga_scenario_run *run = NULL;
    assert_ok(f->ctx, ga_scenarios_run(f->ctx, m, &in, &sc, 1, &run));
    assert_near(run->base.apl[0], 3.9272727272727, 1e-9);
    assert_near(run->scenarios[0].apl[0], 2.7, 1e-9);
    /* nearest GP: its own commune's in both */
    assert_near(run->base.time[0], 0, 0);
    ga_scenario_run_free(run);
    /* without the extra communes: 5400 / 1000 */
    in.n_extra = 0;
    assert_ok(f->ctx, ga_scenarios_run(f->ctx, m, &in, &sc, 1, &run));
    assert_near(run->base.apl[0], 5.4, 1e-9);
    ga_scenario_run_free(run);
    ga_scenario_free(sc);
    ga_points_free(fac);
    ga_points_free(extra);
    ga_cost_model_free(m);
    ga_ring_free(r);
}

/* The reach: 46.154 km x 1.3 / 60 km/h = 60.0 minutes; at 90 km/h, 40.0,
 * and a study asking for 60 is warned. */
static void test_reach(void **state) {
    fixture *f = *state;
    ga_ring *r = NULL;
    assert_ok(f->ctx, ga_ring_load(f->ctx, f->dir, &r));
    ga_cost_model *m = NULL;
    assert_ok(f->ctx, ga_straight_model_new(f->ctx, 1.3, 60, &m));
    ga_ctx_clear_warnings(f->ctx);
    assert_near(ga_ring_reach(f->ctx, r, m, 60), 46.154 * 1.3, 1e-6);
    assert_int_equal(ga_ctx_warning_count(f->ctx), 0);
    ga_cost_model_free(m);
    assert_ok(f->ctx, ga_straight_model_new(f->ctx, 1.3, 90, &m));
    assert_near(ga_ring_reach(f->ctx, r, m, 60), 46.154 * 1.3 / 90 * 60, 1e-6);
    assert_int_equal(ga_ctx_warning_count(f->ctx), 1);
    assert_non_null(strstr(ga_ctx_warning(f->ctx, 0), "holds 40.0 minutes"));
    ga_cost_model_free(m);
    /* on roads there is no straight-line bound: NAN and a warning, and no
     * probing of the graph (no snapping warning) */
    ga_graph_builder *b = ga_graph_builder_new("EPSG:2154", "test");
    uint32_t A = ga_graph_builder_add_node(b, X0, Y0), B = ga_graph_builder_add_node(b, X0 + 1000, Y0);
    ga_graph_builder_add_edge(b, A, B, 60, -1, false, NULL, 0);
    ga_graph_build_options raw = {.keep_all_components = true, .no_contraction = true, .no_renumbering = true};
    ga_graph *g = NULL;
    assert_ok(f->ctx, ga_graph_builder_finish(f->ctx, b, &raw, &g));
    ga_graph_builder_free(b);
    ga_road_options o;
    ga_road_options_init(&o);
    o.skip_unsnapped = true;
    assert_ok(f->ctx, ga_road_model_new(f->ctx, g, &o, &m));
    ga_ctx_clear_warnings(f->ctx);
    assert_true(isnan(ga_ring_reach(f->ctx, r, m, 60)));
    assert_int_equal(ga_ctx_warning_count(f->ctx), 1);
    assert_non_null(strstr(ga_ctx_warning(f->ctx, 0), "by road a facility beyond it may be nearer"));
    ga_cost_model_free(m);
    ga_graph_free(g);
    ga_ring_free(r);
}

/* A broken ring.ini is an error naming the file and the key. */
static void test_bad_ini(void **state) {
    fixture *f = *state;
    g_autofree char *ring = g_build_filename(f->dir, "ring", NULL);
    test_put(ring, "ring.ini", "[ring]\nminutes=60\ndetour=1.3\nspeed_kmh=60\nwidth_km=-1\n");
    ga_ring *r = NULL;
    assert_status(f->ctx, ga_ring_load(f->ctx, f->dir, &r), GA_ERR_VALUE);
    assert_error_mentions(f->ctx, "ring.ini: [ring] width_km");
    assert_null(r);
    test_put(ring, "ring.ini", "[ring]\nminutes=60\ndetour=1.3\nspeed_kmh=60\nwidth_km=46.154\n");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load_and_facilities),
        cmocka_unit_test(test_apl_with_ring),
        cmocka_unit_test(test_scenario_extra),
        cmocka_unit_test(test_reach),
        cmocka_unit_test(test_bad_ini),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
