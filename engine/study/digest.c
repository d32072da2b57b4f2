/* The report's figures derived from a study result: see digest.h. */
#include <math.h>
#include <string.h>
#include "study/digest.h"
#include "study/provenance.h"
#include "study/ring.h"

static double pop_at(const double *pop, size_t i) { return isnan(pop[i]) ? 0 : pop[i]; }

static void beyond_thresholds(const ga_study_result *r, ga_study_digest *d) {
    size_t nt = r->n_thresholds;
    d->beyond = g_new0(double, r->n_nearest * nt + 1);
    d->routed = g_new0(double, r->n_nearest + 1);
    for (size_t k = 0; k < r->n_nearest; k++) {
        const double *time = r->nearest[k].time;
        for (size_t i = 0; i < r->n; i++) {
            double p = pop_at(r->data.pop, i);
            if (!isnan(time[i])) d->routed[k] += p;
            for (size_t t = 0; t < nt; t++)
                if (time[i] > r->thresholds[t]) d->beyond[k * nt + t] += p; /* NAN compares false */
        }
    }
}

typedef struct {
    ga_digest_change c;
    double size; /* |scen - base|, INFINITY when one side has none within reach */
} ranked;

static int by_size(const void *a, const void *b) {
    const ranked *x = a, *y = b;
    if (x->size != y->size) return x->size > y->size ? -1 : 1;
    return x->c.commune < y->c.commune ? -1 : x->c.commune > y->c.commune;
}

/* The communes whose value changes between `base` and `scen`, largest first. */
static void rank_changes(size_t n, const double *base, const double *scen, size_t top, ga_digest_measure *m) {
    ranked *all = g_new(ranked, n + 1);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (isnan(base[i]) || isnan(scen[i]) || base[i] == scen[i]) continue; /* unknown, or unchanged */
        double size = isinf(base[i]) || isinf(scen[i]) ? INFINITY : fabs(scen[i] - base[i]);
        all[k++] = (ranked){{i, base[i], scen[i], scen[i] - base[i]}, size};
    }
    qsort(all, k, sizeof *all, by_size);
    m->changed = k;
    m->n_top = MIN(k, top);
    m->top = g_new(ga_digest_change, m->n_top + 1);
    for (size_t q = 0; q < m->n_top; q++) m->top[q] = all[q].c;
    g_free(all);
}

static double weighted_mean(size_t n, const double *v, const double *other, const double *w) {
    double sw = 0, s = 0;
    for (size_t i = 0; i < n; i++) {
        if (isnan(v[i]) || isnan(other[i])) continue; /* not routed: out of the means */
        sw += pop_at(w, i);
        s += pop_at(w, i) * v[i];
    }
    return sw > 0 ? s / sw : NAN;
}

static void scenarios(const ga_study_result *r, size_t top, ga_study_digest *d) {
    const ga_scenario_run *run = r->srun;
    if (!run) return;
    size_t n = run->n_communes, nt = run->n_types;
    d->n_scen = run->n_scenarios;
    d->scen = g_new0(ga_digest_scenario, d->n_scen + 1);
    for (size_t k = 0; k < d->n_scen; k++) {
        const ga_scenario_state *b = &run->base, *s = &run->scenarios[k];
        ga_digest_scenario *ds = &d->scen[k];
        ds->name = s->name;
        ds->description = ga_scenario_description(r->scen[k]);
        ds->added = s->added;
        ds->removed = s->removed;
        ds->changed = s->changed;
        ds->retired = s->retired;
        ds->measures = g_new0(ga_digest_measure, nt + 2);
        for (size_t t = 0; t < nt; t++) {
            ga_digest_measure m = {r->data.types->pdata[t], 0, NULL, 0};
            rank_changes(n, b->time + t * n, s->time + t * n, top, &m);
            if (m.changed) ds->measures[ds->n_measures++] = m;
            else g_free(m.top);
        }
        ds->apl_base = ds->apl_scen = NAN;
        if (b->apl && s->apl) {
            const double *w = r->data.pop_std ? r->data.pop_std : r->data.pop;
            ds->apl_base = weighted_mean(n, b->apl, s->apl, w);
            ds->apl_scen = weighted_mean(n, s->apl, b->apl, w);
            ga_digest_measure m = {NULL, 0, NULL, 0};
            rank_changes(n, b->apl, s->apl, top, &m);
            ds->measures[ds->n_measures++] = m;
        }
    }
}

static void add_input(GArray *a, const char *dir, const char *key, const char *path) {
    if (!path || !*path) return;
    ga_digest_input in = {g_strdup(key), g_strdup(path), NULL, NULL, NULL};
    size_t nd = strlen(dir);
    in.shown = g_strdup(!strncmp(path, dir, nd) && path[nd] == G_DIR_SEPARATOR ? path + nd + 1 : path);
    g_autofree char *file = NULL;
    ga_provenance_find(path, &file, &in.title, &in.licence);
    g_array_append_val(a, in);
}

static void inputs(const ga_study_result *r, ga_study_digest *d) {
    static const char *const keys[][2] = {{"communes", "path"}, {"demand", "path"}, {"facilities", "bpe"},
                                          {"facilities", "finess"}, {"facilities", "file"}, {"apl", "official"},
                                          {"cost", "roads"}, {"cost", "graph"}};
    GArray *a = g_array_new(FALSE, TRUE, sizeof(ga_digest_input));
    for (size_t i = 0; i < G_N_ELEMENTS(keys); i++) {
        g_autofree char *path = ga_study_get_path(r->study, keys[i][0], keys[i][1]);
        g_autofree char *key = g_strdup_printf("%s.%s", keys[i][0], keys[i][1]);
        add_input(a, r->study->dir, key, path);
    }
    if (r->data.ring) add_input(a, r->study->dir, "study_area.ring", r->data.ring->dir);
    for (size_t k = 0; k < r->n_scen; k++) add_input(a, r->study->dir, "scenarios.files", r->scen_paths[k]);
    d->n_inputs = a->len;
    d->inputs = (ga_digest_input *)(void *)g_array_free(a, FALSE);
}

ga_status ga_study_digest_make(ga_ctx *ctx, const ga_study_result *r, size_t top, ga_study_digest **out) {
    (void)ctx; /* nothing here can fail but memory, which GLib aborts on */
    ga_study_digest *d = g_new0(ga_study_digest, 1);
    beyond_thresholds(r, d);
    scenarios(r, top, d);
    inputs(r, d);
    if (r->data.ring)
        for (size_t i = 0; i < ga_communes_count(r->data.ring->communes); i++) d->ring_people += r->data.ring->pop[i];
    if (r->has_official) {
        d->apl_diff = g_new(double, r->n + 1);
        for (size_t i = 0; i < r->n; i++) d->apl_diff[i] = r->apl.apl[i] - r->apl.official[i];
    }
    for (size_t q = 0; q < r->n_zone_rows; q++) d->zone_people += pop_at(r->data.pop, r->zone_rows[q]);
    d->study_text = ga_study_print(r->study);
    *out = d;
    return GA_OK;
}

void ga_study_digest_free(ga_study_digest *d) {
    if (!d) return;
    g_free(d->beyond);
    g_free(d->routed);
    g_free(d->apl_diff);
    for (size_t k = 0; k < d->n_scen; k++) {
        for (size_t m = 0; m < d->scen[k].n_measures; m++) g_free(d->scen[k].measures[m].top);
        g_free(d->scen[k].measures);
    }
    g_free(d->scen);
    for (size_t k = 0; k < d->n_inputs; k++) {
        g_free(d->inputs[k].key);
        g_free(d->inputs[k].path);
        g_free(d->inputs[k].shown);
        g_free(d->inputs[k].title);
        g_free(d->inputs[k].licence);
    }
    g_free(d->inputs);
    g_free(d->study_text);
    g_free(d);
}
