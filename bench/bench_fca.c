/* Benchmark of the accessibility measures on a SYNTHETIC national-size
 * commune table (bench/gen_synthetic_communes.py: 35,000 communes, the pairs
 * within 20 minutes). Reports pairs per second for reading the matrix, for
 * 2SFCA, E2SFCA (DREES bands), 3SFCA, BFCA, gravity and the APL, and the
 * peak memory (getrusage ru_maxrss).
 *
 * Usage: bench_fca DIR [REPEATS]  (DIR holds synthetic_communes_*.csv)
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <glib.h>
#include "geoaccess.h"

static long peak_kib(void) {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss; /* KiB on Linux */
}

static void die(ga_ctx *ctx, const char *what) {
    fprintf(stderr, "bench_fca: %s: %s\n", what, ga_ctx_last_error(ctx));
    exit(1);
}

static void read_col(ga_ctx *ctx, const char *path, const char *col, ga_table **t,
                     const char ***ids, double **v) {
    size_t c;
    if (ga_table_read(ctx, path, t) || ga_table_require(ctx, *t, col, NULL, &c)) die(ctx, path);
    size_t n = ga_table_rows(*t);
    *ids = g_new(const char *, n + 1);
    *v = g_new(double, n);
    for (size_t r = 0; r < n; r++) {
        (*ids)[r] = ga_table_cell(*t, r, 0);
        if (ga_table_get_double(ctx, *t, r, c, &(*v)[r])) die(ctx, path);
    }
    (*ids)[n] = NULL;
}

typedef enum { B_FCA, B_GRAVITY, B_APL } bench_kind;

static void report(const char *name, size_t pairs, const double *secs, int reps, double check) {
    double best = secs[0], sum = 0;
    for (int r = 0; r < reps; r++) {
        if (secs[r] < best) best = secs[r];
        sum += secs[r];
    }
    printf("%-28s %9.2f ms best %9.2f ms mean  %8.1f M pairs/s  (check %.6g)\n", name,
           best * 1e3, sum / reps * 1e3, (double)pairs / best / 1e6, check);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: bench_fca DIR [REPEATS]\n");
        return 2;
    }
    int reps = argc > 2 ? atoi(argv[2]) : 10;
    if (reps < 1) reps = 1;
    g_autofree char *mpath = g_build_filename(argv[1], "synthetic_communes_matrix.csv", NULL);
    g_autofree char *dpath = g_build_filename(argv[1], "synthetic_communes_demand.csv", NULL);
    g_autofree char *spath = g_build_filename(argv[1], "synthetic_communes_supply.csv", NULL);
    ga_ctx *ctx = ga_ctx_new();
    ga_table *td, *ts;
    const char **dids, **sids;
    double *dem, *sup;
    read_col(ctx, dpath, "population", &td, &dids, &dem);
    read_col(ctx, spath, "capacity", &ts, &sids, &sup);
    size_t n = ga_table_rows(td);

    gint64 t0 = g_get_monotonic_time();
    ga_od *od = NULL;
    if (ga_od_read_csv(ctx, mpath, NULL, dids, n, sids, ga_table_rows(ts), &od, NULL))
        die(ctx, mpath);
    double read_s = (double)(g_get_monotonic_time() - t0) / 1e6;
    printf("SYNTHETIC data (bench/gen_synthetic_communes.py): %zu communes, %zu pairs within 20 min\n",
           n, od->n_pairs);
    printf("%-28s %9.2f ms        %8.2f M pairs/s  peak RSS after read %ld MiB\n", "read matrix CSV",
           read_s * 1e3, (double)od->n_pairs / read_s / 1e6, peak_kib() / 1024);
    long rss_read = peak_kib();

    ga_decay *bin = NULL, *drees = ga_decay_new_drees(), *expo = NULL;
    ga_decay_parse(ctx, "binary:20", &bin);
    ga_decay_parse(ctx, "exponential:0.1", &expo);
    double *acc = g_new(double, n), *secs = g_new(double, reps);
    double total_supply = 0;
    for (size_t j = 0; j < n; j++) total_supply += sup[j];
    struct {
        const char *name;
        bench_kind kind;
        ga_fca_method m;
        const ga_decay *d;
    } cases[] = {
        {"2SFCA binary:20", B_FCA, GA_FCA_2SFCA, bin},
        {"E2SFCA DREES bands", B_FCA, GA_FCA_E2SFCA, drees},
        {"3SFCA DREES bands", B_FCA, GA_FCA_3SFCA, drees},
        {"BFCA DREES bands", B_FCA, GA_FCA_BFCA, drees},
        {"gravity exponential:0.1", B_GRAVITY, GA_FCA_2SFCA, expo},
        {"APL (DREES, intra 0 min)", B_APL, GA_FCA_2SFCA, NULL},
    };
    for (size_t c = 0; c < G_N_ELEMENTS(cases); c++) {
        double check = 0;
        for (int r = 0; r < reps; r++) {
            gint64 s = g_get_monotonic_time();
            ga_status st = GA_OK;
            if (cases[c].kind == B_FCA) st = ga_fca(ctx, cases[c].m, od, dem, sup, cases[c].d, acc);
            else if (cases[c].kind == B_GRAVITY) st = ga_gravity(ctx, od, sup, cases[c].d, acc);
            else st = ga_apl_communes(ctx, n, dids, dem, dem, sup, od, NULL, acc, NULL);
            secs[r] = (double)(g_get_monotonic_time() - s) / 1e6;
            if (st) die(ctx, cases[c].name);
        }
        /* check: sum of demand x access (= supply reached, for 2SFCA/E2SFCA/3SFCA/APL) */
        for (size_t i = 0; i < n; i++) check += dem[i] * acc[i];
        report(cases[c].name, od->n_pairs, secs, reps, check / total_supply);
    }
    printf("peak RSS: %ld MiB (after reading the matrix: %ld MiB)\n", peak_kib() / 1024, rss_read / 1024);
    ga_decay_free(bin);
    ga_decay_free(drees);
    ga_decay_free(expo);
    g_free(acc);
    g_free(secs);
    ga_od_free(od);
    g_free(dids);
    g_free(sids);
    g_free(dem);
    g_free(sup);
    ga_table_free(td);
    ga_table_free(ts);
    ga_ctx_free(ctx);
    return 0;
}
