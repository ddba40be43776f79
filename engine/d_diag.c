/*
 * d_diag.c - recording and printing compile errors; see d_diag.h.
 */
#include "d_diag.h"

#include <string.h>

int d_diag_verror(struct d_diag *dg, struct d_pos pos, const char *tag, const char *fmt, va_list ap)
{
	if (dg->set)
		return -1;
	dg->set = 1;
	dg->pos = pos;
	snprintf(dg->tag, sizeof(dg->tag), "%s", tag ? tag : "");
	vsnprintf(dg->msg, sizeof(dg->msg), fmt, ap);
	return -1;
}

int d_diag_error(struct d_diag *dg, struct d_pos pos, const char *tag, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	d_diag_verror(dg, pos, tag, fmt, ap);
	va_end(ap);
	return -1;
}

void d_diag_print_dtrace(FILE *fp, const struct d_diag *dg, const char *prog, const char *what, int errtags)
{
	fprintf(fp, "%s: %s: ", prog, what);
	if (errtags && dg->tag[0])
		fprintf(fp, "[%s] ", dg->tag);
	if (dg->pos.line > 0)
		fprintf(fp, "line %d: ", dg->pos.line);
	fprintf(fp, "%s\n", dg->msg);
}

/* Find line n (1-based) of src; NULL when there is none. */
static const char *source_line(const char *src, int n, size_t *len)
{
	const char *l = src;

	for (int line = 1; line < n && l; line++) {
		l = strchr(l, '\n');
		if (l)
			l++;
	}
	if (!l || !*l)
		return NULL;
	*len = strcspn(l, "\n");
	return l;
}

void d_diag_print_source(FILE *fp, const struct d_diag *dg, const char *src)
{
	size_t len;
	const char *l;
	int w;

	if (!src || dg->pos.line <= 0 || !(l = source_line(src, dg->pos.line, &len)))
		return;
	w = fprintf(fp, "%5d | ", dg->pos.line);
	fprintf(fp, "%.*s\n%*s| ", (int)len, l, w - 2, "");
	for (int i = 1; i < dg->pos.col && (size_t)(i - 1) < len; i++)
		fputc(l[i - 1] == '\t' ? '\t' : ' ', fp);
	fputs("^\n", fp);
}

void d_diag_print_rich(FILE *fp, const struct d_diag *dg, const char *srcname, const char *src)
{
	if (dg->pos.line > 0)
		fprintf(fp, "%s:%d:%d: error", srcname, dg->pos.line, dg->pos.col);
	else
		fprintf(fp, "%s: error", srcname);
	if (dg->tag[0])
		fprintf(fp, " [%s]", dg->tag);
	fprintf(fp, ": %s\n", dg->msg);
	d_diag_print_source(fp, dg, src);
}
