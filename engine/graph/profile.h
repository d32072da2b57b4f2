/* Road profiles (speeds per road class, mode) and their shapefile field
 * mappings; OSM tag interpretation. Private to engine/graph. */
#ifndef GA_GRAPH_PROFILE_H
#define GA_GRAPH_PROFILE_H

#include <stdbool.h>
#include <glib.h>
#include "geoaccess.h"

typedef enum { GA_MODE_CAR = 0, GA_MODE_WALK = 1 } ga_mode;

/* Direction of travel allowed on a way or line, relative to its digitising
 * direction. */
typedef enum {
    GA_DIR_BOTH = 0,
    GA_DIR_FORWARD = 1,
    GA_DIR_BACKWARD = 2,
    GA_DIR_CLOSED = 3
} ga_dir;

/* How a road shapefile's fields map to classes, directions and speeds. */
typedef struct {
    char *name;            /* "geofabrik", "route500", "bdtopo", "montpellier", "profile" */
    char *class_field;     /* NULL: every line is default_class */
    char *default_class;   /* class of empty or unmapped values (NULL: the value itself) */
    GHashTable *classes;   /* normalised value -> class (owned strings) */
    char *direction_field; /* NULL: every line two-way */
    GHashTable *directions;/* normalised value -> GINT_TO_POINTER(ga_dir + 1) */
    ga_dir default_direction;
    char *speed_field;     /* numeric km/h used when > 0 (car mode) */
    char *maxspeed_field;  /* numeric km/h limit when > 0 */
    char *access_field;    /* lines whose normalised value is in `denied` are skipped */
    GHashTable *denied;    /* set of normalised values */
    bool nomem;            /* a string could not be copied: memory ran out */
} ga_shp_mapping;

typedef struct {
    char *name;              /* "car", "walk" or the key file's [profile] name */
    char *source;            /* "built-in" or the file path */
    ga_mode mode;
    GHashTable *speeds;      /* class -> double* km/h (> 0 usable) */
    double maxspeed_factor;  /* speed = min(class speed, factor x maxspeed) */
    bool use_maxspeed;
    ga_shp_mapping *mapping; /* [shapefile] group, or NULL */
} ga_profile;

/* The built-in key-file text of "car" and "walk" (geodata/profiles/ holds
 * the same text), NULL for other names. */
const char *ga_profile_builtin_text(const char *name);

/* Loads "car" / "walk" / NULL (car) or a key file. Errors name the file,
 * the group and the key. */
ga_status ga_profile_load(ga_ctx *ctx, const char *name_or_path, ga_profile **out);
/* Parses key-file text (`what` names it in errors). */
ga_status ga_profile_parse(ga_ctx *ctx, const char *text, size_t len, const char *what,
                           ga_profile **out);
void ga_profile_free(ga_profile *p);
/* Speed of a class in km/h, 0 when the class is absent or not usable. */
double ga_profile_speed(const ga_profile *p, const char *cls);

void ga_shp_mapping_free(ga_shp_mapping *m);
/* Built-in mapping by name ("geofabrik", "route500", "bdtopo",
 * "montpellier"), NULL when unknown. */
ga_shp_mapping *ga_shp_mapping_builtin(const char *name); /* NULL: unknown name or out of memory */
/* Lower case, accents removed, surrounding blanks trimmed (transfer full). */
char *ga_normalise_value(const char *s);

/* ---- OpenStreetMap tags ---- */

/* A maxspeed value in km/h: "50", "30 mph", "FR:urban" (50), "FR:rural"
 * (80), "FR:motorway" (130), "FR:zone30" (30), "walk" (6), "50;70" (the
 * first); 0 when unknown or unparseable; -1 for "none" (no limit). */
double ga_osm_parse_maxspeed(const char *v);

/* Evaluates an OSM way's tags for the profile: returns false when the mode
 * may not use it, else the speed (km/h) and direction. */
bool ga_osm_way_eval(const ga_profile *p, const char *const *keys,
                     const char *const *values, int n_tags, double *speed_kmh,
                     ga_dir *dir);

#endif
