/* Catchments (isochrones) and the population they cover: see catchment.h.
 *
 * Construction on roads: one bounded search per facility (to the largest
 * threshold), then for each threshold the reached pieces of arcs (whole arcs,
 * and arcs reached part-way cut where the threshold falls along them,
 * route/reach.h), the reached part of the facility's access leg and the
 * facility point, buffered by buffer_m and unioned (GEOSBuffer_r +
 * GEOSUnaryUnion_r; band_union below skips the pieces whose band lies
 * inside the others', which changes the time, not the result). Why this construction rather than a hull of the
 * reached nodes (convex or concave): it follows the network, so it never
 * claims land across a river, a railway or a motorway the roads do not cross
 * within the threshold, and a road reached only part-way counts only as far
 * as it is reached; its band is the "access leg" from a place to the road.
 * Buffers are valid by construction (checked anyway with GEOSisValid_r), and
 * since the reached pieces only grow with the threshold the polygons are
 * nested; to make nesting exact in floating point each polygon is unioned
 * with the previous (smaller) one (GEOSUnion_r).
 *
 * Facilities are processed in parallel (core/parallel.h); each worker has its
 * own ga_ctx (GEOS handle) and search state, writes only its facility's
 * rows, so the result does not depend on the number of threads.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "core/alloc.h"
#include "core/internal.h"
#include "core/parallel.h"
#include "geoaccess/catchment.h"
#include "layer/communes.h"
#include "route/reach.h"
#include "measure/catchment.h"

struct ga_catchments {
    size_t n;
    GEOSContextHandle_t h; /* the context that owns the geometries' lifetime */
    size_t *facility;
    double *threshold;
    size_t *nodes;
    GEOSGeometry **geom;
    bool from_facility;
    ga_metric metric;
    double *area_study; /* m2 inside the study area (ga_catchments_clip), or NULL */
};

void ga_catchment_options_init(ga_catchment_options *o) {
    *o = (ga_catchment_options){.buffer_m = GA_CATCHMENT_DEFAULT_BUFFER_M,
                                .from_facility = false,
                                .metric = GA_METRIC_TIME,
                                .quadrant_segments = 8,
                                .threads = 0};
}

static ga_catchment_options resolved(const ga_catchment_options *o) {
    ga_catchment_options r;
    ga_catchment_options_init(&r);
    if (o) {
        r = *o;
        if (!(r.buffer_m > 0)) r.buffer_m = GA_CATCHMENT_DEFAULT_BUFFER_M;
        if (r.quadrant_segments <= 0) r.quadrant_segments = 8;
    }
    return r;
}

/* NULL when memory runs out. */
static ga_catchments *alloc_set(ga_ctx *ctx, size_t n) {
    ga_catchments *c = ga_try_new0(ga_catchments, 1);
    if (!c) return NULL;
    c->h = ctx->geos;
    c->facility = ga_try_new0(size_t, n ? n : 1);
    c->threshold = ga_try_new0(double, n ? n : 1);
    c->nodes = ga_try_new0(size_t, n ? n : 1);
    c->geom = ga_try_new0(GEOSGeometry *, n ? n : 1);
    if (!c->facility || !c->threshold || !c->nodes || !c->geom) {
        ga_catchments_free(c);
        return NULL;
    }
    c->n = n;
    return c;
}

void ga_catchments_free(ga_catchments *c) {
    if (!c) return;
    for (size_t i = 0; c->geom && i < c->n; i++)
        if (c->geom[i]) GEOSGeom_destroy_r(c->h, c->geom[i]);
    g_free(c->facility);
    g_free(c->threshold);
    g_free(c->nodes);
    g_free(c->geom);
    g_free(c->area_study);
    g_free(c);
}

size_t ga_catchments_count(const ga_catchments *c) { return c->n; }
const GEOSGeometry *ga_catchments_geometry(const ga_catchments *c, size_t i) { return c->geom[i]; }
size_t ga_catchments_facility(const ga_catchments *c, size_t i) { return c->facility[i]; }
double ga_catchments_threshold(const ga_catchments *c, size_t i) { return c->threshold[i]; }
size_t ga_catchments_nodes(const ga_catchments *c, size_t i) { return c->nodes[i]; }
ga_metric ga_catchments_metric(const ga_catchments *c) { return c->metric; }

void ga_catchments_legend_label(const ga_catchments *c, double threshold, char *buf, size_t len) {
    bool km = c->metric == GA_METRIC_DISTANCE;
    g_snprintf(buf, len, "within %g %s", km ? threshold / 1000 : threshold, km ? "km" : "min");
}

double ga_catchments_threshold_shown(const ga_catchments *c, size_t i, const char **unit) {
    bool km = c->metric == GA_METRIC_DISTANCE;
    if (unit) *unit = km ? "km" : "min";
    return km ? c->threshold[i] / 1000.0 : c->threshold[i];
}

double ga_catchments_area(const ga_catchments *c, size_t i) {
    double a = 0;
    GEOSArea_r(c->h, c->geom[i], &a);
    return a;
}

double ga_catchments_area_study(const ga_catchments *c, size_t i) {
    return c->area_study ? c->area_study[i] : NAN;
}

/* The union of the polygons of one or two commune layers (a coverage:
 * GEOSCoverageUnion_r, a plain union when the layers overlap). */
static GEOSGeometry *communes_union(GEOSContextHandle_t h, const ga_communes *a, const ga_communes *b) {
    size_t na = ga_communes_count(a), nb = b ? ga_communes_count(b) : 0, m = 0;
    GEOSGeometry **parts = g_new(GEOSGeometry *, na + nb + 1);
    for (size_t i = 0; i < na + nb; i++) {
        const GEOSGeometry *g = i < na ? ga_communes_geometry(a, i) : ga_communes_geometry(b, i - na);
        if (!GEOSisEmpty_r(h, g)) parts[m++] = GEOSGeom_clone_r(h, g);
    }
    GEOSGeometry *coll = GEOSGeom_createCollection_r(h, GEOS_GEOMETRYCOLLECTION, parts, (unsigned)m);
    g_free(parts);
    if (!coll) return NULL;
    GEOSGeometry *u = GEOSCoverageUnion_r(h, coll);
    if (!u) u = GEOSUnaryUnion_r(h, coll);
    GEOSGeom_destroy_r(h, coll);
    return u;
}

/* The polygons of g (an intersection may add lines and points where the
 * shapes touch), as a MultiPolygon; takes g. */
static GEOSGeometry *polygons_of(GEOSContextHandle_t h, GEOSGeometry *g) {
    int t = GEOSGeomTypeId_r(h, g);
    if (t == GEOS_POLYGON || t == GEOS_MULTIPOLYGON) return g;
    int n = GEOSGetNumGeometries_r(h, g);
    GEOSGeometry **parts = g_new(GEOSGeometry *, (size_t)n + 1);
    unsigned m = 0;
    for (int k = 0; k < n; k++) {
        const GEOSGeometry *p = GEOSGetGeometryN_r(h, g, k);
        int pt = GEOSGeomTypeId_r(h, p);
        if (pt == GEOS_POLYGON) parts[m++] = GEOSGeom_clone_r(h, p);
        else if (pt == GEOS_MULTIPOLYGON)
            for (int q = 0; q < GEOSGetNumGeometries_r(h, p); q++)
                parts[m++] = GEOSGeom_clone_r(h, GEOSGetGeometryN_r(h, p, q)); /* at most n: a GEOS result
                                                                                * nests no multipolygon */
    }
    GEOSGeometry *out = GEOSGeom_createCollection_r(h, GEOS_MULTIPOLYGON, parts, m);
    g_free(parts);
    GEOSGeom_destroy_r(h, g);
    return out;
}

ga_status ga_catchments_clip(ga_ctx *ctx, ga_catchments *c, const ga_communes *study, const ga_communes *ring) {
    GEOSContextHandle_t h = ctx->geos;
    GEOSGeometry *area = communes_union(h, study, NULL);
    GEOSGeometry *land = area && ring ? communes_union(h, study, ring) : NULL;
    if (!area || (ring && !land)) {
        if (area) GEOSGeom_destroy_r(h, area);
        return ga_fail(ctx, GA_ERR_INTERNAL, "%s: the union of the communes failed (GEOS)", ga_communes_path(study));
    }
    const GEOSPreparedGeometry *prep = GEOSPrepare_r(h, land ? land : area);
    g_free(c->area_study);
    c->area_study = g_new(double, c->n + 1);
    ga_status st = GA_OK;
    for (size_t i = 0; i < c->n && !st; i++) {
        GEOSGeometry *g = c->geom[i];
        if (!GEOSPreparedContainsProperly_r(h, prep, g)) { /* else wholly on land: kept as it is */
            GEOSGeometry *x = GEOSIntersection_r(h, g, land ? land : area);
            if (!x) {
                st = ga_fail(ctx, GA_ERR_INTERNAL, "catchment %zu: clipping to the communes failed (GEOS)", i);
                break;
            }
            GEOSGeom_destroy_r(h, g);
            c->geom[i] = g = polygons_of(h, x);
        }
        GEOSGeometry *in = land ? GEOSIntersection_r(h, g, area) : NULL;
        c->area_study[i] = 0;
        GEOSArea_r(h, in ? in : g, &c->area_study[i]);
        if (in) GEOSGeom_destroy_r(h, in);
    }
    GEOSPreparedGeom_destroy_r(h, prep);
    GEOSGeom_destroy_r(h, area);
    if (land) GEOSGeom_destroy_r(h, land);
    return st;
}

bool ga_catchments_valid(ga_ctx *ctx, const ga_catchments *c, size_t i) {
    return GEOSisValid_r(ctx->geos, c->geom[i]) == 1;
}

bool ga_catchments_covers(ga_ctx *ctx, const ga_catchments *c, size_t i, double x, double y) {
    GEOSGeometry *p = GEOSGeom_createPointFromXY_r(ctx->geos, x, y);
    bool r = GEOSCovers_r(ctx->geos, c->geom[i], p) == 1;
    GEOSGeom_destroy_r(ctx->geos, p);
    return r;
}

double ga_catchments_area_outside(ga_ctx *ctx, const ga_catchments *c, size_t i, size_t j) {
    GEOSGeometry *d = GEOSDifference_r(ctx->geos, c->geom[i], c->geom[j]);
    double a = NAN;
    if (d) {
        GEOSArea_r(ctx->geos, d, &a);
        GEOSGeom_destroy_r(ctx->geos, d);
    }
    return a;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Sorted copy of the thresholds; GA_ERR_ARG when one is not > 0 or repeats. */
static ga_status sorted_thresholds(ga_ctx *ctx, const double *t, size_t n, double **out) {
    if (n == 0) return ga_fail(ctx, GA_ERR_ARG, "catchments: no threshold given");
    double *s = ga_try_new(double, n);
    if (!s) return ga_nomem(ctx, "catchment thresholds");
    memcpy(s, t, n * sizeof *t);
    qsort(s, n, sizeof *s, cmp_double);
    for (size_t k = 0; k < n; k++) {
        if (!(s[k] > 0) || !isfinite(s[k])) {
            double bad = s[k];
            g_free(s);
            return ga_fail(ctx, GA_ERR_ARG, "catchments: thresholds must be positive numbers (got %g)", bad);
        }
        if (k && s[k] == s[k - 1]) {
            double bad = s[k];
            g_free(s);
            return ga_fail(ctx, GA_ERR_ARG, "catchments: threshold %g is given twice", bad);
        }
    }
    *out = s;
    return GA_OK;
}

/* Makes `g` valid if needed (warning) and unions it with the previous
 * (smaller) catchment; consumes g. */
static GEOSGeometry *finish_polygon(ga_ctx *ctx, GEOSGeometry *g, const GEOSGeometry *prev,
                                    const char *id, double thr) {
    GEOSContextHandle_t h = ctx->geos;
    if (!g) return NULL;
    if (prev) {
        GEOSGeometry *u = GEOSUnion_r(h, g, prev);
        GEOSGeom_destroy_r(h, g);
        g = u;
        if (!g) return NULL;
    }
    if (GEOSisValid_r(h, g) != 1) {
        GEOSGeometry *v = GEOSMakeValid_r(h, g);
        GEOSGeom_destroy_r(h, g);
        g = v;
        ga_warn(ctx, "catchment of '%s' at %g: invalid polygon repaired with MakeValid", id, thr);
    }
    return g;
}

/* ---- roads ---- */

typedef struct {
    ga_router *router;
    const ga_points *fac;
    const double *thr;
    size_t n_thr;
    ga_catchment_options o;
    ga_catchments *res;
    gint next, done;
    GMutex lock;
    size_t err_index;    /* lowest failing facility, SIZE_MAX when none */
    ga_status err_status;
    char err_message[1024]; /* a copy of the message: no allocation on the error path */
    GPtrArray *warnings; /* (index, text) pairs merged in facility order */
} road_job;

typedef struct {
    size_t index;
    char *text;
} indexed_warning;

static void indexed_warning_free(gpointer p) {
    indexed_warning *w = p;
    g_free(w->text);
    g_free(w);
}

static GEOSGeometry *make_piece_geom(GEOSContextHandle_t h, const double *xy, size_t nv) {
    bool degenerate = true;
    for (size_t k = 1; k < nv && degenerate; k++)
        if (xy[2 * k] != xy[0] || xy[2 * k + 1] != xy[1]) degenerate = false;
    if (degenerate) return GEOSGeom_createPointFromXY_r(h, xy[0], xy[1]);
    GEOSCoordSequence *seq = GEOSCoordSeq_copyFromBuffer_r(h, xy, (unsigned)nv, 0, 0);
    return GEOSGeom_createLineString_r(h, seq);
}

/* Joins the line pieces end to end where they meet (GEOSLineMerge_r: no
 * noding, linear time), so that fewer, longer lines are buffered and fewer
 * bands unioned; points stay as they are. */
static void merge_lines(GEOSContextHandle_t h, GPtrArray *parts) {
    GPtrArray *lines = g_ptr_array_new(), *rest = g_ptr_array_new();
    for (guint i = 0; i < parts->len; i++)
        g_ptr_array_add(GEOSGeomTypeId_r(h, parts->pdata[i]) == GEOS_LINESTRING ? lines : rest, parts->pdata[i]);
    if (lines->len > 1) {
        GEOSGeometry *ml = GEOSGeom_createCollection_r(h, GEOS_MULTILINESTRING, (GEOSGeometry **)lines->pdata,
                                                       lines->len);
        GEOSGeometry *merged = ml ? GEOSLineMerge_r(h, ml) : NULL;
        if (merged) {
            g_ptr_array_set_size(lines, 0);
            int n = GEOSGetNumGeometries_r(h, merged);
            for (int k = 0; k < n; k++) g_ptr_array_add(lines, GEOSGeom_clone_r(h, GEOSGetGeometryN_r(h, merged, k)));
            GEOSGeom_destroy_r(h, merged);
            GEOSGeom_destroy_r(h, ml);
        } else if (ml) {
            /* keep the pieces: take them back out of the collection */
            g_ptr_array_set_size(lines, 0);
            int n = GEOSGetNumGeometries_r(h, ml);
            for (int k = 0; k < n; k++) g_ptr_array_add(lines, GEOSGeom_clone_r(h, GEOSGetGeometryN_r(h, ml, k)));
            GEOSGeom_destroy_r(h, ml);
        }
    }
    g_ptr_array_set_size(parts, 0);
    for (guint i = 0; i < rest->len; i++) g_ptr_array_add(parts, rest->pdata[i]);
    for (guint i = 0; i < lines->len; i++) g_ptr_array_add(parts, lines->pdata[i]);
    g_ptr_array_free(lines, TRUE);
    g_ptr_array_free(rest, TRUE);
}

/* ---- the band around a set of segments ---- */

typedef struct {
    double x0, y0, x1, y1;
} seg_t;

static double seg_dist2(const seg_t *s, double px, double py) {
    double dx = s->x1 - s->x0, dy = s->y1 - s->y0, l2 = dx * dx + dy * dy, t = 0;
    if (l2 > 0) {
        t = ((px - s->x0) * dx + (py - s->y0) * dy) / l2;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
    }
    double qx = s->x0 + t * dx - px, qy = s->y0 + t * dy - py;
    return qx * qx + qy * qy;
}

/* The union of the bands of half-width r around n segments (a point is a
 * segment of length 0), as GEOS would buffer and union them, but fast.
 *
 * Buffering every piece and unioning tens of thousands of bands costs
 * seconds when a catchment reaches 20,000 nodes, though the union's
 * boundary only depends on the pieces near it. So: a raster of cells of
 * r/4 over the pieces; a cell is "core" when its four corners lie within
 * r cos(pi / 4q) of one same segment (a band is convex, and that radius is
 * the inradius of GEOS's polygonal round caps, so the cell lies inside the
 * band GEOS builds). A segment whose band only meets core cells adds
 * nothing: it is dropped. The result is the union of the core cells
 * (merged into runs per row) and the bands of the remaining segments:
 * the same point set as the union of every band (every dropped band lies
 * in core cells, every core cell in some band), built from the pieces near
 * the boundary only. */
static GEOSGeometry *band_union(GEOSContextHandle_t h, const seg_t *s, size_t n, double r, int qs,
                                bool *nomem) {
    double minx = INFINITY, miny = INFINITY, maxx = -INFINITY, maxy = -INFINITY;
    for (size_t k = 0; k < n; k++) {
        minx = MIN(minx, MIN(s[k].x0, s[k].x1));
        maxx = MAX(maxx, MAX(s[k].x0, s[k].x1));
        miny = MIN(miny, MIN(s[k].y0, s[k].y1));
        maxy = MAX(maxy, MAX(s[k].y0, s[k].y1));
    }
    double c = r / 4;
    minx -= r + c;
    miny -= r + c;
    maxx += r + c;
    maxy += r + c;
    size_t nx = (size_t)ceil((maxx - minx) / c), ny = (size_t)ceil((maxy - miny) / c);
    while ((double)nx * (double)ny > 3e7) {
        c *= 2;
        nx = (size_t)ceil((maxx - minx) / c);
        ny = (size_t)ceil((maxy - miny) / c);
    }
    uint8_t *core = ga_try_new0(uint8_t, nx * ny);
    if (!core) {
        *nomem = true;
        return NULL;
    }
    double rin = r * cos(G_PI / (4.0 * qs)), rin2 = rin * rin;
    GArray *flags = g_array_new(FALSE, FALSE, sizeof(uint8_t));
#define CELL_RANGE(sg, pad, i0, i1, j0, j1)                                                        \
    do {                                                                                           \
        double ax = MIN((sg)->x0, (sg)->x1) - (pad), bx = MAX((sg)->x0, (sg)->x1) + (pad);         \
        double ay = MIN((sg)->y0, (sg)->y1) - (pad), by = MAX((sg)->y0, (sg)->y1) + (pad);         \
        i0 = (size_t)MAX(0.0, floor((ax - minx) / c));                                             \
        j0 = (size_t)MAX(0.0, floor((ay - miny) / c));                                             \
        i1 = MIN(nx - 1, (size_t)floor((bx - minx) / c));                                          \
        j1 = MIN(ny - 1, (size_t)floor((by - miny) / c));                                          \
    } while (0)
    for (size_t k = 0; k < n; k++) {
        size_t i0, i1, j0, j1;
        CELL_RANGE(&s[k], rin, i0, i1, j0, j1);
        size_t w = i1 - i0 + 2, hgt = j1 - j0 + 2;
        g_array_set_size(flags, w * hgt);
        uint8_t *f = (uint8_t *)flags->data;
        for (size_t vj = 0; vj < hgt; vj++)
            for (size_t vi = 0; vi < w; vi++)
                f[vj * w + vi] = seg_dist2(&s[k], minx + (double)(i0 + vi) * c, miny + (double)(j0 + vj) * c) <= rin2;
        for (size_t j = j0; j <= j1; j++)
            for (size_t i = i0; i <= i1; i++) {
                size_t vi = i - i0, vj = j - j0;
                if (f[vj * w + vi] && f[vj * w + vi + 1] && f[(vj + 1) * w + vi] && f[(vj + 1) * w + vi + 1])
                    core[j * nx + i] = 1;
            }
    }
    g_array_free(flags, TRUE);
    GPtrArray *parts = g_ptr_array_new();
    /* segments whose band meets a cell that is not core */
    double reach = r + c * G_SQRT2 / 2, reach2 = reach * reach;
    GPtrArray *lines = g_ptr_array_new();
    for (size_t k = 0; k < n; k++) {
        size_t i0, i1, j0, j1;
        CELL_RANGE(&s[k], reach, i0, i1, j0, j1);
        bool needed = false;
        for (size_t j = j0; j <= j1 && !needed; j++)
            for (size_t i = i0; i <= i1 && !needed; i++)
                if (!core[j * nx + i] &&
                    seg_dist2(&s[k], minx + ((double)i + 0.5) * c, miny + ((double)j + 0.5) * c) <= reach2)
                    needed = true;
        if (!needed) continue;
        double xy[4] = {s[k].x0, s[k].y0, s[k].x1, s[k].y1};
        g_ptr_array_add(lines, make_piece_geom(h, xy, 2));
    }
#undef CELL_RANGE
    merge_lines(h, lines);
    for (guint i = 0; i < lines->len; i++) {
        g_ptr_array_add(parts, GEOSBuffer_r(h, lines->pdata[i], r, qs));
        GEOSGeom_destroy_r(h, lines->pdata[i]);
    }
    g_ptr_array_free(lines, TRUE);
    /* core cells, merged into runs along each row */
    for (size_t j = 0; j < ny; j++)
        for (size_t i = 0; i < nx;) {
            if (!core[j * nx + i]) {
                i++;
                continue;
            }
            size_t a = i;
            while (i < nx && core[j * nx + i]) i++;
            double x0 = minx + (double)a * c, x1 = minx + (double)i * c;
            double y0 = miny + (double)j * c, y1 = miny + (double)(j + 1) * c;
            double ring[10] = {x0, y0, x1, y0, x1, y1, x0, y1, x0, y0};
            GEOSCoordSequence *seq = GEOSCoordSeq_copyFromBuffer_r(h, ring, 5, 0, 0);
            g_ptr_array_add(parts, GEOSGeom_createPolygon_r(h, GEOSGeom_createLinearRing_r(h, seq), NULL, 0));
        }
    g_free(core);
    GEOSGeometry *coll = GEOSGeom_createCollection_r(h, GEOS_GEOMETRYCOLLECTION, (GEOSGeometry **)parts->pdata,
                                                     parts->len);
    g_ptr_array_free(parts, TRUE);
    GEOSGeometry *u = coll ? GEOSUnaryUnion_r(h, coll) : NULL;
    if (coll) GEOSGeom_destroy_r(h, coll);
    return u;
}

/* Catchments of facility f into res rows f * n_thr ... */
static ga_status road_facility(road_job *job, ga_ctx *ctx, ga_reach *q, GArray *pieces, GArray *xy,
                               size_t f) {
    GEOSContextHandle_t h = ctx->geos;
    double fx, fy;
    ga_points_xy(job->fac, f, &fx, &fy);
    const char *id = ga_points_id(job->fac, f);
    double tmax = job->thr[job->n_thr - 1];
    ga_status st = ga_reach_run(q, ctx, fx, fy, job->o.metric, tmax, !job->o.from_facility);
    if (st) {
        if (st == GA_ERR_UNREACHABLE) /* ga_reach_run says which: beyond the snap distance or cut off */
            return ga_fail(ctx, st, "facility '%s' (%.1f, %.1f): %s", id, fx, fy,
                           ga_router_point_route(job->router, fx, fy) == GA_POINT_CUT_OFF
                               ? "its road is cut off from the rest of the network"
                               : "no road within the snap distance");
        return st;
    }
    double sx, sy;
    ga_reach_snap_point(q, &sx, &sy);
    double access = ga_reach_access_cost(q);
    const GEOSGeometry *prev = NULL;
    for (size_t k = 0; k < job->n_thr; k++) {
        double T = job->thr[k];
        g_array_set_size(pieces, 0);
        ga_reach_pieces(q, T, pieces);
        GArray *segs = g_array_new(FALSE, FALSE, sizeof(seg_t));
        seg_t fp = {fx, fy, fx, fy};
        g_array_append_val(segs, fp);
        if (access > 0 && (sx != fx || sy != fy)) {
            double frac = T >= access ? 1 : T / access;
            seg_t a = {fx, fy, fx + frac * (sx - fx), fy + frac * (sy - fy)};
            g_array_append_val(segs, a);
        }
        for (guint i = 0; i < pieces->len; i++) {
            g_array_set_size(xy, 0);
            size_t nv = ga_reach_piece_coords(job->router, &g_array_index(pieces, ga_reach_piece, i), xy);
            const double *c = (const double *)xy->data;
            for (size_t v = 0; v + 1 < nv; v++) {
                seg_t sg = {c[2 * v], c[2 * v + 1], c[2 * v + 2], c[2 * v + 3]};
                g_array_append_val(segs, sg);
            }
        }
        bool nomem = false;
        GEOSGeometry *poly = band_union(h, (const seg_t *)segs->data, segs->len, job->o.buffer_m,
                                        job->o.quadrant_segments, &nomem);
        g_array_free(segs, TRUE);
        if (nomem) return ga_nomem(ctx, "catchment raster");
        poly = finish_polygon(ctx, poly, prev, id, T);
        if (!poly)
            return ga_fail(ctx, GA_ERR_INTERNAL, "catchment of '%s' at %g: GEOS failed: %s", id, T,
                           ga_geos_message(ctx));
        size_t row = f * job->n_thr + k;
        job->res->geom[row] = poly;
        job->res->facility[row] = f;
        job->res->threshold[row] = T;
        job->res->nodes[row] = ga_reach_node_count(q, T);
        prev = poly;
    }
    return GA_OK;
}

static void road_worker(void *arg) {
    road_job *job = arg;
    ga_ctx *ctx = ga_ctx_new();
    ga_reach *q = ctx ? ga_reach_new(job->router) : NULL;
    GArray *pieces = g_array_new(FALSE, FALSE, sizeof(ga_reach_piece));
    GArray *xy = g_array_new(FALSE, FALSE, sizeof(double));
    size_t nf = ga_points_count(job->fac);
    if (!q) {
        g_mutex_lock(&job->lock);
        if (job->err_index == SIZE_MAX) {
            job->err_index = 0;
            job->err_status = GA_ERR_NOMEM;
            g_strlcpy(job->err_message, "out of memory (catchments: a search)", sizeof job->err_message);
        }
        g_mutex_unlock(&job->lock);
    }
    for (; q;) {
        gint k = g_atomic_int_add(&job->next, 1);
        if ((size_t)k >= nf) break;
        g_mutex_lock(&job->lock);
        bool stop = job->err_index < (size_t)k;
        g_mutex_unlock(&job->lock);
        if (stop) break;
        ga_status st = road_facility(job, ctx, q, pieces, xy, (size_t)k);
        g_mutex_lock(&job->lock);
        if (st && (size_t)k < job->err_index) {
            job->err_index = (size_t)k;
            job->err_status = st;
            g_strlcpy(job->err_message, ga_ctx_last_error(ctx), sizeof job->err_message);
        }
        for (size_t w = 0; w < ga_ctx_warning_count(ctx); w++) {
            indexed_warning *iw = ga_try_new(indexed_warning, 1);
            char *text = ga_try_strdup(ga_ctx_warning(ctx, w));
            if (!iw || !text) {
                g_free(iw);
                g_free(text);
                if ((size_t)k <= job->err_index) {
                    job->err_index = (size_t)k;
                    job->err_status = GA_ERR_NOMEM;
                    g_strlcpy(job->err_message, "out of memory (catchment warnings)", sizeof job->err_message);
                }
                break;
            }
            iw->index = (size_t)k;
            iw->text = text;
            g_ptr_array_add(job->warnings, iw);
        }
        g_mutex_unlock(&job->lock);
        ga_ctx_clear_warnings(ctx);
        g_atomic_int_inc(&job->done);
    }
    g_array_free(pieces, TRUE);
    g_array_free(xy, TRUE);
    ga_reach_free(q);
    ga_ctx_free(ctx);
}

/* Progress of the catchments, while the workers run. */
static bool road_poll(void *arg, ga_ctx *ctx) {
    road_job *job = arg;
    size_t nf = ga_points_count(job->fac);
    gint done = g_atomic_int_get(&job->done);
    if ((size_t)done >= nf) return false;
    ga_progress(ctx, "catchments", (uint64_t)done, nf);
    g_mutex_lock(&job->lock);
    bool failed = job->err_index != SIZE_MAX;
    g_mutex_unlock(&job->lock);
    return !failed;
}

static int cmp_warning(gconstpointer a, gconstpointer b) {
    const indexed_warning *x = *(indexed_warning *const *)a, *y = *(indexed_warning *const *)b;
    return (x->index > y->index) - (x->index < y->index);
}

ga_status ga_catchments_road(ga_ctx *ctx, ga_router *router, const ga_points *facilities,
                             const double *thresholds, size_t n_thr,
                             const ga_catchment_options *opts, ga_catchments **out) {
    if (!router) return ga_fail(ctx, GA_ERR_ARG, "road catchments: no router");
    double *thr = NULL;
    ga_status st = sorted_thresholds(ctx, thresholds, n_thr, &thr);
    if (st) return st;
    size_t nf = ga_points_count(facilities);
    road_job job = {.router = router, .fac = facilities, .thr = thr, .n_thr = n_thr,
                    .o = resolved(opts), .err_index = SIZE_MAX};
    job.res = alloc_set(ctx, nf * n_thr);
    if (!job.res) {
        g_free(thr);
        return ga_nomem(ctx, "catchments");
    }
    job.res->from_facility = job.o.from_facility;
    job.res->metric = job.o.metric;
    job.warnings = g_ptr_array_new_with_free_func(indexed_warning_free);
    g_mutex_init(&job.lock);
    int n_threads = job.o.threads > 0 ? job.o.threads : (int)g_get_num_processors();
    if ((size_t)n_threads > nf) n_threads = nf ? (int)nf : 1;
    st = ga_parallel_run(ctx, n_threads, road_worker, &job, road_poll, "catchments");
    ga_progress(ctx, "catchments", nf, nf);
    g_ptr_array_sort(job.warnings, cmp_warning);
    for (guint k = 0; k < job.warnings->len; k++)
        ga_warn(ctx, "%s", ((indexed_warning *)job.warnings->pdata[k])->text);
    if (!st && job.err_index != SIZE_MAX) st = ga_fail(ctx, job.err_status, "%s", job.err_message);
    g_ptr_array_free(job.warnings, TRUE);
    g_mutex_clear(&job.lock);
    g_free(thr);
    if (st) {
        ga_catchments_free(job.res);
        return st;
    }
    *out = job.res;
    return GA_OK;
}

/* ---- circles ---- */

ga_status ga_catchments_circles(ga_ctx *ctx, const ga_points *facilities, const double *thresholds,
                                const double *radius_m, size_t n_thr,
                                const ga_catchment_options *opts, ga_catchments **out) {
    ga_catchment_options o = resolved(opts);
    double *thr = NULL;
    ga_status st = sorted_thresholds(ctx, thresholds, n_thr, &thr);
    if (st) return st;
    /* radii in the order of the sorted thresholds */
    double *rad = ga_try_new(double, n_thr);
    if (!rad) {
        g_free(thr);
        return ga_nomem(ctx, "catchment radii");
    }
    for (size_t k = 0; k < n_thr; k++) {
        rad[k] = thr[k];
        if (radius_m)
            for (size_t j = 0; j < n_thr; j++)
                if (thresholds[j] == thr[k]) rad[k] = radius_m[j];
        if (!(rad[k] > 0) || !isfinite(rad[k])) {
            st = ga_fail(ctx, GA_ERR_ARG, "catchments: radius %g m for threshold %g is not a positive number",
                         rad[k], thr[k]);
            g_free(rad);
            g_free(thr);
            return st;
        }
    }
    size_t nf = ga_points_count(facilities);
    ga_catchments *c = alloc_set(ctx, nf * n_thr);
    if (!c) {
        g_free(rad);
        g_free(thr);
        return ga_nomem(ctx, "catchments");
    }
    c->from_facility = o.from_facility;
    c->metric = o.metric;
    GEOSContextHandle_t h = ctx->geos;
    for (size_t f = 0; f < nf && !st; f++) {
        double x, y;
        ga_points_xy(facilities, f, &x, &y);
        GEOSGeometry *pt = GEOSGeom_createPointFromXY_r(h, x, y);
        const GEOSGeometry *prev = NULL;
        for (size_t k = 0; k < n_thr; k++) {
            GEOSGeometry *g = finish_polygon(ctx, GEOSBuffer_r(h, pt, rad[k], o.quadrant_segments * 2),
                                             prev, ga_points_id(facilities, f), thr[k]);
            if (!g) {
                st = ga_fail(ctx, GA_ERR_INTERNAL, "circle around '%s': GEOS failed: %s",
                             ga_points_id(facilities, f), ga_geos_message(ctx));
                break;
            }
            size_t row = f * n_thr + k;
            c->geom[row] = g;
            c->facility[row] = f;
            c->threshold[row] = thr[k];
            prev = g;
        }
        GEOSGeom_destroy_r(h, pt);
    }
    g_free(rad);
    g_free(thr);
    if (st) {
        ga_catchments_free(c);
        return st;
    }
    *out = c;
    return GA_OK;
}

ga_status ga_cost_model_radius(ga_ctx *ctx, ga_cost_model *model, ga_metric metric,
                               double threshold, double *radius_m) {
    /* probe: costs from a point to points 1, 2 and 10 km away */
    ga_points *a = ga_points_new(), *b = ga_points_new();
    if (!a || !b) {
        ga_points_free(a);
        ga_points_free(b);
        return ga_nomem(ctx, "catchment radius");
    }
    ga_points_add(a, "o", 0, 0, NULL, 1);
    ga_points_add(b, "d1", 1000, 0, NULL, 1);
    ga_points_add(b, "d2", 0, 2000, NULL, 1);
    ga_points_add(b, "d10", 6000, 8000, NULL, 1);
    ga_od *od = NULL;
    ga_status st = ga_cost_model_table(model, ctx, a, b, metric, 0, &od);
    ga_points_free(a);
    ga_points_free(b);
    if (st) {
        ga_ctx_clear_error(ctx);
        return ga_fail(ctx, GA_ERR_ARG, "catchment radius: the %s cost model cannot cost points "
                       "anywhere, so it is not linear in distance (a road model needs road "
                       "catchments)", model->ops->name);
    }
    double c1 = NAN, c2 = NAN, c10 = NAN;
    bool ok = ga_od_lookup(od, 0, 0, &c1) && ga_od_lookup(od, 0, 1, &c2) && ga_od_lookup(od, 0, 2, &c10);
    ga_od_free(od);
    if (!ok || !(c1 > 0) || fabs(c2 - 2 * c1) > 1e-9 * c2 || fabs(c10 - 10 * c1) > 1e-9 * c10)
        return ga_fail(ctx, GA_ERR_ARG, "catchment radius: the %s cost model does not grow linearly "
                       "with straight-line distance (a road model needs road catchments)",
                       model->ops->name);
    if (!(threshold > 0) || !isfinite(threshold))
        return ga_fail(ctx, GA_ERR_ARG, "catchment radius: threshold must be > 0 (got %g)", threshold);
    *radius_m = threshold * 1000.0 / c1;
    return GA_OK;
}

/* ---- population ---- */

typedef struct {
    size_t *hits;
    size_t n;
} hit_list;

static void collect_hit(void *item, void *user) {
    hit_list *l = user;
    l->hits[l->n++] = (size_t)GPOINTER_TO_SIZE(item) - 1;
}

static int cmp_size(const void *a, const void *b) {
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

ga_status ga_catchments_population(ga_ctx *ctx, const ga_catchments *c, ga_cost_model *model,
                                   const ga_points *facilities, const ga_communes *communes,
                                   const double *pop, double *pop_points, double *pop_area) {
    size_t nc = ga_communes_count(communes);
    GEOSContextHandle_t h = ctx->geos;
    ga_status st = GA_OK;
    if (pop_points) {
        double tmax = 0;
        for (size_t i = 0; i < c->n; i++) tmax = MAX(tmax, c->threshold[i]);
        ga_points *origins = NULL;
        ga_od *od = NULL;
        if ((st = ga_points_from_communes(ctx, communes, &origins))) return st;
        /* people travel to the facility: communes -> facilities, unless the
         * catchments were built from the facility */
        st = c->from_facility
            ? ga_cost_model_table(model, ctx, facilities, origins, c->metric, tmax, &od)
            : ga_cost_model_table(model, ctx, origins, facilities, c->metric, tmax, &od);
        ga_points_free(origins);
        if (st) return st;
        double *res = ga_try_new0(double, c->n ? c->n : 1);
        if (!res) {
            ga_od_free(od);
            return ga_nomem(ctx, "catchment population");
        }
        for (size_t i = 0; i < c->n; i++) {
            size_t f = c->facility[i];
            double sum = 0;
            for (size_t k = 0; k < nc; k++) {
                double cost;
                bool found = c->from_facility ? ga_od_lookup(od, f, k, &cost) : ga_od_lookup(od, k, f, &cost);
                if (found && cost <= c->threshold[i] && !isnan(pop[k])) sum += pop[k];
            }
            res[i] = sum;
        }
        ga_od_free(od);
        memcpy(pop_points, res, c->n * sizeof *res);
        g_free(res);
    }
    if (pop_area && !ga_communes_has_polygons(communes))
        return ga_fail(ctx, GA_ERR_ARG, "%s: the population by area needs the commune polygons, the file has "
                       "points only", ga_communes_path(communes));
    if (pop_area) {
        hit_list l = {ga_try_new(size_t, nc ? nc : 1), 0};
        if (!l.hits) return ga_nomem(ctx, "catchment population");
        GEOSSTRtree *tree = GEOSSTRtree_create_r(h, 10);
        for (size_t k = 0; k < nc; k++)
            GEOSSTRtree_insert_r(h, tree, ga_communes_geometry(communes, k), GSIZE_TO_POINTER(k + 1));
        for (size_t i = 0; i < c->n && !st; i++) {
            l.n = 0;
            GEOSSTRtree_query_r(h, tree, c->geom[i], collect_hit, &l);
            qsort(l.hits, l.n, sizeof *l.hits, cmp_size); /* fixed order of the sum */
            const GEOSPreparedGeometry *prep = GEOSPrepare_r(h, c->geom[i]);
            double sum = 0;
            for (size_t m = 0; m < l.n; m++) {
                size_t k = l.hits[m];
                if (isnan(pop[k]) || pop[k] == 0) continue;
                const GEOSGeometry *cg = ga_communes_geometry(communes, k);
                if (GEOSPreparedCovers_r(h, prep, cg) == 1) {
                    sum += pop[k];
                } else if (GEOSPreparedIntersects_r(h, prep, cg) == 1) {
                    GEOSGeometry *x = GEOSIntersection_r(h, c->geom[i], cg);
                    double a = 0, ca = ga_communes_area(communes, k);
                    if (!x) {
                        st = ga_fail(ctx, GA_ERR_INTERNAL, "catchment %zu and commune %s: GEOS intersection failed: %s",
                                     i, ga_communes_id(communes, k), ga_geos_message(ctx));
                        break;
                    }
                    GEOSArea_r(h, x, &a);
                    GEOSGeom_destroy_r(h, x);
                    if (ca > 0) sum += pop[k] * MIN(1.0, a / ca);
                }
            }
            GEOSPreparedGeom_destroy_r(h, prep);
            pop_area[i] = sum;
        }
        g_free(l.hits);
        GEOSSTRtree_destroy_r(h, tree);
    }
    return st;
}

/* ---- summary per threshold ---- */

static double median_sorted(const double *a, size_t m) {
    if (!m) return NAN;
    return m % 2 ? a[m / 2] : (a[m / 2 - 1] + a[m / 2]) / 2;
}

void ga_catchments_summarise(const ga_catchments *c, const double *thresholds, size_t nt, double scale,
                             const double *near, const double *pop, size_t n, ga_catchment_summary *out) {
    size_t nc = ga_catchments_count(c);
    double *sorted = g_memdup2(thresholds, nt * sizeof *thresholds);
    qsort(sorted, nt, sizeof *sorted, cmp_double);
    double *areas = g_new(double, nc / (nt ? nt : 1) + 1);
    for (size_t q = 0; q < nt; q++) {
        ga_catchment_summary *r = &out[q];
        *r = (ga_catchment_summary){.threshold = sorted[q]};
        double T = sorted[q] * scale;
        for (size_t i = 0; i < n; i++) {
            double p = isnan(pop[i]) ? 0 : pop[i];
            if (isnan(near[i])) { /* not routed: unknown, out of the share */
                r->unknown++;
                r->unknown_people += p;
                continue;
            }
            r->total += p;
            if (near[i] <= T) r->people += p;
        }
        size_t m = 0;
        for (size_t i = q; i < nc; i += nt) areas[m++] = ga_catchments_area(c, i) / 1e6;
        qsort(areas, m, sizeof *areas, cmp_double);
        r->polygons = m;
        r->median_km2 = median_sorted(areas, m);
    }
    g_free(areas);
    g_free(sorted);
}
