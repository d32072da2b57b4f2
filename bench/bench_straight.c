/* The straight-line model's bounded table on the national commune points
 * (geodata/france, in the repository): CPU time of ga_cost_model_table at
 * 20 minutes (the APL's horizon), the pairs kept, several runs (issue 14).
 *
 *   build/bench/bench_straight [POINTS_CSV] [RUNS] [MINUTES]
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "geoaccess.h"

static double cpu_s(void) {
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    const char *path = argc > 1 ? argv[1] : "geodata/france/communes/communes_points_france.csv";
    int runs = argc > 2 ? atoi(argv[2]) : 5;
    double minutes = argc > 3 ? atof(argv[3]) : 20;
    ga_ctx *ctx = ga_ctx_new();
    ga_points *p = NULL;
    ga_cost_model *m = NULL;
    ga_points_options po = {.id_col = "insee_code"};
    if (ga_points_read_csv(ctx, path, &po, &p) || ga_straight_model_new(ctx, 1.3, 60, &m)) {
        fprintf(stderr, "bench_straight: %s\n", ga_ctx_last_error(ctx));
        return 1;
    }
    printf("%zu points, straight line 60 km/h x 1.3, bound %g min\n", ga_points_count(p), minutes);
    for (int k = 0; k < runs; k++) {
        ga_od *od = NULL;
        double c0 = cpu_s();
        if (ga_cost_model_table(m, ctx, p, p, GA_METRIC_TIME, minutes, &od)) {
            fprintf(stderr, "bench_straight: %s\n", ga_ctx_last_error(ctx));
            return 1;
        }
        printf("run %d: %.3f s CPU, %zu pairs\n", k + 1, cpu_s() - c0, od->n_pairs);
        ga_od_free(od);
    }
    ga_cost_model_free(m);
    ga_points_free(p);
    ga_ctx_free(ctx);
    return 0;
}
