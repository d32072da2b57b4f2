/* Fuzz target for decay specifications (engine/measure/decay.c): the input
 * is the text given to --decay; a parsed decay is evaluated over a range of
 * costs, where no weight may be negative or NaN (power:BETA with BETA < 0
 * grows with the cost, so there is no upper bound). */
#include <math.h>
#include <stdlib.h>
#include "geoaccess.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    ga_ctx *ctx = ga_fuzz_ctx();
    char *spec = g_strndup((const char *)data, size);
    ga_decay *d = NULL;
    ga_status st_ga_decay_parse = ga_decay_parse(ctx, spec, &d);
    GA_FUZZ_REPORT(ctx, "ga_decay_parse", st_ga_decay_parse);
    if (st_ga_decay_parse == GA_OK) {
        static const double costs[] = {0, 0.5, 1, 5, 10, 15, 19.99, 20, 30, 60, 1e6};
        for (size_t k = 0; k < sizeof costs / sizeof costs[0]; k++) {
            double w = ga_decay_weight(d, costs[k]);
            if (!(w >= 0)) abort(); /* a negative or NaN weight is a bug */
        }
        (void)ga_decay_bound(d);
        double cut;
        (void)ga_decay_is_binary(d, &cut);
        g_free(ga_decay_describe(d));
        ga_decay_set_max_cost(d, 25);
        (void)ga_decay_weight(d, 24);
        ga_decay_free(d);
    }
    ga_ctx_clear_error(ctx);
    g_free(spec);
    return 0;
}
