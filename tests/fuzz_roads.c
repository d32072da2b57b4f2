/* Fuzz target for road profiles (engine/graph/profile.c) and road
 * shapefiles (engine/graph/roads_shp.c). The input is, joined by
 * GA_FUZZ_SEP (fuzz_util.h):
 *   profile key file | .shp | .shx | .dbf | .prj | .cpg
 * The profile text is parsed alone (ga_profile_parse), then the graph is
 * built from the shapefile with that profile (the built-in car profile when
 * the text is empty). The shapefile parts go to a private temporary folder
 * (the reader takes a path). */
#include <string.h>
#include "geoaccess.h"
#include "graph/profile.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    ga_ctx *ctx = ga_fuzz_ctx();
    ga_fuzz_part part[6];
    ga_fuzz_split(data, size, part, 6);

    ga_profile *prof = NULL;
    ga_status st_ga_profile_parse = ga_profile_parse(ctx, (const char *)part[0].data, part[0].len, "fuzz.ini", &prof);
    GA_FUZZ_REPORT(ctx, "ga_profile_parse", st_ga_profile_parse);
    if (st_ga_profile_parse == GA_OK) {
        (void)ga_profile_speed(prof, "primary");
        (void)ga_profile_speed(prof, "urban");
        ga_profile_free(prof);
    }
    ga_ctx_clear_error(ctx);

    static const char *const ext[] = {"r.shp", "r.shx", "r.dbf", "r.prj", "r.cpg"};
    char *shp = NULL;
    for (int k = 0; k < 5; k++) {
        char *p = ga_fuzz_put(ext[k], part[k + 1]);
        if (k == 0) shp = p;
        else g_free(p);
    }
    char *ini = ga_fuzz_put("p.ini", part[0]);
    ga_graph_options o = {0};
    o.profile = part[0].len ? ini : NULL;
    o.snap_tolerance_m = 1;
    ga_graph *g = NULL;
    ga_status st_ga_graph_build_shp = ga_graph_build_shp(ctx, shp, &o, &g, NULL);
    GA_FUZZ_REPORT(ctx, "ga_graph_build_shp", st_ga_graph_build_shp);
    if (st_ga_graph_build_shp == GA_OK) {
        (void)ga_graph_node_count(g);
        (void)ga_graph_length_km(g);
        ga_graph_free(g);
    }
    ga_ctx_clear_error(ctx);
    ga_ctx_clear_warnings(ctx);
    g_free(ini);
    g_free(shp);
    return 0;
}
