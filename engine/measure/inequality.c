/* Inequality of a measure over zones, weighted by population: Gini, Palma
 * ratio, Theil T. Zones are ranked by value (ties in index order), so the
 * result does not depend on the order of the input beyond ties. */
#include <math.h>
#include <stdlib.h>
#include "core/alloc.h"
#include "core/internal.h"
#include "measure/measure_internal.h"

typedef struct {
    double x, w;
    size_t i;
} zone;

static int cmp_zone(const void *a, const void *b) {
    const zone *p = a, *q = b;
    if (p->x != q->x) return p->x < q->x ? -1 : 1;
    return (p->i > q->i) - (p->i < q->i);
}

/* Sorted zones with positive weight; totals of w and w*x. */
static ga_status prepare(ga_ctx *ctx, const char *what, const double *x, const double *w,
                         size_t n, zone **out, size_t *m, double *tw, double *tx) {
    ga_status st = ga_measure_check(ctx, what, x, n);
    if (st == GA_OK && w) st = ga_measure_check(ctx, "weights", w, n);
    if (st) return st;
    zone *z = ga_try_new(zone, n ? n : 1);
    if (!z) return ga_nomem(ctx, what);
    size_t k = 0;
    double sw = 0, sx = 0;
    for (size_t i = 0; i < n; i++) {
        double wi = w ? w[i] : 1.0;
        if (wi <= 0) continue;
        z[k++] = (zone){x[i], wi, i};
    }
    qsort(z, k, sizeof *z, cmp_zone);
    for (size_t i = 0; i < k; i++) {
        sw += z[i].w;
        sx += z[i].w * z[i].x;
    }
    if (!(sw > 0)) {
        g_free(z);
        return ga_fail(ctx, GA_ERR_VALUE, "%s: the population weights add up to 0", what);
    }
    *out = z;
    *m = k;
    *tw = sw;
    *tx = sx;
    return GA_OK;
}

ga_status ga_gini(ga_ctx *ctx, const double *x, const double *w, size_t n, double *out) {
    zone *z;
    size_t m;
    double tw, tx;
    ga_status st = prepare(ctx, "Gini", x, w, n, &z, &m, &tw, &tx);
    if (st) return st;
    double g = 0;
    if (tx > 0) {
        /* 1 - sum over zones of (p_k - p_k-1)(L_k + L_k-1): trapezoids under
         * the Lorenz curve. */
        double cw = 0, cx = 0, area = 0;
        for (size_t k = 0; k < m; k++) {
            double l0 = cx / tx;
            cw += z[k].w;
            cx += z[k].w * z[k].x;
            area += (z[k].w / tw) * (l0 + cx / tx);
        }
        g = 1.0 - area;
        if (g < 0) g = 0; /* rounding on exact equality */
    }
    g_free(z);
    *out = g;
    return GA_OK;
}

/* Share of the total held by the population fractions [a, b]. */
static double share(const zone *z, size_t m, double tw, double tx, double a, double b) {
    double c0 = 0, s = 0;
    for (size_t k = 0; k < m; k++) {
        double p0 = c0 / tw, p1 = (c0 + z[k].w) / tw;
        c0 += z[k].w;
        double lo = p0 > a ? p0 : a, hi = p1 < b ? p1 : b;
        if (hi > lo) s += (hi - lo) * tw * z[k].x;
    }
    return s / tx;
}

ga_status ga_palma(ga_ctx *ctx, const double *x, const double *w, size_t n, double *out) {
    zone *z;
    size_t m;
    double tw, tx;
    ga_status st = prepare(ctx, "Palma", x, w, n, &z, &m, &tw, &tx);
    if (st) return st;
    double r = 0.25; /* all zero: equality, 10 % / 40 % */
    if (tx > 0) {
        double top = share(z, m, tw, tx, 0.9, 1.0), bottom = share(z, m, tw, tx, 0.0, 0.4);
        r = bottom > 0 ? top / bottom : INFINITY;
    }
    g_free(z);
    *out = r;
    return GA_OK;
}

ga_status ga_theil(ga_ctx *ctx, const double *x, const double *w, size_t n, double *out) {
    zone *z;
    size_t m;
    double tw, tx;
    ga_status st = prepare(ctx, "Theil", x, w, n, &z, &m, &tw, &tx);
    if (st) return st;
    double t = 0;
    if (tx > 0) {
        double mu = tx / tw;
        for (size_t k = 0; k < m; k++) {
            double r = z[k].x / mu;
            if (r > 0) t += z[k].w * r * log(r);
        }
        t /= tw;
        if (t < 0) t = 0;
    }
    g_free(z);
    *out = t;
    return GA_OK;
}
