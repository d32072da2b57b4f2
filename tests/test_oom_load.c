/* Out of memory in the loaders, the core and the writers (issue 10): every
 * allocation of an operation is made to fail in turn (ga_alloc_fail_at) and
 * the operation must then return GA_ERR_NOMEM (or an error whose message
 * says "out of memory"), free what it took and leave no temporary file;
 * never crash. The leaks are checked by LeakSanitizer: run this test in the
 * ASan build (ASAN_OPTIONS=detect_leaks=1 meson test -C build-asan
 * oom_load). The sweep of an operation ends when a run makes no allocation
 * fail and succeeds.
 *
 * The cap: an operation of at most `cap` allocations (SWEEP_FULL = 2000,
 * 60 for the Hérault communes) is swept at every step; a longer one at its
 * first cap/2 steps, then at cap/2 steps spread evenly over the rest (a
 * stride) up to its last allocation, then one past it.
 *
 * What is not covered (alloc.h): GLib's containers (GPtrArray, GHashTable,
 * GString, GStringChunk, GKeyFile), GEOS, PROJ and shapelib allocate on
 * their own and abort on exhaustion. */
#include "layer/communes.h"
#include "test_util.h"
#include <glib.h>
#include <glib/gstdio.h>
#include "geoaccess.h"
#include "core/alloc.h"
#include "core/internal.h"
#include "write/polygons.h"

#define SWEEP_FULL 2000

/* A file of the embedded default. */
static const char *geodata(const char *rel) {
    g_autofree char *p = g_build_filename("geodata", "herault", rel, NULL);
    return source_path(p);
}

/* An operation: frees whatever it made. One context serves a whole sweep
 * (PROJ's database is opened once, not at every step). */
typedef ga_status (*op_fn)(ga_ctx *ctx, void *data);

/* A folder's files whose name holds "~ga-tmp" (temporary files left). */
static int temp_files_in(const char *dir) {
    if (!dir) return 0;
    GDir *d = g_dir_open(dir, 0, NULL);
    if (!d) return 0;
    int n = 0;
    const char *e;
    while ((e = g_dir_read_name(d)))
        if (strstr(e, "~ga-tmp")) n++;
    g_dir_close(d);
    return n;
}

/* Runs op with the n-th allocation failing (0: none). Returns whether an
 * allocation failed; checks the status and the folder `dir` then. */
static bool run_failing(ga_ctx *ctx, const char *name, op_fn op, void *data, uint64_t n,
                        const char *dir) {
    ga_ctx_clear_error(ctx);
    ga_ctx_clear_warnings(ctx);
    ga_alloc_fail_at(n);
    ga_status st = op(ctx, data);
    bool failed = ga_alloc_failed();
    ga_alloc_fail_at(0);
    if (!failed && st != GA_OK)
        fail_msg("%s: no allocation failed at step %llu, yet status %d: %s", name,
                 (unsigned long long)n, (int)st, ga_ctx_last_error(ctx));
    if (failed && st == GA_OK)
        fail_msg("%s: allocation %llu failed but the operation succeeded (failure swallowed)", name,
                 (unsigned long long)n);
    if (failed && st != GA_ERR_NOMEM && !strstr(ga_ctx_last_error(ctx), "out of memory"))
        fail_msg("%s: allocation %llu failed: status %d, message '%s' (not out of memory)", name,
                 (unsigned long long)n, (int)st, ga_ctx_last_error(ctx));
    if (temp_files_in(dir))
        fail_msg("%s: step %llu left a temporary file in %s", name, (unsigned long long)n, dir);
    return failed;
}

/* The sweep, of at most about `cap` steps; returns the number of steps run. */
static uint64_t sweep_capped(const char *name, op_fn op, void *data, const char *dir, uint64_t cap) {
    /* a run without failure: how many allocations, and that it works */
    ga_ctx *ctx = ga_ctx_new();
    uint64_t before = ga_alloc_count();
    gint64 t0 = g_get_monotonic_time();
    ga_status st = op(ctx, data);
    double secs = (double)(g_get_monotonic_time() - t0) / 1e6;
    if (st) fail_msg("%s: fails without injected failure: %s", name, ga_ctx_last_error(ctx));
    uint64_t total = ga_alloc_count() - before;
    if (total < 2) fail_msg("%s: %llu allocations through core/alloc (none converted?)", name,
                            (unsigned long long)total);
    uint64_t steps = 0, n = 1;
    uint64_t full = total <= cap ? total : cap / 2;
    uint64_t stride = total <= cap ? 1 : (total - full) / (cap / 2) + 1;
    for (;;) {
        steps++;
        if (!run_failing(ctx, name, op, data, n, dir)) break; /* complete */
        if (n > total + 1000)
            fail_msg("%s: allocation %llu still fails after %llu counted", name,
                     (unsigned long long)n, (unsigned long long)total);
        if (n < full || n >= total) n++; /* every step; past the count, until complete */
        else n = MIN(n + stride, total);
    }
    print_message("# %s: %llu allocations, %llu steps (one run: %.3f s)\n", name,
                  (unsigned long long)total, (unsigned long long)steps, secs);
    ga_ctx_free(ctx);
    return steps;
}

static uint64_t sweep(const char *name, op_fn op, void *data, const char *dir) {
    return sweep_capped(name, op, data, dir, SWEEP_FULL);
}

/* ---- the operations ---- */

static ga_status op_read_table(ga_ctx *ctx, void *data) {
    (void)data;
    ga_table *t = NULL;
    ga_status st = ga_table_read(ctx, geodata("population/population_34_cog2023_from_drees_apl.csv"), &t);
    ga_table_free(t);
    return st;
}

static ga_status op_communes(ga_ctx *ctx, void *path) {
    ga_communes *c = NULL;
    ga_status st = ga_communes_read(ctx, path, NULL, &c);
    ga_communes_free(c);
    return st;
}

/* Layers read once, outside the sweep of the operations that use them (a
 * read of the fixture communes takes a tenth of a second: PROJ identifies
 * the ESRI .prj; swept on their own above). */
typedef struct {
    ga_communes *c;
    ga_points *p;
    ga_table *t;
    const char *dir;
    bool in_set;     /* inside an output set (staged, then committed) */
    const char *top; /* removed first when set: the set creates its folders */
} layers;

static void layers_read(layers *l, const char *table) {
    ga_ctx *ctx = ga_ctx_new();
    assert_ok(ctx, ga_communes_read(ctx, shp_fixture("good/communes.shp"), NULL, &l->c));
    assert_ok(ctx, ga_points_from_communes(ctx, l->c, &l->p));
    if (table) assert_ok(ctx, ga_table_read(ctx, table, &l->t));
    ga_ctx_free(ctx);
}

static void layers_free(layers *l) {
    ga_table_free(l->t);
    ga_points_free(l->p);
    ga_communes_free(l->c);
}

static ga_status op_communes_join(ga_ctx *ctx, void *data) {
    layers *l = data;
    double v[16];
    ga_status st = ga_communes_join(ctx, l->c, l->t, "insee_code", "population_totale_2021", v);
    if (!st) st = ga_communes_join_sum(ctx, l->c, l->t, "insee_code", "population_totale_2021", v);
    return st;
}

/* A Windows-1252 table (converted), and its key index and join. */
static ga_status op_table_buffer(ga_ctx *ctx, void *data) {
    (void)data;
    static const char text[] = "code;nom;valeur\r\n34001;B\xe9ziers;1,5\r\n34002;S\xe8te;2\r\n";
    ga_table *t = NULL;
    ga_status st = ga_table_read_buffer(ctx, "w1252.csv", text, sizeof text - 1, &t);
    const char *keys[] = {"34002", "34999"};
    double v[2];
    if (!st) st = ga_table_join_double(ctx, t, 0, 2, keys, 2, v, NULL, NULL);
    ga_table_free(t);
    return st;
}

static ga_status op_describe(ga_ctx *ctx, void *path) {
    char *text = NULL;
    ga_status st = ga_describe_file(ctx, path, &text);
    g_free(text);
    return st;
}

static ga_status op_points_csv(ga_ctx *ctx, void *data) {
    (void)data;
    ga_points_options o = {.id_col = "finess_et", .type_col = "facility_type"};
    ga_points *p = NULL;
    ga_status st = ga_points_read_csv(ctx, geodata("hospitals_finess2020/hospitals_34_eurostat_finess2020.csv"),
                                      &o, &p);
    ga_points_free(p);
    return st;
}

static ga_status op_points_shp(ga_ctx *ctx, void *data) {
    (void)data;
    ga_points *p = NULL;
    ga_status st = ga_points_read_shp(ctx, shp_fixture("points/facilities.shp"), NULL, &p);
    ga_points_free(p);
    return st;
}

/* Representative points from a table (the DREES's chefs-lieux) */
static ga_status op_set_points(ga_ctx *ctx, void *data) {
    layers *l = data;
    return ga_communes_set_points(ctx, l->c, l->t, "code", "x", "y", NULL);
}

static ga_status op_counts(ga_ctx *ctx, void *data) {
    layers *l = data;
    ga_points *p = NULL;
    ga_status st = ga_points_from_counts(ctx, l->t, "DEPCOM", "TYPEQU", "NB_EQUIP", "D201", l->c, &p);
    if (!st && ga_points_count(p) == 0) st = ga_fail(ctx, GA_ERR_INTERNAL, "no GP in the fixture communes");
    if (!st) st = ga_points_assign_communes(ctx, p, l->c, true);
    ga_points_free(p);
    return st;
}

typedef struct {
    const char *path;
    size_t n_from, n_to;
} matrix_case;

static const char *const matrix_ids[] = {"a", "b", "c"};

static ga_status op_matrix(ga_ctx *ctx, void *data) {
    const matrix_case *m = data;
    ga_od *od = NULL;
    ga_status st = ga_od_read_csv(ctx, m->path, NULL, matrix_ids, m->n_from, matrix_ids, m->n_to, &od, NULL);
    ga_od_free(od);
    return st;
}

static ga_status op_od_builder(ga_ctx *ctx, void *data) {
    (void)data;
    ga_od_builder *b = ga_od_builder_new(3, 3);
    ga_od_builder_add(b, 2, 1, 4);
    ga_od_builder_add(b, 0, 2, 1.5);
    ga_od *od = NULL;
    ga_status st = ga_od_builder_finish(ctx, b, &od);
    ga_od_free(od);
    return st;
}

/* A result table on the fixture communes, written as CSV and as polygon and
 * point shapefiles (the columns are added under the sweep too). */
static ga_status op_write(ga_ctx *ctx, void *data) {
    const layers *w = data;
    ga_communes *c = w->c;
    ga_points *p = w->p;
    ga_result *r = NULL;
    ga_outset *set = NULL;
    if (w->top) test_rm_rf(w->top);
    ga_status st = GA_OK;
    if (w->in_set) st = ga_outset_open(ctx, w->dir, "oomtest", "oom sweep", &set);
    if (!st) {
        size_t n = ga_communes_count(c);
        const char *names[16];
        double v[16];
        for (size_t i = 0; i < n; i++) {
            names[i] = ga_communes_name(c, i);
            v[i] = i == 1 ? NAN : 10.0 * (double)i;
        }
        r = ga_result_new(n);
        ga_result_add_text(r, "commune_name", names);
        ga_result_add_number(r, "minutes_to_the_nearest_gp", v, 2); /* a long DBF name */
        g_autofree char *csv = g_build_filename(w->dir, "result.csv", NULL);
        g_autofree char *shp = g_build_filename(w->dir, "result.shp", NULL);
        g_autofree char *pts = g_build_filename(w->dir, "points.shp", NULL);
        st = ga_result_write_csv(ctx, r, csv);
        if (!st) st = ga_result_write_shp_communes(ctx, r, c, shp);
        if (!st) st = ga_result_write_shp_points(ctx, r, p, pts);
        /* polygon layers (catchments, zones): shapefile and GeoJSON */
        const GEOSGeometry *geoms[16];
        for (size_t i = 0; i < n; i++) geoms[i] = ga_communes_geometry(c, i);
        ga_poly_field f[] = {{"commune_name", names, NULL, 0}, {"minutes", NULL, v, 1}};
        g_autofree char *zones = g_build_filename(w->dir, "zones.shp", NULL);
        g_autofree char *json = g_build_filename(w->dir, "zones.geojson", NULL);
        if (!st) st = ga_polygons_write_shp(ctx, geoms, n, f, 2, zones);
        if (!st) st = ga_polygons_write_geojson(ctx, geoms, n, f, 2, json);
    }
    if (set && !st) st = ga_outset_commit(ctx, set);
    else if (set) ga_outset_abort(set);
    ga_result_free(r);
    return st;
}

/* ---- the tests ---- */

static void test_oom_csv_table(void **state) {
    (void)state;
    sweep("CSV table", op_read_table, NULL, NULL);
    sweep("Windows-1252 table and join", op_table_buffer, NULL, NULL);
    sweep("describe a shapefile", op_describe, (void *)shp_fixture("good/communes.shp"), NULL);
}

static void test_oom_communes_fixture(void **state) {
    (void)state;
    /* every step of the fixture (4 communes, holes, a multipolygon) */
    assert_true(sweep("fixture communes", op_communes, (void *)shp_fixture("good/communes.shp"), NULL) > 10);
    sweep("fixture communes, Latin-1 .cpg", op_communes, (void *)shp_fixture("latin1/communes.shp"), NULL);
    layers l = {0};
    layers_read(&l, geodata("population/population_34_cog2023_from_drees_apl.csv"));
    sweep("communes join", op_communes_join, &l, NULL);
    layers_free(&l);
    g_autofree char *dir = test_tmpdir("oom");
    g_autofree char *pts = g_build_filename(dir, "points.csv", NULL);
    assert_true(g_file_set_contents(pts, "code,x,y\n34001,700500,6200500\n34002,701500,6200500\n", -1, NULL));
    layers lp = {0};
    layers_read(&lp, pts);
    sweep("communes points from a table", op_set_points, &lp, NULL);
    layers_free(&lp);
    test_rm_rf(dir);
}

static void test_oom_communes_herault(void **state) {
    (void)state;
    /* 342 communes, about 3,000 allocations, a read of a tenth of a second
     * (more under ASan): capped at 60 steps (30 first, 30 strided) */
    sweep_capped("Herault communes", op_communes,
                 (void *)geodata("communes_cog2023/communes_34_cog2023.shp"), NULL, 60);
}

static void test_oom_points(void **state) {
    (void)state;
    sweep("points CSV", op_points_csv, NULL, NULL);
    sweep("points shapefile", op_points_shp, NULL, NULL);
    layers l = {0};
    layers_read(&l, geodata("bpe2019/bpe2019_health_34_by_iris.csv"));
    sweep("counts to points", op_counts, &l, NULL);
    layers_free(&l);
}

static void test_oom_matrix(void **state) {
    (void)state;
    g_autofree char *dir = test_tmpdir("oom");
    assert_non_null(dir);
    /* the fast reader (grouped origins), the general one (quotes), and
     * points marked as not routed (empty cost) */
    const char *texts[] = {
        "from_id,to_id,cost\na,b,1.5\na,c,2\nb,a,3\nc,c,0\n",
        "from_id,to_id,cost\n\"c\",a,1\na,\"b\",2\n",
        "from_id,to_id,cost\na,b,1.5\nc,,\n,a,\n",
    };
    for (size_t k = 0; k < G_N_ELEMENTS(texts); k++) {
        g_autofree char *path = g_strdup_printf("%s/m%zu.csv", dir, k);
        assert_true(g_file_set_contents(path, texts[k], -1, NULL));
        matrix_case m = {path, 3, 3};
        sweep("matrix", op_matrix, &m, NULL);
        g_unlink(path);
    }
    sweep("OD builder", op_od_builder, NULL, NULL);
    test_rm_rf(dir);
}

static void test_oom_write(void **state) {
    (void)state;
    g_autofree char *dir = test_tmpdir("oom");
    assert_non_null(dir);
    layers plain = {0};
    layers_read(&plain, NULL);
    plain.dir = dir;
    sweep("result to CSV and shapefiles", op_write, &plain, dir);
    /* in an output set, in folders it creates (nested), then again in the
     * same folder (the previous manifest read, its files replaced) */
    g_autofree char *top = g_build_filename(dir, "set", NULL);
    g_autofree char *sub = g_build_filename(top, "inner", NULL);
    layers fresh = plain;
    fresh.dir = sub;
    fresh.in_set = true;
    fresh.top = top;
    sweep("output set in new folders", op_write, &fresh, NULL);
    layers again = fresh;
    again.top = NULL;
    sweep("output set over a previous one", op_write, &again, sub);
    layers_free(&plain);
    g_autofree char *manifest = g_build_filename(sub, ".geoaccess-oomtest.manifest", NULL);
    assert_true(g_file_test(manifest, G_FILE_TEST_EXISTS));
    test_rm_rf(dir);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_oom_csv_table),
        cmocka_unit_test(test_oom_communes_fixture),
        cmocka_unit_test(test_oom_communes_herault),
        cmocka_unit_test(test_oom_points),
        cmocka_unit_test(test_oom_matrix),
        cmocka_unit_test(test_oom_write),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
