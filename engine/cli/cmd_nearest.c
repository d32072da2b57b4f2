/* geoaccess nearest: per commune and facility type, the nearest facility
 * with its time and distance, and the second nearest. Computed by
 * study/nearest.h, written by write/nearest_out.h. */
#include <stdio.h>
#include "cli/plan.h"
#include "study/nearest.h"
#include "write/nearest_out.h"

/* Parses the options; false (exit code in *rc) on a usage error. */
static bool parse(int *argc, char ***argv, char **out_dir, ga_plan_input_options *io,
                  ga_cli_cost_options *co, char **map_format, int *rc) {
    GOptionEntry entries[] = {
        {"out", 0, 0, G_OPTION_ARG_FILENAME, out_dir, "output folder (default: out)", "DIR"},
        G_OPTION_ENTRY_NULL};
    GOptionContext *oc = g_option_context_new("- nearest facility of each type per commune");
    g_option_context_set_summary(oc,
        "For every commune and facility type: the nearest facility (by travel time from the\n"
        "commune's representative point), its time in minutes and its distance in km (the\n"
        "model's distance to that facility: straight line, or the shortest road distance), and\n"
        "the second nearest with its time. Writes OUT/nearest.csv and OUT/nearest.shp with\n"
        "columns TYPE_id, TYPE_min, TYPE_km, TYPE_id2, TYPE_min2 (empty when none is reachable),\n"
        "and a map of the times per type, OUT/map_nearest_TYPE.png (or --map-format svg, pdf).");
    g_option_context_add_main_entries(oc, entries, NULL);
    ga_plan_add_input_entries(oc, io);
    ga_cli_cost_add_main_entries(oc, co);
    ga_plan_add_map_entry(oc, map_format);
    gboolean parsed = ga_cli_parse(oc, argc, argv, "nearest");
    g_option_context_free(oc);
    *rc = !parsed      ? GA_EXIT_USAGE
          : *argc > 1 ? ga_cli_usage_error("nearest", "unexpected argument '%s'", ga_clip((*argv)[1]))
                      : GA_EXIT_OK;
    if (!*out_dir) *out_dir = g_strdup("out");
    return *rc == GA_EXIT_OK;
}

static void print_type(const ga_plan_nearest_type *t) {
    ga_cli_print_col(ga_plan_type_label(t->type), 30);
    printf(" %10zu %14.1f %14.1f %14zu\n", ga_points_count(t->fac), t->s.median, t->s.max, t->s.none);
    if (t->s.unknown)
        printf("%-30s not routed (unknown, left out above): %zu commune(s), %.0f people\n", "",
               t->s.unknown, t->s.unknown_pop);
}

int ga_cmd_nearest(int argc, char **argv) {
    g_autofree char *out_dir = NULL, *model_text = NULL, *csv = NULL, *shp = NULL, *map_format = NULL,
                    *maps_text = NULL;
    ga_map_format fmt = GA_MAP_PNG;
    ga_plan_maps maps = {0};
    GPtrArray *written = g_ptr_array_new_with_free_func(g_free);
    ga_plan_input_options io;
    ga_cli_cost_options co;
    int rc;
    ga_outset *set = NULL;
    ga_ctx *ctx = NULL;
    ga_plan_data d = {0};
    ga_plan_cost cost = {0};
    ga_points *origins = NULL;
    ga_plan_nearest_type *types = NULL;
    size_t n_types = 0;
    if (!parse(&argc, &argv, &out_dir, &io, &co, &map_format, &rc) ||
        !ga_plan_map_format("nearest", map_format, &fmt, &rc))
        goto done;
    if (!(ctx = ga_cli_ctx_new())) {
        rc = GA_EXIT_INPUT;
        goto done;
    }
    if (ga_cli_outset_open(ctx, "nearest", out_dir, NULL, &set)) goto fail; /* before the work */
    if (ga_plan_cost_open(ctx, &co, &cost) || ga_plan_data_load(ctx, &io, &d) ||
        ga_points_from_communes(ctx, d.communes, &origins))
        goto fail;
    model_text = ga_cost_model_describe(cost.model);
    printf("geoaccess nearest: %s\ntravel costs: %s\n\n", d.what, model_text);
    printf("%-30s %10s %14s %14s %14s\n", "type", "facilities", "median min", "max min", "no facility");
    types = g_new0(ga_plan_nearest_type, d.types->len + 1);
    for (; n_types < d.types->len; n_types++) {
        if (ga_plan_nearest_type_run(ctx, cost.model, &d, origins, d.types->pdata[n_types], &types[n_types])) {
            n_types++; /* cleared below */
            goto fail;
        }
        print_type(&types[n_types]);
    }
    csv = g_build_filename(out_dir, "nearest.csv", NULL);
    shp = g_build_filename(out_dir, "nearest.shp", NULL);
    if (ga_nearest_write(ctx, &d, types, n_types, csv, shp)) goto fail;
    ga_plan_maps_init(&maps, &d, model_text, fmt, out_dir, written);
    for (size_t k = 0; k < n_types; k++) {
        g_autofree char *name = g_strdup_printf("map_nearest_%s", types[k].type);
        g_autofree char *title = g_strdup_printf("Estimated time to the nearest %s", ga_plan_type_label(types[k].type));
        if (ga_plan_map_times(ctx, &maps, name, title, types[k].time, types[k].fac)) goto fail;
    }
    if (ga_outset_commit(ctx, g_steal_pointer(&set))) goto fail;
    maps_text = ga_plan_maps_list(written);
    ga_cli_flush_warnings(ctx);
    if (d.notes->len) printf("\n%s", d.notes->str);
    printf("\nwritten: %s, %s\n         %s\n", csv, shp, maps_text);
    goto done;
fail:
    rc = ga_cli_fail(ctx, "nearest");
done:
    for (size_t k = 0; k < n_types; k++) ga_plan_nearest_type_clear(&types[k]);
    g_free(types);
    ga_outset_abort(set);
    ga_plan_maps_clear(&maps);
    g_ptr_array_free(written, TRUE);
    ga_points_free(origins);
    ga_plan_cost_close(&cost);
    ga_plan_data_clear(&d);
    ga_plan_input_options_clear(&io);
    ga_cli_cost_options_clear(&co);
    ga_ctx_free(ctx);
    return rc;
}
