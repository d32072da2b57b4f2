/* Siting: see include/geoaccess/site.h. */
#include <math.h>
#include <string.h>
#include "core/alloc.h"
#include "core/internal.h"
#include "geoaccess/measure.h"
#include "geoaccess/nearest.h"
#include "geoaccess/site.h"
#include "layer/points.h"
#include "measure/measure_internal.h"

bool ga_site_objective_parse(const char *name, ga_site_objective *out) {
    static const char *const names[] = {"coverage", "apl", "zones"};
    for (size_t k = 0; k < G_N_ELEMENTS(names); k++)
        if (name && !g_ascii_strcasecmp(name, names[k])) {
            *out = (ga_site_objective)k;
            return true;
        }
    return false;
}

const char *ga_site_objective_name(ga_site_objective o) {
    return o == GA_SITE_APL ? "apl" : o == GA_SITE_ZONES ? "zones" : "coverage";
}

void ga_site_options_init(ga_site_options *o) {
    memset(o, 0, sizeof *o);
    o->capacity = 1;
    o->k = 1;
    o->threshold = 30;
    o->apl_floor = GA_SITE_DEFAULT_APL_FLOOR;
}

void ga_site_result_free(ga_site_result *r) {
    if (!r) return;
    g_free(r->chosen);
    g_free(r->before);
    g_free(r->after);
    g_free(r);
}

double ga_site_apl_gain(size_t n, const double *pop, const double *before, const double *after,
                        double floor) {
    double g = 0;
    for (size_t i = 0; i < n; i++) {
        double p = pop && !isnan(pop[i]) ? pop[i] : 0;
        if (isnan(before[i]) || isnan(after[i])) continue;
        g += p * (MIN(after[i], floor) - MIN(before[i], floor));
    }
    return g;
}

/* ---- the state of a search ---- */

typedef struct {
    const ga_site_options *o;
    size_t n, na, nc;          /* study communes, APL communes, candidates */
    const double *pop;
    /* per candidate: where, in which study commune, allowed */
    double *cx, *cy;
    long *com;
    bool *allowed;
    /* per candidate: the study communes within reach (ascending) and their times */
    size_t *cl_start;
    uint32_t *cl_i;
    double *cl_cost;
    /* time to the nearest facility of the type sited */
    double *base_time, *cur_time;
    /* the APL (has_apl): commune-to-commune table of the na communes, the
     * DREES weights, each commune's weighted demand (as if it had supply:
     * it does not depend on supply), supply, and per commune j the study
     * communes i whose APL its supply enters */
    bool has_apl, site_is_apl;
    const ga_od *cc;
    ga_decay *decay;
    double *den, *supply, delta;
    uint8_t *unk;
    double *apl_base, *apl_cur;
    size_t *col_start;
    uint32_t *col_i;
    /* zones: the rule's types and their values (the sited type's time is cur_time) */
    size_t n_zt;
    double **zt_time, **zt_km;
    long zt_site;              /* index of the sited type among them, -1 none */
    signed char *zone_base, *zone_cur;
    /* scratch */
    double *new_time, *new_apl;
    size_t *stamp, gen, *aff;
    size_t evaluations, n_excluded;
} site_state;

static void state_free(site_state *s) {
    g_free(s->cx);
    g_free(s->cy);
    g_free(s->com);
    g_free(s->allowed);
    g_free(s->cl_start);
    g_free(s->cl_i);
    g_free(s->cl_cost);
    g_free(s->base_time);
    g_free(s->cur_time);
    ga_decay_free(s->decay);
    g_free(s->den);
    g_free(s->supply);
    g_free(s->unk);
    g_free(s->apl_base);
    g_free(s->apl_cur);
    g_free(s->col_start);
    g_free(s->col_i);
    for (size_t t = 0; t < s->n_zt; t++) {
        g_free(s->zt_time[t]);
        g_free(s->zt_km[t]);
    }
    g_free(s->zt_time);
    g_free(s->zt_km);
    g_free(s->zone_base);
    g_free(s->zone_cur);
    g_free(s->new_time);
    g_free(s->new_apl);
    g_free(s->stamp);
    g_free(s->aff);
}

/* ---- the APL, row by row ---- */

static double apl_row(const site_state *s, size_t i) {
    if (s->unk[i]) return NAN;
    double a = 0;
    GA_APL_FOR_PAIRS(s->cc, i, GA_APL_DEFAULT_INTRA_MINUTES, j, c, {
        if (s->supply[j] > 0 && s->den[j] > 0 && !s->unk[j])
            a += ga_decay_weight(s->decay, c) * s->supply[j] / s->den[j];
    });
    return a;
}

/* Weighted demand, supply of the base, the APL of the base, and the
 * study communes each commune's supply serves. */
static ga_status apl_setup(ga_ctx *ctx, site_state *s, const ga_scenario_inputs *in) {
    size_t n = s->n, na = s->na;
    const ga_od *od = s->cc;
    const double *std = in->std_population ? in->std_population : in->population;
    s->decay = ga_decay_new_drees();
    s->den = g_new0(double, na + 1);
    s->supply = g_new0(double, na + 1);
    s->unk = g_new0(uint8_t, na + 1);
    s->apl_base = g_new(double, n + 1);
    s->apl_cur = g_new(double, n + 1);
    s->col_start = g_new0(size_t, na + 2);
    if (!s->decay) return ga_nomem(ctx, "site APL");
    for (size_t i = 0; i < na; i++) s->unk[i] = ga_od_from_unknown(od, i) || ga_od_to_unknown(od, i);
    for (size_t i = 0; i < na; i++) {
        double p = i < n ? std[i] : in->extra_std_population[i - n];
        if (isnan(p)) p = 0;
        if (p == 0 || s->unk[i]) continue;
        GA_APL_FOR_PAIRS(od, i, GA_APL_DEFAULT_INTRA_MINUTES, j, c, {
            if (!s->unk[j]) s->den[j] += p * ga_decay_weight(s->decay, c);
        });
    }
    /* the base's supply, summed as the scenarios sum it: facility order */
    const ga_points *f = in->facilities;
    for (size_t j = 0; j < ga_points_count(f); j++) {
        long c = ga_points_commune(f, j);
        if (c >= 0 && (size_t)c < na && !strcmp(ga_points_type(f, j), in->apl_type))
            s->supply[c] += ga_points_capacity(f, j) * in->acts_per_unit;
    }
    for (size_t i = 0; i < n; i++) s->apl_base[i] = s->apl_cur[i] = apl_row(s, i);
    /* columns: the study communes i whose row holds j */
    for (size_t i = 0; i < n; i++) {
        if (s->unk[i]) continue;
        GA_APL_FOR_PAIRS(od, i, GA_APL_DEFAULT_INTRA_MINUTES, j, c, { (void)c; s->col_start[j + 1]++; });
    }
    for (size_t j = 0; j < na; j++) s->col_start[j + 1] += s->col_start[j];
    s->col_i = g_new(uint32_t, s->col_start[na] + 1);
    size_t *fill = g_memdup2(s->col_start, (na + 1) * sizeof *fill);
    for (size_t i = 0; i < n; i++) {
        if (s->unk[i]) continue;
        GA_APL_FOR_PAIRS(od, i, GA_APL_DEFAULT_INTRA_MINUTES, j, c, { (void)c; s->col_i[fill[j]++] = (uint32_t)i; });
    }
    g_free(fill);
    return GA_OK;
}

/* ---- routing ---- */

/* The nearest facility of `type` (capacity > 0) per commune: time and,
 * with km, the road or straight distance of that facility; bound > 0:
 * only the times up to it (INFINITY beyond). */
static ga_status nearest_type(ga_ctx *ctx, ga_cost_model *model, const ga_points *origins,
                              const ga_points *fac, const char *type, double bound, double *time, double *km) {
    size_t n = ga_points_count(origins);
    ga_points *sel = ga_points_new();
    for (size_t j = 0; j < ga_points_count(fac); j++) {
        if (strcmp(ga_points_type(fac, j), type) || !(ga_points_capacity(fac, j) > 0)) continue;
        double x, y;
        ga_points_xy(fac, j, &x, &y);
        ga_points_add(sel, ga_points_id(fac, j), x, y, type, ga_points_capacity(fac, j));
    }
    ga_od *od = NULL, *dist = NULL;
    long *first = g_new(long, n + 1);
    ga_status st = ga_cost_model_table(model, ctx, origins, sel, GA_METRIC_TIME, bound, &od);
    if (!st) ga_nearest(od, NULL, first, time, NULL, NULL);
    if (!st && km) st = ga_cost_model_table(model, ctx, origins, sel, GA_METRIC_DISTANCE, 0, &dist);
    for (size_t i = 0; !st && km && i < n; i++) {
        double d;
        km[i] = isnan(time[i]) ? NAN
                : first[i] >= 0 && ga_od_lookup(dist, i, (size_t)first[i], &d) ? d / 1000 : INFINITY;
    }
    ga_od_free(od);
    ga_od_free(dist);
    g_free(first);
    ga_points_free(sel);
    return st;
}

/* Per candidate, the study communes within `bound` minutes (0: all). */
static ga_status candidate_lists(ga_ctx *ctx, ga_cost_model *model, site_state *s, const ga_points *origins,
                                 const ga_points *cand, double bound) {
    ga_od *od = NULL;
    ga_status st = ga_cost_model_table(model, ctx, origins, cand, GA_METRIC_TIME, bound, &od);
    if (st) return st;
    size_t nc = s->nc;
    s->cl_start = g_new0(size_t, nc + 2);
    for (size_t p = 0; p < od->n_pairs; p++) s->cl_start[od->to[p] + 1]++;
    for (size_t c = 0; c < nc; c++) s->cl_start[c + 1] += s->cl_start[c];
    s->cl_i = g_new(uint32_t, od->n_pairs + 1);
    s->cl_cost = g_new(double, od->n_pairs + 1);
    size_t *fill = g_memdup2(s->cl_start, (nc + 1) * sizeof *fill);
    for (size_t i = 0; i < od->n_from; i++)
        for (size_t p = od->row_start[i]; p < od->row_start[i + 1]; p++) {
            size_t q = fill[od->to[p]]++;
            s->cl_i[q] = (uint32_t)i;
            s->cl_cost[q] = od->cost[p];
        }
    g_free(fill);
    ga_od_free(od);
    return GA_OK;
}

/* ---- evaluating ---- */

typedef struct {
    const site_state *s;
    size_t i;
    double time, apl;
} zone_at;

static double zone_lookup(ga_zone_value what, const char *type, void *user) {
    const zone_at *z = user;
    const site_state *s = z->s;
    if (what == GA_ZONE_APL) return z->apl;
    for (size_t t = 0; t < s->n_zt; t++)
        if (!strcmp(ga_zone_rule_type(s->o->rule, t), type)) {
            if ((long)t == s->zt_site) return z->time; /* distance refused at the start */
            return what == GA_ZONE_TIME ? s->zt_time[t][z->i] : s->zt_km[t][z->i];
        }
    return NAN;
}

static signed char zone_of(const site_state *s, size_t i, double time, double apl) {
    zone_at z = {s, i, time, apl};
    return (signed char)ga_zone_rule_eval3(s->o->rule, zone_lookup, &z);
}

static double people(const site_state *s, size_t i) {
    return isnan(s->pop[i]) ? 0 : s->pop[i];
}

static int cmp_size(const void *a, const void *b) {
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

/* The communes candidate c changes (zones): within reach or served by its
 * supply; their new time and APL in new_time / new_apl. Returns how many
 * (in s->aff, ascending). Supply must already hold the candidate's. */
static size_t zone_affected(site_state *s, size_t c) {
    size_t m = 0;
    s->gen++;
    for (size_t q = s->cl_start[c]; q < s->cl_start[c + 1]; q++) {
        size_t i = s->cl_i[q];
        if (!(s->cl_cost[q] < s->cur_time[i])) continue;
        s->stamp[i] = s->gen;
        s->new_time[i] = s->cl_cost[q];
        s->new_apl[i] = s->has_apl ? s->apl_cur[i] : NAN;
        s->aff[m++] = i;
    }
    long cc = s->com[c];
    if (s->site_is_apl && cc >= 0)
        for (size_t q = s->col_start[cc]; q < s->col_start[cc + 1]; q++) {
            size_t i = s->col_i[q];
            if (s->stamp[i] != s->gen) {
                s->stamp[i] = s->gen;
                s->new_time[i] = s->cur_time[i];
                s->aff[m++] = i;
            }
            s->new_apl[i] = apl_row(s, i);
        }
    qsort(s->aff, m, sizeof *s->aff, cmp_size);
    return m;
}

/* The marginal gain of candidate c; with apply, c is added to the state. */
static double evaluate(site_state *s, size_t c, bool apply) {
    const ga_site_options *o = s->o;
    double g = 0;
    s->evaluations += !apply;
    long cc = s->com[c];
    double old_supply = 0;
    if (s->site_is_apl && cc >= 0) {
        old_supply = s->supply[cc];
        s->supply[cc] += s->delta; /* as the scenario adds it: after the base and the earlier sites */
    }
    if (o->objective == GA_SITE_COVERAGE) {
        for (size_t q = s->cl_start[c]; q < s->cl_start[c + 1]; q++) {
            size_t i = s->cl_i[q];
            if (!(s->cl_cost[q] <= o->threshold) || s->cur_time[i] <= o->threshold) continue;
            g += people(s, i);
            if (apply) s->cur_time[i] = s->cl_cost[q];
        }
    } else if (o->objective == GA_SITE_APL) {
        if (cc >= 0)
            for (size_t q = s->col_start[cc]; q < s->col_start[cc + 1]; q++) {
                size_t i = s->col_i[q];
                double a = apl_row(s, i);
                g += people(s, i) * (MIN(a, o->apl_floor) - MIN(s->apl_cur[i], o->apl_floor));
                if (apply) s->apl_cur[i] = a;
            }
    } else {
        size_t m = zone_affected(s, c);
        for (size_t k = 0; k < m; k++) {
            size_t i = s->aff[k];
            signed char z = zone_of(s, i, s->new_time[i], s->new_apl[i]);
            g += people(s, i) * ((s->zone_cur[i] == 1) - (z == 1));
            if (apply) {
                s->zone_cur[i] = z;
                s->cur_time[i] = s->new_time[i];
                if (s->has_apl) s->apl_cur[i] = s->new_apl[i];
            }
        }
    }
    if (s->site_is_apl && cc >= 0 && !apply) s->supply[cc] = old_supply;
    return g;
}

/* The objective of the current state against the base, summed over the
 * communes in order (as the scenarios' figures are). */
static double objective(const site_state *s) {
    const ga_site_options *o = s->o;
    double v = 0;
    if (o->objective == GA_SITE_APL) return ga_site_apl_gain(s->n, s->pop, s->apl_base, s->apl_cur, o->apl_floor);
    for (size_t i = 0; i < s->n; i++) {
        if (o->objective == GA_SITE_COVERAGE) {
            if (!(s->base_time[i] <= o->threshold) && s->cur_time[i] <= o->threshold) v += people(s, i);
        } else {
            v += people(s, i) * ((s->zone_base[i] == 1) - (s->zone_cur[i] == 1));
        }
    }
    return v;
}

/* ---- search ---- */

static bool far_enough(const site_state *s, size_t c, const ga_site_choice *chosen, size_t m) {
    for (size_t k = 0; k < m; k++) {
        if (chosen[k].candidate == c) return false;
        double d = hypot(s->cx[c] - chosen[k].x, s->cy[c] - chosen[k].y) / 1000.0;
        if (d < s->o->min_distance_km) return false;
    }
    return true;
}

static void choose(site_state *s, size_t c, ga_site_choice *out) {
    out->candidate = c;
    out->x = s->cx[c];
    out->y = s->cy[c];
    out->commune = s->com[c];
    out->gain = evaluate(s, c, true);
    out->cumulative = objective(s);
}

/* Queue entries ordered by bound (largest first), then candidate order.
 * GSequence keeps them sorted (GLib has no binary heap). */
typedef struct {
    double bound;
    size_t c, round;
} entry;

static gint entry_cmp(gconstpointer a, gconstpointer b, gpointer user) {
    (void)user;
    const entry *x = a, *y = b;
    if (x->bound != y->bound) return x->bound > y->bound ? -1 : 1;
    return x->c < y->c ? -1 : x->c > y->c;
}

/* Minoux's accelerated greedy: a stale gain bounds the fresh one from
 * above (submodularity), so a candidate re-evaluated this round that stays
 * on top is the best. */
static size_t greedy_lazy(site_state *s, ga_site_choice *chosen) {
    GSequence *q = g_sequence_new(g_free);
    for (size_t c = 0; c < s->nc; c++) {
        if (!s->allowed[c]) continue;
        entry *e = g_new(entry, 1);
        *e = (entry){evaluate(s, c, false), c, 0};
        g_sequence_insert_sorted(q, e, entry_cmp, NULL);
    }
    size_t m = 0;
    while (m < s->o->k && g_sequence_get_length(q)) {
        GSequenceIter *top = g_sequence_get_begin_iter(q);
        entry *e = g_sequence_get(top);
        if (!far_enough(s, e->c, chosen, m)) {
            g_sequence_remove(top);
            continue;
        }
        if (e->round == m) {
            size_t c = e->c;
            g_sequence_remove(top);
            choose(s, c, &chosen[m++]);
            continue;
        }
        entry fresh = {evaluate(s, e->c, false), e->c, m};
        *e = fresh;
        g_sequence_sort_changed(top, entry_cmp, NULL);
    }
    g_sequence_free(q);
    return m;
}

/* Every candidate each round (zones: no bound holds). */
static size_t greedy_plain(site_state *s, ga_site_choice *chosen) {
    size_t m = 0;
    while (m < s->o->k) {
        long best = -1;
        double bg = -INFINITY;
        for (size_t c = 0; c < s->nc; c++) {
            if (!s->allowed[c] || !far_enough(s, c, chosen, m)) continue;
            double g = evaluate(s, c, false);
            if (g > bg) {
                bg = g;
                best = (long)c;
            }
        }
        if (best < 0) break;
        choose(s, (size_t)best, &chosen[m++]);
    }
    return m;
}

/* What a state holds that evaluate(apply) changes. */
typedef struct {
    double *cur_time, *apl_cur, *supply;
    signed char *zone_cur;
} snapshot;

static void snap_take(const site_state *s, snapshot *p, bool restore) {
    size_t n = s->n;
#define COPY(field, count)                                                                  \
    if (s->field) {                                                                         \
        if (!restore) p->field = g_memdup2(s->field, (count) * sizeof *s->field);           \
        else memcpy(s->field, p->field, (count) * sizeof *s->field);                        \
    }
    COPY(cur_time, n)
    COPY(apl_cur, n)
    COPY(supply, s->na)
    COPY(zone_cur, n)
#undef COPY
}

static void snap_free(snapshot *p) {
    g_free(p->cur_time);
    g_free(p->apl_cur);
    g_free(p->supply);
    g_free(p->zone_cur);
}

/* Every feasible set of k <= 2 candidates; the best, ties to the first
 * pair in candidate order; reported best single site first. */
static size_t exact(site_state *s, ga_site_choice *chosen) {
    snapshot base = {0};
    snap_take(s, &base, false);
    long ba = -1, bb = -1;
    double best = -INFINITY;
    size_t k = s->o->k;
    for (size_t a = 0; a < s->nc; a++) {
        if (!s->allowed[a]) continue;
        double ga = evaluate(s, a, false);
        if (k == 1) {
            if (ga > best) {
                best = ga;
                ba = (long)a;
            }
            continue;
        }
        evaluate(s, a, true);
        ga_site_choice first = {.candidate = a, .x = s->cx[a], .y = s->cy[a]};
        for (size_t b = a + 1; b < s->nc; b++) {
            if (!s->allowed[b] || !far_enough(s, b, &first, 1)) continue;
            double g = ga + evaluate(s, b, false);
            if (g > best) {
                best = g;
                ba = (long)a;
                bb = (long)b;
            }
        }
        snap_take(s, &base, true);
    }
    size_t m = 0;
    if (ba >= 0 && bb >= 0) {
        /* the better site alone first */
        double ga = evaluate(s, (size_t)ba, false), gb = evaluate(s, (size_t)bb, false);
        if (gb > ga) {
            long t = ba;
            ba = bb;
            bb = t;
        }
    }
    if (ba >= 0) choose(s, (size_t)ba, &chosen[m++]);
    if (bb >= 0) choose(s, (size_t)bb, &chosen[m++]);
    snap_free(&base);
    return m;
}

/* ---- the run ---- */

static ga_status check_options(ga_ctx *ctx, const ga_scenario_inputs *in, const ga_site_options *o, size_t nc) {
    if (!o->type || !*o->type) return ga_fail(ctx, GA_ERR_ARG, "site: give the type of the new sites");
    if (o->k < 1) return ga_fail(ctx, GA_ERR_ARG, "site: k must be at least 1");
    if (!(o->capacity > 0) || !isfinite(o->capacity))
        return ga_fail(ctx, GA_ERR_ARG, "site: the capacity of a new site must be positive");
    if (!(o->min_distance_km >= 0) || !isfinite(o->min_distance_km))
        return ga_fail(ctx, GA_ERR_ARG, "site: the minimum distance must be a number >= 0");
    if (o->objective == GA_SITE_COVERAGE && !(o->threshold > 0 && isfinite(o->threshold)))
        return ga_fail(ctx, GA_ERR_ARG, "site: the coverage objective needs a threshold > 0 minutes");
    if (o->objective == GA_SITE_APL) {
        if (!(o->apl_floor > 0 && isfinite(o->apl_floor)))
            return ga_fail(ctx, GA_ERR_ARG, "site: the APL floor must be positive");
        if (!in->apl_type || strcmp(in->apl_type, o->type))
            return ga_fail(ctx, GA_ERR_ARG, "site: the APL objective needs sites of the APL's supply type '%s', not '%s'",
                           in->apl_type ? in->apl_type : "(none)", o->type);
    }
    if (o->objective == GA_SITE_ZONES) {
        if (!o->rule) return ga_fail(ctx, GA_ERR_ARG, "site: the zones objective needs a rule");
        if (ga_zone_rule_uses(o->rule, GA_ZONE_APL) && !in->apl_type)
            return ga_fail(ctx, GA_ERR_ARG, "site: the rule uses the APL but the base has no APL type");
        for (size_t t = 0; t < ga_zone_rule_type_count(o->rule); t++)
            if (!strcmp(ga_zone_rule_type(o->rule, t), o->type) && ga_zone_rule_uses(o->rule, GA_ZONE_DISTANCE))
                return ga_fail(ctx, GA_ERR_ARG, "site: the zones objective reads times to the type sited, not "
                               "'distance to %s': write the rule with 'time to %s'", o->type, o->type);
    }
    if (o->exact && o->k > 2)
        return ga_fail(ctx, GA_ERR_ARG, "site: the exact search enumerates k <= 2 sites, not %zu (use the greedy)", o->k);
    if (o->exact && nc > GA_SITE_EXACT_MAX_CANDIDATES)
        return ga_fail(ctx, GA_ERR_ARG, "site: the exact search takes at most %d candidates, not %zu (use the greedy)",
                       GA_SITE_EXACT_MAX_CANDIDATES, nc);
    if (o->objective == GA_SITE_APL || (o->objective == GA_SITE_ZONES && ga_zone_rule_uses(o->rule, GA_ZONE_APL)))
        if (!(in->acts_per_unit > 0))
            return ga_fail(ctx, GA_ERR_ARG, "site: the APL needs acts per unit of capacity > 0");
    return GA_OK;
}

/* Candidates: their points, study commune, and whether they are allowed. */
static ga_status place_candidates(ga_ctx *ctx, site_state *s, const ga_communes *c, const ga_site_candidate *cand,
                                  const ga_site_options *o, ga_points **pts) {
    size_t nc = s->nc, n = s->n;
    s->cx = g_new(double, nc + 1);
    s->cy = g_new(double, nc + 1);
    s->com = g_new(long, nc + 1);
    s->allowed = g_new(bool, nc + 1);
    ga_points *p = ga_points_new(), *loose = ga_points_new();
    ga_status st = GA_OK;
    for (size_t k = 0; k < nc && !st; k++) {
        if (cand[k].commune) {
            long i = ga_communes_find(c, cand[k].commune);
            if (i < 0)
                st = ga_fail(ctx, GA_ERR_VALUE, "site: candidate %zu: commune '%s' is not one of the %zu communes",
                             k + 1, ga_clip(cand[k].commune), n);
            else {
                ga_communes_point(c, (size_t)i, &s->cx[k], &s->cy[k]);
                s->com[k] = i;
            }
        } else {
            s->cx[k] = cand[k].x;
            s->cy[k] = cand[k].y;
            ga_points_add(loose, cand[k].name ? cand[k].name : "", s->cx[k], s->cy[k], "", 1);
        }
        char id[32];
        g_snprintf(id, sizeof id, "candidate-%zu", k + 1);
        ga_points_add(p, id, s->cx[k], s->cy[k], o->type, o->capacity);
    }
    /* a point goes to the study commune that holds it, as in a scenario */
    if (!st && ga_points_count(loose)) st = ga_points_assign_communes(ctx, loose, c, true);
    for (size_t k = 0, q = 0; k < nc && !st; k++)
        if (!cand[k].commune) s->com[k] = ga_points_commune(loose, q++);
    for (const char *const *e = o->exclude; e && *e && !st; e++)
        if (ga_communes_find(c, *e) < 0)
            st = ga_fail(ctx, GA_ERR_VALUE, "site: excluded commune '%s' is not one of the %zu communes", ga_clip(*e), n);
    for (size_t k = 0; k < nc && !st; k++) {
        bool out = false;
        for (const char *const *e = o->exclude; e && *e && !out; e++)
            out = s->com[k] >= 0 && !strcmp(ga_communes_id(c, (size_t)s->com[k]), *e);
        s->allowed[k] = !out;
        s->n_excluded += out;
    }
    ga_points_free(loose);
    if (st) {
        ga_points_free(p);
        return st;
    }
    *pts = p;
    return GA_OK;
}

/* The APL's commune table: the caller's, or routed here on the study's
 * communes then the extra ones, as ga_scenarios_run routes it. */
static ga_status apl_table(ga_ctx *ctx, ga_cost_model *model, const ga_scenario_inputs *in,
                           const ga_points *origins, ga_od **own, const ga_od **table) {
    size_t n = ga_points_count(origins), na = n + in->n_extra;
    if (in->apl_table) {
        if (in->apl_table->n_from != na || in->apl_table->n_to != na)
            return ga_fail(ctx, GA_ERR_ARG, "site: the APL table given has %zu x %zu points, not the %zu communes "
                           "and %zu extra points", in->apl_table->n_from, in->apl_table->n_to, n, in->n_extra);
        *table = in->apl_table;
        return GA_OK;
    }
    ga_points *pts = ga_points_new();
    for (size_t i = 0; i < na; i++) {
        const ga_points *src = i < n ? origins : in->extra_points;
        size_t k = i < n ? i : i - n;
        double x, y;
        ga_points_xy(src, k, &x, &y);
        ga_points_add(pts, ga_points_id(src, k), x, y, "", 1);
    }
    ga_status st = ga_cost_model_table(model, ctx, pts, pts, GA_METRIC_TIME, GA_APL_HORIZON_MINUTES, own);
    ga_points_free(pts);
    *table = *own;
    return st;
}

/* The largest finite time of the base: a candidate further than that from
 * every commune changes no time (0: some commune has none, no bound). */
static double time_bound(const double *t, size_t n) {
    double b = 0;
    for (size_t i = 0; i < n; i++) {
        if (isinf(t[i])) return 0;
        if (!isnan(t[i])) b = MAX(b, t[i]);
    }
    return b > 0 ? b : 0;
}

static ga_status zones_setup(ga_ctx *ctx, ga_cost_model *model, site_state *s, const ga_scenario_inputs *in,
                             const ga_points *origins) {
    const ga_zone_rule *r = s->o->rule;
    size_t n = s->n;
    s->n_zt = ga_zone_rule_type_count(r);
    s->zt_time = g_new0(double *, s->n_zt + 1);
    s->zt_km = g_new0(double *, s->n_zt + 1);
    s->zt_site = -1;
    ga_status st = GA_OK;
    bool km = ga_zone_rule_uses(r, GA_ZONE_DISTANCE);
    for (size_t t = 0; t < s->n_zt && !st; t++) {
        const char *type = ga_zone_rule_type(r, t);
        if (!strcmp(type, s->o->type)) {
            s->zt_site = (long)t;
            continue;
        }
        s->zt_time[t] = g_new(double, n + 1);
        if (km) s->zt_km[t] = g_new(double, n + 1);
        st = nearest_type(ctx, model, origins, in->facilities, type, 0, s->zt_time[t], s->zt_km[t]);
    }
    if (st) return st;
    s->zone_base = g_new(signed char, n + 1);
    for (size_t i = 0; i < n; i++)
        s->zone_base[i] = zone_of(s, i, s->cur_time[i], s->has_apl ? s->apl_cur[i] : NAN);
    s->zone_cur = g_memdup2(s->zone_base, n + 1);
    s->new_time = g_new(double, n + 1);
    s->new_apl = g_new(double, n + 1);
    s->stamp = g_new0(size_t, n + 1);
    s->aff = g_new(size_t, n + 1);
    return GA_OK;
}

static double *zone_values(const signed char *z, size_t n) {
    double *v = ga_try_new(double, n + 1);
    for (size_t i = 0; v && i < n; i++) v[i] = z[i] < 0 ? NAN : z[i];
    return v;
}

ga_status ga_site_run(ga_ctx *ctx, ga_cost_model *model, const ga_scenario_inputs *in,
                      const ga_site_candidate *cand, size_t n_cand, const ga_site_options *o,
                      ga_site_result **out) {
    ga_status st = check_options(ctx, in, o, n_cand);
    if (st) return st;
    size_t n = ga_communes_count(in->communes);
    site_state s = {.o = o, .n = n, .nc = n_cand, .pop = in->population};
    ga_points *origins = NULL, *cpts = NULL;
    ga_od *own_cc = NULL;
    gint64 t0 = g_get_monotonic_time();
    bool zones = o->objective == GA_SITE_ZONES;
    s.has_apl = o->objective == GA_SITE_APL || (zones && ga_zone_rule_uses(o->rule, GA_ZONE_APL));
    s.site_is_apl = s.has_apl && !strcmp(in->apl_type, o->type);
    st = ga_points_from_communes(ctx, in->communes, &origins);
    if (!st) st = place_candidates(ctx, &s, in->communes, cand, o, &cpts);
    s.cl_start = g_new0(size_t, n_cand + 2);
    if (!st && o->objective != GA_SITE_APL) {
        s.base_time = g_new(double, n + 1);
        /* coverage needs the times up to the threshold; twice it, for the map */
        st = nearest_type(ctx, model, origins, in->facilities, o->type, zones ? 0 : 2 * o->threshold, s.base_time, NULL);
        if (!st) {
            s.cur_time = g_memdup2(s.base_time, (n + 1) * sizeof *s.cur_time);
            g_clear_pointer(&s.cl_start, g_free);
            double bound = zones ? time_bound(s.base_time, n) : o->threshold;
            st = candidate_lists(ctx, model, &s, origins, cpts, bound);
        }
    }
    if (!st && s.has_apl) {
        s.na = n + in->n_extra;
        st = apl_table(ctx, model, in, origins, &own_cc, &s.cc);
        if (!st) st = apl_setup(ctx, &s, in);
        s.delta = o->capacity * in->acts_per_unit;
    }
    if (!st && zones) st = zones_setup(ctx, model, &s, in, origins);
    gint64 t1 = g_get_monotonic_time();
    ga_site_result *r = NULL;
    if (!st) {
        r = ga_try_new0(ga_site_result, 1);
        if (r) r->chosen = ga_try_new0(ga_site_choice, o->k);
        if (!r || !r->chosen) st = ga_nomem(ctx, "site result");
    }
    if (!st) {
        r->objective = o->objective;
        r->n_candidates = n_cand;
        r->n_excluded = s.n_excluded;
        r->n_communes = n;
        r->n_chosen = o->exact ? exact(&s, r->chosen)
                      : zones  ? greedy_plain(&s, r->chosen)
                               : greedy_lazy(&s, r->chosen);
        r->evaluations = s.evaluations;
        r->seconds_routing = (double)(t1 - t0) / 1e6;
        r->seconds_search = (double)(g_get_monotonic_time() - t1) / 1e6;
        if (o->objective == GA_SITE_APL) {
            r->before = g_memdup2(s.apl_base, (n + 1) * sizeof(double));
            r->after = g_memdup2(s.apl_cur, (n + 1) * sizeof(double));
        } else if (zones) {
            r->before = zone_values(s.zone_base, n);
            r->after = zone_values(s.zone_cur, n);
        } else {
            r->before = g_memdup2(s.base_time, (n + 1) * sizeof(double));
            r->after = g_memdup2(s.cur_time, (n + 1) * sizeof(double));
        }
        if (!r->before || !r->after) st = ga_nomem(ctx, "site result");
    }
    ga_od_free(own_cc);
    ga_points_free(origins);
    ga_points_free(cpts);
    state_free(&s);
    if (st) {
        ga_site_result_free(r);
        return st;
    }
    *out = r;
    return GA_OK;
}
