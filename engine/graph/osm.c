/* OpenStreetMap reader: ways usable by the profile's mode become edges
 * between consecutive nodes; the builder then contracts the chains. The file
 * is read by libosmium through engine/graph/osm_reader.h.
 *
 * Two passes over the file, with bounded memory: the first keeps the usable
 * ways and their node references; the second keeps the coordinates of the
 * referenced nodes only (a sorted id array and binary search: a hash table
 * of 64-bit ids costs three times the memory), and stops once it has them
 * all (in a sorted extract, before the ways; a file in any order is read
 * whole, and the ways' blocks are not decoded in this pass).
 */
#include <errno.h>
#include <limits.h>
#include <geodesic.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "core/alloc.h"
#include "core/internal.h"
#include "graph/builder.h"
#include "graph/crs.h"
#include "graph/graph_build.h"
#include "graph/graphfile.h"
#include "graph/osm_reader.h"
#include "graph/profile.h"

ga_status ga_osm_read(ga_ctx *ctx, const char *path, const void *data, size_t size,
                      const ga_osm_handlers *h, void *user) {
    if (!data && !g_file_test(path, G_FILE_TEST_IS_REGULAR))
        return ga_fail(ctx, GA_ERR_IO, "%s: no such file", path);
    char err[512];
    int rc = ga_osm_stream(path, data, size, h, user, err, sizeof err);
    if (rc == 1) return ga_fail(ctx, GA_ERR_IO, "%s: cannot read: %s", path, err);
    if (rc == 3) return ga_nomem(ctx, "OpenStreetMap reader"); /* std::bad_alloc */
    if (rc)
        return ga_fail(ctx, GA_ERR_FORMAT,
                       "%s: damaged or unsupported OpenStreetMap file (.osm.pbf or .osm XML): %s",
                       path, err);
    return GA_OK;
}

typedef struct {
    uint32_t first, n; /* into refs */
    float speed_kmh;
    uint8_t dir;
} way_rec;

typedef struct {
    const ga_profile *profile;
    GArray *refs;  /* int64_t */
    GArray *ways;  /* way_rec */
    uint64_t n_ways;
    /* pass 2 */
    const int64_t *ids;
    size_t n_ids;
    double *lon, *lat;
    uint8_t *have;
    size_t n_found;
} osm_state;

static int on_way(void *user, int64_t id, const int64_t *node_refs, size_t n_refs,
                  const char *const *keys, const char *const *values, size_t n_tags) {
    (void)id;
    osm_state *s = (osm_state *)user;
    s->n_ways++;
    if (n_refs < 2 || n_refs > UINT32_MAX || n_tags > INT_MAX) return 0;
    double speed;
    ga_dir dir;
    if (!ga_osm_way_eval(s->profile, keys, values, (int)n_tags, &speed, &dir)) return 0;
    way_rec r = {.first = s->refs->len, .n = (uint32_t)n_refs, .speed_kmh = (float)speed,
                 .dir = (uint8_t)dir};
    g_array_append_vals(s->refs, node_refs, (guint)n_refs);
    g_array_append_val(s->ways, r);
    return 0;
}

static int cmp_i64(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

static long find_id(const int64_t *ids, size_t n, int64_t id) {
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ids[mid] < id) lo = mid + 1;
        else hi = mid;
    }
    return lo < n && ids[lo] == id ? (long)lo : -1;
}

static int on_node(void *user, int64_t id, double lon, double lat) {
    osm_state *s = (osm_state *)user;
    long i = find_id(s->ids, s->n_ids, id);
    if (i >= 0) {
        s->lon[i] = lon;
        s->lat[i] = lat;
        s->n_found += !s->have[i];
        s->have[i] = 1;
    }
    return s->n_found == s->n_ids; /* every node needed: stop reading */
}

static ga_status osm_parse(ga_ctx *ctx, const char *path, osm_state *s, bool nodes) {
    ga_osm_handlers h = {0};
    if (nodes) {
        h.node = on_node;
    } else {
        h.way = on_way;
    }
    return ga_osm_read(ctx, path, NULL, 0, &h, s);
}

char *ga_graph_profile_label(const ga_profile *p) {
    if (!strcmp(p->source, "built-in")) return ga_try_strdup(p->name);
    return ga_try_strdup_printf("%s (%s)", p->name, p->source);
}

ga_status ga_graph_build_osm(ga_ctx *ctx, const char *path, const ga_graph_options *opts,
                             ga_graph **out, ga_graph_build_info *info) {
    static const ga_graph_options defaults = {0};
    if (!opts) opts = &defaults;
    gint64 t0 = g_get_monotonic_time();
    /* a bad CRS or profile fails before the file is read */
    if (opts->crs && strcmp(opts->crs, "auto")) {
        ga_status cst = ga_graph_check_metric_crs(ctx, opts->crs);
        if (cst) return cst;
    }
    ga_profile *prof = NULL;
    ga_status st = ga_profile_load(ctx, opts->profile, &prof);
    if (st) return st;
    uint8_t sha[32];
    st = ga_file_sha256(ctx, path, sha);
    if (st) {
        ga_profile_free(prof);
        return st;
    }
    osm_state s = {.profile = prof,
                   .refs = g_array_new(FALSE, FALSE, sizeof(int64_t)),
                   .ways = g_array_new(FALSE, FALSE, sizeof(way_rec))};
    int64_t *ids = NULL;
    size_t n_ids = 0;
    double *x = NULL, *y = NULL;
    uint32_t *bid = NULL;
    char *crs = NULL, *label = NULL;
    ga_graph_builder *b = NULL;
    uint64_t missing = 0;

    ga_progress(ctx, "reading ways", 0, 0);
    st = osm_parse(ctx, path, &s, false);
    if (st) goto done;
    if (s.ways->len == 0) {
        st = ga_fail(ctx, GA_ERR_VALUE, "%s: no way usable by the '%s' profile (%llu ways read)",
                     path, prof->name, (unsigned long long)s.n_ways);
        goto done;
    }
    /* the referenced node ids, sorted and unique */
    if (!(ids = ga_try_new(int64_t, s.refs->len))) goto nomem;
    memcpy(ids, s.refs->data, sizeof(int64_t) * s.refs->len);
    qsort(ids, s.refs->len, sizeof *ids, cmp_i64);
    for (size_t i = 0; i < s.refs->len; i++)
        if (n_ids == 0 || ids[n_ids - 1] != ids[i]) ids[n_ids++] = ids[i];
    s.ids = ids;
    s.n_ids = n_ids;
    s.lon = ga_try_new(double, n_ids);
    s.lat = ga_try_new(double, n_ids);
    s.have = ga_try_new0(uint8_t, n_ids);
    if (!s.lon || !s.lat || !s.have) goto nomem;
    ga_progress(ctx, "reading nodes", 0, 0);
    st = osm_parse(ctx, path, &s, true);
    if (st) goto done;

    /* CRS: the caller's, the context's, or chosen from the extract's centre */
    double slon = 0, slat = 0;
    size_t n_have = 0;
    for (size_t i = 0; i < n_ids; i++)
        if (s.have[i]) {
            slon += s.lon[i];
            slat += s.lat[i];
            n_have++;
        }
    if (n_have == 0) {
        st = ga_fail(ctx, GA_ERR_FORMAT, "%s: none of the %zu nodes of the usable ways is in the file",
                     path, n_ids);
        goto done;
    }
    if (opts->crs && !strcmp(opts->crs, "auto"))
        crs = ga_auto_crs(slon / (double)n_have, slat / (double)n_have);
    else
        crs = ga_try_strdup(opts->crs ? opts->crs : ga_ctx_get_working_crs(ctx));
    if (!crs) goto nomem;
    st = ga_graph_check_metric_crs(ctx, crs);
    if (st) goto done;
    x = ga_try_new(double, n_have);
    y = ga_try_new(double, n_have);
    bid = ga_try_new(uint32_t, n_ids);
    if (!x || !y || !bid) goto nomem;
    for (size_t i = 0, k = 0; i < n_ids; i++) {
        bid[i] = GA_NODE_NONE;
        if (!s.have[i]) continue;
        x[k] = s.lon[i];
        y[k] = s.lat[i];
        bid[i] = (uint32_t)k++;
    }
    st = ga_graph_transform(ctx, "EPSG:4326", crs, x, y, n_have, path);
    if (st) goto done;

    label = ga_graph_profile_label(prof);
    if (!label || !(b = ga_graph_builder_new(crs, label))) goto nomem;
    ga_graph_builder_set_source_sha256(b, sha);
    for (size_t k = 0; k < n_have; k++) ga_graph_builder_add_node(b, x[k], y[k]);
    /* lengths on the ellipsoid (WGS84), independent of the projection */
    struct geod_geodesic geod;
    geod_init(&geod, 6378137.0, 1.0 / 298.257223563);
    const int64_t *refs = (const int64_t *)s.refs->data;
    const way_rec *W = (const way_rec *)s.ways->data;
    for (guint w = 0; w < s.ways->len; w++) {
        double mps = W[w].speed_kmh / 3.6;
        for (uint32_t j = 0; j + 1 < W[w].n; j++) {
            long ia = find_id(ids, n_ids, refs[W[w].first + j]);
            long ib = find_id(ids, n_ids, refs[W[w].first + j + 1]);
            if (!s.have[ia] || !s.have[ib]) {
                missing++;
                continue;
            }
            if (ia == ib) continue;
            double d;
            geod_inverse(&geod, s.lat[ia], s.lon[ia], s.lat[ib], s.lon[ib], &d, NULL, NULL);
            uint32_t u = bid[ia], v = bid[ib];
            if (W[w].dir == GA_DIR_BACKWARD) {
                uint32_t t = u;
                u = v;
                v = t;
            }
            ga_graph_builder_add_edge(b, u, v, d / mps, d, W[w].dir != GA_DIR_BOTH, NULL, 0);
        }
    }
    if (missing)
        ga_warn(ctx, "%s: %llu way segment(s) skipped: they reference nodes absent from the file",
                path, (unsigned long long)missing);
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
        info->input_ways = s.n_ways;
        info->kept_ways = s.ways->len;
        info->input_nodes = n_have;
        info->missing_nodes = n_ids - n_have;
        info->read_s = (double)(t1 - t0) / 1e6;
        info->build_s = (double)(t2 - t1) / 1e6;
    }
    *out = g;
    goto done;
nomem:
    st = ga_nomem(ctx, path);
done:
    ga_graph_builder_free(b);
    g_free(crs);
    g_free(label);
    g_free(x);
    g_free(y);
    g_free(bid);
    g_free(ids);
    g_free(s.lon);
    g_free(s.lat);
    g_free(s.have);
    g_array_free(s.refs, TRUE);
    g_array_free(s.ways, TRUE);
    ga_profile_free(prof);
    return st;
}
