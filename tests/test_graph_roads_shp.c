/* Road shapefiles: a small network written here with shapelib (synthetic),
 * with shared vertices, a snapping tolerance, degree-2 contraction and a
 * dropped component; built-in and profile-given field mappings. */
#include "test_util.h"
#include <shapefil.h>
#include <string.h>
#include <glib/gstdio.h>
#include "core/internal.h"
#include "graph/graph.h"

/* Lambert-93 as ESRI writes it in a .prj. */
static const char *L93_WKT =
    "PROJCS[\"RGF_1993_Lambert_93\",GEOGCS[\"GCS_RGF_1993\",DATUM[\"D_RGF_1993\","
    "SPHEROID[\"GRS_1980\",6378137.0,298.257222101]],PRIMEM[\"Greenwich\",0.0],"
    "UNIT[\"Degree\",0.0174532925199433]],PROJECTION[\"Lambert_Conformal_Conic\"],"
    "PARAMETER[\"False_Easting\",700000.0],PARAMETER[\"False_Northing\",6600000.0],"
    "PARAMETER[\"Central_Meridian\",3.0],PARAMETER[\"Standard_Parallel_1\",49.0],"
    "PARAMETER[\"Standard_Parallel_2\",44.0],PARAMETER[\"Latitude_Of_Origin\",46.5],"
    "UNIT[\"Meter\",1.0]]";

/* Origin of the network in Lambert-93 (Montpellier). */
#define X0 770000.0
#define Y0 6280000.0

typedef struct {
    int n;
    double xy[4][2]; /* relative to (X0, Y0) */
    const char *sens, *occupation;
} line;

/* A(0,0) B(100,0) C(100,100) D(0,100) E(200,0) F(200,100) */
static const line network[] = {
    {2, {{0, 0}, {100, 0}}, "DOUBLE SENS", ""},                      /* L1 A-B */
    {3, {{100, 0}, {100, 50}, {100, 100}}, "DOUBLE SENS", ""},       /* L2 B-C */
    {3, {{100, 100}, {0, 100}, {0, 0}}, "DOUBLE SENS", "Circulation"}, /* L3 C-D-A */
    {2, {{100, 0}, {200, 0}}, "", ""},                               /* L4 B-E */
    {2, {{200, 0}, {200, 100}}, "SENS UNIQUE", ""},                  /* L5 E->F */
    {2, {{200, 100}, {100, 100}}, "SENS UNIQUE", ""},                /* L6 F->C */
    {2, {{0, 0}, {-100, 0}}, "INTERDIT", ""},                        /* L8 closed */
    {2, {{0, 100}, {0, 200}}, "DOUBLE SENS", "Piéton"},              /* L9 pedestrian */
    {2, {{1000, 1000}, {1100, 1000}}, "DOUBLE SENS", ""},            /* L10 island */
    {2, {{200.004, 100.003}, {300, 100}}, "DOUBLE SENS", ""},        /* L11 near F */
};

static char *tmpdir;

static char *write_network(const char *name, bool with_prj) {
    char *base = g_build_filename(tmpdir, name, NULL);
    SHPHandle shp = SHPCreate(base, SHPT_ARC);
    DBFHandle dbf = DBFCreate(base);
    assert_non_null(shp);
    assert_non_null(dbf);
    int f_sens = DBFAddField(dbf, "SENS_CIRCU", FTString, 30, 0);
    int f_occ = DBFAddField(dbf, "OCCUPATION", FTString, 30, 0);
    for (size_t i = 0; i < sizeof network / sizeof network[0]; i++) {
        double x[4], y[4];
        for (int k = 0; k < network[i].n; k++) {
            x[k] = X0 + network[i].xy[k][0];
            y[k] = Y0 + network[i].xy[k][1];
        }
        SHPObject *o = SHPCreateSimpleObject(SHPT_ARC, network[i].n, x, y, NULL);
        int rec = SHPWriteObject(shp, -1, o);
        SHPDestroyObject(o);
        DBFWriteStringAttribute(dbf, rec, f_sens, network[i].sens);
        DBFWriteStringAttribute(dbf, rec, f_occ, network[i].occupation);
    }
    SHPClose(shp);
    DBFClose(dbf);
    char *cpg = g_strconcat(base, ".cpg", NULL);
    assert_true(g_file_set_contents(cpg, "UTF-8", -1, NULL));
    g_free(cpg);
    if (with_prj) {
        char *prj = g_strconcat(base, ".prj", NULL);
        assert_true(g_file_set_contents(prj, L93_WKT, -1, NULL));
        g_free(prj);
    }
    char *shp_path = g_strconcat(base, ".shp", NULL);
    g_free(base);
    return shp_path;
}

static uint32_t node_at(const ga_graph *g, double x, double y) {
    for (uint32_t v = 0; v < g->n_nodes; v++)
        if (llabs((long long)g->x_cm[v] - llround((X0 + x) * 100)) <= 1 &&
            llabs((long long)g->y_cm[v] - llround((Y0 + y) * 100)) <= 1)
            return v;
    return GA_NODE_NONE;
}

static uint32_t arc(const ga_graph *g, uint32_t u, uint32_t v, uint32_t n_geom) {
    if (u == GA_NODE_NONE || v == GA_NODE_NONE) return UINT32_MAX;
    for (uint32_t a = g->first_out[u]; a < g->first_out[u + 1]; a++)
        if (g->head[a] == v && g->geom_first[a + 1] - g->geom_first[a] == n_geom) return a;
    return UINT32_MAX;
}

static uint32_t ds(double metres, double kmh) { return (uint32_t)nearbyint(metres / (kmh / 3.6) * 10); }

static void test_shared_vertices_contraction_components(void **state) {
    ga_ctx *ctx = *state;
    char *path = write_network("streets", true);
    ga_graph *g = NULL;
    ga_graph_build_info info;
    ga_graph_options exact = {.snap_tolerance_m = -1}; /* L11, 5 mm from F, stays apart */
    assert_ok(ctx, ga_graph_build_shp(ctx, path, &exact, &g, &info));
    assert_int_equal(info.input_ways, 10);
    assert_int_equal(info.kept_ways, 8); /* not INTERDIT, not Piéton */
    assert_string_equal(g->crs, "EPSG:2154");
    /* B (shared interior vertex of L1... end of L1, L2, L4), C and E remain;
     * A, D (two-way degree 2), F (one-way in and out) and (100,50) are
     * contracted; the island and the unsnapped L11 are dropped */
    assert_int_equal(g->n_nodes, 3);
    assert_int_equal(g->n_arcs, 7);
    assert_int_equal(g->dropped_nodes, 4);
    assert_int_equal(g->dropped_components, 2);
    assert_int_equal(ga_ctx_warning_count(ctx), 1);
    assert_non_null(strstr(ga_ctx_warning(ctx, 0), "dropped 4 node(s) in 2 component(s)"));
    ga_ctx_clear_warnings(ctx);
    uint32_t B = node_at(g, 100, 0), C = node_at(g, 100, 100), E = node_at(g, 200, 0);
    assert_int_not_equal(B, GA_NODE_NONE);
    assert_int_not_equal(C, GA_NODE_NONE);
    assert_int_not_equal(E, GA_NODE_NONE);
    assert_int_equal(node_at(g, 0, 0), GA_NODE_NONE);
    assert_int_equal(node_at(g, 200, 100), GA_NODE_NONE);
    /* contraction keeps the length: B-A-D-C is 300 m with A, D as geometry */
    uint32_t a = arc(g, B, C, 2);
    assert_int_not_equal(a, UINT32_MAX);
    assert_int_equal(g->dist_dm[a], 3000);
    assert_int_equal(g->time_ds[a], ds(300, 30));
    assert_int_equal(g->geom_x_cm[g->geom_first[a]], llround(X0 * 100));
    assert_int_equal(g->geom_y_cm[g->geom_first[a]], llround(Y0 * 100));
    assert_int_equal(g->geom_y_cm[g->geom_first[a] + 1], llround((Y0 + 100) * 100));
    uint32_t r = arc(g, C, B, 2);
    assert_int_equal(g->geom_y_cm[g->geom_first[r]], llround((Y0 + 100) * 100)); /* D first */
    /* B-C direct, through (100, 50) */
    a = arc(g, B, C, 1);
    assert_int_not_equal(a, UINT32_MAX);
    assert_int_equal(g->dist_dm[a], 1000);
    assert_int_not_equal(arc(g, C, B, 1), UINT32_MAX);
    /* L4 without SENS_CIRCU value: two-way */
    assert_int_not_equal(arc(g, B, E, 0), UINT32_MAX);
    assert_int_not_equal(arc(g, E, B, 0), UINT32_MAX);
    /* one way E -> F -> C, 100 + 100 m, F kept as geometry; no way back */
    a = arc(g, E, C, 1);
    assert_int_not_equal(a, UINT32_MAX);
    assert_int_equal(g->dist_dm[a], 2000);
    assert_int_equal(g->time_ds[a], ds(200, 30));
    assert_int_equal(arc(g, C, E, 1), UINT32_MAX);
    /* total length of the kept roads, each once: 100 + 100 + 200 + 100 + 200 */
    assert_near(ga_graph_length_km(g), 0.7, 1e-9);
    ga_graph_free(g);
    g_free(path);
}

static void test_snapping_tolerance(void **state) {
    ga_ctx *ctx = *state;
    char *path = write_network("streets_snap", true);
    ga_graph_options o = {.snap_tolerance_m = 0.01};
    ga_graph *g = NULL;
    assert_ok(ctx, ga_graph_build_shp(ctx, path, &o, &g, NULL));
    /* L11 now starts at F: F has degree 3 and L11's far end is a dead end */
    assert_int_equal(g->n_nodes, 5);
    assert_int_equal(g->n_arcs, 10);
    assert_int_equal(g->dropped_nodes, 2);
    assert_int_equal(g->dropped_components, 1);
    uint32_t F = node_at(g, 200, 100), H = node_at(g, 300, 100);
    assert_int_not_equal(F, GA_NODE_NONE);
    uint32_t a = arc(g, F, H, 0);
    assert_int_not_equal(a, UINT32_MAX);
    assert_int_equal(g->dist_dm[a], (uint32_t)nearbyint(hypot(99.996, 0.003) * 10));
    assert_int_not_equal(arc(g, H, F, 0), UINT32_MAX);
    /* a tolerance below the gap (5 mm) leaves it apart */
    ga_graph_free(g);
    ga_ctx_clear_warnings(ctx);
    o.snap_tolerance_m = 0.004;
    assert_ok(ctx, ga_graph_build_shp(ctx, path, &o, &g, NULL));
    assert_int_equal(g->n_nodes, 3);
    ga_graph_free(g);
    ga_ctx_clear_warnings(ctx);
    g_free(path);
}

static void test_walk_profile(void **state) {
    ga_ctx *ctx = *state;
    char *path = write_network("streets_walk", true);
    ga_graph_options o = {.profile = "walk", .snap_tolerance_m = -1}; /* L11 apart */
    ga_graph *g = NULL;
    assert_ok(ctx, ga_graph_build_shp(ctx, path, &o, &g, NULL));
    /* INTERDIT (closed to traffic) and Piéton lines are walked; one-way
     * streets both ways, so E and F become degree-2 nodes: A, B, C, D and
     * the two dead ends remain */
    assert_int_equal(g->n_nodes, 6);
    assert_int_equal(g->n_arcs, 14);
    assert_int_equal(node_at(g, 200, 0), GA_NODE_NONE);
    uint32_t B = node_at(g, 100, 0), C = node_at(g, 100, 100);
    uint32_t a = arc(g, C, B, 2); /* C-F-E-B, 300 m */
    assert_int_not_equal(a, UINT32_MAX);
    assert_int_equal(g->dist_dm[a], 3000);
    assert_int_equal(g->time_ds[a], ds(300, 5));
    assert_int_equal(g->geom_x_cm[g->geom_first[a]], llround((X0 + 200) * 100));
    assert_int_equal(g->geom_y_cm[g->geom_first[a]], llround((Y0 + 100) * 100));
    assert_int_not_equal(arc(g, B, C, 2), UINT32_MAX);
    assert_int_not_equal(node_at(g, -100, 0), GA_NODE_NONE);
    assert_int_not_equal(node_at(g, 0, 200), GA_NODE_NONE);
    ga_graph_free(g);
    ga_ctx_clear_warnings(ctx);
    g_free(path);
}

static void test_profile_mapping(void **state) {
    ga_ctx *ctx = *state;
    char *path = write_network("streets_prof", true);
    char *prof = g_build_filename(tmpdir, "reverse.ini", NULL);
    const char *text = "[profile]\nname=reverse\nmode=car\n"
                       "[speeds]\nurban=50\nslow=10\n"
                       "[shapefile]\nclass_field=OCCUPATION\ndefault_class=urban\n"
                       "direction_field=SENS_CIRCU\n"
                       "[shapefile.classes]\nPiéton=slow\n"
                       "[shapefile.directions]\nSENS UNIQUE=backward\nINTERDIT=closed\n";
    assert_true(g_file_set_contents(prof, text, -1, NULL));
    ga_graph_options o = {.profile = prof, .snap_tolerance_m = -1}; /* L11 apart */
    ga_graph *g = NULL;
    assert_ok(ctx, ga_graph_build_shp(ctx, path, &o, &g, NULL));
    assert_non_null(strstr(g->profile, "reverse ("));
    uint32_t C = node_at(g, 100, 100), E = node_at(g, 200, 0);
    /* one-way lines reversed: C -> F -> E only, at 50 km/h */
    uint32_t a = arc(g, C, E, 1);
    assert_int_not_equal(a, UINT32_MAX);
    assert_int_equal(g->time_ds[a], ds(200, 50));
    assert_int_equal(arc(g, E, C, 1), UINT32_MAX);
    /* the pedestrian street is now a slow street: D stays, with its dead end */
    uint32_t top = node_at(g, 0, 200);
    assert_int_not_equal(top, GA_NODE_NONE);
    ga_graph_free(g);
    ga_ctx_clear_warnings(ctx);
    /* a mapping naming a missing field */
    const char *bad = "[profile]\nname=bad\n[speeds]\nurban=50\n"
                      "[shapefile]\nclass_field=NATURE\n";
    assert_true(g_file_set_contents(prof, bad, -1, NULL));
    assert_status(ctx, ga_graph_build_shp(ctx, path, &o, &g, NULL), GA_ERR_FIELD);
    assert_error_mentions(ctx, "streets_prof.shp");
    assert_error_mentions(ctx, "field 'NATURE'");
    g_free(prof);
    g_free(path);
}

static void test_shapefile_errors(void **state) {
    ga_ctx *ctx = *state;
    ga_graph *g = NULL;
    /* no .prj */
    char *path = write_network("noprj", false);
    assert_status(ctx, ga_graph_build_shp(ctx, path, NULL, &g, NULL), GA_ERR_CRS);
    assert_error_mentions(ctx, "noprj");
    g_free(path);
    /* unknown fields */
    char *base = g_build_filename(tmpdir, "plain", NULL);
    SHPHandle shp = SHPCreate(base, SHPT_ARC);
    DBFHandle dbf = DBFCreate(base);
    DBFAddField(dbf, "NAME", FTString, 10, 0);
    double x[2] = {X0, X0 + 10}, y[2] = {Y0, Y0};
    SHPObject *o = SHPCreateSimpleObject(SHPT_ARC, 2, x, y, NULL);
    SHPWriteObject(shp, -1, o);
    SHPDestroyObject(o);
    DBFWriteStringAttribute(dbf, 0, 0, "x");
    SHPClose(shp);
    DBFClose(dbf);
    char *prj = g_strconcat(base, ".prj", NULL);
    g_file_set_contents(prj, L93_WKT, -1, NULL);
    char *shp_path = g_strconcat(base, ".shp", NULL);
    assert_status(ctx, ga_graph_build_shp(ctx, shp_path, NULL, &g, NULL), GA_ERR_FIELD);
    assert_error_mentions(ctx, "plain.shp: no known road fields");
    assert_error_mentions(ctx, "NAME");
    assert_null(g);
    g_free(prj);
    g_free(shp_path);
    g_free(base);
}

/* ---- built-in mappings: Geofabrik and BD TOPO ---- */

typedef struct {
    double x0, y0, x1, y1;
    const char *a, *b, *d; /* text fields */
    double num;            /* numeric field */
} rec4;

/* Writes 2-point lines with text fields fa, fb, (fd) and a numeric field fn. */
static char *write_fields(const char *name, const char *fa, const char *fb, const char *fn,
                          const char *fd, const rec4 *r, int n) {
    char *base = g_build_filename(tmpdir, name, NULL);
    SHPHandle shp = SHPCreate(base, SHPT_ARC);
    DBFHandle dbf = DBFCreate(base);
    int ia = DBFAddField(dbf, fa, FTString, 40, 0);
    int ib = DBFAddField(dbf, fb, FTString, 20, 0);
    int in = DBFAddField(dbf, fn, FTInteger, 6, 0);
    int id = fd ? DBFAddField(dbf, fd, FTString, 40, 0) : -1;
    for (int i = 0; i < n; i++) {
        double x[2] = {X0 + r[i].x0, X0 + r[i].x1}, y[2] = {Y0 + r[i].y0, Y0 + r[i].y1};
        SHPObject *o = SHPCreateSimpleObject(SHPT_ARC, 2, x, y, NULL);
        int k = SHPWriteObject(shp, -1, o);
        SHPDestroyObject(o);
        DBFWriteStringAttribute(dbf, k, ia, r[i].a);
        DBFWriteStringAttribute(dbf, k, ib, r[i].b);
        DBFWriteIntegerAttribute(dbf, k, in, (int)r[i].num);
        if (id >= 0) DBFWriteStringAttribute(dbf, k, id, r[i].d ? r[i].d : "");
    }
    SHPClose(shp);
    DBFClose(dbf);
    char *side = g_strconcat(base, ".prj", NULL);
    assert_true(g_file_set_contents(side, L93_WKT, -1, NULL));
    g_free(side);
    side = g_strconcat(base, ".cpg", NULL);
    assert_true(g_file_set_contents(side, "UTF-8", -1, NULL));
    g_free(side);
    char *path = g_strconcat(base, ".shp", NULL);
    g_free(base);
    return path;
}

/* Both networks: a two-way road (0,0)-(1000,0), a one-way road up to
 * (1000,1000) and a one-way road back to (0,0) digitised the other way, plus
 * lines cars may not use. (1000,1000) is contracted. */
static void check_triangle(ga_ctx *ctx, const char *path, double kmh_two_way, double up_kmh,
                           double diag_kmh) {
    ga_graph *g = NULL;
    assert_ok(ctx, ga_graph_build_shp(ctx, path, NULL, &g, NULL));
    assert_int_equal(g->n_nodes, 2);
    assert_int_equal(g->n_arcs, 3);
    uint32_t O = node_at(g, 0, 0), P = node_at(g, 1000, 0);
    uint32_t a = arc(g, O, P, 0);
    assert_int_not_equal(a, UINT32_MAX);
    assert_int_not_equal(arc(g, P, O, 0), UINT32_MAX);
    assert_int_equal(g->time_ds[a], ds(1000, kmh_two_way));
    a = arc(g, P, O, 1); /* P -> (1000,1000) -> O */
    assert_int_not_equal(a, UINT32_MAX);
    double t = 1000 / (up_kmh / 3.6) + hypot(1000, 1000) / (diag_kmh / 3.6);
    assert_int_equal(g->time_ds[a], (uint32_t)nearbyint(t * 10));
    assert_int_equal(g->dist_dm[a], (uint32_t)nearbyint((1000 + hypot(1000, 1000)) * 10));
    assert_int_equal(arc(g, O, P, 1), UINT32_MAX);
    ga_graph_free(g);
}

static void test_geofabrik_mapping(void **state) {
    ga_ctx *ctx = *state;
    const rec4 r[] = {
        {0, 0, 1000, 0, "primary", "B", NULL, 50},        /* min(70, 0.9 x 50) = 45 */
        {1000, 0, 1000, 1000, "residential", "F", NULL, 0}, /* 30 */
        {0, 0, 1000, 1000, "secondary", "T", NULL, 0},    /* 65, backwards */
        {0, 0, 0, -500, "footway", "B", NULL, 0},
        {1000, 0, 2000, 0, "track_grade2", "B", NULL, 0},
    };
    char *path = write_fields("gis_osm_roads_free_1", "fclass", "oneway", "maxspeed", NULL, r, 5);
    check_triangle(ctx, path, 45, 30, 65);
    /* walkers use the footway and the track too */
    ga_graph_options o = {.profile = "walk"};
    ga_graph *g = NULL;
    assert_ok(ctx, ga_graph_build_shp(ctx, path, &o, &g, NULL));
    assert_int_not_equal(node_at(g, 0, -500), GA_NODE_NONE);
    assert_int_not_equal(node_at(g, 2000, 0), GA_NODE_NONE);
    ga_graph_free(g);
    g_free(path);
}

static void test_bdtopo_mapping(void **state) {
    ga_ctx *ctx = *state;
    const rec4 r[] = {
        {0, 0, 1000, 0, "Route à 1 chaussée", "Double sens", "Libre", 60}, /* its own 60 */
        {1000, 0, 1000, 1000, "Route à 2 chaussées", "Sens direct", "Libre", 0}, /* primary 70 */
        {0, 0, 1000, 1000, "Bretelle", "Sens inverse", "", 90},          /* its own 90 */
        {0, 0, 0, -500, "Route à 1 chaussée", "Double sens", "Physiquement impossible", 50},
        {0, 0, -500, 0, "Sentier", "Double sens", "", 0},
    };
    char *path = write_fields("troncon_de_route", "NATURE", "SENS", "VIT_MOY_VL", "ACCES_VL", r, 5);
    check_triangle(ctx, path, 60, 70, 90);
    g_free(path);
}

static void test_route500_mapping(void **state) {
    ga_ctx *ctx = *state;
    const rec4 r[] = {
        {0, 0, 1000, 0, "Liaison locale", "Double sens", NULL, 0},       /* tertiary 55 */
        {1000, 0, 1000, 1000, "Liaison principale", "Sens unique", NULL, 0}, /* primary 70 */
        {0, 0, 1000, 1000, "Type autoroutier", "Sens inverse", NULL, 0}, /* motorway 115 */
        {0, 0, 0, -500, "Liaison régionale", "Sens interdit", NULL, 0},
    };
    char *path = write_fields("troncon_route", "VOCATION", "SENS", "NB_VOIES", NULL, r, 4);
    check_triangle(ctx, path, 55, 70, 115);
    g_free(path);
}

/* geodata/profiles/montpellier.ini spells out the built-in Montpellier
 * mapping: both give the same graph. */
static void test_montpellier_profile_file_matches_builtin(void **state) {
    ga_ctx *ctx = *state;
    char *path = write_network("streets_mtp", true);
    char *prof = g_build_filename(getenv("GA_SOURCE_ROOT"), "geodata", "profiles",
                                  "montpellier.ini", NULL);
    ga_graph *a = NULL, *b = NULL;
    assert_ok(ctx, ga_graph_build_shp(ctx, path, NULL, &a, NULL));
    ga_graph_options o = {.profile = prof};
    assert_ok(ctx, ga_graph_build_shp(ctx, path, &o, &b, NULL));
    assert_int_equal(a->n_nodes, b->n_nodes);
    assert_int_equal(a->n_arcs, b->n_arcs);
    assert_memory_equal(a->first_out, b->first_out, 4 * (a->n_nodes + 1));
    assert_memory_equal(a->head, b->head, 4 * a->n_arcs);
    assert_memory_equal(a->time_ds, b->time_ds, 4 * a->n_arcs);
    assert_memory_equal(a->dist_dm, b->dist_dm, 4 * a->n_arcs);
    ga_graph_free(a);
    ga_graph_free(b);
    ga_ctx_clear_warnings(ctx);
    g_free(prof);
    g_free(path);
}

static int setup(void **state) {
    tmpdir = test_tmpdir("graph_shp");
    *state = ga_ctx_new();
    return *state && tmpdir ? 0 : -1;
}
static int teardown(void **state) {
    ga_ctx_free(*state);
    test_rm_rf(tmpdir);
    g_free(tmpdir);
    return 0;
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shared_vertices_contraction_components),
        cmocka_unit_test(test_snapping_tolerance),
        cmocka_unit_test(test_walk_profile),
        cmocka_unit_test(test_profile_mapping),
        cmocka_unit_test(test_shapefile_errors),
        cmocka_unit_test(test_geofabrik_mapping),
        cmocka_unit_test(test_bdtopo_mapping),
        cmocka_unit_test(test_route500_mapping),
        cmocka_unit_test(test_montpellier_profile_file_matches_builtin),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
