/* French commune codes a table and a layer spell differently: arrondissements
 * of Paris, Lyon and Marseille, communes restored after 2018, overseas rows.
 * See layer.h. The rules are those of the INSEE COG; no library has them. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "core/alloc.h"
#include "core/internal.h"

/* The three cities with municipal arrondissements (COG: Paris 75101-75120,
 * Lyon 69381-69389, Marseille 13201-13216). */
static const struct {
    const char *commune, *name;
    int first, last;
} cities[] = {
    {"75056", "Paris", 75101, 75120},
    {"69123", "Lyon", 69381, 69389},
    {"13055", "Marseille", 13201, 13216},
};

/* Communes restored (rétablies) on 1 January 2024 (INSEE COG 2024), absent
 * from layers drawn before: their land is inside the commune they had
 * merged into (french data: ../shared PROVENANCE_national.txt, item 1). */
static const struct {
    const char *code, *into;
} restored[] = {
    {"14666", "14712"}, /* Sannerville, restored from Troarn */
    {"85165", "85084"}, /* L'Oie, restored from Essarts-en-Bocage */
    {"85212", "85084"}, /* Sainte-Florence, restored from Essarts-en-Bocage */
    {"60694", "60054"}, /* Villotran, restored from Les Hauts-Talican: absent from COG 2023 layers
                           (the national commune points), present in the 2018-drawn polygons */
};

#define N_CITIES G_N_ELEMENTS(cities)

struct ga_code_folder {
    GHashTable *by_id; /* owned id -> index + 1 */
    bool has_overseas;
    bool city_whole[N_CITIES], city_arr[N_CITIES]; /* what the layer has */
    /* tallies since the last report */
    size_t arr_rows[N_CITIES], whole_rows[N_CITIES], restored_rows, overseas_rows, unknown_rows;
    double arr_amount[N_CITIES], whole_amount[N_CITIES], restored_amount, overseas_amount,
        unknown_amount;
    GString *restored_ex, *unknown_ex;
};

static bool is_overseas(const char *code) {
    return code[0] == '9' && (code[1] == '7' || code[1] == '8');
}

/* The city an arrondissement code belongs to, or -1. */
static int arrondissement_city(const char *code) {
    if (strlen(code) != 5) return -1;
    for (int k = 0; k < 5; k++)
        if (!g_ascii_isdigit(code[k])) return -1;
    int v = atoi(code);
    for (size_t c = 0; c < N_CITIES; c++)
        if (v >= cities[c].first && v <= cities[c].last) return (int)c;
    return -1;
}

static int whole_city(const char *code) {
    for (size_t c = 0; c < N_CITIES; c++)
        if (!strcmp(code, cities[c].commune)) return (int)c;
    return -1;
}

ga_code_folder *ga_code_folder_new(const char *const *ids, size_t n) {
    ga_code_folder *f = g_new0(ga_code_folder, 1);
    f->by_id = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    f->restored_ex = g_string_new(NULL);
    f->unknown_ex = g_string_new(NULL);
    for (size_t i = 0; i < n; i++) {
        if (!g_hash_table_contains(f->by_id, ids[i]))
            g_hash_table_insert(f->by_id, g_strdup(ids[i]), GSIZE_TO_POINTER(i + 1));
        if (is_overseas(ids[i])) f->has_overseas = true;
        int c = arrondissement_city(ids[i]);
        if (c >= 0) f->city_arr[c] = true;
        c = whole_city(ids[i]);
        if (c >= 0) f->city_whole[c] = true;
    }
    return f;
}

void ga_code_folder_free(ga_code_folder *f) {
    if (!f) return;
    g_hash_table_destroy(f->by_id);
    g_string_free(f->restored_ex, TRUE);
    g_string_free(f->unknown_ex, TRUE);
    g_free(f);
}

static long lookup(const ga_code_folder *f, const char *code) {
    gpointer v = g_hash_table_lookup(f->by_id, code);
    return v ? (long)GPOINTER_TO_SIZE(v) - 1 : -1;
}

long ga_code_folder_resolve(ga_code_folder *f, const char *code, double amount, ga_code_fold *how) {
    ga_code_fold h = GA_CODE_SAME;
    if (isnan(amount)) amount = 0;
    long i = lookup(f, code);
    if (i < 0) {
        int c = arrondissement_city(code);
        if (c >= 0 && f->city_whole[c]) {
            i = lookup(f, cities[c].commune);
            h = GA_CODE_ARRONDISSEMENT;
            f->arr_rows[c]++;
            f->arr_amount[c] += amount;
        }
    }
    if (i < 0 && h == GA_CODE_SAME) {
        for (size_t k = 0; k < G_N_ELEMENTS(restored) && i < 0; k++)
            if (!strcmp(code, restored[k].code) && (i = lookup(f, restored[k].into)) >= 0) {
                h = GA_CODE_RESTORED;
                if (f->restored_rows++ < 5)
                    g_string_append_printf(f->restored_ex, "%s%s -> %s", f->restored_rows > 1 ? ", " : "",
                                           code, restored[k].into);
                f->restored_amount += amount;
            }
    }
    if (i < 0 && h == GA_CODE_SAME) {
        int c = whole_city(code);
        if (c >= 0 && f->city_arr[c]) {
            h = GA_CODE_WHOLE_CITY;
            f->whole_rows[c]++;
            f->whole_amount[c] += amount;
        } else if (is_overseas(code) && !f->has_overseas) {
            h = GA_CODE_OVERSEAS;
            f->overseas_rows++;
            f->overseas_amount += amount;
        } else {
            h = GA_CODE_UNKNOWN;
            if (f->unknown_rows++ < 5)
                g_string_append_printf(f->unknown_ex, "%s'%s'", f->unknown_rows > 1 ? ", " : "", code);
            f->unknown_amount += amount;
        }
    }
    if (how) *how = h;
    return i;
}

void ga_code_folder_report(ga_ctx *ctx, ga_code_folder *f, const char *table, const char *layer,
                           const char *what) {
    size_t arr = 0;
    GString *s = g_string_new(NULL);
    for (size_t c = 0; c < N_CITIES; c++) {
        if (!f->arr_rows[c]) continue;
        arr += f->arr_rows[c];
        g_string_append_printf(s, "%s%s %s: %zu rows, %.0f %s", s->len ? "; " : "", cities[c].name,
                               cities[c].commune, f->arr_rows[c], f->arr_amount[c], what);
    }
    if (arr)
        ga_warn(ctx, "%s: %zu arrondissement rows folded into their commune, which %s has whole (%s)",
                table, arr, layer ? layer : "the layer", s->str);
    if (f->restored_rows)
        ga_warn(ctx, "%s: %zu rows of communes restored in 2024 folded into the commune that holds their "
                "land in %s (%s): %.0f %s", table, f->restored_rows, layer ? layer : "the layer", f->restored_ex->str,
                f->restored_amount, what);
    for (size_t c = 0; c < N_CITIES; c++)
        if (f->whole_rows[c])
            ga_warn(ctx, "%s: %s is given whole (%s, %.0f %s) but %s has its arrondissements: it cannot be "
                    "split and is left out; give the table by arrondissement", table, cities[c].name,
                    cities[c].commune, f->whole_amount[c], what, layer ? layer : "the layer");
    if (f->overseas_rows)
        ga_warn(ctx, "%s: %zu overseas rows (%.0f %s) left out: %s is metropolitan", table, f->overseas_rows,
                f->overseas_amount, what, layer ? layer : "the layer");
    if (f->unknown_rows && layer)
        ga_warn(ctx, "%s: %zu rows (%.0f %s) name a commune absent from %s, e.g. %s", table, f->unknown_rows,
                f->unknown_amount, what, layer, f->unknown_ex->str);
    g_string_free(s, TRUE);
    memset(f->arr_rows, 0, sizeof f->arr_rows);
    memset(f->arr_amount, 0, sizeof f->arr_amount);
    memset(f->whole_rows, 0, sizeof f->whole_rows);
    memset(f->whole_amount, 0, sizeof f->whole_amount);
    f->restored_rows = f->overseas_rows = f->unknown_rows = 0;
    f->restored_amount = f->overseas_amount = f->unknown_amount = 0;
    g_string_truncate(f->restored_ex, 0);
    g_string_truncate(f->unknown_ex, 0);
}

ga_status ga_table_join_sum_codes(ga_ctx *ctx, const ga_table *t, size_t key_col, size_t value_col,
                                  const char *const *ids, size_t n, const char *layer, const char *what,
                                  double *values) {
    ga_key_index *idx = NULL;
    ga_status st = ga_key_index_new(ctx, t, key_col, &idx); /* duplicate keys are errors */
    ga_key_index_free(idx);
    if (st) return st;
    double *sum = ga_try_new(double, n);
    if (!sum) return ga_nomem(ctx, "commune codes");
    ga_code_folder *f = ga_code_folder_new(ids, n);
    for (size_t i = 0; i < n; i++) sum[i] = NAN;
    for (size_t r = 0; r < ga_table_rows(t) && !st; r++) {
        double v;
        if ((st = ga_table_get_double(ctx, t, r, value_col, &v))) break;
        long i = ga_code_folder_resolve(f, ga_table_cell(t, r, key_col), v, NULL);
        if (i >= 0) sum[i] = isnan(sum[i]) ? v : sum[i] + v;
    }
    if (!st && what) {
        ga_code_folder_report(ctx, f, ga_table_path(t), layer, what);
        size_t left = 0;
        GString *ex = g_string_new(NULL);
        for (size_t i = 0; i < n; i++)
            if (isnan(sum[i]) && left++ < 5) g_string_append_printf(ex, "%s'%s'", left > 1 ? ", " : "", ids[i]);
        if (left)
            ga_warn(ctx, "%s: %zu of %zu communes of %s have no row (column '%s'), e.g. %s", ga_table_path(t),
                    left, n, layer, ga_table_header(t, key_col), ex->str);
        g_string_free(ex, TRUE);
    }
    if (!st) memcpy(values, sum, n * sizeof *values);
    g_free(sum);
    ga_code_folder_free(f);
    return st;
}

ga_status ga_communes_join_sum(ga_ctx *ctx, const ga_communes *c, const ga_table *t, const char *key_col,
                               const char *value_col, double *values) {
    size_t ki, vi;
    ga_status st;
    if ((st = ga_table_require(ctx, t, key_col, "commune code", &ki)) ||
        (st = ga_table_require(ctx, t, value_col, NULL, &vi)))
        return st;
    size_t n = ga_communes_count(c);
    const char **ids = ga_try_new(const char *, n);
    g_autofree char *what = ga_try_strdup_printf("of '%s'", value_col);
    if (!ids || !what) {
        g_free(ids);
        return ga_nomem(ctx, "commune codes");
    }
    for (size_t i = 0; i < n; i++) ids[i] = ga_communes_id(c, i);
    st = ga_table_join_sum_codes(ctx, t, ki, vi, ids, n, ga_communes_path(c), what, values);
    g_free(ids);
    return st;
}
