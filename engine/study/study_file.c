/* The study file: reading, checking and printing (study.h, docs/study.md).
 * GKeyFile parses the INI text; it gives no line numbers, so the line of a
 * key is found by scanning the text (find_line). */
#include <math.h>
#include <string.h>
#include "core/internal.h"
#include "layer/table.h"
#include "study/study_file.h"

/* Every key of a study file: section, key, type, default ("" = none). The
 * order is the order of --print-study and of docs/study.md. */
static const ga_study_key keys[] = {
    {"study", "name", GA_KEY_STRING, ""},
    {"communes", "path", GA_KEY_PATH, ""},
    {"communes", "id", GA_KEY_STRING, ""},
    {"demand", "path", GA_KEY_PATH, ""},
    {"demand", "id", GA_KEY_STRING, "insee_code"},
    {"demand", "population", GA_KEY_STRING, "population_totale_2021"},
    {"demand", "std_population", GA_KEY_STRING, "pop_standardisee_mg_2021"},
    {"facilities", "bpe", GA_KEY_PATH, ""},
    {"facilities", "bpe_commune", GA_KEY_STRING, "DEPCOM"},
    {"facilities", "bpe_type", GA_KEY_STRING, "TYPEQU"},
    {"facilities", "bpe_count", GA_KEY_STRING, "NB_EQUIP"},
    {"facilities", "finess", GA_KEY_PATH, ""},
    {"facilities", "file", GA_KEY_PATH, ""},
    {"facilities", "id", GA_KEY_STRING, "id"},
    {"facilities", "type_column", GA_KEY_STRING, "type"},
    {"facilities", "capacity_column", GA_KEY_STRING, ""},
    {"facilities", "crs", GA_KEY_STRING, "EPSG:2154"},
    {"facilities", "types", GA_KEY_LIST, ""},
    {"study_area", "ring", GA_KEY_PATH, ""},
    {"study_area", "ring_if_present", GA_KEY_BOOL, "false"},
    {"study_area", "reach_minutes", GA_KEY_NUMBER, "60"},
    {"cost", "model", GA_KEY_STRING, "straight"},
    {"cost", "speed", GA_KEY_NUMBER, "60"},
    {"cost", "detour", GA_KEY_NUMBER, "1.3"},
    {"cost", "roads", GA_KEY_PATH, ""},
    {"cost", "profile", GA_KEY_STRING, "car"},
    {"cost", "graph", GA_KEY_PATH, ""},
    {"cost", "snap_distance", GA_KEY_NUMBER, "1000"},
    {"cost", "access_speed", GA_KEY_NUMBER, ""},
    {"cost", "skip_unsnapped", GA_KEY_BOOL, "false"},
    {"cost", "threads", GA_KEY_INT, "0"},
    {"cost", "table_method", GA_KEY_STRING, "auto"},
    {"apl", "type", GA_KEY_STRING, ""},
    {"apl", "acts_per_gp", GA_KEY_NUMBER, "5400"},
    {"apl", "threshold", GA_KEY_NUMBER, "2.5"},
    {"apl", "official", GA_KEY_PATH, ""},
    {"apl", "official_id", GA_KEY_STRING, "insee_code"},
    {"apl", "official_column", GA_KEY_STRING, "apl_mg"},
    {"apl", "professions", GA_KEY_LIST, ""},
    {"apl", "age_weights", GA_KEY_PATH, ""},
    {"apl", "age_population", GA_KEY_PATH, ""},
    {"nearest", "types", GA_KEY_LIST, ""},
    {"nearest", "thresholds", GA_KEY_NUMBERS, "10, 20, 30"},
    {"coverage", "type", GA_KEY_STRING, ""},
    {"coverage", "thresholds", GA_KEY_NUMBERS, "20, 30"},
    {"zones", "rule", GA_KEY_STRING, ""},
    {"zones", "name", GA_KEY_STRING, "zones"},
    {"zones", "sensitivity", GA_KEY_BOOL, "false"},
    {"scenarios", "files", GA_KEY_PATHS, ""},
    {"scenarios", "threshold", GA_KEY_NUMBER, "10"},
    {"outputs", "folder", GA_KEY_STRING, "out"},
    {"outputs", "tables", GA_KEY_LIST, "communes_access, facilities, coverage, zones, apl_professions"},
    {"outputs", "shapefiles", GA_KEY_LIST, "communes_access, facilities, zones"},
    {"outputs", "maps", GA_KEY_LIST, ""},
};

/* Sections and keys of the study file that the pipeline cannot
 * compute yet: refused by name rather than as unknown. */
static const char *const unsupported_sections[] = {"fca", "catchments", "inequality", NULL};
static const char *const unsupported_keys[] = {"cost.matrix", NULL};

const ga_study_key *ga_study_keys(size_t *n) {
    *n = G_N_ELEMENTS(keys);
    return keys;
}

static const ga_study_key *find_key(const char *section, const char *key) {
    for (size_t i = 0; i < G_N_ELEMENTS(keys); i++)
        if (!strcmp(keys[i].section, section) && !strcmp(keys[i].key, key)) return &keys[i];
    return NULL;
}

static bool known_section(const char *section) {
    for (size_t i = 0; i < G_N_ELEMENTS(keys); i++)
        if (!strcmp(keys[i].section, section)) return true;
    return false;
}

/* The line (1-based) of `key` in `section` of the text, or of the section
 * header when key is NULL; 0 when absent. */
static size_t find_line(const char *text, const char *section, const char *key) {
    size_t line = 0;
    bool in = false;
    const char *p = text;
    while (p && *p) {
        line++;
        const char *end = strchr(p, '\n');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        g_autofree char *l = g_strstrip(g_strndup(p, len));
        if (l[0] == '[') {
            char *close = strchr(l, ']');
            if (close) *close = '\0';
            in = !strcmp(l + 1, section);
            if (in && !key) return line;
        } else if (in && key && l[0] != '#' && l[0] != ';') {
            char *eq = strchr(l, '=');
            if (eq) {
                *eq = '\0';
                g_strstrip(l);
                if (!strcmp(l, key)) return line;
            }
        }
        p = end ? end + 1 : NULL;
    }
    return 0;
}

/* "FILE: line N: [section] key" or "--set section.key" (an override). */
char *ga_study_where(const ga_study *s, const char *section, const char *key) {
    g_autofree char *name = g_strdup_printf("%s.%s", section, key);
    if (s->overridden && g_hash_table_contains(s->overridden, name)) return g_strdup_printf("--set %s", name);
    size_t line = find_line(s->text, section, key);
    if (line) return g_strdup_printf("%s: line %zu: [%s] %s", s->path, line, section, key);
    return g_strdup_printf("%s: [%s] %s", s->path, section, key);
}

static ga_status bad_value(ga_ctx *ctx, const ga_study *s, const char *section, const char *key,
                           const char *what) {
    g_autofree char *where = ga_study_where(s, section, key);
    return ga_fail(ctx, GA_ERR_VALUE, "%s: %s", where, what);
}

/* A decimal number (not nan/inf). */
static bool parse_number(const char *v, double *out) {
    return ga_parse_decimal(v, strlen(v), false, out) && isfinite(*out);
}

static ga_status check_type(ga_ctx *ctx, const ga_study *s, const ga_study_key *k, const char *v) {
    double d = 0;
    switch (k->type) {
    case GA_KEY_NUMBER:
        if (!*v && !*k->def) return GA_OK; /* a number with no default may stay empty */
        if (!parse_number(v, &d)) {
            g_autofree char *what = g_strdup_printf("'%s' is not a number", ga_clip(v));
            return bad_value(ctx, s, k->section, k->key, what);
        }
        return GA_OK;
    case GA_KEY_INT: {
        char *end = NULL;
        long i = strtol(v, &end, 10);
        if (!*v || *end || i < 0 || i > 4096) {
            g_autofree char *what = g_strdup_printf("'%s' is not a whole number from 0 to 4096", ga_clip(v));
            return bad_value(ctx, s, k->section, k->key, what);
        }
        return GA_OK;
    }
    case GA_KEY_BOOL:
        if (strcmp(v, "true") && strcmp(v, "false")) {
            g_autofree char *what = g_strdup_printf("'%s' is not true or false", ga_clip(v));
            return bad_value(ctx, s, k->section, k->key, what);
        }
        return GA_OK;
    case GA_KEY_NUMBERS: {
        g_auto(GStrv) parts = g_strsplit(v, ",", -1);
        for (char **p = parts; *p; p++) {
            g_strstrip(*p);
            if (!parse_number(*p, &d) || !(d > 0)) {
                g_autofree char *what = g_strdup_printf("'%s' is not a positive number", ga_clip(*p));
                return bad_value(ctx, s, k->section, k->key, what);
            }
        }
        return GA_OK;
    }
    default:
        return GA_OK;
    }
}

/* Applies "section.key=value" over the file. */
static ga_status apply_override(ga_ctx *ctx, ga_study *s, const char *o) {
    const char *eq = strchr(o, '=');
    const char *dot = eq ? memchr(o, '.', (size_t)(eq - o)) : NULL;
    if (!eq || !dot || dot == o || dot + 1 == eq)
        return ga_fail(ctx, GA_ERR_ARG, "--set '%s': expected section.key=value", ga_clip(o));
    g_autofree char *section = g_strndup(o, (size_t)(dot - o));
    g_autofree char *key = g_strndup(dot + 1, (size_t)(eq - dot - 1));
    g_key_file_set_value(s->kf, section, key, eq + 1);
    g_hash_table_add(s->overridden, g_strdup_printf("%s.%s", section, key));
    return GA_OK;
}

/* Every section and key known, every value of its type. */
static ga_status check_keys(ga_ctx *ctx, const ga_study *s) {
    g_auto(GStrv) groups = g_key_file_get_groups(s->kf, NULL);
    for (char **g = groups; *g; g++) {
        for (const char *const *u = unsupported_sections; *u; u++)
            if (!strcmp(*g, *u)) {
                size_t line = find_line(s->text, *g, NULL);
                return ga_fail(ctx, GA_ERR_VALUE, "%s: line %zu: [%s]: not supported in study files yet "
                               "(use the %s command)", s->path, line, *g, !strcmp(*g, "catchments") ? "catchment" : *g);
            }
        if (!known_section(*g)) {
            size_t line = find_line(s->text, *g, NULL);
            g_autofree char *where = line ? g_strdup_printf("%s: line %zu", s->path, line) : g_strdup(s->path);
            return ga_fail(ctx, GA_ERR_VALUE, "%s: unknown section [%s] (see docs/study.md)", where, ga_clip(*g));
        }
        g_auto(GStrv) ks = g_key_file_get_keys(s->kf, *g, NULL, NULL);
        for (char **k = ks; ks && *k; k++) {
            g_autofree char *name = g_strdup_printf("%s.%s", *g, *k);
            for (const char *const *u = unsupported_keys; *u; u++)
                if (!strcmp(name, *u)) return bad_value(ctx, s, *g, *k, "not supported in study files yet");
            const ga_study_key *def = find_key(*g, *k);
            if (!def) return bad_value(ctx, s, *g, *k, "unknown key (see docs/study.md)");
            g_autofree char *v = g_key_file_get_value(s->kf, *g, *k, NULL);
            if (!v) return bad_value(ctx, s, *g, *k, "not a valid value (UTF-8 text)");
            g_strstrip(v);
            ga_status st = check_type(ctx, s, def, v);
            if (st) return st;
        }
    }
    return GA_OK;
}

static void resolve_base(ga_study *s) {
    s->dir = g_path_get_dirname(s->path);
}

ga_status ga_study_load_text(ga_ctx *ctx, const char *path, const char *text, const char *const *overrides,
                             size_t n, ga_study **out) {
    ga_study *s = g_new0(ga_study, 1);
    s->path = g_strdup(path);
    s->text = g_strdup(text);
    s->kf = g_key_file_new();
    s->overridden = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    resolve_base(s);
    GError *err = NULL;
    ga_status st = GA_OK;
    if (!g_key_file_load_from_data(s->kf, text, strlen(text), G_KEY_FILE_NONE, &err)) {
        st = ga_fail(ctx, GA_ERR_FORMAT, "%s: not a study file (INI): %s", path, err->message);
        g_error_free(err);
    }
    for (size_t i = 0; !st && i < n; i++) st = apply_override(ctx, s, overrides[i]);
    if (!st) st = check_keys(ctx, s);
    if (!st) s->out_folder = ga_study_get(s, "outputs", "folder");
    if (st) {
        ga_study_free(s);
        return st;
    }
    *out = s;
    return GA_OK;
}

ga_status ga_study_load(ga_ctx *ctx, const char *path, const char *const *overrides, size_t n, ga_study **out) {
    g_autofree char *text = NULL;
    GError *err = NULL;
    if (!g_file_get_contents(path, &text, NULL, &err)) {
        ga_status st = ga_fail(ctx, GA_ERR_IO, "%s: cannot read the study file: %s", path, err->message);
        g_error_free(err);
        return st;
    }
    return ga_study_load_text(ctx, path, text, overrides, n, out);
}

void ga_study_free(ga_study *s) {
    if (!s) return;
    g_free(s->path);
    g_free(s->dir);
    g_free(s->text);
    if (s->kf) g_key_file_free(s->kf);
    if (s->overridden) g_hash_table_destroy(s->overridden);
    g_free(s->out_folder);
    g_free(s);
}

/* ---- typed values ---- */

bool ga_study_has(const ga_study *s, const char *section, const char *key) {
    return g_key_file_has_key(s->kf, section, key, NULL);
}

char *ga_study_get(const ga_study *s, const char *section, const char *key) {
    char *v = g_key_file_get_value(s->kf, section, key, NULL);
    if (v) return g_strstrip(v);
    const ga_study_key *k = find_key(section, key);
    return g_strdup(k ? k->def : "");
}

/* Joins base and a relative path, then folds "dir/.." lexically (not
 * through the file system: a path is printed as the user's folders name
 * it, and the folder need not exist). The folded path loses the outer
 * spaces a final '/' protected ("x /" -> "x"): every value is read without
 * its outer spaces, so a print must not end a path with one. */
char *ga_study_resolve(const ga_study *s, const char *rel) {
    if (!*rel) return g_strdup("");
    if (g_path_is_absolute(rel)) return g_strdup(rel);
    g_autofree char *joined = g_build_filename(s->dir, rel, NULL);
    bool abs = g_path_is_absolute(joined);
    g_auto(GStrv) parts = g_strsplit(joined, G_DIR_SEPARATOR_S, -1);
    GPtrArray *kept = g_ptr_array_new();
    for (char **p = parts; *p; p++) {
        if (!**p || !strcmp(*p, ".")) continue;
        if (!strcmp(*p, "..") && kept->len && strcmp(kept->pdata[kept->len - 1], "..")) {
            g_ptr_array_remove_index(kept, kept->len - 1);
            continue;
        }
        g_ptr_array_add(kept, *p);
    }
    g_ptr_array_add(kept, NULL);
    g_autofree char *body = g_strjoinv(G_DIR_SEPARATOR_S, (char **)kept->pdata);
    g_ptr_array_free(kept, TRUE);
    char *r = abs ? g_strconcat(G_DIR_SEPARATOR_S, body, NULL) : g_strdup(*body ? body : ".");
    g_strstrip(r);
    if (!*r) { /* only spaces were left */
        g_free(r);
        r = g_strdup(".");
    }
    return r;
}

char *ga_study_get_path(const ga_study *s, const char *section, const char *key) {
    g_autofree char *v = ga_study_get(s, section, key);
    return ga_study_resolve(s, v);
}

double ga_study_get_number(const ga_study *s, const char *section, const char *key) {
    g_autofree char *v = ga_study_get(s, section, key);
    double d = NAN;
    if (*v && !parse_number(v, &d)) d = NAN; /* checked at load */
    return d;
}

bool ga_study_get_bool(const ga_study *s, const char *section, const char *key) {
    g_autofree char *v = ga_study_get(s, section, key);
    return !strcmp(v, "true");
}

GStrv ga_study_get_list(const ga_study *s, const char *section, const char *key) {
    g_autofree char *v = ga_study_get(s, section, key);
    g_auto(GStrv) parts = g_strsplit(v, ",", -1);
    GPtrArray *out = g_ptr_array_new();
    for (char **p = parts; *p; p++) {
        g_strstrip(*p);
        if (**p) g_ptr_array_add(out, g_strdup(*p));
    }
    g_ptr_array_add(out, NULL);
    return (GStrv)g_ptr_array_free(out, FALSE);
}

const char *ga_study_output_folder(const ga_study *s) {
    return s->out_folder;
}

/* ---- printing ---- */

char *ga_study_print(const ga_study *s) {
    GString *o = g_string_new(NULL);
    g_string_append_printf(o, "# the effective study of %s: every key, defaults filled in, paths resolved\n",
                           s->path);
    g_autofree char *model = ga_study_get(s, "cost", "model");
    bool straight = !strcmp(model, "straight");
    const char *section = "";
    for (size_t i = 0; i < G_N_ELEMENTS(keys); i++) {
        const ga_study_key *k = &keys[i];
        if (strcmp(section, k->section)) {
            g_string_append_printf(o, "%s[%s]\n", *section ? "\n" : "", k->section);
            section = k->section;
        }
        /* keys of the other kind of cost model would be refused on reading */
        bool road_key = !strcmp(k->section, "cost") && strcmp(k->key, "model") && strcmp(k->key, "speed") &&
                        strcmp(k->key, "detour");
        bool line_key = !strcmp(k->section, "cost") && (!strcmp(k->key, "speed") || !strcmp(k->key, "detour"));
        if ((straight && road_key && strcmp(k->key, "snap_distance") && strcmp(k->key, "threads") &&
             strcmp(k->key, "skip_unsnapped") && strcmp(k->key, "access_speed")) ||
            (!straight && line_key)) {
            g_string_append_printf(o, "# %s: not used by this cost model\n", k->key);
            continue;
        }
        if (!strcmp(k->section, "cost") && !strcmp(k->key, "profile") && !strcmp(model, "graph")) {
            g_string_append_printf(o, "# %s: a graph file has its own\n", k->key);
            continue;
        }
        g_autofree char *v = NULL;
        if (k->type == GA_KEY_PATH) {
            v = ga_study_get_path(s, k->section, k->key);
        } else if (k->type == GA_KEY_PATHS) {
            g_auto(GStrv) l = ga_study_get_list(s, k->section, k->key);
            for (char **p = l; *p; p++) {
                char *r = ga_study_resolve(s, *p);
                g_free(*p);
                *p = r;
            }
            v = g_strjoinv(", ", l);
        } else {
            v = ga_study_get(s, k->section, k->key);
        }
        g_string_append_printf(o, "%s = %s\n", k->key, v);
    }
    return g_string_free(o, FALSE);
}
