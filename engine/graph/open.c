/* Opening a road graph from any road source: see open.h. */
#include <string.h>
#include "core/internal.h"
#include "graph/open.h"

static bool ends_with(const char *s, const char *suffix) {
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && g_ascii_strcasecmp(s + n - k, suffix) == 0;
}

ga_status ga_graph_open(ga_ctx *ctx, const char *roads_path, const char *graph_path,
                        const char *profile, ga_graph **out) {
    if (!roads_path == !graph_path)
        return ga_fail(ctx, GA_ERR_ARG, "road model: give exactly one of a road file and a graph file");
    if (graph_path) return ga_graph_load(ctx, graph_path, out);
    /* An OSM extract gets the metric CRS that suits it (Lambert-93 in
     * France, else its UTM zone); road shapefiles are projected into the
     * working CRS. */
    ga_graph_options go = {.profile = profile, .crs = NULL};
    ga_graph_options go_osm = {.profile = profile, .crs = "auto"};
    if (ends_with(roads_path, ".pbf") || ends_with(roads_path, ".osm"))
        return ga_graph_build_osm(ctx, roads_path, &go_osm, out, NULL);
    if (ends_with(roads_path, ".shp")) return ga_graph_build_shp(ctx, roads_path, &go, out, NULL);
    return ga_fail(ctx, GA_ERR_FORMAT, "%s: unknown road file type (expected .osm.pbf, .osm or .shp)", roads_path);
}
