/* APL (accessibilite potentielle localisee), the DREES way: counted activity
 * of practitioners, age-standardised demand, E2SFCA (Luo & Qi 2009) between
 * communes with the DREES travel-time bands, and the DREES aggregates.
 *
 * Sources: DREES, "L'accessibilite potentielle localisee (APL)", workbook
 * "Indicateur_APL_medecins_generalistes_2022_2023", sheet "Parametres"
 * (transcribed in apl_parameters_*.csv); Barlet et al. (2012), "L'APL: une
 * nouvelle mesure de l'accessibilite aux soins de premier recours", DREES,
 * Etudes et resultats 795.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "core/alloc.h"
#include "core/internal.h"
#include "measure/measure_internal.h"

double ga_apl_counted_activity(double activity, ga_practitioner_kind kind) {
    if (!(activity > 0)) return 0.0;
    if (kind == GA_PRACT_HEALTH_CENTRE) return activity;
    if (activity <= GA_APL_FLOOR_ACTIVITY) return 0.0;
    if (activity <= GA_APL_MIN_COUNTED) return GA_APL_MIN_COUNTED;
    if (activity <= GA_APL_MAX_COUNTED) return activity;
    return GA_APL_MAX_COUNTED;
}

void ga_apl_options_init(ga_apl_options *o) {
    memset(o, 0, sizeof *o);
    o->decay = NULL;
    o->intra_cost = GA_APL_DEFAULT_INTRA_MINUTES;
    o->threshold = GA_APL_DEFAULT_THRESHOLD;
}

ga_status ga_apl_standardise(ga_ctx *ctx, const double *pop_by_band, size_t n,
                             const double *weights, size_t n_bands, double *std_pop) {
    ga_status st = ga_measure_check(ctx, "age-band weights", weights, n_bands);
    if (st == GA_OK) st = ga_measure_check(ctx, "population by age band", pop_by_band, n * n_bands);
    if (st) return st;
    for (size_t k = 0; k < n; k++) {
        double s = 0;
        for (size_t b = 0; b < n_bands; b++) s += pop_by_band[k * n_bands + b] * weights[b];
        std_pop[k] = s;
    }
    return GA_OK;
}

static int find_col(const ga_table *t, const char *given, const char *const *defaults) {
    if (given) return ga_table_find(t, given);
    return ga_table_find_any(t, defaults);
}

static bool is_missing(const char *s) {
    return !*s || !g_ascii_strcasecmp(s, "NA") || !g_ascii_strcasecmp(s, "null");
}

ga_status ga_apl_supply_from_table(ga_ctx *ctx, const ga_table *t,
                                   const ga_apl_supply_options *opts,
                                   const char *const *commune_ids, size_t n,
                                   const long *row_commune, double *supply) {
    ga_apl_supply_options o = {0};
    if (opts) o = *opts;
    static const char *const d_commune[] = {"commune", "insee", "insee_code", "codgeo", "code_commune", "insee_com", "depcom", NULL};
    static const char *const d_activity[] = {"activity", "consultations", "actes", NULL};
    static const char *const d_kind[] = {"kind", "type", NULL};
    static const char *const d_age[] = {"age", NULL};
    static const char *const d_fte[] = {"fte", "etp", "headcount", "effectif", NULL};
    const char *path = ga_table_path(t);
    int c_commune = find_col(t, o.commune_col, d_commune);
    int c_activity = find_col(t, o.activity_col, d_activity);
    int c_kind = find_col(t, o.kind_col, d_kind);
    int c_age = find_col(t, o.age_col, d_age);
    int c_fte = find_col(t, o.fte_col, d_fte);
    size_t col;
    /* a column named explicitly must exist */
    const struct { const char *name; int c; const char *what; } named[] = {
        {o.commune_col, c_commune, "commune of each practitioner"},
        {o.activity_col, c_activity, "annual consultations and visits"},
        {o.kind_col, c_kind, "liberal or health centre"},
        {o.age_col, c_age, "age"},
        {o.fte_col, c_fte, "full-time equivalents"}};
    for (size_t k = 0; k < G_N_ELEMENTS(named); k++)
        if (named[k].name && named[k].c < 0)
            return ga_table_require(ctx, t, named[k].name, named[k].what, &col);
    if (c_commune < 0 && !row_commune)
        return ga_table_require(ctx, t, "commune", "commune of each practitioner (or give coordinates and communes)", &col);
    if (c_activity < 0 && c_fte < 0)
        return ga_table_require(ctx, t, "activity",
                                "annual consultations and visits; or an 'fte'/'headcount' column", &col);
    if (o.max_age > 0 && c_age < 0)
        return ga_table_require(ctx, t, "age", "needed for the age cap", &col);
    double per_fte = o.acts_per_fte > 0 ? o.acts_per_fte : GA_APL_DEFAULT_ACTS_PER_FTE;

    /* arrondissements, restored communes, overseas rows: folded or left
     * out by the code folder (layer.h) */
    ga_code_folder *folder = ga_code_folder_new(commune_ids, n);
    double *tmp = ga_try_new0(double, n ? n : 1);
    if (!folder || !tmp) {
        g_free(tmp);
        ga_code_folder_free(folder);
        return ga_nomem(ctx, "practitioners per commune");
    }
    size_t unknown = 0, imputed = 0, too_old = 0;
    GString *ex = g_string_new(NULL);
    ga_status st = GA_OK;
    for (size_t r = 0; r < ga_table_rows(t) && st == GA_OK; r++) {
        long k = -1;
        bool folded_out = false; /* overseas, or a city the layer has by arrondissement */
        if (c_commune >= 0) {
            const char *code = ga_table_cell(t, r, (size_t)c_commune);
            /* the amount tallied: the fte/headcount column when there is one */
            double amount = 1;
            if (c_fte >= 0) {
                char *end = NULL;
                amount = g_ascii_strtod(ga_table_cell(t, r, (size_t)c_fte), &end);
                if (!end || *end || !isfinite(amount)) amount = 0;
            }
            ga_code_fold how;
            k = ga_code_folder_resolve(folder, code, amount, &how);
            folded_out = how == GA_CODE_OVERSEAS || how == GA_CODE_WHOLE_CITY;
            if (k < 0 && how == GA_CODE_UNKNOWN && unknown < 5) g_string_append_printf(ex, "%s'%s' (line %zu)", unknown ? ", " : "", code, ga_table_line(t, r));
        } else {
            k = row_commune[r];
            if (k < 0 && unknown < 5) g_string_append_printf(ex, "%sline %zu", unknown ? ", " : "", ga_table_line(t, r));
        }
        if (k < 0 || (size_t)k >= n) {
            if (!folded_out) unknown++;
            continue;
        }
        ga_practitioner_kind kind = GA_PRACT_LIBERAL;
        if (c_kind >= 0) {
            const char *s = ga_table_cell(t, r, (size_t)c_kind);
            if (!*s || !g_ascii_strcasecmp(s, "liberal") || !g_ascii_strcasecmp(s, "libéral"))
                kind = GA_PRACT_LIBERAL;
            else if (!g_ascii_strcasecmp(s, "centre") || !g_ascii_strcasecmp(s, "health_centre") ||
                     !g_ascii_strcasecmp(s, "health centre") || !g_ascii_strcasecmp(s, "cds") ||
                     !g_ascii_strcasecmp(s, "centre_de_sante"))
                kind = GA_PRACT_HEALTH_CENTRE;
            else {
                st = ga_fail(ctx, GA_ERR_VALUE,
                             "%s: line %zu: field '%s': '%s' is neither 'liberal' nor 'centre'",
                             path, ga_table_line(t, r), ga_table_header(t, (size_t)c_kind), s);
                break;
            }
        }
        if (o.max_age > 0) {
            double age;
            if ((st = ga_table_get_double(ctx, t, r, (size_t)c_age, &age))) break;
            if (age > o.max_age) {
                too_old++;
                continue;
            }
        }
        double counted;
        if (c_activity >= 0) {
            const char *s = ga_table_cell(t, r, (size_t)c_activity);
            if (is_missing(s)) {
                if (kind == GA_PRACT_HEALTH_CENTRE) {
                    st = ga_fail(ctx, GA_ERR_VALUE,
                                 "%s: line %zu: field '%s': a health centre needs its activity",
                                 path, ga_table_line(t, r), ga_table_header(t, (size_t)c_activity));
                    break;
                }
                counted = GA_APL_NEW_PRACTITIONER_ACTIVITY;
                imputed++;
            } else {
                double a;
                if ((st = ga_table_get_double(ctx, t, r, (size_t)c_activity, &a))) break;
                if (a < 0) {
                    st = ga_fail(ctx, GA_ERR_VALUE, "%s: line %zu: field '%s': negative activity %g",
                                 path, ga_table_line(t, r), ga_table_header(t, (size_t)c_activity), a);
                    break;
                }
                counted = ga_apl_counted_activity(a, kind);
            }
        } else {
            double f;
            if ((st = ga_table_get_double(ctx, t, r, (size_t)c_fte, &f))) break;
            if (f < 0) {
                st = ga_fail(ctx, GA_ERR_VALUE, "%s: line %zu: field '%s': negative value %g",
                             path, ga_table_line(t, r), ga_table_header(t, (size_t)c_fte), f);
                break;
            }
            counted = f * per_fte;
        }
        tmp[k] += counted;
    }
    if (st == GA_OK) {
        ga_code_folder_report(ctx, folder, path, NULL,
                              c_fte >= 0 ? ga_table_header(t, (size_t)c_fte) : "practitioners");
        if (unknown)
            ga_warn(ctx, "%s: %zu practitioners are in no known commune and are left out, e.g. %s",
                    path, unknown, ex->str);
        if (imputed)
            ga_warn(ctx, "%s: %zu liberal practitioners have no activity the previous year: %g imputed each",
                    path, imputed, GA_APL_NEW_PRACTITIONER_ACTIVITY);
        if (too_old)
            ga_warn(ctx, "%s: %zu practitioners older than %g are not counted", path, too_old, o.max_age);
        memcpy(supply, tmp, n * sizeof *supply);
    }
    g_string_free(ex, TRUE);
    g_free(tmp);
    ga_code_folder_free(folder);
    return st;
}

ga_status ga_apl_communes(ga_ctx *ctx, size_t n, const char *const *ids,
                          const double *std_pop, const double *total_pop,
                          const double *supply, const ga_od *od,
                          const ga_apl_options *opts, double *apl,
                          ga_apl_summary *summary) {
    if (!od || od->n_from != n || od->n_to != n)
        return ga_fail(ctx, GA_ERR_ARG, "APL: the cost table is %zu x %zu, not %zu x %zu communes",
                       od ? od->n_from : 0, od ? od->n_to : 0, n, n);
    const struct { const char *what; const double *v; } arrays[] = {
        {"standardised population", std_pop}, {"total population", total_pop},
        {"supply (counted activity)", supply}};
    for (size_t a = 0; a < G_N_ELEMENTS(arrays); a++) {
        const double *v = arrays[a].v;
        if (!v) {
            if (a == 1) continue;
            return ga_fail(ctx, GA_ERR_ARG, "APL: no %s given", arrays[a].what);
        }
        for (size_t k = 0; k < n; k++)
            if (!isfinite(v[k]) || v[k] < 0)
                return ga_fail(ctx, GA_ERR_VALUE, "APL: commune '%s': %s is %g",
                               ids ? ids[k] : "?", arrays[a].what, v[k]);
    }
    for (size_t p = 0; p < od->n_pairs; p++)
        if (!(od->cost[p] >= 0))
            return ga_fail(ctx, GA_ERR_VALUE, "APL: cost table: pair %zu has cost %g", p, od->cost[p]);
    ga_apl_options o;
    ga_apl_options_init(&o);
    if (opts) o = *opts;
    if (!isnan(o.intra_cost) && !(o.intra_cost >= 0))
        return ga_fail(ctx, GA_ERR_ARG, "APL: intra-commune cost %g must be >= 0", o.intra_cost);
    ga_decay *own = NULL;
    const ga_decay *decay = o.decay;
    if (!decay && !(decay = own = ga_decay_new_drees())) return ga_nomem(ctx, "APL decay");

    double *den = ga_try_new0(double, n ? n : 1);
    double *out = ga_try_new0(double, n ? n : 1);
    /* a commune that could not be routed (not snapped to the roads, or on a
     * road cut off from the rest) has no pairs: its APL is unknown, and even
     * its intra-commune pair is left out, so that neither its demand nor its
     * supply takes part in the competition */
    uint8_t *unk = ga_try_new0(uint8_t, n ? n : 1);
    if (!den || !out || !unk) {
        g_free(unk);
        g_free(den);
        g_free(out);
        ga_decay_free(own);
        return ga_nomem(ctx, "APL");
    }
    for (size_t i = 0; i < n; i++) unk[i] = ga_od_from_unknown(od, i) || ga_od_to_unknown(od, i);
    /* step 1: standardised demand weighted by travel time, per supply commune */
    for (size_t i = 0; i < n; i++) {
        if (std_pop[i] == 0 || unk[i]) continue;
        GA_APL_FOR_PAIRS(od, i, o.intra_cost, j, c, {
            if (supply[j] > 0 && !unk[j]) den[j] += std_pop[i] * ga_decay_weight(decay, c);
        });
    }
    /* step 2: the ratios within reach, weighted */
    for (size_t i = 0; i < n; i++) {
        double a = 0;
        if (unk[i]) {
            out[i] = NAN;
            continue;
        }
        GA_APL_FOR_PAIRS(od, i, o.intra_cost, j, c, {
            if (den[j] > 0 && !unk[j]) a += ga_decay_weight(decay, c) * supply[j] / den[j];
        });
        out[i] = a;
    }
    if (summary) ga_apl_summarise(n, out, std_pop, total_pop, supply, o.threshold, summary);
    memcpy(apl, out, n * sizeof *apl);
    g_free(unk);
    g_free(den);
    g_free(out);
    ga_decay_free(own);
    return GA_OK;
}

void ga_apl_summarise(size_t n, const double *apl, const double *std_pop, const double *total_pop,
                      const double *supply, double threshold, ga_apl_summary *out) {
    ga_apl_summary s = {0};
    s.n_communes = n;
    s.threshold = threshold;
    double wsum = 0, wpop = 0;
    for (size_t k = 0; k < n; k++) {
        double sp = isnan(std_pop[k]) ? 0 : std_pop[k];
        double tp = total_pop ? (isnan(total_pop[k]) ? 0 : total_pop[k]) : sp;
        s.std_population += sp;
        s.total_population += tp;
        if (supply) s.supply += supply[k];
        if (isnan(apl[k])) { /* not routed: unknown, out of the mean and the counts */
            s.communes_unknown++;
            s.population_unknown += tp;
            continue;
        }
        wsum += sp * apl[k];
        wpop += sp;
        if (apl[k] < threshold) {
            s.communes_under++;
            s.population_under += tp;
        }
    }
    s.mean_apl = wpop > 0 ? wsum / wpop : 0.0;
    *out = s;
}

ga_status ga_apl_headcount(ga_ctx *ctx, size_t n, const char *const *ids, const double *demand,
                           const double *headcount, const ga_od *od, double *apl) {
    ga_status st = ga_apl_communes(ctx, n, ids, demand, NULL, headcount, od, NULL, apl, NULL);
    for (size_t i = 0; !st && i < n; i++) apl[i] *= GA_APL_PER_PEOPLE; /* NAN stays NAN */
    return st;
}

typedef struct {
    double apl, people;
} apl_people;

static int by_apl(const void *a, const void *b) {
    double x = ((const apl_people *)a)->apl, y = ((const apl_people *)b)->apl;
    return (x > y) - (x < y);
}

void ga_apl_summarise_lowest(size_t n, const double *apl, const double *demand, const double *total_pop,
                             double share, ga_apl_summary *out) {
    ga_apl_summarise(n, apl, demand, total_pop, NULL, 0, out);
    /* the weighted quantile by hand: GLib sorts, nothing in it weighs */
    apl_people *v = g_new(apl_people, n + 1);
    size_t m = 0;
    double routed = 0;
    for (size_t k = 0; k < n; k++) {
        if (isnan(apl[k])) continue;
        double p = total_pop ? total_pop[k] : demand[k];
        v[m++] = (apl_people){apl[k], isnan(p) ? 0 : p};
        routed += isnan(p) ? 0 : p;
    }
    qsort(v, m, sizeof *v, by_apl);
    double thr = m ? v[0].apl : 0, cum = 0;
    for (size_t k = 0; k < m; k++) {
        cum += v[k].people;
        thr = v[k].apl;
        if (cum >= share * routed) break;
    }
    out->threshold = thr;
    out->communes_under = 0;
    out->population_under = 0;
    for (size_t k = 0; k < m; k++)
        if (v[k].apl <= thr) {
            out->communes_under++;
            out->population_under += v[k].people;
        }
    g_free(v);
}
