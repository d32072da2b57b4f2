/* Snapping to the nearest road segment with a uniform grid: see snap.h. */
#include <math.h>
#include <string.h>
#include <glib.h>
#include "core/alloc.h"
#include "route/snap.h"

/* A cell entry: segment k of arc `arc` (from vertex k to vertex k + 1 of the
 * arc's polyline). The first segment (k = 0) starts at the arc's tail node,
 * which the entry carries instead of k (FIRST bit set), so that a query
 * reads every segment's ends from the graph without a per-arc tail array. */
typedef struct {
    uint32_t arc;
    uint32_t k; /* k, or FIRST | tail node when k = 0 */
} entry;
#define FIRST 0x80000000u

struct ga_snap_index {
    const ga_graph *g;
    size_t n_seg;
    double minx, miny, cell;
    int64_t ncols, nrows;
    uint32_t *cell_first; /* ncols * nrows + 1 */
    entry *cell_seg;
    size_t n_entries;
};

static inline void node_xy(const ga_graph *g, uint32_t v, double *x, double *y) {
    *x = g->x_cm[v] / 100.0;
    *y = g->y_cm[v] / 100.0;
}

/* vertex k of arc a's polyline of nk + 2 vertices (tail = its tail node) */
static inline void arc_vertex(const ga_graph *g, uint32_t tail, uint32_t a, uint32_t k,
                              uint32_t nk, double *x, double *y) {
    if (k == 0) {
        node_xy(g, tail, x, y);
    } else if (k == nk + 1) {
        node_xy(g, g->head[a], x, y);
    } else {
        uint32_t gi = g->geom_first[a] + k - 1;
        *x = g->geom_x_cm[gi] / 100.0;
        *y = g->geom_y_cm[gi] / 100.0;
    }
}

/* The ends of an entry's segment. */
static inline void entry_ends(const ga_graph *g, entry e, double *x0, double *y0, double *x1,
                              double *y1) {
    uint32_t a = e.arc, gf = g->geom_first[a], nk = g->geom_first[a + 1] - gf;
    if (e.k & FIRST) {
        node_xy(g, e.k & ~FIRST, x0, y0);
        if (nk == 0)
            node_xy(g, g->head[a], x1, y1);
        else {
            *x1 = g->geom_x_cm[gf] / 100.0;
            *y1 = g->geom_y_cm[gf] / 100.0;
        }
        return;
    }
    uint32_t k = e.k; /* 1 .. nk */
    *x0 = g->geom_x_cm[gf + k - 1] / 100.0;
    *y0 = g->geom_y_cm[gf + k - 1] / 100.0;
    if (k == nk)
        node_xy(g, g->head[a], x1, y1);
    else {
        *x1 = g->geom_x_cm[gf + k] / 100.0;
        *y1 = g->geom_y_cm[gf + k] / 100.0;
    }
}

/* Order of segments for ties: by arc, then by position along the arc. */
static inline uint64_t entry_key(entry e) {
    return (uint64_t)e.arc << 32 | (e.k & FIRST ? 0 : e.k);
}

static uint32_t tail_of(const ga_graph *g, uint32_t arc) {
    /* the node u with first_out[u] <= arc < first_out[u + 1] */
    uint32_t lo = 0, hi = g->n_nodes; /* first_out[lo] <= arc < first_out[hi] */
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (g->first_out[mid] <= arc)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
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

static bool same_geometry(const ga_graph *g, uint32_t a, uint32_t b) {
    uint32_t na = g->geom_first[a + 1] - g->geom_first[a];
    uint32_t nb = g->geom_first[b + 1] - g->geom_first[b];
    if (na != nb) return false;
    for (uint32_t k = 0; k < na; k++) {
        uint32_t ia = g->geom_first[a] + k, ib = g->geom_first[b] + k;
        if (g->geom_x_cm[ia] != g->geom_x_cm[ib] || g->geom_y_cm[ia] != g->geom_y_cm[ib])
            return false;
    }
    return true;
}

/* The reverse arc of arc e (tail u) of a two-way road, or GA_NODE_NONE,
 * computed when asked (no per-arc array). The arcs of two-way roads are
 * paired greedily in arc order: each arc not yet paired takes the first arc
 * not yet paired leading back with the same geometry reversed. Among the
 * arcs u -> v of one geometry and the arcs v -> u of that geometry
 * reversed, that pairs the i-th lowest of one with the i-th lowest of the
 * other (induction on the arc order: both paired sets stay prefixes of equal
 * length); a loop u -> u whose geometry reads the same both ways pairs the
 * 1st with the 2nd arc of that geometry, the 3rd with the 4th... */
static uint32_t twin_of(const ga_graph *g, uint32_t e, uint32_t u) {
    uint32_t v = g->head[e];
    uint32_t rank = 0;
    for (uint32_t f = g->first_out[u]; f < e; f++)
        if (g->head[f] == v && same_geometry(g, f, e)) rank++;
    if (u == v && same_geometry_reversed(g, e, e)) {
        uint32_t want = rank ^ 1u, i = 0;
        for (uint32_t f = g->first_out[u]; f < g->first_out[u + 1]; f++)
            if (g->head[f] == v && same_geometry(g, f, e) && i++ == want) return f;
        return GA_NODE_NONE;
    }
    uint32_t i = 0;
    for (uint32_t f = g->first_out[v]; f < g->first_out[v + 1]; f++)
        if (g->head[f] == u && same_geometry_reversed(g, e, f) && i++ == rank) return f;
    return GA_NODE_NONE;
}

/* Only one arc of each two-way road is indexed: the lower id. */
static inline bool indexed_arc(const ga_graph *g, uint32_t e, uint32_t u) {
    uint32_t t = twin_of(g, e, u);
    return t == GA_NODE_NONE || e < t;
}

void ga_snap_index_free(ga_snap_index *ix) {
    if (!ix) return;
    g_free(ix->cell_first);
    g_free(ix->cell_seg);
    g_free(ix);
}

static inline int64_t cell_of(double v, double min, double cell) {
    return (int64_t)floor((v - min) / cell);
}

/* Average number of segments per grid cell. Each entry costs 8 bytes and
 * each cell 4: coarser cells mean fewer segments crossing cell borders
 * (fewer entries) and fewer cells, at the price of more distance
 * computations per query (bench/README.md, "Memory"). 8 rather than 4 (issue
 * 14: routing memory under 100 bytes a node): SYNTHETIC 1 M, 30.4 -> 25.2
 * B/node, a snap 21.1 -> 28.4 us at load 12 (a national run snaps 34,803
 * points once). */
#define SEGS_PER_CELL 8.0

ga_snap_index *ga_snap_index_new(const ga_graph *g) {
    uint32_t n = g->n_nodes;
    if (n > ~FIRST) return NULL; /* node ids must leave the FIRST bit free */
    ga_snap_index *ix = ga_try_new0(ga_snap_index, 1);
    if (!ix) return NULL;
    ix->g = g;
    /* segments of the indexed arcs; bounding box */
    size_t n_seg = 0;
    double minx = INFINITY, miny = INFINITY, maxx = -INFINITY, maxy = -INFINITY;
    for (uint32_t u = 0; u < n; u++)
        for (uint32_t e = g->first_out[u]; e < g->first_out[u + 1]; e++) {
            uint32_t nk = g->geom_first[e + 1] - g->geom_first[e];
            if (nk >= FIRST) goto oom;
            if (!indexed_arc(g, e, u)) continue;
            n_seg += nk + 1;
            for (uint32_t k = 0; k <= nk + 1; k++) {
                double qx, qy;
                arc_vertex(g, u, e, k, nk, &qx, &qy);
                minx = fmin(minx, qx);
                maxx = fmax(maxx, qx);
                miny = fmin(miny, qy);
                maxy = fmax(maxy, qy);
            }
        }
    ix->n_seg = n_seg;
    if (n_seg == 0) {
        ix->cell = 1;
        ix->ncols = ix->nrows = 0;
        ix->cell_first = ga_try_new0(uint32_t, 1);
        ix->cell_seg = ga_try_new0(entry, 1);
        if (!ix->cell_first || !ix->cell_seg) goto oom;
        return ix;
    }
    /* about SEGS_PER_CELL segments per cell on average, at most 2^26 cells */
    double w = fmax(maxx - minx, 1.0), h = fmax(maxy - miny, 1.0);
    double cell = sqrt(w * h * SEGS_PER_CELL / (double)n_seg);
    if (cell < 1.0) cell = 1.0;
    while ((w / cell + 1) * (h / cell + 1) > (double)(1u << 26)) cell *= 1.5;
    ix->minx = minx;
    ix->miny = miny;
    ix->cell = cell;
    ix->ncols = (int64_t)(w / cell) + 1;
    ix->nrows = (int64_t)(h / cell) + 1;
    size_t n_cells = (size_t)(ix->ncols * ix->nrows);
    ix->cell_first = ga_try_new0(uint32_t, n_cells + 1);
    if (!ix->cell_first) goto oom;
    /* two passes: count the cells each segment's box covers, then fill
     * (in segment order, so each cell lists its segments in key order) */
    for (int pass = 0; pass < 2; pass++) {
        for (uint32_t u = 0; u < n; u++)
            for (uint32_t e = g->first_out[u]; e < g->first_out[u + 1]; e++) {
                if (!indexed_arc(g, e, u)) continue;
                uint32_t nk = g->geom_first[e + 1] - g->geom_first[e];
                double px, py;
                arc_vertex(g, u, e, 0, nk, &px, &py);
                for (uint32_t k = 1; k <= nk + 1; k++) {
                    double qx, qy;
                    arc_vertex(g, u, e, k, nk, &qx, &qy);
                    int64_t c0 = cell_of(fmin(px, qx), minx, cell);
                    int64_t c1 = cell_of(fmax(px, qx), minx, cell);
                    int64_t r0 = cell_of(fmin(py, qy), miny, cell);
                    int64_t r1 = cell_of(fmax(py, qy), miny, cell);
                    entry en = {e, k == 1 ? FIRST | u : k - 1};
                    for (int64_t r = r0; r <= r1; r++)
                        for (int64_t c = c0; c <= c1; c++) {
                            size_t q = (size_t)(r * ix->ncols + c);
                            if (pass == 0)
                                ix->cell_first[q + 1]++;
                            else
                                ix->cell_seg[ix->cell_first[q]++] = en;
                        }
                    px = qx;
                    py = qy;
                }
            }
        if (pass == 0) {
            for (size_t k = 0; k < n_cells; k++) {
                if (ix->cell_first[k + 1] > UINT32_MAX - ix->cell_first[k]) goto oom;
                ix->cell_first[k + 1] += ix->cell_first[k];
            }
            ix->n_entries = ix->cell_first[n_cells];
            ix->cell_seg = ga_try_new(entry, ix->n_entries ? ix->n_entries : 1);
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

uint32_t ga_snap_index_twin(const ga_snap_index *ix, uint32_t arc) {
    return twin_of(ix->g, arc, tail_of(ix->g, arc));
}
uint32_t ga_snap_index_tail(const ga_snap_index *ix, uint32_t arc) { return tail_of(ix->g, arc); }

size_t ga_snap_index_bytes(const ga_snap_index *ix) {
    return sizeof *ix +
           (size_t)(ix->ncols * ix->nrows + 1) * sizeof(uint32_t) + ix->n_entries * sizeof(entry);
}

/* Squared distance from (x, y) to segment (x0, y0)-(x1, y1); *u = position
 * along it (0..1). */
static inline double seg_d2(double x0, double y0, double x1, double y1, double x, double y,
                            double *u) {
    double dx = x1 - x0, dy = y1 - y0;
    double l2 = dx * dx + dy * dy;
    double t = l2 > 0 ? ((x - x0) * dx + (y - y0) * dy) / l2 : 0;
    if (t < 0) t = 0;
    if (t > 1) t = 1;
    double px = x0 + t * dx - x, py = y0 + t * dy - y;
    *u = t;
    return px * px + py * py;
}

void ga_snap_index_nearest(const ga_snap_index *ix, double x, double y, double max_dist,
                           ga_snap *out) {
    memset(out, 0, sizeof *out);
    out->arc = GA_NODE_NONE;
    if (ix->n_seg == 0 || !isfinite(x) || !isfinite(y)) return;
    const ga_graph *g = ix->g;
    double cell = ix->cell;
    double maxx = ix->minx + (double)ix->ncols * cell, maxy = ix->miny + (double)ix->nrows * cell;
    /* quick reject: further than max_dist from the grid's box */
    double ox = fmax(fmax(ix->minx - x, x - maxx), 0), oy = fmax(fmax(ix->miny - y, y - maxy), 0);
    if (ox * ox + oy * oy > max_dist * max_dist) return;
    int64_t cx = cell_of(x, ix->minx, cell), cy = cell_of(y, ix->miny, cell);
    double best = INFINITY, best_u = 0;
    uint64_t best_key = UINT64_MAX;
    entry best_e = {GA_NODE_NONE, 0};
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
                    entry e = ix->cell_seg[q];
                    double x0, y0, x1, y1, u;
                    entry_ends(g, e, &x0, &y0, &x1, &y1);
                    double d2 = seg_d2(x0, y0, x1, y1, x, y, &u);
                    if (d2 < best || (d2 == best && entry_key(e) < best_key)) {
                        best = d2;
                        best_key = entry_key(e);
                        best_e = e;
                        best_u = u;
                    }
                }
            }
        }
        /* every segment not yet seen is at least r cells away */
        double reach = (double)r * cell;
        if (best <= reach * reach || reach > max_dist) break;
    }
    if (best_key == UINT64_MAX || best > max_dist * max_dist) return;
    double x0, y0, x1, y1;
    entry_ends(g, best_e, &x0, &y0, &x1, &y1);
    out->snapped = true;
    out->distance_m = sqrt(best);
    out->x = x0 + best_u * (x1 - x0);
    out->y = y0 + best_u * (y1 - y0);
    uint32_t a = best_e.arc;
    out->arc = a;
    /* the arc's length and the length before the segment, summed in the
     * same order as the polyline's vertices */
    uint32_t nk = g->geom_first[a + 1] - g->geom_first[a];
    uint32_t ks = best_e.k & FIRST ? 0 : best_e.k;
    uint32_t tail = best_e.k & FIRST ? best_e.k & ~FIRST : tail_of(g, a);
    double len = 0, cum = 0, px, py;
    arc_vertex(g, tail, a, 0, nk, &px, &py);
    for (uint32_t k = 1; k <= nk + 1; k++) {
        double qx, qy;
        arc_vertex(g, tail, a, k, nk, &qx, &qy);
        if (k - 1 == ks) cum = len;
        len += hypot(qx - px, qy - py);
        px = qx;
        py = qy;
    }
    double along = cum + best_u * hypot(x1 - x0, y1 - y0);
    double f = len > 0 ? along / len : 0;
    out->fraction = f < 0 ? 0 : f > 1 ? 1 : f;
}
