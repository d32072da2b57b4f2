/* Point-in-commune assignment: GEOS STRtree over commune envelopes, then
 * prepared-geometry containment tests. */
#include <math.h>
#include <string.h>
#include "core/alloc.h"
#include "core/internal.h"
#include "layer/communes.h"
#include "layer/points.h"

typedef struct {
    GEOSContextHandle_t h;
    const GEOSPreparedGeometry **prepared;
    const GEOSGeometry *point;
    long best; /* lowest containing commune index */
} query_state;

static void visit(void *item, void *user_data) {
    query_state *q = user_data;
    long i = (long)GPOINTER_TO_SIZE(item) - 1;
    if (q->best >= 0 && i >= q->best) return;
    if (GEOSPreparedIntersects_r(q->h, q->prepared[i], q->point) == 1) q->best = i;
}

typedef struct {
    const ga_communes *c;
    double x, y; /* the query point (item 0) */
} nearest_state;

/* Item k > 0 is commune k - 1; item 0 the query point. */
static int item_distance(const void *a, const void *b, double *d, void *user) {
    const nearest_state *q = user;
    double xy[2][2];
    const void *items[2] = {a, b};
    for (int k = 0; k < 2; k++) {
        size_t i = GPOINTER_TO_SIZE(items[k]);
        if (i) ga_communes_point(q->c, i - 1, &xy[k][0], &xy[k][1]);
        else xy[k][0] = q->x, xy[k][1] = q->y;
    }
    *d = hypot(xy[0][0] - xy[1][0], xy[0][1] - xy[1][1]);
    return 1;
}

/* Communes read as points have no polygon to contain a point: each point
 * stands in the commune whose point is nearest (GEOS STRtree nearest
 * neighbour), and no point is outside. */
static ga_status assign_nearest_point(ga_ctx *ctx, ga_points *p, const ga_communes *c) {
    GEOSContextHandle_t h = ctx->geos;
    size_t nc = ga_communes_count(c), np = ga_points_count(p);
    GEOSGeometry **pts = ga_try_new0(GEOSGeometry *, nc + 1);
    if (!pts) return ga_nomem(ctx, "point assignment");
    GEOSSTRtree *tree = GEOSSTRtree_create_r(h, 10);
    nearest_state q = {c, 0, 0};
    for (size_t i = 0; i < nc; i++) {
        double x, y;
        ga_communes_point(c, i, &x, &y);
        pts[i] = GEOSGeom_createPointFromXY_r(h, x, y);
        GEOSSTRtree_insert_r(h, tree, pts[i], GSIZE_TO_POINTER(i + 1));
    }
    for (size_t k = 0; k < np && nc; k++) {
        ga_points_xy(p, k, &q.x, &q.y);
        GEOSGeometry *pt = GEOSGeom_createPointFromXY_r(h, q.x, q.y);
        const void *best = GEOSSTRtree_nearest_generic_r(h, tree, GSIZE_TO_POINTER(0), pt, item_distance, &q);
        GEOSGeom_destroy_r(h, pt);
        ga_points_set_commune(p, k, best ? (long)GPOINTER_TO_SIZE(best) - 1 : -1);
    }
    GEOSSTRtree_destroy_r(h, tree);
    for (size_t i = 0; i < nc; i++) GEOSGeom_destroy_r(h, pts[i]);
    g_free(pts);
    return GA_OK;
}

ga_status ga_points_assign_communes(ga_ctx *ctx, ga_points *p, const ga_communes *c,
                                    bool allow_outside) {
    if (!ga_communes_has_polygons(c)) return assign_nearest_point(ctx, p, c);
    GEOSContextHandle_t h = ctx->geos;
    size_t nc = ga_communes_count(c), np = ga_points_count(p);
    const GEOSPreparedGeometry **prepared = ga_try_new0(const GEOSPreparedGeometry *, nc);
    if (!prepared) return ga_nomem(ctx, "point assignment");
    GEOSSTRtree *tree = GEOSSTRtree_create_r(h, 10);
    ga_status st = GA_OK;
    for (size_t i = 0; i < nc; i++) {
        const GEOSGeometry *g = ga_communes_geometry(c, i);
        prepared[i] = GEOSPrepare_r(h, g);
        /* the tree does not take ownership of the geometry or the item */
        GEOSSTRtree_insert_r(h, tree, g, GSIZE_TO_POINTER(i + 1));
    }
    size_t outside = 0;
    GString *examples = g_string_new(NULL);
    for (size_t k = 0; k < np; k++) {
        double x, y;
        ga_points_xy(p, k, &x, &y);
        GEOSGeometry *pt = GEOSGeom_createPointFromXY_r(h, x, y);
        query_state q = {h, prepared, pt, -1};
        GEOSSTRtree_query_r(h, tree, pt, visit, &q);
        GEOSGeom_destroy_r(h, pt);
        ga_points_set_commune(p, k, q.best);
        if (q.best < 0) {
            if (!allow_outside) {
                st = ga_fail(ctx, GA_ERR_OUTSIDE, "point '%s' (record %zu, x=%.2f y=%.2f in %s) lies "
                             "outside every commune of %s", ga_clip(ga_points_id(p, k)), k + 1, x, y,
                             ctx->working_crs, ga_communes_path(c));
                break;
            }
            if (outside++ < 5)
                g_string_append_printf(examples, "%s'%s' (%.0f, %.0f)", outside > 1 ? ", " : "",
                                       ga_clip(ga_points_id(p, k)), x, y);
        }
    }
    if (!st && outside)
        ga_warn(ctx, "%zu of %zu points lie outside every commune and are left unassigned, e.g. %s",
                outside, np, examples->str);
    g_string_free(examples, TRUE);
    for (size_t i = 0; i < nc; i++) GEOSPreparedGeom_destroy_r(h, prepared[i]);
    g_free(prepared);
    GEOSSTRtree_destroy_r(h, tree);
    return st;
}
