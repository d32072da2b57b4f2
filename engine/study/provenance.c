/* PROVENANCE files: see provenance.h. Their layout is the data folders'
 * own ("Key : value" lines, continuation lines indented under the value),
 * read here by hand: no library parses it. */
#include <stdbool.h>
#include <string.h>
#include "study/provenance.h"

/* The key of a "  Key   : value" line (NULL otherwise), *value after it. */
static char *field_key(const char *line, const char **value) {
    const char *colon = strstr(line, " : ");
    if (!colon) colon = strstr(line, ": ");
    if (!colon || colon == line) return NULL;
    for (const char *p = line; p < colon; p++)
        if (!g_ascii_isalpha(*p) && *p != ' ') return NULL;
    const char *v = colon + (colon[0] == ' ' ? 3 : 2);
    while (*v == ' ') v++;
    *value = v;
    return g_strstrip(g_strndup(line, (gsize)(colon - line)));
}

static size_t indent_of(const char *line) {
    size_t k = 0;
    while (line[k] == ' ') k++;
    return k;
}

static bool is_section(const char *line) {
    return g_ascii_isupper(line[0]) && line[1] == ')' && line[2] == ' ';
}

/* Adds `v` (spaces folded) to `out` unless it is there already. */
static void add_distinct(GPtrArray *out, GString *v) {
    g_autofree char *folded = NULL;
    g_auto(GStrv) words = g_strsplit_set(g_strstrip(v->str), " \t", -1);
    GString *f = g_string_new(NULL);
    for (char **w = words; *w; w++)
        if (**w) g_string_append_printf(f, "%s%s", f->len ? " " : "", *w);
    folded = g_string_free(f, FALSE);
    for (guint i = 0; i < out->len; i++)
        if (!strcmp(out->pdata[i], folded)) return;
    if (*folded) g_ptr_array_add(out, g_steal_pointer(&folded));
}

/* The "Licence :" values of lines [from, to). */
static void licence_fields(char **lines, size_t from, size_t to, GPtrArray *out) {
    for (size_t i = from; i < to; i++) {
        const char *value = NULL;
        g_autofree char *key = field_key(lines[i], &value);
        if (!key || g_ascii_strcasecmp(key, "licence")) continue;
        GString *v = g_string_new(value);
        size_t col = (size_t)(value - lines[i]);
        for (size_t j = i + 1; j < to; j++) {
            const char *dummy;
            g_autofree char *other = field_key(lines[j], &dummy);
            if (!*lines[j] || other || indent_of(lines[j]) < col) break;
            g_string_append_printf(v, " %s", lines[j]);
        }
        add_distinct(out, v);
        g_string_free(v, TRUE);
    }
}

/* With no field: the clause from "Licence Ouverte" to the end of its
 * sentence. */
static void licence_mentions(char **lines, size_t from, size_t to, GPtrArray *out) {
    for (size_t i = from; i < to; i++) {
        const char *at = strstr(lines[i], "Licence Ouverte");
        if (!at) continue;
        const char *end = strstr(at, ". ");
        if (!end) end = at + strlen(at);
        while (end > at && (end[-1] == '.' || end[-1] == ' ')) end--;
        GString *v = g_string_new_len(at, end - at);
        add_distinct(out, v);
        g_string_free(v, TRUE);
    }
}

void ga_provenance_parse(const char *text, const char *name, char **title, char **licence) {
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
    size_t n = g_strv_length(lines);
    *title = NULL;
    *licence = NULL;
    for (size_t i = 0; i < n; i++) {
        g_strchomp(lines[i]);
        if (!*title && *lines[i]) *title = g_strdup(lines[i] + indent_of(lines[i]));
    }
    /* sections: [start, end) of those that mention `name` */
    GArray *from = g_array_new(FALSE, FALSE, sizeof(size_t)), *to = g_array_new(FALSE, FALSE, sizeof(size_t));
    for (size_t i = 0; i < n; i++) {
        if (!is_section(lines[i])) continue;
        size_t j = i + 1; /* a section's lines are indented: it ends at the next line that is not */
        while (j < n && (!*lines[j] || *lines[j] == ' ' || *lines[j] == '\t')) j++;
        bool mentions = false;
        for (size_t k = i; k < j && !mentions && name && *name; k++) mentions = strstr(lines[k], name) != NULL;
        if (mentions) {
            g_array_append_val(from, i);
            g_array_append_val(to, j);
        }
    }
    if (!from->len) {
        size_t zero = 0;
        g_array_append_val(from, zero);
        g_array_append_val(to, n);
    }
    GPtrArray *found = g_ptr_array_new_with_free_func(g_free);
    for (guint s = 0; s < from->len; s++)
        licence_fields(lines, g_array_index(from, size_t, s), g_array_index(to, size_t, s), found);
    for (guint s = 0; s < from->len && !found->len; s++)
        licence_mentions(lines, g_array_index(from, size_t, s), g_array_index(to, size_t, s), found);
    if (found->len) {
        g_ptr_array_add(found, NULL);
        *licence = g_strjoinv(" | ", (char **)found->pdata);
    }
    g_ptr_array_free(found, TRUE);
    g_array_free(from, TRUE);
    g_array_free(to, TRUE);
}

void ga_provenance_find(const char *path, char **file, char **title, char **licence) {
    *file = *title = *licence = NULL;
    g_autofree char *dir = g_file_test(path, G_FILE_TEST_IS_DIR) ? g_strdup(path) : g_path_get_dirname(path);
    g_autofree char *base = g_path_get_basename(path);
    for (int up = 0; up < 3 && !*file; up++) {
        char *candidate = g_build_filename(dir, "PROVENANCE.txt", NULL);
        if (g_file_test(candidate, G_FILE_TEST_IS_REGULAR)) *file = candidate;
        else g_free(candidate);
        char *parent = g_path_get_dirname(dir);
        g_free(dir);
        dir = parent;
    }
    g_autofree char *text = NULL;
    if (*file && g_file_get_contents(*file, &text, NULL, NULL))
        ga_provenance_parse(text, base, title, licence);
}
