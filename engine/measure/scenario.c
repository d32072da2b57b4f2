/* Scenarios: see scenario.h. */
#include <math.h>
#include <string.h>
#include "core/alloc.h"
#include "core/internal.h"
#include "geoaccess/measure.h"
#include "geoaccess/nearest.h"
#include "geoaccess/scenario.h"
#include "layer/points.h"

typedef struct {
    char *id, *type, *commune;
    double x, y, capacity;
    bool lonlat;
} add_item;

struct ga_scenario {
    char *name, *description, *path;
    GArray *adds;        /* add_item */
    GPtrArray *removes;  /* char* */
    GPtrArray *cap_ids;  /* char* */
    GArray *cap_vals;    /* double */
    double retire_age;   /* NAN: none */
    char *retire_type;
};

ga_scenario *ga_scenario_new(const char *name) {
    ga_scenario *s = ga_try_new0(ga_scenario, 1);
    if (!s) return NULL;
    s->name = ga_try_strdup(name ? name : "scenario");
    s->description = ga_try_strdup("");
    if (!s->name || !s->description) {
        g_free(s->name);
        g_free(s->description);
        g_free(s);
        return NULL;
    }
    s->adds = g_array_new(FALSE, FALSE, sizeof(add_item));
    s->removes = g_ptr_array_new_with_free_func(g_free);
    s->cap_ids = g_ptr_array_new_with_free_func(g_free);
    s->cap_vals = g_array_new(FALSE, FALSE, sizeof(double));
    s->retire_age = NAN;
    return s;
}

void ga_scenario_free(ga_scenario *s) {
    if (!s) return;
    for (guint k = 0; k < s->adds->len; k++) {
        add_item *a = &g_array_index(s->adds, add_item, k);
        g_free(a->id);
        g_free(a->type);
        g_free(a->commune);
    }
    g_array_free(s->adds, TRUE);
    g_ptr_array_free(s->removes, TRUE);
    g_ptr_array_free(s->cap_ids, TRUE);
    g_array_free(s->cap_vals, TRUE);
    g_free(s->name);
    g_free(s->description);
    g_free(s->path);
    g_free(s->retire_type);
    g_free(s);
}

const char *ga_scenario_name(const ga_scenario *s) { return s->name; }
const char *ga_scenario_description(const ga_scenario *s) { return s->description; }

bool ga_scenario_add(ga_scenario *s, const char *id, const char *type, const char *commune,
                     double x, double y, double capacity) {
    add_item a = {ga_try_strdup(id), ga_try_strdup(type ? type : ""), ga_try_strdup(commune), x, y,
                  capacity, false};
    if (!a.id || !a.type || (commune && !a.commune)) {
        g_free(a.id);
        g_free(a.type);
        g_free(a.commune);
        return false;
    }
    g_array_append_val(s->adds, a);
    return true;
}

bool ga_scenario_remove(ga_scenario *s, const char *id) {
    char *d = ga_try_strdup(id);
    if (!d) return false;
    g_ptr_array_add(s->removes, d);
    return true;
}

bool ga_scenario_set_capacity(ga_scenario *s, const char *id, double capacity) {
    char *d = ga_try_strdup(id);
    if (!d) return false;
    g_ptr_array_add(s->cap_ids, d);
    g_array_append_val(s->cap_vals, capacity);
    return true;
}

bool ga_scenario_retire_above(ga_scenario *s, double age, const char *type) {
    char *t = NULL;
    if (type && !(t = ga_try_strdup(type))) return false;
    s->retire_age = age;
    g_free(s->retire_type);
    s->retire_type = t;
    return true;
}

bool ga_scenario_retirement(const ga_scenario *s, double *age, const char **type) {
    if (isnan(s->retire_age)) return false;
    *age = s->retire_age;
    *type = s->retire_type;
    return true;
}

size_t ga_scenario_change_count(const ga_scenario *s) {
    return s->adds->len + s->removes->len + s->cap_ids->len;
}

/* ---- reading ---- */

static ga_status key_number(ga_ctx *ctx, GKeyFile *kf, const char *name, const char *group,
                            const char *key, double *out, bool required) {
    GError *err = NULL;
    g_autofree char *v = g_key_file_get_value(kf, group, key, &err);
    if (!v) {
        g_clear_error(&err);
        if (required)
            return ga_fail(ctx, GA_ERR_VALUE, "%s: group [%s]: key '%s' is missing", name, group, key);
        return GA_OK;
    }
    char *end = NULL;
    g_strstrip(v);
    double d = g_ascii_strtod(v, &end);
    if (end == v || *end || !isfinite(d))
        return ga_fail(ctx, GA_ERR_VALUE, "%s: group [%s]: key '%s': '%s' is not a number", name, group,
                       key, v);
    *out = d;
    return GA_OK;
}

static ga_status read_add(ga_ctx *ctx, GKeyFile *kf, const char *name, const char *group,
                          ga_scenario *s) {
    const char *id = group + 3; /* after "add": a blank or the end ([add] alone) */
    while (*id == ' ') id++;
    if (!*id) return ga_fail(ctx, GA_ERR_VALUE, "%s: group [%s]: give the facility an id: [add ID]", name, group);
    gsize nk = 0;
    g_auto(GStrv) keys = g_key_file_get_keys(kf, group, &nk, NULL);
    static const char *const known[] = {"type", "commune", "x", "y", "lon", "lat", "capacity", NULL};
    for (gsize k = 0; k < nk; k++)
        if (!g_strv_contains(known, keys[k]))
            return ga_fail(ctx, GA_ERR_VALUE, "%s: group [%s]: unknown key '%s' (expected type, commune, "
                           "x/y or lon/lat, capacity)", name, group, keys[k]);
    g_autofree char *type = g_key_file_get_string(kf, group, "type", NULL);
    if (!type || !*g_strstrip(type))
        return ga_fail(ctx, GA_ERR_VALUE, "%s: group [%s]: key 'type' is missing", name, group);
    g_autofree char *commune = g_key_file_get_string(kf, group, "commune", NULL);
    if (commune) g_strstrip(commune);
    bool has_xy = g_key_file_has_key(kf, group, "x", NULL) || g_key_file_has_key(kf, group, "y", NULL);
    bool has_ll = g_key_file_has_key(kf, group, "lon", NULL) || g_key_file_has_key(kf, group, "lat", NULL);
    if ((commune != NULL) + has_xy + has_ll != 1)
        return ga_fail(ctx, GA_ERR_VALUE, "%s: group [%s]: give exactly one place: commune=CODE, x= and y=, "
                       "or lon= and lat=", name, group);
    double x = NAN, y = NAN, cap = 1;
    ga_status st = GA_OK;
    if (has_xy) {
        if ((st = key_number(ctx, kf, name, group, "x", &x, true))) return st;
        if ((st = key_number(ctx, kf, name, group, "y", &y, true))) return st;
    } else if (has_ll) {
        if ((st = key_number(ctx, kf, name, group, "lon", &x, true))) return st;
        if ((st = key_number(ctx, kf, name, group, "lat", &y, true))) return st;
    }
    if ((st = key_number(ctx, kf, name, group, "capacity", &cap, false))) return st;
    if (cap < 0)
        return ga_fail(ctx, GA_ERR_VALUE, "%s: group [%s]: key 'capacity': %g is negative", name, group, cap);
    if (!ga_scenario_add(s, id, type, commune, x, y, cap)) return ga_nomem(ctx, "scenario");
    g_array_index(s->adds, add_item, s->adds->len - 1).lonlat = has_ll;
    return GA_OK;
}

ga_status ga_scenario_read_buffer(ga_ctx *ctx, const char *name, const char *data, size_t len,
                                  ga_scenario **out) {
    GKeyFile *kf = g_key_file_new();
    GError *err = NULL;
    if (!g_key_file_load_from_data(kf, data, len, G_KEY_FILE_NONE, &err)) {
        ga_status st = ga_fail(ctx, GA_ERR_FORMAT, "%s: not a scenario key file: %s", name, err->message);
        g_error_free(err);
        g_key_file_free(kf);
        return st;
    }
    g_autofree char *base = g_path_get_basename(name);
    char *dot = strrchr(base, '.');
    if (dot) *dot = 0;
    g_autofree char *sname = g_key_file_get_string(kf, "scenario", "name", NULL);
    ga_scenario *s = ga_scenario_new(sname && *sname ? sname : base);
    if (!s || !(s->path = ga_try_strdup(name))) {
        ga_scenario_free(s);
        g_key_file_free(kf);
        return ga_nomem(ctx, "scenario");
    }
    g_autofree char *desc = g_key_file_get_string(kf, "scenario", "description", NULL);
    if (desc) {
        char *d = ga_try_strdup(desc);
        if (!d) {
            ga_scenario_free(s);
            g_key_file_free(kf);
            return ga_nomem(ctx, "scenario");
        }
        g_free(s->description);
        s->description = d;
    }
    ga_status st = GA_OK;
    gsize ng = 0;
    g_auto(GStrv) groups = g_key_file_get_groups(kf, &ng);
    for (gsize g = 0; g < ng && !st; g++) {
        const char *grp = groups[g];
        if (!strcmp(grp, "scenario")) continue;
        if (g_str_has_prefix(grp, "add ") || !strcmp(grp, "add")) {
            st = read_add(ctx, kf, name, grp, s);
        } else if (!strcmp(grp, "remove")) {
            gsize n = 0;
            g_auto(GStrv) ids = g_key_file_get_string_list(kf, grp, "ids", &n, NULL);
            if (!ids) st = ga_fail(ctx, GA_ERR_VALUE, "%s: group [remove]: key 'ids' is missing", name);
            for (gsize k = 0; k < n && !st; k++) {
                g_strstrip(ids[k]);
                if (*ids[k] && !ga_scenario_remove(s, ids[k])) st = ga_nomem(ctx, "scenario");
            }
        } else if (!strcmp(grp, "capacity")) {
            gsize nk = 0;
            g_auto(GStrv) keys = g_key_file_get_keys(kf, grp, &nk, NULL);
            for (gsize k = 0; k < nk && !st; k++) {
                double v = NAN;
                st = key_number(ctx, kf, name, grp, keys[k], &v, true);
                if (!st && v < 0)
                    st = ga_fail(ctx, GA_ERR_VALUE, "%s: group [capacity]: key '%s': %g is negative", name,
                                 keys[k], v);
                if (!st && !ga_scenario_set_capacity(s, keys[k], v)) st = ga_nomem(ctx, "scenario");
            }
        } else if (!strcmp(grp, "retire")) {
            double age = NAN;
            st = key_number(ctx, kf, name, grp, "age", &age, true);
            if (!st) {
                g_autofree char *type = g_key_file_get_string(kf, grp, "type", NULL);
                if (!ga_scenario_retire_above(s, age, type ? g_strstrip(type) : NULL))
                    st = ga_nomem(ctx, "scenario");
            }
        } else {
            st = ga_fail(ctx, GA_ERR_VALUE, "%s: unknown group [%s] (expected [scenario], [add ID], [remove], "
                         "[capacity], [retire])", name, grp);
        }
    }
    g_key_file_free(kf);
    if (st) {
        ga_scenario_free(s);
        return st;
    }
    *out = s;
    return GA_OK;
}

ga_status ga_scenario_read(ga_ctx *ctx, const char *path, ga_scenario **out) {
    g_autofree char *data = NULL;
    gsize len = 0;
    GError *err = NULL;
    if (!g_file_get_contents(path, &data, &len, &err)) {
        ga_status st = ga_fail(ctx, GA_ERR_IO, "%s: cannot read: %s", path, err->message);
        g_error_free(err);
        return st;
    }
    return ga_scenario_read_buffer(ctx, path, data, len, out);
}

/* ---- running ---- */

static void state_clear(ga_scenario_state *s) {
    g_free(s->name);
    g_free(s->time);
    g_free(s->nearest);
    g_free(s->apl);
}

void ga_scenario_run_free(ga_scenario_run *r) {
    if (!r) return;
    state_clear(&r->base);
    for (size_t k = 0; r->scenarios && k < r->n_scenarios; k++) state_clear(&r->scenarios[k]);
    g_free(r->scenarios);
    ga_points_free(r->facilities);
    g_free(r);
}

static long find_facility(const ga_points *u, size_t n, const char *id) {
    for (size_t j = 0; j < n; j++)
        if (!strcmp(ga_points_id(u, j), id)) return (long)j;
    return -1;
}

/* One state: active facilities and capacities over the union layer. */
static ga_status compute_state(ga_ctx *ctx, const ga_scenario_inputs *in, const ga_points *u,
                               const ga_od *od_fac, const ga_od *od_cc, const ga_points *origins,
                               const bool *active, const double *cap, ga_scenario_state *s) {
    size_t n = ga_communes_count(in->communes), nu = ga_points_count(u);
    /* what is taken here is freed by the caller (ga_scenario_run_free) */
    s->time = ga_try_new(double, in->n_types * n + 1);
    s->nearest = ga_try_new(long, in->n_types * n + 1);
    unsigned char *mask = ga_try_new(unsigned char, nu ? nu : 1);
    if (!s->time || !s->nearest || !mask) {
        g_free(mask);
        return ga_nomem(ctx, "scenario state");
    }
    for (size_t t = 0; t < in->n_types; t++) {
        for (size_t j = 0; j < nu; j++)
            mask[j] = active[j] && cap[j] > 0 && !strcmp(ga_points_type(u, j), in->types[t]);
        ga_nearest(od_fac, mask, s->nearest + t * n, s->time + t * n, NULL, NULL);
    }
    g_free(mask);
    if (!in->apl_type) return GA_OK;
    /* the study's communes, then the extra ones (in->n_extra) */
    size_t na = n + in->n_extra;
    double *supply = ga_try_new0(double, na + 1);
    if (!supply) return ga_nomem(ctx, "scenario supply");
    for (size_t j = 0; j < nu; j++) {
        long c = ga_points_commune(u, j);
        if (active[j] && c >= 0 && (size_t)c < na && !strcmp(ga_points_type(u, j), in->apl_type))
            supply[c] += cap[j] * in->acts_per_unit;
    }
    ga_apl_options o;
    ga_apl_options_init(&o);
    if (in->apl_threshold > 0) o.threshold = in->apl_threshold;
    double *ps = ga_try_new(double, na + 1), *pp = ga_try_new(double, na + 1), *apl = ga_try_new(double, na + 1);
    if (!ps || !pp || !apl) {
        g_free(ps);
        g_free(pp);
        g_free(apl);
        g_free(supply);
        return ga_nomem(ctx, "scenario APL");
    }
    const double *std = in->std_population ? in->std_population : in->population;
    for (size_t i = 0; i < na; i++) {
        ps[i] = i < n ? std[i] : in->extra_std_population[i - n];
        pp[i] = i < n ? in->population[i] : in->extra_population[i - n];
        if (isnan(ps[i])) ps[i] = 0;
        if (isnan(pp[i])) pp[i] = 0;
    }
    ga_status st = ga_apl_communes(ctx, na, ga_points_ids(origins), ps, pp, supply, od_cc, &o, apl, NULL);
    if (!st) {
        s->apl = apl; /* na + 1 >= n values, its first n are the study's */
        apl = NULL;
    }
    g_free(ps);
    g_free(pp);
    g_free(apl);
    g_free(supply);
    return st;
}

ga_status ga_scenarios_run(ga_ctx *ctx, ga_cost_model *model, const ga_scenario_inputs *in,
                           ga_scenario *const *scenarios, size_t n_scenarios,
                           ga_scenario_run **out) {
    const ga_communes *c = in->communes;
    size_t n = ga_communes_count(c), nb = ga_points_count(in->facilities);
    if (in->apl_type && !(in->acts_per_unit > 0))
        return ga_fail(ctx, GA_ERR_ARG, "scenarios: the APL needs acts per unit of capacity > 0");
    ga_scenario_run *r = ga_try_new0(ga_scenario_run, 1);
    if (!r) return ga_nomem(ctx, "scenario run");
    r->n_communes = n;
    r->n_types = in->n_types;
    r->n_base_facilities = nb;
    r->facilities = ga_points_new();
    if (!r->facilities) { /* should core/load's constructors come to fail */
        g_free(r);
        return ga_nomem(ctx, "scenario run");
    }
    ga_points *u = r->facilities;
    for (size_t j = 0; j < nb; j++) {
        double x, y;
        ga_points_xy(in->facilities, j, &x, &y);
        ga_points_add(u, ga_points_id(in->facilities, j), x, y, ga_points_type(in->facilities, j),
                      ga_points_capacity(in->facilities, j));
        ga_points_set_commune(u, j, ga_points_commune(in->facilities, j));
    }
    ga_status st = GA_OK;
    ga_points *origins = NULL;
    ga_od *od_fac = NULL, *od_cc = NULL;
    size_t *first_add = ga_try_new0(size_t, n_scenarios + 1);
    if (!first_add) {
        ga_scenario_run_free(r);
        return ga_nomem(ctx, "scenario run");
    }
    /* the union layer: every added facility gets its own entry */
    for (size_t k = 0; k < n_scenarios && !st; k++) {
        const ga_scenario *s = scenarios[k];
        first_add[k] = ga_points_count(u);
        for (guint a = 0; a < s->adds->len && !st; a++) {
            const add_item *it = &g_array_index(s->adds, add_item, a);
            if (find_facility(u, nb, it->id) >= 0) {
                st = ga_fail(ctx, GA_ERR_DUPLICATE, "scenario '%s': added facility '%s' has the id of an "
                             "existing facility", s->name, it->id);
                break;
            }
            double x = it->x, y = it->y;
            long com = -1;
            if (it->commune) {
                com = ga_communes_find(c, it->commune);
                if (com < 0) {
                    st = ga_fail(ctx, GA_ERR_VALUE, "scenario '%s': added facility '%s': commune '%s' is not "
                                 "one of the %zu communes", s->name, it->id, it->commune, n);
                    break;
                }
                ga_communes_point(c, (size_t)com, &x, &y);
            } else if (it->lonlat) {
                if ((st = ga_transform_to_working(ctx, "EPSG:4326", &x, &y, 1))) break;
            }
            ga_points_add(u, it->id, x, y, it->type, it->capacity);
            size_t j = ga_points_count(u) - 1;
            if (com < 0) {
                ga_points *one = ga_points_new();
                if (!one) {
                    st = ga_nomem(ctx, "scenario run");
                    break;
                }
                ga_points_add(one, it->id, x, y, it->type, it->capacity);
                st = ga_points_assign_communes(ctx, one, c, true);
                com = st ? -1 : ga_points_commune(one, 0);
                ga_points_free(one);
            }
            ga_points_set_commune(u, j, com);
        }
    }
    first_add[n_scenarios] = ga_points_count(u);
    size_t nu = ga_points_count(u);
    gint64 t0 = g_get_monotonic_time();
    if (!st) st = ga_points_from_communes(ctx, c, &origins);
    if (!st) st = ga_cost_model_table(model, ctx, origins, u, GA_METRIC_TIME, 0, &od_fac);
    if (!st && in->apl_type && in->n_extra) {
        /* the APL's communes: the study's then the extra ones */
        ga_points *apl_pts = ga_points_new();
        for (size_t i = 0; apl_pts && i < n + in->n_extra; i++) {
            const ga_points *src = i < n ? origins : in->extra_points;
            size_t k = i < n ? i : i - n;
            double x, y;
            ga_points_xy(src, k, &x, &y);
            ga_points_add(apl_pts, ga_points_id(src, k), x, y, "", 1);
        }
        st = !apl_pts ? ga_nomem(ctx, "scenario run")
             : in->apl_table ? GA_OK
                             : ga_cost_model_table(model, ctx, apl_pts, apl_pts, GA_METRIC_TIME, GA_APL_HORIZON_MINUTES, &od_cc);
        ga_points_free(origins);
        origins = apl_pts; /* its first n points are the study's */
    } else if (!st && in->apl_type && !in->apl_table) {
        st = ga_cost_model_table(model, ctx, origins, origins, GA_METRIC_TIME, GA_APL_HORIZON_MINUTES, &od_cc);
    }
    /* the caller's table must be on the same points */
    const ga_od *cc = in->apl_table ? in->apl_table : od_cc;
    if (!st && in->apl_type && in->apl_table &&
        (cc->n_from != n + in->n_extra || cc->n_to != n + in->n_extra))
        st = ga_fail(ctx, GA_ERR_ARG, "scenarios: the APL table given has %zu x %zu points, not the %zu "
                     "communes and %zu extra points", cc->n_from, cc->n_to, n, in->n_extra);
    gint64 t1 = g_get_monotonic_time();
    r->seconds_routing = (double)(t1 - t0) / 1e6;
    bool *active = ga_try_new(bool, nu ? nu : 1);
    double *cap = ga_try_new(double, nu ? nu : 1);
    if (!st && (!active || !cap)) st = ga_nomem(ctx, "scenario run");
    if (!st) {
        for (size_t j = 0; j < nu; j++) {
            active[j] = j < nb;
            cap[j] = ga_points_capacity(u, j);
        }
        r->base.name = ga_try_strdup("base");
        st = !r->base.name ? ga_nomem(ctx, "scenario run") : compute_state(ctx, in, u, od_fac, cc, origins, active, cap, &r->base);
    }
    if (!st) {
        r->scenarios = ga_try_new0(ga_scenario_state, n_scenarios ? n_scenarios : 1);
        if (r->scenarios) r->n_scenarios = n_scenarios;
        else st = ga_nomem(ctx, "scenario run");
    }
    for (size_t k = 0; k < n_scenarios && !st; k++) {
        const ga_scenario *s = scenarios[k];
        ga_scenario_state *ss = &r->scenarios[k];
        if (!(ss->name = ga_try_strdup(s->name))) {
            st = ga_nomem(ctx, "scenario run");
            break;
        }
        for (size_t j = 0; j < nu; j++) {
            active[j] = j < nb || (j >= first_add[k] && j < first_add[k + 1]);
            cap[j] = ga_points_capacity(u, j);
        }
        ss->added = first_add[k + 1] - first_add[k];
        /* removals and changes may name base facilities or this scenario's */
        for (guint m = 0; m < s->removes->len && !st; m++) {
            const char *id = s->removes->pdata[m];
            long j = -1;
            for (size_t q = 0; q < nu && j < 0; q++)
                if (active[q] && !strcmp(ga_points_id(u, q), id)) j = (long)q;
            if (j < 0)
                st = ga_fail(ctx, GA_ERR_VALUE, "scenario '%s': facility '%s' to remove does not exist", s->name, id);
            else {
                active[j] = false;
                ss->removed++;
            }
        }
        for (guint m = 0; m < s->cap_ids->len && !st; m++) {
            const char *id = s->cap_ids->pdata[m];
            long j = -1;
            for (size_t q = 0; q < nu && j < 0; q++)
                if ((q < nb || (q >= first_add[k] && q < first_add[k + 1])) && !strcmp(ga_points_id(u, q), id))
                    j = (long)q;
            if (j < 0)
                st = ga_fail(ctx, GA_ERR_VALUE, "scenario '%s': facility '%s' whose capacity changes does not exist",
                             s->name, id);
            else {
                cap[j] = g_array_index(s->cap_vals, double, m);
                ss->changed++;
            }
        }
        if (!st && !isnan(s->retire_age)) {
            if (!in->ages) {
                st = ga_fail(ctx, GA_ERR_VALUE, "scenario '%s': retiring practitioners above %g needs their ages "
                             "(an age column in the facilities)", s->name, s->retire_age);
                break;
            }
            for (size_t j = 0; j < nb; j++)
                if (active[j] && !isnan(in->ages[j]) && in->ages[j] > s->retire_age &&
                    (!s->retire_type || !strcmp(s->retire_type, ga_points_type(u, j)))) {
                    active[j] = false;
                    ss->retired++;
                }
        }
        if (!st) st = compute_state(ctx, in, u, od_fac, cc, origins, active, cap, ss);
    }
    r->seconds_scenarios = (double)(g_get_monotonic_time() - t1) / 1e6;
    g_free(active);
    g_free(cap);
    g_free(first_add);
    ga_od_free(od_fac);
    ga_od_free(od_cc);
    ga_points_free(origins);
    if (st) {
        ga_scenario_run_free(r);
        return st;
    }
    *out = r;
    return GA_OK;
}

void ga_scenario_crossings(const ga_scenario_run *r, size_t k, size_t t, double threshold,
                           const double *population, ga_crossings *out) {
    *out = (ga_crossings){0};
    size_t n = r->n_communes;
    const ga_scenario_state *b = &r->base, *s = &r->scenarios[k];
    for (size_t i = 0; i < n; i++) {
        bool wb, ws;
        if (t == SIZE_MAX) {
            if (!b->apl || !s->apl) return;
            wb = b->apl[i] >= threshold;
            ws = s->apl[i] >= threshold;
        } else {
            wb = b->time[t * n + i] <= threshold;
            ws = s->time[t * n + i] <= threshold;
        }
        double p = population && !isnan(population[i]) ? population[i] : 0;
        if (!wb && ws) {
            out->communes_gain++;
            out->people_gain += p;
        } else if (wb && !ws) {
            out->communes_loss++;
            out->people_loss += p;
        }
    }
}

void ga_scenario_changes(const ga_scenario_run *r, size_t k, size_t t, const double *population,
                         ga_changes *out) {
    *out = (ga_changes){0};
    size_t n = r->n_communes;
    const ga_scenario_state *b = &r->base, *s = &r->scenarios[k];
    if (t == SIZE_MAX && (!b->apl || !s->apl)) return;
    for (size_t i = 0; i < n; i++) {
        /* "better" is a larger value: minus the time, or the APL */
        double vb = t == SIZE_MAX ? b->apl[i] : -b->time[t * n + i];
        double vs = t == SIZE_MAX ? s->apl[i] : -s->time[t * n + i];
        if (isnan(vb) || isnan(vs) || vb == vs) continue;
        double p = population && !isnan(population[i]) ? population[i] : 0;
        double d = vs - vb; /* INFINITY - finite, or finite - (-INFINITY): infinite */
        if (d > 0) {
            out->communes_better++;
            out->people_better += p;
            out->largest_gain = MAX(out->largest_gain, d);
        } else {
            out->communes_worse++;
            out->people_worse += p;
            out->largest_loss = MAX(out->largest_loss, -d);
        }
    }
}
