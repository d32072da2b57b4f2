/* Text for the HTML report (write/report.h): numbers in the report's
 * language and HTML escaping. Numbers are formatted here rather than with
 * setlocale/printf's grouping: the library must not depend on, or change,
 * the process locale. */
#ifndef GA_WRITE_REPORT_FMT_H
#define GA_WRITE_REPORT_FMT_H

#include <glib.h>

typedef enum { GA_LANG_FR, GA_LANG_EN } ga_lang;

/* v with `decimals` decimals (0 to 9): French "1 234 567,89" (thousands
 * separated by U+202F NARROW NO-BREAK SPACE, the French typographic thin
 * space, decimal comma), English "1,234,567.89". Negative numbers take
 * "-"; a value that rounds to zero has no sign. NAN: "–" (en dash);
 * INFINITY: "∞". */
void ga_fmt_number(GString *out, double v, int decimals, ga_lang lang);

/* A share (0.123 -> French "12,3 %" with U+202F before %, English "12.3%"). */
void ga_fmt_percent(GString *out, double share, int decimals, ga_lang lang);

/* `text` with & < > " ' escaped, for element content and attribute values
 * alike; invalid UTF-8 becomes U+FFFD. */
void ga_html_escape(GString *out, const char *text);

#endif
