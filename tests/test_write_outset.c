/* Output sets (write/outset.c): destinations that are not regular
 * files, output sets (staging, commit, abort, manifests, removal of the
 * previous set's files, repair of a commit a killed run left), the
 * registry of temporary files and its signal cleanup. */
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include "test_util.h"
#include "core/internal.h"
#include "core/atomic.h"

/* Files of dir whose name starts with ~ga-tmp- */
static int temporaries(const char *dir) {
    GDir *d = g_dir_open(dir, 0, NULL);
    int n = 0;
    const char *e;
    while (d && (e = g_dir_read_name(d))) n += g_str_has_prefix(e, "~ga-tmp-");
    if (d) g_dir_close(d);
    return n;
}

static void write_text(ga_ctx *ctx, const char *dir, const char *name, const char *text) {
    g_autofree char *p = g_build_filename(dir, name, NULL);
    assert_ok(ctx, ga_atomic_write_file(ctx, p, text, strlen(text)));
}

/* ---- destinations ---- */

static void refuses_symlink_and_fifo(void **state) {
    (void)state;
    ga_ctx *ctx = ga_ctx_new();
    char *dir = test_tmpdir("write");
    test_put(dir, "target", "keep");
    g_autofree char *target = g_build_filename(dir, "target", NULL);
    g_autofree char *link = g_build_filename(dir, "link.csv", NULL);
    g_autofree char *fifo = g_build_filename(dir, "fifo.csv", NULL);
    assert_int_equal(symlink(target, link), 0);
    assert_int_equal(mkfifo(fifo, 0644), 0);
    ga_atomic *a = NULL;
    assert_status(ctx, ga_atomic_open(ctx, link, &a), GA_ERR_IO);
    assert_error_mentions(ctx, "link.csv: exists and is a symbolic link");
    assert_status(ctx, ga_atomic_write_file(ctx, fifo, "x", 1), GA_ERR_IO);
    assert_error_mentions(ctx, "fifo.csv: exists and is a FIFO");
    ga_outset *set = NULL;
    assert_status(ctx, ga_outset_open_file(ctx, link, &set), GA_ERR_IO);
    assert_null(set);
    struct stat sb;
    assert_int_equal(g_lstat(link, &sb), 0);
    assert_true(S_ISLNK(sb.st_mode));
    assert_int_equal(g_lstat(fifo, &sb), 0);
    assert_true(S_ISFIFO(sb.st_mode));
    g_autofree char *t = test_read(dir, "target");
    assert_string_equal(t, "keep");
    assert_int_equal(temporaries(dir), 0);
    test_rm_rf(dir);
    g_free(dir);
    ga_ctx_free(ctx);
}

/* A folder that is a file, or under a file, or unwritable even for root. */
static void bad_folders_fail_at_open(void **state) {
    (void)state;
    ga_ctx *ctx = ga_ctx_new();
    char *dir = test_tmpdir("write");
    test_put(dir, "afile", "x");
    g_autofree char *file = g_build_filename(dir, "afile", NULL);
    g_autofree char *under = g_build_filename(dir, "afile", "sub", NULL);
    ga_outset *set = NULL;
    assert_status(ctx, ga_outset_open(ctx, file, "t", NULL, &set), GA_ERR_IO);
    assert_error_mentions(ctx, file);
    assert_status(ctx, ga_outset_open(ctx, under, "t", NULL, &set), GA_ERR_IO);
    assert_error_mentions(ctx, under);
    assert_status(ctx, ga_outset_open(ctx, "/proc/self", "t", NULL, &set), GA_ERR_IO);
    assert_error_mentions(ctx, "/proc/self");
    assert_null(set);
    assert_null(ctx->outset);
    test_rm_rf(dir);
    g_free(dir);
    ga_ctx_free(ctx);
}

/* A destination whose name is near NAME_MAX still gets a temporary name. */
static void long_names(void **state) {
    (void)state;
    ga_ctx *ctx = ga_ctx_new();
    char *dir = test_tmpdir("write");
    char name[251];
    memset(name, 'a', 246);
    strcpy(name + 246, ".csv");
    ga_outset *set = NULL;
    assert_ok(ctx, ga_outset_open(ctx, dir, "t", NULL, &set));
    write_text(ctx, dir, name, "x");
    assert_ok(ctx, ga_outset_commit(ctx, set));
    assert_true(test_exists(dir, name));
    test_rm_rf(dir);
    g_free(dir);
    ga_ctx_free(ctx);
}

/* ---- output sets ---- */

static void set_stages_until_commit(void **state) {
    (void)state;
    ga_ctx *ctx = ga_ctx_new();
    char *dir = test_tmpdir("write");
    test_put(dir, "a.csv", "old a");
    test_put(dir, "mine.txt", "the user's");
    ga_outset *set = NULL;
    assert_ok(ctx, ga_outset_open(ctx, dir, "t", "t --x", &set));
    write_text(ctx, dir, "a.csv", "new a");
    write_text(ctx, dir, "b.csv", "new b");
    /* staged: nothing replaced yet */
    g_autofree char *a0 = test_read(dir, "a.csv");
    assert_string_equal(a0, "old a");
    assert_false(test_exists(dir, "b.csv"));
    assert_int_equal(temporaries(dir), 2);
    assert_ok(ctx, ga_outset_commit(ctx, set));
    assert_null(ctx->outset);
    g_autofree char *a1 = test_read(dir, "a.csv");
    g_autofree char *b1 = test_read(dir, "b.csv");
    assert_string_equal(a1, "new a");
    assert_string_equal(b1, "new b");
    assert_int_equal(temporaries(dir), 0);
    g_autofree char *man = test_read(dir, ".geoaccess-t.manifest");
    assert_non_null(strstr(man, "command=t\n"));
    assert_non_null(strstr(man, "arguments=t --x\n"));
    assert_non_null(strstr(man, "files=a.csv;b.csv;\n"));
    assert_non_null(strstr(man, "state=complete\n"));
    assert_non_null(strstr(man, "engine=geoaccess "));

    /* the next set of t without b: b removed, the user's file and another
     * command's file untouched */
    test_put(dir, "other.csv", "another command's");
    assert_ok(ctx, ga_outset_open(ctx, dir, "t", NULL, &set));
    write_text(ctx, dir, "a.csv", "newer a");
    assert_ok(ctx, ga_outset_commit(ctx, set));
    assert_false(test_exists(dir, "b.csv"));
    assert_true(test_exists(dir, "a.csv"));
    assert_true(test_exists(dir, "mine.txt"));
    assert_true(test_exists(dir, "other.csv"));
    test_rm_rf(dir);
    g_free(dir);
    ga_ctx_free(ctx);
}

static void abort_keeps_previous_set(void **state) {
    (void)state;
    ga_ctx *ctx = ga_ctx_new();
    char *dir = test_tmpdir("write");
    test_put(dir, "a.csv", "old a");
    ga_outset *set = NULL;
    assert_ok(ctx, ga_outset_open(ctx, dir, "t", NULL, &set));
    write_text(ctx, dir, "a.csv", "new a");
    write_text(ctx, dir, "b.csv", "new b");
    ga_outset_abort(set);
    assert_null(ctx->outset);
    g_autofree char *a = test_read(dir, "a.csv");
    assert_string_equal(a, "old a");
    assert_false(test_exists(dir, "b.csv"));
    assert_int_equal(temporaries(dir), 0);
    /* a folder the set created is removed again when left empty */
    g_autofree char *sub = g_build_filename(dir, "x", "y", NULL);
    assert_ok(ctx, ga_outset_open(ctx, sub, "t", NULL, &set));
    assert_true(g_file_test(sub, G_FILE_TEST_IS_DIR));
    ga_outset_abort(set);
    g_autofree char *x = g_build_filename(dir, "x", NULL);
    assert_false(g_file_test(x, G_FILE_TEST_EXISTS));
    test_rm_rf(dir);
    g_free(dir);
    ga_ctx_free(ctx);
}

/* A destination that became a folder after staging: refused at commit
 * before any rename, so no file of the set is replaced. */
static void commit_checks_every_destination_first(void **state) {
    (void)state;
    ga_ctx *ctx = ga_ctx_new();
    char *dir = test_tmpdir("write");
    test_put(dir, "a.csv", "old a");
    ga_outset *set = NULL;
    assert_ok(ctx, ga_outset_open(ctx, dir, "t", NULL, &set));
    write_text(ctx, dir, "a.csv", "new a");
    write_text(ctx, dir, "z.csv", "new z");
    g_autofree char *z = g_build_filename(dir, "z.csv", NULL);
    assert_int_equal(g_mkdir(z, 0755), 0);
    assert_status(ctx, ga_outset_commit(ctx, set), GA_ERR_IO);
    assert_error_mentions(ctx, "z.csv: exists and is a folder");
    g_autofree char *a = test_read(dir, "a.csv");
    assert_string_equal(a, "old a");
    assert_int_equal(temporaries(dir), 0);
    test_rm_rf(dir);
    g_free(dir);
    ga_ctx_free(ctx);
}

/* A shapefile set is staged through the output set like any file. */
static void shapefile_staged(void **state) {
    (void)state;
    ga_ctx *ctx = ga_ctx_new();
    char *dir = test_tmpdir("write");
    ga_points *p = ga_points_new();
    ga_points_add(p, "P1", 770000, 6280000, "gp", 1);
    const char *ids[] = {"P1"};
    ga_result *r = ga_result_new(1);
    ga_result_add_text(r, "id", ids);
    g_autofree char *shp = g_build_filename(dir, "pts.shp", NULL);
    ga_outset *set = NULL;
    assert_ok(ctx, ga_outset_open(ctx, dir, "t", NULL, &set));
    assert_ok(ctx, ga_result_write_shp_points(ctx, r, p, shp));
    assert_false(test_exists(dir, "pts.shp"));
    assert_int_equal(temporaries(dir), 5);
    assert_ok(ctx, ga_outset_commit(ctx, set));
    static const char *const ext[] = {"pts.shp", "pts.shx", "pts.dbf", "pts.prj", "pts.cpg"};
    for (size_t k = 0; k < 5; k++) assert_true(test_exists(dir, ext[k]));
    g_autofree char *man = test_read(dir, ".geoaccess-t.manifest");
    assert_non_null(strstr(man, "files=pts.shp;pts.shx;pts.dbf;pts.prj;pts.cpg;"));
    assert_int_equal(temporaries(dir), 0);
    ga_result_free(r);
    ga_points_free(p);
    test_rm_rf(dir);
    g_free(dir);
    ga_ctx_free(ctx);
}

/* ---- signals and killed runs ---- */

/* The handler's cleanup removes staged and open temporary files; the
 * previous set stays. */
static void signal_cleanup_removes_temporaries(void **state) {
    (void)state;
    ga_ctx *ctx = ga_ctx_new();
    char *dir = test_tmpdir("write");
    test_put(dir, "a.csv", "old a");
    ga_outset *set = NULL;
    assert_ok(ctx, ga_outset_open(ctx, dir, "t", NULL, &set));
    write_text(ctx, dir, "a.csv", "new a");
    g_autofree char *open_path = g_build_filename(dir, "c.csv", NULL);
    ga_atomic *open_file = NULL;
    assert_ok(ctx, ga_atomic_open(ctx, open_path, &open_file));
    assert_int_equal(temporaries(dir), 2);
    ga_output_signal_cleanup();
    assert_int_equal(temporaries(dir), 0);
    g_autofree char *a = test_read(dir, "a.csv");
    assert_string_equal(a, "old a");
    ga_atomic_abort(open_file);
    ga_outset_abort(set);
    test_rm_rf(dir);
    g_free(dir);
    ga_ctx_free(ctx);
}

static int signals_seen;
static void finish_and_count(int sig) {
    (void)sig;
    ga_output_signal_cleanup();
    signals_seen++;
}

/* A SIGTERM among the renames of a commit: the handler finishes them, so
 * the folder holds the new set, whole, with its final manifest. */
static void signal_during_commit_finishes_it(void **state) {
    (void)state;
    ga_ctx *ctx = ga_ctx_new();
    char *dir = test_tmpdir("write");
    test_put(dir, "a.csv", "old a");
    test_put(dir, "gone.csv", "old gone");
    test_put(dir, ".geoaccess-t.manifest", "[geoaccess output]\ncommand=t\nstate=complete\nfiles=a.csv;gone.csv;\n");
    g_setenv("GEOACCESS_TEST_KILL", "rename:2:TERM", TRUE);
    struct sigaction sa = {0}, old;
    sa.sa_handler = finish_and_count;
    sigaction(SIGTERM, &sa, &old);
    ga_outset *set = NULL;
    assert_ok(ctx, ga_outset_open(ctx, dir, "t", NULL, &set));
    write_text(ctx, dir, "a.csv", "new a");
    write_text(ctx, dir, "b.csv", "new b");
    write_text(ctx, dir, "c.csv", "new c");
    /* the process would die in the handler; here the commit goes on and
     * finds its renames done */
    ga_outset_commit(ctx, set);
    sigaction(SIGTERM, &old, NULL);
    g_unsetenv("GEOACCESS_TEST_KILL");
    assert_int_equal(signals_seen, 1);
    g_autofree char *a = test_read(dir, "a.csv");
    g_autofree char *b = test_read(dir, "b.csv");
    g_autofree char *c = test_read(dir, "c.csv");
    assert_string_equal(a, "new a");
    assert_string_equal(b, "new b");
    assert_string_equal(c, "new c");
    assert_false(test_exists(dir, "gone.csv"));
    g_autofree char *man = test_read(dir, ".geoaccess-t.manifest");
    assert_non_null(strstr(man, "state=complete"));
    assert_non_null(strstr(man, "files=a.csv;b.csv;c.csv;"));
    assert_int_equal(temporaries(dir), 0);
    test_rm_rf(dir);
    g_free(dir);
    ga_ctx_free(ctx);
}

static long dead_pid(void) {
    long pid = 999999;
    while (kill((pid_t)pid, 0) == 0 || errno == EPERM) pid--;
    return pid;
}

/* The journal a run killed among its renames left: the next open
 * completes the renames, removes the obsolete files, marks it complete. */
static void open_completes_a_killed_commit(void **state) {
    (void)state;
    ga_ctx *ctx = ga_ctx_new();
    char *dir = test_tmpdir("write");
    long pid = dead_pid();
    g_autofree char *ta = g_strdup_printf("~ga-tmp-%ld-0-a_csv", pid);
    g_autofree char *tb = g_strdup_printf("~ga-tmp-%ld-1-b_csv", pid);
    test_put(dir, "a.csv", "new a"); /* renamed before the kill */
    test_put(dir, tb, "new b");      /* not yet */
    test_put(dir, "b.csv", "old b");
    test_put(dir, "gone.csv", "old gone");
    g_autofree char *journal = g_strdup_printf(
        "[geoaccess output]\ncommand=t\nstate=committing\npid=%ld\nfiles=a.csv;b.csv;\nstaged=%s;%s;\n"
        "remove=gone.csv;\n", pid, ta, tb);
    test_put(dir, ".geoaccess-t.manifest", journal);
    /* a stale temporary of another dead run, and one of a live process */
    g_autofree char *stale = g_strdup_printf("~ga-tmp-%ld-7-x", pid);
    g_autofree char *live = g_strdup_printf("~ga-tmp-%ld-7-y", (long)getppid());
    test_put(dir, stale, "junk");
    /* the shapefile temporaries of earlier versions: ~tmp-NAME-PID-N.ext */
    g_autofree char *old_shp = g_strdup_printf("~tmp-zones_a-%ld-3.dbf", pid);
    g_autofree char *old_live = g_strdup_printf("~tmp-zones_a-%ld-3.dbf", (long)getppid());
    test_put(dir, old_shp, "junk");
    test_put(dir, old_live, "in use");
    test_put(dir, live, "in use");
    ga_outset *set = NULL;
    assert_ok(ctx, ga_outset_open(ctx, dir, "other", NULL, &set));
    ga_outset_abort(set);
    g_autofree char *b = test_read(dir, "b.csv");
    assert_string_equal(b, "new b");
    assert_false(test_exists(dir, tb));
    assert_false(test_exists(dir, "gone.csv"));
    assert_false(test_exists(dir, stale));
    assert_true(test_exists(dir, live));
    assert_false(test_exists(dir, old_shp));
    assert_true(test_exists(dir, old_live));
    g_autofree char *man = test_read(dir, ".geoaccess-t.manifest");
    assert_non_null(strstr(man, "state=complete"));
    assert_null(strstr(man, "staged="));
    assert_true(ga_ctx_warning_count(ctx) >= 1);
    test_rm_rf(dir);
    g_free(dir);
    ga_ctx_free(ctx);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(refuses_symlink_and_fifo),
        cmocka_unit_test(bad_folders_fail_at_open),
        cmocka_unit_test(long_names),
        cmocka_unit_test(set_stages_until_commit),
        cmocka_unit_test(abort_keeps_previous_set),
        cmocka_unit_test(commit_checks_every_destination_first),
        cmocka_unit_test(shapefile_staged),
        cmocka_unit_test(signal_cleanup_removes_temporaries),
        cmocka_unit_test(signal_during_commit_finishes_it),
        cmocka_unit_test(open_completes_a_killed_commit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
