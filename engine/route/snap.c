/* Snapping to the nearest road segment with a uniform grid: see snap.h. */
#include <math.h>
#include <string.h>
#include <glib.h>
#include "route/snap.h"

typedef struct {
    double x0, y0, x1, y1; /* metres */
    double cum;            /* length of the arc's geometry before this segment */
    uint32_t arc;
    uint32_t pad;
} segment;

struct ga_snap_index {
    const ga_graph *g;
    uint32_t *tail;    /* n_arcs */
    uint32_t *twin;    /* n_arcs */
    double *arc_len;   /* n_arcs: geometric length, metres */
    segment *seg;
    size_t n_seg;
    double minx, miny, cell;
    int64_t ncols, nrows;
    uint32_t *cell_first; /* ncols * nrows + 1 */
    uint32_t *cell_seg;
    size_t n_entries;
};

static inline void arc_vertex(const ga_graph *g, const uint32_t *tail, uint32_t a, uint32_t k,
                              uint32_t nk, double *x, double *y) {
    /* vertex k of arc a's polyline of nk + 2 vertices */
    int32_t xi, yi;
    if (k == 0) {
        xi = g->x_cm[tail[a]];
        yi = g->y_cm[tail[a]];
    } else if (k == nk + 1) {
        xi = g->x_cm[g->head[a]];
        yi = g->y_cm[g->head[a]];
    } else {
        uint32_t gi = g->geom_first[a] + k - 1;
        xi = g->geom_x_cm[gi];
        yi = g->geom_y_cm[gi];
    }
    *x = xi / 100.0;
    *y = yi / 100.0;
}

static bool same_geometry_reversed(const ga_graph *g, uint32_t a, uint32_t b) {
    uint32_t na = g->geom_first[a + 1] - g->geom_first[a];
    uint32_t nb = g->geom_first[b + 1] - g->geom_first[b];
    if (na != nb) return false;
    for (uint32_t k = 0; k < na; k++) {
        uint32_t ia = g->geom_first[a] + k, ib = g->geom_first[b] + (nb - 1 - k);
        if (g->geom_x_cm[ia] != g->geom_x_cm[ib] || g->geom_y_cm[ia] != g->geom_y_cm[ib])
            return false;
    }
    return true;
}

void ga_snap_index_free(ga_snap_index *ix) {
    if (!ix) return;
    g_free(ix->tail);
    g_free(ix->twin);
    g_free(ix->arc_len);
    g_free(ix->seg);
    g_free(ix->cell_first);
    g_free(ix->cell_seg);
    g_free(ix);
}

static inline int64_t cell_of(double v, double min, double cell) {
    return (int64_t)floor((v - min) / cell);
}

ga_snap_index *ga_snap_index_new(const ga_graph *g) {
    ga_snap_index *ix = g_new0(ga_snap_index, 1);
    uint32_t n = g->n_nodes, m = g->n_arcs;
    ix->g = g;
    ix->tail = g_try_new(uint32_t, m ? m : 1);
    ix->twin = g_try_new(uint32_t, m ? m : 1);
    ix->arc_len = g_try_new(double, m ? m : 1);
    if (!ix->tail || !ix->twin || !ix->arc_len) goto oom;
    for (uint32_t u = 0; u < n; u++)
        for (uint32_t e = g->first_out[u]; e < g->first_out[u + 1]; e++) ix->tail[e] = u;
    /* pair the two arcs of each two-way road, greedily in arc order */
    for (uint32_t e = 0; e < m; e++) ix->twin[e] = GA_NODE_NONE;
    for (uint32_t e = 0; e < m; e++) {
        if (ix->twin[e] != GA_NODE_NONE) continue;
        uint32_t u = ix->tail[e], v = g->head[e];
        for (uint32_t f = g->first_out[v]; f < g->first_out[v + 1]; f++)
            if (f != e && g->head[f] == u && ix->twin[f] == GA_NODE_NONE &&
                same_geometry_reversed(g, e, f)) {
                ix->twin[e] = f;
                ix->twin[f] = e;
                break;
            }
    }
    /* segments of the indexed arcs; bounding box */
    size_t n_seg = 0;
    for (uint32_t e = 0; e < m; e++)
        if (ix->twin[e] == GA_NODE_NONE || e < ix->twin[e])
            n_seg += g->geom_first[e + 1] - g->geom_first[e] + 1;
    ix->seg = g_try_new(segment, n_seg ? n_seg : 1);
    if (!ix->seg) goto oom;
    double minx = INFINITY, miny = INFINITY, maxx = -INFINITY, maxy = -INFINITY;
    size_t s = 0;
    for (uint32_t e = 0; e < m; e++) {
        uint32_t nk = g->geom_first[e + 1] - g->geom_first[e];
        double cum = 0, px, py;
        arc_vertex(g, ix->tail, e, 0, nk, &px, &py);
        bool indexed = ix->twin[e] == GA_NODE_NONE || e < ix->twin[e];
        for (uint32_t k = 1; k <= nk + 1; k++) {
            double qx, qy;
            arc_vertex(g, ix->tail, e, k, nk, &qx, &qy);
            if (indexed) {
                ix->seg[s++] = (segment){px, py, qx, qy, cum, e, 0};
                minx = fmin(minx, fmin(px, qx));
                maxx = fmax(maxx, fmax(px, qx));
                miny = fmin(miny, fmin(py, qy));
                maxy = fmax(maxy, fmax(py, qy));
            }
            cum += hypot(qx - px, qy - py);
            px = qx;
            py = qy;
        }
        ix->arc_len[e] = cum;
    }
    ix->n_seg = n_seg;
    if (n_seg == 0) {
        ix->cell = 1;
        ix->ncols = ix->nrows = 0;
        ix->cell_first = g_new0(uint32_t, 1);
        ix->cell_seg = g_new0(uint32_t, 1);
        return ix;
    }
    /* about one segment per cell on average, at most 2^26 cells */
    double w = fmax(maxx - minx, 1.0), h = fmax(maxy - miny, 1.0);
    double cell = sqrt(w * h / (double)n_seg);
    if (cell < 1.0) cell = 1.0;
    while ((w / cell + 1) * (h / cell + 1) > (double)(1u << 26)) cell *= 1.5;
    ix->minx = minx;
    ix->miny = miny;
    ix->cell = cell;
    ix->ncols = (int64_t)(w / cell) + 1;
    ix->nrows = (int64_t)(h / cell) + 1;
    size_t n_cells = (size_t)(ix->ncols * ix->nrows);
    ix->cell_first = g_try_new0(uint32_t, n_cells + 1);
    if (!ix->cell_first) goto oom;
    /* two passes: count the cells each segment's box covers, then fill */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < n_seg; i++) {
            const segment *sg = &ix->seg[i];
            int64_t c0 = cell_of(fmin(sg->x0, sg->x1), minx, cell);
            int64_t c1 = cell_of(fmax(sg->x0, sg->x1), minx, cell);
            int64_t r0 = cell_of(fmin(sg->y0, sg->y1), miny, cell);
            int64_t r1 = cell_of(fmax(sg->y0, sg->y1), miny, cell);
            for (int64_t r = r0; r <= r1; r++)
                for (int64_t c = c0; c <= c1; c++) {
                    size_t k = (size_t)(r * ix->ncols + c);
                    if (pass == 0)
                        ix->cell_first[k + 1]++;
                    else
                        ix->cell_seg[ix->cell_first[k]++] = (uint32_t)i;
                }
        }
        if (pass == 0) {
            for (size_t k = 0; k < n_cells; k++) ix->cell_first[k + 1] += ix->cell_first[k];
            ix->n_entries = ix->cell_first[n_cells];
            ix->cell_seg = g_try_new(uint32_t, ix->n_entries ? ix->n_entries : 1);
            if (!ix->cell_seg) goto oom;
        } else {
            /* cell_first[k] now holds the end of cell k: shift back */
            memmove(ix->cell_first + 1, ix->cell_first, n_cells * sizeof *ix->cell_first);
            ix->cell_first[0] = 0;
        }
    }
    return ix;
oom:
    ga_snap_index_free(ix);
    return NULL;
}

uint32_t ga_snap_index_twin(const ga_snap_index *ix, uint32_t arc) { return ix->twin[arc]; }
uint32_t ga_snap_index_tail(const ga_snap_index *ix, uint32_t arc) { return ix->tail[arc]; }

size_t ga_snap_index_bytes(const ga_snap_index *ix) {
    size_t m = ix->g->n_arcs;
    return m * (2 * sizeof(uint32_t) + sizeof(double)) + ix->n_seg * sizeof(segment) +
           (size_t)(ix->ncols * ix->nrows + 1) * sizeof(uint32_t) + ix->n_entries * sizeof(uint32_t);
}

/* Squared distance from (x, y) to segment s; *u = position along it (0..1). */
static inline double seg_d2(const segment *s, double x, double y, double *u) {
    double dx = s->x1 - s->x0, dy = s->y1 - s->y0;
    double l2 = dx * dx + dy * dy;
    double t = l2 > 0 ? ((x - s->x0) * dx + (y - s->y0) * dy) / l2 : 0;
    if (t < 0) t = 0;
    if (t > 1) t = 1;
    double px = s->x0 + t * dx - x, py = s->y0 + t * dy - y;
    *u = t;
    return px * px + py * py;
}

void ga_snap_index_nearest(const ga_snap_index *ix, double x, double y, double max_dist,
                           ga_snap *out) {
    memset(out, 0, sizeof *out);
    out->arc = GA_NODE_NONE;
    if (ix->n_seg == 0 || !isfinite(x) || !isfinite(y)) return;
    double cell = ix->cell;
    double maxx = ix->minx + (double)ix->ncols * cell, maxy = ix->miny + (double)ix->nrows * cell;
    /* quick reject: further than max_dist from the grid's box */
    double ox = fmax(fmax(ix->minx - x, x - maxx), 0), oy = fmax(fmax(ix->miny - y, y - maxy), 0);
    if (ox * ox + oy * oy > max_dist * max_dist) return;
    int64_t cx = cell_of(x, ix->minx, cell), cy = cell_of(y, ix->miny, cell);
    double best = INFINITY, best_u = 0;
    size_t best_s = SIZE_MAX;
    int64_t rmax = (int64_t)ceil(max_dist / cell) + 1;
    /* the point's cell may be outside the grid: start at the ring that
     * reaches it */
    for (int64_t r = 0; r <= rmax + 2 * (ix->ncols + ix->nrows); r++) {
        int64_t r0 = cy - r, r1 = cy + r, c0 = cx - r, c1 = cx + r;
        for (int64_t row = r0 < 0 ? 0 : r0; row <= r1 && row < ix->nrows; row++) {
            bool edge_row = row == r0 || row == r1;
            int64_t step = edge_row ? 1 : (c1 - c0);
            if (step == 0) step = 1;
            for (int64_t col = c0; col <= c1; col += step) {
                if (col < 0 || col >= ix->ncols) continue;
                size_t k = (size_t)(row * ix->ncols + col);
                for (uint32_t q = ix->cell_first[k]; q < ix->cell_first[k + 1]; q++) {
                    uint32_t si = ix->cell_seg[q];
                    double u;
                    double d2 = seg_d2(&ix->seg[si], x, y, &u);
                    if (d2 < best || (d2 == best && si < best_s)) {
                        best = d2;
                        best_s = si;
                        best_u = u;
                    }
                }
            }
        }
        /* every segment not yet seen is at least r cells away */
        double reach = (double)r * cell;
        if (best <= reach * reach || reach > max_dist) break;
    }
    if (best_s == SIZE_MAX || best > max_dist * max_dist) return;
    const segment *s = &ix->seg[best_s];
    out->snapped = true;
    out->distance_m = sqrt(best);
    out->x = s->x0 + best_u * (s->x1 - s->x0);
    out->y = s->y0 + best_u * (s->y1 - s->y0);
    out->arc = s->arc;
    double len = ix->arc_len[s->arc];
    double along = s->cum + best_u * hypot(s->x1 - s->x0, s->y1 - s->y0);
    double f = len > 0 ? along / len : 0;
    out->fraction = f < 0 ? 0 : f > 1 ? 1 : f;
}
