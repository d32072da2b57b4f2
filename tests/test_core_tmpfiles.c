/* The registry of temporary files (core/tmpfiles.c): what is registered is
 * removed by the signal cleanup, folders only when empty, what is forgotten
 * is left alone. */
#include "test_util.h"
#include "core/tmpfiles.h"

static void cleanup_removes_registered(void **state) {
    (void)state;
    g_autofree char *dir = test_tmpdir("tmpfiles");
    g_autofree char *sub = g_build_filename(dir, "set", NULL);
    g_autofree char *keep_dir = g_build_filename(dir, "kept", NULL);
    assert_int_equal(g_mkdir(sub, 0755), 0);
    assert_int_equal(g_mkdir(keep_dir, 0755), 0);
    test_put(sub, "a.tmp", "a");
    test_put(dir, "b.tmp", "b");
    test_put(dir, "forgotten.tmp", "c");
    test_put(keep_dir, "user.csv", "d"); /* not ours: its folder stays */
    g_autofree char *a = g_build_filename(sub, "a.tmp", NULL);
    g_autofree char *b = g_build_filename(dir, "b.tmp", NULL);
    g_autofree char *f = g_build_filename(dir, "forgotten.tmp", NULL);
    assert_true(ga_tmp_register(a));
    assert_true(ga_tmp_register(b));
    assert_true(ga_tmp_register(f));
    assert_true(ga_tmp_register_dir(sub, true));
    assert_true(ga_tmp_register_dir(keep_dir, true));
    ga_tmp_forget(f);
    ga_tmp_remove_all();
    assert_false(test_exists(sub, "a.tmp"));
    assert_false(test_exists(dir, "b.tmp"));
    assert_false(test_exists(dir, "set")); /* emptied, then removed */
    assert_true(test_exists(dir, "forgotten.tmp"));
    assert_true(test_exists(keep_dir, "user.csv"));
    ga_tmp_register_dir(keep_dir, false);
    test_rm_rf(dir);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cleanup_removes_registered),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
