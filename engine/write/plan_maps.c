/* The maps of the planning commands and of a study run: see plan_maps.h. */
#include <math.h>
#include <string.h>
#include "write/plan_maps.h"
#include "study/ring.h"
#include "layer/communes.h"
#include "layer/points.h"

char *ga_plan_maps_sources(const ga_plan_data *d) {
    return g_strdup(d->sources && d->sources->len ? d->sources->str : "");
}

static ga_status draw(ga_ctx *ctx, const ga_plan_maps *m, const char *name, const double *values,
                      const double *values2, const ga_points *fac, ga_map_style *st) {
    st->subtitle = m->subtitle;
    st->sources = m->sources;
    st->format = m->format;
    st->width_px = m->width_px;
    g_autofree char *file = g_strconcat(name, ga_map_format_ext(m->format), NULL);
    char *path = g_build_filename(m->dir, file, NULL);
    ga_map_layer l = {m->d->communes, values, values2, NULL, NULL, m->d->pop,
                      m->d->ring ? m->d->ring->communes : NULL, fac};
    if (values2) {
        l.panel1 = "geoaccess";
        l.panel2 = "official (DREES)";
    }
    ga_status s = ga_map_draw(ctx, &l, st, path, NULL);
    if (m->written) g_ptr_array_add(m->written, path);
    else g_free(path);
    return s;
}

ga_status ga_plan_map_times(ga_ctx *ctx, const ga_plan_maps *m, const char *name, const char *title,
                            const double *minutes, const ga_points *fac) {
    static const double breaks[] = {10, 20, 30, 45};
    ga_map_style st = {.title = title, .unit = "minutes to the nearest", .breaks = breaks, .n_breaks = 4,
                       .palette = GA_PALETTE_YLORRD};
    return draw(ctx, m, name, minutes, NULL, fac, &st);
}

ga_status ga_plan_map_apl(ga_ctx *ctx, const ga_plan_maps *m, const double *apl, const double *official,
                          const char *which) {
    /* the DREES's own reading: under 2.5 is under-served */
    static const double breaks[] = {2.5, 3.5, 4.5, 5.5};
    ga_status s = GA_OK;
    if (!which || !strcmp(which, "apl")) {
        ga_map_style st = {.title = "APL to general practitioners (consultations/visits per standardised inhabitant)",
                           .unit = "APL (consultations a year per inhabitant)", .breaks = breaks, .n_breaks = 4,
                           .high_is_good = true};
        s = draw(ctx, m, "map_apl", apl, NULL, NULL, &st);
    }
    if (!official) return s;
    if (!s && (!which || !strcmp(which, "apl_official"))) {
        ga_map_style st = {.title = "APL to general practitioners: ours beside the official DREES APL",
                           .unit = "APL (consultations a year per inhabitant)", .breaks = breaks, .n_breaks = 4,
                           .high_is_good = true};
        s = draw(ctx, m, "map_apl_official", apl, official, NULL, &st);
    }
    if (!s && (!which || !strcmp(which, "apl_difference"))) {
        size_t n = ga_communes_count(m->d->communes);
        double *d = g_new(double, n + 1);
        for (size_t i = 0; i < n; i++) d[i] = apl[i] - official[i]; /* a display value: NAN stays NAN */
        ga_map_style st = {.title = "APL to general practitioners: ours minus the official DREES APL",
                           .unit = "difference of APL", .classes = GA_CLASSES_SYMMETRIC,
                           .palette = GA_PALETTE_PUOR, .high_is_good = true};
        s = draw(ctx, m, "map_apl_difference", d, NULL, NULL, &st);
        g_free(d);
    }
    return s;
}

ga_status ga_plan_map_flags(ga_ctx *ctx, const ga_plan_maps *m, const char *name, const char *title,
                            const double *flag, const char *yes, const char *no, const ga_points *fac) {
    static const double half[] = {0.5};
    const char *names[] = {no, yes};
    ga_map_style st = {.title = title, .unit = "", .breaks = half, .n_breaks = 1, .class_names = names,
                       .palette = GA_PALETTE_YLORRD, .points_name = "facility"};
    return draw(ctx, m, name, flag, NULL, fac, &st);
}

ga_status ga_plan_map_coverage(ga_ctx *ctx, const ga_plan_maps *m, const char *name, const char *type_label,
                               const double *minutes, double threshold, const ga_points *fac) {
    size_t n = ga_communes_count(m->d->communes);
    double *f = g_new(double, n + 1);
    for (size_t i = 0; i < n; i++) f[i] = isnan(minutes[i]) ? NAN : !(minutes[i] <= threshold);
    g_autofree char *title = g_strdup_printf("Communes within %g minutes of a %s", threshold, type_label);
    g_autofree char *yes = g_strdup_printf("not covered (over %g min)", threshold);
    g_autofree char *no = g_strdup_printf("covered (%g min or less)", threshold);
    ga_status s = ga_plan_map_flags(ctx, m, name, title, f, yes, no, fac);
    g_free(f);
    return s;
}

ga_status ga_plan_map_zones(ga_ctx *ctx, const ga_plan_maps *m, const char *name, const char *rule,
                            const size_t *rows, size_t n_rows) {
    size_t n = ga_communes_count(m->d->communes);
    double *f = g_new0(double, n + 1);
    for (size_t q = 0; q < n_rows; q++) f[rows[q]] = 1;
    g_autofree char *title = g_strdup_printf("Zones blanches: %s", rule);
    ga_status s = ga_plan_map_flags(ctx, m, name, title, f, "zone blanche", "not a zone blanche", NULL);
    g_free(f);
    return s;
}

ga_status ga_plan_map_delta(ga_ctx *ctx, const ga_plan_maps *m, const char *name, const char *title,
                            const char *unit, const double *delta, bool high_is_good, const ga_points *fac) {
    ga_map_style st = {.title = title, .unit = unit, .classes = GA_CLASSES_SYMMETRIC, .palette = GA_PALETTE_RDBU,
                       .high_is_good = high_is_good, .points_name = "facility (scenario)"};
    return draw(ctx, m, name, delta, NULL, fac, &st);
}

ga_status ga_plan_map_scenario(ga_ctx *ctx, const ga_plan_maps *m, const ga_scenario_run *r, size_t k) {
    size_t n = r->n_communes;
    const ga_scenario_state *b = &r->base, *s = &r->scenarios[k];
    double *d = g_new(double, n + 1);
    g_autofree char *safe = g_strdup(s->name);
    g_strcanon(safe, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-", '_');
    g_autofree char *name = g_strdup_printf("map_scenario_%s", safe);
    ga_status st;
    if (b->apl && s->apl) {
        for (size_t i = 0; i < n; i++) d[i] = s->apl[i] - b->apl[i];
        g_autofree char *title = g_strdup_printf("Scenario %s: change of the APL to general practitioners", s->name);
        st = ga_plan_map_delta(ctx, m, name, title, "APL, scenario - base", d, true, NULL);
    } else {
        for (size_t i = 0; i < n; i++) {
            double tb = b->time[i], ts = s->time[i]; /* the first type */
            d[i] = isinf(tb) && isinf(ts) ? 0 : isinf(tb) || isinf(ts) ? NAN : ts - tb;
        }
        const char *type = m->d->types && m->d->types->len ? m->d->types->pdata[0] : "";
        g_autofree char *title = g_strdup_printf("Scenario %s: change of the time to the nearest %s", s->name,
                                                 ga_plan_type_label(type));
        st = ga_plan_map_delta(ctx, m, name, title, "minutes, scenario - base", d, false, NULL);
    }
    g_free(d);
    return st;
}
