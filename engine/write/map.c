/* Choropleth maps of communes with cairo, written as PNG. */
#include <math.h>
#include <string.h>
#include <cairo.h>
#include "core/internal.h"
#include "layer/communes.h"
#include "write/draw.h"
#include "geoaccess/map.h"

/* ColorBrewer 9-class YlOrRd (Harrower & Brewer 2003), light to dark. */
static const double ramp[9][3] = {
    {255, 255, 204}, {255, 237, 160}, {254, 217, 118}, {254, 178, 76}, {253, 141, 60},
    {252, 78, 42},   {227, 26, 28},   {189, 0, 38},    {128, 0, 38}};

static void class_colour(size_t k, size_t n_classes, bool high_is_good, double rgb[3]) {
    /* spread the classes over the ramp; dark = bad */
    size_t idx = n_classes > 1 ? (k * 8) / (n_classes - 1) : 4;
    if (high_is_good) idx = 8 - idx;
    for (int i = 0; i < 3; i++) rgb[i] = ramp[idx][i] / 255.0;
}

static size_t class_of(double v, const double *breaks, size_t n) {
    size_t k = 0;
    while (k < n && v >= breaks[k]) k++;
    return k;
}


ga_status ga_map_communes_png(ga_ctx *ctx, const ga_communes *c, const double *values,
                              const ga_points *points, const ga_map_style *style, const char *path) {
    if (!style || !style->breaks || style->n_breaks < 1 || style->n_breaks > 8)
        return ga_fail(ctx, GA_ERR_ARG, "%s: a map needs 1 to 8 class bounds", path);
    for (size_t k = 1; k < style->n_breaks; k++)
        if (!(style->breaks[k] > style->breaks[k - 1]))
            return ga_fail(ctx, GA_ERR_ARG, "%s: class bounds must increase", path);
    if (!ga_communes_has_polygons(c))
        return ga_fail(ctx, GA_ERR_ARG, "%s: a map needs the commune polygons, %s has points only", path,
                       ga_communes_path(c));
    GEOSContextHandle_t h = ctx->geos;
    size_t n = ga_communes_count(c);
    double minx = INFINITY, miny = INFINITY, maxx = -INFINITY, maxy = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        double a, b, cc, d;
        GEOSGeom_getXMin_r(h, ga_communes_geometry(c, i), &a);
        GEOSGeom_getYMin_r(h, ga_communes_geometry(c, i), &b);
        GEOSGeom_getXMax_r(h, ga_communes_geometry(c, i), &cc);
        GEOSGeom_getYMax_r(h, ga_communes_geometry(c, i), &d);
        minx = MIN(minx, a); miny = MIN(miny, b); maxx = MAX(maxx, cc); maxy = MAX(maxy, d);
    }
    int map_w = style->width_px > 0 ? style->width_px : 1200;
    double scale = map_w / (maxx - minx);
    int map_h = (int)ceil((maxy - miny) * scale);
    const int top = 70, legend_w = 260;
    int W = map_w + legend_w + 20, H = MAX(map_h, 40 + 28 * ((int)style->n_breaks + 3)) + top + 30;
    cairo_surface_t *surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, W, H);
    cairo_t *cr = cairo_create(surf);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
    cairo_set_font_size(cr, 22);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_move_to(cr, 10, 30);
    cairo_show_text(cr, style->title ? style->title : "");
    cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, 14);
    if (style->subtitle) {
        cairo_move_to(cr, 10, 54);
        cairo_show_text(cr, style->subtitle);
    }
    size_t n_classes = style->n_breaks + 1;
    cairo_save(cr);
    cairo_translate(cr, 10, top);
    ga_draw_view v = {minx, miny, scale, map_h};
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    cairo_set_line_width(cr, 0.5);
    for (size_t i = 0; i < n; i++) {
        double rgb[3] = {0.8, 0.8, 0.8};
        if (!isnan(values[i]))
            class_colour(class_of(values[i], style->breaks, style->n_breaks), n_classes,
                         style->high_is_good, rgb);
        cairo_new_path(cr);
        ga_draw_polygons(h, cr, ga_communes_geometry(c, i), &v);
        cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, 0.4, 0.4, 0.4);
        cairo_stroke(cr);
    }
    if (points) {
        for (size_t j = 0; j < ga_points_count(points); j++) {
            double x, y;
            ga_points_xy(points, j, &x, &y);
            cairo_new_path(cr);
            cairo_arc(cr, (x - minx) * scale, map_h - (y - miny) * scale, 5, 0, 2 * G_PI);
            cairo_set_source_rgb(cr, 0.1, 0.3, 0.8);
            cairo_fill_preserve(cr);
            cairo_set_source_rgb(cr, 1, 1, 1);
            cairo_set_line_width(cr, 1.5);
            cairo_stroke(cr);
        }
    }
    cairo_restore(cr);
    /* legend */
    double lx = map_w + 30, ly = top + 10;
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_move_to(cr, lx, ly);
    cairo_show_text(cr, style->unit ? style->unit : "");
    for (size_t k = 0; k <= n_classes; k++) {
        double rgb[3] = {0.8, 0.8, 0.8};
        char label[64];
        if (k < n_classes) {
            class_colour(k, n_classes, style->high_is_good, rgb);
            if (k == 0) g_snprintf(label, sizeof label, "under %g", style->breaks[0]);
            else if (k == n_classes - 1) g_snprintf(label, sizeof label, "%g or more", style->breaks[k - 1]);
            else g_snprintf(label, sizeof label, "%g to %g", style->breaks[k - 1], style->breaks[k]);
        } else {
            g_strlcpy(label, "no value", sizeof label);
        }
        double y = ly + 14 + 28 * (double)k;
        cairo_rectangle(cr, lx, y, 30, 20);
        cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, 0.4, 0.4, 0.4);
        cairo_set_line_width(cr, 1);
        cairo_stroke(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_move_to(cr, lx + 40, y + 15);
        cairo_show_text(cr, label);
    }
    if (points) {
        double y = ly + 14 + 28 * (double)(n_classes + 1) + 10;
        cairo_arc(cr, lx + 15, y + 10, 5, 0, 2 * G_PI);
        cairo_set_source_rgb(cr, 0.1, 0.3, 0.8);
        cairo_fill(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_move_to(cr, lx + 40, y + 15);
        cairo_show_text(cr, "facility");
    }
    cairo_destroy(cr);
    ga_status st = ga_draw_write_png(ctx, surf, path);
    cairo_surface_destroy(surf);
    return st;
}
