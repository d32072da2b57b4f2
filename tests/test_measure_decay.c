/* Decay functions: parsing, values at and around bounds, errors. */
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include "test_util.h"
#include "geoaccess.h"

static ga_decay *parse(ga_ctx *ctx, const char *spec) {
    ga_decay *d = NULL;
    assert_ok(ctx, ga_decay_parse(ctx, spec, &d));
    assert_non_null(d);
    return d;
}

static void test_binary(void **state) {
    ga_ctx *ctx = *state;
    ga_decay *d = parse(ctx, "binary:30");
    assert_near(ga_decay_weight(d, 0), 1, 0);
    assert_near(ga_decay_weight(d, 30), 1, 0);      /* c <= C */
    assert_near(ga_decay_weight(d, 30.000001), 0, 0);
    double c;
    assert_true(ga_decay_is_binary(d, &c));
    assert_near(c, 30, 0);
    assert_near(ga_decay_bound(d), 30, 0);
    ga_decay_set_max_cost(d, 20);
    assert_near(ga_decay_weight(d, 25), 0, 0);
    assert_near(ga_decay_bound(d), 20, 0);
    ga_decay_free(d);
}

/* Steps are closed on the right: Wk when B(k-1) < c <= Bk. */
static void test_steps_and_drees(void **state) {
    ga_ctx *ctx = *state;
    ga_decay *d = parse(ctx, " steps: 10=1, 15=0.6666666666666666 ,20=0.3333333333333333");
    ga_decay *drees = ga_decay_new_drees();
    const double c[] = {0, 9.99, 10, 10.01, 15, 15.5, 20, 20.0001, 90};
    const double w[] = {1, 1, 1, 2.0 / 3, 2.0 / 3, 1.0 / 3, 1.0 / 3, 0, 0};
    for (size_t k = 0; k < G_N_ELEMENTS(c); k++) {
        assert_near(ga_decay_weight(d, c[k]), w[k], 1e-15);
        assert_near(ga_decay_weight(drees, c[k]), w[k], 1e-15);
    }
    assert_near(ga_decay_bound(drees), 20, 0);
    assert_false(ga_decay_is_binary(drees, NULL));
    ga_decay_free(d);
    ga_decay_free(drees);
}

/* IPEA accessibility tests/testthat/test-decay_stepped.R: decay_stepped(
 * c(10,20,30,40), c(0.75,0.5,0.25,0)) gives 1, 0.75, 0.5, 0.25, 0 at 5, 15,
 * 25, 35, 45 (their intervals are open on the right, ours closed: the same
 * function away from the bounds is steps:10=1,20=0.75,30=0.5,40=0.25). */
static void test_ipea_stepped(void **state) {
    ga_ctx *ctx = *state;
    ga_decay *d = parse(ctx, "steps:10=1,20=0.75,30=0.5,40=0.25");
    const double c[] = {5, 15, 25, 35, 45}, w[] = {1, 0.75, 0.5, 0.25, 0};
    for (size_t k = 0; k < 5; k++) assert_near(ga_decay_weight(d, c[k]), w[k], 0);
    ga_decay_free(d);
}

/* IPEA accessibility test-decay_power.R: decay_power(0.5) gives 1 at 0,
 * 0.5 and 1, 0.25 at 16, 0.125 at 64; decay_power(0.25): 0.5 at 16, 0.25
 * at 256. Costs under 1 count as 1. */
static void test_power(void **state) {
    ga_ctx *ctx = *state;
    ga_decay *d = parse(ctx, "power:0.5");
    assert_near(ga_decay_weight(d, 0), 1, 0);
    assert_near(ga_decay_weight(d, 0.5), 1, 0);
    assert_near(ga_decay_weight(d, 1), 1, 0);
    assert_near(ga_decay_weight(d, 16), 0.25, 1e-15);
    assert_near(ga_decay_weight(d, 64), 0.125, 1e-15);
    ga_decay_free(d);
    d = parse(ctx, "power:0.25");
    assert_near(ga_decay_weight(d, 16), 0.5, 1e-15);
    assert_near(ga_decay_weight(d, 256), 0.25, 1e-15);
    ga_decay_free(d);
    /* BETA < 0: weight c^1, 0 at cost 0 (PySAL gravity weights) */
    d = parse(ctx, "power:-1");
    assert_near(ga_decay_weight(d, 0), 0, 0);
    assert_near(ga_decay_weight(d, 0.25), 0.25, 0);
    ga_decay_free(d);
}

/* IPEA test-decay_linear.R: decay_linear(30)(10) = 0.6667, (60) = 0. */
static void test_linear_exponential_gaussian(void **state) {
    ga_ctx *ctx = *state;
    ga_decay *d = parse(ctx, "linear:30");
    assert_near(ga_decay_weight(d, 10), 0.6667, 5e-5);
    assert_near(ga_decay_weight(d, 30), 0, 0);
    assert_near(ga_decay_weight(d, 60), 0, 0);
    assert_near(ga_decay_bound(d), 30, 0);
    ga_decay_free(d);
    d = parse(ctx, "exponential:0.1");
    assert_near(ga_decay_weight(d, 0), 1, 0);
    assert_near(ga_decay_weight(d, 10), exp(-1), 1e-15);
    assert_true(isinf(ga_decay_bound(d)));
    ga_decay_free(d);
    /* Dai (2010) Gaussian: 1 at 0, 0 at C; at C/2:
     * (e^-0.125 - e^-0.5) / (1 - e^-0.5) = (0.882497 - 0.606531) / 0.393469
     * = 0.7013666 */
    d = parse(ctx, "gaussian:30");
    assert_near(ga_decay_weight(d, 0), 1, 1e-15);
    assert_near(ga_decay_weight(d, 15), 0.7013666, 1e-6);
    assert_near(ga_decay_weight(d, 30), 0, 1e-15);
    assert_near(ga_decay_weight(d, 31), 0, 0);
    ga_decay_free(d);
}

static void test_describe_round_trip(void **state) {
    ga_ctx *ctx = *state;
    ga_decay *d = ga_decay_new_drees();
    char *s = ga_decay_describe(d);
    ga_decay *e = parse(ctx, s);
    for (double c = 0; c < 25; c += 0.5) assert_near(ga_decay_weight(e, c), ga_decay_weight(d, c), 0);
    g_free(s);
    ga_decay_free(d);
    ga_decay_free(e);
}

static void test_parse_errors(void **state) {
    ga_ctx *ctx = *state;
    const struct { const char *spec, *says; } bad[] = {
        {"", "empty"},
        {"binary", "no ':'"},
        {"cubic:3", "unknown function 'cubic'"},
        {"binary:abc", "not a number"},
        {"binary:-1", "must be >= 0"},
        {"linear:0", "C must be > 0"},
        {"exponential:-0.1", "BETA must be >= 0"},
        {"steps:", "at least one"},
        {"steps:10", "is not BOUND=WEIGHT"},
        {"steps:10=1,5=0.5", "not above the previous bound"},
        {"steps:10=1.5", "outside [0, 1]"},
        {"steps:10=x", "weight 'x' is not a number"},
    };
    for (size_t k = 0; k < G_N_ELEMENTS(bad); k++) {
        ga_decay *d = NULL;
        assert_status(ctx, ga_decay_parse(ctx, bad[k].spec, &d), GA_ERR_ARG);
        assert_null(d);
        assert_error_mentions(ctx, bad[k].says);
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
        cmocka_unit_test(test_binary),
        cmocka_unit_test(test_steps_and_drees),
        cmocka_unit_test(test_ipea_stepped),
        cmocka_unit_test(test_power),
        cmocka_unit_test(test_linear_exponential_gaussian),
        cmocka_unit_test(test_describe_round_trip),
        cmocka_unit_test(test_parse_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
