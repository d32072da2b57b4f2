/* The summary of nearest times (study/nearest.h), on hand-checked values. */
#include <math.h>
#include "test_util.h"
#include "study/nearest.h"

/* Six communes: four reached (5, 3, 10, 4 min), one with no facility within
 * reach, one not routed (50 people). Sorted 3, 4, 5, 10: median 4.5, max 10. */
static void test_summarise_even(void **state) {
    (void)state;
    const double time[] = {5, INFINITY, NAN, 3, 10, 4};
    const long first[] = {0, -1, -1, 1, 2, 0};
    const double pop[] = {100, 200, 50, NAN, 10, 20};
    ga_plan_nearest_summary s;
    ga_plan_nearest_summarise(time, first, pop, 6, &s);
    assert_int_equal(s.reached, 4);
    assert_int_equal(s.none, 1);
    assert_int_equal(s.unknown, 1);
    assert_true(s.unknown_pop == 50);
    assert_true(s.median == 4.5);
    assert_true(s.max == 10);
}

/* An odd count takes the middle value; an unknown commune's NAN people
 * count 0; nothing reached: median and max NAN. */
static void test_summarise_odd_and_empty(void **state) {
    (void)state;
    const double time[] = {7, 1, 4, NAN};
    const long first[] = {0, 0, 1, -1};
    const double pop[] = {1, 1, 1, NAN};
    ga_plan_nearest_summary s;
    ga_plan_nearest_summarise(time, first, pop, 4, &s);
    assert_int_equal(s.reached, 3);
    assert_true(s.median == 4);
    assert_true(s.max == 7);
    assert_int_equal(s.unknown, 1);
    assert_true(s.unknown_pop == 0);
    const double none[] = {INFINITY};
    const long nf[] = {-1};
    ga_plan_nearest_summarise(none, nf, pop, 1, &s);
    assert_int_equal(s.reached, 0);
    assert_int_equal(s.none, 1);
    assert_true(isnan(s.median) && isnan(s.max));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_summarise_even),
        cmocka_unit_test(test_summarise_odd_and_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
