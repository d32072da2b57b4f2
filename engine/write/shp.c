/* Shapefile sets written atomically: see shp.h. */
#include <errno.h>
#include <string.h>
#include <glib/gstdio.h>
#include "write/atomic.h"
#include "write/shp.h"

static const char *const shp_exts[] = {".shp", ".shx", ".dbf", ".prj", ".cpg"};

ga_status ga_shp_out_open(ga_ctx *ctx, const char *path, int shp_type, ga_shp_out *o) {
    memset(o, 0, sizeof *o);
    o->base = g_str_has_suffix(path, ".shp") ? g_strndup(path, strlen(path) - 4) : g_strdup(path);
    o->tmp = ga_atomic_temp_name(o->base);
    for (size_t k = 0; k < G_N_ELEMENTS(shp_exts); k++) {
        g_autofree char *dst = g_strconcat(o->base, shp_exts[k], NULL);
        g_autofree char *tmp = g_strconcat(o->tmp, shp_exts[k], NULL);
        ga_tmp_register(tmp); /* removed on SIGTERM/SIGINT */
        if (ga_output_check_dest(ctx, dst)) return GA_ERR_IO;
    }
    g_autofree char *tmp_dbf = g_strconcat(o->tmp, ".dbf", NULL);
    o->shp = SHPCreate(o->tmp, shp_type);
    o->dbf = o->shp ? DBFCreateEx(tmp_dbf, "UTF-8") : NULL;
    if (!o->shp || !o->dbf) return ga_fail(ctx, GA_ERR_IO, "%s: cannot create the shapefile", path);
    return GA_OK;
}

/* The working CRS as ESRI WKT for the .prj (what QGIS and ArcGIS read). */
/* `path`: the temporary file; `dest`: the destination, named in messages. */
static ga_status write_prj(ga_ctx *ctx, const char *path, const char *dest) {
    PJ *pj = proj_create(ctx->proj, ctx->working_crs);
    if (!pj) return ga_fail(ctx, GA_ERR_CRS, "cannot describe %s: %s", ctx->working_crs, ga_proj_message(ctx));
    const char *wkt = proj_as_wkt(ctx->proj, pj, PJ_WKT1_ESRI, NULL);
    ga_status st = GA_OK;
    if (!wkt || !g_file_set_contents(path, wkt, -1, NULL))
        st = ga_fail(ctx, GA_ERR_IO, "%s: cannot write the .prj", dest);
    proj_destroy(pj);
    return st;
}

ga_status ga_shp_out_finish(ga_ctx *ctx, ga_shp_out *o, ga_status st, const char *path) {
    if (o->shp) SHPClose(o->shp);
    if (o->dbf) DBFClose(o->dbf);
    if (!st) {
        g_autofree char *prj = g_strconcat(o->tmp, ".prj", NULL);
        g_autofree char *cpg = g_strconcat(o->tmp, ".cpg", NULL);
        st = write_prj(ctx, prj, path);
        if (!st && !g_file_set_contents(cpg, "UTF-8", -1, NULL))
            st = ga_fail(ctx, GA_ERR_IO, "%s: cannot write the .cpg", path);
    }
    /* staged in the open output set (renamed with the rest of the set at
     * its commit), or renamed now */
    size_t placed = 0;
    for (; placed < G_N_ELEMENTS(shp_exts) && !st; placed++) {
        g_autofree char *from = g_strconcat(o->tmp, shp_exts[placed], NULL);
        g_autofree char *to = g_strconcat(o->base, shp_exts[placed], NULL);
        st = ga_output_place(ctx, from, to);
    }
    for (size_t k = placed; k < G_N_ELEMENTS(shp_exts); k++) {
        g_autofree char *p = g_strconcat(o->tmp, shp_exts[k], NULL);
        g_unlink(p);
        ga_tmp_forget(p);
    }
    g_free(o->base);
    g_free(o->tmp);
    memset(o, 0, sizeof *o);
    return st;
}

static void add_polygon_rings(GEOSContextHandle_t h, const GEOSGeometry *poly, GArray *starts,
                              GArray *xs, GArray *ys) {
    int nh = GEOSGetNumInteriorRings_r(h, poly);
    for (int k = -1; k < nh; k++) {
        const GEOSGeometry *ring = k < 0 ? GEOSGetExteriorRing_r(h, poly) : GEOSGetInteriorRingN_r(h, poly, k);
        const GEOSCoordSequence *seq = GEOSGeom_getCoordSeq_r(h, ring);
        unsigned n = 0;
        GEOSCoordSeq_getSize_r(h, seq, &n);
        int start = (int)xs->len;
        g_array_append_val(starts, start);
        for (unsigned v = 0; v < n; v++) {
            double x, y;
            GEOSCoordSeq_getXY_r(h, seq, v, &x, &y);
            g_array_append_val(xs, x);
            g_array_append_val(ys, y);
        }
    }
}

SHPObject *ga_shp_polygon(GEOSContextHandle_t h, const GEOSGeometry *g, int id) {
    GEOSGeometry *norm = GEOSGeom_clone_r(h, g);
    GEOSNormalize_r(h, norm);
    GArray *starts = g_array_new(FALSE, FALSE, sizeof(int));
    GArray *xs = g_array_new(FALSE, FALSE, sizeof(double));
    GArray *ys = g_array_new(FALSE, FALSE, sizeof(double));
    int n = GEOSGetNumGeometries_r(h, norm);
    for (int k = 0; k < n; k++) {
        const GEOSGeometry *part = GEOSGetGeometryN_r(h, norm, k);
        if (GEOSGeomTypeId_r(h, part) == GEOS_POLYGON && !GEOSisEmpty_r(h, part))
            add_polygon_rings(h, part, starts, xs, ys);
    }
    SHPObject *o = starts->len
        ? SHPCreateObject(SHPT_POLYGON, id, (int)starts->len, (int *)starts->data, NULL, (int)xs->len,
                          (double *)xs->data, (double *)ys->data, NULL, NULL)
        : SHPCreateSimpleObject(SHPT_NULL, 0, NULL, NULL, NULL);
    g_array_free(starts, TRUE);
    g_array_free(xs, TRUE);
    g_array_free(ys, TRUE);
    GEOSGeom_destroy_r(h, norm);
    return o;
}
