/* Benchmark of siting (issue 13): `site --k 5` over every candidate commune,
 * coverage (10 minutes) and APL objectives, one core, straight-line model:
 *
 *   bench_site DATA_DIR OUT_DIR [REPEATS]
 *     on the embedded Hérault default with its ring (DATA_DIR = geodata),
 *     then on a SYNTHETIC région-size set (not real data): 5,000 square
 *     communes of 4 km (100 x 50, 80,000 km2, about Occitanie), their
 *     points drawn at random inside, log-normal populations (median 450, as
 *     French communes), GPs (1-4) in a quarter of them, written as a
 *     shapefile into OUT_DIR.
 *
 * Prints per run the routing and search seconds, the gains evaluated and
 * the candidates evaluated per second of search; min and max over the
 * repeats. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <shapefil.h>
#include "core/internal.h"
#include "study/inputs.h"
#include "study/site.h"

static int die(ga_ctx *ctx, const char *what) {
    fprintf(stderr, "bench_site: %s: %s\n", what, ga_ctx_last_error(ctx));
    return 1;
}

/* SYNTHETIC: see the header. Facilities at their commune's point. */
static ga_status synthetic(ga_ctx *ctx, const char *dir, ga_plan_data *d) {
    const int cols = 100, rows = 50;
    const double w = 4000, x0 = 500000, y0 = 6200000;
    g_mkdir_with_parents(dir, 0755);
    g_autofree char *base = g_build_filename(dir, "synthetic_site_communes", NULL);
    SHPHandle shp = SHPCreate(base, SHPT_POLYGON);
    DBFHandle dbf = DBFCreateEx(base, "UTF-8");
    DBFAddField(dbf, "insee", FTString, 10, 0);
    DBFAddField(dbf, "nom", FTString, 20, 0);
    DBFAddField(dbf, "population", FTDouble, 12, 0);
    GRand *r = g_rand_new_with_seed(20261202);
    GString *pts = g_string_new("id,x,y\n");
    size_t n = (size_t)cols * rows;
    double *cap = g_new0(double, n);
    for (int j = 0; j < rows; j++)
        for (int i = 0; i < cols; i++) {
            double a = x0 + i * w, b = y0 + j * w;
            double xs[5] = {a, a, a + w, a + w, a}, ys[5] = {b, b + w, b + w, b, b};
            SHPObject *o = SHPCreateSimpleObject(SHPT_POLYGON, 5, xs, ys, NULL);
            int id = SHPWriteObject(shp, -1, o);
            SHPDestroyObject(o);
            char code[16];
            g_snprintf(code, sizeof code, "S%05d", id);
            /* Box-Muller: log-normal, median 450 */
            double u1 = g_rand_double_range(r, 1e-12, 1), u2 = g_rand_double(r);
            double pop = floor(exp(log(450) + 1.3 * sqrt(-2 * log(u1)) * cos(2 * G_PI * u2)));
            DBFWriteStringAttribute(dbf, id, 0, code);
            DBFWriteStringAttribute(dbf, id, 1, code);
            DBFWriteDoubleAttribute(dbf, id, 2, pop);
            g_string_append_printf(pts, "%s,%.1f,%.1f\n", code, a + g_rand_double_range(r, 100, w - 100),
                                   b + g_rand_double_range(r, 100, w - 100));
            if (g_rand_int_range(r, 0, 4) == 0) cap[id] = g_rand_int_range(r, 1, 5);
        }
    SHPClose(shp);
    DBFClose(dbf);
    g_rand_free(r);
    memset(d, 0, sizeof *d);
    g_autofree char *path = g_strconcat(base, ".shp", NULL);
    ga_communes_options co = {.assume_crs = "EPSG:2154"};
    ga_table *t = NULL;
    ga_status st = ga_communes_read(ctx, path, &co, &d->communes);
    if (!st) st = ga_table_read_buffer(ctx, "synthetic_points.csv", pts->str, pts->len, &t);
    if (!st) st = ga_communes_set_points(ctx, d->communes, t, "id", "x", "y", NULL);
    ga_table_free(t);
    g_string_free(pts, TRUE);
    if (!st) {
        d->pop = g_new(double, n);
        d->fac = ga_points_new();
        d->types = g_ptr_array_new_with_free_func(g_free);
        g_ptr_array_add(d->types, g_strdup("gp"));
        d->notes = g_string_new(NULL);
        for (size_t i = 0; i < n; i++) {
            d->pop[i] = ga_communes_population(d->communes, i);
            if (!(cap[i] > 0)) continue;
            double x, y;
            ga_communes_point(d->communes, i, &x, &y);
            ga_points_add(d->fac, ga_communes_id(d->communes, i), x, y, "gp", cap[i]);
        }
        st = ga_points_assign_communes(ctx, d->fac, d->communes, false);
    }
    g_free(cap);
    return st;
}

static int bench(ga_ctx *ctx, const char *name, ga_plan_data *d, int repeats) {
    ga_cost_model *model = NULL;
    ga_site_candidates cand;
    if (ga_straight_model_new(ctx, GA_STRAIGHT_DEFAULT_DETOUR, GA_STRAIGHT_DEFAULT_SPEED_KMH, &model) ||
        ga_site_candidates_read(ctx, NULL, NULL, d, &cand))
        return die(ctx, name);
    for (int obj = 0; obj < 2; obj++) {
        ga_site_options o;
        ga_site_options_init(&o);
        o.type = "gp";
        o.k = 5;
        o.capacity = 2;
        o.threshold = 10;
        o.objective = obj ? GA_SITE_APL : GA_SITE_COVERAGE;
        double lo = INFINITY, hi = 0, rate_lo = INFINITY, rate_hi = 0;
        for (int rep = 0; rep < repeats; rep++) {
            ga_site_result *r = NULL;
            gint64 t0 = g_get_monotonic_time();
            if (ga_plan_site(ctx, model, d, GA_APL_NEW_PRACTITIONER_ACTIVITY, &cand, &o, &r)) return die(ctx, name);
            double total = (double)(g_get_monotonic_time() - t0) / 1e6;
            double rate = (double)r->evaluations / MAX(r->seconds_search, 1e-6);
            printf("%s %-8s k=5 candidates %zu: routing %.3f s, search %.3f s, total %.3f s, %zu gains, "
                   "%.0f candidates evaluated/s, cumulative %.17g\n", name, ga_site_objective_name(o.objective),
                   r->n_candidates, r->seconds_routing, r->seconds_search, total, r->evaluations, rate,
                   r->chosen[r->n_chosen - 1].cumulative);
            lo = MIN(lo, total);
            hi = MAX(hi, total);
            rate_lo = MIN(rate_lo, rate);
            rate_hi = MAX(rate_hi, rate);
            ga_site_result_free(r);
        }
        printf("%s %-8s over %d runs: %.3f-%.3f s (routing and search, data loaded once), %.0f-%.0f candidates evaluated/s\n", name,
               ga_site_objective_name(o.objective), repeats, lo, hi, rate_lo, rate_hi);
    }
    ga_site_candidates_clear(&cand);
    ga_cost_model_free(model);
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: bench_site DATA_DIR OUT_DIR [REPEATS]\n");
        return 2;
    }
    int repeats = argc > 3 ? atoi(argv[3]) : 5;
    ga_ctx *ctx = ga_ctx_new();
    ga_plan_data d;
    ga_plan_input_options io = {.data = argv[1]};
    gint64 t0 = g_get_monotonic_time();
    if (ga_study_inputs_load(ctx, &io, &d)) return die(ctx, "embedded default");
    printf("embedded default loaded in %.3f s (%zu communes, ring %s)\n", (double)(g_get_monotonic_time() - t0) / 1e6,
           ga_communes_count(d.communes), d.ring ? "yes" : "no");
    int rc = bench(ctx, "herault", &d, repeats);
    ga_plan_data_clear(&d);
    if (!rc) {
        t0 = g_get_monotonic_time();
        if (synthetic(ctx, argv[2], &d)) return die(ctx, "synthetic communes");
        printf("SYNTHETIC 5,000 communes made in %.3f s\n", (double)(g_get_monotonic_time() - t0) / 1e6);
        rc = bench(ctx, "synthetic_5000", &d, repeats);
        ga_plan_data_clear(&d);
    }
    ga_ctx_free(ctx);
    return rc;
}
