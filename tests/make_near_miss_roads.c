/* Writes the SYNTHETIC road shapefile synthetic_near_miss_roads.shp (not real
 * data) for tests/test_graph_roads_shp_snap.c and tests/cli_graph.sh: line ends a
 * fraction of a millimetre apart that are meant to meet, as in the Ville de
 * Montpellier's street file, and a bridge that crosses a street without a
 * shared vertex. Fields as in Montpellier's file (SENS_CIRCU, OCCUPATION),
 * Lambert-93 (.prj), coordinates relative to (770000, 6280000):
 *
 *   M1  (0,0) - (100,0) - (200,0)        a street, a vertex inside at (100,0)
 *   M2  (200.0004,0.0003) - (200,100)    starts 0.5 mm from M1's end
 *   M3  (100.0006,-0.0002) - (100,-100)  starts 0.63 mm from M1's inner vertex
 *   M4  (200,100.0009) - (0,100) - (0,0.0001)
 *                                        0.9 mm from M2's end, 0.1 mm from M1's start
 *   B1  (50,-50) - (50,50)               a bridge over M1: no vertex at (50,0)
 *
 * Usage: make_near_miss_roads OUTDIR [STAMP] */
#include <stdio.h>
#include <shapefil.h>
#include <glib.h>

#define X0 770000.0
#define Y0 6280000.0

static const char *L93_WKT =
    "PROJCS[\"RGF_1993_Lambert_93\",GEOGCS[\"GCS_RGF_1993\",DATUM[\"D_RGF_1993\","
    "SPHEROID[\"GRS_1980\",6378137.0,298.257222101]],PRIMEM[\"Greenwich\",0.0],"
    "UNIT[\"Degree\",0.0174532925199433]],PROJECTION[\"Lambert_Conformal_Conic\"],"
    "PARAMETER[\"False_Easting\",700000.0],PARAMETER[\"False_Northing\",6600000.0],"
    "PARAMETER[\"Central_Meridian\",3.0],PARAMETER[\"Standard_Parallel_1\",49.0],"
    "PARAMETER[\"Standard_Parallel_2\",44.0],PARAMETER[\"Latitude_Of_Origin\",46.5],"
    "UNIT[\"Meter\",1.0]]";

static const struct {
    int n;
    double xy[3][2];
} lines[] = {
    {3, {{0, 0}, {100, 0}, {200, 0}}},
    {2, {{200.0004, 0.0003}, {200, 100}}},
    {2, {{100.0006, -0.0002}, {100, -100}}},
    {3, {{200, 100.0009}, {0, 100}, {0, 0.0001}}},
    {2, {{50, -50}, {50, 50}}},
};

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: make_near_miss_roads OUTDIR [STAMP]\n");
        return 2;
    }
    g_mkdir_with_parents(argv[1], 0755);
    char *base = g_build_filename(argv[1], "synthetic_near_miss_roads", NULL);
    SHPHandle shp = SHPCreate(base, SHPT_ARC);
    DBFHandle dbf = DBFCreate(base);
    if (!shp || !dbf) {
        fprintf(stderr, "make_near_miss_roads: cannot create %s.shp\n", base);
        return 1;
    }
    int f_sens = DBFAddField(dbf, "SENS_CIRCU", FTString, 30, 0);
    int f_occ = DBFAddField(dbf, "OCCUPATION", FTString, 30, 0);
    for (size_t i = 0; i < G_N_ELEMENTS(lines); i++) {
        double x[3], y[3];
        for (int k = 0; k < lines[i].n; k++) {
            x[k] = X0 + lines[i].xy[k][0];
            y[k] = Y0 + lines[i].xy[k][1];
        }
        SHPObject *o = SHPCreateSimpleObject(SHPT_ARC, lines[i].n, x, y, NULL);
        int rec = SHPWriteObject(shp, -1, o);
        SHPDestroyObject(o);
        DBFWriteStringAttribute(dbf, rec, f_sens, "DOUBLE SENS");
        DBFWriteStringAttribute(dbf, rec, f_occ, "");
    }
    SHPClose(shp);
    DBFClose(dbf);
    char *prj = g_strconcat(base, ".prj", NULL);
    char *cpg = g_strconcat(base, ".cpg", NULL);
    int ok = g_file_set_contents(prj, L93_WKT, -1, NULL) && g_file_set_contents(cpg, "UTF-8", -1, NULL);
    if (ok && argc > 2) ok = g_file_set_contents(argv[2], "", 0, NULL);
    g_free(prj);
    g_free(cpg);
    g_free(base);
    return ok ? 0 : 1;
}
