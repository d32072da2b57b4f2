/* A map of catchments with cairo: see ga_catchments_map_png in
 * include/geoaccess/catchment.h. Same look as the commune maps of map.c
 * (ColorBrewer ramp, title and subtitle, legend on the right). */
#include <math.h>
#include <string.h>
#include <cairo.h>
#include "core/alloc.h"
#include "core/internal.h"
#include "graph/graph.h"
#include "layer/communes.h"
#include "measure/catchment.h"
#include "write/draw.h"

/* ColorBrewer 9-class YlGnBu (Harrower & Brewer 2003), light to dark. */
static const double ramp[9][3] = {
    {255, 255, 217}, {237, 248, 177}, {199, 233, 180}, {127, 205, 187}, {65, 182, 196},
    {29, 145, 192},  {34, 94, 168},   {37, 52, 148},   {8, 29, 88}};


static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

ga_status ga_catchments_map_png(ga_ctx *ctx, const ga_catchments *c, const ga_graph *g,
                                const ga_communes *communes, const ga_points *fac, const char *title,
                                const char *subtitle, int width_px, const char *path) {
    GEOSContextHandle_t h = ctx->geos;
    size_t n = ga_catchments_count(c);
    double minx = INFINITY, miny = INFINITY, maxx = -INFINITY, maxy = -INFINITY;
    if (g && g->n_nodes) {
        for (uint32_t v = 0; v < g->n_nodes; v++) {
            double x = g->x_cm[v] / 100.0, y = g->y_cm[v] / 100.0;
            minx = MIN(minx, x); maxx = MAX(maxx, x); miny = MIN(miny, y); maxy = MAX(maxy, y);
        }
    }
    /* communes read from points have no outline to draw */
    size_t ncom = communes && ga_communes_has_polygons(communes) ? ga_communes_count(communes) : 0;
    for (size_t i = 0; i < n + ncom; i++) {
        double a, b, cc, d;
        const GEOSGeometry *geom = i < n ? ga_catchments_geometry(c, i) : ga_communes_geometry(communes, i - n);
        if (GEOSisEmpty_r(h, geom)) continue;
        GEOSGeom_getXMin_r(h, geom, &a);
        GEOSGeom_getYMin_r(h, geom, &b);
        GEOSGeom_getXMax_r(h, geom, &cc);
        GEOSGeom_getYMax_r(h, geom, &d);
        minx = MIN(minx, a); miny = MIN(miny, b); maxx = MAX(maxx, cc); maxy = MAX(maxy, d);
    }
    if (!isfinite(minx) || !(maxx > minx) || !(maxy > miny))
        return ga_fail(ctx, GA_ERR_ARG, "%s: nothing to map", path);
    /* distinct thresholds, for the shades */
    double *thr = ga_try_new(double, n + 1);
    if (!thr) return ga_nomem(ctx, "catchment map");
    size_t nt = 0;
    for (size_t i = 0; i < n; i++) thr[nt++] = ga_catchments_threshold(c, i);
    qsort(thr, nt, sizeof *thr, cmp_double);
    size_t m = 0;
    for (size_t i = 0; i < nt; i++)
        if (!m || thr[i] != thr[m - 1]) thr[m++] = thr[i];
    nt = m;
    GEOSGeometry **uni = ga_try_new0(GEOSGeometry *, nt + 1);
    if (!uni) {
        g_free(thr);
        return ga_nomem(ctx, "catchment map");
    }
    int map_w = width_px > 0 ? width_px : 1200;
    double scale = map_w / (maxx - minx);
    int map_h = (int)ceil((maxy - miny) * scale);
    const int top = 70, legend_w = 260;
    int W = map_w + legend_w + 20, H = MAX(map_h, 200) + top + 40;
    cairo_surface_t *surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, W, H);
    cairo_t *cr = cairo_create(surf);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
    cairo_set_font_size(cr, 22);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_move_to(cr, 10, 30);
    cairo_show_text(cr, title ? title : "");
    cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, 14);
    if (subtitle) {
        cairo_move_to(cr, 10, 54);
        cairo_show_text(cr, subtitle);
    }
    cairo_save(cr);
    cairo_translate(cr, 10, top);
    cairo_rectangle(cr, 0, 0, map_w, map_h);
    cairo_clip(cr);
    ga_draw_view v = {minx, miny, scale, map_h};
    /* communes: thin outlines under everything */
    if (ncom) {
        cairo_set_source_rgb(cr, 0.65, 0.65, 0.65);
        cairo_set_line_width(cr, 0.5);
        cairo_new_path(cr);
        for (size_t i = 0; i < ncom; i++) ga_draw_polygons(h, cr, ga_communes_geometry(communes, i), &v);
        cairo_stroke(cr);
    }
    /* catchments: the union of every facility's polygon per threshold
     * (GEOSUnaryUnion_r), largest threshold first and lightest */
    for (size_t k = 0; k < nt; k++) {
        GPtrArray *parts = g_ptr_array_new();
        for (size_t i = 0; i < n; i++)
            if (ga_catchments_threshold(c, i) == thr[k])
                g_ptr_array_add(parts, GEOSGeom_clone_r(h, ga_catchments_geometry(c, i)));
        GEOSGeometry *coll = GEOSGeom_createCollection_r(h, GEOS_GEOMETRYCOLLECTION, (GEOSGeometry **)parts->pdata,
                                                         parts->len);
        g_ptr_array_free(parts, TRUE);
        uni[k] = coll ? GEOSUnaryUnion_r(h, coll) : NULL;
        if (coll) GEOSGeom_destroy_r(h, coll);
    }
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    for (size_t k = nt; k-- > 0;) {
        if (!uni[k]) continue;
        size_t idx = 8 - (nt > 1 ? 2 + (k * 4) / (nt - 1) : 4); /* ramp 2..6 */
        cairo_new_path(cr);
        ga_draw_polygons(h, cr, uni[k], &v);
        cairo_set_source_rgba(cr, ramp[idx][0] / 255, ramp[idx][1] / 255, ramp[idx][2] / 255, 0.6);
        cairo_fill_preserve(cr);
        cairo_set_line_width(cr, 1.2);
        cairo_set_source_rgb(cr, 0.03, 0.11, 0.35);
        cairo_stroke(cr);
    }
    for (size_t k = 0; k < nt; k++)
        if (uni[k]) GEOSGeom_destroy_r(h, uni[k]);
    g_free(uni);
    /* the network on top, thin grey */
    if (g) {
        cairo_set_source_rgba(cr, 0.25, 0.25, 0.25, 0.6);
        cairo_set_line_width(cr, 0.6);
        for (uint32_t u = 0; u < g->n_nodes; u++)
            for (uint32_t a = g->first_out[u]; a < g->first_out[u + 1]; a++) {
                uint32_t w = g->head[a];
                double px, py;
                ga_draw_to_px(&v, g->x_cm[u] / 100.0, g->y_cm[u] / 100.0, &px, &py);
                cairo_move_to(cr, px, py);
                for (uint32_t k = g->geom_first[a]; k < g->geom_first[a + 1]; k++) {
                    ga_draw_to_px(&v, g->geom_x_cm[k] / 100.0, g->geom_y_cm[k] / 100.0, &px, &py);
                    cairo_line_to(cr, px, py);
                }
                ga_draw_to_px(&v, g->x_cm[w] / 100.0, g->y_cm[w] / 100.0, &px, &py);
                cairo_line_to(cr, px, py);
            }
        cairo_stroke(cr);
    }
    if (fac) {
        for (size_t j = 0; j < ga_points_count(fac); j++) {
            double x, y, px, py;
            ga_points_xy(fac, j, &x, &y);
            ga_draw_to_px(&v, x, y, &px, &py);
            cairo_new_path(cr);
            cairo_arc(cr, px, py, 4, 0, 2 * G_PI);
            cairo_set_source_rgb(cr, 0.85, 0.1, 0.1);
            cairo_fill_preserve(cr);
            cairo_set_source_rgb(cr, 1, 1, 1);
            cairo_set_line_width(cr, 1.2);
            cairo_stroke(cr);
        }
    }
    cairo_restore(cr);
    /* scale bar: a round length near an eighth of the map */
    static const double steps[] = {100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000};
    double km = steps[0];
    for (size_t k = 0; k < G_N_ELEMENTS(steps); k++)
        if (steps[k] * scale <= map_w / 8.0) km = steps[k];
    double bar = km * scale;
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_line_width(cr, 3);
    cairo_move_to(cr, 20, top + map_h + 25);
    cairo_line_to(cr, 20 + bar, top + map_h + 25);
    cairo_stroke(cr);
    cairo_move_to(cr, 25 + bar, top + map_h + 30);
    char bar_label[32];
    if (km >= 1000) g_snprintf(bar_label, sizeof bar_label, "%g km", km / 1000);
    else g_snprintf(bar_label, sizeof bar_label, "%g m", km);
    cairo_show_text(cr, bar_label);
    /* legend */
    double lx = map_w + 30, ly = top + 10;
    cairo_move_to(cr, lx, ly);
    cairo_show_text(cr, "catchment");
    for (size_t k = 0; k < nt; k++) {
        size_t idx = 8 - (nt > 1 ? 2 + (k * 4) / (nt - 1) : 4);
        double y = ly + 14 + 28 * (double)k;
        cairo_rectangle(cr, lx, y, 30, 20);
        cairo_set_source_rgba(cr, ramp[idx][0] / 255, ramp[idx][1] / 255, ramp[idx][2] / 255, 0.6);
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, 0.03, 0.11, 0.35);
        cairo_set_line_width(cr, 1);
        cairo_stroke(cr);
        char label[64];
        ga_catchments_legend_label(c, thr[k], label, sizeof label); /* minutes, or km */
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_move_to(cr, lx + 40, y + 15);
        cairo_show_text(cr, label);
    }
    double y = ly + 14 + 28 * (double)nt + 10;
    if (g) {
        cairo_set_source_rgba(cr, 0.25, 0.25, 0.25, 0.6);
        cairo_set_line_width(cr, 1);
        cairo_move_to(cr, lx, y + 10);
        cairo_line_to(cr, lx + 30, y + 10);
        cairo_stroke(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_move_to(cr, lx + 40, y + 15);
        cairo_show_text(cr, "road network");
        y += 28;
    }
    if (fac) {
        cairo_arc(cr, lx + 15, y + 10, 4, 0, 2 * G_PI);
        cairo_set_source_rgb(cr, 0.85, 0.1, 0.1);
        cairo_fill(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_move_to(cr, lx + 40, y + 15);
        cairo_show_text(cr, "facility");
    }
    cairo_destroy(cr);
    g_free(thr);
    ga_status st = ga_draw_write_png(ctx, surf, path);
    cairo_surface_destroy(surf);
    return st;
}
