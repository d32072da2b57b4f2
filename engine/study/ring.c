/* The ring of neighbouring communes around the embedded default: see ring.h. */
#include <math.h>
#include <string.h>
#include "study/ring.h"
#include "geoaccess/catchment.h"
#include "layer/points.h"
#include "route/road.h"

void ga_ring_free(ga_ring *r) {
    if (!r) return;
    ga_communes_free(r->communes);
    g_free(r->pop);
    g_free(r->pop_std);
    ga_table_free(r->bpe);
    g_free(r->hosp_path);
    g_free(r->dir);
    g_free(r);
}

ga_status ga_ring_load(ga_ctx *ctx, const char *data, ga_ring **out) {
    g_autofree char *dir = g_build_filename(data, "ring", NULL);
    g_autofree char *ini = g_build_filename(dir, "ring.ini", NULL);
    *out = NULL;
    if (!g_file_test(ini, G_FILE_TEST_EXISTS)) return GA_OK;
    return ga_ring_open(ctx, dir, out);
}

ga_status ga_ring_open(ga_ctx *ctx, const char *dir, ga_ring **out) {
    g_autofree char *ini = g_build_filename(dir, "ring.ini", NULL);
    g_autofree char *shp = g_build_filename(dir, "communes_ring34_cog2024.shp", NULL);
    g_autofree char *pop = g_build_filename(dir, "population_ring34_drees_apl2023.csv", NULL);
    g_autofree char *bpe = g_build_filename(dir, "bpe2019_health_ring34_by_iris.csv", NULL);
    ga_ring *r = g_new0(ga_ring, 1);
    r->dir = g_strdup(dir);
    r->hosp_path = g_build_filename(dir, "hospitals_ring34_finess2020.csv", NULL);
    GKeyFile *kf = g_key_file_new();
    GError *err = NULL;
    ga_status st = GA_OK;
    if (!g_key_file_load_from_file(kf, ini, G_KEY_FILE_NONE, &err)) {
        st = ga_fail(ctx, GA_ERR_FORMAT, "%s: %s", ini, err->message);
        goto done;
    }
    static const char *const keys[] = {"minutes", "detour", "speed_kmh", "width_km"};
    double *vals[] = {&r->minutes, &r->detour, &r->speed_kmh, &r->width_km};
    for (size_t k = 0; k < G_N_ELEMENTS(keys); k++) {
        *vals[k] = g_key_file_get_double(kf, "ring", keys[k], &err);
        if (err || !(*vals[k] > 0) || !isfinite(*vals[k])) {
            st = ga_fail(ctx, GA_ERR_VALUE, "%s: [ring] %s: %s", ini, keys[k],
                         err ? err->message : "not a positive number");
            goto done;
        }
    }
    ga_table *pt = NULL;
    if ((st = ga_communes_read(ctx, shp, NULL, &r->communes)) || (st = ga_table_read(ctx, pop, &pt))) goto done;
    size_t n = ga_communes_count(r->communes);
    r->pop = g_new(double, n);
    r->pop_std = g_new(double, n);
    st = ga_communes_join_sum(ctx, r->communes, pt, "insee_code", "pop_tot_2021", r->pop);
    if (!st) st = ga_communes_join_sum(ctx, r->communes, pt, "insee_code", "pop_std_2021", r->pop_std);
    ga_table_free(pt);
    for (size_t i = 0; !st && i < n; i++) {
        if (isnan(r->pop[i])) r->pop[i] = 0; /* warned by the join */
        if (isnan(r->pop_std[i])) r->pop_std[i] = 0;
    }
    if (!st) st = ga_table_read(ctx, bpe, &r->bpe);
done:
    if (err) g_error_free(err);
    g_key_file_free(kf);
    if (st) {
        ga_ring_free(r);
        return st;
    }
    *out = r;
    return GA_OK;
}

ga_status ga_ring_facilities(ga_ctx *ctx, const ga_ring *r, const ga_plan_type *ty, long offset,
                             ga_points **out) {
    ga_points *p = NULL;
    ga_status st;
    if (ty->bpe) {
        /* the ring's BPE rows carry the DREES (COG 2024) code of their commune */
        st = ga_points_from_counts(ctx, r->bpe, "insee_cog2024", "TYPEQU", "NB_EQUIP", ty->bpe, r->communes, &p);
    } else {
        /* coordinates checked against the commune each hospital names by
         * make_ring (geocode_check); all inside a ring commune */
        ga_points_options po = {.id_col = "id", .x_col = "x_l93", .y_col = "y_l93", .crs = "EPSG:2154",
                                .type_col = "facility_type"};
        st = ga_points_read_csv(ctx, r->hosp_path, &po, &p);
        if (!st) st = ga_points_assign_communes(ctx, p, r->communes, false);
    }
    if (st) {
        ga_points_free(p);
        return st;
    }
    for (size_t j = 0; j < ga_points_count(p); j++) ga_points_set_commune(p, j, offset + ga_points_commune(p, j));
    *out = p;
    return GA_OK;
}

double ga_ring_reach(ga_ctx *ctx, const ga_ring *r, ga_cost_model *model, double longest) {
    double radius = 0;
    /* a road model (or any model not linear in distance): no straight-line bound */
    if (ga_road_model_router(model) || ga_cost_model_radius(ctx, model, GA_METRIC_TIME, 60.0, &radius) ||
        !(radius > 0)) {
        ga_ctx_clear_error(ctx);
        ga_warn(ctx, "%s: the ring of neighbouring communes is %.1f km wide, chosen for the straight-line "
                "model (%g minutes at %g km/h, detour %g); by road a facility beyond it may be nearer than "
                "the times found for border communes", r->dir, r->width_km, r->minutes, r->speed_kmh, r->detour);
        return NAN;
    }
    double reach = r->width_km * 1000.0 / radius * 60.0; /* minutes */
    if (longest > reach * (1 + 1e-9))
        ga_warn(ctx, "%s: the study asks for times up to %g minutes but the ring of neighbouring communes "
                "(%.1f km) holds %.1f minutes at this model: a facility beyond it could be nearer than the "
                "times over %.1f minutes that are reported", r->dir, longest, r->width_km, reach, reach);
    return reach;
}

ga_points *ga_ring_apl_points(const ga_communes *study, const ga_ring *r) {
    size_t n = ga_communes_count(study), nt = n + ga_communes_count(r->communes);
    ga_points *pts = ga_points_new();
    for (size_t i = 0; i < nt; i++) {
        const ga_communes *c = i < n ? study : r->communes;
        size_t k = i < n ? i : i - n;
        double x, y;
        ga_communes_point(c, k, &x, &y);
        ga_points_add(pts, ga_communes_id(c, k), x, y, "", 1);
    }
    return pts;
}

ga_status ga_ring_apl(ga_ctx *ctx, ga_cost_model *model, const ga_communes *study, const double *pop_std,
                      const double *pop, const ga_ring *r, const double *supply, double *apl, ga_od **table) {
    size_t n = ga_communes_count(study), m = ga_communes_count(r->communes), nt = n + m;
    ga_points *pts = ga_ring_apl_points(study, r);
    double *ps = g_new(double, nt), *pp = g_new(double, nt), *out = g_new(double, nt);
    for (size_t i = 0; i < nt; i++) {
        size_t k = i < n ? i : i - n;
        ps[i] = i < n ? (isnan(pop_std[k]) ? 0 : pop_std[k]) : r->pop_std[k];
        pp[i] = i < n ? (isnan(pop[k]) ? 0 : pop[k]) : r->pop[k];
    }
    ga_od *od = NULL;
    ga_status st = ga_cost_model_table(model, ctx, pts, pts, GA_METRIC_TIME, GA_APL_HORIZON_MINUTES, &od);
    if (!st) st = ga_apl_communes(ctx, nt, ga_points_ids(pts), ps, pp, supply, od, NULL, out, NULL);
    if (!st) memcpy(apl, out, n * sizeof *apl);
    if (!st && table) {
        *table = od;
        od = NULL;
    }
    ga_od_free(od);
    ga_points_free(pts);
    g_free(ps);
    g_free(pp);
    g_free(out);
    return st;
}

const char *ga_ring_commune_id(const ga_communes *study, const ga_ring *r, long idx) {
    if (idx < 0) return "";
    size_t n = ga_communes_count(study);
    if ((size_t)idx < n) return ga_communes_id(study, (size_t)idx);
    if (r && (size_t)idx - n < ga_communes_count(r->communes)) return ga_communes_id(r->communes, (size_t)idx - n);
    return "";
}
