/* Atomic files (core/atomic.c): the bytes go to a temporary file beside the
 * destination, renamed onto it at the commit; until then the destination
 * keeps its old bytes, and a failed or aborted write leaves no file and no
 * temporary. No output set is open here: the commit renames at once
 * (test_write_outset.c covers the staging). */
#include <sys/stat.h>
#include "test_util.h"
#include "core/internal.h"
#include "core/atomic.h"

/* Names in dir starting with ~ga-tmp- (the temporaries). */
static int temporaries(const char *dir) {
    GDir *d = g_dir_open(dir, 0, NULL);
    int n = 0;
    const char *e;
    while (d && (e = g_dir_read_name(d))) n += g_str_has_prefix(e, "~ga-tmp-");
    if (d) g_dir_close(d);
    return n;
}

/* The temporary name: same folder, "~ga-tmp-PID-N-" then the name with its
 * dots as '_' (shapelib cuts at the last dot). */
static void temp_name_form(void **state) {
    (void)state;
    g_autofree char *a = ga_atomic_temp_name("out/dir.x/communes.shp");
    g_autofree char *b = ga_atomic_temp_name("out/dir.x/communes.shp");
    g_autofree char *prefix = g_strdup_printf("out/dir.x/~ga-tmp-%d-", (int)getpid());
    assert_true(g_str_has_prefix(a, prefix));
    assert_true(g_str_has_suffix(a, "-communes_shp"));
    assert_string_not_equal(a, b); /* a counter tells two writes apart */
}

/* Until the commit the destination keeps its old bytes and one temporary
 * exists; after it, the new bytes and no temporary. */
static void commit_replaces(void **state) {
    ga_ctx *ctx = *state;
    g_autofree char *dir = test_tmpdir("core_atomic");
    test_put(dir, "t.csv", "old\n");
    g_autofree char *path = g_build_filename(dir, "t.csv", NULL);
    ga_atomic *a = NULL;
    assert_ok(ctx, ga_atomic_open(ctx, path, &a));
    fputs("new,1\n", ga_atomic_stream(a));
    fflush(ga_atomic_stream(a));
    g_autofree char *before = test_read(dir, "t.csv");
    assert_string_equal(before, "old\n");
    assert_int_equal(temporaries(dir), 1);
    assert_ok(ctx, ga_atomic_commit(ctx, a));
    g_autofree char *after = test_read(dir, "t.csv");
    assert_string_equal(after, "new,1\n");
    assert_int_equal(temporaries(dir), 0);
    test_rm_rf(dir);
}

/* An abort removes the temporary and leaves the destination as it was. */
static void abort_leaves_old(void **state) {
    ga_ctx *ctx = *state;
    g_autofree char *dir = test_tmpdir("core_atomic");
    test_put(dir, "t.csv", "old\n");
    g_autofree char *path = g_build_filename(dir, "t.csv", NULL);
    ga_atomic *a = NULL;
    assert_ok(ctx, ga_atomic_open(ctx, path, &a));
    fputs("half", ga_atomic_stream(a));
    ga_atomic_abort(a);
    ga_atomic_abort(NULL);
    g_autofree char *t = test_read(dir, "t.csv");
    assert_string_equal(t, "old\n");
    assert_int_equal(temporaries(dir), 0);
    test_rm_rf(dir);
}

/* A stream that failed: the commit reports it naming the destination, no
 * file appears and the temporary is gone. */
static void failed_write_leaves_no_file(void **state) {
    ga_ctx *ctx = *state;
    g_autofree char *dir = test_tmpdir("core_atomic");
    g_autofree char *path = g_build_filename(dir, "t.csv", NULL);
    ga_atomic *a = NULL;
    assert_ok(ctx, ga_atomic_open(ctx, path, &a));
    fputs("x", ga_atomic_stream(a));
    (void)fgetc(ga_atomic_stream(a)); /* reading a write-only stream sets its error */
    assert_true(ferror(ga_atomic_stream(a)));
    assert_status(ctx, ga_atomic_commit(ctx, a), GA_ERR_IO);
    assert_error_mentions(ctx, "t.csv: write failed");
    assert_false(test_exists(dir, "t.csv"));
    assert_int_equal(temporaries(dir), 0);
    test_rm_rf(dir);
}

/* A rename that fails (the destination became a folder meanwhile): an
 * error, the folder untouched, the temporary removed. */
static void failed_rename_removes_temporary(void **state) {
    ga_ctx *ctx = *state;
    g_autofree char *dir = test_tmpdir("core_atomic");
    g_autofree char *path = g_build_filename(dir, "t.csv", NULL);
    ga_atomic *a = NULL;
    assert_ok(ctx, ga_atomic_open(ctx, path, &a));
    fputs("x\n", ga_atomic_stream(a));
    assert_int_equal(g_mkdir(path, 0755), 0);
    assert_status(ctx, ga_atomic_commit(ctx, a), GA_ERR_IO);
    assert_error_mentions(ctx, "t.csv");
    assert_true(g_file_test(path, G_FILE_TEST_IS_DIR));
    assert_int_equal(temporaries(dir), 0);
    test_rm_rf(dir);
}

/* ga_atomic_write_file: the bytes, also none; a folder that does not exist
 * is an error naming the file, and nothing is created. */
static void write_file(void **state) {
    ga_ctx *ctx = *state;
    g_autofree char *dir = test_tmpdir("core_atomic");
    g_autofree char *path = g_build_filename(dir, "a.txt", NULL);
    assert_ok(ctx, ga_atomic_write_file(ctx, path, "a\0b", 3));
    gchar *got = NULL;
    gsize len = 0;
    assert_true(g_file_get_contents(path, &got, &len, NULL));
    assert_int_equal(len, 3);
    assert_memory_equal(got, "a\0b", 3);
    g_free(got);
    g_autofree char *empty = g_build_filename(dir, "empty.txt", NULL);
    assert_ok(ctx, ga_atomic_write_file(ctx, empty, "", 0));
    g_autofree char *e = test_read(dir, "empty.txt");
    assert_string_equal(e, "");
    g_autofree char *missing = g_build_filename(dir, "no", "such", "b.txt", NULL);
    assert_status(ctx, ga_atomic_write_file(ctx, missing, "x", 1), GA_ERR_IO);
    assert_error_mentions(ctx, "b.txt: cannot create a file in");
    assert_false(test_exists(dir, "no"));
    assert_int_equal(temporaries(dir), 0);
    test_rm_rf(dir);
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
        cmocka_unit_test(temp_name_form),
        cmocka_unit_test(commit_replaces),
        cmocka_unit_test(abort_leaves_old),
        cmocka_unit_test(failed_write_leaves_no_file),
        cmocka_unit_test(failed_rename_removes_temporary),
        cmocka_unit_test(write_file),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
