/* SYNTHETIC communes for the report's tests (test_write_report,
 * test_study_digest): three 1 km squares A, B, C (codes 34001-34003) whose
 * centres are 0, 5 and 14 km east of A's, in Lambert-93, with names that
 * hold < & ' " and accents (a UTF-8 .cpg). */
#ifndef GA_TEST_SYNTHETIC_SQUARES_H
#define GA_TEST_SYNTHETIC_SQUARES_H

#include <shapefil.h>
#include <proj.h>
#include "test_util.h"

static const double X0 = 700000, Y0 = 6280000;

static const char *const names[] = {"L'Étang <b>& Cie</b>", "Saint-Guilhem-le-Désert", "A \"quoted\" </script>"};

static inline void write_squares(const char *base) {
    static const char *const codes[] = {"34001", "34002", "34003"};
    static const double dx[] = {0, 5000, 14000};
    SHPHandle shp = SHPCreate(base, SHPT_POLYGON);
    DBFHandle dbf = DBFCreateEx(base, "UTF-8");
    assert_non_null(shp);
    assert_non_null(dbf);
    int f = DBFAddField(dbf, "insee", FTString, 5, 0), fn = DBFAddField(dbf, "nom", FTString, 60, 0);
    for (int i = 0; i < 3; i++) {
        double x0 = X0 + dx[i] - 500, y0 = Y0 - 500;
        double x[5] = {x0, x0, x0 + 1000, x0 + 1000, x0}, y[5] = {y0, y0 + 1000, y0 + 1000, y0, y0};
        SHPObject *o = SHPCreateSimpleObject(SHPT_POLYGON, 5, x, y, NULL);
        SHPWriteObject(shp, -1, o);
        SHPDestroyObject(o);
        DBFWriteStringAttribute(dbf, i, f, codes[i]);
        DBFWriteStringAttribute(dbf, i, fn, names[i]);
    }
    SHPClose(shp);
    DBFClose(dbf);
    PJ_CONTEXT *pc = proj_context_create();
    PJ *crs = proj_create(pc, "EPSG:2154");
    const char *wkt = proj_as_wkt(pc, crs, PJ_WKT1_ESRI, NULL);
    g_autofree char *prj = g_strconcat(base, ".prj", NULL);
    assert_true(g_file_set_contents(prj, wkt, -1, NULL));
    proj_destroy(crs);
    proj_context_destroy(pc);
}

/* The squares with a study: demand (1000, 1000, 3000 people), two GPs in A
 * and a maternity unit in C (BPE), an official APL, the scenario gp_in_c
 * (a GP opens in C), a PROVENANCE.txt, and study.ini using them all. */
static inline void write_synthetic_study(const char *dir) {
    g_autofree char *base = g_build_filename(dir, "communes", NULL);
    write_squares(base);
    test_put(dir, "demand.csv", "code,pop,pop_std\n34001,1000,1000\n34002,1000,1000\n34003,3000,3000\n");
    test_put(dir, "bpe.csv", "DEPCOM,TYPEQU,NB_EQUIP\n34001,D201,2\n34003,D107,1\n");
    test_put(dir, "official.csv", "insee_code,apl_mg\n34001,4.5\n34002,3\n34003,1.25\n");
    test_put(dir, "gp_in_c.ini", "[scenario]\nname=gp_in_c\ndescription=a GP <opens> in C\n\n"
                                    "[add G1]\ntype=gp\ncommune=34003\ncapacity=1\n");
    test_put(dir, "PROVENANCE.txt", "Synthetic squares\n=================\n\n"
                                      "  Licence   : Licence Ouverte / Open Licence (Etalab)\n"
                                      "              version 2.0\n  Checks    : none\n");
    test_put(dir, "study.ini",
             "[study]\nname = Synthetic\n\n[communes]\npath = communes.shp\nid = insee\n\n"
             "[demand]\npath = demand.csv\nid = code\npopulation = pop\nstd_population = pop_std\n\n"
             "[facilities]\nbpe = bpe.csv\ntypes = gp=D201, mat=D107\n\n"
             "[apl]\ntype = gp\nofficial = official.csv\n\n[nearest]\ntypes = gp, mat\nthresholds = 10\n\n"
             "[zones]\nrule = time to mat > 15\nname = far\n\n[scenarios]\nfiles = gp_in_c.ini\n");
}

#endif
