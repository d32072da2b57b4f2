/* Decay (impedance) functions parsed from strings such as "steps:10=1,15=0.5".
 * The Gaussian is the catchment-bounded form of Dai D. (2010), Black
 * residential segregation, disparities in spatial access to health care
 * facilities, and late-stage breast cancer diagnosis in metropolitan
 * Detroit, Health & Place 16(5), 1038-1052, as used by Wan et al. (2012). */
#include <math.h>
#include <string.h>
#include "core/alloc.h"
#include "core/internal.h"
#include "layer/table.h"

typedef enum { D_BINARY, D_STEPS, D_POWER, D_EXPONENTIAL, D_LINEAR, D_GAUSSIAN } decay_kind;

struct ga_decay {
    decay_kind kind;
    double param;     /* C or BETA */
    size_t n_steps;
    double *bound;    /* steps: upper bounds, increasing */
    double *weight;   /* steps: weights */
    double max_cost;  /* INFINITY: none */
};

void ga_decay_free(ga_decay *d) {
    if (!d) return;
    g_free(d->bound);
    g_free(d->weight);
    g_free(d);
}

/* A decimal number with blanks around (always '.' decimals; no hex, inf
 * or nan). */
static bool parse_num(const char *s, double *out) {
    while (*s == ' ' || *s == '\t') s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
    return ga_parse_decimal(s, n, false, out);
}

static ga_status bad(ga_ctx *ctx, const char *spec, const char *what) {
    return ga_fail(ctx, GA_ERR_ARG,
                   "decay '%s': %s (expected binary:C, steps:B1=W1,B2=W2,..., "
                   "power:BETA, exponential:BETA, linear:C or gaussian:C)",
                   ga_clip(spec), what);
}

ga_status ga_decay_parse(ga_ctx *ctx, const char *spec, ga_decay **out) {
    if (!spec || !*spec) return bad(ctx, spec ? spec : "", "empty specification");
    const char *colon = strchr(spec, ':');
    if (!colon) return bad(ctx, spec, "no ':' between the function name and its parameter");
    g_autofree char *name = ga_try_strndup(spec, (size_t)(colon - spec));
    if (!name) return ga_nomem(ctx, "decay name");
    g_strstrip(name);
    const char *arg = colon + 1;
    static const struct { const char *name; decay_kind kind; } names[] = {
        {"binary", D_BINARY}, {"steps", D_STEPS}, {"power", D_POWER},
        {"exponential", D_EXPONENTIAL}, {"linear", D_LINEAR}, {"gaussian", D_GAUSSIAN}};
    int kind = -1;
    for (size_t i = 0; i < G_N_ELEMENTS(names); i++)
        if (!g_ascii_strcasecmp(name, names[i].name)) kind = (int)names[i].kind;
    if (kind < 0) {
        char m[512];
        g_snprintf(m, sizeof m, "unknown function '%s'", ga_clip(name));
        return bad(ctx, spec, m);
    }
    ga_decay d = {.kind = (decay_kind)kind, .max_cost = INFINITY};
    if (kind == D_STEPS) {
        gchar **parts = g_strsplit(arg, ",", -1);
        size_t n = g_strv_length(parts);
        if (n == 0 || (n == 1 && !*g_strstrip(parts[0]))) {
            g_strfreev(parts);
            return bad(ctx, spec, "steps need at least one BOUND=WEIGHT");
        }
        d.bound = ga_try_new(double, n);
        d.weight = ga_try_new(double, n);
        if (!d.bound || !d.weight) {
            g_free(d.bound);
            g_free(d.weight);
            g_strfreev(parts);
            return ga_nomem(ctx, "decay steps");
        }
        ga_status st = GA_OK;
        for (size_t k = 0; k < n && st == GA_OK; k++) {
            char *eq = strchr(parts[k], '=');
            char m[512] = ""; /* a message without allocation */
            if (!eq) {
                g_snprintf(m, sizeof m, "step %zu '%s' is not BOUND=WEIGHT", k + 1, ga_clip(g_strstrip(parts[k])));
            } else {
                *eq = 0;
                if (!parse_num(parts[k], &d.bound[k]))
                    g_snprintf(m, sizeof m, "step %zu: bound '%s' is not a number", k + 1, ga_clip(parts[k]));
                else if (!parse_num(eq + 1, &d.weight[k]))
                    g_snprintf(m, sizeof m, "step %zu: weight '%s' is not a number", k + 1, ga_clip(eq + 1));
                else if (d.bound[k] < 0)
                    g_snprintf(m, sizeof m, "step %zu: bound %g is negative", k + 1, d.bound[k]);
                else if (k && d.bound[k] <= d.bound[k - 1])
                    g_snprintf(m, sizeof m, "step %zu: bound %g is not above the previous bound %g",
                                        k + 1, d.bound[k], d.bound[k - 1]);
                else if (d.weight[k] < 0 || d.weight[k] > 1)
                    g_snprintf(m, sizeof m, "step %zu: weight %g is outside [0, 1]", k + 1, d.weight[k]);
            }
            if (*m) st = bad(ctx, spec, m);
        }
        g_strfreev(parts);
        if (st) {
            g_free(d.bound);
            g_free(d.weight);
            return st;
        }
        d.n_steps = n;
    } else {
        if (!parse_num(arg, &d.param)) return bad(ctx, spec, "the parameter is not a number");
        switch (d.kind) {
        case D_BINARY:
            if (d.param < 0) return bad(ctx, spec, "the cutoff C must be >= 0");
            break;
        case D_LINEAR:
        case D_GAUSSIAN:
            if (d.param <= 0) return bad(ctx, spec, "C must be > 0");
            break;
        case D_EXPONENTIAL:
            if (d.param < 0) return bad(ctx, spec, "BETA must be >= 0");
            break;
        default:
            break;
        }
    }
    ga_decay *res = ga_try_new(ga_decay, 1);
    if (!res) {
        g_free(d.bound);
        g_free(d.weight);
        return ga_nomem(ctx, "decay");
    }
    *res = d;
    *out = res;
    return GA_OK;
}

ga_decay *ga_decay_new_drees(void) {
    ga_decay *d = ga_try_new0(ga_decay, 1);
    if (!d) return NULL;
    d->kind = D_STEPS;
    d->max_cost = INFINITY;
    d->n_steps = 3;
    d->bound = ga_try_new(double, 3);
    d->weight = ga_try_new(double, 3);
    if (!d->bound || !d->weight) {
        ga_decay_free(d);
        return NULL;
    }
    d->bound[0] = 10, d->weight[0] = 1.0;
    d->bound[1] = 15, d->weight[1] = 2.0 / 3.0;
    d->bound[2] = 20, d->weight[2] = 1.0 / 3.0;
    return d;
}

void ga_decay_set_max_cost(ga_decay *d, double max_cost) {
    d->max_cost = (max_cost > 0 && isfinite(max_cost)) ? max_cost : INFINITY;
}

double ga_decay_weight(const ga_decay *d, double c) {
    if (c > d->max_cost) return 0.0;
    switch (d->kind) {
    case D_BINARY:
        return c <= d->param ? 1.0 : 0.0;
    case D_STEPS:
        for (size_t k = 0; k < d->n_steps; k++)
            if (c <= d->bound[k]) return d->weight[k];
        return 0.0;
    case D_POWER:
        if (d->param > 0) return pow(c < 1.0 ? 1.0 : c, -d->param);
        return pow(c, -d->param);
    case D_EXPONENTIAL:
        return exp(-d->param * c);
    case D_LINEAR:
        return c < d->param ? 1.0 - c / d->param : 0.0;
    case D_GAUSSIAN: {
        if (c > d->param) return 0.0;
        double e = exp(-0.5);
        double r = c / d->param;
        return (exp(-0.5 * r * r) - e) / (1.0 - e);
    }
    }
    return 0.0;
}

double ga_decay_bound(const ga_decay *d) {
    double b = INFINITY;
    switch (d->kind) {
    case D_BINARY:
    case D_LINEAR:
    case D_GAUSSIAN:
        b = d->param;
        break;
    case D_STEPS:
        b = d->bound[d->n_steps - 1];
        break;
    default:
        break;
    }
    return b < d->max_cost ? b : d->max_cost;
}

bool ga_decay_is_binary(const ga_decay *d, double *cutoff) {
    if (d->kind != D_BINARY) return false;
    if (cutoff) *cutoff = ga_decay_bound(d);
    return true;
}

char *ga_decay_describe(const ga_decay *d) {
    static const char *const names[] = {"binary", "steps", "power",
                                        "exponential", "linear", "gaussian"};
    GString *s = g_string_new(names[d->kind]);
    g_string_append_c(s, ':');
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    if (d->kind == D_STEPS) {
        for (size_t k = 0; k < d->n_steps; k++) {
            if (k) g_string_append_c(s, ',');
            g_string_append(s, g_ascii_formatd(buf, sizeof buf, "%.17g", d->bound[k]));
            g_string_append_c(s, '=');
            g_string_append(s, g_ascii_formatd(buf, sizeof buf, "%.17g", d->weight[k]));
        }
    } else {
        g_string_append(s, g_ascii_formatd(buf, sizeof buf, "%.17g", d->param));
    }
    if (isfinite(d->max_cost))
        g_string_append_printf(s, " (max cost %s)",
                               g_ascii_formatd(buf, sizeof buf, "%.17g", d->max_cost));
    return g_string_free(s, FALSE);
}
