/* Fuzz target for zone rules (engine/measure/zones.c): the input is the
 * rule text given to --rule; a parsed rule is described and evaluated with
 * a few commune values. */
#include <math.h>
#include <string.h>
#include "geoaccess.h"
#include "fuzz_util.h"

static double lookup(ga_zone_value what, const char *type, void *user) {
    int k = *(int *)user;
    static const double v[] = {0, 12.5, 31, NAN, INFINITY, 2.4};
    return v[(k + (int)what + (type ? (int)strlen(type) : 0)) % 6];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    ga_ctx *ctx = ga_fuzz_ctx();
    char *text = g_strndup((const char *)data, size);
    ga_zone_rule *r = NULL;
    ga_status st_ga_zone_rule_parse = ga_zone_rule_parse(ctx, text, &r);
    GA_FUZZ_REPORT(ctx, "ga_zone_rule_parse", st_ga_zone_rule_parse);
    if (st_ga_zone_rule_parse == GA_OK) {
        g_free(ga_zone_rule_describe(r));
        for (size_t k = 0; k < ga_zone_rule_type_count(r); k++) (void)ga_zone_rule_type(r, k);
        (void)ga_zone_rule_uses(r, GA_ZONE_APL);
        for (int k = 0; k < 6; k++) (void)ga_zone_rule_eval(r, lookup, &k);
        ga_zone_rule_free(r);
    }
    ga_ctx_clear_error(ctx);
    g_free(text);
    return 0;
}
