/* Describing inputs for a person about to start a study: what a file is,
 * its CRS, records, fields and extent. At graph level: it opens graph files
 * and OSM extracts as well as the layers load/ reads. */
#include <math.h>
#include <string.h>
#include <stdio.h>
#include "core/alloc.h"
#include "graph/graph.h"
#include "graph/osm_reader.h"
#include "load/load.h"

/* The extent's corners in WGS84, when the CRS is known to PROJ. */
static void append_lonlat_extent(ga_ctx *ctx, GString *out, const char *crs, const double *min,
                                 const double *max) {
    PJ *raw = proj_create_crs_to_crs(ctx->proj, crs, "EPSG:4326", NULL);
    if (!raw) return;
    PJ *pj = proj_normalize_for_visualization(ctx->proj, raw);
    proj_destroy(raw);
    if (!pj) return;
    double x[2] = {min[0], max[0]}, y[2] = {min[1], max[1]};
    proj_trans_generic(pj, PJ_FWD, x, sizeof *x, 2, y, sizeof *y, 2, NULL, 0, 0, NULL, 0, 0);
    if (isfinite(x[0]) && isfinite(x[1]) && x[0] != HUGE_VAL && x[1] != HUGE_VAL)
        g_string_append_printf(out, "  extent (lon/lat): %.5f, %.5f - %.5f, %.5f\n", x[0], y[0], x[1], y[1]);
    proj_destroy(pj);
}

static ga_status describe_shapefile(ga_ctx *ctx, const char *path, GString *out) {
    ga_shapefile s;
    ga_status st = ga_shapefile_open(ctx, path, &s);
    if (st) return st;
    g_string_append_printf(out, "%s\n  kind: ESRI shapefile\n  geometry: %s\n  records: %d\n",
                           s.path, SHPTypeName(s.shape_type), s.n_records);
    if (s.prj) {
        g_autofree char *name = ga_crs_describe(ctx, s.prj);
        g_string_append_printf(out, "  CRS: %s\n", name ? name : "unknown to PROJ (check the .prj)");
    } else {
        g_string_append(out, "  CRS: none (no .prj file)\n");
    }
    g_string_append_printf(out, "  text encoding: %s\n", s.encoding ? s.encoding : "not declared (no .cpg)");
    g_string_append_printf(out, "  extent: %.2f, %.2f - %.2f, %.2f\n", s.min[0], s.min[1], s.max[0], s.max[1]);
    if (s.prj && s.n_records > 0) append_lonlat_extent(ctx, out, s.prj, s.min, s.max);
    int nf = DBFGetFieldCount(s.dbf);
    g_string_append_printf(out, "  fields (%d):\n", nf);
    for (int f = 0; f < nf; f++) {
        char name[XBASE_FLDNAME_LEN_READ + 1];
        int width = 0, dec = 0;
        DBFFieldType t = DBFGetFieldInfo(s.dbf, f, name, &width, &dec);
        const char *tn = t == FTString ? "text" : t == FTInteger ? "integer"
                       : t == FTDouble ? (dec ? "real" : "integer") : t == FTLogical ? "logical"
                       : t == FTDate ? "date" : "other";
        g_autofree char *example = s.n_records ? ga_shapefile_text(&s, 0, f) : ga_try_strdup("");
        if (!example) {
            ga_shapefile_close(&s);
            return ga_nomem(ctx, "file description");
        }
        g_string_append_printf(out, "    %-11s %-8s width %d%s%.0d  e.g. '%s'\n", name, tn, width,
                               dec ? ", decimals " : "", dec, ga_clip(example));
    }
    ga_shapefile_close(&s);
    return GA_OK;
}

static ga_status describe_table(ga_ctx *ctx, const char *path, GString *out) {
    ga_table *t = NULL;
    ga_status st = ga_table_read(ctx, path, &t);
    if (st) return st;
    char sep = ga_table_separator(t);
    g_string_append_printf(out, "%s\n  kind: CSV table\n  separator: %s%s\n  rows: %zu\n  columns (%zu):\n",
                           path, sep == ';' ? "semicolon" : sep == '\t' ? "tab" : "comma",
                           ga_table_decimal_comma(t) ? " (decimal commas accepted)" : "",
                           ga_table_rows(t), ga_table_cols(t));
    for (size_t c = 0; c < ga_table_cols(t); c++) {
        size_t empty = 0, numeric = 0, integer = 0;
        double lo = INFINITY, hi = -INFINITY;
        for (size_t r = 0; r < ga_table_rows(t); r++) {
            const char *s = ga_table_cell(t, r, c);
            double v;
            if (!*s) {
                empty++;
            } else if (ga_table_get_double(ctx, t, r, c, &v) == GA_OK) {
                numeric++;
                if (v == floor(v) && !strpbrk(s, ".,eE")) integer++;
                lo = MIN(lo, v);
                hi = MAX(hi, v);
            }
        }
        ga_ctx_clear_error(ctx);
        size_t filled = ga_table_rows(t) - empty;
        const char *type = filled == 0 ? "empty" : numeric < filled ? "text"
                         : integer == numeric ? "integer" : "real";
        g_string_append_printf(out, "    %-28s %-7s", ga_clip(ga_table_header(t, c)), type);
        /* 15 significant digits: a FINESS id or a Lambert-93 y in full, not 3.4e+08 */
        if (numeric == filled && filled > 0) g_string_append_printf(out, " %.15g .. %.15g", lo, hi);
        else if (ga_table_rows(t)) g_string_append_printf(out, " e.g. '%s'", ga_clip(ga_table_cell(t, 0, c)));
        if (empty) g_string_append_printf(out, " (%zu empty)", empty);
        g_string_append_c(out, '\n');
    }
    ga_table_free(t);
    return GA_OK;
}

typedef struct {
    uint64_t nodes, ways, relations, highways;
    double min_lon, min_lat, max_lon, max_lat;
} osm_counts;

static int count_node(void *user, int64_t id, double lon, double lat) {
    (void)id;
    osm_counts *c = (osm_counts *)user;
    c->nodes++;
    c->min_lon = MIN(c->min_lon, lon);
    c->max_lon = MAX(c->max_lon, lon);
    c->min_lat = MIN(c->min_lat, lat);
    c->max_lat = MAX(c->max_lat, lat);
    return 0;
}

static int count_way(void *user, int64_t id, const int64_t *refs, size_t n_refs,
                     const char *const *keys, const char *const *values, size_t n_tags) {
    (void)id, (void)refs, (void)n_refs, (void)values;
    osm_counts *c = (osm_counts *)user;
    c->ways++;
    for (size_t i = 0; i < n_tags; i++)
        if (!strcmp(keys[i], "highway")) {
            c->highways++;
            break;
        }
    return 0;
}

static int count_relation(void *user, int64_t id) {
    (void)id;
    ((osm_counts *)user)->relations++;
    return 0;
}

/* libosmium through engine/graph/osm_reader.h: a damaged file is an error
 * naming it, never a crash. */
static ga_status describe_osm(ga_ctx *ctx, const char *path, GString *out) {
    osm_counts c = {0, 0, 0, 0, INFINITY, INFINITY, -INFINITY, -INFINITY};
    ga_osm_handlers h = {count_node, count_way, count_relation};
    ga_status st = ga_osm_read(ctx, path, NULL, 0, &h, &c);
    if (st) return st;
    g_string_append_printf(out, "%s\n  kind: OpenStreetMap extract\n  CRS: WGS 84 (EPSG:4326)\n"
                           "  nodes: %llu\n  ways: %llu (%llu with a highway tag)\n  relations: %llu\n",
                           path, (unsigned long long)c.nodes, (unsigned long long)c.ways,
                           (unsigned long long)c.highways, (unsigned long long)c.relations);
    if (c.nodes)
        g_string_append_printf(out, "  extent (lon/lat): %.5f, %.5f - %.5f, %.5f\n", c.min_lon,
                               c.min_lat, c.max_lon, c.max_lat);
    return GA_OK;
}

/* A graph file written by `geoaccess graph` (loading it checks its version
 * and checksums). */
static ga_status describe_graph(ga_ctx *ctx, const char *path, GString *out) {
    ga_graph *g = NULL;
    ga_status st = ga_graph_load(ctx, path, &g);
    if (st) return st;
    char *sha = ga_graph_source_sha256(g);
    g_string_append_printf(out,
                           "%s\n  kind: geoaccess road graph\n  CRS: %s\n  profile: %s\n"
                           "  nodes: %zu\n  arcs: %zu\n  road: %.1f km\n"
                           "  dropped when built: %zu nodes in %zu components\n  source sha256: %s\n",
                           path, ga_graph_crs(g), ga_graph_profile(g), ga_graph_node_count(g),
                           ga_graph_arc_count(g), ga_graph_length_km(g), ga_graph_dropped_nodes(g),
                           ga_graph_dropped_components(g), sha);
    g_free(sha);
    if (g->n_nodes) {
        double min[2] = {INFINITY, INFINITY}, max[2] = {-INFINITY, -INFINITY};
        for (uint32_t v = 0; v < g->n_nodes; v++) {
            double x = g->x_cm[v] / 100.0, y = g->y_cm[v] / 100.0;
            min[0] = fmin(min[0], x), min[1] = fmin(min[1], y);
            max[0] = fmax(max[0], x), max[1] = fmax(max[1], y);
        }
        g_string_append_printf(out, "  extent: %.2f, %.2f - %.2f, %.2f\n", min[0], min[1], max[0], max[1]);
        append_lonlat_extent(ctx, out, ga_graph_crs(g), min, max);
    }
    ga_graph_free(g);
    return GA_OK;
}

static bool is_graph_file(const char *path) {
    static const char magic[8] = {'G', 'A', 'G', 'R', 'A', 'P', 'H', 0};
    char head[8];
    FILE *f = fopen(path, "rb");
    if (!f) return false;
    bool yes = fread(head, 1, 8, f) == 8 && !memcmp(head, magic, 8);
    fclose(f);
    return yes;
}

ga_status ga_describe_file(ga_ctx *ctx, const char *path, char **text_out) {
    if (!g_file_test(path, G_FILE_TEST_EXISTS))
        return ga_fail(ctx, GA_ERR_IO, "%s: no such file", path);
    GString *out = g_string_new(NULL);
    g_autofree char *lower = g_ascii_strdown(path, -1);
    ga_status st;
    if (g_str_has_suffix(lower, ".shp") || g_str_has_suffix(lower, ".dbf") || g_str_has_suffix(lower, ".shx")) {
        g_autofree char *shp = ga_try_strndup(path, strlen(path) - 4);
        st = shp ? describe_shapefile(ctx, shp, out) : ga_nomem(ctx, "file description");
    } else if (g_str_has_suffix(lower, ".pbf") || g_str_has_suffix(lower, ".osm")) {
        st = describe_osm(ctx, path, out);
    } else if (is_graph_file(path)) {
        st = describe_graph(ctx, path, out);
    } else {
        st = describe_table(ctx, path, out);
    }
    if (st) {
        g_string_free(out, TRUE);
        return st;
    }
    *text_out = g_string_free(out, FALSE);
    return GA_OK;
}
