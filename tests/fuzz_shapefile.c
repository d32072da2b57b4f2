/* Fuzz target for the shapefile + DBF readers: the commune polygon layer
 * (ga_communes_read), the point layer (ga_points_read_shp) and `info`
 * (ga_describe_file). The input is, joined by GA_FUZZ_SEP (fuzz_util.h):
 *   options line | .shp | .shx | .dbf | .prj | .cpg
 * The options line may hold the words "refuse" (refuse invalid polygons),
 * "assume" (EPSG:2154 when there is no .prj), "fields" (name the id/name/
 * population fields), "type" (read a type and a capacity field) and "info"
 * (also describe the file as `geoaccess info` does: PROJ's CRS
 * identification takes most of the time, so only on request).
 * The readers take paths (shapelib opens the sidecar files by name), so the
 * parts are written to a private temporary folder. */
#include <string.h>
#include "geoaccess.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    ga_ctx *ctx = ga_fuzz_ctx();
    ga_fuzz_part part[6];
    ga_fuzz_split(data, size, part, 6);
    char *opts = g_strndup((const char *)part[0].data, part[0].len);
    static const char *const ext[] = {"l.shp", "l.shx", "l.dbf", "l.prj", "l.cpg"};
    char *shp = NULL;
    for (int k = 0; k < 5; k++) {
        char *p = ga_fuzz_put(ext[k], part[k + 1]);
        if (k == 0) shp = p;
        else g_free(p);
    }

    ga_communes_options co = {0};
    if (strstr(opts, "refuse")) co.invalid = GA_INVALID_REFUSE;
    if (strstr(opts, "assume")) co.assume_crs = "EPSG:2154";
    if (strstr(opts, "fields")) {
        co.id_field = "code";
        co.name_field = "name";
        co.population_field = "pop";
    }
    ga_communes *c = NULL;
    ga_status st_ga_communes_read = ga_communes_read(ctx, shp, &co, &c);
    GA_FUZZ_REPORT(ctx, "ga_communes_read", st_ga_communes_read);
    if (st_ga_communes_read == GA_OK) {
        for (size_t i = 0; i < ga_communes_count(c); i++) {
            double x, y;
            ga_communes_point(c, i, &x, &y);
            (void)ga_communes_id(c, i);
            (void)ga_communes_name(c, i);
            (void)ga_communes_population(c, i);
            (void)ga_communes_area(c, i);
        }
        ga_points *cp = NULL;
        if (ga_points_from_communes(ctx, c, &cp) == GA_OK) ga_points_free(cp);
        ga_communes_free(c);
    }
    ga_ctx_clear_error(ctx);

    ga_points_options po = {0};
    if (strstr(opts, "assume")) po.crs = "EPSG:2154";
    if (strstr(opts, "type")) {
        po.type_col = "type";
        po.capacity_col = "capacity";
    }
    ga_points *p = NULL;
    ga_status st_ga_points_read_shp = ga_points_read_shp(ctx, shp, &po, &p);
    GA_FUZZ_REPORT(ctx, "ga_points_read_shp", st_ga_points_read_shp);
    if (st_ga_points_read_shp == GA_OK) {
        for (size_t i = 0; i < ga_points_count(p); i++) {
            double x, y;
            ga_points_xy(p, i, &x, &y);
            (void)ga_points_id(p, i);
            (void)ga_points_type(p, i);
            (void)ga_points_capacity(p, i);
        }
        ga_points_free(p);
    }
    ga_ctx_clear_error(ctx);

    char *text = NULL;
    if (!strstr(opts, "info")) goto skip; /* proj_identify is slow: on request */
    ga_status st_ga_describe_file = ga_describe_file(ctx, shp, &text);
    GA_FUZZ_REPORT(ctx, "ga_describe_file", st_ga_describe_file);
    if (st_ga_describe_file == GA_OK) g_free(text);
skip:
    ga_ctx_clear_error(ctx);
    ga_ctx_clear_warnings(ctx);
    g_free(shp);
    g_free(opts);
    return 0;
}
