/* The grid of assumptions of a zones sensitivity run (measure/sensitivity.h). */
#include <math.h>
#include <string.h>
#include "core/alloc.h"
#include "measure/sensitivity.h"

const double ga_sensitivity_default_speeds[3] = {50, 60, 70};
const double ga_sensitivity_default_detours[3] = {1.2, 1.3, 1.4};
const double ga_sensitivity_default_acts[2] = {4000, 5400};
const char *const ga_sensitivity_default_decays[2] = {"drees", "wide"};

ga_sensitivity_run *ga_sensitivity_runs(const ga_sensitivity_grid *g, bool with_apl, size_t *n) {
    size_t cap = g->n_speeds * g->n_detours + (with_apl ? g->n_acts * g->n_decays : 0) + 1, k = 0;
    ga_sensitivity_run *runs = g_new0(ga_sensitivity_run, cap);
    for (size_t s = 0; s < g->n_speeds; s++)
        for (size_t d = 0; d < g->n_detours; d++)
            runs[k++] = (ga_sensitivity_run){g->speeds[s], g->detours[d], g->acts0, g->decay0, false};
    for (size_t a = 0; with_apl && a < g->n_acts; a++)
        for (size_t d = 0; d < g->n_decays; d++) {
            if (g->acts[a] == g->acts0 && !strcmp(g->decays[d], g->decay0)) continue; /* the central run */
            runs[k++] = (ga_sensitivity_run){g->speed0, g->detour0, g->acts[a], g->decays[d], true};
        }
    *n = k;
    return runs;
}

ga_status ga_sensitivity_decay(ga_ctx *ctx, const char *name, ga_decay **out) {
    if (!strcmp(name, "drees")) {
        *out = ga_decay_new_drees();
        return *out ? GA_OK : ga_nomem(ctx, "decay");
    }
    return ga_decay_parse(ctx, !strcmp(name, "wide") ? GA_SENSITIVITY_WIDE_DECAY : name, out);
}

ga_status ga_od_scaled(ga_ctx *ctx, const ga_od *od, double k, double max_cost, ga_od **out) {
    ga_od_builder *b = ga_od_builder_new(od->n_from, od->n_to);
    if (!b) return ga_nomem(ctx, "scaled table");
    for (size_t i = 0; i < od->n_from; i++)
        for (size_t p = od->row_start[i]; p < od->row_start[i + 1]; p++) {
            double c = od->cost[p] * k;
            if (max_cost <= 0 || c <= max_cost) ga_od_builder_add(b, (uint32_t)i, od->to[p], c);
        }
    ga_status st = ga_od_builder_finish(ctx, b, out);
    if (st) return st;
    /* the points that could not be routed stay unknown */
    if (od->from_unknown && ((*out)->from_unknown = ga_try_new(uint8_t, od->n_from + 1)))
        memcpy((*out)->from_unknown, od->from_unknown, od->n_from);
    if (od->to_unknown && ((*out)->to_unknown = ga_try_new(uint8_t, od->n_to + 1)))
        memcpy((*out)->to_unknown, od->to_unknown, od->n_to);
    if ((od->from_unknown && !(*out)->from_unknown) || (od->to_unknown && !(*out)->to_unknown)) {
        ga_od_free(*out);
        *out = NULL;
        return ga_nomem(ctx, "scaled table");
    }
    return GA_OK;
}
