/* Shapefile sets written atomically: see shp.h. */
#include <errno.h>
#include <string.h>
#include <glib/gstdio.h>
#include "core/alloc.h"
#include "core/atomic.h"
#include "core/tmpfiles.h"
#include "write/csv_out.h"
#include "write/shp.h"

static const char *const shp_exts[] = {".shp", ".shx", ".dbf", ".prj", ".cpg", ".fields.csv"};
#define DBF_NAME_MAX 10

/* ASCII letters, digits and '_' (accents transliterated by GLib, other
 * characters as one '_'), no leading or trailing '_'. */
static char *dbf_clean(const char *name) {
    g_autofree char *ascii = g_str_to_ascii(name, "C");
    GString *s = g_string_new(NULL);
    for (const char *p = ascii; *p; p++) {
        char ch = g_ascii_isalnum(*p) ? *p : '_';
        if (ch == '_' && (!s->len || s->str[s->len - 1] == '_')) continue;
        g_string_append_c(s, ch);
    }
    while (s->len && s->str[s->len - 1] == '_') g_string_truncate(s, s->len - 1);
    if (!s->len) g_string_append_c(s, 'f');
    return g_string_free(s, FALSE);
}

static bool dbf_taken(char **names, size_t n, const char *cand) {
    for (size_t k = 0; k < n; k++)
        if (names[k] && !g_ascii_strcasecmp(names[k], cand)) return true;
    return false;
}

/* "head_tail" in at most 10 characters, keeping a tail of up to 5 (the
 * unit or role: id, min, km, min2) and `digits` (a tie-breaker, "" none)
 * at the end of the head. */
static char *dbf_fit(const char *clean, const char *digits) {
    const char *us = strrchr(clean, '_');
    size_t tail = us && us != clean && strlen(us + 1) <= 5 ? strlen(us) : 0; /* with its '_' */
    size_t room = DBF_NAME_MAX - tail - strlen(digits);
    size_t head = MIN(strlen(clean) - tail, room);
    GString *s = g_string_new_len(clean, (gssize)head);
    while (s->len > 1 && s->str[s->len - 1] == '_') g_string_truncate(s, s->len - 1);
    g_string_append(s, digits);
    if (tail) g_string_append(s, clean + strlen(clean) - tail);
    return g_string_free(s, FALSE);
}

static void free_names(char **out, size_t n) {
    for (size_t j = 0; j < n; j++) g_free(out[j]);
    g_free(out);
}

char **ga_shp_dbf_names(const char *const *names, size_t n) {
    char **out = ga_try_new0(char *, n + 1);
    if (!out) return NULL;
    /* names that already qualify keep them (first come, first served) */
    for (size_t j = 0; j < n; j++) {
        g_autofree char *clean = dbf_clean(names[j]);
        if (!strcmp(clean, names[j]) && strlen(clean) <= DBF_NAME_MAX && !dbf_taken(out, n, clean) &&
            !(out[j] = ga_try_strdup(clean))) {
            free_names(out, n); /* NULL holes: not g_strfreev */
            return NULL;
        }
    }
    for (size_t j = 0; j < n; j++) {
        if (out[j]) continue;
        g_autofree char *clean = dbf_clean(names[j]);
        char *cand = strlen(clean) <= DBF_NAME_MAX ? ga_try_strdup(clean) : dbf_fit(clean, "");
        if (!cand) {
            free_names(out, n);
            return NULL;
        }
        for (unsigned k = 2; dbf_taken(out, n, cand); k++) {
            char digits[16];
            g_snprintf(digits, sizeof digits, "%u", k);
            g_free(cand);
            cand = dbf_fit(clean, digits);
        }
        out[j] = cand;
    }
    return out;
}

ga_status ga_shp_out_fields(ga_ctx *ctx, ga_shp_out *o, const char *const *names,
                            const bool *text, const int *width, const int *decimals, size_t n,
                            const char *path) {
    char **dbf = ga_shp_dbf_names(names, n);
    if (!dbf) return ga_nomem(ctx, "shapefile fields");
    bool renamed = false;
    ga_status st = GA_OK;
    for (size_t j = 0; j < n && !st; j++) {
        renamed |= strcmp(dbf[j], names[j]) != 0;
        int id = text[j] ? DBFAddField(o->dbf, dbf[j], FTString, MAX(1, MIN(width[j], 254)), 0)
                         : DBFAddField(o->dbf, dbf[j], FTDouble, 19, decimals[j] < 0 ? 6 : decimals[j]);
        if (id < 0) st = ga_fail(ctx, GA_ERR_IO, "%s: cannot add field '%s'", path, dbf[j]);
    }
    if (!st && renamed) {
        o->mapping = g_string_new(NULL);
        ga_csv_writer w = ga_csv_to_string(o->mapping);
        ga_csv_header(&w, (const char *const[]){"long_name", "dbf_name", NULL});
        for (size_t j = 0; j < n; j++) {
            ga_csv_text(&w, names[j]);
            ga_csv_text(&w, dbf[j]);
            ga_csv_end_row(&w);
        }
    }
    g_strfreev(dbf);
    return st;
}

ga_status ga_shp_out_open(ga_ctx *ctx, const char *path, int shp_type, ga_shp_out *o) {
    memset(o, 0, sizeof *o);
    o->base = g_str_has_suffix(path, ".shp") ? ga_try_strndup(path, strlen(path) - 4)
                                              : ga_try_strdup(path);
    o->tmp = o->base ? ga_atomic_temp_name(o->base) : NULL;
    if (!o->tmp) return ga_nomem(ctx, "shapefile"); /* ga_shp_out_finish frees base */
    for (size_t k = 0; k < G_N_ELEMENTS(shp_exts); k++) {
        g_autofree char *dst = g_strconcat(o->base, shp_exts[k], NULL);
        g_autofree char *tmp = g_strconcat(o->tmp, shp_exts[k], NULL);
        /* removed on SIGTERM/SIGINT; ga_shp_out_finish forgets them */
        if (!ga_tmp_register(tmp)) return ga_nomem(ctx, "shapefile");
        if (ga_atomic_check_dest(ctx, dst)) return GA_ERR_IO;
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
    if (!o->tmp) { /* ga_shp_out_open ran out of memory: nothing was created */
        g_free(o->base);
        memset(o, 0, sizeof *o);
        return st;
    }
    if (!st) {
        g_autofree char *prj = g_strconcat(o->tmp, ".prj", NULL);
        g_autofree char *cpg = g_strconcat(o->tmp, ".cpg", NULL);
        g_autofree char *map = g_strconcat(o->tmp, ".fields.csv", NULL);
        st = write_prj(ctx, prj, path);
        if (!st && !g_file_set_contents(cpg, "UTF-8", -1, NULL))
            st = ga_fail(ctx, GA_ERR_IO, "%s: cannot write the .cpg", path);
        if (!st && o->mapping && !g_file_set_contents(map, o->mapping->str, (gssize)o->mapping->len, NULL))
            st = ga_fail(ctx, GA_ERR_IO, "%s: cannot write the field-name mapping", path);
    }
    /* every file of the set is complete: staged in the open output set
     * (renamed with the rest of the set at its commit), or renamed now. A
     * set without a field-name mapping has no .fields.csv: a stale one of an
     * earlier write goes (at once without an output set; with one, the
     * set's manifest removes what the previous set had and this one lacks) */
    size_t placed = 0;
    for (; placed < G_N_ELEMENTS(shp_exts) && !st; placed++) {
        g_autofree char *from = g_strconcat(o->tmp, shp_exts[placed], NULL);
        g_autofree char *to = g_strconcat(o->base, shp_exts[placed], NULL);
        if (!strcmp(shp_exts[placed], ".fields.csv") && !o->mapping) {
            if (!ctx->outset) g_unlink(to);
            g_unlink(from);
            ga_tmp_forget(from);
            continue;
        }
        st = ga_atomic_place(ctx, from, to);
    }
    if (o->mapping) g_string_free(o->mapping, TRUE);
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
