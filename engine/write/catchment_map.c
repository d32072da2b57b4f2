/* A map of catchments with cairo: see ga_catchments_map in
 * include/geoaccess/catchment.h. The page and its furniture are the commune
 * maps' (write/draw.h). */
#include <math.h>
#include <string.h>
#include <cairo.h>
#include "core/alloc.h"
#include "core/internal.h"
#include "graph/graph.h"
#include "layer/communes.h"
#include "measure/catchment.h"
#include "write/draw.h"

/* ColorBrewer 9-class YlOrRd (Harrower & Brewer 2003), light to dark: the
 * catchments, over the communes' Blues. */
static const double ramp[9][3] = {
    {255, 255, 204}, {255, 237, 160}, {254, 217, 118}, {254, 178, 76}, {253, 141, 60},
    {252, 78, 42},   {227, 26, 28},   {189, 0, 38},    {128, 0, 38}};


static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Communes by their people, on a light Blues ramp under the catchments:
 * where the people are that the catchments reach. */
static const double pop_breaks[] = {500, 2000, 10000, 50000};

static void pop_colour(double p, double rgb[3]) {
    static const double blues[5][3] = {{247, 251, 255}, {222, 235, 247}, {198, 219, 239}, {158, 202, 225},
                                       {107, 174, 214}}; /* ColorBrewer Blues, its light half */
    size_t k = 0;
    while (k < 4 && p >= pop_breaks[k]) k++;
    for (int i = 0; i < 3; i++) rgb[i] = blues[k][i] / 255.0;
}

ga_status ga_catchments_map(ga_ctx *ctx, const ga_catchments *c, const ga_graph *g, const ga_communes *communes,
                            const double *pop, const ga_communes *ring, const ga_points *fac,
                            const ga_map_style *style, const char *path, ga_map_placement *placed) {
    const char *title = style->title, *subtitle = style->subtitle;
    int width_px = style->width_px;
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
    (void)width_px;
    ga_draw_page page;
    ga_status pst = ga_draw_page_open(ctx, style->format, style->width_px, path, &page);
    if (pst) {
        g_free(uni);
        g_free(thr);
        return pst;
    }
    cairo_t *cr = page.cr;
    ga_draw_box box = ga_draw_titles(cr, title, subtitle);
    double ox, oy;
    double pad = 0.03 * MAX(maxx - minx, maxy - miny);
    ga_draw_view v = ga_draw_fit(&box, minx - pad, miny - pad, maxx + pad, maxy + pad, &ox, &oy);
    v.min_step = style->format == GA_MAP_PNG ? 0.5 / page.px_per_pt : 0.5 * 72 / 150;
    cairo_save(cr);
    cairo_rectangle(cr, box.x, box.y, box.w, box.h);
    cairo_clip(cr);
    cairo_translate(cr, ox, oy);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    if (ring) {
        cairo_new_path(cr);
        for (size_t i = 0; i < ga_communes_count(ring); i++) ga_draw_polygons(h, cr, ga_communes_geometry(ring, i), &v);
        cairo_set_source_rgb(cr, 0.94, 0.94, 0.92);
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, 0.78, 0.78, 0.78);
        cairo_set_line_width(cr, 0.25);
        cairo_stroke(cr);
    }
    /* communes by their people, thin outlines, under everything */
    cairo_set_line_width(cr, 0.25);
    for (size_t i = 0; i < ncom; i++) {
        double p = pop ? pop[i] : ga_communes_population(communes, i), rgb[3];
        pop_colour(isnan(p) ? 0 : p, rgb);
        cairo_new_path(cr);
        ga_draw_polygons(h, cr, ga_communes_geometry(communes, i), &v);
        cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
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
        cairo_set_source_rgba(cr, ramp[idx][0] / 255, ramp[idx][1] / 255, ramp[idx][2] / 255, 0.55);
        cairo_fill_preserve(cr);
        cairo_set_line_width(cr, 1.0);
        cairo_set_source_rgb(cr, 0.45, 0.05, 0.05);
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
            cairo_arc(cr, px, py, 2.6, 0, 2 * G_PI);
            cairo_set_source_rgb(cr, 0.85, 0.1, 0.1);
            cairo_fill_preserve(cr);
            cairo_set_source_rgb(cr, 1, 1, 1);
            cairo_set_line_width(cr, 1.2);
            cairo_stroke(cr);
        }
    }
    if (communes && style->n_towns >= 0)
        ga_draw_town_names(cr, communes, pop, style->n_towns ? style->n_towns : 10, &v, box.x + box.w - ox,
                           box.y + box.h - oy);
    cairo_restore(cr);
    ga_draw_scale_bar(cr, box.x + 6, box.y + box.h - 8, v.scale, box.w / 4);
    ga_draw_north_arrow(cr, box.x + box.w - 14, box.y + 4);
    ga_draw_key keys[24];
    size_t nk = 0;
    for (size_t k = 0; k < nt && nk < 8; k++) {
        size_t idx = 8 - (nt > 1 ? 2 + (k * 4) / (nt - 1) : 4);
        keys[nk] = (ga_draw_key){GA_KEY_BOX, {ramp[idx][0] / 255, ramp[idx][1] / 255, ramp[idx][2] / 255}, 0.55, ""};
        ga_catchments_legend_label(c, thr[k], keys[nk].label, sizeof keys[nk].label); /* minutes, or km */
        nk++;
    }
    if (ncom)
        for (size_t k = 0; k <= 4; k++) {
            keys[nk] = (ga_draw_key){GA_KEY_BOX, {0}, 1, ""};
            pop_colour(k ? pop_breaks[k - 1] : 0, keys[nk].rgb);
            if (k == 0) g_snprintf(keys[nk].label, sizeof keys[nk].label, "under %g people", pop_breaks[0]);
            else if (k == 4) g_snprintf(keys[nk].label, sizeof keys[nk].label, "%g people or more", pop_breaks[3]);
            else g_snprintf(keys[nk].label, sizeof keys[nk].label, "%g to %g people", pop_breaks[k - 1], pop_breaks[k]);
            nk++;
        }
    if (ring) keys[nk++] = (ga_draw_key){GA_KEY_BOX, {0.94, 0.94, 0.92}, 1, "neighbouring communes"};
    if (g) keys[nk++] = (ga_draw_key){GA_KEY_LINE, {0.25, 0.25, 0.25}, 0.6, "road network"};
    if (fac) keys[nk++] = (ga_draw_key){GA_KEY_DOT, {0.85, 0.1, 0.1}, 1, "facility"};
    ga_draw_legend(cr, "catchment", keys, nk);
    ga_draw_sources(cr, style->sources);
    g_free(thr);
    if (placed) {
        double f = page.px_per_pt;
        *placed = (ga_map_placement){ox * f, (oy + v.height) * f, v.x0, v.y0, v.scale * f, {0}, 0};
    }
    return ga_draw_page_close(ctx, &page, path);
}

ga_status ga_catchments_map_png(ga_ctx *ctx, const ga_catchments *c, const ga_graph *g, const ga_communes *communes,
                                const ga_points *fac, const char *title, const char *subtitle, int width_px,
                                const char *path) {
    ga_map_style st = {.title = title, .subtitle = subtitle, .width_px = width_px};
    return ga_catchments_map(ctx, c, g, communes, NULL, NULL, fac, &st, path, NULL);
}
