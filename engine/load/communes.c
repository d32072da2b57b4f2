/* Commune polygons from shapefiles: rings to (Multi)Polygons, CRS to the
 * working CRS, validity, area and representative point. */
#include <math.h>
#include <string.h>
#include "core/alloc.h"
#include "layer/communes.h"
#include "layer/table.h"
#include "load/load.h"

static double ring_signed_area(const double *x, const double *y, int n) {
    double a = 0;
    for (int i = 0, j = n - 1; i < n; j = i++) a += (x[j] - x[i]) * (y[j] + y[i]);
    return a / 2.0;
}

static GEOSGeometry *make_ring(GEOSContextHandle_t h, const double *x, const double *y, int n) {
    /* close the ring if the file did not */
    bool closed = n > 0 && x[0] == x[n - 1] && y[0] == y[n - 1];
    int m = closed ? n : n + 1;
    GEOSCoordSequence *seq = GEOSCoordSeq_create_r(h, (unsigned)m, 2);
    if (!seq) return NULL;
    for (int i = 0; i < n; i++) GEOSCoordSeq_setXY_r(h, seq, (unsigned)i, x[i], y[i]);
    if (!closed) GEOSCoordSeq_setXY_r(h, seq, (unsigned)n, x[0], y[0]);
    return GEOSGeom_createLinearRing_r(h, seq);
}

/* The `why` of rings_to_polygon when an allocation failed. */
static const char nomem_why[] = "out of memory";

/* Builds a (Multi)Polygon from shapefile rings: clockwise rings are shells,
 * counter-clockwise rings holes of the shell that contains them (ESRI
 * shapefile specification, 1998). NULL with *why set on failure. */
static GEOSGeometry *rings_to_polygon(GEOSContextHandle_t h, const SHPObject *o, const double *x,
                                      const double *y, const char **why) {
    int np = o->nParts > 0 ? o->nParts : 1;
    GPtrArray *shells = g_ptr_array_new(), *holes = g_ptr_array_new();
    GArray *hole_owner = g_array_new(FALSE, FALSE, sizeof(int));
    GEOSGeometry *result = NULL;
    for (int p = 0; p < np; p++) {
        int start = o->nParts > 0 ? o->panPartStart[p] : 0;
        int end = p + 1 < np ? o->panPartStart[p + 1] : o->nVertices;
        int n = end - start;
        if (n < 3) continue; /* degenerate ring: dropped */
        GEOSGeometry *ring = make_ring(h, x + start, y + start, n);
        if (!ring) {
            *why = "a ring has fewer than 4 points";
            goto fail;
        }
        if (ring_signed_area(x + start, y + start, n) <= 0 || o->nParts <= 1)
            g_ptr_array_add(shells, ring);
        else
            g_ptr_array_add(holes, ring);
    }
    if (shells->len == 0) {
        if (holes->len == 0) {
            *why = "empty geometry (no ring with 3 or more points)";
            goto fail;
        }
        /* only counter-clockwise rings: the file ignored the orientation rule */
        for (guint i = 0; i < holes->len; i++) g_ptr_array_add(shells, holes->pdata[i]);
        g_ptr_array_set_size(holes, 0);
    }
    /* owner of each hole: the first shell whose polygon contains its first point */
    for (guint k = 0; k < holes->len; k++) {
        int owner = 0;
        if (shells->len > 1) {
            const GEOSCoordSequence *hs = GEOSGeom_getCoordSeq_r(h, holes->pdata[k]);
            double hx, hy;
            GEOSCoordSeq_getXY_r(h, hs, 0, &hx, &hy);
            GEOSGeometry *pt = GEOSGeom_createPointFromXY_r(h, hx, hy);
            for (guint s = 0; s < shells->len; s++) {
                GEOSGeometry *shell_poly =
                    GEOSGeom_createPolygon_r(h, GEOSGeom_clone_r(h, shells->pdata[s]), NULL, 0);
                char in = GEOSContains_r(h, shell_poly, pt);
                GEOSGeom_destroy_r(h, shell_poly);
                if (in == 1) {
                    owner = (int)s;
                    break;
                }
            }
            GEOSGeom_destroy_r(h, pt);
        }
        g_array_append_val(hole_owner, owner);
    }
    guint n_shells = shells->len;
    /* both arrays before GEOS takes ownership of any ring: a failure here
     * leaves every ring in shells and holes, freed below */
    GEOSGeometry **polys = ga_try_new(GEOSGeometry *, n_shells);
    GEOSGeometry **hs = ga_try_new(GEOSGeometry *, holes->len);
    if (!polys || !hs) {
        g_free(polys);
        g_free(hs);
        *why = nomem_why;
        goto fail;
    }
    for (guint s = 0; s < n_shells; s++) {
        guint nh = 0;
        for (guint k = 0; k < holes->len; k++)
            if (g_array_index(hole_owner, int, k) == (int)s) hs[nh++] = holes->pdata[k];
        /* the polygon takes ownership of its shell and holes */
        polys[s] = GEOSGeom_createPolygon_r(h, shells->pdata[s], hs, nh);
    }
    g_free(hs);
    g_ptr_array_free(shells, TRUE);
    g_ptr_array_free(holes, TRUE);
    g_array_free(hole_owner, TRUE);
    if (n_shells == 1) {
        result = polys[0];
    } else {
        /* the collection takes ownership of the polygons */
        result = GEOSGeom_createCollection_r(h, GEOS_MULTIPOLYGON, polys, n_shells);
    }
    g_free(polys);
    return result;
fail:
    for (guint i = 0; i < shells->len; i++) GEOSGeom_destroy_r(h, shells->pdata[i]);
    for (guint i = 0; i < holes->len; i++) GEOSGeom_destroy_r(h, holes->pdata[i]);
    g_ptr_array_free(shells, TRUE);
    g_ptr_array_free(holes, TRUE);
    g_array_free(hole_owner, TRUE);
    return NULL;
}

static const char *const default_id_fields[] = {"INSEE_COM", "insee", "insee_code", "code_insee",
                                                "CODGEO", "code", "DEPCOM", NULL};
static const char *const default_name_fields[] = {"NOM", "nom", "NOM_COM", "name", "LIBGEO",
                                                  "libelle", NULL};
static const char *const default_pop_fields[] = {"POPULATION", "population", "pop", "PMUN", NULL};

/* Resolves a field: the user's name (must exist) or the first default found
 * (required or optional). -1 for an optional field that is absent. */
static ga_status resolve_field(ga_ctx *ctx, const ga_shapefile *s, const char *given,
                               const char *const *defaults, const char *what, bool required,
                               int *out) {
    int f = given ? ga_shapefile_field(s, given) : ga_shapefile_field_any(s, defaults);
    if (f < 0 && (given || required)) {
        g_autofree char *list = ga_shapefile_field_list(s);
        if (given)
            return ga_fail(ctx, GA_ERR_FIELD, "%s: no field '%s' (%s); fields are: %s", s->path,
                           ga_clip(given), what, list);
        g_autofree char *names = g_strjoinv(", ", (char **)defaults);
        return ga_fail(ctx, GA_ERR_FIELD, "%s: no %s field (looked for %s); fields are: %s", s->path,
                       what, names, list);
    }
    *out = f;
    return GA_OK;
}

/* Converts one record into a valid polygonal geometry in the working CRS. */
static ga_status read_polygon(ga_ctx *ctx, ga_communes *c, ga_shapefile *s, PJ *pj,
                              ga_coord_check *check, int rec, const char *id,
                              ga_invalid_policy policy, GEOSGeometry **out) {
    GEOSContextHandle_t h = ctx->geos;
    g_autofree char *id_text = ga_try_strdup(ga_clip(id)); /* as quoted in messages */
    if (!id_text) return ga_nomem(ctx, "commune geometry");
    id = id_text;
    SHPObject *o = SHPReadObject(s->shp, rec);
    if (!o)
        return ga_fail(ctx, GA_ERR_FORMAT, "%s: record %d (id '%s'): cannot read the geometry "
                       "(truncated or damaged .shp)", s->path, rec + 1, id);
    if (o->nSHPType == SHPT_NULL || o->nVertices == 0) {
        SHPDestroyObject(o);
        return ga_fail(ctx, GA_ERR_GEOMETRY, "%s: record %d (id '%s'): null or empty geometry",
                       s->path, rec + 1, id);
    }
    if (o->nSHPType != SHPT_POLYGON && o->nSHPType != SHPT_POLYGONZ && o->nSHPType != SHPT_POLYGONM) {
        int t = o->nSHPType;
        SHPDestroyObject(o);
        return ga_fail(ctx, GA_ERR_GEOMETRY, "%s: record %d (id '%s'): a %s, not a polygon",
                       s->path, rec + 1, id, SHPTypeName(t));
    }
    {
        /* the record's extent must be plausible for the .prj: its corners */
        double cx[4] = {o->dfXMin, o->dfXMax, o->dfXMin, o->dfXMax};
        double cy[4] = {o->dfYMin, o->dfYMax, o->dfYMax, o->dfYMin};
        size_t bad;
        g_autofree char *why = NULL;
        ga_coords_look look = ga_coord_check_run(check, cx, cy, 4, &bad, &why);
        if (look != GA_COORDS_OK) {
            SHPDestroyObject(o);
            return ga_fail(ctx, GA_ERR_CRS, "%s: record %d (id '%s'): extent corner %s: %s",
                           s->path, rec + 1, id, why,
                           look == GA_COORDS_DEGREES
                               ? "the .prj should be one for longitude/latitude (EPSG:4326)"
                           : look == GA_COORDS_METRES
                               ? "the .prj should be the projected CRS of the coordinates "
                                 "(EPSG:2154 for Lambert-93)"
                               : "the .prj does not match the coordinates");
        }
    }
    size_t nv = (size_t)o->nVertices;
    double *x = ga_try_new(double, nv), *y = ga_try_new(double, nv);
    if (!x || !y) {
        g_free(x);
        g_free(y);
        SHPDestroyObject(o);
        return ga_nomem(ctx, "commune geometry");
    }
    memcpy(x, o->padfX, nv * sizeof *x);
    memcpy(y, o->padfY, nv * sizeof *y);
    proj_errno_reset(pj);
    proj_trans_generic(pj, PJ_FWD, x, sizeof *x, nv, y, sizeof *y, nv, NULL, 0, 0, NULL, 0, 0);
    for (size_t i = 0; i < nv; i++)
        if (!isfinite(x[i]) || !isfinite(y[i]) || x[i] == HUGE_VAL) {
            g_free(x);
            g_free(y);
            SHPDestroyObject(o);
            return ga_fail(ctx, GA_ERR_CRS, "%s: record %d (id '%s'): vertex %zu cannot be "
                           "transformed to %s (wrong .prj?)", s->path, rec + 1, id, i + 1,
                           ctx->working_crs);
        }
    const char *why = NULL;
    GEOSGeometry *g = rings_to_polygon(h, o, x, y, &why);
    g_free(x);
    g_free(y);
    SHPDestroyObject(o);
    if (!g && why == nomem_why) return ga_nomem(ctx, "commune geometry");
    if (!g)
        return ga_fail(ctx, GA_ERR_GEOMETRY, "%s: record %d (id '%s'): %s", s->path, rec + 1, id,
                       why ? why : ga_geos_message(ctx));
    if (GEOSisValid_r(h, g) != 1) {
        char *reason = GEOSisValidReason_r(h, g);
        if (policy == GA_INVALID_REFUSE) {
            ga_status st = ga_fail(ctx, GA_ERR_GEOMETRY, "%s: record %d (id '%s'): invalid polygon: %s",
                                   s->path, rec + 1, id, reason ? reason : "?");
            GEOSFree_r(h, reason);
            GEOSGeom_destroy_r(h, g);
            return st;
        }
        GEOSMakeValidParams *params = GEOSMakeValidParams_create_r(h);
        GEOSMakeValidParams_setMethod_r(h, params, GEOS_MAKE_VALID_STRUCTURE);
        GEOSMakeValidParams_setKeepCollapsed_r(h, params, 0);
        GEOSGeometry *fixed = GEOSMakeValidWithParams_r(h, g, params);
        GEOSMakeValidParams_destroy_r(h, params);
        GEOSGeom_destroy_r(h, g);
        if (!fixed || GEOSisEmpty_r(h, fixed) == 1) {
            if (fixed) GEOSGeom_destroy_r(h, fixed);
            ga_status st = ga_fail(ctx, GA_ERR_GEOMETRY, "%s: record %d (id '%s'): invalid polygon "
                                   "(%s) that cannot be repaired", s->path, rec + 1, id,
                                   reason ? reason : "?");
            GEOSFree_r(h, reason);
            return st;
        }
        ga_warn(ctx, "%s: record %d (id '%s'): invalid polygon (%s), repaired with GEOS MakeValid",
                s->path, rec + 1, id, reason ? reason : "?");
        GEOSFree_r(h, reason);
        g = fixed;
    }
    (void)c;
    *out = g;
    return GA_OK;
}

/* A column: the user's name (must exist) or the first default found; -1
 * for an optional one that is absent. */
static ga_status table_column(ga_ctx *ctx, const ga_table *t, const char *given, const char *const *defaults,
                              const char *what, bool required, int *out) {
    size_t k;
    if (given) {
        ga_status st = ga_table_require(ctx, t, given, what, &k);
        *out = st ? -1 : (int)k;
        return st;
    }
    *out = ga_table_find_any(t, defaults);
    if (*out >= 0 || !required) return GA_OK;
    g_autofree char *names = g_strjoinv(", ", (char **)defaults);
    return ga_fail(ctx, GA_ERR_FIELD, "%s: no %s column (looked for %s)", ga_table_path(t), what, names);
}

/* Communes as a table of points (issue 14: a national study needs no
 * polygons): the coordinates as any points table (x,y in the CRS given or
 * lon,lat), no geometry, no area. Everything but maps, catchment areas and
 * point-in-polygon assignment works from the points. */
static ga_status read_points_table(ga_ctx *ctx, const char *path, const ga_communes_options *o,
                                   ga_communes **out) {
    ga_table *t = NULL;
    ga_points *p = NULL;
    ga_communes *c = NULL;
    int f_id = -1, f_name = -1, f_pop = -1;
    ga_status st = ga_table_read(ctx, path, &t);
    if (!st) st = table_column(ctx, t, o->id_field, default_id_fields, "commune code", true, &f_id);
    if (!st) st = table_column(ctx, t, o->name_field, default_name_fields, "commune name", false, &f_name);
    if (!st) st = table_column(ctx, t, o->population_field, default_pop_fields, "population", false, &f_pop);
    if (!st) {
        ga_points_options po = {.id_col = ga_table_header(t, (size_t)f_id), .crs = o->assume_crs};
        st = ga_points_read_csv(ctx, path, &po, &p); /* coordinates, CRS, empty and repeated codes */
    }
    size_t n = st ? 0 : ga_table_rows(t), nf = st ? 0 : ga_table_cols(t);
    if (!st && !(c = ga_try_new0(ga_communes, 1))) st = ga_nomem(ctx, "communes");
    if (!st) {
        c->n = n;
        c->geos = ctx->geos;
        c->chunk = g_string_chunk_new(4096);
        c->by_id = g_hash_table_new(g_str_hash, g_str_equal);
        c->n_fields = (int)nf;
        if (!(c->path = ga_try_strdup(path)) || !(c->ids = ga_try_new0(const char *, n)) ||
            !(c->names = ga_try_new0(const char *, n)) || !(c->population = ga_try_new(double, n)) ||
            !(c->area = ga_try_new(double, n)) || !(c->px = ga_try_new(double, n)) ||
            !(c->py = ga_try_new(double, n)) || !(c->field_names = ga_try_new0(char *, nf + 1)) ||
            !(c->values = ga_try_new0(const char *, n * nf + 1)))
            st = ga_nomem(ctx, "communes");
    }
    for (size_t f = 0; !st && f < nf; f++)
        if (!(c->field_names[f] = ga_try_strdup(ga_table_header(t, f)))) st = ga_nomem(ctx, "communes");
    for (size_t i = 0; !st && i < n; i++) {
        for (size_t f = 0; f < nf; f++)
            c->values[i * nf + f] = g_string_chunk_insert_const(c->chunk, ga_table_cell(t, i, f));
        c->ids[i] = c->values[i * nf + (size_t)f_id];
        g_hash_table_insert(c->by_id, (gpointer)c->ids[i], GSIZE_TO_POINTER(i + 1));
        c->names[i] = f_name >= 0 ? c->values[i * nf + (size_t)f_name] : c->ids[i];
        c->population[i] = NAN;
        if (f_pop >= 0) st = ga_table_get_amount(ctx, t, i, (size_t)f_pop, "population", &c->population[i]);
        c->area[i] = NAN;
        ga_points_xy(p, i, &c->px[i], &c->py[i]);
    }
    ga_points_free(p);
    ga_table_free(t);
    if (st) {
        ga_communes_free(c);
        return st;
    }
    *out = c;
    return GA_OK;
}

ga_status ga_communes_read(ga_ctx *ctx, const char *shp_path, const ga_communes_options *opts,
                           ga_communes **out) {
    ga_communes_options o = opts ? *opts : (ga_communes_options){0};
    g_autofree char *lower = g_ascii_strdown(shp_path, -1);
    if (g_str_has_suffix(lower, ".csv") || g_str_has_suffix(lower, ".tsv") || g_str_has_suffix(lower, ".txt"))
        return read_points_table(ctx, shp_path, &o, out);
    ga_shapefile s;
    ga_status st = ga_shapefile_open(ctx, shp_path, &s);
    if (st) return st;
    ga_communes *c = NULL;
    PJ *pj = NULL;
    ga_coord_check *check = NULL;
    int f_id, f_name, f_pop;
    const char *crs = NULL;
    if (s.shape_type != SHPT_POLYGON && s.shape_type != SHPT_POLYGONZ &&
        s.shape_type != SHPT_POLYGONM) {
        st = ga_fail(ctx, GA_ERR_GEOMETRY, "%s: a %s shapefile, communes need polygons", s.path,
                     SHPTypeName(s.shape_type));
        goto done;
    }
    if (s.n_records == 0) {
        st = ga_fail(ctx, GA_ERR_FORMAT, "%s: no records", s.path);
        goto done;
    }
    if ((st = resolve_field(ctx, &s, o.id_field, default_id_fields, "commune code", true, &f_id)) ||
        (st = resolve_field(ctx, &s, o.name_field, default_name_fields, "commune name", false, &f_name)) ||
        (st = resolve_field(ctx, &s, o.population_field, default_pop_fields, "population", false, &f_pop)))
        goto done;
    if ((st = ga_shapefile_crs(ctx, &s, o.assume_crs, &crs))) goto done;
    if ((st = ga_crs_to_working(ctx, crs, s.prj ? "the .prj" : "the CRS given", &pj))) {
        g_autofree char *m = g_strdup(ga_ctx_last_error(ctx));
        st = ga_fail(ctx, st, "%s: %s", s.path, m);
        goto done;
    }
    if ((st = ga_coord_check_new(ctx, crs, &check))) goto done;

    size_t n = (size_t)s.n_records;
    c = ga_try_new0(ga_communes, 1);
    if (!c) {
        st = ga_nomem(ctx, "communes");
        goto done;
    }
    c->n = n;
    c->geos = ctx->geos;
    c->chunk = g_string_chunk_new(4096);
    c->by_id = g_hash_table_new(g_str_hash, g_str_equal);
    c->n_fields = DBFGetFieldCount(s.dbf);
    if (!(c->path = ga_try_strdup(s.path)) || !(c->ids = ga_try_new0(const char *, n)) ||
        !(c->names = ga_try_new0(const char *, n)) || !(c->population = ga_try_new(double, n)) ||
        !(c->area = ga_try_new(double, n)) || !(c->px = ga_try_new(double, n)) ||
        !(c->py = ga_try_new(double, n)) || !(c->geoms = ga_try_new0(GEOSGeometry *, n)) ||
        !(c->field_names = ga_try_new0(char *, (size_t)c->n_fields + 1)) ||
        !(c->values = ga_try_new0(const char *, n * (size_t)c->n_fields + 1))) {
        st = ga_nomem(ctx, "communes");
        goto done;
    }
    for (int f = 0; f < c->n_fields; f++) {
        char fname[XBASE_FLDNAME_LEN_READ + 1];
        DBFGetFieldInfo(s.dbf, f, fname, NULL, NULL);
        if (!(c->field_names[f] = ga_try_strdup(fname))) {
            st = ga_nomem(ctx, "communes");
            goto done;
        }
    }

    for (size_t i = 0; i < n; i++) {
        int rec = (int)i;
        for (int f = 0; f < c->n_fields; f++) {
            g_autofree char *v = ga_shapefile_text(&s, rec, f);
            if (!v) {
                st = ga_nomem(ctx, "commune attributes");
                goto done;
            }
            c->values[i * (size_t)c->n_fields + (size_t)f] = g_string_chunk_insert_const(c->chunk, v);
        }
        const char *id = c->values[i * (size_t)c->n_fields + (size_t)f_id];
        if (!*id) {
            st = ga_fail(ctx, GA_ERR_VALUE, "%s: record %d: field '%s': empty commune code", s.path,
                         rec + 1, c->field_names[f_id]);
            goto done;
        }
        gpointer prev = g_hash_table_lookup(c->by_id, id);
        if (prev) {
            st = ga_fail(ctx, GA_ERR_DUPLICATE, "%s: record %d: field '%s': commune code '%s' "
                         "already used by record %zu", s.path, rec + 1, c->field_names[f_id], ga_clip(id),
                         GPOINTER_TO_SIZE(prev));
            goto done;
        }
        g_hash_table_insert(c->by_id, (gpointer)id, GSIZE_TO_POINTER(i + 1));
        c->ids[i] = id;
        c->names[i] = f_name >= 0 ? c->values[i * (size_t)c->n_fields + (size_t)f_name] : id;
        c->population[i] = NAN;
        if (f_pop >= 0) {
            if (DBFIsAttributeNULL(s.dbf, rec, f_pop)) {
                st = ga_fail(ctx, GA_ERR_VALUE, "%s: record %d (id '%s'): field '%s': empty population",
                             s.path, rec + 1, ga_clip(id), c->field_names[f_pop]);
                goto done;
            }
            const char *txt = c->values[i * (size_t)c->n_fields + (size_t)f_pop];
            double v = 0;
            if (!ga_parse_decimal(txt, strlen(txt), false, &v) || v < 0 || v > GA_MAX_AMOUNT) {
                st = ga_fail(ctx, GA_ERR_VALUE, "%s: record %d (id '%s'): field '%s': population '%s' "
                             "is not a number from 0 to 1e12 (the largest plausible population)",
                             s.path, rec + 1, ga_clip(id), c->field_names[f_pop], ga_clip(txt));
                goto done;
            }
            c->population[i] = v;
        }
        if ((st = read_polygon(ctx, c, &s, pj, check, rec, id, o.invalid, &c->geoms[i]))) goto done;
        GEOSArea_r(ctx->geos, c->geoms[i], &c->area[i]);
        GEOSGeometry *pos = GEOSPointOnSurface_r(ctx->geos, c->geoms[i]);
        if (!pos || GEOSGeomGetX_r(ctx->geos, pos, &c->px[i]) != 1 ||
            GEOSGeomGetY_r(ctx->geos, pos, &c->py[i]) != 1) {
            if (pos) GEOSGeom_destroy_r(ctx->geos, pos);
            st = ga_fail(ctx, GA_ERR_GEOMETRY, "%s: record %d (id '%s'): no point on surface: %s",
                         s.path, rec + 1, ga_clip(id), ga_geos_message(ctx));
            goto done;
        }
        GEOSGeom_destroy_r(ctx->geos, pos);
        if ((i & 31) == 0) ga_progress(ctx, "reading communes", i, n);
    }
    ga_progress(ctx, "reading communes", n, n);
done:
    ga_coord_check_free(check);
    if (pj) proj_destroy(pj);
    ga_shapefile_close(&s);
    if (st) {
        ga_communes_free(c);
        return st;
    }
    *out = c;
    return GA_OK;
}

ga_status ga_communes_set_points(ga_ctx *ctx, ga_communes *c, const ga_table *t, const char *id_col,
                                 const char *x_col, const char *y_col, const char *crs) {
    size_t ci, xi, yi;
    ga_status st;
    if ((st = ga_table_require(ctx, t, id_col, "commune code", &ci)) ||
        (st = ga_table_require(ctx, t, x_col, "x coordinate", &xi)) ||
        (st = ga_table_require(ctx, t, y_col, "y coordinate", &yi)))
        return st;
    size_t n = ga_table_rows(t);
    double *x = ga_try_new(double, n), *y = ga_try_new(double, n);
    if (!x || !y) {
        g_free(x);
        g_free(y);
        return ga_nomem(ctx, "commune points");
    }
    for (size_t r = 0; r < n && !st; r++)
        if (!(st = ga_table_get_double(ctx, t, r, xi, &x[r])))
            st = ga_table_get_double(ctx, t, r, yi, &y[r]);
    if (!st) {
        size_t bad = 0;
        g_autofree char *why = NULL;
        ga_coords_look look = ga_crs_check_coords(ctx, crs, x, y, n, &bad, &why);
        if (look == GA_COORDS_NOMEM)
            st = GA_ERR_NOMEM; /* recorded */
        else if (look != GA_COORDS_OK)
            st = ga_fail(ctx, GA_ERR_CRS, "%s: line %zu: columns '%s','%s': %s: %s", ga_table_path(t),
                         ga_table_line(t, bad), ga_clip(x_col), ga_clip(y_col), why,
                         look == GA_COORDS_DEGREES ? "give their CRS (EPSG:4326 for longitude/latitude)"
                                                   : "check the coordinates and their CRS");
    }
    if (!st && crs) st = ga_transform_to_working(ctx, crs, x, y, n);
    size_t matched = 0;
    if (!st) {
        for (size_t r = 0; r < n; r++) {
            long i = ga_communes_find(c, ga_table_cell(t, r, ci));
            if (i < 0) continue;
            c->px[i] = x[r];
            c->py[i] = y[r];
            matched++;
        }
        if (matched < c->n)
            ga_warn(ctx, "%s: %zu of %zu communes have no point in the table and keep their "
                    "point on surface", ga_table_path(t), c->n - matched, c->n);
    }
    g_free(x);
    g_free(y);
    return st;
}
