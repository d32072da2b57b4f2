/* Road profiles (GKeyFile), shapefile field mappings and OSM tags. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "core/alloc.h"
#include "core/internal.h"
#include "graph/profile.h"
#include "graph/profiles_builtin.h"

const char *ga_profile_builtin_text(const char *name) {
    if (!name || !strcmp(name, "car")) return ga_profile_text_car;
    if (!strcmp(name, "walk")) return ga_profile_text_walk;
    return NULL;
}

/* GLib's string functions (g_utf8_make_valid, g_str_to_ascii...) allocate
 * on their own and abort when memory runs out, like its containers. */
char *ga_normalise_value(const char *s) {
    if (!s) return g_strdup("");
    char *valid = g_utf8_make_valid(s, -1);
    char *ascii = g_str_to_ascii(valid, "C");
    g_free(valid);
    char *low = g_ascii_strdown(g_strstrip(ascii), -1);
    g_free(ascii);
    return low;
}

/* ---- shapefile mappings ---- */

static GHashTable *str_table(void) {
    return g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
}

/* A copy of s (NULL for NULL); records m->nomem when memory runs out. */
static char *mdup(ga_shp_mapping *m, const char *s) {
    char *d = ga_try_strdup(s);
    if (s && !d) m->nomem = true;
    return d;
}

static void map_class(ga_shp_mapping *m, const char *value, const char *cls) {
    char *c = mdup(m, cls);
    if (c) g_hash_table_replace(m->classes, ga_normalise_value(value), c);
}

static void map_dir(ga_shp_mapping *m, const char *value, ga_dir d) {
    g_hash_table_replace(m->directions, ga_normalise_value(value),
                         GINT_TO_POINTER((int)d + 1));
}

static ga_shp_mapping *mapping_new(const char *name) {
    ga_shp_mapping *m = ga_try_new0(ga_shp_mapping, 1);
    if (!m) return NULL;
    if (!(m->name = ga_try_strdup(name))) {
        g_free(m);
        return NULL;
    }
    m->classes = str_table();
    m->directions = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    m->denied = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    return m;
}

void ga_shp_mapping_free(ga_shp_mapping *m) {
    if (!m) return;
    g_free(m->name);
    g_free(m->class_field);
    g_free(m->default_class);
    g_free(m->direction_field);
    g_free(m->speed_field);
    g_free(m->maxspeed_field);
    g_free(m->access_field);
    g_hash_table_destroy(m->classes);
    g_hash_table_destroy(m->directions);
    g_hash_table_destroy(m->denied);
    g_free(m);
}

/* IGN direction values, ROUTE 500 and BD TOPO 2 and 3. */
static void ign_directions(ga_shp_mapping *m) {
    m->direction_field = mdup(m, "SENS");
    map_dir(m, "Double sens", GA_DIR_BOTH);
    map_dir(m, "Double", GA_DIR_BOTH);
    map_dir(m, "Sans objet", GA_DIR_BOTH);
    map_dir(m, "Sens unique", GA_DIR_FORWARD);
    map_dir(m, "Sens direct", GA_DIR_FORWARD);
    map_dir(m, "Direct", GA_DIR_FORWARD);
    map_dir(m, "Sens inverse", GA_DIR_BACKWARD);
    map_dir(m, "Inverse", GA_DIR_BACKWARD);
    map_dir(m, "Sens interdit", GA_DIR_CLOSED);
}

ga_shp_mapping *ga_shp_mapping_builtin(const char *name) {
    ga_shp_mapping *m = NULL;
    if (!strcmp(name, "geofabrik")) {
        /* Geofabrik free shapefiles, gis_osm_roads_free_1: fclass is the OSM
         * highway value (track_gradeN for tracks), oneway B/F/T, maxspeed
         * numeric (0 unknown). */
        if (!(m = mapping_new(name))) return NULL;
        m->class_field = mdup(m, "fclass");
        for (int g = 1; g <= 5; g++) {
            char v[16];
            g_snprintf(v, sizeof v, "track_grade%d", g);
            map_class(m, v, "track");
        }
        map_class(m, "unknown", "road");
        m->direction_field = mdup(m, "oneway");
        map_dir(m, "B", GA_DIR_BOTH);
        map_dir(m, "F", GA_DIR_FORWARD);
        map_dir(m, "T", GA_DIR_BACKWARD);
        m->maxspeed_field = mdup(m, "maxspeed");
    } else if (!strcmp(name, "route500")) {
        /* IGN ROUTE 500, TRONCON_ROUTE: VOCATION, SENS. */
        if (!(m = mapping_new(name))) return NULL;
        m->class_field = mdup(m, "VOCATION");
        m->default_class = mdup(m, "unclassified");
        map_class(m, "Type autoroutier", "motorway");
        map_class(m, "Liaison principale", "primary");
        map_class(m, "Liaison régionale", "secondary");
        map_class(m, "Liaison locale", "tertiary");
        map_class(m, "Bretelle", "motorway_link");
        ign_directions(m);
    } else if (!strcmp(name, "bdtopo")) {
        /* IGN BD TOPO 2 and 3, TRONCON_DE_ROUTE: NATURE, SENS, VIT_MOY_VL
         * (average car speed, v3), ACCES_VL. */
        if (!(m = mapping_new(name))) return NULL;
        m->class_field = mdup(m, "NATURE");
        m->default_class = mdup(m, "unclassified");
        map_class(m, "Autoroute", "motorway");
        map_class(m, "Type autoroutier", "motorway");
        map_class(m, "Quasi-autoroute", "trunk");
        map_class(m, "Bretelle", "motorway_link");
        map_class(m, "Route à 2 chaussées", "primary");
        map_class(m, "Route à 1 chaussée", "unclassified");
        map_class(m, "Rond-point", "unclassified");
        map_class(m, "Route empierrée", "track");
        map_class(m, "Chemin", "track");
        map_class(m, "Piste cyclable", "cycleway");
        map_class(m, "Sentier", "path");
        map_class(m, "Escalier", "steps");
        map_class(m, "Bac auto", "ferry");
        map_class(m, "Bac piéton", "ferry");
        map_class(m, "Bac ou liaison maritime", "ferry");
        ign_directions(m);
        m->speed_field = mdup(m, "VIT_MOY_VL");
        m->access_field = mdup(m, "ACCES_VL");
        g_hash_table_add(m->denied, ga_normalise_value("Physiquement impossible"));
        g_hash_table_add(m->denied, ga_normalise_value("Restreint aux ayants droit"));
    } else if (!strcmp(name, "montpellier")) {
        /* Ville de Montpellier, Filaire des voies (see
         * geodata/profiles/montpellier.ini). */
        if (!(m = mapping_new(name))) return NULL;
        m->class_field = mdup(m, "OCCUPATION");
        m->default_class = mdup(m, "urban");
        map_class(m, "Circulation", "urban");
        map_class(m, "Piéton", "pedestrian");
        map_class(m, "Piste cyclable", "cycleway");
        map_class(m, "Fluvial", "ferry");
        map_class(m, "Chemin", "track");
        m->direction_field = mdup(m, "SENS_CIRCU");
        map_dir(m, "DOUBLE SENS", GA_DIR_BOTH);
        map_dir(m, "SENS UNIQUE", GA_DIR_FORWARD);
        map_dir(m, "INTERDIT", GA_DIR_CLOSED);
        map_dir(m, "FICTIF", GA_DIR_BOTH);
    }
    if (m && m->nomem) {
        ga_shp_mapping_free(m);
        return NULL;
    }
    return m;
}

static bool parse_dir(const char *s, ga_dir *d) {
    if (!g_ascii_strcasecmp(s, "both")) *d = GA_DIR_BOTH;
    else if (!g_ascii_strcasecmp(s, "forward")) *d = GA_DIR_FORWARD;
    else if (!g_ascii_strcasecmp(s, "backward")) *d = GA_DIR_BACKWARD;
    else if (!g_ascii_strcasecmp(s, "closed")) *d = GA_DIR_CLOSED;
    else return false;
    return true;
}

/* ---- profiles ---- */

void ga_profile_free(ga_profile *p) {
    if (!p) return;
    g_free(p->name);
    g_free(p->source);
    if (p->speeds) g_hash_table_destroy(p->speeds);
    ga_shp_mapping_free(p->mapping);
    g_free(p);
}

double ga_profile_speed(const ga_profile *p, const char *cls) {
    const double *v = cls ? g_hash_table_lookup(p->speeds, cls) : NULL;
    return v && *v > 0 ? *v : 0;
}

static char *kf_string(GKeyFile *kf, const char *group, const char *key) {
    char *s = g_key_file_get_string(kf, group, key, NULL);
    if (s && !*g_strstrip(s)) {
        g_free(s);
        s = NULL;
    }
    return s;
}

static ga_status parse_mapping(ga_ctx *ctx, GKeyFile *kf, const char *what, ga_profile *p) {
    ga_shp_mapping *m = mapping_new("profile");
    if (!m) return ga_nomem(ctx, what);
    p->mapping = m;
    m->class_field = kf_string(kf, "shapefile", "class_field");
    m->default_class = kf_string(kf, "shapefile", "default_class");
    m->direction_field = kf_string(kf, "shapefile", "direction_field");
    m->speed_field = kf_string(kf, "shapefile", "speed_field");
    m->maxspeed_field = kf_string(kf, "shapefile", "maxspeed_field");
    m->access_field = kf_string(kf, "shapefile", "access_field");
    g_autofree char *dd = kf_string(kf, "shapefile", "default_direction");
    if (dd && !parse_dir(dd, &m->default_direction))
        return ga_fail(ctx, GA_ERR_VALUE,
                       "%s: group [shapefile]: key 'default_direction': '%s' is not "
                       "both, forward, backward or closed", what, dd);
    g_auto(GStrv) denied = g_key_file_get_string_list(kf, "shapefile", "denied", NULL, NULL);
    for (char **d = denied; d && *d; d++) g_hash_table_add(m->denied, ga_normalise_value(*d));
    g_auto(GStrv) ck = g_key_file_get_keys(kf, "shapefile.classes", NULL, NULL);
    for (char **k = ck; k && *k; k++) {
        g_autofree char *v = kf_string(kf, "shapefile.classes", *k);
        map_class(m, *k, v ? v : "");
    }
    g_auto(GStrv) dk = g_key_file_get_keys(kf, "shapefile.directions", NULL, NULL);
    for (char **k = dk; k && *k; k++) {
        g_autofree char *v = kf_string(kf, "shapefile.directions", *k);
        ga_dir d;
        if (!v || !parse_dir(v, &d))
            return ga_fail(ctx, GA_ERR_VALUE,
                           "%s: group [shapefile.directions]: key '%s': '%s' is not "
                           "both, forward, backward or closed", what, *k, v ? v : "");
        map_dir(m, *k, d);
    }
    if (m->nomem) return ga_nomem(ctx, what);
    return GA_OK;
}

ga_status ga_profile_parse(ga_ctx *ctx, const char *text, size_t len, const char *what,
                           ga_profile **out) {
    GKeyFile *kf = g_key_file_new();
    GError *err = NULL;
    ga_profile *p = NULL;
    ga_status st = GA_OK;
    char *mode = NULL;
    char **keys = NULL;
    if (!g_key_file_load_from_data(kf, text, len, G_KEY_FILE_NONE, &err)) {
        st = ga_fail(ctx, GA_ERR_FORMAT, "%s: not a profile key file: %s", what, err->message);
        goto out;
    }
    if (!(p = ga_try_new0(ga_profile, 1)) || !(p->source = ga_try_strdup(what))) {
        st = ga_nomem(ctx, what);
        goto out;
    }
    p->name = kf_string(kf, "profile", "name");
    if (!p->name) {
        st = ga_fail(ctx, GA_ERR_FIELD, "%s: group [profile]: key 'name' is missing", what);
        goto out;
    }
    mode = kf_string(kf, "profile", "mode");
    if (!mode || !strcmp(mode, "car")) p->mode = GA_MODE_CAR;
    else if (!strcmp(mode, "walk")) p->mode = GA_MODE_WALK;
    else {
        st = ga_fail(ctx, GA_ERR_VALUE, "%s: group [profile]: key 'mode': '%s' is not car or walk",
                     what, mode);
        goto out;
    }
    p->use_maxspeed = p->mode == GA_MODE_CAR;
    if (g_key_file_has_key(kf, "profile", "use_maxspeed", NULL)) {
        p->use_maxspeed = g_key_file_get_boolean(kf, "profile", "use_maxspeed", &err);
        if (err) {
            st = ga_fail(ctx, GA_ERR_VALUE, "%s: group [profile]: key 'use_maxspeed': %s", what,
                         err->message);
            goto out;
        }
    }
    p->maxspeed_factor = 1.0;
    if (g_key_file_has_key(kf, "profile", "maxspeed_factor", NULL)) {
        p->maxspeed_factor = g_key_file_get_double(kf, "profile", "maxspeed_factor", &err);
        if (err || !(p->maxspeed_factor > 0 && p->maxspeed_factor <= 2)) {
            st = ga_fail(ctx, GA_ERR_VALUE,
                         "%s: group [profile]: key 'maxspeed_factor': not a number in ]0, 2]",
                         what);
            goto out;
        }
    }
    p->speeds = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    keys = g_key_file_get_keys(kf, "speeds", NULL, NULL);
    if (!keys || !keys[0]) {
        st = ga_fail(ctx, GA_ERR_FIELD, "%s: group [speeds] is missing or empty", what);
        goto out;
    }
    for (char **k = keys; *k; k++) {
        double v = g_key_file_get_double(kf, "speeds", *k, &err);
        if (err || !(v >= 0 && v <= 300)) {
            st = ga_fail(ctx, GA_ERR_VALUE,
                         "%s: group [speeds]: key '%s': not a speed in km/h (0 to 300)", what,
                         *k);
            goto out;
        }
        char *key = ga_try_strdup(*k);
        double *val = ga_try_new(double, 1);
        if (!key || !val) {
            g_free(key);
            g_free(val);
            st = ga_nomem(ctx, what);
            goto out;
        }
        *val = v;
        g_hash_table_replace(p->speeds, key, val);
    }
    if (g_key_file_has_group(kf, "shapefile")) st = parse_mapping(ctx, kf, what, p);
out:
    if (err) g_error_free(err);
    g_free(mode);
    g_strfreev(keys);
    g_key_file_free(kf);
    if (st) ga_profile_free(p);
    else *out = p;
    return st;
}

ga_status ga_profile_load(ga_ctx *ctx, const char *name_or_path, ga_profile **out) {
    const char *text = ga_profile_builtin_text(name_or_path);
    if (text) {
        ga_status st = ga_profile_parse(ctx, text, strlen(text),
                                        name_or_path ? name_or_path : "car", out);
        if (!st) {
            char *src = ga_try_strdup("built-in");
            if (!src) {
                ga_profile_free(*out);
                *out = NULL;
                return ga_nomem(ctx, "road profile");
            }
            g_free((*out)->source);
            (*out)->source = src;
        }
        return st;
    }
    char *data = NULL;
    gsize len = 0;
    GError *err = NULL;
    if (!g_file_get_contents(name_or_path, &data, &len, &err)) {
        ga_status st = ga_fail(ctx, GA_ERR_IO,
                               "%s: cannot read the profile (not 'car', 'walk' or a file): %s",
                               name_or_path, err->message);
        g_error_free(err);
        return st;
    }
    ga_status st = ga_profile_parse(ctx, data, len, name_or_path, out);
    g_free(data);
    return st;
}

/* ---- OpenStreetMap tags ---- */

double ga_osm_parse_maxspeed(const char *v) {
    if (!v) return 0;
    while (*v == ' ') v++;
    if (!g_ascii_strcasecmp(v, "none") || !g_ascii_strcasecmp(v, "unlimited")) return -1;
    if (!g_ascii_strcasecmp(v, "walk")) return 6;
    /* zone values: "FR:urban", "DE:zone30", "zone:maxspeed" style "FR:30" */
    const char *colon = strchr(v, ':');
    if (colon && g_ascii_isalpha(v[0])) {
        const char *z = colon + 1;
        if (!g_ascii_strcasecmp(z, "urban")) return 50;
        if (!g_ascii_strcasecmp(z, "rural")) return 80;
        if (!g_ascii_strcasecmp(z, "motorway")) return 130;
        if (!g_ascii_strcasecmp(z, "trunk") || !g_ascii_strcasecmp(z, "expressway")) return 110;
        if (!g_ascii_strcasecmp(z, "living_street")) return 20;
        if (!g_ascii_strcasecmp(z, "walk")) return 6;
        if (!g_ascii_strncasecmp(z, "zone", 4)) z += 4;
        char *end;
        double n = g_ascii_strtod(z, &end);
        return end != z && n > 0 && n < 300 ? n : 0;
    }
    char *end;
    double n = g_ascii_strtod(v, &end);
    if (end == v || !(n > 0) || n >= 300) return 0;
    while (*end == ' ') end++;
    if (!g_ascii_strncasecmp(end, "mph", 3)) return n * 1.609344;
    if (!g_ascii_strncasecmp(end, "knots", 5)) return n * 1.852;
    if (*end && *end != ';' && g_ascii_strncasecmp(end, "km/h", 4) &&
        g_ascii_strncasecmp(end, "kmh", 3))
        return 0;
    return n;
}

/* Values of the access-like tags that close a way to the mode. */
static bool access_denied(const char *v) {
    static const char *const denied[] = {"no",        "private",  "agricultural",
                                         "forestry",  "emergency", "psv",
                                         "customers", "delivery",  "bus",
                                         "military",  "discouraged", NULL};
    if (!v) return false;
    for (int i = 0; denied[i]; i++)
        if (!strcmp(v, denied[i])) return true;
    return false;
}

bool ga_osm_way_eval(const ga_profile *p, const char *const *keys, const char *const *values,
                     int n_tags, double *speed_kmh, ga_dir *dir) {
    const char *highway = NULL, *oneway = NULL, *oneway_foot = NULL, *junction = NULL,
               *maxspeed = NULL, *area = NULL, *motorroad = NULL;
    /* most specific first */
    const char *car_access[4] = {NULL, NULL, NULL, NULL}; /* motorcar, motor_vehicle, vehicle, access */
    const char *foot_access[2] = {NULL, NULL};            /* foot, access */
    for (int i = 0; i < n_tags; i++) {
        const char *k = keys[i], *v = values[i];
        if (!k || !v) continue;
        if (!strcmp(k, "highway")) highway = v;
        else if (!strcmp(k, "oneway")) oneway = v;
        else if (!strcmp(k, "oneway:foot")) oneway_foot = v;
        else if (!strcmp(k, "junction")) junction = v;
        else if (!strcmp(k, "maxspeed")) maxspeed = v;
        else if (!strcmp(k, "area")) area = v;
        else if (!strcmp(k, "motorroad")) motorroad = v;
        else if (!strcmp(k, "motorcar")) car_access[0] = v;
        else if (!strcmp(k, "motor_vehicle")) car_access[1] = v;
        else if (!strcmp(k, "vehicle")) car_access[2] = v;
        else if (!strcmp(k, "access")) car_access[3] = foot_access[1] = v;
        else if (!strcmp(k, "foot")) foot_access[0] = v;
    }
    if (!highway) return false;
    if (area && !strcmp(area, "yes")) return false;
    double speed = ga_profile_speed(p, highway);
    if (speed <= 0) return false;
    ga_dir d = GA_DIR_BOTH;
    if (p->mode == GA_MODE_CAR) {
        for (int i = 0; i < 4; i++)
            if (car_access[i]) {
                if (access_denied(car_access[i])) return false;
                break;
            }
        bool implied = !strcmp(highway, "motorway") ||
                       (junction && (!strcmp(junction, "roundabout") || !strcmp(junction, "circular")));
        if (oneway && (!strcmp(oneway, "yes") || !strcmp(oneway, "true") || !strcmp(oneway, "1")))
            d = GA_DIR_FORWARD;
        else if (oneway && (!strcmp(oneway, "-1") || !strcmp(oneway, "reverse")))
            d = GA_DIR_BACKWARD;
        else if (oneway && (!strcmp(oneway, "no") || !strcmp(oneway, "false") || !strcmp(oneway, "0")))
            d = GA_DIR_BOTH;
        else if (oneway && (!strcmp(oneway, "reversible") || !strcmp(oneway, "alternating")))
            return false; /* direction changes with the time of day */
        else
            d = implied ? GA_DIR_FORWARD : GA_DIR_BOTH;
    } else {
        for (int i = 0; i < 2; i++)
            if (foot_access[i]) {
                if (access_denied(foot_access[i]) && strcmp(foot_access[i], "delivery") &&
                    strcmp(foot_access[i], "psv") && strcmp(foot_access[i], "bus") &&
                    strcmp(foot_access[i], "customers"))
                    return false;
                break;
            }
        if (motorroad && !strcmp(motorroad, "yes") && !foot_access[0]) return false;
        if (oneway_foot && !strcmp(oneway_foot, "yes")) d = GA_DIR_FORWARD;
        else if (oneway_foot && !strcmp(oneway_foot, "-1")) d = GA_DIR_BACKWARD;
    }
    if (p->use_maxspeed && maxspeed) {
        double ms = ga_osm_parse_maxspeed(maxspeed);
        if (ms > 0 && ms * p->maxspeed_factor < speed) speed = ms * p->maxspeed_factor;
    }
    *speed_kmh = speed;
    *dir = d;
    return true;
}
