/* Fuzz target for the CSV reader (libFuzzer form). Without libFuzzer, the
 * standalone main runs the target on each file given (a corpus replay). */
#include "geoaccess.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    ga_ctx *ctx = ga_fuzz_ctx();
    ga_table *t = NULL;
    if (ga_table_read_buffer(ctx, "fuzz.csv", (const char *)data, size, &t) == GA_OK) {
        for (size_t r = 0; r < ga_table_rows(t); r++)
            for (size_t c = 0; c < ga_table_cols(t); c++) {
                double v;
                (void)ga_table_get_double(ctx, t, r, c, &v);
            }
        ga_table_free(t);
    }
    ga_ctx_clear_warnings(ctx);
    return 0;
}
