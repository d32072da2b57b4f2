/* The public headers as a user of the library sees them: the umbrella
 * header alone declares every public function (nearest.h included), and
 * with GLib the public types clean up through g_autoptr (the ASan build
 * checks that nothing leaks). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <glib.h>
#include <cmocka.h>
#include "geoaccess.h"

static void test_autoptr(void **state) {
    (void)state;
    g_autoptr(ga_ctx) ctx = ga_ctx_new();
    assert_non_null(ctx);
    g_autoptr(ga_points) p = ga_points_new();
    ga_points_add(p, "a", 0, 0, "doctor", 1);
    assert_int_equal(ga_points_count(p), 1);
    g_autoptr(ga_result) r = ga_result_new(1);
    ga_result_add_number(r, "x", (const double[]){1.5}, 1);
    assert_int_equal(ga_result_cols(r), 1);
    g_autoptr(ga_od_builder) b = ga_od_builder_new(1, 1);
    ga_od_builder_add(b, 0, 0, 3.0);
    g_autoptr(ga_od) od = NULL;
    assert_int_equal(ga_od_builder_finish(ctx, g_steal_pointer(&b), &od), GA_OK);
    g_autoptr(ga_decay) d = ga_decay_new_drees();
    assert_non_null(d);
    g_autoptr(ga_table) t = NULL;
    const char csv[] = "id,v\na,1\n";
    assert_int_equal(ga_table_read_buffer(ctx, "mem.csv", csv, sizeof csv - 1, &t), GA_OK);
    assert_int_equal(ga_table_rows(t), 1);
}

/* ga_nearest comes from the umbrella header (it was missing). */
static void test_umbrella_has_nearest(void **state) {
    (void)state;
    ga_ctx *ctx = ga_ctx_new();
    ga_od_builder *b = ga_od_builder_new(1, 2);
    ga_od_builder_add(b, 0, 0, 5.0);
    ga_od_builder_add(b, 0, 1, 2.0);
    ga_od *od = NULL;
    assert_int_equal(ga_od_builder_finish(ctx, b, &od), GA_OK);
    long first = -1, second = -1;
    double c1 = 0, c2 = 0;
    ga_nearest(od, NULL, &first, &c1, &second, &c2);
    assert_int_equal(first, 1);
    assert_int_equal(second, 0);
    ga_od_free(od);
    ga_ctx_free(ctx);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_autoptr),
        cmocka_unit_test(test_umbrella_has_nearest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
