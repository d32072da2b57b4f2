/* Fuzz target for scenario key files (engine/measure/scenario.c): the
 * input is the file's text, read with ga_scenario_read_buffer. */
#include "geoaccess.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    ga_ctx *ctx = ga_fuzz_ctx();
    ga_scenario *s = NULL;
    ga_status st_ga_scenario_read_buffer = ga_scenario_read_buffer(ctx, "fuzz.ini", (const char *)data, size, &s);
    GA_FUZZ_REPORT(ctx, "ga_scenario_read_buffer", st_ga_scenario_read_buffer);
    if (st_ga_scenario_read_buffer == GA_OK) {
        (void)ga_scenario_name(s);
        (void)ga_scenario_description(s);
        ga_scenario_free(s);
    }
    ga_ctx_clear_error(ctx);
    ga_ctx_clear_warnings(ctx);
    return 0;
}
