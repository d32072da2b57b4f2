/* Benchmarks of the planning measures (issue 5).
 *
 *   bench_plan --synthetic N [--facilities F] [--scenarios S] [--out DIR]
 *     on a SYNTHETIC road-like graph of about N nodes (bench/route/synthetic.c:
 *     not real data): catchment polygons per second (5 and 10 minutes to
 *     reach F facilities, one thread and all cores), and scenario runs per
 *     minute (S scenarios against a base on a SYNTHETIC grid of communes,
 *     routing shared), with peak memory.
 *
 *   bench_plan --montpellier SHARED_GEODATA --profile PROFILE.ini --out DIR
 *     on the real streets of Montpellier (Ville de Montpellier 2014) and the
 *     76 OpenStreetMap pharmacies (2013): the 5-minute driving catchments
 *     (time to reach the pharmacy), the share of the city's street nodes
 *     within 5 minutes of one, written as shapefile, GeoJSON and a PNG map.
 *     Exit 77 (skipped) when ../shared is absent.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <shapefil.h>
#include "core/internal.h"
#include "graph/graph.h"
#include "route/reach.h"
#include "route/router.h"
#include "route/synthetic.h"
#include "measure/catchment.h"

static long peak_kib(void) {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static double now_s(void) { return (double)g_get_monotonic_time() / 1e6; }

static int die(ga_ctx *ctx, const char *what) {
    fprintf(stderr, "bench_plan: %s: %s\n", what, ga_ctx_last_error(ctx));
    return 1;
}

/* SYNTHETIC communes: a grid of square cells over [x0, x0 + side] x
 * [y0, y0 + side], written as a shapefile, populations from a fixed
 * pseudo-random sequence. */
static char *write_synthetic_communes(const char *dir, double x0, double y0, double side, int k) {
    g_mkdir_with_parents(dir, 0755);
    char *base = g_build_filename(dir, "synthetic_plan_communes", NULL);
    SHPHandle shp = SHPCreate(base, SHPT_POLYGON);
    DBFHandle dbf = DBFCreateEx(base, "UTF-8");
    DBFAddField(dbf, "insee", FTString, 10, 0);
    DBFAddField(dbf, "nom", FTString, 20, 0);
    DBFAddField(dbf, "population", FTDouble, 12, 0);
    double w = side / k;
    GRand *r = g_rand_new_with_seed(42);
    for (int j = 0; j < k; j++)
        for (int i = 0; i < k; i++) {
            double a = x0 + i * w, b = y0 + j * w;
            double xs[5] = {a, a, a + w, a + w, a}, ys[5] = {b, b + w, b + w, b, b};
            SHPObject *o = SHPCreateSimpleObject(SHPT_POLYGON, 5, xs, ys, NULL);
            int id = SHPWriteObject(shp, -1, o);
            SHPDestroyObject(o);
            char code[16];
            g_snprintf(code, sizeof code, "S%05d", j * k + i);
            DBFWriteStringAttribute(dbf, id, 0, code);
            DBFWriteStringAttribute(dbf, id, 1, code);
            DBFWriteDoubleAttribute(dbf, id, 2, floor(50 + g_rand_double(r) * 5000));
        }
    g_rand_free(r);
    SHPClose(shp);
    DBFClose(dbf);
    char *prj = g_strconcat(base, ".prj", NULL);
    g_file_set_contents(prj, "PROJCS[\"RGF93_Lambert_93\",GEOGCS[\"GCS_RGF_1993\",DATUM[\"D_RGF_1993\",SPHEROID[\"GRS_1980\",6378137.0,298.257222101]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]],PROJECTION[\"Lambert_Conformal_Conic\"],PARAMETER[\"False_Easting\",700000.0],PARAMETER[\"False_Northing\",6600000.0],PARAMETER[\"Central_Meridian\",3.0],PARAMETER[\"Standard_Parallel_1\",49.0],PARAMETER[\"Standard_Parallel_2\",44.0],PARAMETER[\"Latitude_Of_Origin\",46.5],UNIT[\"Meter\",1.0]]", -1, NULL);
    g_free(prj);
    char *shp_path = g_strconcat(base, ".shp", NULL);
    g_free(base);
    return shp_path;
}

static int run_synthetic(uint32_t n_nodes, int n_fac, int n_scen, const char *out) {
    ga_ctx *ctx = ga_ctx_new();
    const double x0 = 700000, y0 = 6500000;
    double t0 = now_s();
    ga_graph *g = NULL;
    if (ga_bench_synthetic_graph(ctx, n_nodes, 1, x0, y0, &g)) return die(ctx, "synthetic graph");
    double side = 100.0 * ceil(sqrt((double)n_nodes));
    printf("SYNTHETIC graph (bench/route/synthetic.c, not real data): %u nodes, %u arcs, %.0f x %.0f km, built in %.1f s\n",
           g->n_nodes, g->n_arcs, side / 1000, side / 1000, now_s() - t0);
    ga_road_options ro;
    ga_road_options_init(&ro);
    ga_router *r = NULL;
    if (ga_router_new(ctx, g, &ro, &r)) return die(ctx, "router");
    ga_points *fac = ga_points_new();
    GRand *rnd = g_rand_new_with_seed(7);
    for (int k = 0; k < n_fac; k++) {
        char id[16];
        g_snprintf(id, sizeof id, "F%d", k);
        ga_points_add(fac, id, x0 + g_rand_double_range(rnd, 0.05, 0.95) * side,
                      y0 + g_rand_double_range(rnd, 0.05, 0.95) * side, "gp", 1 + g_rand_int_range(rnd, 0, 4));
    }
    const double thr[] = {5, 10};
    int threads[2] = {1, (int)g_get_num_processors()};
    for (int t = 0; t < 2; t++) {
        ga_catchment_options o;
        ga_catchment_options_init(&o);
        o.threads = threads[t];
        ga_catchments *c = NULL;
        double a = now_s();
        if (ga_catchments_road(ctx, r, fac, thr, 2, &o, &c)) return die(ctx, "catchments");
        double dt = now_s() - a;
        size_t nodes = 0;
        double area = 0;
        for (size_t i = 0; i < ga_catchments_count(c); i++) {
            nodes += ga_catchments_nodes(c, i);
            area += ga_catchments_area(c, i);
        }
        printf("catchments: %zu polygons (%d facilities x 5 and 10 min, to reach them, 100 m band), %d thread%s: "
               "%.2f s, %.1f polygons/s; mean %.0f nodes reached, mean %.1f km2\n",
               ga_catchments_count(c), n_fac, threads[t], threads[t] > 1 ? "s" : "", dt,
               (double)ga_catchments_count(c) / dt, (double)nodes / (double)ga_catchments_count(c),
               area / 1e6 / (double)ga_catchments_count(c));
        ga_catchments_free(c);
    }
    /* scenarios: SYNTHETIC communes of 2.5 km, the same facilities as GPs
     * plus a few emergency units */
    int k = (int)(side / 2500);
    char *cpath = write_synthetic_communes(out, x0, y0, side, k);
    ga_communes *com = NULL;
    fflush(stdout);
    if (ga_communes_read(ctx, cpath, NULL, &com)) return die(ctx, "synthetic communes");
    size_t nc = ga_communes_count(com);
    double *pop = g_new(double, nc);
    for (size_t i = 0; i < nc; i++) pop[i] = ga_communes_population(com, i);
    for (int q = 0; q < n_fac / 10; q++) {
        char id[16];
        g_snprintf(id, sizeof id, "U%d", q);
        ga_points_add(fac, id, x0 + g_rand_double_range(rnd, 0.05, 0.95) * side,
                      y0 + g_rand_double_range(rnd, 0.05, 0.95) * side, "urg", 1);
    }
    if (ga_points_assign_communes(ctx, fac, com, true)) return die(ctx, "assign");
    GPtrArray *sc = g_ptr_array_new_with_free_func((GDestroyNotify)ga_scenario_free);
    for (int s = 0; s < n_scen; s++) {
        char name[32], id[32];
        g_snprintf(name, sizeof name, "s%d", s);
        ga_scenario *x = ga_scenario_new(name);
        g_snprintf(id, sizeof id, "new-%d", s);
        ga_scenario_add(x, id, s % 3 ? "gp" : "urg", NULL, x0 + g_rand_double_range(rnd, 0.05, 0.95) * side,
                        y0 + g_rand_double_range(rnd, 0.05, 0.95) * side, 2);
        g_snprintf(id, sizeof id, "F%d", s % n_fac);
        ga_scenario_remove(x, id);
        g_ptr_array_add(sc, x);
    }
    ga_cost_model *model = NULL;
    if (ga_road_model_new(ctx, g, &ro, &model)) return die(ctx, "road model");
    const char *types[] = {"gp", "urg"};
    ga_scenario_inputs in = {.communes = com, .population = pop, .facilities = fac, .types = types,
                             .n_types = 2, .threshold = 10, .apl_type = "gp", .acts_per_unit = 5400};
    ga_scenario_run *run = NULL;
    double a = now_s();
    if (ga_scenarios_run(ctx, model, &in, (ga_scenario *const *)sc->pdata, sc->len, &run)) return die(ctx, "scenarios");
    double dt = now_s() - a;
    printf("scenarios: base + %d scenarios on %zu SYNTHETIC communes, %zu facilities in the union "
           "(commune -> facility and commune -> commune tables once): %.2f s in all "
           "(routing %.2f s, scenarios %.3f s): %.0f scenario runs per minute\n",
           n_scen, nc, ga_points_count(run->facilities), dt, run->seconds_routing, run->seconds_scenarios,
           60.0 * n_scen / dt);
    ga_scenario_run_free(run);
    /* the same without sharing: one full run (routing included) per scenario */
    a = now_s();
    int n_alone = MIN(n_scen, 3);
    for (int s = 0; s < n_alone; s++) {
        ga_scenario *one = sc->pdata[s];
        if (ga_scenarios_run(ctx, model, &in, &one, 1, &run)) return die(ctx, "scenario alone");
        ga_scenario_run_free(run);
    }
    dt = (now_s() - a) / n_alone;
    printf("scenarios without sharing (routing redone for each): %.2f s each: %.1f scenario runs per minute\n", dt,
           60.0 / dt);
    printf("peak memory: %.0f MiB\n", peak_kib() / 1024.0);
    g_ptr_array_free(sc, TRUE);
    ga_cost_model_free(model);
    g_free(pop);
    ga_communes_free(com);
    g_free(cpath);
    g_rand_free(rnd);
    ga_points_free(fac);
    ga_router_free(r);
    ga_graph_free(g);
    ga_ctx_free(ctx);
    return 0;
}

/* The OpenStreetMap pharmacies of Montpellier from the GeoJSON (points in
 * WGS 84), ids from their osm_id properties in file order. */
static ga_status read_pharmacies(ga_ctx *ctx, const char *path, ga_points **out) {
    g_autofree char *text = NULL;
    if (!g_file_get_contents(path, &text, NULL, NULL)) return ga_fail(ctx, GA_ERR_IO, "%s: cannot read", path);
    GEOSGeoJSONReader *rd = GEOSGeoJSONReader_create_r(ctx->geos);
    GEOSGeometry *coll = GEOSGeoJSONReader_readGeometry_r(ctx->geos, rd, text);
    GEOSGeoJSONReader_destroy_r(ctx->geos, rd);
    if (!coll) return ga_fail(ctx, GA_ERR_FORMAT, "%s: not GeoJSON: %s", path, ga_geos_message(ctx));
    GRegex *re = g_regex_new("\"osm_id\":\\s*([0-9]+)", 0, 0, NULL);
    GMatchInfo *mi = NULL;
    g_regex_match(re, text, 0, &mi);
    int n = GEOSGetNumGeometries_r(ctx->geos, coll);
    double *x = g_new(double, n), *y = g_new(double, n);
    char **ids = g_new0(char *, n + 1);
    for (int i = 0; i < n; i++) {
        const GEOSGeometry *p = GEOSGetGeometryN_r(ctx->geos, coll, i);
        GEOSGeomGetX_r(ctx->geos, p, &x[i]);
        GEOSGeomGetY_r(ctx->geos, p, &y[i]);
        ids[i] = g_match_info_matches(mi) ? g_match_info_fetch(mi, 1) : g_strdup_printf("pharmacy-%d", i + 1);
        if (g_match_info_matches(mi)) g_match_info_next(mi, NULL);
    }
    g_match_info_free(mi);
    g_regex_unref(re);
    GEOSGeom_destroy_r(ctx->geos, coll);
    ga_status st = ga_transform_to_working(ctx, "EPSG:4326", x, y, (size_t)n);
    if (!st) {
        *out = ga_points_new();
        for (int i = 0; i < n; i++) ga_points_add(*out, ids[i], x[i], y[i], "pharm", 1);
    }
    g_strfreev(ids);
    g_free(x);
    g_free(y);
    return st;
}

static int run_montpellier(const char *shared, const char *profile, const char *out) {
    g_autofree char *streets = g_build_filename(shared, "montpellier", "streets_2014", "montpellier_voies_l93.shp", NULL);
    g_autofree char *pharm = g_build_filename(shared, "montpellier", "pharmacies_osm_2013", "OSM_MTP_Pharmacie.geojson", NULL);
    if (!g_file_test(streets, G_FILE_TEST_EXISTS) || !g_file_test(pharm, G_FILE_TEST_EXISTS)) {
        printf("SKIP: %s or %s absent\n", streets, pharm);
        return 77;
    }
    ga_ctx *ctx = ga_ctx_new();
    ga_graph_options go = {.profile = profile};
    ga_graph *g = NULL;
    double t0 = now_s();
    if (ga_graph_build_shp(ctx, streets, &go, &g, NULL)) return die(ctx, "streets");
    for (size_t w = 0; w < ga_ctx_warning_count(ctx); w++) printf("  (graph: %s)\n", ga_ctx_warning(ctx, w));
    ga_ctx_clear_warnings(ctx);
    printf("Montpellier streets (Ville de Montpellier 2014, profile %s): %u nodes, %u arcs, %.1f km of road, "
           "built in %.2f s\n", ga_graph_profile(g), g->n_nodes, g->n_arcs, ga_graph_length_km(g), now_s() - t0);
    ga_points *fac = NULL;
    if (read_pharmacies(ctx, pharm, &fac)) return die(ctx, "pharmacies");
    ga_road_options ro;
    ga_road_options_init(&ro);
    ga_router *r = NULL;
    if (ga_router_new(ctx, g, &ro, &r)) return die(ctx, "router");
    const double thr[] = {5};
    ga_catchment_options o;
    ga_catchment_options_init(&o);
    ga_catchments *c = NULL;
    double a = now_s();
    if (ga_catchments_road(ctx, r, fac, thr, 1, &o, &c)) return die(ctx, "catchments");
    double dt = now_s() - a;
    size_t valid = 0;
    for (size_t i = 0; i < ga_catchments_count(c); i++) valid += ga_catchments_valid(ctx, c, i);
    /* street nodes within 5 minutes of a pharmacy: the union of the nodes
     * each search reaches (time to reach the pharmacy, access legs
     * included, as in the tables) */
    uint8_t *within = g_new0(uint8_t, g->n_nodes);
    ga_reach *q = ga_reach_new(r);
    GArray *nodes = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    size_t unsnapped = 0;
    for (size_t j = 0; j < ga_points_count(fac); j++) {
        double x, y;
        ga_points_xy(fac, j, &x, &y);
        if (ga_reach_run(q, ctx, x, y, GA_METRIC_TIME, 5, true)) {
            unsnapped++;
            continue;
        }
        g_array_set_size(nodes, 0);
        ga_reach_nodes(q, 5, nodes);
        for (guint k = 0; k < nodes->len; k++) within[g_array_index(nodes, uint32_t, k)] = 1;
    }
    size_t nw = 0;
    for (uint32_t v = 0; v < g->n_nodes; v++) nw += within[v];
    /* cross-check with the router's own point-to-nodes search */
    {
        double *cost = g_new(double, g->n_nodes);
        uint8_t *w2 = g_new0(uint8_t, g->n_nodes);
        for (size_t j = 0; j < ga_points_count(fac); j++) {
            double x, y;
            ga_points_xy(fac, j, &x, &y);
            if (ga_router_point_to_nodes(r, ctx, x, y, GA_METRIC_TIME, 5, true, cost)) continue;
            for (uint32_t v = 0; v < g->n_nodes; v++) w2[v] |= cost[v] <= 5;
        }
        size_t diff = 0;
        for (uint32_t v = 0; v < g->n_nodes; v++) diff += w2[v] != within[v];
        printf("  cross-check with ga_router_point_to_nodes: %zu node(s) differ\n", diff);
        g_free(cost);
        g_free(w2);
    }
    /* the same from the catchment polygons: nodes inside their union */
    GEOSGeometry **parts = g_new(GEOSGeometry *, ga_catchments_count(c));
    for (size_t i = 0; i < ga_catchments_count(c); i++)
        parts[i] = GEOSGeom_clone_r(ctx->geos, ga_catchments_geometry(c, i));
    GEOSGeometry *coll = GEOSGeom_createCollection_r(ctx->geos, GEOS_GEOMETRYCOLLECTION, parts,
                                                     (unsigned)ga_catchments_count(c));
    GEOSGeometry *u = GEOSUnaryUnion_r(ctx->geos, coll);
    const GEOSPreparedGeometry *pu = GEOSPrepare_r(ctx->geos, u);
    size_t in_poly = 0;
    for (uint32_t v = 0; v < g->n_nodes; v++) {
        GEOSGeometry *p = GEOSGeom_createPointFromXY_r(ctx->geos, g->x_cm[v] / 100.0, g->y_cm[v] / 100.0);
        in_poly += GEOSPreparedCovers_r(ctx->geos, pu, p) == 1;
        GEOSGeom_destroy_r(ctx->geos, p);
    }
    double union_area = 0;
    GEOSArea_r(ctx->geos, u, &union_area);
    GEOSPreparedGeom_destroy_r(ctx->geos, pu);
    GEOSGeom_destroy_r(ctx->geos, u);
    GEOSGeom_destroy_r(ctx->geos, coll);
    g_free(parts);
    printf("pharmacies (OpenStreetMap 2013): %zu; catchments: 5 minutes by car to reach the pharmacy "
           "(30 km/h streets, 20 km/h access leg), roads reached buffered by %g m\n",
           ga_points_count(fac), o.buffer_m);
    printf("  %zu polygons in %.3f s (%.0f polygons/s), %zu valid; union %.2f km2\n", ga_catchments_count(c), dt,
           (double)ga_catchments_count(c) / dt, valid, union_area / 1e6);
    printf("  street nodes within 5 minutes of a pharmacy: %zu of %u (%.1f%%) by the searches; "
           "%zu (%.1f%%) inside the polygons' union (the 100 m band adds nodes near reached roads)\n",
           nw, g->n_nodes, 100.0 * (double)nw / g->n_nodes, in_poly, 100.0 * (double)in_poly / g->n_nodes);
    g_mkdir_with_parents(out, 0755);
    g_autofree char *shp = g_build_filename(out, "montpellier_pharmacies_5min.shp", NULL);
    g_autofree char *json = g_build_filename(out, "montpellier_pharmacies_5min.geojson", NULL);
    g_autofree char *png = g_build_filename(out, "montpellier_pharmacies_5min.png", NULL);
    g_autofree char *sub = g_strdup_printf("%zu OSM pharmacies (2013) on the Ville de Montpellier streets (2014); "
                                           "%.1f%% of the %u street nodes within 5 min", ga_points_count(fac),
                                           100.0 * (double)nw / g->n_nodes, g->n_nodes);
    if (ga_catchments_write_shp(ctx, c, fac, NULL, NULL, shp) ||
        ga_catchments_write_geojson(ctx, c, fac, NULL, NULL, json) ||
        ga_catchments_map_png(ctx, c, g, NULL, fac, "Montpellier: 5-minute driving catchments of the pharmacies", sub,
                              1400, png))
        return die(ctx, "writing");
    printf("  written: %s, %s, %s\n", shp, json, png);
    printf("peak memory: %.0f MiB\n", peak_kib() / 1024.0);
    (void)unsnapped;
    g_array_free(nodes, TRUE);
    ga_reach_free(q);
    g_free(within);
    ga_catchments_free(c);
    ga_points_free(fac);
    ga_router_free(r);
    ga_graph_free(g);
    ga_ctx_free(ctx);
    return 0;
}

int main(int argc, char **argv) {
    uint32_t n = 0;
    int n_fac = 200, n_scen = 20;
    const char *shared = NULL, *profile = "car", *out = ".";
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--synthetic") && i + 1 < argc) n = (uint32_t)atol(argv[++i]);
        else if (!strcmp(argv[i], "--facilities") && i + 1 < argc) n_fac = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--scenarios") && i + 1 < argc) n_scen = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--montpellier") && i + 1 < argc) shared = argv[++i];
        else if (!strcmp(argv[i], "--profile") && i + 1 < argc) profile = argv[++i];
        else if (!strcmp(argv[i], "--out") && i + 1 < argc) out = argv[++i];
        else {
            fprintf(stderr, "usage: bench_plan --synthetic N [--facilities F] [--scenarios S] [--out DIR]\n"
                            "       bench_plan --montpellier SHARED_GEODATA [--profile P] [--out DIR]\n");
            return 2;
        }
    }
    if (shared) return run_montpellier(shared, profile, out);
    if (n) return run_synthetic(n, n_fac, n_scen, out);
    fprintf(stderr, "bench_plan: give --synthetic N or --montpellier DIR\n");
    return 2;
}
