/* The sources line of the maps: see sources.h. The names are recognised
 * from the files' names because the data sets carry no machine-readable
 * title (their PROVENANCE.txt files are prose). */
#include <stdbool.h>
#include <string.h>
#include "study/sources.h"

static char *name_of(const char *path) {
    g_autofree char *base = g_path_get_basename(path);
    static const struct {
        const char *pattern, *before, *after; /* the name: before, the year, after */
    } known[] = {
        {"bpe(\\d{4})", "INSEE BPE ", ""},
        {"finess(\\d{4})", "FINESS ", ""},
        {"^apl_mg_\\w+_(\\d{4})\\.csv$", "DREES APL ", ""},
        {"cog(\\d{4})\\.shp$", "IGN ADMIN EXPRESS (COG ", ")"},
        {"drees()", "DREES", ""},
    };
    for (size_t k = 0; k < G_N_ELEMENTS(known); k++) {
        GMatchInfo *m = NULL;
        GRegex *re = g_regex_new(known[k].pattern, G_REGEX_CASELESS, 0, NULL);
        bool hit = re && g_regex_match(re, base, 0, &m);
        char *out = NULL;
        if (hit) {
            g_autofree char *year = g_match_info_fetch(m, 1);
            out = g_strconcat(known[k].before, year ? year : "", known[k].after, NULL);
        }
        g_match_info_free(m);
        if (re) g_regex_unref(re);
        if (out) return out;
    }
    return g_steal_pointer(&base);
}

void ga_sources_add(GString *line, const char *path) {
    if (!path || !*path) return;
    g_autofree char *name = name_of(path);
    if (!line->len) g_string_append(line, "Sources : ");
    else if (strstr(line->str, name)) return;
    else g_string_append(line, ", ");
    g_string_append(line, name);
}
