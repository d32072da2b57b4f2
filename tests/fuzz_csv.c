/* Fuzz target for the CSV reader (libFuzzer form). Without libFuzzer, the
 * standalone main runs the target on each file given (a corpus replay). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <glib.h>
#include "geoaccess.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static ga_ctx *ctx;
    if (!ctx) ctx = ga_ctx_new();
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

#ifndef GA_LIBFUZZER
int main(int argc, char **argv) {
    for (int i = 1; i < argc; i++) {
        gchar *buf = NULL;
        gsize len = 0;
        if (!g_file_get_contents(argv[i], &buf, &len, NULL)) {
            fprintf(stderr, "cannot read %s\n", argv[i]);
            return 1;
        }
        LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
        g_free(buf);
    }
    printf("%d inputs replayed\n", argc - 1);
    return 0;
}
#endif
