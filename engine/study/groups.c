/* Groups of communes from the commune layer or a join table (study/groups.h). */
#include <string.h>
#include "study/groups.h"
#include "core/internal.h"

int ga_groups_detect_name_col(const ga_table *t, const char *group_col) {
    const char *us = strchr(group_col, '_');
    if (!us || us == group_col) return -1;
    g_autofree char *prefix = g_strndup(group_col, (size_t)(us - group_col));
    static const char *const forms[][2] = {{"", "_name"}, {"", "_nom"}, {"", "_libelle"},
                                           {"nom_", ""},  {"lib_", ""}, {"libelle_", ""}};
    for (size_t k = 0; k < G_N_ELEMENTS(forms); k++) {
        g_autofree char *cand = g_strconcat(forms[k][0], prefix, forms[k][1], NULL);
        int c = ga_table_find(t, cand);
        if (c >= 0 && g_ascii_strcasecmp(cand, group_col)) return c;
    }
    return -1;
}

/* Groups (and names) from fields of the commune layer. */
static ga_status from_layer(ga_ctx *ctx, const ga_communes *c, const char *group_col, const char *name_col,
                            ga_commune_groups *g) {
    for (size_t i = 0; i < g->n; i++) {
        if (!(g->group[i] = ga_communes_attribute(c, i, group_col)))
            return ga_fail(ctx, GA_ERR_FIELD, "%s: no field '%s' for --group-col (use --groups FILE "
                           "for a join table)", ga_communes_path(c), group_col);
        if (name_col && !(g->name[i] = ga_communes_attribute(c, i, name_col)))
            return ga_fail(ctx, GA_ERR_FIELD, "%s: no field '%s' for --group-name-col", ga_communes_path(c),
                           name_col);
    }
    if (name_col) g->name_col = g_strdup(name_col);
    return GA_OK;
}

/* The key, group and name columns of the join table (*nc -1: no names). */
static ga_status table_columns(ga_ctx *ctx, const ga_table *t, const char *key_col, const char *group_col,
                               const char *name_col, size_t *kc, size_t *gc, long *nc) {
    static const char *const keys[] = {"insee_code", "insee", "code", "codgeo", "depcom", NULL};
    int k = key_col ? ga_table_find(t, key_col) : ga_table_find_any(t, keys);
    ga_status st = GA_OK;
    if (k < 0) st = ga_table_require(ctx, t, key_col ? key_col : "insee_code", "commune code", kc);
    else *kc = (size_t)k;
    if (!st) st = ga_table_require(ctx, t, group_col, "group", gc);
    if (!st && name_col) {
        size_t c = 0;
        st = ga_table_require(ctx, t, name_col, "group name", &c);
        *nc = (long)c;
    } else if (!st) {
        *nc = ga_groups_detect_name_col(t, group_col);
    }
    return st;
}

/* Groups (and names) from a join table keyed by commune code. */
static ga_status from_table(ga_ctx *ctx, const ga_communes *c, const char *path, const char *key_col,
                            const char *group_col, const char *name_col, ga_commune_groups *g) {
    g_autoptr(ga_table) t = NULL;
    g_autoptr(ga_key_index) idx = NULL;
    size_t kc = 0, gc = 0;
    long nc = -1;
    ga_status st = ga_table_read(ctx, path, &t);
    if (!st) st = table_columns(ctx, t, key_col, group_col, name_col, &kc, &gc, &nc);
    if (!st && nc >= 0) g->name_col = g_strdup(ga_table_header(t, (size_t)nc));
    if (!st) st = ga_key_index_new(ctx, t, kc, &idx);
    size_t unmatched = 0;
    const char *example = NULL;
    for (size_t i = 0; i < g->n && !st; i++) {
        long r = ga_key_index_lookup(idx, ga_communes_id(c, i));
        if (r < 0) {
            if (!unmatched++) example = ga_communes_id(c, i);
            continue;
        }
        char *v = g_strdup(ga_table_cell(t, (size_t)r, gc));
        g_ptr_array_add(g->keep, v);
        g->group[i] = v;
        if (nc >= 0) {
            char *w = g_strdup(ga_table_cell(t, (size_t)r, (size_t)nc));
            g_ptr_array_add(g->keep, w);
            g->name[i] = w;
        }
    }
    if (!st && unmatched)
        ga_warn(ctx, "%s: %zu communes have no row (e.g. %s): group '(none)'", path, unmatched, example);
    return st;
}

/* One name per group. */
static ga_status check_names(ga_ctx *ctx, const ga_commune_groups *g, const char *where) {
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    ga_status st = GA_OK;
    for (size_t i = 0; i < g->n && !st && g->name; i++) {
        if (!g->group[i] || !g->name[i]) continue;
        const char *prev = g_hash_table_lookup(seen, g->group[i]);
        if (!prev) g_hash_table_insert(seen, (gpointer)g->group[i], (gpointer)g->name[i]);
        else if (strcmp(prev, g->name[i]))
            st = ga_fail(ctx, GA_ERR_VALUE, "%s: group '%s' has two names in column '%s': '%s' and '%s'",
                         where, g->group[i], g->name_col, prev, g->name[i]);
    }
    g_hash_table_destroy(seen);
    return st;
}

ga_status ga_commune_groups_load(ga_ctx *ctx, const ga_communes *c, const char *groups_path,
                                 const char *key_col, const char *group_col, const char *name_col,
                                 ga_commune_groups **out) {
    *out = NULL;
    ga_commune_groups *g = g_new0(ga_commune_groups, 1);
    g->n = ga_communes_count(c);
    g->group = g_new0(const char *, g->n ? g->n : 1);
    if (name_col || groups_path) g->name = g_new0(const char *, g->n ? g->n : 1);
    g->keep = g_ptr_array_new_with_free_func(g_free);
    ga_status st = groups_path ? from_table(ctx, c, groups_path, key_col, group_col, name_col, g)
                               : from_layer(ctx, c, group_col, name_col, g);
    if (!st && !g->name_col) g_clear_pointer(&g->name, g_free);
    if (!st) st = check_names(ctx, g, groups_path ? groups_path : ga_communes_path(c));
    if (st) {
        ga_commune_groups_free(g);
        return st;
    }
    *out = g;
    return GA_OK;
}

void ga_commune_groups_free(ga_commune_groups *g) {
    if (!g) return;
    g_free(g->group);
    g_free(g->name);
    g_free(g->name_col);
    g_ptr_array_free(g->keep, TRUE);
    g_free(g);
}

const char *ga_commune_groups_name(const ga_commune_groups *g, const char *code) {
    for (size_t i = 0; g && g->name && i < g->n; i++)
        if (g->group[i] && g->name[i] && !strcmp(g->group[i], code)) return g->name[i];
    return NULL;
}
