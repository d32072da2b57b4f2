/* Nearest and second-nearest destination per origin (measure/nearest.c),
 * on a hand-made OD table: the cheapest and second cheapest, ties to the
 * lower destination index whatever the order pairs were added in, a mask
 * of allowed destinations, INFINITY and -1 with nothing reachable, NAN and
 * -1 for an origin that could not be routed. */
#include "test_util.h"
#include "geoaccess.h"
#include "geoaccess/nearest.h"

/* Origins 0..3, destinations 0..3:
 *   0: d0 7, d1 3, d2 5, d3 3  -> first d1 (3, tie with d3 goes to d1), second d3 (3)
 *   1: d2 4                    -> first d2, no second
 *   2: no pair                 -> none
 *   3: not routed              -> unknown */
static ga_od *table(ga_ctx *ctx) {
    ga_od_builder *b = ga_od_builder_new(4, 4);
    ga_od_builder_add(b, 0, 3, 3);
    ga_od_builder_add(b, 0, 2, 5);
    ga_od_builder_add(b, 1, 2, 4);
    ga_od_builder_add(b, 0, 1, 3);
    ga_od_builder_add(b, 0, 0, 7);
    ga_od *od = NULL;
    assert_ok(ctx, ga_od_builder_finish(ctx, b, &od));
    od->from_unknown = g_new0(uint8_t, 4);
    od->from_unknown[3] = 1;
    return od;
}

static void nearest_and_second(void **state) {
    ga_ctx *ctx = *state;
    ga_od *od = table(ctx);
    long first[4], second[4];
    double c1[4], c2[4];
    ga_nearest(od, NULL, first, c1, second, c2);
    assert_int_equal(first[0], 1);
    assert_near(c1[0], 3, 0);
    assert_int_equal(second[0], 3);
    assert_near(c2[0], 3, 0);
    assert_int_equal(first[1], 2);
    assert_near(c1[1], 4, 0);
    assert_int_equal(second[1], -1);
    assert_true(isinf(c2[1]));
    assert_int_equal(first[2], -1);
    assert_true(isinf(c1[2]) && c1[2] > 0);
    assert_int_equal(first[3], -1);
    assert_true(isnan(c1[3]));
    assert_true(isnan(c2[3]));
    /* second outputs are optional */
    long f2[4];
    double k2[4];
    ga_nearest(od, NULL, f2, k2, NULL, NULL);
    assert_int_equal(f2[0], 1);
    ga_od_free(od);
}

/* Only d0 and d2 allowed: origin 0 gets d2 (5) then d0 (7). */
static void nearest_with_mask(void **state) {
    ga_ctx *ctx = *state;
    ga_od *od = table(ctx);
    const unsigned char mask[4] = {1, 0, 1, 0};
    long first[4], second[4];
    double c1[4], c2[4];
    ga_nearest(od, mask, first, c1, second, c2);
    assert_int_equal(first[0], 2);
    assert_near(c1[0], 5, 0);
    assert_int_equal(second[0], 0);
    assert_near(c2[0], 7, 0);
    assert_int_equal(first[1], 2);
    ga_od_free(od);
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
        cmocka_unit_test(nearest_and_second),
        cmocka_unit_test(nearest_with_mask),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
