/* Coverage and zone rules: see zones.h. The rule parser is a small
 * recursive-descent parser written by hand (GLib has no expression parser;
 * the grammar is six productions). */
#include <math.h>
#include <string.h>
#include "core/alloc.h"
#include "core/internal.h"
#include "geoaccess/zones.h"
#include "measure/zones.h"

/* ---- coverage ---- */

static int cmp_name(gconstpointer a, gconstpointer b) {
    /* g_ptr_array_sort passes pointers to the elements */
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

ga_status ga_coverage_compute(ga_ctx *ctx, size_t n, const double *cost, const double *pop,
                              const char *const *group, double threshold, ga_coverage **out) {
    if (!(threshold >= 0) || !isfinite(threshold))
        return ga_fail(ctx, GA_ERR_ARG, "coverage: threshold must be a number >= 0 (got %g)", threshold);
    GHashTable *idx = g_hash_table_new(g_str_hash, g_str_equal);
    GPtrArray *names = g_ptr_array_new();
    const char **gname = ga_try_new(const char *, n ? n : 1);
    if (!gname) {
        g_ptr_array_free(names, TRUE);
        g_hash_table_destroy(idx);
        return ga_nomem(ctx, "coverage groups");
    }
    for (size_t i = 0; i < n; i++) {
        const char *gn = !group ? "all" : (group[i] && *group[i]) ? group[i] : "(none)";
        gname[i] = gn;
        if (!g_hash_table_contains(idx, gn)) {
            g_hash_table_insert(idx, (gpointer)gn, NULL);
            g_ptr_array_add(names, (gpointer)gn);
        }
    }
    g_ptr_array_sort(names, cmp_name);
    ga_coverage *c = ga_try_new0(ga_coverage, 1);
    bool nomem = !c;
    if (c) {
        c->group = ga_try_new0(char *, names->len + 1);
        c->communes = ga_try_new0(size_t, names->len + 1);
        c->communes_covered = ga_try_new0(size_t, names->len + 1);
        c->population = ga_try_new0(double, names->len + 1);
        c->covered = ga_try_new0(double, names->len + 1);
        c->communes_unknown = ga_try_new0(size_t, names->len + 1);
        c->population_unknown = ga_try_new0(double, names->len + 1);
        nomem = !c->group || !c->communes || !c->communes_covered || !c->population || !c->covered ||
                !c->communes_unknown || !c->population_unknown;
        c->threshold = threshold;
    }
    g_hash_table_remove_all(idx);
    for (guint k = 0; k < names->len && !nomem; k++) {
        c->n_groups = k + 1; /* the names so far, for ga_coverage_free */
        if (!(c->group[k] = ga_try_strdup(names->pdata[k]))) nomem = true;
        else g_hash_table_insert(idx, c->group[k], GSIZE_TO_POINTER(k + 1));
    }
    if (nomem) {
        ga_coverage_free(c);
        g_free(gname);
        g_ptr_array_free(names, TRUE);
        g_hash_table_destroy(idx);
        return ga_nomem(ctx, "coverage");
    }
    c->n_groups = names->len;
    for (size_t i = 0; i < n; i++) {
        size_t k = GPOINTER_TO_SIZE(g_hash_table_lookup(idx, gname[i])) - 1;
        double p = isnan(pop[i]) ? 0 : pop[i];
        if (isnan(cost[i])) { /* not routed: unknown, out of the shares */
            c->communes_unknown[k]++;
            c->population_unknown[k] += p;
            c->total_communes_unknown++;
            c->total_population_unknown += p;
            continue;
        }
        bool in = cost[i] <= threshold; /* INFINITY compares false */
        c->communes[k]++;
        c->population[k] += p;
        c->total_communes++;
        c->total_population += p;
        if (in) {
            c->communes_covered[k]++;
            c->covered[k] += p;
            c->total_communes_covered++;
            c->total_covered += p;
        }
    }
    g_free(gname);
    g_ptr_array_free(names, TRUE);
    g_hash_table_destroy(idx);
    *out = c;
    return GA_OK;
}

void ga_coverage_free(ga_coverage *c) {
    if (!c) return;
    for (size_t k = 0; c->group && k < c->n_groups; k++) g_free(c->group[k]);
    g_free(c->group);
    g_free(c->communes);
    g_free(c->communes_covered);
    g_free(c->population);
    g_free(c->covered);
    g_free(c->communes_unknown);
    g_free(c->population_unknown);
    g_free(c);
}

/* ---- zone rules ---- */

typedef enum { N_OR, N_AND, N_NOT, N_CMP, N_UNKNOWN } node_kind;
typedef enum { OP_GT, OP_GE, OP_LT, OP_LE } cmp_op;

typedef struct node {
    node_kind kind;
    struct node *a, *b;
    ga_zone_value value;
    char *type;
    cmp_op op;
    double number;
} node;

struct ga_zone_rule {
    node *root;
    GPtrArray *types; /* char*, owned */
    bool uses[3];
};

typedef struct {
    ga_ctx *ctx;
    const char *text, *p;
    ga_zone_rule *rule;
    ga_status st;
} parser;

static void node_free(node *n) {
    if (!n) return;
    node_free(n->a);
    node_free(n->b);
    g_free(n->type);
    g_free(n);
}

static void perr(parser *ps, const char *what) {
    if (ps->st) return;
    ps->st = ga_fail(ps->ctx, GA_ERR_ARG, "zone rule '%s': at character %zu: %s", ps->text,
                     (size_t)(ps->p - ps->text) + 1, what);
}

static void pnomem(parser *ps, const char *what) {
    if (!ps->st) ps->st = ga_nomem(ps->ctx, what);
}

static void skip_ws(parser *ps) {
    while (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r') ps->p++;
}

static bool is_word_char(char c) {
    return g_ascii_isalnum(c) || c == '_' || c == '.' || c == '-';
}

/* Consumes keyword `kw` (case-insensitive, whole word). */
static bool keyword(parser *ps, const char *kw) {
    skip_ws(ps);
    size_t n = strlen(kw);
    if (g_ascii_strncasecmp(ps->p, kw, n) == 0 && !is_word_char(ps->p[n])) {
        ps->p += n;
        return true;
    }
    return false;
}

static node *parse_or(parser *ps);

static bool note_value(parser *ps, const node *n) {
    ps->rule->uses[n->value] = true;
    if (n->type) {
        bool seen = false;
        for (guint k = 0; k < ps->rule->types->len && !seen; k++)
            seen = !strcmp(ps->rule->types->pdata[k], n->type);
        if (!seen) {
            char *t = ga_try_strdup(n->type);
            if (!t) {
                pnomem(ps, "zone rule");
                return false;
            }
            g_ptr_array_add(ps->rule->types, t);
        }
    }
    return true;
}

static bool parse_value(parser *ps, node *n) {
    if (keyword(ps, "apl")) {
        n->value = GA_ZONE_APL;
    } else if ((n->value = GA_ZONE_TIME, keyword(ps, "time")) ||
               (n->value = GA_ZONE_DISTANCE, keyword(ps, "distance"))) {
        if (!keyword(ps, "to")) {
            perr(ps, "expected 'to' and a facility type after 'time'/'distance'");
            return false;
        }
        skip_ws(ps);
        const char *s = ps->p;
        while (is_word_char(*ps->p)) ps->p++;
        if (ps->p == s) {
            perr(ps, "expected a facility type name");
            return false;
        }
        if (!(n->type = ga_try_strndup(s, (size_t)(ps->p - s)))) {
            pnomem(ps, "zone rule");
            return false;
        }
    } else {
        skip_ws(ps);
        perr(ps, *ps->p ? "expected 'time to TYPE', 'distance to TYPE', 'apl', 'unknown', 'not' or '('"
                        : "unexpected end of the rule: expected a condition");
        return false;
    }
    return note_value(ps, n);
}

static node *parse_cmp(parser *ps) {
    node *n = ga_try_new0(node, 1);
    if (!n) {
        pnomem(ps, "zone rule");
        return NULL;
    }
    n->kind = N_CMP;
    if (!parse_value(ps, n)) {
        node_free(n);
        return NULL;
    }
    skip_ws(ps);
    if (ps->p[0] == '>' && ps->p[1] == '=') { n->op = OP_GE; ps->p += 2; }
    else if (ps->p[0] == '<' && ps->p[1] == '=') { n->op = OP_LE; ps->p += 2; }
    else if (ps->p[0] == '>') { n->op = OP_GT; ps->p++; }
    else if (ps->p[0] == '<') { n->op = OP_LT; ps->p++; }
    else {
        perr(ps, "expected a comparison: >, >=, < or <=");
        node_free(n);
        return NULL;
    }
    skip_ws(ps);
    char *end = NULL;
    double v = g_ascii_strtod(ps->p, &end);
    if (end == ps->p || !isfinite(v) || is_word_char(*end)) {
        perr(ps, "expected a number");
        node_free(n);
        return NULL;
    }
    if (v < 0) {
        perr(ps, "a threshold cannot be negative");
        node_free(n);
        return NULL;
    }
    ps->p = end;
    n->number = v;
    return n;
}

/* value := "time" "to" TYPE | "distance" "to" TYPE | "apl", into n. */
static bool parse_value(parser *ps, node *n);

static node *parse_factor(parser *ps) {
    if (keyword(ps, "unknown")) {
        skip_ws(ps);
        if (*ps->p != '(') {
            perr(ps, "expected '(' after 'unknown'");
            return NULL;
        }
        ps->p++;
        node *n = ga_try_new0(node, 1);
        if (!n) {
            pnomem(ps, "zone rule");
            return NULL;
        }
        n->kind = N_UNKNOWN;
        if (!parse_value(ps, n)) {
            node_free(n);
            return NULL;
        }
        skip_ws(ps);
        if (*ps->p != ')') {
            perr(ps, "expected ')'");
            node_free(n);
            return NULL;
        }
        ps->p++;
        return n;
    }
    if (keyword(ps, "not")) {
        node *a = parse_factor(ps);
        if (!a) return NULL;
        node *n = ga_try_new0(node, 1);
        if (!n) {
            node_free(a);
            pnomem(ps, "zone rule");
            return NULL;
        }
        n->kind = N_NOT;
        n->a = a;
        return n;
    }
    skip_ws(ps);
    if (*ps->p == '(') {
        ps->p++;
        node *a = parse_or(ps);
        if (!a) return NULL;
        skip_ws(ps);
        if (*ps->p != ')') {
            perr(ps, "expected ')'");
            node_free(a);
            return NULL;
        }
        ps->p++;
        return a;
    }
    return parse_cmp(ps);
}

static node *parse_binary(parser *ps, node_kind kind) {
    node *a = kind == N_OR ? parse_binary(ps, N_AND) : parse_factor(ps);
    while (a && keyword(ps, kind == N_OR ? "or" : "and")) {
        node *b = kind == N_OR ? parse_binary(ps, N_AND) : parse_factor(ps);
        if (!b) {
            node_free(a);
            return NULL;
        }
        node *n = ga_try_new0(node, 1);
        if (!n) {
            node_free(a);
            node_free(b);
            pnomem(ps, "zone rule");
            return NULL;
        }
        n->kind = kind;
        n->a = a;
        n->b = b;
        a = n;
    }
    return a;
}

static node *parse_or(parser *ps) { return parse_binary(ps, N_OR); }

void ga_zone_rule_free(ga_zone_rule *r) {
    if (!r) return;
    node_free(r->root);
    g_ptr_array_free(r->types, TRUE);
    g_free(r);
}

ga_status ga_zone_rule_parse(ga_ctx *ctx, const char *text, ga_zone_rule **out) {
    if (!text) return ga_fail(ctx, GA_ERR_ARG, "zone rule: no rule given");
    ga_zone_rule *r = ga_try_new0(ga_zone_rule, 1);
    if (!r) return ga_nomem(ctx, "zone rule");
    r->types = g_ptr_array_new_with_free_func(g_free);
    parser ps = {ctx, text, text, r, GA_OK};
    skip_ws(&ps);
    if (!*ps.p) {
        ga_zone_rule_free(r);
        return ga_fail(ctx, GA_ERR_ARG, "zone rule '%s': empty rule (e.g. \"time to urg > 30 or apl < 2.5\")", text);
    }
    r->root = parse_or(&ps);
    if (r->root) {
        skip_ws(&ps);
        if (*ps.p) perr(&ps, "unexpected text after the rule (expected 'and', 'or' or the end)");
    } else if (!ps.st) {
        perr(&ps, "empty rule");
    }
    if (ps.st) {
        ga_zone_rule_free(r);
        return ps.st;
    }
    *out = r;
    return GA_OK;
}

static void describe_node(const node *n, GString *s) {
    static const char *const ops[] = {">", ">=", "<", "<="};
    switch (n->kind) {
    case N_OR:
    case N_AND:
        g_string_append_c(s, '(');
        describe_node(n->a, s);
        g_string_append(s, n->kind == N_OR ? " or " : " and ");
        describe_node(n->b, s);
        g_string_append_c(s, ')');
        break;
    case N_NOT:
        g_string_append(s, "not ");
        describe_node(n->a, s);
        break;
    case N_UNKNOWN:
        g_string_append(s, "unknown(");
        if (n->value == GA_ZONE_APL) g_string_append(s, "apl");
        else g_string_append_printf(s, "%s to %s", n->value == GA_ZONE_TIME ? "time" : "distance", n->type);
        g_string_append_c(s, ')');
        break;
    case N_CMP:
        if (n->value == GA_ZONE_APL) g_string_append(s, "apl");
        else g_string_append_printf(s, "%s to %s", n->value == GA_ZONE_TIME ? "time" : "distance", n->type);
        char num[G_ASCII_DTOSTR_BUF_SIZE];
        g_string_append_printf(s, " %s %s", ops[n->op], g_ascii_dtostr(num, sizeof num, n->number));
        break;
    }
}

char *ga_zone_rule_describe(const ga_zone_rule *r) {
    GString *s = g_string_new(NULL);
    describe_node(r->root, s);
    return g_string_free(s, FALSE);
}

size_t ga_zone_rule_type_count(const ga_zone_rule *r) { return r->types->len; }
const char *ga_zone_rule_type(const ga_zone_rule *r, size_t k) { return r->types->pdata[k]; }
bool ga_zone_rule_uses(const ga_zone_rule *r, ga_zone_value v) {
    return (unsigned)v < 3 && r->uses[v];
}

/* Three-valued (Kleene) evaluation: 1 true, 0 false, -1 unknown. */
static int eval_node(const node *n, ga_zone_lookup_fn lookup, void *user) {
    switch (n->kind) {
    case N_OR: {
        int a = eval_node(n->a, lookup, user);
        if (a == 1) return 1;
        int b = eval_node(n->b, lookup, user);
        return b == 1 ? 1 : (a == -1 || b == -1) ? -1 : 0;
    }
    case N_AND: {
        int a = eval_node(n->a, lookup, user);
        if (a == 0) return 0;
        int b = eval_node(n->b, lookup, user);
        return b == 0 ? 0 : (a == -1 || b == -1) ? -1 : 1;
    }
    case N_NOT: {
        int a = eval_node(n->a, lookup, user);
        return a == -1 ? -1 : !a;
    }
    case N_UNKNOWN:
        return isnan(lookup(n->value, n->type, user)) ? 1 : 0;
    case N_CMP: {
        double v = lookup(n->value, n->type, user);
        if (isnan(v)) return -1;
        switch (n->op) {
        case OP_GT: return v > n->number;
        case OP_GE: return v >= n->number;
        case OP_LT: return v < n->number;
        case OP_LE: return v <= n->number;
        }
    }
    }
    return 0;
}

bool ga_zone_rule_eval(const ga_zone_rule *r, ga_zone_lookup_fn lookup, void *user) {
    return eval_node(r->root, lookup, user) == 1;
}

int ga_zone_rule_eval3(const ga_zone_rule *r, ga_zone_lookup_fn lookup, void *user) {
    return eval_node(r->root, lookup, user);
}

/* ---- the values of the rules and the communes they select ---- */

ga_zone_values *ga_zone_values_new(size_t n) {
    ga_zone_values *v = g_new0(ga_zone_values, 1);
    v->n = n;
    v->types = g_ptr_array_new_with_free_func(g_free);
    v->time = g_ptr_array_new_with_free_func(g_free);
    v->km = g_ptr_array_new_with_free_func(g_free);
    return v;
}

void ga_zone_values_free(ga_zone_values *v) {
    if (!v) return;
    g_ptr_array_free(v->types, TRUE);
    g_ptr_array_free(v->time, TRUE);
    g_ptr_array_free(v->km, TRUE);
    g_free(v->apl);
    g_free(v);
}

void ga_zone_values_add_type(ga_zone_values *v, const char *type, double *time, double *km) {
    g_ptr_array_add(v->types, g_strdup(type));
    g_ptr_array_add(v->time, time);
    g_ptr_array_add(v->km, km);
}

long ga_zone_values_type(const ga_zone_values *v, const char *type) {
    for (guint k = 0; k < v->types->len; k++)
        if (!strcmp(v->types->pdata[k], type)) return (long)k;
    return -1;
}

typedef struct {
    const ga_zone_values *v;
    size_t i; /* the commune */
} zone_at;

static double value_at(ga_zone_value what, const char *type, void *user) {
    const zone_at *z = user;
    if (what == GA_ZONE_APL) return z->v->apl ? z->v->apl[z->i] : NAN;
    long k = ga_zone_values_type(z->v, type);
    if (k < 0) return NAN;
    const double *a = what == GA_ZONE_TIME ? z->v->time->pdata[k] : z->v->km->pdata[k];
    return a[z->i];
}

void ga_zone_select(const ga_zone_rule *r, const ga_zone_values *v, const double *pop, ga_zone_selection *out) {
    *out = (ga_zone_selection){.rows = g_new(size_t, v->n + 1)};
    double total = 0;
    for (size_t i = 0; i < v->n; i++) total += isnan(pop[i]) ? 0 : pop[i];
    for (size_t i = 0; i < v->n; i++) {
        zone_at z = {v, i};
        int e = ga_zone_rule_eval3(r, value_at, &z);
        if (e == 1) {
            out->rows[out->n_rows++] = i;
            out->people += isnan(pop[i]) ? 0 : pop[i];
        } else if (e < 0) { /* depends on a value not known (not routed): no zone, counted apart */
            out->unknown++;
            out->unknown_people += isnan(pop[i]) ? 0 : pop[i];
        }
    }
    out->base = total - out->unknown_people; /* the share is of the people whose answer is known */
}

void ga_zone_selection_clear(ga_zone_selection *s) {
    g_clear_pointer(&s->rows, g_free);
    s->n_rows = 0;
}
