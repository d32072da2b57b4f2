/* The floating catchment area family, gravity, cumulative opportunities,
 * cost to the closest supply and spatial availability, over a ga_od.
 *
 * Every measure is one or two passes over the CSR pairs; weights are
 * recomputed rather than stored (a pass is cheaper than the memory). Sums run
 * in pair order, so results do not depend on anything but the input.
 *
 * References
 *   Hansen W.G. (1959) How accessibility shapes land use. Journal of the
 *     American Institute of Planners 25(2), 73-76.
 *   Luo W., Wang F. (2003) Measures of spatial accessibility to health care
 *     in a GIS environment: synthesis and a case study in the Chicago region.
 *     Environment and Planning B 30(6), 865-884.
 *   Luo W., Qi Y. (2009) An enhanced two-step floating catchment area
 *     (E2SFCA) method for measuring spatial accessibility to primary care
 *     physicians. Health & Place 15(4), 1100-1107.
 *   Wan N., Zou B., Sternberg T. (2012) A three-step floating catchment area
 *     method for analyzing spatial access to health services. International
 *     Journal of Geographical Information Science 26(6), 1073-1089.
 *   Paez A., Higgins C.D., Vivona S.F. (2019) Demand and level of service
 *     inflation in Floating Catchment Area (FCA) methods. PLoS ONE 14(6),
 *     e0218773.
 *   Soukhov A., Paez A., Higgins C.D., Mohamed M. (2023) Introducing spatial
 *     availability, a singly-constrained measure of competitive
 *     accessibility. PLoS ONE 18(1), e0278468.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "core/alloc.h"
#include "core/internal.h"
#include "measure/measure_internal.h"

ga_status ga_measure_check(ga_ctx *ctx, const char *what, const double *v, size_t n) {
    if (!v) return ga_fail(ctx, GA_ERR_ARG, "%s: no values given", what);
    for (size_t i = 0; i < n; i++)
        if (!isfinite(v[i]) || v[i] < 0)
            return ga_fail(ctx, GA_ERR_VALUE, "%s: value %g at index %zu is %s", what, v[i], i,
                           isfinite(v[i]) ? "negative" : "not finite");
    return GA_OK;
}

static ga_status check_od(ga_ctx *ctx, const ga_od *od) {
    if (!od) return ga_fail(ctx, GA_ERR_ARG, "no cost table given");
    for (size_t p = 0; p < od->n_pairs; p++)
        if (!(od->cost[p] >= 0) || isnan(od->cost[p]))
            return ga_fail(ctx, GA_ERR_VALUE, "cost table: pair %zu has cost %g (must be >= 0)",
                           p, od->cost[p]);
    return GA_OK;
}

bool ga_fca_method_parse(const char *name, ga_fca_method *out) {
    static const char *const names[] = {"2sfca", "e2sfca", "3sfca", "bfca"};
    for (size_t i = 0; i < G_N_ELEMENTS(names); i++)
        if (name && !g_ascii_strcasecmp(name, names[i])) {
            *out = (ga_fca_method)i;
            return true;
        }
    return false;
}

const char *ga_fca_method_name(ga_fca_method m) {
    static const char *const names[] = {"2sfca", "e2sfca", "3sfca", "bfca"};
    return (unsigned)m < G_N_ELEMENTS(names) ? names[m] : "?";
}

/* An origin that could not be routed has no pairs, so its demand takes no
 * part in the competition; its own value is unknown (NAN), not 0. */
static void mark_unknown(const ga_od *od, double *out) {
    for (size_t i = 0; od->from_unknown && i < od->n_from; i++)
        if (od->from_unknown[i]) out[i] = NAN;
}

/* R_j = S_j / den_j, 0 where den_j is 0 (nobody in the catchment). */
static void ratios(const double *supply, const double *den, size_t n, double *r) {
    for (size_t j = 0; j < n; j++) r[j] = den[j] > 0 ? supply[j] / den[j] : 0.0;
}

ga_status ga_fca(ga_ctx *ctx, ga_fca_method method, const ga_od *od,
                 const double *demand, const double *supply,
                 const ga_decay *decay, double *access) {
    ga_status st;
    if ((st = check_od(ctx, od)) || (st = ga_measure_check(ctx, "demand", demand, od->n_from)) ||
        (st = ga_measure_check(ctx, "supply", supply, od->n_to)))
        return st;
    if (!decay) return ga_fail(ctx, GA_ERR_ARG, "%s: no decay function given", ga_fca_method_name(method));
    if ((unsigned)method > GA_FCA_BFCA) return ga_fail(ctx, GA_ERR_ARG, "unknown FCA method %d", (int)method);
    size_t nf = od->n_from, nt = od->n_to;
    const size_t *rs = od->row_start;
    double *den = ga_try_new0(double, nt ? nt : 1);
    double *r = ga_try_new0(double, nt ? nt : 1);
    double *out = ga_try_new0(double, nf ? nf : 1);
    double *rowsum = NULL, *colsum = NULL;
    bool nomem = !den || !r || !out;
    if (!nomem && (method == GA_FCA_3SFCA || method == GA_FCA_BFCA))
        nomem = !(rowsum = ga_try_new0(double, nf ? nf : 1));
    if (!nomem && method == GA_FCA_BFCA) nomem = !(colsum = ga_try_new0(double, nt ? nt : 1));
    if (nomem) {
        g_free(den);
        g_free(r);
        g_free(out);
        g_free(rowsum);
        return ga_nomem(ctx, ga_fca_method_name(method));
    }

    if (method == GA_FCA_2SFCA || method == GA_FCA_E2SFCA) {
        /* Luo & Wang (2003), Luo & Qi (2009). Step 1: demand in each
         * supply's catchment, weighted. */
        for (size_t i = 0; i < nf; i++) {
            if (demand[i] == 0) continue;
            for (size_t p = rs[i]; p < rs[i + 1]; p++) {
                uint32_t j = od->to[p];
                if (supply[j] > 0) den[j] += demand[i] * ga_decay_weight(decay, od->cost[p]);
            }
        }
        ratios(supply, den, nt, r);
        /* Step 2: ratios within each demand's catchment, weighted. */
        for (size_t i = 0; i < nf; i++) {
            double a = 0;
            for (size_t p = rs[i]; p < rs[i + 1]; p++) {
                uint32_t j = od->to[p];
                if (r[j] > 0) a += r[j] * ga_decay_weight(decay, od->cost[p]);
            }
            out[i] = a;
        }
    } else if (method == GA_FCA_3SFCA) {
        /* Wan, Zou & Sternberg (2012): selection weight G_ij = W_ij / sum_k
         * W_ik over the supply sites in i's catchment, applied in both steps. */
        for (size_t i = 0; i < nf; i++)
            for (size_t p = rs[i]; p < rs[i + 1]; p++)
                if (supply[od->to[p]] > 0) rowsum[i] += ga_decay_weight(decay, od->cost[p]);
        for (size_t i = 0; i < nf; i++) {
            if (demand[i] == 0 || rowsum[i] == 0) continue;
            for (size_t p = rs[i]; p < rs[i + 1]; p++) {
                uint32_t j = od->to[p];
                if (supply[j] == 0) continue;
                double w = ga_decay_weight(decay, od->cost[p]);
                den[j] += demand[i] * w * (w / rowsum[i]);
            }
        }
        ratios(supply, den, nt, r);
        for (size_t i = 0; i < nf; i++) {
            double a = 0;
            if (rowsum[i] > 0)
                for (size_t p = rs[i]; p < rs[i + 1]; p++) {
                    uint32_t j = od->to[p];
                    if (r[j] == 0) continue;
                    double w = ga_decay_weight(decay, od->cost[p]);
                    a += r[j] * w * (w / rowsum[i]);
                }
            out[i] = a;
        }
    } else {
        /* Paez, Higgins & Vivona (2019), balanced FCA. Demand of i is split
         * over the supplied destinations in proportion to W_ij (row
         * balancing); the level of service of j is split over the origins
         * reaching it in proportion to W_ij (column balancing). */
        for (size_t i = 0; i < nf; i++)
            for (size_t p = rs[i]; p < rs[i + 1]; p++) {
                uint32_t j = od->to[p];
                if (supply[j] == 0) continue;
                double w = ga_decay_weight(decay, od->cost[p]);
                rowsum[i] += w;
                colsum[j] += w;
            }
        for (size_t i = 0; i < nf; i++) {
            if (demand[i] == 0 || rowsum[i] == 0) continue;
            for (size_t p = rs[i]; p < rs[i + 1]; p++) {
                uint32_t j = od->to[p];
                if (supply[j] > 0)
                    den[j] += demand[i] * ga_decay_weight(decay, od->cost[p]) / rowsum[i];
            }
        }
        ratios(supply, den, nt, r);
        for (size_t i = 0; i < nf; i++) {
            double a = 0;
            for (size_t p = rs[i]; p < rs[i + 1]; p++) {
                uint32_t j = od->to[p];
                if (r[j] > 0 && colsum[j] > 0)
                    a += r[j] * ga_decay_weight(decay, od->cost[p]) / colsum[j];
            }
            out[i] = a;
        }
    }
    ga_status overflow = GA_OK;
    for (size_t i = 0; i < nf && !overflow; i++)
        if (!isfinite(out[i]))
            overflow = ga_fail(ctx, GA_ERR_VALUE, "%s: the sums overflow at demand index %zu "
                               "(demand or supply too large: values above 1e12?)",
                               ga_fca_method_name(method), i);
    mark_unknown(od, out);
    if (!overflow) memcpy(access, out, nf * sizeof *access);
    g_free(den);
    g_free(r);
    g_free(out);
    g_free(rowsum);
    g_free(colsum);
    return overflow;
}

ga_status ga_gravity(ga_ctx *ctx, const ga_od *od, const double *supply,
                     const ga_decay *decay, double *access) {
    ga_status st;
    if ((st = check_od(ctx, od)) || (st = ga_measure_check(ctx, "supply", supply, od->n_to)))
        return st;
    if (!decay) return ga_fail(ctx, GA_ERR_ARG, "gravity: no decay function given");
    /* Hansen (1959): potential = sum of opportunities weighted by decay. */
    for (size_t i = 0; i < od->n_from; i++) {
        double a = 0;
        for (size_t p = od->row_start[i]; p < od->row_start[i + 1]; p++) {
            double s = supply[od->to[p]];
            if (s > 0) a += s * ga_decay_weight(decay, od->cost[p]);
        }
        access[i] = a;
    }
    mark_unknown(od, access);
    return GA_OK;
}

ga_status ga_cumulative(ga_ctx *ctx, const ga_od *od, const double *supply,
                        double cutoff, double *access) {
    ga_status st;
    if ((st = check_od(ctx, od)) || (st = ga_measure_check(ctx, "supply", supply, od->n_to)))
        return st;
    if (!(cutoff >= 0)) return ga_fail(ctx, GA_ERR_ARG, "cumulative: cutoff %g must be >= 0", cutoff);
    for (size_t i = 0; i < od->n_from; i++) {
        double a = 0;
        for (size_t p = od->row_start[i]; p < od->row_start[i + 1]; p++)
            if (od->cost[p] <= cutoff) a += supply[od->to[p]];
        access[i] = a;
    }
    mark_unknown(od, access);
    return GA_OK;
}

typedef struct {
    double cost, supply;
} cost_supply;

static int cmp_cost(const void *a, const void *b) {
    const cost_supply *x = a, *y = b;
    return (x->cost > y->cost) - (x->cost < y->cost);
}

ga_status ga_cost_to_closest(ga_ctx *ctx, const ga_od *od, const double *supply,
                             double n, const ga_decay *decay, double *cost) {
    ga_status st;
    if ((st = check_od(ctx, od)) || (st = ga_measure_check(ctx, "supply", supply, od->n_to)))
        return st;
    if (!(n >= 1) || !isfinite(n))
        return ga_fail(ctx, GA_ERR_ARG, "cost to closest: n = %g must be >= 1", n);
    double max_cost = decay ? ga_decay_bound(decay) : INFINITY;
    /* pairs beyond the decay's bound (max cost, binary/steps/linear cutoff)
     * are not reached */
    GArray *buf = g_array_new(FALSE, FALSE, sizeof(cost_supply));
    double *out = ga_try_new(double, od->n_from ? od->n_from : 1);
    if (!out) {
        g_array_free(buf, TRUE);
        return ga_nomem(ctx, "cost to closest");
    }
    for (size_t i = 0; i < od->n_from; i++) {
        g_array_set_size(buf, 0);
        for (size_t p = od->row_start[i]; p < od->row_start[i + 1]; p++) {
            double s = supply[od->to[p]];
            if (s > 0 && od->cost[p] <= max_cost) {
                cost_supply cs = {od->cost[p], s};
                g_array_append_val(buf, cs);
            }
        }
        cost_supply *v = (cost_supply *)buf->data;
        double c = INFINITY;
        if (buf->len > 1) qsort(v, buf->len, sizeof *v, cmp_cost);
        double acc = 0;
        for (size_t k = 0; k < buf->len; k++) {
            acc += v[k].supply;
            if (acc >= n) {
                c = v[k].cost;
                break;
            }
        }
        out[i] = c;
    }
    mark_unknown(od, out);
    memcpy(cost, out, od->n_from * sizeof *cost);
    g_free(out);
    g_array_free(buf, TRUE);
    return GA_OK;
}

ga_status ga_spatial_availability(ga_ctx *ctx, const ga_od *od,
                                  const double *demand, const double *supply,
                                  const ga_decay *decay, double alpha,
                                  double *availability) {
    ga_status st;
    if ((st = check_od(ctx, od)) || (st = ga_measure_check(ctx, "demand", demand, od->n_from)) ||
        (st = ga_measure_check(ctx, "supply", supply, od->n_to)))
        return st;
    if (!decay) return ga_fail(ctx, GA_ERR_ARG, "spatial availability: no decay function given");
    if (!(alpha >= 0) || !isfinite(alpha))
        return ga_fail(ctx, GA_ERR_ARG, "spatial availability: alpha = %g must be >= 0", alpha);
    /* Soukhov et al. (2023), eq. for F^t: the population and cost balancing
     * factors are both normalised over the origins reaching j; their
     * product normalised again over those origins gives
     * F^t_ij = P_i^a f_ij / sum_k P_k^a f_kj (the constant denominators of
     * F^p and F^c cancel). */
    size_t nf = od->n_from, nt = od->n_to;
    double *pa = ga_try_new(double, nf ? nf : 1);
    double *den = ga_try_new0(double, nt ? nt : 1);
    double *out = ga_try_new(double, nf ? nf : 1);
    if (!pa || !den || !out) {
        g_free(out);
        g_free(den);
        g_free(pa);
        return ga_nomem(ctx, "spatial availability");
    }
    for (size_t i = 0; i < nf; i++) pa[i] = alpha == 1 ? demand[i] : pow(demand[i], alpha); /* 0^0 = 1 */
    for (size_t i = 0; i < nf; i++)
        for (size_t p = od->row_start[i]; p < od->row_start[i + 1]; p++)
            den[od->to[p]] += pa[i] * ga_decay_weight(decay, od->cost[p]);
    for (size_t i = 0; i < nf; i++) {
        double a = 0;
        for (size_t p = od->row_start[i]; p < od->row_start[i + 1]; p++) {
            uint32_t j = od->to[p];
            if (den[j] > 0 && supply[j] > 0)
                a += supply[j] * pa[i] * ga_decay_weight(decay, od->cost[p]) / den[j];
        }
        out[i] = a;
    }
    /* sums of huge values overflow: inf / inf gives NaN, never a result */
    for (size_t i = 0; i < nf; i++)
        if (!isfinite(out[i])) {
            g_free(out);
            g_free(den);
            g_free(pa);
            return ga_fail(ctx, GA_ERR_VALUE,
                           "spatial availability: the sums overflow at demand index %zu "
                           "(demand^alpha or supply too large: values above 1e12 or a large alpha)",
                           i);
        }
    mark_unknown(od, out);
    memcpy(availability, out, nf * sizeof *availability);
    g_free(out);
    g_free(den);
    g_free(pa);
    return GA_OK;
}
