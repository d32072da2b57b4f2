/* Hand-made layers for the catchment, zone and scenario tests: a row of
 * rectangular communes written as a shapefile with shapelib, with their
 * representative points placed where the test wants them. */
#ifndef GA_TEST_PLAN_FIXTURES_H
#define GA_TEST_PLAN_FIXTURES_H

#include <glib.h>
#include <glib/gstdio.h>
#include <shapefil.h>
#include "test_util.h"
#include "geoaccess.h"

#define PX0 700000.0
#define PY0 6600000.0

/* n communes "C0".."Cn-1": commune k is the rectangle
 * [PX0 + k w, PX0 + (k+1) w] x [PY0 - h/2, PY0 + h/2] (metres), population
 * pop[k], representative point (PX0 + px[k], PY0 + py[k]). The files go to
 * a fresh temporary folder, removed by plan_communes_cleanup. */
typedef struct {
    char *dir;
    ga_communes *c;
} plan_communes;

static inline void plan_communes_make(ga_ctx *ctx, plan_communes *out, size_t n, double w, double h,
                                      const double *pop, const double *px, const double *py) {
    out->dir = test_tmpdir("plan");
    char *base = g_build_filename(out->dir, "communes", NULL);
    SHPHandle shp = SHPCreate(base, SHPT_POLYGON);
    DBFHandle dbf = DBFCreateEx(base, "UTF-8");
    DBFAddField(dbf, "insee", FTString, 10, 0);
    DBFAddField(dbf, "nom", FTString, 20, 0);
    DBFAddField(dbf, "population", FTDouble, 12, 1);
    for (size_t k = 0; k < n; k++) {
        double x0 = PX0 + (double)k * w, x1 = x0 + w, y0 = PY0 - h / 2, y1 = PY0 + h / 2;
        double xs[5] = {x0, x0, x1, x1, x0}, ys[5] = {y0, y1, y1, y0, y0};
        SHPObject *o = SHPCreateSimpleObject(SHPT_POLYGON, 5, xs, ys, NULL);
        int id = SHPWriteObject(shp, -1, o);
        SHPDestroyObject(o);
        char code[16];
        g_snprintf(code, sizeof code, "C%zu", k);
        DBFWriteStringAttribute(dbf, id, 0, code);
        DBFWriteStringAttribute(dbf, id, 1, code);
        DBFWriteDoubleAttribute(dbf, id, 2, pop[k]);
    }
    SHPClose(shp);
    DBFClose(dbf);
    ga_communes_options o = {.assume_crs = "EPSG:2154"};
    char *path = g_strconcat(base, ".shp", NULL);
    assert_ok(ctx, ga_communes_read(ctx, path, &o, &out->c));
    GString *csv = g_string_new("id,x,y\n");
    for (size_t k = 0; k < n; k++)
        g_string_append_printf(csv, "C%zu,%.3f,%.3f\n", k, PX0 + px[k], PY0 + py[k]);
    ga_table *t = NULL;
    assert_ok(ctx, ga_table_read_buffer(ctx, "points.csv", csv->str, csv->len, &t));
    assert_ok(ctx, ga_communes_set_points(ctx, out->c, t, "id", "x", "y", NULL));
    ga_table_free(t);
    g_string_free(csv, TRUE);
    g_free(path);
    g_free(base);
}

static inline void plan_communes_cleanup(plan_communes *p) {
    ga_communes_free(p->c);
    test_rm_rf(p->dir);
    g_free(p->dir);
}

#endif
