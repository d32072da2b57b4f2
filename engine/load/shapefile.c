/* Opening shapefiles with shapelib: sidecar checks, error routing,
 * .prj and .cpg, DBF text to UTF-8. */
#include <string.h>
#include <glib/gstdio.h>
#include "core/alloc.h"
#include "load/load.h"

/* shapelib reports errors through a hook without user data: keep the last
 * message per thread and attach it to the ga_ctx error. */
static _Thread_local char shp_message[512];

static void shp_error(const char *message) {
    g_strlcpy(shp_message, message, sizeof shp_message);
}

static char *with_ext(const char *base, const char *ext) {
    return g_strconcat(base, ext, NULL);
}

/* The sidecar file with `ext` in either case (.dbf or .DBF), or NULL. */
static char *find_sidecar(const char *base, const char *ext) {
    char *p = with_ext(base, ext);
    if (g_file_test(p, G_FILE_TEST_EXISTS)) return p;
    g_free(p);
    char *up = g_ascii_strup(ext, -1);
    p = with_ext(base, up);
    g_free(up);
    if (g_file_test(p, G_FILE_TEST_EXISTS)) return p;
    g_free(p);
    return NULL;
}

/* Maps a .cpg text or DBF language driver id to an iconv encoding name:
 * *out NULL when it names none; false when memory runs out. */
static bool encoding_from_cpg(const char *cpg, char **out) {
    g_autofree char *s = g_ascii_strup(cpg, -1);
    g_strstrip(s);
    const char *name = s; /* let iconv try the name as given */
    if (!*s) name = NULL;
    else if (strstr(s, "UTF") && strstr(s, "8")) name = "UTF-8";
    else if (strstr(s, "8859") && (g_str_has_suffix(s, "-1") || g_str_has_suffix(s, "88591") ||
                                   g_str_has_suffix(s, "_1")))
        name = "ISO-8859-1";
    else if (strstr(s, "8859-15") || strstr(s, "885915")) name = "ISO-8859-15";
    else if (strstr(s, "1252")) name = "WINDOWS-1252";
    else if (strstr(s, "LDID/87") || strstr(s, "LDID/3")) name = "WINDOWS-1252";
    else if (strstr(s, "LDID/0")) name = NULL;
    else if (g_str_has_prefix(s, "LDID/")) name = NULL;
    *out = name ? ga_try_strdup(name) : NULL;
    return !name || *out;
}

ga_status ga_shapefile_open(ga_ctx *ctx, const char *path, ga_shapefile *out) {
    memset(out, 0, sizeof *out);
    g_autofree char *base = NULL;
    if (g_str_has_suffix(path, ".shp") || g_str_has_suffix(path, ".SHP"))
        base = ga_try_strndup(path, strlen(path) - 4);
    else
        base = ga_try_strdup(path);
    if (!base) return ga_nomem(ctx, "shapefile");
    char *shp_path = find_sidecar(base, ".shp");
    if (!shp_path) return ga_fail(ctx, GA_ERR_IO, "%s: no such file", path);
    out->path = shp_path;
    g_autofree char *shx = find_sidecar(base, ".shx");
    g_autofree char *dbf = find_sidecar(base, ".dbf");
    if (!shx) {
        ga_shapefile_close(out);
        return ga_fail(ctx, GA_ERR_IO, "%s: missing index file %s.shx (a shapefile needs .shp, .shx and .dbf)",
                       path, base);
    }
    if (!dbf) {
        ga_shapefile_close(out);
        return ga_fail(ctx, GA_ERR_IO, "%s: missing attribute file %s.dbf (a shapefile needs .shp, .shx and .dbf)",
                       path, base);
    }
    SAHooks hooks;
    SASetupDefaultHooks(&hooks);
    hooks.Error = shp_error;
    shp_message[0] = 0;
    out->shp = SHPOpenLL(shp_path, "rb", &hooks);
    if (!out->shp) {
        ga_status st = ga_fail(ctx, GA_ERR_FORMAT, "%s: not a readable shapefile%s%s", shp_path,
                               shp_message[0] ? ": " : "", shp_message);
        ga_shapefile_close(out);
        return st;
    }
    out->dbf = DBFOpenLL(dbf, "rb", &hooks);
    if (!out->dbf) {
        ga_status st = ga_fail(ctx, GA_ERR_FORMAT, "%s: not a readable dBASE file%s%s", dbf,
                               shp_message[0] ? ": " : "", shp_message);
        ga_shapefile_close(out);
        return st;
    }
    SHPGetInfo(out->shp, &out->n_records, &out->shape_type, out->min, out->max);
    int n_dbf = DBFGetRecordCount(out->dbf);
    if (n_dbf != out->n_records) {
        ga_status st = ga_fail(ctx, GA_ERR_FORMAT,
                               "%s: %d records in the .shp/.shx but %d in the .dbf (damaged or mismatched files)",
                               shp_path, out->n_records, n_dbf);
        ga_shapefile_close(out);
        return st;
    }
    /* A truncated .shp: the header's file length must match the real size. */
    GStatBuf sb;
    if (g_stat(shp_path, &sb) == 0) {
        FILE *f = g_fopen(shp_path, "rb");
        unsigned char hdr[28];
        if (f && fread(hdr, 1, sizeof hdr, f) == sizeof hdr) {
            unsigned long words = ((unsigned long)hdr[24] << 24) | ((unsigned long)hdr[25] << 16) |
                                  ((unsigned long)hdr[26] << 8) | hdr[27];
            if ((unsigned long long)words * 2 > (unsigned long long)sb.st_size) {
                fclose(f);
                ga_status st = ga_fail(ctx, GA_ERR_FORMAT,
                                       "%s: truncated: the header says %llu bytes, the file has %lld",
                                       shp_path, (unsigned long long)words * 2, (long long)sb.st_size);
                ga_shapefile_close(out);
                return st;
            }
        }
        if (f) fclose(f);
    }
    g_autofree char *prj = find_sidecar(base, ".prj");
    if (prj) {
        gsize len = 0;
        if (!g_file_get_contents(prj, &out->prj, &len, NULL)) out->prj = NULL;
        else g_strstrip(out->prj);
        if (out->prj && !*out->prj) {
            g_free(out->prj);
            out->prj = NULL;
        }
    }
    g_autofree char *cpg = find_sidecar(base, ".cpg");
    g_autofree char *cpg_text = NULL;
    bool ok = true;
    if (cpg && g_file_get_contents(cpg, &cpg_text, NULL, NULL))
        ok = encoding_from_cpg(cpg_text, &out->encoding);
    else if (DBFGetCodePage(out->dbf))
        ok = encoding_from_cpg(DBFGetCodePage(out->dbf), &out->encoding);
    if (!ok) {
        ga_shapefile_close(out);
        return ga_nomem(ctx, "shapefile");
    }
    return GA_OK;
}

void ga_shapefile_close(ga_shapefile *s) {
    if (s->shp) SHPClose(s->shp);
    if (s->dbf) DBFClose(s->dbf);
    g_free(s->path);
    g_free(s->prj);
    g_free(s->encoding);
    memset(s, 0, sizeof *s);
}

char *ga_shapefile_text(const ga_shapefile *s, int record, int field) {
    /* shapelib writes a NULL number as a run of '*' */
    if (DBFIsAttributeNULL(s->dbf, record, field)) return ga_try_strdup("");
    const char *raw = DBFReadStringAttribute(s->dbf, record, field);
    if (!raw) return ga_try_strdup("");
    g_autofree char *trimmed = ga_try_strdup(raw);
    if (!trimmed) return NULL;
    g_strstrip(trimmed);
    if (s->encoding && g_ascii_strcasecmp(s->encoding, "UTF-8") != 0) {
        char *u = g_convert(trimmed, -1, "UTF-8", s->encoding, NULL, NULL, NULL);
        if (u) return u;
    }
    if (g_utf8_validate(trimmed, -1, NULL)) return g_steal_pointer(&trimmed);
    /* undeclared and not UTF-8: the usual French default */
    char *u = g_convert(trimmed, -1, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);
    return u ? u : g_utf8_make_valid(trimmed, -1);
}

int ga_shapefile_field(const ga_shapefile *s, const char *name) {
    if (!name) return -1;
    int n = DBFGetFieldCount(s->dbf);
    for (int i = 0; i < n; i++) {
        char fname[XBASE_FLDNAME_LEN_READ + 1];
        DBFGetFieldInfo(s->dbf, i, fname, NULL, NULL);
        if (g_ascii_strcasecmp(fname, name) == 0) return i;
    }
    return -1;
}

int ga_shapefile_field_any(const ga_shapefile *s, const char *const *names) {
    for (; *names; names++) {
        int f = ga_shapefile_field(s, *names);
        if (f >= 0) return f;
    }
    return -1;
}

static const char *field_type_name(DBFFieldType t, int decimals) {
    switch (t) {
    case FTString: return "text";
    case FTInteger: return "integer";
    case FTDouble: return decimals ? "real" : "integer";
    case FTLogical: return "logical";
    case FTDate: return "date";
    default: return "other";
    }
}

char *ga_shapefile_field_list(const ga_shapefile *s) {
    GString *out = g_string_new(NULL);
    int n = DBFGetFieldCount(s->dbf);
    for (int i = 0; i < n; i++) {
        char fname[XBASE_FLDNAME_LEN_READ + 1];
        int width = 0, dec = 0;
        DBFFieldType t = DBFGetFieldInfo(s->dbf, i, fname, &width, &dec);
        g_string_append_printf(out, "%s'%s' (%s)", i ? ", " : "", fname, field_type_name(t, dec));
    }
    return g_string_free(out, FALSE);
}

ga_status ga_shapefile_crs(ga_ctx *ctx, const ga_shapefile *s, const char *assume,
                           const char **crs_out) {
    if (s->prj) {
        *crs_out = s->prj;
        return GA_OK;
    }
    if (assume) {
        *crs_out = assume;
        return GA_OK;
    }
    return ga_fail(ctx, GA_ERR_CRS,
                   "%s: missing .prj file: the coordinate reference system is unknown "
                   "(add the .prj, or say which CRS the coordinates are in)",
                   s->path);
}

ga_status ga_shapefile_kind(ga_ctx *ctx, const char *shp_path, ga_layer_kind *out) {
    ga_shapefile s;
    ga_status st = ga_shapefile_open(ctx, shp_path, &s);
    if (st) return st;
    switch (s.shape_type) {
    case SHPT_POLYGON: case SHPT_POLYGONZ: case SHPT_POLYGONM: *out = GA_LAYER_POLYGONS; break;
    case SHPT_POINT: case SHPT_POINTZ: case SHPT_POINTM:
    case SHPT_MULTIPOINT: case SHPT_MULTIPOINTZ: case SHPT_MULTIPOINTM: *out = GA_LAYER_POINTS; break;
    case SHPT_ARC: case SHPT_ARCZ: case SHPT_ARCM: *out = GA_LAYER_LINES; break;
    default: *out = GA_LAYER_OTHER;
    }
    ga_shapefile_close(&s);
    return GA_OK;
}
