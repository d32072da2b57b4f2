/* Input and cost options shared by the planning commands: see plan.h. */
#include <errno.h>
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include "cli/plan.h"
#include "core/internal.h"

#ifndef GA_DEFAULT_DATADIR
#define GA_DEFAULT_DATADIR "geodata"
#endif

void ga_plan_add_input_entries(GOptionContext *oc, ga_plan_input_options *o) {
    memset(o, 0, sizeof *o);
    GOptionEntry e[] = {
        {"data", 0, 0, G_OPTION_ARG_FILENAME, &o->data,
         "folder of the embedded-style data (default: the embedded Hérault data)", "DIR"},
        {"communes", 0, 0, G_OPTION_ARG_FILENAME, &o->communes,
         "commune polygons (shapefile; population from its POPULATION/population field) instead "
         "of the default", "SHP"},
        {"facilities", 0, 0, G_OPTION_ARG_FILENAME, &o->facilities,
         "facilities (CSV points or point shapefile) instead of the default", "FILE"},
        {"id-col", 0, 0, G_OPTION_ARG_STRING, &o->id_col, "facilities: id column (default: id)", "NAME"},
        {"type-col", 0, 0, G_OPTION_ARG_STRING, &o->type_col,
         "facilities: type column (default: type when present; none: one kind of facility, of type "
         "'facility')", "NAME"},
        {"capacity-col", 0, 0, G_OPTION_ARG_STRING, &o->capacity_col,
         "facilities: capacity column (default: capacity 1 each)", "NAME"},
        {"age-col", 0, 0, G_OPTION_ARG_STRING, &o->age_col,
         "facilities: practitioner age column (for retirements in scenarios)", "NAME"},
        {"crs", 0, 0, G_OPTION_ARG_STRING, &o->crs, "facilities: CRS of x/y columns (default EPSG:2154)", "CRS"},
        {"types", 0, 0, G_OPTION_ARG_STRING, &o->types,
         "facility types to use, comma-separated (default: all; embedded: gp, pharm, msp, urg, mat, "
         "hosp, cds)", "LIST"},
        G_OPTION_ENTRY_NULL,
    };
    g_option_context_add_main_entries(oc, e, NULL);
}

const char *ga_plan_data_dir(const char *data) {
    if (data) return data;
    return g_getenv("GEOACCESS_DATA") ? g_getenv("GEOACCESS_DATA") : GA_DEFAULT_DATADIR;
}

ga_status ga_plan_data_load(ga_ctx *ctx, const ga_plan_input_options *o, ga_plan_data *out) {
    ga_plan_input_options with_data = *o;
    with_data.data = (char *)ga_plan_data_dir(o->data);
    return ga_study_inputs_load(ctx, &with_data, out);
}

void ga_plan_input_options_clear(ga_plan_input_options *o) {
    g_clear_pointer(&o->data, g_free);
    g_clear_pointer(&o->communes, g_free);
    g_clear_pointer(&o->facilities, g_free);
    g_clear_pointer(&o->id_col, g_free);
    g_clear_pointer(&o->type_col, g_free);
    g_clear_pointer(&o->capacity_col, g_free);
    g_clear_pointer(&o->age_col, g_free);
    g_clear_pointer(&o->crs, g_free);
    g_clear_pointer(&o->types, g_free);
}
/* ---- cost source ---- */

ga_status ga_plan_cost_open(ga_ctx *ctx, const ga_cli_cost_options *co, ga_plan_cost *out) {
    return ga_cost_source_open(ctx, co, out);
}

void ga_plan_cost_close(ga_plan_cost *c) {
    ga_cost_source_close(c);
}

bool ga_plan_parse_numbers(const char *text, GArray *out, char **err) {
    g_auto(GStrv) parts = g_strsplit(text, ",", -1);
    for (char **p = parts; *p; p++) {
        g_strstrip(*p);
        double v = 0;
        if (!ga_parse_decimal(*p, strlen(*p), false, &v) || !(v > 0)) {
            *err = g_strdup_printf("'%s' is not a positive number", ga_clip(*p));
            return false;
        }
        g_array_append_val(out, v);
    }
    if (!out->len) {
        *err = g_strdup("no number given");
        return false;
    }
    return true;
}

ga_status ga_plan_mkdir(ga_ctx *ctx, const char *dir) {
    if (g_mkdir_with_parents(dir, 0755) != 0)
        return ga_fail(ctx, GA_ERR_IO, "%s: cannot create the output folder: %s", dir, g_strerror(errno));
    return GA_OK;
}


void ga_plan_add_map_entry(GOptionContext *oc, char **format) {
    GOptionEntry e[] = {
        {"map-format", 0, 0, G_OPTION_ARG_STRING, format,
         "the maps' format: png (A4 at 150 dpi, default), svg or pdf (A4, vector)", "FORMAT"},
        G_OPTION_ENTRY_NULL,
    };
    g_option_context_add_main_entries(oc, e, NULL);
}

bool ga_plan_map_format(const char *cmd, const char *text, ga_map_format *out, int *rc) {
    *out = GA_MAP_PNG;
    if (!text || ga_map_format_parse(text, out)) return true;
    *rc = ga_cli_usage_error(cmd, "--map-format: '%s' is not a map format (png, svg or pdf)", ga_clip(text));
    return false;
}

void ga_plan_maps_init(ga_plan_maps *m, const ga_plan_data *d, const char *model_text, ga_map_format f,
                       const char *dir, GPtrArray *written) {
    char *subtitle = g_strdup_printf("%s; %s", d->what ? d->what : "", model_text ? model_text : "");
    *m = (ga_plan_maps){d, subtitle, ga_plan_maps_sources(d), f, dir, 0, written};
}

void ga_plan_maps_clear(ga_plan_maps *m) {
    g_free((char *)m->subtitle);
    g_free((char *)m->sources);
    memset(m, 0, sizeof *m);
}

/* "OUT/a.png, OUT/b.png": the maps written, for the "written:" line */
char *ga_plan_maps_list(GPtrArray *written) {
    g_ptr_array_add(written, NULL);
    char *s = g_strjoinv(", ", (char **)written->pdata);
    g_ptr_array_remove_index(written, written->len - 1);
    return s;
}
