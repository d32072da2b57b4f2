/* Scenarios on a row of five communes, 1 km apart, under a straight-line
 * model of 1 minute per km: nearest times by hand, zero deltas without a
 * change, zones blanches when the only facility of a type goes, adding a
 * facility never lengthens a trip, capacities and retirements in the APL,
 * scenario files and their errors. */
#include "plan_fixtures.h"
#include "core/internal.h"

#define N 5

typedef struct {
    ga_ctx *ctx;
    plan_communes pc;
    ga_cost_model *model;
    ga_points *fac;
    double pop[N];
} fixture;

static const char *const TYPES[] = {"gp", "urg"};

static int setup(void **state) {
    fixture *f = g_new0(fixture, 1);
    f->ctx = ga_ctx_new();
    double px[N], py[N];
    for (int k = 0; k < N; k++) {
        f->pop[k] = 100.0 * (k + 1);
        px[k] = 500 + 1000.0 * k;
        py[k] = 0;
    }
    plan_communes_make(f->ctx, &f->pc, N, 1000, 1000, f->pop, px, py);
    if (ga_straight_model_new(f->ctx, 1.0, 60, &f->model)) return -1;
    /* a practice of 2 GPs in C0 (ages 50 and 70 as two entries), an
     * emergency unit in C4 */
    f->fac = ga_points_new();
    ga_points_add(f->fac, "gp-a", PX0 + 500, PY0, "gp", 1);
    ga_points_add(f->fac, "gp-b", PX0 + 500, PY0, "gp", 1);
    ga_points_add(f->fac, "urg-1", PX0 + 4500, PY0, "urg", 1);
    if (ga_points_assign_communes(f->ctx, f->fac, f->pc.c, false)) return -1;
    *state = f;
    return 0;
}

static int teardown(void **state) {
    fixture *f = *state;
    ga_points_free(f->fac);
    ga_cost_model_free(f->model);
    plan_communes_cleanup(&f->pc);
    ga_ctx_free(f->ctx);
    g_free(f);
    return 0;
}

static ga_scenario_inputs inputs(fixture *f, const double *ages) {
    return (ga_scenario_inputs){.communes = f->pc.c, .population = f->pop, .facilities = f->fac,
                                .ages = ages, .types = TYPES, .n_types = 2, .threshold = 1.5,
                                .apl_type = "gp", .acts_per_unit = 5400};
}

static void test_base_times_and_no_change(void **state) {
    fixture *f = *state;
    ga_scenario *none = ga_scenario_new("nothing");
    ga_scenario_inputs in = inputs(f, NULL);
    ga_scenario_run *r = NULL;
    assert_ok(f->ctx, ga_scenarios_run(f->ctx, f->model, &in, &none, 1, &r));
    for (int i = 0; i < N; i++) {
        assert_near(r->base.time[0 * N + i], i, 1e-12);       /* gp in C0 */
        assert_near(r->base.time[1 * N + i], 4 - i, 1e-12);   /* urg in C4 */
        /* no change: every delta is exactly zero */
        assert_true(r->scenarios[0].time[i] == r->base.time[i]);
        assert_true(r->scenarios[0].time[N + i] == r->base.time[N + i]);
        assert_true(r->scenarios[0].apl[i] == r->base.apl[i]);
    }
    assert_int_equal(r->base.nearest[0], 0); /* tie between gp-a and gp-b: the lower index */
    ga_crossings x;
    ga_scenario_crossings(r, 0, 0, 1.5, f->pop, &x);
    assert_int_equal(x.communes_gain + x.communes_loss, 0);
    ga_scenario_crossings(r, 0, SIZE_MAX, 2.5, f->pop, &x);
    assert_int_equal(x.communes_gain + x.communes_loss, 0);
    ga_scenario_run_free(r);
    ga_scenario_free(none);
}

static double lookup_urg(ga_zone_value what, const char *type, void *user) {
    (void)what;
    (void)type;
    return *(const double *)user;
}

static void test_remove_only_facility_makes_zones_blanches(void **state) {
    fixture *f = *state;
    ga_scenario *s = ga_scenario_new("close urg");
    ga_scenario_remove(s, "urg-1");
    ga_scenario_inputs in = inputs(f, NULL);
    ga_scenario_run *r = NULL;
    assert_ok(f->ctx, ga_scenarios_run(f->ctx, f->model, &in, &s, 1, &r));
    assert_int_equal(r->scenarios[0].removed, 1);
    ga_zone_rule *rule = NULL;
    assert_ok(f->ctx, ga_zone_rule_parse(f->ctx, "time to urg > 30", &rule));
    for (int i = 0; i < N; i++) {
        double tb = r->base.time[N + i], ts = r->scenarios[0].time[N + i];
        assert_false(ga_zone_rule_eval(rule, lookup_urg, &tb));
        assert_true(isinf(ts));
        assert_int_equal(r->scenarios[0].nearest[N + i], -1);
        assert_true(ga_zone_rule_eval(rule, lookup_urg, &ts));
    }
    ga_zone_rule_free(rule);
    /* coverage within 1.5 minutes falls from C3 + C4 to nobody */
    ga_crossings x;
    ga_scenario_crossings(r, 0, 1, 1.5, f->pop, &x);
    assert_int_equal(x.communes_loss, 2);
    assert_near(x.people_loss, 400 + 500, 0);
    assert_int_equal(x.communes_gain, 0);
    ga_scenario_run_free(r);
    ga_scenario_free(s);
}

static void test_adding_never_lengthens(void **state) {
    fixture *f = *state;
    ga_scenario *s[3];
    s[0] = ga_scenario_new("gp in C4");
    ga_scenario_add(s[0], "gp-new", "gp", "C4", 0, 0, 1);
    s[1] = ga_scenario_new("random");
    GRand *rnd = g_rand_new_with_seed(5);
    for (int k = 0; k < 4; k++)
        ga_scenario_add(s[1], k % 2 ? "r-urg" : "r-gp", k % 2 ? "urg" : "gp", NULL,
                        PX0 + g_rand_double_range(rnd, 0, 5000), PY0 + g_rand_double_range(rnd, -400, 400), 1);
    g_rand_free(rnd);
    s[2] = ga_scenario_new("urg in C0");
    ga_scenario_add(s[2], "urg-new", "urg", "C0", 0, 0, 1);
    ga_scenario_inputs in = inputs(f, NULL);
    ga_scenario_run *r = NULL;
    assert_ok(f->ctx, ga_scenarios_run(f->ctx, f->model, &in, s, 3, &r));
    /* the routing is shared: one union layer of 3 + 1 + 4 + 1 facilities */
    assert_int_equal(ga_points_count(r->facilities), 9);
    for (size_t k = 0; k < 3; k++)
        for (size_t i = 0; i < 2 * N; i++) assert_true(r->scenarios[k].time[i] <= r->base.time[i]);
    for (int i = 0; i < N; i++) assert_near(r->scenarios[0].time[i], MIN(i, 4 - i), 1e-12);
    ga_crossings x;
    ga_scenario_crossings(r, 0, 0, 1.5, f->pop, &x);
    assert_int_equal(x.communes_gain, 2); /* C3 and C4 */
    assert_near(x.people_gain, 900, 0);
    assert_int_equal(x.communes_loss, 0);
    /* scenarios do not see each other's facilities */
    assert_near(r->scenarios[2].time[0], 0, 1e-12);
    assert_near(r->scenarios[2].time[N + 2], 2, 1e-12);
    ga_scenario_run_free(r);
    for (int k = 0; k < 3; k++) ga_scenario_free(s[k]);
}

static void test_capacity_and_retirement(void **state) {
    fixture *f = *state;
    const double ages[] = {50, 70, NAN};
    ga_scenario *s[2];
    s[0] = ga_scenario_new("double");
    ga_scenario_set_capacity(s[0], "gp-a", 3); /* 1 + 1 -> 3 + 1 GPs */
    s[1] = ga_scenario_new("retire");
    ga_scenario_retire_above(s[1], 67, "gp");
    ga_scenario_inputs in = inputs(f, ages);
    ga_scenario_run *r = NULL;
    assert_ok(f->ctx, ga_scenarios_run(f->ctx, f->model, &in, s, 2, &r));
    for (int i = 0; i < N; i++) {
        assert_near(r->scenarios[0].apl[i], 2 * r->base.apl[i], 1e-9);
        assert_near(r->scenarios[1].apl[i], 0.5 * r->base.apl[i], 1e-9);
    }
    assert_true(r->base.apl[0] > 0);
    assert_int_equal(r->scenarios[1].retired, 1);
    /* gp-b retired: gp-a still practises in C0, times unchanged */
    assert_near(r->scenarios[1].time[1], 1, 1e-12);
    ga_scenario_run_free(r);
    /* without ages a retirement is an error naming the scenario */
    in.ages = NULL;
    assert_status(f->ctx, ga_scenarios_run(f->ctx, f->model, &in, &s[1], 1, &r), GA_ERR_VALUE);
    assert_error_mentions(f->ctx, "retire");
    for (int k = 0; k < 2; k++) ga_scenario_free(s[k]);
}

/* A table the caller already routed (ga_scenario_inputs.apl_table) is used
 * instead of routing again: the same table gives the same APL; a table of
 * a slower model (10 min per km: only neighbours within the 20 minutes)
 * gives another; a table on other points is refused. */
static void test_given_apl_table(void **state) {
    fixture *f = *state;
    ga_scenario *s = ga_scenario_new("double");
    ga_scenario_set_capacity(s, "gp-a", 3);
    ga_scenario_inputs in = inputs(f, NULL);
    ga_scenario_run *own = NULL, *given = NULL, *slow = NULL;
    assert_ok(f->ctx, ga_scenarios_run(f->ctx, f->model, &in, &s, 1, &own));
    ga_points *pts = NULL;
    ga_od *table = NULL, *slow_table = NULL, *small = NULL;
    assert_ok(f->ctx, ga_points_from_communes(f->ctx, f->pc.c, &pts));
    assert_ok(f->ctx, ga_cost_model_table(f->model, f->ctx, pts, pts, GA_METRIC_TIME, GA_APL_HORIZON_MINUTES, &table));
    in.apl_table = table;
    assert_ok(f->ctx, ga_scenarios_run(f->ctx, f->model, &in, &s, 1, &given));
    for (int i = 0; i < N; i++) {
        assert_true(given->base.apl[i] == own->base.apl[i]);
        assert_true(given->scenarios[0].apl[i] == own->scenarios[0].apl[i]);
    }
    ga_cost_model *slow_model = NULL;
    assert_ok(f->ctx, ga_straight_model_new(f->ctx, 1.0, 6, &slow_model));
    assert_ok(f->ctx, ga_cost_model_table(slow_model, f->ctx, pts, pts, GA_METRIC_TIME, GA_APL_HORIZON_MINUTES, &slow_table));
    in.apl_table = slow_table;
    assert_ok(f->ctx, ga_scenarios_run(f->ctx, f->model, &in, &s, 1, &slow));
    bool differs = false;
    for (int i = 0; i < N; i++) differs |= slow->base.apl[i] != own->base.apl[i];
    assert_true(differs);
    /* the times to the nearest facility do not come from that table */
    for (int i = 0; i < N; i++) assert_true(slow->base.time[i] == own->base.time[i]);
    ga_points *two = ga_points_new();
    double x, y;
    for (size_t k = 0; k < 2; k++) {
        ga_points_xy(pts, k, &x, &y);
        ga_points_add(two, ga_points_id(pts, k), x, y, "", 1);
    }
    assert_ok(f->ctx, ga_cost_model_table(f->model, f->ctx, two, two, GA_METRIC_TIME, GA_APL_HORIZON_MINUTES, &small));
    in.apl_table = small;
    ga_scenario_run *bad = NULL;
    assert_status(f->ctx, ga_scenarios_run(f->ctx, f->model, &in, &s, 1, &bad), GA_ERR_ARG);
    assert_error_mentions(f->ctx, "2 x 2 points");
    assert_null(bad);
    ga_points_free(two);
    ga_od_free(small);
    ga_cost_model_free(slow_model);
    ga_od_free(slow_table);
    ga_od_free(table);
    ga_points_free(pts);
    ga_scenario_run_free(own);
    ga_scenario_run_free(given);
    ga_scenario_run_free(slow);
    ga_scenario_free(s);
}

static void test_scenario_file(void **state) {
    fixture *f = *state;
    const char *text = "[scenario]\nname=test\ndescription=HYPOTHETICAL\n"
                       "[add new-gp]\ntype=gp\ncommune=C4\ncapacity=2\n"
                       "[add new-urg]\ntype=urg\nx=700500\ny=6600000\n"
                       "[remove]\nids=urg-1\n"
                       "[capacity]\ngp-b=0\n";
    ga_scenario *s = NULL;
    assert_ok(f->ctx, ga_scenario_read_buffer(f->ctx, "t.ini", text, strlen(text), &s));
    assert_string_equal(ga_scenario_name(s), "test");
    assert_string_equal(ga_scenario_description(s), "HYPOTHETICAL");
    ga_scenario_inputs in = inputs(f, NULL);
    ga_scenario_run *r = NULL;
    assert_ok(f->ctx, ga_scenarios_run(f->ctx, f->model, &in, &s, 1, &r));
    const ga_scenario_state *ss = &r->scenarios[0];
    assert_int_equal(ss->added, 2);
    assert_int_equal(ss->removed, 1);
    assert_int_equal(ss->changed, 1);
    for (int i = 0; i < N; i++) {
        assert_near(ss->time[i], MIN(i, 4 - i), 1e-12);
        assert_near(ss->time[N + i], i, 1e-12); /* urg moved from C4 to C0 */
    }
    /* the new GPs (2, in C4) and gp-a (1, in C0): C4's APL rises */
    assert_true(ss->apl[4] > r->base.apl[4]);
    ga_scenario_run_free(r);
    ga_scenario_free(s);
}

static void assert_file_error(ga_ctx *ctx, const char *text, ga_status want, const char *needle) {
    ga_scenario *s = NULL;
    assert_status(ctx, ga_scenario_read_buffer(ctx, "bad.ini", text, strlen(text), &s), want);
    assert_null(s);
    assert_error_mentions(ctx, needle);
}

static void test_scenario_file_errors(void **state) {
    fixture *f = *state;
    ga_ctx *ctx = f->ctx;
    assert_file_error(ctx, "not a key file", GA_ERR_FORMAT, "bad.ini");
    assert_file_error(ctx, "[close]\nids=a\n", GA_ERR_VALUE, "unknown group [close]");
    assert_file_error(ctx, "[add x]\ncommune=C1\n", GA_ERR_VALUE, "[add x]: key 'type' is missing");
    assert_file_error(ctx, "[add x]\ntype=gp\ncommune=C1\nx=1\ny=2\n", GA_ERR_VALUE, "exactly one place");
    assert_file_error(ctx, "[add x]\ntype=gp\nx=1\n", GA_ERR_VALUE, "key 'y' is missing");
    assert_file_error(ctx, "[add x]\ntype=gp\ncommune=C1\ncapacity=two\n", GA_ERR_VALUE,
                      "key 'capacity': 'two' is not a number");
    assert_file_error(ctx, "[add x]\ntype=gp\ncommune=C1\ncolour=red\n", GA_ERR_VALUE, "unknown key 'colour'");
    assert_file_error(ctx, "[capacity]\ngp-a=-1\n", GA_ERR_VALUE, "negative");
    assert_file_error(ctx, "[retire]\ntype=gp\n", GA_ERR_VALUE, "[retire]: key 'age' is missing");
    /* errors found when running: unknown facility or commune */
    ga_scenario_inputs in = inputs(f, NULL);
    ga_scenario_run *r = NULL;
    ga_scenario *s = ga_scenario_new("bad remove");
    ga_scenario_remove(s, "nowhere");
    assert_status(ctx, ga_scenarios_run(ctx, f->model, &in, &s, 1, &r), GA_ERR_VALUE);
    assert_error_mentions(ctx, "'nowhere' to remove does not exist");
    ga_scenario_free(s);
    s = ga_scenario_new("bad commune");
    ga_scenario_add(s, "x", "gp", "99999", 0, 0, 1);
    assert_status(ctx, ga_scenarios_run(ctx, f->model, &in, &s, 1, &r), GA_ERR_VALUE);
    assert_error_mentions(ctx, "commune '99999'");
    ga_scenario_free(s);
    s = ga_scenario_new("duplicate");
    ga_scenario_add(s, "gp-a", "gp", "C1", 0, 0, 1);
    assert_status(ctx, ga_scenarios_run(ctx, f->model, &in, &s, 1, &r), GA_ERR_DUPLICATE);
    ga_scenario_free(s);
    assert_null(r);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_base_times_and_no_change),
        cmocka_unit_test(test_remove_only_facility_makes_zones_blanches),
        cmocka_unit_test(test_adding_never_lengthens),
        cmocka_unit_test(test_capacity_and_retirement),
        cmocka_unit_test(test_given_apl_table),
        cmocka_unit_test(test_scenario_file),
        cmocka_unit_test(test_scenario_file_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
