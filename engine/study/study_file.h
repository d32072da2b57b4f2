/* The study file inside the library: the key table, the parsed study and
 * its typed values (the public side is include/geoaccess/study.h). */
#ifndef GA_STUDY_STUDY_FILE_H
#define GA_STUDY_STUDY_FILE_H

#include <glib.h>
#include "geoaccess.h"
#include "geoaccess/study.h"

typedef enum {
    GA_KEY_STRING, /* text */
    GA_KEY_PATH,   /* a file or folder, relative to the study file */
    GA_KEY_PATHS,  /* comma-separated paths */
    GA_KEY_NUMBER, /* a decimal number */
    GA_KEY_NUMBERS,/* comma-separated positive numbers */
    GA_KEY_INT,    /* a whole number >= 0 */
    GA_KEY_BOOL,   /* true or false */
    GA_KEY_LIST    /* comma-separated words */
} ga_study_key_type;

typedef struct {
    const char *section, *key;
    ga_study_key_type type;
    const char *def; /* "" none */
} ga_study_key;

struct ga_study {
    char *path, *dir;      /* the study file and its folder (base of paths) */
    char *text;            /* its text, for the lines of messages */
    GKeyFile *kf;          /* the file with the overrides applied */
    GHashTable *overridden;/* "section.key" given by --set */
    char *out_folder;      /* outputs.folder */
};

/* Every key, in the order of --print-study and docs/study.md. */
const ga_study_key *ga_study_keys(size_t *n);

/* "FILE: line N: [section] key" (or "--set section.key"); transfer full. */
char *ga_study_where(const ga_study *s, const char *section, const char *key);

/* Values with their defaults (checked at load); each transfer full. */
bool ga_study_has(const ga_study *s, const char *section, const char *key);
char *ga_study_get(const ga_study *s, const char *section, const char *key);
char *ga_study_get_path(const ga_study *s, const char *section, const char *key); /* "" none */
char *ga_study_resolve(const ga_study *s, const char *rel);
double ga_study_get_number(const ga_study *s, const char *section, const char *key); /* NAN empty */
bool ga_study_get_bool(const ga_study *s, const char *section, const char *key);
GStrv ga_study_get_list(const ga_study *s, const char *section, const char *key);

#endif
