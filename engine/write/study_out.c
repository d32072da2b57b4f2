/* The files of a study run: see study_out.h. Writes what the pipeline
 * computed (study/pipeline.h); computes nothing. */
#include <math.h>
#include <string.h>
#include "write/sensitivity_out.h"
#include "write/study_out.h"
#include "core/atomic.h"
#include "write/csv_out.h"
#include "write/polygons.h"
#include "write/plan_maps.h"
#include "study/ring.h"
#include "layer/communes.h"
#include "layer/result.h"
#include "layer/points.h"
#include "layer/table.h"

void ga_study_written_init(ga_study_written *w) {
    w->layers = g_ptr_array_new_with_free_func(g_free);
    w->maps = g_ptr_array_new_with_free_func(g_free);
    w->measures = g_ptr_array_new_with_free_func(g_free);
}

void ga_study_written_clear(ga_study_written *w) {
    if (w->layers) g_ptr_array_free(w->layers, TRUE);
    if (w->maps) g_ptr_array_free(w->maps, TRUE);
    if (w->measures) g_ptr_array_free(w->measures, TRUE);
    memset(w, 0, sizeof *w);
}

/* The per-commune table: id, name, population, then per nearest type its
 * facility, km and minutes, then the APL and the official APL. */
static ga_result *communes_table(const ga_study_result *r) {
    size_t n = r->n;
    ga_result *res = ga_result_new_communes(r->data.communes, r->data.pop);
    if (r->data.pop_std) ga_result_add_number(res, "pop_std", r->data.pop_std, 3);
    for (size_t k = 0; k < r->n_nearest; k++) {
        const ga_study_nearest *ne = &r->nearest[k];
        char col[64];
        g_snprintf(col, sizeof col, "%s_id", ne->type);
        ga_result_add_text(res, col, ne->near_id);
        /* the table has no "infinite" cell: an empty cell and an empty id
         * (the summary and the maps keep "none within reach" apart) */
        double *kc = g_new(double, n + 1), *tc = g_new(double, n + 1);
        for (size_t i = 0; i < n; i++) {
            kc[i] = isinf(ne->dist[i]) ? NAN : ne->dist[i];
            tc[i] = isinf(ne->time[i]) ? NAN : ne->time[i];
        }
        g_snprintf(col, sizeof col, "%s_km", ne->type);
        ga_result_add_number(res, col, kc, 3);
        g_snprintf(col, sizeof col, "%s_min", ne->type);
        ga_result_add_number(res, col, tc, 2);
        g_free(kc);
        g_free(tc);
    }
    if (r->has_apl) ga_result_add_number(res, "apl", r->apl.apl, 3);
    if (r->has_official) ga_result_add_number(res, "apl_drees", r->apl.official, 3);
    return res;
}

/* Every facility of the nearest types (the study's and the ring's) with
 * its commune and whether it is across the border. */
static ga_result *facilities_table(const ga_study_result *r, ga_points **layer) {
    ga_points *all = ga_points_new();
    for (size_t k = 0; k < r->n_nearest; k++) {
        const ga_study_nearest *ne = &r->nearest[k];
        for (size_t j = 0; j < ga_points_count(ne->fac); j++) {
            double x, y;
            ga_points_xy(ne->fac, j, &x, &y);
            ga_points_add(all, ga_points_id(ne->fac, j), x, y, ne->type, ga_points_capacity(ne->fac, j));
            ga_points_set_commune(all, ga_points_count(all) - 1, ga_points_commune(ne->fac, j));
        }
    }
    size_t nf = ga_points_count(all);
    const char **fid = g_new(const char *, nf + 1), **ftype = g_new(const char *, nf + 1),
               **fcom = g_new(const char *, nf + 1);
    double *fcap = g_new(double, nf + 1), *fring = g_new(double, nf + 1);
    for (size_t j = 0; j < nf; j++) {
        fid[j] = ga_points_id(all, j);
        ftype[j] = ga_points_type(all, j);
        long cj = ga_points_commune(all, j);
        fcom[j] = ga_ring_commune_id(r->data.communes, r->data.ring, cj);
        fcap[j] = ga_points_capacity(all, j);
        fring[j] = cj >= (long)r->n; /* 1: across the border, in the ring */
    }
    ga_result *fres = ga_result_new(nf);
    ga_result_add_text(fres, "id", fid);
    ga_result_add_text(fres, "type", ftype);
    ga_result_add_text(fres, "insee", fcom);
    ga_result_add_number(fres, "capacity", fcap, 0);
    ga_result_add_number(fres, "ring", fring, 0);
    g_free(fring);
    g_free(fid);
    g_free(ftype);
    g_free(fcom);
    g_free(fcap);
    *layer = all;
    return fres;
}

static char *out_path(GPtrArray *written, const char *dir, const char *name, const char *ext) {
    g_autofree char *file = g_strconcat(name, ext, NULL);
    char *p = g_build_filename(dir, file, NULL);
    g_ptr_array_add(written, p);
    return p;
}

static ga_status write_layers(ga_ctx *ctx, const ga_study_result *r, const char *dir, ga_study_written *w) {
    ga_points *all = NULL;
    ga_result *res = communes_table(r), *fres = facilities_table(r, &all);
    ga_status st = GA_OK;
    if (ga_study_wants(r->tables, "communes_access"))
        st = ga_result_write_csv(ctx, res, out_path(w->layers, dir, "communes_access", ".csv"));
    if (!st && ga_study_wants(r->shapefiles, "communes_access"))
        st = ga_result_write_shp_communes(ctx, res, r->data.communes,
                                          out_path(w->layers, dir, "communes_access", ".shp"));
    if (!st && ga_study_wants(r->tables, "facilities"))
        st = ga_result_write_csv(ctx, fres, out_path(w->layers, dir, "facilities", ".csv"));
    if (!st && ga_study_wants(r->shapefiles, "facilities"))
        st = ga_result_write_shp_points(ctx, fres, all, out_path(w->layers, dir, "facilities", ".shp"));
    ga_result_free(res);
    ga_result_free(fres);
    ga_points_free(all);
    return st;
}

static const char *map_name(const char *type) {
    if (!strcmp(type, "mat")) return "map_maternity_minutes";
    if (!strcmp(type, "urg")) return "map_emergency_minutes";
    return NULL;
}

/* The maps outputs.maps asks for, in outputs.map_format (write/plan_maps.h). */
static ga_status write_maps(ga_ctx *ctx, const ga_study_result *r, const char *dir, ga_study_written *w) {
    if (!r->maps || !*r->maps) return GA_OK;
    g_autofree char *subtitle = g_strdup_printf(
        "%s, %zu communes%s; %s%s%s", *r->name ? r->name : "the study", r->n,
        r->data.ring ? " (facilities and people of the neighbouring communes counted)" : "", r->model_text,
        r->data_date && *r->data_date ? "; data of " : "", r->data_date ? r->data_date : "");
    g_autofree char *sources = r->map_sources && *r->map_sources ? g_strdup(r->map_sources)
                                                                 : ga_plan_maps_sources(&r->data);
    ga_plan_maps m = {&r->data, subtitle, sources, r->map_format, dir, r->map_width, w->maps};
    ga_status st = GA_OK;
    for (char **k = r->maps; *k && !st; k++) {
        if (g_str_has_prefix(*k, "apl")) {
            if (r->has_apl) st = ga_plan_map_apl(ctx, &m, r->apl.apl, r->has_official ? r->apl.official : NULL, *k);
        } else if (!strcmp(*k, "coverage")) {
            const ga_study_nearest *ne = ga_study_result_nearest(r, r->cov_type);
            if (!ne || !r->n_cov) continue;
            double thr = r->cov[r->n_cov - 1]->threshold; /* the longest */
            g_autofree char *name = g_strdup_printf("map_coverage_%s", ne->type);
            st = ga_plan_map_coverage(ctx, &m, name, ne->label, ne->time, thr, ne->fac);
        } else if (!strcmp(*k, "zones")) {
            if (!r->zone_rule) continue;
            g_autofree char *name = g_strdup_printf("map_%s", r->zone_name);
            st = ga_plan_map_zones(ctx, &m, name, r->zone_rule, r->zone_rows, r->n_zone_rows);
        } else if (!strcmp(*k, "scenarios")) {
            for (size_t q = 0; r->srun && q < r->srun->n_scenarios && !st; q++)
                st = ga_plan_map_scenario(ctx, &m, r->srun, q);
        } else {
            const ga_study_nearest *ne = ga_study_result_nearest(r, *k);
            g_autofree char *generic = g_strdup_printf("map_%s_minutes", *k);
            /* the embedded default's two maps keep their names and titles */
            g_autofree char *title = g_strdup_printf("Estimated time to the nearest %s", ne->label);
            st = ga_plan_map_times(ctx, &m, map_name(*k) ? map_name(*k) : generic, title, ne->time, ne->fac);
        }
    }
    return st;
}

/* coverage_TYPE.csv: one row per threshold. */
static ga_status write_coverage(ga_ctx *ctx, const ga_study_result *r, const char *dir, ga_study_written *w) {
    static const char *const head[] = {"type", "threshold", "communes", "communes_covered", "population",
                                       "covered", "share", "communes_unknown", "population_unknown", NULL};
    GString *cov = g_string_new(NULL);
    ga_csv_writer cw = ga_csv_to_string(cov);
    ga_csv_header(&cw, head);
    for (size_t q = 0; q < r->n_cov; q++) {
        const ga_coverage *hc = r->cov[q];
        ga_csv_text(&cw, r->cov_type);
        ga_csv_number_fmt(&cw, "%g", hc->threshold);
        ga_csv_size(&cw, hc->total_communes);
        ga_csv_size(&cw, hc->total_communes_covered);
        ga_csv_number(&cw, hc->total_population, 0);
        ga_csv_number(&cw, hc->total_covered, 0);
        ga_csv_number(&cw, hc->total_population > 0 ? hc->total_covered / hc->total_population : 0, 4);
        ga_csv_size(&cw, hc->total_communes_unknown);
        ga_csv_number(&cw, hc->total_population_unknown, 0);
        ga_csv_end_row(&cw);
    }
    g_autofree char *name = g_strdup_printf("coverage_%s", r->cov_type);
    ga_status st = ga_atomic_write_file(ctx, out_path(w->measures, dir, name, ".csv"), cov->str, cov->len);
    g_string_free(cov, TRUE);
    return st;
}

/* NAME.csv and .shp: the zones blanches with their time to the rule's
 * first type. */
static ga_status write_zones(ga_ctx *ctx, const ga_study_result *r, const char *dir, ga_study_written *w) {
    size_t m = r->n_zone_rows;
    const ga_communes *c = r->data.communes;
    const ga_study_nearest *ne = ga_study_result_nearest(r, r->zone_type);
    const char **zid = g_new(const char *, m + 1), **znm = g_new(const char *, m + 1);
    double *zpop = g_new(double, m + 1), *zmin = g_new(double, m + 1);
    const GEOSGeometry **zg = g_new(const GEOSGeometry *, m + 1);
    for (size_t q = 0; q < m; q++) {
        size_t i = r->zone_rows[q];
        zid[q] = ga_communes_id(c, i);
        znm[q] = ga_communes_name(c, i);
        zpop[q] = r->data.pop[i];
        zmin[q] = !ne || isinf(ne->time[i]) ? NAN : ne->time[i];
        zg[q] = ga_communes_geometry(c, i);
    }
    g_autofree char *col = g_strdup_printf("%s_min", ne ? ne->type : "time");
    ga_result *zr = ga_result_new(m);
    ga_result_add_text(zr, "insee", zid);
    ga_result_add_text(zr, "nom", znm);
    ga_result_add_number(zr, "pop", zpop, 0);
    ga_result_add_number(zr, col, zmin, 2);
    ga_poly_field pf[4] = {{"insee", zid, NULL, 0}, {"nom", znm, NULL, 0}, {"pop", NULL, zpop, 0},
                           {col, NULL, zmin, 2}};
    ga_status st = GA_OK;
    if (ga_study_wants(r->tables, "zones"))
        st = ga_result_write_csv(ctx, zr, out_path(w->measures, dir, r->zone_name, ".csv"));
    if (!st && ga_study_wants(r->shapefiles, "zones") && !ga_communes_has_polygons(c)) {
        /* communes read from points: a point shapefile */
        ga_points *zp = ga_points_new();
        for (size_t q = 0; q < m; q++) {
            double x, y;
            ga_communes_point(c, r->zone_rows[q], &x, &y);
            ga_points_add(zp, zid[q], x, y, "commune", 1);
        }
        st = ga_result_write_shp_points(ctx, zr, zp, out_path(w->measures, dir, r->zone_name, ".shp"));
        ga_points_free(zp);
    } else if (!st && ga_study_wants(r->shapefiles, "zones")) {
        st = ga_polygons_write_shp(ctx, (const GEOSGeometry *const *)zg, m, pf, 4,
                                   out_path(w->measures, dir, r->zone_name, ".shp"));
    }
    ga_result_free(zr);
    g_free(zid);
    g_free(znm);
    g_free(zpop);
    g_free(zmin);
    g_free(zg);
    return st;
}

/* apl_professions.csv: per commune the APL of every profession (the GPs'
 * as `apl`, the name communes_access gives it; the others apl_NAME, per
 * 100,000 people); apl_professions_summary.csv: per profession its
 * supply, its demand (whether age-weighted), its mean and the low-access
 * threshold used. */
static ga_status write_professions(ga_ctx *ctx, const ga_study_result *r, const char *dir,
                                   ga_study_written *w) {
    ga_result *res = ga_result_new_communes(r->data.communes, r->data.pop);
    for (size_t k = 0; k < r->n_prof; k++) {
        const ga_profession_apl *p = &r->prof[k];
        bool gp = !strcmp(p->prof->name, "gp");
        g_autofree char *col = gp ? g_strdup("apl") : g_strdup_printf("apl_%s", p->prof->name);
        ga_result_add_number(res, col, p->apl, gp ? 3 : 2);
    }
    ga_status st = ga_result_write_csv(ctx, res, out_path(w->measures, dir, "apl_professions", ".csv"));
    ga_result_free(res);
    static const char *const head[] = {"profession", "bpe_type", "unit", "supply", "supply_ring", "demand",
                                       "mean", "low_threshold", "low_threshold_is", "communes_under",
                                       "people_under", "communes_unknown", NULL};
    GString *csv = g_string_new(NULL);
    ga_csv_writer cw = ga_csv_to_string(csv);
    ga_csv_header(&cw, head);
    for (size_t k = 0; k < r->n_prof && !st; k++) {
        const ga_profession_apl *p = &r->prof[k];
        bool gp = !strcmp(p->prof->name, "gp");
        ga_csv_text(&cw, p->prof->name);
        ga_csv_text(&cw, gp ? r->apl.type : p->prof->bpe);
        ga_csv_text(&cw, gp ? "consultations and visits a year per standardised inhabitant"
                            : !strcmp(p->prof->name, "pharm") ? "pharmacies per 100,000 people (headcount)"
                                                              : "practitioners per 100,000 people (headcount, not FTE)");
        ga_csv_number(&cw, p->headcount, 0);
        if (r->data.ring) ga_csv_number(&cw, p->headcount_ring, 0);
        else ga_csv_text(&cw, "");
        ga_csv_text(&cw, p->demand_text);
        ga_csv_number(&cw, p->summary.mean_apl, gp ? 3 : 2);
        ga_csv_number(&cw, p->summary.threshold, gp ? 3 : 2);
        ga_csv_text(&cw, gp ? "the official threshold (apl.threshold), communes under it"
                            : "the lowest decile of people (no official threshold), communes at or under it");
        ga_csv_size(&cw, p->summary.communes_under);
        ga_csv_number(&cw, p->summary.population_under, 0);
        ga_csv_size(&cw, p->summary.communes_unknown);
        ga_csv_end_row(&cw);
    }
    if (!st)
        st = ga_atomic_write_file(ctx, out_path(w->measures, dir, "apl_professions_summary", ".csv"), csv->str,
                                  csv->len);
    g_string_free(csv, TRUE);
    return st;
}

ga_status ga_study_write(ga_ctx *ctx, const ga_study_result *r, const char *dir, ga_study_written *w) {
    ga_status st = write_layers(ctx, r, dir, w);
    if (!st) st = write_maps(ctx, r, dir, w);
    if (!st && r->cov_type && ga_study_wants(r->tables, "coverage")) st = write_coverage(ctx, r, dir, w);
    if (!st && r->zone_rule) st = write_zones(ctx, r, dir, w);
    if (!st && r->n_prof && ga_study_wants(r->tables, "apl_professions")) st = write_professions(ctx, r, dir, w);
    if (!st && r->zone_sens) {
        /* NAME_sensitivity.csv, map_NAME_sensitivity.png, NAME_sensitivity_runs.csv */
        g_autofree char *runs = g_strdup_printf("%s_sensitivity_runs.csv", r->zone_name);
        const char *name = r->zone_name;
        st = ga_sensitivity_write(ctx, r->data.communes, r->data.pop, r->zone_sens, &name, "", runs, dir, w->measures);
    }
    return st;
}
