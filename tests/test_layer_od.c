/* OD tables and the straight-line cost model. */
#include "test_util.h"
#include <string.h>
#include "geoaccess.h"

static void test_builder_sorts_and_looks_up(void **state) {
    ga_ctx *ctx = *state;
    ga_od_builder *b = ga_od_builder_new(2, 3);
    ga_od_builder_add(b, 1, 2, 5.0);
    ga_od_builder_add(b, 0, 1, 1.5);
    ga_od_builder_add(b, 1, 0, 4.0);
    ga_od *od = NULL;
    assert_ok(ctx, ga_od_builder_finish(ctx, b, &od));
    assert_int_equal(od->n_pairs, 3);
    assert_int_equal(od->row_start[0], 0);
    assert_int_equal(od->row_start[1], 1);
    assert_int_equal(od->row_start[2], 3);
    assert_int_equal(od->to[1], 0);
    double c;
    assert_true(ga_od_lookup(od, 1, 2, &c));
    assert_near(c, 5.0, 0);
    assert_false(ga_od_lookup(od, 0, 0, &c));
    assert_false(ga_od_lookup(od, 1, 1, &c));
    ga_od_free(od);
}

static void test_builder_duplicate(void **state) {
    ga_ctx *ctx = *state;
    ga_od_builder *b = ga_od_builder_new(2, 2);
    ga_od_builder_add(b, 1, 1, 5.0);
    ga_od_builder_add(b, 1, 1, 4.0);
    ga_od *od = NULL;
    assert_status(ctx, ga_od_builder_finish(ctx, b, &od), GA_ERR_DUPLICATE);
    assert_null(od);
}

/* 3-4-5 triangle: 5 km straight, detour 1.2, 60 km/h -> 6 km -> 6 minutes. */
static void test_straight_model(void **state) {
    ga_ctx *ctx = *state;
    ga_points *o = ga_points_new(), *d = ga_points_new();
    ga_points_add(o, "o1", 700000, 6600000, NULL, 1);
    ga_points_add(d, "d1", 703000, 6604000, NULL, 1);
    ga_points_add(d, "d2", 700000, 6600000 + 20000, NULL, 1);
    ga_cost_model *m = NULL;
    assert_ok(ctx, ga_straight_model_new(ctx, 1.2, 60, &m));
    ga_od *od = NULL;
    assert_ok(ctx, ga_cost_model_table(m, ctx, o, d, GA_METRIC_DISTANCE, 0, &od));
    double c;
    assert_true(ga_od_lookup(od, 0, 0, &c));
    assert_near(c, 5000, 1e-9);
    assert_true(ga_od_lookup(od, 0, 1, &c));
    assert_near(c, 20000, 1e-9);
    ga_od_free(od);
    /* time, bounded at 10 minutes: d2 is 24 minutes away and dropped */
    assert_ok(ctx, ga_cost_model_table(m, ctx, o, d, GA_METRIC_TIME, 10, &od));
    assert_int_equal(od->n_pairs, 1);
    assert_true(ga_od_lookup(od, 0, 0, &c));
    assert_near(c, 6.0, 1e-12);
    ga_od_free(od);
    ga_cost_model_free(m);
    ga_points_free(o);
    ga_points_free(d);
}

static void test_straight_model_rejects_bad_parameters(void **state) {
    ga_ctx *ctx = *state;
    ga_cost_model *m = NULL;
    assert_status(ctx, ga_straight_model_new(ctx, 0.5, 60, &m), GA_ERR_ARG);
    assert_error_mentions(ctx, "detour");
    assert_status(ctx, ga_straight_model_new(ctx, 1.3, 0, &m), GA_ERR_ARG);
    assert_error_mentions(ctx, "speed");
    assert_null(m);
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
        cmocka_unit_test(test_builder_sorts_and_looks_up),
        cmocka_unit_test(test_builder_duplicate),
        cmocka_unit_test(test_straight_model),
        cmocka_unit_test(test_straight_model_rejects_bad_parameters),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
