/* Road shapefile reader (shapelib through engine/load): polylines whose
 * fields map, through a ga_shp_mapping, to a road class (hence a speed), a
 * direction and optionally a speed of their own.
 *
 * Topology: every vertex is a node; vertices of different lines are the same
 * node when their coordinates (in the graph CRS) are closer than the snapping
 * tolerance (default GA_GRAPH_DEFAULT_SNAP_TOLERANCE_M, 1 cm: real street
 * files have line ends a fraction of a millimetre apart that are meant to
 * meet), or equal when the tolerance is negative. Grid hash with cells of the
 * tolerance: a vertex joins the nearest earlier node within the tolerance, so
 * the result does not depend on the grid's alignment beyond that. This joins
 * line ends with line ends and with the vertices inside other lines; lines
 * that cross without a vertex there (bridges, tunnels) stay apart, and so
 * does a line ending on the middle of a segment of another. The joins at a
 * non-zero distance between different lines are counted
 * (ga_graph_build_info.joined_vertices). The builder then contracts the
 * chains of degree-2 vertices.
 */
#include <math.h>
#include <string.h>
#include "core/alloc.h"
#include "core/internal.h"
#include "load/load.h"
#include "graph/builder.h"
#include "graph/crs.h"
#include "graph/graph_build.h"
#include "graph/graphfile.h"
#include "graph/profile.h"

typedef struct {
    uint32_t first, n; /* vertices */
    float speed_kmh;
    uint8_t dir;
    int rec;           /* shapefile record (0-based) */
} part_rec;

/* ---- vertex snapping ---- */

typedef struct {
    double cell;        /* grid cell, metres */
    double tol2;        /* squared tolerance; < 0: exact equality */
    GHashTable *grid;   /* cell key -> head node id + 1 */
    GArray *next;       /* uint32_t: next node in the same cell, or NONE */
    ga_graph_builder *b;
    GArray *nx, *ny;    /* node coordinates */
    GArray *owner;      /* uint32_t: the line part that made the node */
    uint64_t joined;    /* vertices joined to another line's node at d > 0 */
} snapper;

static guint64 cell_key(int64_t cx, int64_t cy) {
    return ((guint64)(uint32_t)(int32_t)cx << 32) | (guint64)(uint32_t)(int32_t)cy;
}

static guint key_hash(gconstpointer k) {
    guint64 v = *(const guint64 *)k;
    v ^= v >> 33;
    v *= 0xff51afd7ed558ccdULL;
    v ^= v >> 33;
    return (guint)v;
}

static gboolean key_equal(gconstpointer a, gconstpointer b) {
    return *(const guint64 *)a == *(const guint64 *)b;
}

static uint32_t snap_node(snapper *s, double x, double y, uint32_t part) {
    int64_t cx = (int64_t)floor(x / s->cell), cy = (int64_t)floor(y / s->cell);
    uint32_t best = GA_NODE_NONE;
    double best_d2 = INFINITY;
    int r = s->tol2 < 0 ? 0 : 1;
    for (int dx = -r; dx <= r; dx++)
        for (int dy = -r; dy <= r; dy++) {
            guint64 k = cell_key(cx + dx, cy + dy);
            gpointer v = g_hash_table_lookup(s->grid, &k);
            for (uint32_t id = v ? GPOINTER_TO_UINT(v) - 1 : GA_NODE_NONE; id != GA_NODE_NONE;
                 id = g_array_index(s->next, uint32_t, id)) {
                double ex = g_array_index(s->nx, double, id) - x;
                double ey = g_array_index(s->ny, double, id) - y;
                double d2 = ex * ex + ey * ey;
                bool ok = s->tol2 < 0 ? (ex == 0 && ey == 0) : d2 <= s->tol2;
                if (ok && (d2 < best_d2 || (d2 == best_d2 && id < best))) {
                    best = id;
                    best_d2 = d2;
                }
            }
        }
    if (best != GA_NODE_NONE) {
        if (best_d2 > 0 && g_array_index(s->owner, uint32_t, best) != part) s->joined++;
        return best;
    }
    guint64 *kk = ga_try_new(guint64, 1);
    if (!kk) return GA_NODE_NONE; /* out of memory */
    uint32_t id = ga_graph_builder_add_node(s->b, x, y);
    g_array_append_val(s->nx, x);
    g_array_append_val(s->ny, y);
    g_array_append_val(s->owner, part);
    guint64 k = cell_key(cx, cy);
    gpointer head = g_hash_table_lookup(s->grid, &k);
    uint32_t nxt = head ? GPOINTER_TO_UINT(head) - 1 : GA_NODE_NONE;
    g_array_append_val(s->next, nxt);
    *kk = k;
    g_hash_table_replace(s->grid, kk, GUINT_TO_POINTER(id + 1));
    return id;
}

/* ---- field mapping ---- */

static const char *detect_mapping(const ga_shapefile *s) {
    if (ga_shapefile_field(s, "fclass") >= 0) return "geofabrik";
    if (ga_shapefile_field(s, "SENS_CIRCU") >= 0) return "montpellier";
    if (ga_shapefile_field(s, "VOCATION") >= 0 && ga_shapefile_field(s, "SENS") >= 0)
        return "route500";
    if (ga_shapefile_field(s, "NATURE") >= 0 && ga_shapefile_field(s, "SENS") >= 0)
        return "bdtopo";
    return NULL;
}

typedef struct {
    int cls, dir, speed, maxspeed, access;
} field_ids;

/* Field index; a missing field is an error when `required`. */
static ga_status field(ga_ctx *ctx, const ga_shapefile *s, const ga_shp_mapping *m,
                       const char *name, bool required, int *out) {
    *out = name ? ga_shapefile_field(s, name) : -1;
    if (name && *out < 0 && required) {
        g_autofree char *list = ga_shapefile_field_list(s);
        return ga_fail(ctx, GA_ERR_FIELD, "%s: field '%s' (mapping '%s') does not exist; fields: %s",
                       s->path, name, m->name, list);
    }
    return GA_OK;
}

/* ga_shapefile_text returns NULL only when memory runs out: *nomem then */
static double num_attr(const ga_shapefile *s, int rec, int f, bool *nomem) {
    if (f < 0 || DBFIsAttributeNULL(s->dbf, rec, f)) return 0;
    g_autofree char *t = ga_shapefile_text(s, rec, f);
    if (!t) {
        *nomem = true;
        return 0;
    }
    char *end;
    double v = g_ascii_strtod(t, &end);
    return end != t && isfinite(v) ? v : 0;
}

/* Class speed and direction of record `rec`; false when not usable, or
 * when memory ran out (*nomem set: the caller fails). */
static bool eval_record(const ga_profile *p, const ga_shp_mapping *m, const ga_shapefile *s,
                        const field_ids *F, int rec, double *speed, ga_dir *dir, bool *nomem) {
    if (F->access >= 0) {
        g_autofree char *t = ga_shapefile_text(s, rec, F->access);
        if (!t) return !(*nomem = true);
        g_autofree char *v = ga_normalise_value(t);
        if (g_hash_table_contains(m->denied, v)) return false;
    }
    const char *cls = m->default_class;
    g_autofree char *cv = NULL;
    if (F->cls >= 0) {
        g_autofree char *t = ga_shapefile_text(s, rec, F->cls);
        if (!t) return !(*nomem = true);
        cv = ga_normalise_value(t);
        const char *mapped = g_hash_table_lookup(m->classes, cv);
        if (mapped) cls = mapped;
        else if (*cv && !m->default_class) cls = cv;
    }
    double v = ga_profile_speed(p, cls);
    if (v <= 0) return false;
    ga_dir d = m->default_direction;
    if (F->dir >= 0) {
        g_autofree char *t = ga_shapefile_text(s, rec, F->dir);
        if (!t) return !(*nomem = true);
        g_autofree char *dv = ga_normalise_value(t);
        gpointer x = g_hash_table_lookup(m->directions, dv);
        if (x) d = (ga_dir)(GPOINTER_TO_INT(x) - 1);
    }
    if (p->mode == GA_MODE_WALK) d = GA_DIR_BOTH;
    if (d == GA_DIR_CLOSED) return false;
    if (p->mode == GA_MODE_CAR) {
        double own = num_attr(s, rec, F->speed, nomem);
        if (own > 0 && own < 300) v = own;
        double ms = num_attr(s, rec, F->maxspeed, nomem);
        if (p->use_maxspeed && ms > 0 && ms * p->maxspeed_factor < v) v = ms * p->maxspeed_factor;
        if (*nomem) return false;
    }
    *speed = v;
    *dir = d;
    return true;
}

ga_status ga_graph_build_shp(ga_ctx *ctx, const char *path, const ga_graph_options *opts,
                             ga_graph **out, ga_graph_build_info *info) {
    static const ga_graph_options defaults = {0};
    if (!opts) opts = &defaults;
    if (!(opts->snap_tolerance_m < 1000) || isnan(opts->snap_tolerance_m))
        return ga_fail(ctx, GA_ERR_ARG, "snapping tolerance %g m: not below 1000",
                       opts->snap_tolerance_m);
    gint64 t0 = g_get_monotonic_time();
    /* a bad CRS or profile fails before the file is read */
    if (opts->crs && strcmp(opts->crs, "auto")) {
        ga_status cst = ga_graph_check_metric_crs(ctx, opts->crs);
        if (cst) return cst;
    }
    ga_profile *prof = NULL;
    ga_status st = ga_profile_load(ctx, opts->profile, &prof);
    if (st) return st;
    ga_shapefile s;
    memset(&s, 0, sizeof s);
    st = ga_shapefile_open(ctx, path, &s);
    if (st) {
        ga_profile_free(prof);
        return st;
    }
    ga_shp_mapping *own = NULL;
    GArray *vx = g_array_new(FALSE, FALSE, sizeof(double));
    GArray *vy = g_array_new(FALSE, FALSE, sizeof(double));
    GArray *parts = g_array_new(FALSE, FALSE, sizeof(part_rec));
    char *crs = NULL, *label = NULL;
    ga_graph_builder *b = NULL;
    snapper sn = {0};
    uint64_t kept_records = 0, null_shapes = 0;
    uint8_t sha[32];

    st = ga_file_sha256(ctx, s.path, sha);
    if (st) goto done;
    int base = s.shape_type % 10;
    if (base != SHPT_ARC) {
        st = ga_fail(ctx, GA_ERR_GEOMETRY, "%s: not a polyline shapefile (shape type %d)", s.path,
                     s.shape_type);
        goto done;
    }
    const ga_shp_mapping *m = prof->mapping;
    if (!m) {
        const char *name = detect_mapping(&s);
        if (!name) {
            g_autofree char *list = ga_shapefile_field_list(&s);
            st = ga_fail(ctx, GA_ERR_FIELD,
                         "%s: no known road fields (fclass, SENS_CIRCU, VOCATION+SENS, "
                         "NATURE+SENS) among: %s; describe them in a [shapefile] group of a "
                         "profile file (see geodata/profiles/montpellier.ini)",
                         s.path, list);
            goto done;
        }
        m = own = ga_shp_mapping_builtin(name);
        if (!m) {
            st = ga_nomem(ctx, s.path);
            goto done;
        }
    }
    bool custom = m == prof->mapping;
    field_ids F;
    if ((st = field(ctx, &s, m, m->class_field, true, &F.cls)) ||
        (st = field(ctx, &s, m, m->direction_field, true, &F.dir)) ||
        (st = field(ctx, &s, m, m->speed_field, custom, &F.speed)) ||
        (st = field(ctx, &s, m, m->maxspeed_field, custom, &F.maxspeed)) ||
        (st = field(ctx, &s, m, m->access_field, custom, &F.access)))
        goto done;
    const char *src = NULL;
    st = ga_shapefile_crs(ctx, &s, NULL, &src);
    if (st) goto done;

    /* read the usable lines */
    for (int rec = 0; rec < s.n_records; rec++) {
        double speed;
        ga_dir dir;
        bool nomem = false;
        if (!eval_record(prof, m, &s, &F, rec, &speed, &dir, &nomem)) {
            if (!nomem) continue;
            st = ga_nomem(ctx, s.path);
            goto done;
        }
        SHPObject *o = SHPReadObject(s.shp, rec);
        if (!o || o->nSHPType == SHPT_NULL || o->nVertices < 2) {
            null_shapes++;
            SHPDestroyObject(o);
            continue;
        }
        kept_records++;
        for (int pi = 0; pi < o->nParts; pi++) {
            int a = o->panPartStart[pi];
            int z = pi + 1 < o->nParts ? o->panPartStart[pi + 1] : o->nVertices;
            if (z - a < 2) continue;
            part_rec pr = {.first = vx->len, .n = (uint32_t)(z - a), .speed_kmh = (float)speed,
                           .dir = (uint8_t)dir, .rec = rec};
            g_array_append_vals(vx, o->padfX + a, (guint)(z - a));
            g_array_append_vals(vy, o->padfY + a, (guint)(z - a));
            g_array_append_val(parts, pr);
        }
        SHPDestroyObject(o);
        if ((rec & 1023) == 0) ga_progress(ctx, "reading lines", (uint64_t)rec, (uint64_t)s.n_records);
    }
    if (parts->len == 0) {
        st = ga_fail(ctx, GA_ERR_VALUE, "%s: no line usable by the '%s' profile (%d records)",
                     s.path, prof->name, s.n_records);
        goto done;
    }
    if (null_shapes)
        ga_warn(ctx, "%s: %llu record(s) without a usable line skipped", s.path,
                (unsigned long long)null_shapes);

    if (opts->crs && !strcmp(opts->crs, "auto")) {
        double cx = (s.min[0] + s.max[0]) / 2, cy = (s.min[1] + s.max[1]) / 2;
        st = ga_graph_transform(ctx, src, "EPSG:4326", &cx, &cy, 1, s.path);
        if (st) goto done;
        crs = ga_auto_crs(cx, cy);
    } else {
        crs = ga_try_strdup(opts->crs ? opts->crs : ga_ctx_get_working_crs(ctx));
    }
    if (!crs) {
        st = ga_nomem(ctx, s.path);
        goto done;
    }
    st = ga_graph_check_metric_crs(ctx, crs);
    if (st) goto done;
    st = ga_graph_transform(ctx, src, crs, (double *)vx->data, (double *)vy->data, vx->len, s.path);
    if (st) goto done;
    /* A graph holds centimetres in 32 bits: refuse a vertex beyond that
     * here, naming its record (the snapping grid below would overflow). */
    for (guint pi = 0; pi < parts->len; pi++) {
        const part_rec *pr = &g_array_index(parts, part_rec, pi);
        for (uint32_t j = 0; j < pr->n; j++) {
            double x = g_array_index(vx, double, pr->first + j);
            double y = g_array_index(vy, double, pr->first + j);
            if (!(fabs(x) < 2.1e7 && fabs(y) < 2.1e7)) {
                st = ga_fail(ctx, GA_ERR_CRS,
                             "%s: record %d: vertex (%g, %g) in %s lies beyond the +-21,000 km a "
                             "graph can hold (wrong coordinates or .prj?)",
                             s.path, pr->rec + 1, x, y, crs);
                goto done;
            }
        }
    }

    label = ga_graph_profile_label(prof);
    if (!label || !(b = ga_graph_builder_new(crs, label))) {
        st = ga_nomem(ctx, s.path);
        goto done;
    }
    ga_graph_builder_set_source_sha256(b, sha);
    double tol = opts->snap_tolerance_m == 0 ? GA_GRAPH_DEFAULT_SNAP_TOLERANCE_M
                                              : opts->snap_tolerance_m;
    sn = (snapper){.owner = g_array_new(FALSE, FALSE, sizeof(uint32_t)),
                   .cell = tol > 0 ? tol : 1.0, .tol2 = tol > 0 ? tol * tol : -1,
                   .grid = g_hash_table_new_full(key_hash, key_equal, g_free, NULL),
                   .next = g_array_new(FALSE, FALSE, sizeof(uint32_t)), .b = b,
                   .nx = g_array_new(FALSE, FALSE, sizeof(double)),
                   .ny = g_array_new(FALSE, FALSE, sizeof(double))};
    const double *X = (const double *)vx->data, *Y = (const double *)vy->data;
    const part_rec *P = (const part_rec *)parts->data;
    for (guint pi = 0; pi < parts->len; pi++) {
        double mps = P[pi].speed_kmh / 3.6;
        uint32_t prev = snap_node(&sn, X[P[pi].first], Y[P[pi].first], pi);
        if (prev == GA_NODE_NONE) {
            st = ga_nomem(ctx, s.path);
            goto done;
        }
        for (uint32_t j = 1; j < P[pi].n; j++) {
            uint32_t i = P[pi].first + j;
            uint32_t cur = snap_node(&sn, X[i], Y[i], pi);
            if (cur == GA_NODE_NONE) {
                st = ga_nomem(ctx, s.path);
                goto done;
            }
            if (cur == prev) continue;
            double d = hypot(X[i] - X[i - 1], Y[i] - Y[i - 1]);
            uint32_t u = prev, v = cur;
            if (P[pi].dir == GA_DIR_BACKWARD) {
                u = cur;
                v = prev;
            }
            ga_graph_builder_add_edge(b, u, v, d / mps, d, P[pi].dir != GA_DIR_BOTH, NULL, 0);
            prev = cur;
        }
    }
    gint64 t1 = g_get_monotonic_time();
    ga_progress(ctx, "building the graph", 0, 0);
    ga_graph_build_options bo = {.keep_all_components = opts->keep_all_components,
                                 .no_contraction = opts->no_contraction};
    ga_graph *g = NULL;
    st = ga_graph_builder_finish(ctx, b, &bo, &g);
    if (st) goto done;
    gint64 t2 = g_get_monotonic_time();
    if (info) {
        memset(info, 0, sizeof *info);
        info->input_ways = (uint64_t)s.n_records;
        info->kept_ways = kept_records;
        info->input_nodes = ga_graph_builder_node_count(b);
        info->joined_vertices = sn.joined;
        info->snap_tolerance_m = tol > 0 ? tol : 0;
        info->read_s = (double)(t1 - t0) / 1e6;
        info->build_s = (double)(t2 - t1) / 1e6;
    }
    *out = g;
done:
    if (sn.grid) {
        g_hash_table_destroy(sn.grid);
        g_array_free(sn.next, TRUE);
        g_array_free(sn.nx, TRUE);
        g_array_free(sn.ny, TRUE);
        g_array_free(sn.owner, TRUE);
    }
    ga_graph_builder_free(b);
    g_free(crs);
    g_free(label);
    g_array_free(vx, TRUE);
    g_array_free(vy, TRUE);
    g_array_free(parts, TRUE);
    ga_shp_mapping_free(own);
    ga_shapefile_close(&s);
    ga_profile_free(prof);
    return st;
}
