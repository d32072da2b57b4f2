/* Trims the national layers of ../shared/geodata/france to the ring of
 * communes around Hérault that the embedded default needs (issue 9).
 *
 * The ring: every commune of metropolitan France outside Hérault whose
 * polygon comes within D of Hérault's outline, D = the straight-line
 * distance the default cost model covers in its longest threshold:
 * D = minutes / 60 x speed / detour = 60 / 60 x 60 km/h / 1.3 = 46.15 km.
 * A facility within that time of a Hérault commune's point is within D of
 * Hérault, so inside a ring commune; the APL of a Hérault commune needs the
 * people within 20 minutes of the GPs within 20 minutes of it, 40 minutes
 * (30.8 km), inside the ring too.
 *
 * Writes in OUT_DIR:
 *   communes_ring34_cog2024.{shp,shx,dbf,prj,cpg}  the ring's polygons, records
 *       copied unchanged from the national layer (fields insee, nom), plus
 *       dist_km, the distance from Hérault's outline;
 *   population_ring34_drees_apl2023.csv  their rows of the DREES APL 2023 file
 *       (lines copied unchanged);
 *   bpe2019_health_ring34_by_iris.csv  their rows of the BPE 2019 health file
 *       (insee_cog2024 in the ring; lines copied unchanged);
 *   hospitals_ring34_finess2020.csv  the FINESS hospitals of the ring (lines
 *       copied unchanged) plus x_l93, y_l93 (PROJ), insee_pip (the commune
 *       containing the point, among Hérault and the ring), geocode_check
 *       (see PROVENANCE.txt).
 *
 * Usage: make_ring FRANCE_DIR HERAULT_SHP OUT_DIR [MINUTES DETOUR SPEED]
 * e.g.   build/geodata/tools/make_ring ../shared/geodata/france \
 *          geodata/herault/communes_cog2023/communes_34_cog2023.shp geodata/ring
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <shapefil.h>
#include "core/internal.h"
#include "load/load.h"

static void die(ga_ctx *ctx, const char *what) {
    fprintf(stderr, "make_ring: %s: %s\n", what, ctx ? ga_ctx_last_error(ctx) : "");
    exit(1);
}

/* Lines of a text file (the header is line 1 = index 0). */
static char **read_lines(const char *path) {
    char *text = NULL;
    GError *err = NULL;
    if (!g_file_get_contents(path, &text, NULL, &err)) {
        fprintf(stderr, "make_ring: %s\n", err->message);
        exit(1);
    }
    char **lines = g_strsplit(text, "\n", -1);
    g_free(text);
    for (char **l = lines; *l; l++) g_strchomp(*l); /* \r */
    return lines;
}

static void write_file(const char *path, const GString *s) {
    GError *err = NULL;
    if (!g_file_set_contents(path, s->str, (gssize)s->len, &err)) {
        fprintf(stderr, "make_ring: %s\n", err->message);
        exit(1);
    }
}

/* Upper-case ASCII form of a French place name (accents removed, hyphens,
 * apostrophes as spaces, "SAINT" for "ST"), for matching a FINESS city
 * ("NARBONNE CEDEX", "ST PONS") with a commune name. */
static char *name_key(const char *name) {
    g_autofree char *nfd = g_utf8_normalize(name, -1, G_NORMALIZE_NFD);
    GString *s = g_string_new(NULL);
    for (const char *p = nfd; p && *p; p = g_utf8_next_char(p)) {
        gunichar ch = g_utf8_get_char(p);
        if (g_unichar_ismark(ch)) continue;
        if (ch == '-' || ch == '\'' || ch == 0x2019) ch = ' ';
        if (ch < 128) g_string_append_c(s, g_ascii_toupper((char)ch));
    }
    g_auto(GStrv) words = g_strsplit(s->str, " ", -1);
    g_string_truncate(s, 0);
    for (char **w = words; *w; w++) {
        if (!**w) continue;
        if (!strcmp(*w, "CEDEX") || g_ascii_isdigit(**w)) break; /* "CEDEX 9", "MONTPELLIER 34" */
        const char *word = !strcmp(*w, "ST") ? "SAINT" : !strcmp(*w, "STE") ? "SAINTE" : *w;
        g_string_append_printf(s, "%s%s", s->len ? " " : "", word);
    }
    return g_string_free(s, FALSE);
}

int main(int argc, char **argv) {
    if (argc != 4 && argc != 7) {
        fprintf(stderr, "usage: make_ring FRANCE_DIR HERAULT_SHP OUT_DIR [MINUTES DETOUR SPEED]\n");
        return 2;
    }
    const char *france = argv[1], *herault_path = argv[2], *out = argv[3];
    double minutes = argc == 7 ? atof(argv[4]) : 60, detour = argc == 7 ? atof(argv[5]) : 1.3,
           speed = argc == 7 ? atof(argv[6]) : 60;
    double D = minutes / 60.0 * speed * 1000.0 / detour; /* metres */
    g_autofree char *nat_path = g_build_filename(france, "communes_cog2024", "communes_france_cog2024.shp", NULL);
    g_autofree char *apl_path = g_build_filename(france, "apl_mg_2023_communes_france.csv", NULL);
    g_autofree char *bpe_path = g_build_filename(france, "bpe2019_health_france_by_iris.csv", NULL);
    g_autofree char *hosp_path = g_build_filename(france, "hospitals_france_finess2020_eurostat.csv", NULL);
    g_mkdir_with_parents(out, 0755);

    ga_ctx *ctx = ga_ctx_new();
    GEOSContextHandle_t h = ctx->geos;
    ga_communes *her = NULL, *nat = NULL;
    if (ga_communes_read(ctx, herault_path, NULL, &her)) die(ctx, herault_path);
    if (ga_communes_read(ctx, nat_path, NULL, &nat)) die(ctx, nat_path);
    size_t nh = ga_communes_count(her), nn = ga_communes_count(nat);

    /* Hérault's outline: the union of its communes */
    GEOSGeometry **parts = g_new(GEOSGeometry *, nh);
    for (size_t i = 0; i < nh; i++) parts[i] = GEOSGeom_clone_r(h, ga_communes_geometry(her, i));
    GEOSGeometry *coll = GEOSGeom_createCollection_r(h, GEOS_GEOMETRYCOLLECTION, parts, (unsigned)nh);
    GEOSGeometry *herault = GEOSUnaryUnion_r(h, coll);
    GEOSGeom_destroy_r(h, coll);
    g_free(parts);
    const GEOSPreparedGeometry *prep = GEOSPrepare_r(h, herault);

    /* the ring, in the national layer's order */
    GArray *ring = g_array_new(FALSE, FALSE, sizeof(size_t));
    GArray *dist = g_array_new(FALSE, FALSE, sizeof(double));
    GHashTable *in_ring = g_hash_table_new(g_str_hash, g_str_equal);
    size_t herault_in_nat = 0;
    for (size_t i = 0; i < nn; i++) {
        const char *id = ga_communes_id(nat, i);
        if (ga_communes_find(her, id) >= 0) {
            herault_in_nat++;
            continue;
        }
        double d = 0;
        if (GEOSPreparedDistance_r(h, prep, ga_communes_geometry(nat, i), &d) != 1) die(NULL, "GEOS distance");
        if (d <= D) {
            g_array_append_val(ring, i);
            g_array_append_val(dist, d);
            g_hash_table_add(in_ring, (gpointer)id);
        }
    }
    if (herault_in_nat != nh) fprintf(stderr, "make_ring: only %zu of Hérault's %zu codes in the national layer\n",
                                      herault_in_nat, nh);

    /* polygons: records copied unchanged */
    {
        g_autofree char *nat_base = g_strndup(nat_path, strlen(nat_path) - 4);
        g_autofree char *base = g_build_filename(out, "communes_ring34_cog2024", NULL);
        SHPHandle si = SHPOpen(nat_base, "rb");
        DBFHandle di = DBFOpen(nat_base, "rb");
        SHPHandle so = SHPCreate(base, SHPT_POLYGON);
        DBFHandle dout = DBFCreateEx(base, "UTF-8");
        if (!si || !di || !so || !dout) die(NULL, "cannot open or create the shapefiles");
        int nf = DBFGetFieldCount(di);
        for (int f = 0; f < nf; f++) {
            char name[XBASE_FLDNAME_LEN_READ + 1];
            int w, dec;
            DBFFieldType ty = DBFGetFieldInfo(di, f, name, &w, &dec);
            DBFAddField(dout, name, ty, w, dec);
        }
        int fd = DBFAddField(dout, "dist_km", FTDouble, 8, 3);
        for (guint k = 0; k < ring->len; k++) {
            int rec = (int)g_array_index(ring, size_t, k);
            SHPObject *o = SHPReadObject(si, rec);
            SHPWriteObject(so, -1, o);
            SHPDestroyObject(o);
            for (int f = 0; f < nf; f++) DBFWriteStringAttribute(dout, (int)k, f, DBFReadStringAttribute(di, rec, f));
            DBFWriteDoubleAttribute(dout, (int)k, fd, g_array_index(dist, double, k) / 1000.0);
        }
        SHPClose(si);
        DBFClose(di);
        SHPClose(so);
        DBFClose(dout);
        g_autofree char *prj_in = g_strconcat(nat_base, ".prj", NULL);
        g_autofree char *prj_out = g_strconcat(base, ".prj", NULL);
        g_autofree char *cpg_out = g_strconcat(base, ".cpg", NULL);
        char *prj = NULL;
        if (!g_file_get_contents(prj_in, &prj, NULL, NULL)) die(NULL, "no .prj");
        g_file_set_contents(prj_out, prj, -1, NULL);
        g_file_set_contents(cpg_out, "UTF-8", -1, NULL);
        g_free(prj);
    }

    /* the DREES rows and the BPE rows of the ring, lines unchanged */
    size_t pop_rows = 0, bpe_rows = 0;
    double pop_total = 0;
    {
        ga_table *t = NULL;
        if (ga_table_read(ctx, apl_path, &t)) die(ctx, apl_path);
        char **lines = read_lines(apl_path);
        GString *s = g_string_new(lines[0]);
        g_string_append_c(s, '\n');
        int ci = ga_table_find(t, "insee_code"), cp = ga_table_find(t, "pop_tot_2021");
        for (size_t r = 0; r < ga_table_rows(t); r++)
            if (g_hash_table_contains(in_ring, ga_table_cell(t, r, (size_t)ci))) {
                g_string_append_printf(s, "%s\n", lines[ga_table_line(t, r) - 1]);
                pop_rows++;
                pop_total += atof(ga_table_cell(t, r, (size_t)cp));
            }
        g_autofree char *p = g_build_filename(out, "population_ring34_drees_apl2023.csv", NULL);
        write_file(p, s);
        g_string_free(s, TRUE);
        g_strfreev(lines);
        ga_table_free(t);
    }
    {
        ga_table *t = NULL;
        if (ga_table_read(ctx, bpe_path, &t)) die(ctx, bpe_path);
        char **lines = read_lines(bpe_path);
        GString *s = g_string_new(lines[0]);
        g_string_append_c(s, '\n');
        int ci = ga_table_find(t, "insee_cog2024");
        for (size_t r = 0; r < ga_table_rows(t); r++)
            if (g_hash_table_contains(in_ring, ga_table_cell(t, r, (size_t)ci))) {
                g_string_append_printf(s, "%s\n", lines[ga_table_line(t, r) - 1]);
                bpe_rows++;
            }
        g_autofree char *p = g_build_filename(out, "bpe2019_health_ring34_by_iris.csv", NULL);
        write_file(p, s);
        g_string_free(s, TRUE);
        g_strfreev(lines);
        ga_table_free(t);
    }

    /* hospitals: those whose point lies in a ring commune, and those whose
     * city names a ring commune of the postcode's département wherever the
     * geocoder put them; each checked against the commune it names */
    size_t hosp_rows = 0, hosp_moved = 0, hosp_other = 0, hosp_near = 0, hosp_dropped = 0;
    {
        ga_table *t = NULL;
        ga_points *p = NULL;
        ga_points_options po = {.id_col = "id", .lon_col = "lon", .lat_col = "lat"};
        if (ga_table_read(ctx, hosp_path, &t) || ga_points_read_csv(ctx, hosp_path, &po, &p)) die(ctx, hosp_path);
        if (ga_points_assign_communes(ctx, p, nat, true)) die(ctx, "assigning hospitals");
        ga_ctx_clear_warnings(ctx);
        int c_city = ga_table_find(t, "city"), c_pc = ga_table_find(t, "postcode"), c_name = ga_table_find(t, "hospital_name");
        /* every commune by (département, name key); a name twice in a
         * département is ambiguous (-2) */
        GHashTable *by_name = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
        for (size_t i = 0; i < nn; i++) {
            g_autofree char *key = name_key(ga_communes_name(nat, i));
            char *dk = g_strdup_printf("%.2s|%s", ga_communes_id(nat, i), key);
            if (g_hash_table_contains(by_name, dk)) {
                g_hash_table_insert(by_name, dk, GSIZE_TO_POINTER(0));
                continue;
            }
            g_hash_table_insert(by_name, dk, GSIZE_TO_POINTER(i + 1));
        }
        char **lines = read_lines(hosp_path);
        GString *s = g_string_new(lines[0]);
        g_string_append(s, ",x_l93,y_l93,insee_pip,geocode_check\n");
        for (size_t r = 0; r < ga_table_rows(t); r++) {
            long pip = ga_points_commune(p, r);
            const char *pc = ga_table_cell(t, r, (size_t)c_pc);
            if (g_str_has_prefix(pc, "34")) continue; /* Hérault's: the embedded file */
            g_autofree char *key = name_key(ga_table_cell(t, r, (size_t)c_city));
            g_autofree char *dk = g_strdup_printf("%.2s|%s", pc, key);
            long named = (long)GPOINTER_TO_SIZE(g_hash_table_lookup(by_name, dk)) - 1;
            bool pip_ring = pip >= 0 && g_hash_table_contains(in_ring, ga_communes_id(nat, (size_t)pip));
            bool named_ring = named >= 0 && g_hash_table_contains(in_ring, ga_communes_id(nat, (size_t)named));
            if (!pip_ring && !named_ring) continue;
            double x, y;
            ga_points_xy(p, r, &x, &y);
            const char *check;
            long where = pip;
            if (named >= 0 && pip == named) {
                check = "ok";
            } else if (named >= 0) {
                /* the point is elsewhere than the commune named: how far? */
                double d = 0;
                GEOSGeometry *pt = GEOSGeom_createPointFromXY_r(h, x, y);
                GEOSDistance_r(h, pt, ga_communes_geometry(nat, (size_t)named), &d);
                GEOSGeom_destroy_r(h, pt);
                if (d <= 5000) {
                    check = "near_named"; /* a hospital at the edge of its commune: point kept */
                    hosp_near++;
                } else if (named_ring) {
                    /* geocoded far from its commune: put at the commune's point */
                    ga_communes_point(nat, (size_t)named, &x, &y);
                    where = named;
                    check = "moved_to_named";
                    hosp_moved++;
                    fprintf(stderr, "make_ring: FINESS %s (%s, %s %s) geocoded %.1f km from %s: put at its point\n",
                            ga_points_id(p, r), ga_table_cell(t, r, (size_t)c_name), pc,
                            ga_table_cell(t, r, (size_t)c_city), d / 1000.0, ga_communes_name(nat, (size_t)named));
                } else {
                    /* geocoded in the ring, but its commune is outside: left out */
                    hosp_dropped++;
                    fprintf(stderr, "make_ring: FINESS %s (%s, %s %s) is geocoded in %s %s, %.1f km from %s %s "
                            "that it names, outside the ring: left out\n", ga_points_id(p, r),
                            ga_table_cell(t, r, (size_t)c_name), pc, ga_table_cell(t, r, (size_t)c_city),
                            ga_communes_id(nat, (size_t)pip), ga_communes_name(nat, (size_t)pip), d / 1000.0,
                            ga_communes_id(nat, (size_t)named), ga_communes_name(nat, (size_t)named));
                    continue;
                }
            } else {
                /* in the ring, its city names no single commune of its département */
                check = "city_unmatched";
                hosp_other++;
                fprintf(stderr, "make_ring: FINESS %s (%s, %s %s) lies in %s %s: city not matched, point kept\n",
                        ga_points_id(p, r), ga_table_cell(t, r, (size_t)c_name), pc,
                        ga_table_cell(t, r, (size_t)c_city), ga_communes_id(nat, (size_t)pip),
                        ga_communes_name(nat, (size_t)pip));
            }
            if (where < 0 || !g_hash_table_contains(in_ring, ga_communes_id(nat, (size_t)where))) continue;
            g_string_append_printf(s, "%s,%.1f,%.1f,%s,%s\n", lines[ga_table_line(t, r) - 1], x, y,
                                   ga_communes_id(nat, (size_t)where), check);
            hosp_rows++;
        }
        g_autofree char *path = g_build_filename(out, "hospitals_ring34_finess2020.csv", NULL);
        write_file(path, s);
        g_string_free(s, TRUE);
        g_strfreev(lines);
        g_hash_table_destroy(by_name);
        ga_points_free(p);
        ga_table_free(t);
    }

    /* what the engine reads to know the ring's reach (ga_ring_load) */
    {
        GString *ini = g_string_new(NULL);
        g_string_append_printf(ini, "# written by geodata/tools/make_ring.c; see PROVENANCE.txt\n[ring]\n"
                               "around=34\nminutes=%g\ndetour=%g\nspeed_kmh=%g\nwidth_km=%.3f\ncommunes=%u\n",
                               minutes, detour, speed, D / 1000.0, ring->len);
        g_autofree char *p = g_build_filename(out, "ring.ini", NULL);
        write_file(p, ini);
        g_string_free(ini, TRUE);
    }

    /* summary: the ring by département */
    GHashTable *per_dep = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    double maxd = 0;
    for (guint k = 0; k < ring->len; k++) {
        char *dep = g_strndup(ga_communes_id(nat, g_array_index(ring, size_t, k)), 2);
        gpointer v = g_hash_table_lookup(per_dep, dep);
        g_hash_table_insert(per_dep, dep, GSIZE_TO_POINTER(GPOINTER_TO_SIZE(v) + 1));
        if (g_array_index(dist, double, k) > maxd) maxd = g_array_index(dist, double, k);
    }
    printf("ring: D = %g min x %g km/h / %g = %.3f km; %u communes (", minutes, speed, detour, D / 1000.0, ring->len);
    GList *keys = g_list_sort(g_hash_table_get_keys(per_dep), (GCompareFunc)strcmp);
    for (GList *l = keys; l; l = l->next)
        printf("%s%s: %zu", l == keys ? "" : ", ", (char *)l->data,
               GPOINTER_TO_SIZE(g_hash_table_lookup(per_dep, l->data)));
    g_list_free(keys);
    printf("), %zu DREES rows (%.0f people), %zu BPE rows, %zu hospitals (%zu within 5 km of the commune "
           "they name, %zu moved to it, %zu city unmatched; %zu geocoded in the ring left out)\n", pop_rows, pop_total,
           bpe_rows, hosp_rows, hosp_near, hosp_moved, hosp_other, hosp_dropped);
    g_hash_table_destroy(per_dep);
    g_hash_table_destroy(in_ring);
    g_array_free(ring, TRUE);
    g_array_free(dist, TRUE);
    GEOSPreparedGeom_destroy_r(h, prep);
    GEOSGeom_destroy_r(h, herault);
    ga_communes_free(her);
    ga_communes_free(nat);
    ga_ctx_free(ctx);
    return 0;
}
