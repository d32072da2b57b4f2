/* The catchments of one facility type of a study (study/catchment.h). */
#include <math.h>
#include "study/catchment.h"
#include "study/ring.h"
#include "geoaccess/nearest.h"
#include "layer/points.h"

/* Appends facility j's id to the list of those left out (ten at most). */
static void left_out(GString *list, size_t *count, const ga_points *fac, size_t j) {
    if ((*count)++ < 10) g_string_append_printf(list, "%s'%s'", list->len ? ", " : "", ga_points_id(fac, j));
}

/* The facilities of `fac` the router can route (transfer full); warns
 * about those left out. */
static ga_points *routable(ga_ctx *ctx, ga_router *router, const ga_cost_source_options *co, const char *type,
                           const ga_points *fac) {
    ga_points *kept = ga_points_new();
    GString *far = g_string_new(NULL), *cut = g_string_new(NULL);
    size_t n_far = 0, n_cut = 0;
    for (size_t j = 0; j < ga_points_count(fac); j++) {
        double x, y;
        ga_points_xy(fac, j, &x, &y);
        ga_point_route pr = ga_router_point_route(router, x, y);
        if (pr == GA_POINT_CUT_OFF) {
            left_out(cut, &n_cut, fac, j);
            continue;
        }
        if (pr == GA_POINT_UNSNAPPED && co->skip_unsnapped) {
            left_out(far, &n_far, fac, j);
            continue;
        }
        ga_points_add(kept, ga_points_id(fac, j), x, y, ga_points_type(fac, j), ga_points_capacity(fac, j));
        ga_points_set_commune(kept, ga_points_count(kept) - 1, ga_points_commune(fac, j));
    }
    if (n_far)
        ga_warn(ctx, "%zu %s facilit%s further than %g m from every road, left out (no catchment): %s%s", n_far,
                type, n_far > 1 ? "ies" : "y", co->snap_distance, far->str, n_far > 10 ? " ..." : "");
    if (n_cut)
        ga_warn(ctx, "%zu %s facilit%s on roads cut off from the rest of the network, left out (no "
                "catchment): %s%s", n_cut, type, n_cut > 1 ? "ies" : "y", cut->str, n_cut > 10 ? " ..." : "");
    g_string_free(far, TRUE);
    g_string_free(cut, TRUE);
    return kept;
}

/* Circles of the straight-line model: the radius it covers in each time,
 * or the radii in km (the population then counted by distance). */
static ga_status circles(ga_ctx *ctx, ga_cost_model *model, const ga_points *fac, const ga_plan_catchment_options *o,
                         ga_catchment_options *co, ga_catchments **out) {
    size_t nt = o->n_thresholds;
    const double *tv = o->thresholds;
    double *rad = g_new(double, nt);
    ga_status st = GA_OK;
    for (size_t q = 0; q < nt && !st; q++) {
        if (o->by_radius) rad[q] = tv[q] * 1000;
        else st = ga_cost_model_radius(ctx, model, GA_METRIC_TIME, tv[q], &rad[q]);
    }
    if (o->by_radius) {
        double *m = g_new(double, nt); /* thresholds in metres */
        for (size_t q = 0; q < nt; q++) m[q] = tv[q] * 1000;
        co->metric = GA_METRIC_DISTANCE;
        if (!st) st = ga_catchments_circles(ctx, fac, m, NULL, nt, co, out);
        g_free(m);
    } else if (!st) {
        st = ga_catchments_circles(ctx, fac, tv, rad, nt, co, out);
    }
    g_free(rad);
    return st;
}

/* The summary per threshold: people within the threshold of some facility. */
static ga_status summarise(ga_ctx *ctx, const ga_cost_source *cs, const ga_plan_data *d,
                           const ga_plan_catchment_options *o, ga_plan_catchment *p) {
    size_t n = ga_communes_count(d->communes);
    double *near = g_new(double, n);
    long *first = g_new(long, n);
    ga_points *origins = NULL;
    ga_od *od = NULL;
    ga_metric metric = o->by_radius ? GA_METRIC_DISTANCE : GA_METRIC_TIME;
    ga_status st = ga_points_from_communes(ctx, d->communes, &origins);
    if (!st) st = ga_cost_model_table(cs->model, ctx, origins, p->fac, metric, 0, &od);
    if (!st) ga_nearest(od, NULL, first, near, NULL, NULL);
    if (!st) {
        p->rows = g_new0(ga_catchment_summary, o->n_thresholds + 1);
        ga_catchments_summarise(p->c, o->thresholds, o->n_thresholds, o->by_radius ? 1000 : 1, near, d->pop, n,
                                p->rows);
    }
    ga_od_free(od);
    ga_points_free(origins);
    g_free(near);
    g_free(first);
    return st;
}

ga_status ga_plan_catchment_type(ga_ctx *ctx, const ga_cost_source *cs, const ga_cost_source_options *co,
                                 const ga_plan_data *d, const char *type, const ga_plan_catchment_options *o,
                                 ga_plan_catchment *out) {
    *out = (ga_plan_catchment){0};
    out->fac = ga_plan_study_facilities_of(d, type);
    if (cs->router) {
        ga_points *kept = routable(ctx, cs->router, co, type, out->fac);
        ga_points_free(out->fac);
        out->fac = kept;
    }
    ga_catchment_options copt;
    ga_catchment_options_init(&copt);
    copt.buffer_m = o->buffer_m;
    copt.from_facility = o->from_facility;
    copt.threads = co->threads;
    ga_status st = cs->router ? ga_catchments_road(ctx, cs->router, out->fac, o->thresholds, o->n_thresholds,
                                                   &copt, &out->c)
                              : circles(ctx, cs->model, out->fac, o, &copt, &out->c);
    /* the land of the communes loaded: no catchment over the sea (issue 12) */
    if (!st) st = ga_catchments_clip(ctx, out->c, d->communes, d->ring ? d->ring->communes : NULL);
    size_t nc = st ? 0 : ga_catchments_count(out->c);
    out->pop_points = g_new0(double, nc + 1);
    out->pop_area = o->by_area ? g_new0(double, nc + 1) : NULL;
    if (!st)
        st = ga_catchments_population(ctx, out->c, cs->model, out->fac, d->communes, d->pop, out->pop_points,
                                      out->pop_area);
    if (!st) st = summarise(ctx, cs, d, o, out);
    return st;
}

void ga_plan_catchment_clear(ga_plan_catchment *p) {
    ga_points_free(p->fac);
    ga_catchments_free(p->c);
    g_free(p->pop_points);
    g_free(p->pop_area);
    g_free(p->rows);
    *p = (ga_plan_catchment){0};
}
