/* Writes the small shapefile fixtures of the loader tests into a folder
 * (argv[1]), with shapelib. Every file is synthetic: hand-made squares in
 * Lambert-93 near Montpellier, named after what they test.
 *
 *   good/communes      4 communes: A, B squares; C with a hole; D two parts
 *   latin1/communes    same as good with ISO-8859-1 text and a .cpg saying so
 *   cp1252/communes    CP1252 text, .cpg "1252"
 *   nocpg/communes     CP1252 text and no .cpg (detected as not UTF-8)
 *   noshx, nodbf, noprj  one sidecar removed
 *   truncated/communes  .shp cut in the middle of the last record
 *   mismatch/communes   .dbf has one record fewer than the .shp
 *   nullgeom/communes   record 2 has a null shape
 *   bowtie/communes     record 2 is a self-intersecting "bow tie"
 *   degenerate/communes record 2 has a single two-point ring (empty polygon)
 *   dupcode/communes    records 1 and 3 share the code 34001
 *   badcrs/communes     the .prj is not a CRS PROJ knows
 *   wgs84/communes      the good communes in longitude/latitude (EPSG:4326)
 *   points/facilities   4 points, one outside every commune
 *   degprj/communes     longitude/latitude coordinates under a Lambert-93 .prj
 *   metreprj/communes   Lambert-93 coordinates under a WGS 84 .prj
 *   degpoints/facilities  the 4 points in longitude/latitude under a Lambert-93 .prj
 *   nopoints/facilities   a point shapefile with no record
 *   lines/roads         a line shapefile (not polygons)
 *   synthetic_grid/communes  4 squares of 10 km, 2 x 2 from (0, 0): SW "Ouest-Sud"
 *                       (pop 1000), SE "Est-Sud" (50000), NW "Ouest-Nord" (200),
 *                       NE "Est-Nord" (3000): the maps' pixel tests
 *   synthetic_ring/communes  their ring: 3 squares of 10 km east of them, from
 *                       (20, 0) to (30, 30), pop 500 each
 *   islands/roads       Geofabrik-style roads (fclass, oneway, maxspeed) in two
 *                       pieces that do not touch: a main road along y = 0.5 km
 *                       from x = 0 to 2 km (through A's and B's centres, 3
 *                       nodes) and an island along y = 0.25 km from x = 3 to
 *                       3.5 km (through D's first part, 2 nodes); C is 0.5 km
 *                       or more from both
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <shapefil.h>
#include <proj.h>

#define X0 770000.0
#define Y0 6280000.0

static const char *L93_PRJ =
    "PROJCS[\"RGF_1993_Lambert_93\",GEOGCS[\"GCS_RGF_1993\",DATUM[\"D_RGF_1993\","
    "SPHEROID[\"GRS_1980\",6378137.0,298.257222101]],PRIMEM[\"Greenwich\",0.0],"
    "UNIT[\"Degree\",0.0174532925199433]],PROJECTION[\"Lambert_Conformal_Conic\"],"
    "PARAMETER[\"False_Easting\",700000.0],PARAMETER[\"False_Northing\",6600000.0],"
    "PARAMETER[\"Central_Meridian\",3.0],PARAMETER[\"Standard_Parallel_1\",49.0],"
    "PARAMETER[\"Standard_Parallel_2\",44.0],PARAMETER[\"Latitude_Of_Origin\",46.5],"
    "UNIT[\"Meter\",1.0]]";
static const char *WGS84_PRJ =
    "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,"
    "298.257223563]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]";

static char dir[4096];

static void write_text(const char *sub, const char *name, const char *text);

/* Square communes of `side` km, lower-left corners (cx, cy) in km. */
static void write_squares(const char *sub, int n, const double *corners, double side, const char *const *codes,
                          const char *const *names, const int *pops) {
    char p[8192];
    snprintf(p, sizeof p, "%s/%s", dir, sub);
    mkdir(p, 0755);
    snprintf(p, sizeof p, "%s/%s/communes", dir, sub);
    SHPHandle shp = SHPCreate(p, SHPT_POLYGON);
    DBFHandle dbf = DBFCreateEx(p, "UTF-8");
    if (!shp || !dbf) { fprintf(stderr, "cannot create %s\n", p); exit(1); }
    DBFAddField(dbf, "insee", FTString, 5, 0);
    DBFAddField(dbf, "nom", FTString, 40, 0);
    DBFAddField(dbf, "population", FTInteger, 10, 0);
    for (int i = 0; i < n; i++) {
        double x0 = X0 + corners[2 * i] * 1000, y0 = Y0 + corners[2 * i + 1] * 1000, d = side * 1000;
        double x[5] = {x0, x0, x0 + d, x0 + d, x0}, y[5] = {y0, y0 + d, y0 + d, y0, y0}; /* clockwise */
        SHPObject *o = SHPCreateSimpleObject(SHPT_POLYGON, 5, x, y, NULL);
        SHPWriteObject(shp, -1, o);
        SHPDestroyObject(o);
        DBFWriteStringAttribute(dbf, i, 0, codes[i]);
        DBFWriteStringAttribute(dbf, i, 1, names[i]);
        DBFWriteIntegerAttribute(dbf, i, 2, pops[i]);
    }
    SHPClose(shp);
    DBFClose(dbf);
    write_text(sub, "communes.prj", L93_PRJ);
    write_text(sub, "communes.cpg", "UTF-8");
}

static void write_synthetic_grid(void) {
    static const double grid[] = {0, 0, 10, 0, 0, 10, 10, 10};
    static const char *const gcodes[] = {"99001", "99002", "99003", "99004"};
    static const char *const gnames[] = {"Ouest-Sud", "Est-Sud", "Ouest-Nord", "Est-Nord"};
    static const int gpops[] = {1000, 50000, 200, 3000};
    write_squares("synthetic_grid", 4, grid, 10, gcodes, gnames, gpops);
    static const double ring[] = {20, 0, 20, 10, 20, 20};
    static const char *const rcodes[] = {"98001", "98002", "98003"};
    static const char *const rnames[] = {"Anneau-1", "Anneau-2", "Anneau-3"};
    static const int rpops[] = {500, 500, 500};
    write_squares("synthetic_ring", 3, ring, 10, rcodes, rnames, rpops);
}

static void write_text(const char *sub, const char *name, const char *text) {
    char p[8192];
    snprintf(p, sizeof p, "%s/%s/%s", dir, sub, name);
    FILE *f = fopen(p, "wb");
    if (!f) { perror(p); exit(1); }
    fputs(text, f);
    fclose(f);
}

static void remove_file(const char *sub, const char *name) {
    char p[8192];
    snprintf(p, sizeof p, "%s/%s/%s", dir, sub, name);
    remove(p);
}

typedef struct {
    const char *code, *name_utf8, *name_8bit;
    int population;
} attrs;

static const attrs COMMUNES[] = {
    {"34001", "Abeilhan", "Abeilhan", 100},
    {"34002", "Béziers", "B\xE9ziers", 200},
    {"34003", "Sète", "S\xE8te", 300},
    {"34004", "Saint-Pons-de-Mauchiens", "Saint-Pons-de-Mauchiens", 50},
};

/* A ring as a closed list of (x, y) offsets from (X0, Y0), in km. */
static void add_ring(int *starts, int *nparts, double *x, double *y, int *nv, const double *pts, int n) {
    starts[(*nparts)++] = *nv;
    for (int i = 0; i < n; i++) {
        x[*nv] = X0 + pts[2 * i] * 1000.0;
        y[*nv] = Y0 + pts[2 * i + 1] * 1000.0;
        (*nv)++;
    }
}

/* Shells clockwise, holes counter-clockwise (shapefile rule). */
static const double SQ_A[] = {0, 0, 0, 1, 1, 1, 1, 0, 0, 0};
static const double SQ_B[] = {1, 0, 1, 1, 2, 1, 2, 0, 1, 0};
static const double SQ_C[] = {0, 1, 0, 3, 2, 3, 2, 1, 0, 1};
static const double HOLE_C[] = {0.5, 1.5, 1.5, 1.5, 1.5, 2.5, 0.5, 2.5, 0.5, 1.5};
static const double SQ_D1[] = {3, 0, 3, 0.5, 3.5, 0.5, 3.5, 0, 3, 0};
static const double SQ_D2[] = {3, 1, 3, 1.5, 3.5, 1.5, 3.5, 1, 3, 1};
/* a bow tie: edges cross at (1.5, 0.5) */
static const double BOWTIE[] = {1, 0, 2, 1, 2, 0, 1, 1, 1, 0};

/* a "ring" of two points: nothing a polygon can be made of */
static const double DEGENERATE[] = {1, 0, 2, 1};

static SHPObject *commune_shape(int i, int bowtie) {
    int starts[4], np = 0, nv = 0;
    double x[40], y[40];
    switch (i) {
    case 0: add_ring(starts, &np, x, y, &nv, SQ_A, 5); break;
    case 1:
        if (bowtie == 2) add_ring(starts, &np, x, y, &nv, DEGENERATE, 2);
        else add_ring(starts, &np, x, y, &nv, bowtie ? BOWTIE : SQ_B, 5);
        break;
    case 2:
        add_ring(starts, &np, x, y, &nv, SQ_C, 5);
        add_ring(starts, &np, x, y, &nv, HOLE_C, 5);
        break;
    default:
        add_ring(starts, &np, x, y, &nv, SQ_D1, 5);
        add_ring(starts, &np, x, y, &nv, SQ_D2, 5);
    }
    return SHPCreateObject(SHPT_POLYGON, -1, np, starts, NULL, nv, x, y, NULL, NULL);
}

typedef enum { ENC_UTF8, ENC_8BIT } encoding;

/* Writes a commune layer; variations by flags. */
static void write_communes(const char *sub, encoding enc, int n_dbf_records, int null_record,
                           int bowtie, int dup_code, const char *prj, const char *cpg, int to_wgs84) {
    char p[8192];
    snprintf(p, sizeof p, "%s/%s", dir, sub);
    mkdir(p, 0755);
    snprintf(p, sizeof p, "%s/%s/communes", dir, sub);
    SHPHandle shp = SHPCreate(p, SHPT_POLYGON);
    DBFHandle dbf = DBFCreateEx(p, enc == ENC_UTF8 ? "UTF-8" : "LDID/87");
    if (!shp || !dbf) { fprintf(stderr, "cannot create %s\n", p); exit(1); }
    DBFAddField(dbf, "insee", FTString, 5, 0);
    DBFAddField(dbf, "nom", FTString, 40, 0);
    DBFAddField(dbf, "population", FTInteger, 10, 0);
    PJ *pj = NULL;
    if (to_wgs84) {
        PJ *raw = proj_create_crs_to_crs(NULL, "EPSG:2154", "EPSG:4326", NULL);
        pj = proj_normalize_for_visualization(NULL, raw);
        proj_destroy(raw);
    }
    for (int i = 0; i < 4; i++) {
        SHPObject *o;
        if (i == null_record) {
            o = SHPCreateObject(SHPT_NULL, -1, 0, NULL, NULL, 0, NULL, NULL, NULL, NULL);
        } else {
            o = commune_shape(i, i == 1 ? bowtie : 0);
            if (pj)
                proj_trans_generic(pj, PJ_FWD, o->padfX, sizeof(double), (size_t)o->nVertices,
                                   o->padfY, sizeof(double), (size_t)o->nVertices, NULL, 0, 0, NULL, 0, 0);
            SHPComputeExtents(o);
        }
        SHPWriteObject(shp, -1, o);
        SHPDestroyObject(o);
        if (i < n_dbf_records) {
            const char *code = (dup_code && i == 2) ? COMMUNES[0].code : COMMUNES[i].code;
            DBFWriteStringAttribute(dbf, i, 0, code);
            DBFWriteStringAttribute(dbf, i, 1, enc == ENC_UTF8 ? COMMUNES[i].name_utf8 : COMMUNES[i].name_8bit);
            DBFWriteIntegerAttribute(dbf, i, 2, COMMUNES[i].population);
        }
    }
    if (pj) proj_destroy(pj);
    SHPClose(shp);
    DBFClose(dbf);
    if (prj) write_text(sub, "communes.prj", prj);
    if (cpg) write_text(sub, "communes.cpg", cpg);
}

static void truncate_file(const char *sub, const char *name, long cut) {
    char p[8192];
    snprintf(p, sizeof p, "%s/%s/%s", dir, sub, name);
    FILE *f = fopen(p, "rb");
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)size);
    if (fread(buf, 1, (size_t)size, f) != (size_t)size) exit(1);
    fclose(f);
    f = fopen(p, "wb");
    fwrite(buf, 1, (size_t)(size - cut), f);
    fclose(f);
    free(buf);
}

static void write_points_in(const char *sub, int n_points, int to_wgs84);
static void write_points(void) { write_points_in("points", 4, 0); }

static void write_points_in(const char *sub, int n_points, int to_wgs84) {
    char p[8192];
    snprintf(p, sizeof p, "%s/%s", dir, sub);
    mkdir(p, 0755);
    snprintf(p, sizeof p, "%s/%s/facilities", dir, sub);
    SHPHandle shp = SHPCreate(p, SHPT_POINT);
    DBFHandle dbf = DBFCreateEx(p, "UTF-8");
    DBFAddField(dbf, "id", FTString, 10, 0);
    DBFAddField(dbf, "kind", FTString, 10, 0);
    DBFAddField(dbf, "beds", FTInteger, 6, 0);
    /* in A, in B, in C's hole (outside every commune), in D's second part */
    const double pts[][2] = {{0.5, 0.5}, {1.5, 0.5}, {1.0, 2.0}, {3.25, 1.25}};
    const char *ids[] = {"F1", "F2", "F3", "F4"};
    PJ *pj = NULL;
    if (to_wgs84) {
        PJ *raw = proj_create_crs_to_crs(NULL, "EPSG:2154", "EPSG:4326", NULL);
        pj = proj_normalize_for_visualization(NULL, raw);
        proj_destroy(raw);
    }
    for (int i = 0; i < n_points; i++) {
        double x = X0 + pts[i][0] * 1000, y = Y0 + pts[i][1] * 1000;
        if (pj) proj_trans_generic(pj, PJ_FWD, &x, sizeof x, 1, &y, sizeof y, 1, NULL, 0, 0, NULL, 0, 0);
        SHPObject *o = SHPCreateSimpleObject(SHPT_POINT, 1, &x, &y, NULL);
        SHPWriteObject(shp, -1, o);
        SHPDestroyObject(o);
        DBFWriteStringAttribute(dbf, i, 0, ids[i]);
        DBFWriteStringAttribute(dbf, i, 1, i % 2 ? "msp" : "hospital");
        DBFWriteIntegerAttribute(dbf, i, 2, 10 * (i + 1));
    }
    if (pj) proj_destroy(pj);
    SHPClose(shp);
    DBFClose(dbf);
    write_text(sub, "facilities.prj", L93_PRJ);
}

static void write_lines(void) {
    char p[8192];
    snprintf(p, sizeof p, "%s/lines", dir);
    mkdir(p, 0755);
    snprintf(p, sizeof p, "%s/lines/roads", dir);
    SHPHandle shp = SHPCreate(p, SHPT_ARC);
    DBFHandle dbf = DBFCreateEx(p, "UTF-8");
    DBFAddField(dbf, "id", FTInteger, 6, 0);
    double x[2] = {X0, X0 + 1000}, y[2] = {Y0, Y0};
    SHPObject *o = SHPCreateSimpleObject(SHPT_ARC, 2, x, y, NULL);
    SHPWriteObject(shp, -1, o);
    SHPDestroyObject(o);
    DBFWriteIntegerAttribute(dbf, 0, 0, 1);
    SHPClose(shp);
    DBFClose(dbf);
    write_text("lines", "roads.prj", L93_PRJ);
}

static void write_islands(void) {
    char p[8192];
    snprintf(p, sizeof p, "%s/islands", dir);
    mkdir(p, 0755);
    snprintf(p, sizeof p, "%s/islands/roads", dir);
    SHPHandle shp = SHPCreate(p, SHPT_ARC);
    DBFHandle dbf = DBFCreateEx(p, "UTF-8");
    DBFAddField(dbf, "fclass", FTString, 16, 0);
    DBFAddField(dbf, "oneway", FTString, 1, 0);
    DBFAddField(dbf, "maxspeed", FTInteger, 4, 0);
    /* km: x0, y0, x1, y1 */
    const double seg[][4] = {{0, 0.5, 1, 0.5}, {1, 0.5, 2, 0.5}, {3, 0.25, 3.5, 0.25}};
    for (int i = 0; i < 3; i++) {
        double x[2] = {X0 + seg[i][0] * 1000, X0 + seg[i][2] * 1000};
        double y[2] = {Y0 + seg[i][1] * 1000, Y0 + seg[i][3] * 1000};
        SHPObject *o = SHPCreateSimpleObject(SHPT_ARC, 2, x, y, NULL);
        SHPWriteObject(shp, -1, o);
        SHPDestroyObject(o);
        DBFWriteStringAttribute(dbf, i, 0, "residential");
        DBFWriteStringAttribute(dbf, i, 1, "B");
        DBFWriteIntegerAttribute(dbf, i, 2, 0);
    }
    SHPClose(shp);
    DBFClose(dbf);
    write_text("islands", "roads.prj", L93_PRJ);
}

/* plm/communes: Paris whole (75056) and Boulogne-Billancourt (92012), 1 km
 * squares whose centres are 2 km apart (issue 9.6: tables by arrondissement). */
static void write_plm(void) {
    char sub[4200], base[4300];
    snprintf(sub, sizeof sub, "%s/plm", dir);
    mkdir(sub, 0755);
    snprintf(base, sizeof base, "%s/communes", sub);
    SHPHandle shp = SHPCreate(base, SHPT_POLYGON);
    DBFHandle dbf = DBFCreate(base);
    if (!shp || !dbf) { perror(base); exit(1); }
    int f = DBFAddField(dbf, "insee", FTString, 5, 0);
    const char *codes[] = {"75056", "92012"};
    for (int i = 0; i < 2; i++) {
        double x0 = 650000 + 2000.0 * i, y0 = 6860000;
        double x[5] = {x0, x0, x0 + 1000, x0 + 1000, x0}, y[5] = {y0, y0 + 1000, y0 + 1000, y0, y0};
        SHPObject *o = SHPCreateSimpleObject(SHPT_POLYGON, 5, x, y, NULL);
        SHPWriteObject(shp, -1, o);
        SHPDestroyObject(o);
        DBFWriteStringAttribute(dbf, i, f, codes[i]);
    }
    SHPClose(shp);
    DBFClose(dbf);
    write_text("plm", "communes.prj", L93_PRJ);
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: make_fixtures DIR STAMP\n");
        return 2;
    }
    snprintf(dir, sizeof dir, "%s", argv[1]);
    mkdir(dir, 0755);
    write_communes("good", ENC_UTF8, 4, -1, 0, 0, L93_PRJ, "UTF-8", 0);
    write_communes("latin1", ENC_8BIT, 4, -1, 0, 0, L93_PRJ, "ISO-8859-1", 0);
    write_communes("cp1252", ENC_8BIT, 4, -1, 0, 0, L93_PRJ, "1252", 0);
    write_communes("nocpg", ENC_8BIT, 4, -1, 0, 0, L93_PRJ, NULL, 0);
    write_communes("noshx", ENC_UTF8, 4, -1, 0, 0, L93_PRJ, "UTF-8", 0);
    remove_file("noshx", "communes.shx");
    write_communes("nodbf", ENC_UTF8, 4, -1, 0, 0, L93_PRJ, "UTF-8", 0);
    remove_file("nodbf", "communes.dbf");
    write_communes("noprj", ENC_UTF8, 4, -1, 0, 0, NULL, "UTF-8", 0);
    write_communes("truncated", ENC_UTF8, 4, -1, 0, 0, L93_PRJ, "UTF-8", 0);
    truncate_file("truncated", "communes.shp", 60);
    write_communes("mismatch", ENC_UTF8, 3, -1, 0, 0, L93_PRJ, "UTF-8", 0);
    write_communes("nullgeom", ENC_UTF8, 4, 1, 0, 0, L93_PRJ, "UTF-8", 0);
    write_communes("bowtie", ENC_UTF8, 4, -1, 1, 0, L93_PRJ, "UTF-8", 0);
    write_communes("degenerate", ENC_UTF8, 4, -1, 2, 0, L93_PRJ, "UTF-8", 0);
    write_communes("dupcode", ENC_UTF8, 4, -1, 0, 1, L93_PRJ, "UTF-8", 0);
    write_communes("badcrs", ENC_UTF8, 4, -1, 0, 0, "PROJCS[\"nowhere\",GEOGCS[\"nothing\"]]", "UTF-8", 0);
    write_communes("wgs84", ENC_UTF8, 4, -1, 0, 0, WGS84_PRJ, "UTF-8", 1);
    write_points();
    write_lines();
    write_communes("degprj", ENC_UTF8, 4, -1, 0, 0, L93_PRJ, "UTF-8", 1);
    write_communes("metreprj", ENC_UTF8, 4, -1, 0, 0, WGS84_PRJ, "UTF-8", 0);
    write_points_in("degpoints", 4, 1);
    write_points_in("nopoints", 0, 0);
    write_islands();
    write_plm();
    write_synthetic_grid();
    FILE *stamp = fopen(argv[2], "w");
    if (!stamp) { perror(argv[2]); return 1; }
    fputs("shapefile fixtures written\n", stamp);
    fclose(stamp);
    return 0;
}
