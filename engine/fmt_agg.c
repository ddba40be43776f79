/*
 * fmt_agg.c - printing aggregations the way dtrace does: printa() with and
 * without a format, the rows printed at exit, and the quantize, lquantize
 * and llquantize histograms.
 *
 * A row is the key components, then the value, then a newline.  Each piece
 * has a fixed layout that depends on its type, not on the other rows:
 *
 *   integer key     " %16lld" (8 bytes), " %8d", " %5d", " %3d" (narrower;
 *                   2- and 1-byte keys show as unsigned, 4-byte as signed)
 *   string key      "  %-50s"
 *   symbol key      "  %-50s";  stack key: a newline, then each frame
 *                   indented by 14 spaces on its own line
 *   count, sum,
 *   min, max, avg   " %16lld";  stddev " %16llu"
 *   histogram       "\n", the header, one line per bucket
 *
 * A histogram shows the buckets from one before the first non-zero bucket
 * to one after the last; each line is the bucket's label in 16 columns, a
 * bar of 40 cells of '@' proportional to the count (rounded), and the count
 * in "%-9lld".  With negative counts the bar grows leftwards, and with both
 * signs the 40 cells are split around a centre line.  normalize() divides
 * what is printed, never the bar lengths.
 *
 * The llquantize() histogram is Oracle's DTrace for Linux's, which keeps
 * negative buckets mirroring the positive ones; dscope's layout (agg.h)
 * has none, so they are printed as the empty buckets they would be, and
 * the labels ("abs() < 27", "0", "< 100", "-27"...) come out the same as
 * dtrace's for non-negative data.
 */
#include "fmt.h"

#include <stdlib.h>
#include <string.h>

static const char ats[] = "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@";
static const char spaces[] = "                                        ";

static int64_t norm_of(const struct agg_table *t, const struct agg_entry *e)
{
	if (t->normal > 1)
		return t->normal;
	if (e && e->normal > 1)
		return e->normal;
	return 1;
}

/* dtrace's default print divides (long long)value by an unsigned normal:
 * the division is unsigned, which matters only for negative values. */
static long long udiv(int64_t v, int64_t normal)
{
	if (normal <= 1)
		return v;
	return (long long)((uint64_t)v / (uint64_t)normal);
}

static long double ldabs(int64_t v)
{
	return v < 0 ? -(long double)v : (long double)v;
}

static void quantline(FILE *fp, int64_t val, int64_t normal, long double total, int pos, int neg)
{
	unsigned len = 40, depth = 0;
	const char *a = ats, *s = spaces;

	if (!neg) {
		if (pos)
			depth = (unsigned)(ldabs(val) * len / total + 0.5L);
		fprintf(fp, "|%s%s %-9lld\n", a + len - depth, s + depth, udiv(val, normal));
		return;
	}
	if (!pos) {
		depth = (unsigned)(ldabs(val) * len / total + 0.5L);
		fprintf(fp, "%s%s| %-9lld\n", s + depth, a + len - depth, udiv(val, normal));
		return;
	}
	len /= 2;
	a += len;
	s += len;
	depth = (unsigned)(ldabs(val) * len / total + 0.5L);
	if (val <= 0)
		fprintf(fp, "%s%s|%*s %-9lld\n", s + depth, a + len - depth, (int)len, "", udiv(val, normal));
	else
		fprintf(fp, "%20s|%s%s %-9lld\n", "", a + len - depth, s + depth, udiv(val, normal));
}

static void hist_header(FILE *fp)
{
	fprintf(fp, "\n%16s %41s %-9s\n", "value", "------------- Distribution -------------", "count");
}

/* Signs and total of the counts shown. */
static long double hist_total(const int64_t *data, int first, int last, int *pos, int *neg)
{
	long double total = 0;
	int i;

	*pos = *neg = 0;
	for (i = first; i <= last; i++) {
		*pos |= data[i] > 0;
		*neg |= data[i] < 0;
		total += ldabs(data[i]);
	}
	return total;
}

/* The rows to show of n buckets: around the non-zero ones, or `lo`..`hi`
 * when all are zero. */
static void hist_range(const int64_t *data, int n, int lo, int hi, int *first, int *last)
{
	int f = 0, l = n - 1;

	while (f <= l && data[f] == 0)
		f++;
	if (f > l) {
		*first = lo;
		*last = hi;
		return;
	}
	if (f > 0)
		f--;
	while (l > 0 && data[l] == 0)
		l--;
	if (l < n - 1)
		l++;
	*first = f;
	*last = l;
}

static void print_quantize(FILE *fp, const int64_t *data, int64_t normal)
{
	int first, last, pos, neg, i;
	long double total;

	hist_range(data, AGG_QUANTIZE_NBUCKETS, AGG_QUANTIZE_ZERO - 1, AGG_QUANTIZE_ZERO + 1, &first, &last);
	total = hist_total(data, first, last, &pos, &neg);
	hist_header(fp);
	for (i = first; i <= last; i++) {
		fprintf(fp, "%16lld ", (long long)agg_quantize_value(i));
		quantline(fp, data[i], normal, total, pos, neg);
	}
}

static void print_lquantize(FILE *fp, const struct agg_desc *d, const int64_t *data, int64_t normal)
{
	int base = (int)d->param[0], step = (int)d->param[2], levels, first, last, pos, neg, i;
	long double total;
	char c[32];

	if (step <= 0 || d->param[1] <= d->param[0])
		return;
	levels = (int)((d->param[1] - d->param[0]) / d->param[2]);
	hist_range(data, levels + 2, 0, 2, &first, &last);
	total = hist_total(data, first, last, &pos, &neg);
	hist_header(fp);
	for (i = first; i <= last; i++) {
		if (i == 0) {
			snprintf(c, sizeof(c), "< %d", base);
			fprintf(fp, "%16s ", c);
		} else if (i == levels + 1) {
			snprintf(c, sizeof(c), ">= %d", base + levels * step);
			fprintf(fp, "%16s ", c);
		} else {
			fprintf(fp, "%16d ", base + (i - 1) * step);
		}
		quantline(fp, data[i], normal, total, pos, neg);
	}
}

static uint64_t upow(int64_t f, int64_t e)
{
	uint64_t r = 1;

	while (e-- > 0)
		r *= (uint64_t)f;
	return r;
}

enum { LLQ_CW = 16 }; /* dtrace's label buffer: labels are cut at 15 chars */

struct llq {
	int nbins, bin0, first, last, pad;
	char (*label)[LLQ_CW];
};

static void llq_label(struct llq *q, long i, const char *fmt, unsigned long long v)
{
	if (i < q->first - q->pad || i > q->last + q->pad || i < 0 || i >= q->nbins)
		return;
	snprintf(q->label[i], LLQ_CW, fmt, v);
}

/* An llquantize() histogram labelled by dscope's own buckets. */
static void print_llq_plain(FILE *fp, const int64_t *bounds, int nb, const int64_t *data, int64_t normal)
{
	int first, last, pos, neg, i;
	long double total;
	char c[32];

	hist_range(data, nb + 1, 0, 1, &first, &last);
	total = hist_total(data, first, last, &pos, &neg);
	hist_header(fp);
	for (i = first; i <= last; i++) {
		if (i == 0)
			snprintf(c, sizeof(c), "< %lld", (long long)bounds[0]);
		else if (i == nb)
			snprintf(c, sizeof(c), ">= %lld", (long long)bounds[nb - 1]);
		else
			snprintf(c, sizeof(c), "%lld", (long long)bounds[i - 1]);
		fprintf(fp, "%16s ", c);
		quantline(fp, data[i], normal, total, pos, neg);
	}
}

/*
 * dtrace's llquantize() histogram.  Its bins: the negative overflow, the
 * negative buckets, bin0 (|v| < factor^low), the positive buckets, the
 * positive overflow; (hmag-lmag+1)*(steps-steps/factor) buckets on each
 * side, some of them unlabelled "ghost" bins when low is 0 and steps
 * exceeds factor.  The data are placed there, then printed as dtrace does.
 */
static void print_llquantize(FILE *fp, const struct agg_desc *d, const int64_t *data, int64_t normal)
{
	int64_t factor = d->param[0], lmag = d->param[1], hmag = d->param[2], steps = d->param[3];
	int64_t sf, step, mag, *bounds = NULL, *vdata = NULL;
	uint64_t *posval = NULL, scale;
	int nb, npos, pos, neg, k;
	long i, j;
	long double total;
	struct llq q = { 0 };

	nb = agg_llq_bounds(factor, lmag, hmag, steps, NULL, 0);
	if (nb <= 0)
		return;
	sf = steps / factor;
	npos = (int)((hmag - lmag + 1) * (steps - sf));
	q.nbins = 2 * npos + 3;
	q.bin0 = npos + 1;
	bounds = malloc(sizeof(*bounds) * (size_t)nb);
	vdata = calloc((size_t)q.nbins, sizeof(*vdata));
	posval = calloc((size_t)npos + 2, sizeof(*posval));
	q.label = calloc((size_t)q.nbins, sizeof(*q.label));
	if (!bounds || !vdata || !posval || !q.label)
		goto out;
	agg_llq_bounds(factor, lmag, hmag, steps, bounds, nb);

	/* the value each positive bin starts at, as dtrace labels them */
	i = 1;
	posval[1] = upow(factor, lmag);
	mag = lmag;
	if (lmag == 0 && steps > factor) {
		for (step = 2; step <= factor; step++) {
			i += sf;
			if (i <= npos)
				posval[i] = (uint64_t)step;
		}
		mag++;
	}
	scale = upow(factor, mag + 1) / (uint64_t)steps;
	for (; mag <= hmag; mag++) {
		for (step = sf + 1; step <= steps; step++)
			if (++i <= npos)
				posval[i] = (uint64_t)step * scale;
		scale *= (uint64_t)factor;
	}
	vdata[q.bin0] = data[0];
	for (i = 1, k = 1; i <= npos && k < nb; i++)
		if (posval[i] == (uint64_t)bounds[k - 1])
			vdata[q.bin0 + i] = data[k++];
	vdata[q.nbins - 1] = data[nb];
	if (k < nb) {
		/* parameters dtrace would have refused: show every bucket */
		print_llq_plain(fp, bounds, nb, data, normal);
		goto out;
	}

	q.first = 0;
	q.last = q.nbins - 1;
	while (q.first <= q.last && vdata[q.first] == 0)
		q.first++;
	if (q.first > q.last) {
		q.first = q.last = q.bin0 + 1;
	} else {
		while (vdata[q.last] == 0)
			q.last--;
	}
	total = hist_total(vdata, q.first, q.last, &pos, &neg);
	hist_header(fp);
	if (q.first > 0)
		q.first--;
	if (q.last < q.nbins - 1)
		q.last++;
	q.pad = lmag == 0 && steps > factor ? (int)sf : 0;

	scale = upow(factor, lmag);
	if (scale == 1)
		llq_label(&q, q.bin0, "%llu", 0);
	else if (q.first >= q.bin0)
		llq_label(&q, q.bin0, "< %llu", scale);
	else
		llq_label(&q, q.bin0, "abs() < %llu", scale);
	llq_label(&q, q.bin0 - 1, "-%llu", scale);
	llq_label(&q, q.bin0 + 1, "%llu", scale);
	mag = lmag;
	i = 1;
	if (lmag == 0 && steps > factor) {
		for (step = 2; step <= factor; step++) {
			i += sf;
			llq_label(&q, q.bin0 - i, "-%llu", (unsigned long long)step);
			llq_label(&q, q.bin0 + i, "%llu", (unsigned long long)step);
		}
		mag++;
	}
	scale = upow(factor, mag + 1) / (uint64_t)steps;
	for (; mag <= hmag; mag++) {
		for (step = sf + 1; step <= steps; step++) {
			i++;
			llq_label(&q, q.bin0 - i, "-%llu", (uint64_t)step * scale);
			llq_label(&q, q.bin0 + i, "%llu", (uint64_t)step * scale);
		}
		scale *= (uint64_t)factor;
	}
	scale = upow(factor, hmag + 1);
	llq_label(&q, 0, "<= -%llu", scale);
	llq_label(&q, q.nbins - 1, ">= %llu", scale);

	/* a first or last row on a ghost bin borrows its neighbour's label */
	if (q.pad > 0) {
		if (!q.label[q.first][0]) {
			for (j = 1; j < q.pad; j++)
				if (q.first - j >= 0 && q.label[q.first - j][0])
					break;
			if (j < q.pad)
				memcpy(q.label[q.first], q.label[q.first - j], LLQ_CW);
		}
		if (!q.label[q.last][0]) {
			for (j = 1; j < q.pad; j++)
				if (q.last + j < q.nbins && q.label[q.last + j][0])
					break;
			if (j < q.pad)
				memcpy(q.label[q.last], q.label[q.last + j], LLQ_CW);
		}
	}
	for (i = q.first; i <= q.last; i++) {
		if (!q.label[i][0])
			continue;
		fprintf(fp, "%16s ", q.label[i]);
		quantline(fp, vdata[i], normal, total, pos, neg);
	}
out:
	free(bounds);
	free(vdata);
	free(posval);
	free(q.label);
}

static void print_hist(FILE *fp, const struct agg_desc *d, const int64_t *data, int64_t normal)
{
	if (d->func == AGG_QUANTIZE)
		print_quantize(fp, data, normal);
	else if (d->func == AGG_LQUANTIZE)
		print_lquantize(fp, d, data, normal);
	else
		print_llquantize(fp, d, data, normal);
}

static int64_t avg_norm(const int64_t *data, int64_t normal)
{
	int64_t q;

	if (data[0] == 0)
		return 0;
	q = data[1] / normal; /* normal >= 1 */
	return q == INT64_MIN && data[0] == -1 ? q : q / data[0];
}

static void print_key(FILE *fp, const struct dvalue *k)
{
	switch (k->kind) {
	case DV_INT:
	case DV_UINT:
		switch (k->size) {
		case 4:
			fprintf(fp, " %8d", (int32_t)(uint32_t)k->i);
			break;
		case 2:
			fprintf(fp, " %5d", (int)(uint16_t)k->i);
			break;
		case 1:
			fprintf(fp, " %3d", (int)(uint8_t)k->i);
			break;
		default:
			fprintf(fp, " %16lld", (long long)k->i);
			break;
		}
		return;
	case DV_STR:
		fprintf(fp, "  %-50s", k->s ? k->s : "");
		return;
	default:
		fmt_trace(fp, k, 0); /* symbols and stacks print as trace() does */
		return;
	}
}

static void print_value(FILE *fp, const struct agg_desc *d, const int64_t *data, int64_t normal)
{
	switch (d->func) {
	case AGG_QUANTIZE:
	case AGG_LQUANTIZE:
	case AGG_LLQUANTIZE:
		print_hist(fp, d, data, normal);
		return;
	case AGG_AVG:
		fprintf(fp, " %16lld", (long long)avg_norm(data, normal));
		return;
	case AGG_STDDEV:
		fprintf(fp, " %16llu", (unsigned long long)agg_stddev(data, normal));
		return;
	default:
		fprintf(fp, " %16lld", udiv(data[0], normal));
		return;
	}
}

void fmt_agg_rows(FILE *fp, const struct agg_table *t)
{
	size_t i;
	int k;

	for (i = 0; i < t->n; i++) {
		const struct agg_entry *e = &t->entries[i];

		for (k = 0; k < t->desc->nkeys; k++)
			print_key(fp, &e->keys[k]);
		print_value(fp, t->desc, e->data, norm_of(t, e));
		fputc('\n', fp);
	}
}

void fmt_agg_print(FILE *fp, const struct agg_table *t)
{
	fputc('\n', fp);
	fmt_agg_rows(fp, t);
}

/* ---- printa() with a format ------------------------------------------- */

/* What a %@ conversion prints for one aggregation's entry. */
static void print_aggconv(FILE *fp, const struct fmt_conv *c, int width, int prec, const struct agg_desc *d,
			  const int64_t *data, int64_t normal)
{
	struct dvalue v = { .kind = DV_INT, .size = 8 };
	uint64_t n = (uint64_t)normal;

	switch (d->func) {
	case AGG_QUANTIZE:
	case AGG_LQUANTIZE:
	case AGG_LLQUANTIZE:
		print_hist(fp, d, data, normal);
		return;
	case AGG_COUNT:
		/* count() is the one unsigned aggregating action */
		v.kind = DV_UINT;
		v.i = (int64_t)((uint64_t)data[0] / n);
		break;
	case AGG_AVG:
		/* dtrace averages in unsigned arithmetic here */
		v.i = data[0] ? (int64_t)((uint64_t)data[1] / n / (uint64_t)data[0]) : 0;
		break;
	case AGG_STDDEV:
		v.i = (int64_t)agg_stddev(data, normal);
		break;
	default:
		v.i = data[0] / normal; /* normal >= 1 */
		break;
	}
	fmt_conv_print(fp, c, width, prec, &v);
}

static int key_int(const struct dvalue *v)
{
	if (!v || (v->kind != DV_INT && v->kind != DV_UINT))
		return 0;
	switch (v->size) {
	case 1:
		return (int8_t)v->i;
	case 2:
		return (int16_t)v->i;
	default:
		return (int32_t)v->i;
	}
}

/* One printa() line: keys feed the plain conversions, tables the %@ ones
 * (the last table again once they are used up). */
static void printa_line(FILE *fp, const struct fmt *f, struct agg_table *const *tables, int ntables,
			const int *idx, const struct dvalue *keys, const int64_t *zero)
{
	int nkeys = tables[0]->desc->nkeys, k = 0, cur = 0, i;

	for (i = 0; i < f->nconv; i++) {
		const struct fmt_conv *c = &f->conv[i];
		int width = c->width > 0 ? c->width : 0;
		int prec = c->prec > 0 ? c->prec : 0;

		fputs(c->lit, fp);
		if (c->conv == '%') {
			fputc('%', fp);
			continue;
		}
		if (c->width == -2)
			width = k < nkeys ? key_int(&keys[k++]) : 0;
		if (c->prec == -2)
			prec = k < nkeys ? key_int(&keys[k++]) : 0;
		if (c->want == FW_AGG) {
			const struct agg_table *t = tables[cur];
			const struct agg_entry *e = idx[cur] < 0 ? NULL : &t->entries[idx[cur]];

			print_aggconv(fp, c, width, prec, t->desc, e ? e->data : zero, norm_of(t, e));
			if (cur < ntables - 1)
				cur++;
			continue;
		}
		if (k >= nkeys)
			return; /* dtrace gives up on the line (the compiler prevents it) */
		fmt_conv_print(fp, c, width, prec, &keys[k++]);
	}
	fputs(f->conv[f->nconv].lit, fp);
}

void fmt_printa_opts(FILE *fp, const struct fmt *f, struct agg_table *const *tables, int ntables,
		     const struct agg_sortopts *o)
{
	int64_t *zero;
	int *rows = NULL, nrows, r, t, maxnd = 1;

	if (ntables <= 0)
		return;
	if (!f && ntables == 1) {
		fmt_agg_print(fp, tables[0]);
		return;
	}
	if (f && ntables == 1) {
		size_t i;
		int one;

		for (i = 0; i < tables[0]->n; i++) {
			one = (int)i;
			printa_line(fp, f, tables, 1, &one, tables[0]->entries[i].keys, NULL);
		}
		return;
	}
	for (t = 0; t < ntables; t++)
		if (tables[t]->desc->ndata > maxnd)
			maxnd = tables[t]->desc->ndata;
	zero = calloc((size_t)maxnd, sizeof(*zero));
	nrows = agg_join(tables, ntables, o, &rows);
	if (!f)
		fputc('\n', fp);
	for (r = 0; zero && r < nrows; r++) {
		const int *idx = &rows[r * ntables];
		const struct dvalue *keys = NULL;

		for (t = 0; t < ntables && !keys; t++)
			if (idx[t] >= 0)
				keys = tables[t]->entries[idx[t]].keys;
		if (f) {
			printa_line(fp, f, tables, ntables, idx, keys, zero);
			continue;
		}
		for (t = 0; t < tables[0]->desc->nkeys; t++)
			print_key(fp, &keys[t]);
		for (t = 0; t < ntables; t++) {
			const struct agg_table *tb = tables[t];
			const struct agg_entry *e = idx[t] < 0 ? NULL : &tb->entries[idx[t]];

			print_value(fp, tb->desc, e ? e->data : zero, norm_of(tb, e));
		}
		fputc('\n', fp);
	}
	free(rows);
	free(zero);
}

void fmt_printa(FILE *fp, const struct fmt *f, struct agg_table *const *tables, int ntables)
{
	fmt_printa_opts(fp, f, tables, ntables, NULL);
}
