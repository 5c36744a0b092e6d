/* acskit-run summary --csv and --html: the fleet as a spreadsheet and as one
 * self-contained page. The page fetches nothing (a Content-Security-Policy
 * forbids it), carries its chart as inline SVG and a small inline script
 * that sorts the table, and escapes every text it took from a report. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exitcodes.h"
#include "plat.h"
#include "msg.h"
#include "print.h"
#include "runner.h"
#include "summary.h"
#include "text.h"
#include "version.h"

struct buf {
	char *p;
	size_t len, cap;
	int failed;
};

static void put(struct buf *b, const char *s, size_t n)
{
	if (b->failed)
		return;
	if (text_reserve(&b->p, &b->cap, b->len + n + 1, 65536)) {
		b->failed = 1;
		return;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void puts_(struct buf *b, const char *s)
{
	put(b, s, strlen(s));
}

static void printf_(struct buf *b, const char *fmt, ...) PRINT_FMT(2, 3);
static void printf_(struct buf *b, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	int n;
	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof tmp)
		b->failed = 1;
	else
		put(b, tmp, (size_t)n);
}

/* Text for HTML, in an element or a quoted attribute. */
static void html(struct buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': puts_(b, "&amp;"); break;
		case '<': puts_(b, "&lt;"); break;
		case '>': puts_(b, "&gt;"); break;
		case '"': puts_(b, "&quot;"); break;
		case '\'': puts_(b, "&#39;"); break;
		default: put(b, s, 1);
		}
	}
}

/* One CSV field (RFC 4180). A field that a spreadsheet would read as a
 * formula (=, +, -, @, tab, CR at the start) gets a leading apostrophe. */
static void csv(struct buf *b, const char *s, int last)
{
	put(b, "\"", 1);
	if (strchr("=+-@\t\r", s[0]) && s[0])
		put(b, "'", 1);
	for (; *s; s++) {
		if (*s == '"')
			put(b, "\"", 1);
		put(b, s, 1);
	}
	puts_(b, last ? "\"\r\n" : "\",");
}

/* Writes b to path through a temporary file. Returns an exit code. */
static int write_out(struct buf *b, const char *path, const char *what)
{
	int e;
	if (b->failed) {
		free(b->p);
		complain(T(M_SUM_OUT_OOM), what);
		return EXIT_INTERNAL;
	}
	e = runner_write_file(path, b->p, b->len, what, what);
	free(b->p);
	return e;
}

int summary_write_csv(const struct fleet *f, const char *path)
{
	struct buf b;
	size_t i;
	char n[32];
	memset(&b, 0, sizeof b);
	puts_(&b, "\"machine\",\"machine_id\",\"os\",\"os_row\",\"outcome\",\"exit_code\",\"missing\",\"time\",\"kit\","
	          "\"other_kit\",\"superseded\",\"schema\",\"verb\",\"summary\",\"file\"\r\n");
	for (i = 0; i < f->nmachines; i++) {
		const struct sum_report *m = f->machines[i];
		csv(&b, m->name, 0);
		csv(&b, m->machine_id, 0);
		csv(&b, m->os, 0);
		csv(&b, m->os_row, 0);
		csv(&b, sum_outcome_names[m->outcome], 0);
		(void)snprintf(n, sizeof n, "%d", m->exit_code);
		csv(&b, n, 0);
		csv(&b, m->missing, 0);
		csv(&b, m->time, 0);
		csv(&b, m->kit, 0);
		csv(&b, f->expect ? (m->other_kit ? "yes" : "no") : "", 0);
		(void)snprintf(n, sizeof n, "%lu", (unsigned long)m->superseded);
		csv(&b, n, 0);
		csv(&b, m->schema == 1 ? "acskit-report/1" : "acskit-report/2", 0);
		csv(&b, m->verb, 0);
		csv(&b, m->summary, 0);
		csv(&b, m->file, 1);
	}
	return write_out(&b, path, "csv");
}

/* Colours by outcome, for the chart and the table. */
static const char *const colour[SO_N] = {"#2e7d32", "#c62828", "#f9a825", "#6a1b9a", "#4e342e",
                                         "#795548", "#ad1457", "#546e7a", "#37474f", "#d84315", "#ef6c00"};

static void count_table(struct buf *b, const char *title, const char *id, const struct sum_count *c, size_t n)
{
	size_t i;
	printf_(b, "<h2>%s</h2>\n<table class=\"counts\" id=\"%s\"><tbody>\n", title, id);
	for (i = 0; i < n; i++) {
		puts_(b, "<tr><td>");
		html(b, c[i].label);
		printf_(b, "</td><td class=\"n\">%lu</td></tr>\n", (unsigned long)c[i].n);
	}
	if (!n)
		puts_(b, "<tr><td>none</td><td class=\"n\">0</td></tr>\n");
	puts_(b, "</tbody></table>\n");
}

int summary_write_html(const struct fleet *f, const char *path)
{
	struct buf b;
	size_t i, s, max = 1, nbars = 0;
	memset(&b, 0, sizeof b);
	puts_(&b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
	          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
	          "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n"
	          "<title>acskit fleet summary</title>\n<style>\n"
	          "body{font:14px/1.4 sans-serif;margin:1.5em;color:#222}\n"
	          "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}\n"
	          "th{background:#eee;cursor:pointer}td.n{text-align:right}\n"
	          ".o-ready{color:#2e7d32}.o-action-needed{color:#c62828;font-weight:bold}\n"
	          "</style></head><body>\n<h1>acskit fleet summary</h1>\n");
	printf_(&b, "<p id=\"totals\">%lu machines from %lu reports (%lu older reports superseded); %lu files read, "
	            "%lu refused. Generated %s by acskit-run %s.</p>\n",
	        (unsigned long)f->nmachines, (unsigned long)f->nreps, (unsigned long)f->superseded,
	        (unsigned long)f->files, (unsigned long)f->nbad, f->generated, ACSKIT_VERSION);
	if (f->expect) {
		printf_(&b, "<p id=\"other-kit\">%lu machines checked with another kit than ", (unsigned long)f->other_kit);
		html(&b, f->expect);
		puts_(&b, ".</p>\n");
	}
	/* The chart: one bar per outcome present, its count as text. */
	for (s = 0; s < SO_N; s++) {
		if (f->outcome[s] > max)
			max = f->outcome[s];
		if (f->outcome[s])
			nbars++;
	}
	printf_(&b, "<h2>Outcomes</h2>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"560\" height=\"%lu\" "
	            "role=\"img\" aria-label=\"machines per outcome\">\n",
	        (unsigned long)(nbars * 28 + 8));
	for (s = 0, i = 0; s < SO_N; s++) {
		unsigned long w;
		if (!f->outcome[s])
			continue;
		w = (unsigned long)(f->outcome[s] * 360 / max);
		printf_(&b, "<text x=\"0\" y=\"%lu\" font-size=\"13\">%s</text>", (unsigned long)(i * 28 + 20),
		        sum_outcome_names[s]);
		printf_(&b, "<rect x=\"130\" y=\"%lu\" width=\"%lu\" height=\"20\" fill=\"%s\"/>",
		        (unsigned long)(i * 28 + 6), w ? w : 1, colour[s]);
		printf_(&b, "<text x=\"%lu\" y=\"%lu\" font-size=\"13\">%lu</text>\n", 136 + w,
		        (unsigned long)(i * 28 + 20), (unsigned long)f->outcome[s]);
		i++;
	}
	puts_(&b, "</svg>\n<table class=\"counts\" id=\"outcomes\"><tbody>\n");
	for (s = 0; s < SO_N; s++)
		printf_(&b, "<tr><td>%s</td><td class=\"n\" id=\"count-%s\">%lu</td></tr>\n", sum_outcome_names[s],
		        sum_outcome_names[s], (unsigned long)f->outcome[s]);
	puts_(&b, "</tbody></table>\n");
	count_table(&b, "Per OS row", "rows", f->rows, f->nrows);
	printf_(&b, "<h2>Missing</h2>\n<p>root: <span id=\"missing-root\">%lu</span></p>\n",
	        (unsigned long)f->root_missing);
	count_table(&b, "Missing updates", "kbs", f->kbs, f->nkbs);
	puts_(&b, "<h2>Machines</h2>\n<p>Click a column heading to sort.</p>\n<table id=\"machines\"><thead><tr>"
	          "<th>machine</th><th>OS</th><th>OS row</th><th>outcome</th><th>missing</th><th>when</th><th>kit</th>"
	          "<th>older reports</th><th>notes</th></tr></thead><tbody>\n");
	for (i = 0; i < f->nmachines; i++) {
		const struct sum_report *m = f->machines[i];
		puts_(&b, "<tr><td>");
		html(&b, m->name);
		puts_(&b, "</td><td>");
		html(&b, m->os);
		puts_(&b, "</td><td>");
		html(&b, m->os_row);
		printf_(&b, "</td><td class=\"o-%s\">%s</td><td>", sum_outcome_names[m->outcome],
		        sum_outcome_names[m->outcome]);
		html(&b, m->missing);
		puts_(&b, "</td><td>");
		html(&b, m->time);
		puts_(&b, "</td><td title=\"");
		html(&b, m->kit);
		printf_(&b, "\">%.12s</td><td class=\"n\">%lu</td><td>", m->kit, (unsigned long)m->superseded);
		if (m->other_kit)
			puts_(&b, "other kit ");
		if (m->names_differ)
			puts_(&b, "names differ under one machine ID ");
		if (m->schema == 1)
			puts_(&b, "schema /1: no machine identity");
		puts_(&b, "</td></tr>\n");
	}
	puts_(&b, "</tbody></table>\n");
	if (f->nbad) {
		puts_(&b, "<h2>Refused files</h2>\n<table id=\"refused\"><tbody>\n");
		for (i = 0; i < f->nbad; i++) {
			puts_(&b, "<tr><td>");
			html(&b, f->bad[i].file);
			puts_(&b, "</td><td>");
			html(&b, f->bad[i].reason);
			puts_(&b, "</td></tr>\n");
		}
		puts_(&b, "</tbody></table>\n");
	}
	/* Sorting: numbers as numbers, the rest as text; a second click reverses. */
	puts_(&b, "<script>\n(function(){var t=document.getElementById('machines');if(!t)return;\n"
	          "var hs=t.tHead.rows[0].cells,dir={};\n"
	          "function key(r,c){var s=r.cells[c].textContent;return /^[0-9]+$/.test(s)?+s:s.toLowerCase();}\n"
	          "for(var c=0;c<hs.length;c++)(function(c){hs[c].onclick=function(){\n"
	          "var b=t.tBodies[0],rs=Array.prototype.slice.call(b.rows);dir[c]=-(dir[c]||-1);\n"
	          "rs.sort(function(x,y){var a=key(x,c),z=key(y,c);return a<z?-dir[c]:a>z?dir[c]:0;});\n"
	          "rs.forEach(function(r){b.appendChild(r);});};})(c);})();\n</script>\n</body></html>\n");
	return write_out(&b, path, "html");
}
