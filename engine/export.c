/*
 * export.c - snapshots in other tools' formats: folded stacks (FlameGraph,
 * speedscope), JSON (one document per line, for jq) and CSV (aggregation
 * rows).  A live run and a replayed session feed the same functions.
 *
 * Folded stacks: for every aggregation with a stack in its key, one line
 * per entry, "frame;frame;...;frame COUNT", frames root first: the key's
 * other components (execname, ...) first, then user stacks, then kernel
 * stacks, each from its outermost frame in; offsets ("+0x1a") are dropped
 * so that one function is one frame, as stackcollapse does; ';' inside a
 * name becomes ':'.  Entries whose value is not positive are left out.
 * Printed once, at the end, from the last tables seen (the final snapshot
 * of a complete run).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "session.h"

struct export
{
	enum export_kind kind;
	FILE *out;
	struct dscope_snap *last; /* folded: the last tables seen */
	int csv_header;
};

int export_kind_parse(const char *name)
{
	if (!strcmp(name, "folded"))
		return EXPORT_FOLDED;
	if (!strcmp(name, "json"))
		return EXPORT_JSON;
	if (!strcmp(name, "csv"))
		return EXPORT_CSV;
	return -1;
}

struct export *export_new(enum export_kind kind, FILE *out)
{
	struct export *x = calloc(1, sizeof(*x));

	if (x) {
		x->kind = kind;
		x->out = out;
	}
	return x;
}

static const char *agg_func_name(enum agg_func f)
{
	static const char *const n[] = { "count",  "sum",      "avg",	    "min",	 "max",
					 "stddev", "quantize", "lquantize", "llquantize" };

	return (unsigned)f < sizeof(n) / sizeof(n[0]) ? n[f] : "?";
}

static int64_t entry_value(const struct agg_desc *d, const struct agg_entry *e, int64_t normal)
{
	int64_t v =
	    d->func == AGG_STDDEV ? (int64_t)agg_stddev(e->data, normal) : agg_entry_value(d, e->data);
	int64_t n = e->normal > 1 ? e->normal : normal;

	return d->func != AGG_STDDEV && n > 1 ? v / n : v;
}

/* ---- folded ---- */

/* One frame: leading blanks and a trailing +0x... offset dropped, ';' -> ':'. */
static void folded_frame(FILE *fp, const char *f, size_t len)
{
	while (len && (*f == ' ' || *f == '\t')) {
		f++;
		len--;
	}
	const char *plus = NULL;

	for (size_t i = 0; i + 3 < len; i++)
		if (f[i] == '+' && f[i + 1] == '0' && f[i + 2] == 'x')
			plus = f + i;
	if (plus)
		len = (size_t)(plus - f);
	for (size_t i = 0; i < len; i++)
		fputc(f[i] == ';' ? ':' : f[i], fp);
}

/* A stack's frames, outermost first (the text is innermost first). */
static int folded_stack(FILE *fp, const char *s, int first)
{
	const char *lines[1024];
	size_t lens[1024];
	int n = 0;

	for (const char *l = s ? s : ""; *l && n < 1024;) {
		const char *e = strchr(l, '\n');
		size_t len = e ? (size_t)(e - l) : strlen(l);
		size_t k = 0;

		while (k < len && (l[k] == ' ' || l[k] == '\t'))
			k++;
		if (k < len) {
			lines[n] = l;
			lens[n++] = len;
		}
		l += len + (e != NULL);
	}
	for (int i = n - 1; i >= 0; i--) {
		if (!first)
			fputc(';', fp);
		folded_frame(fp, lines[i], lens[i]);
		first = 0;
	}
	return first;
}

static void folded_table(FILE *fp, const struct agg_table *t)
{
	const struct agg_desc *d = t->desc;
	int stacks = 0;

	for (size_t e = 0; e < t->n && !stacks; e++)
		for (int k = 0; k < d->nkeys; k++)
			stacks |= t->entries[e].keys[k].kind == DV_STACK;
	if (!stacks)
		return;
	for (size_t e = 0; e < t->n; e++) {
		const struct agg_entry *en = &t->entries[e];
		int64_t v = entry_value(d, en, t->normal);
		int first = 1;

		if (v <= 0)
			continue;
		for (int k = 0; k < d->nkeys; k++) {
			const struct dvalue *kv = &en->keys[k];
			char num[32];

			if (kv->kind == DV_STACK)
				continue;
			if (!first)
				fputc(';', fp);
			if (kv->kind == DV_INT || kv->kind == DV_UINT) {
				snprintf(num, sizeof(num), kv->kind == DV_INT ? "%" PRId64 : "%" PRIu64,
					 kv->i);
				fputs(num, fp);
			} else {
				folded_frame(fp, kv->s ? kv->s : "", kv->s ? strlen(kv->s) : 0);
			}
			first = 0;
		}
		for (int pass = 1; pass >= 0; pass--)
			for (int k = 0; k < d->nkeys; k++)
				if (en->keys[k].kind == DV_STACK && (en->keys[k].user != 0) == pass)
					first = folded_stack(fp, en->keys[k].s, first);
		if (first)
			fputs("-", fp);
		fprintf(fp, " %" PRId64 "\n", v);
	}
}

/* ---- JSON ---- */

static void json_str(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(fp, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", fp);
		else if (*p == '\t')
			fputs("\\t", fp);
		else if (*p < 0x20 || *p >= 0x7f)
			/* traced bytes are not always UTF-8: escape the rest */
			fprintf(fp, "\\u%04x", *p);
		else
			fputc(*p, fp);
	}
	fputc('"', fp);
}

static void json_val(FILE *fp, const struct dvalue *v)
{
	switch (v->kind) {
	case DV_INT:
		fprintf(fp, "%" PRId64, v->i);
		break;
	case DV_UINT:
		fprintf(fp, "%" PRIu64, (uint64_t)v->i);
		break;
	case DV_STR:
	case DV_SYM:
		json_str(fp, v->s);
		break;
	case DV_STACK: {
		int first = 1;

		fputc('[', fp);
		for (const char *l = v->s ? v->s : ""; *l;) {
			const char *e = strchr(l, '\n');
			size_t len = e ? (size_t)(e - l) : strlen(l);
			char *fr;

			while (len && (*l == ' ' || *l == '\t')) {
				l++;
				len--;
			}
			fr = strndup(l, len);
			if (fr && len) {
				fputs(first ? "" : ",", fp);
				json_str(fp, fr);
				first = 0;
			}
			free(fr);
			l += len + (e != NULL);
		}
		fputc(']', fp);
		break;
	}
	}
}

static int64_t bucket_min(const struct agg_desc *d, int b, const int64_t *llq, int nllq, int *open)
{
	*open = 0;
	switch (d->func) {
	case AGG_QUANTIZE:
		return agg_quantize_value(b);
	case AGG_LQUANTIZE:
		if (b == 0)
			*open = 1;
		return b == 0 ? d->param[0] - 1 : d->param[0] + (int64_t)(b - 1) * d->param[2];
	case AGG_LLQUANTIZE:
		if (b == 0)
			*open = 1;
		return b == 0 || b - 1 >= nllq ? 0 : llq[b - 1];
	default:
		return 0;
	}
}

static void json_table(FILE *fp, const struct agg_table *t)
{
	const struct agg_desc *d = t->desc;
	int hist = d->func == AGG_QUANTIZE || d->func == AGG_LQUANTIZE || d->func == AGG_LLQUANTIZE;
	int64_t llq[512];
	int nllq = 0;

	if (d->func == AGG_LLQUANTIZE)
		nllq = agg_llq_bounds(d->param[0], d->param[1], d->param[2], d->param[3], llq, 512);
	fputs("{\"name\":", fp);
	fputc('"', fp);
	fputc('@', fp);
	fputs(d->name ? d->name : "", fp);
	fprintf(fp, "\",\"function\":\"%s\",\"entries\":[", agg_func_name(d->func));
	for (size_t e = 0; e < t->n; e++) {
		const struct agg_entry *en = &t->entries[e];

		fputs(e ? ",{\"keys\":[" : "{\"keys\":[", fp);
		for (int k = 0; k < d->nkeys; k++) {
			if (k)
				fputc(',', fp);
			json_val(fp, &en->keys[k]);
		}
		fprintf(fp, "],\"value\":%" PRId64, entry_value(d, en, t->normal));
		if (hist) {
			int first = 1;

			fputs(",\"buckets\":[", fp);
			for (int b = 0; b < d->ndata; b++) {
				int open;

				if (!en->data[b])
					continue;
				int64_t lo = bucket_min(d, b, llq, nllq, &open);

				fprintf(fp, "%s{\"%s\":%" PRId64 ",\"count\":%" PRId64 "}", first ? "" : ",",
					open ? "below" : "min",
					open && d->func != AGG_LLQUANTIZE ? lo + 1 : lo, en->data[b]);
				first = 0;
			}
			fputc(']', fp);
		}
		fputc('}', fp);
	}
	fputs("]}", fp);
}

static void json_snap(FILE *fp, const struct dscope_snap *s, const struct dscope_snap *aggs, int64_t t_ns)
{
	fprintf(fp,
		"{\"seq\":%" PRIu64 ",\"time_ns\":%" PRId64 ",\"final\":%s,\"exited\":%s,\"exit_status\":%d",
		s->seq, t_ns, s->final ? "true" : "false", s->exited ? "true" : "false", s->exit_status);
	fputs(",\"notes\":[", fp);
	for (int i = 0; i < s->nnotes; i++) {
		fputs(i ? "," : "", fp);
		json_str(fp, s->notes[i]);
	}
	fputs("],\"records\":[", fp);
	for (size_t i = 0; i < s->nev; i++) {
		const struct snap_event *ev = &s->ev[i];
		static const char *const act[] = { "trace", "printf", "printa", "exit", "other" };

		fprintf(fp, "%s{\"cpu\":%u,\"id\":%u,\"probe\":", i ? "," : "", ev->cpu, ev->probe);
		char desc[1024];

		snprintf(desc, sizeof(desc), "%s:%s:%s:%s", ev->prov, ev->mod, ev->func, ev->name);
		json_str(fp, desc);
		fputs(",\"actions\":[", fp);
		for (int k = 0; k < ev->nacts; k++) {
			const struct snap_act *a = &ev->acts[k];

			fprintf(fp, "%s{\"action\":\"%s\"", k ? "," : "",
				(unsigned)a->kind <= SA_OTHER ? act[a->kind] : "other");
			if (a->kind == SA_PRINTF && a->fmt) {
				char *text = NULL;
				size_t len = 0;
				FILE *m = open_memstream(&text, &len);

				if (m) {
					fmt_printf(m, a->fmt, a->vals, a->nvals);
					fclose(m);
					fputs(",\"text\":", fp);
					json_str(fp, text);
				}
				free(text);
			}
			fputs(",\"values\":[", fp);
			for (int v = 0; v < a->nvals; v++) {
				fputs(v ? "," : "", fp);
				json_val(fp, &a->vals[v]);
			}
			fputc(']', fp);
			if (a->ntabs) {
				fputs(",\"aggregations\":[", fp);
				for (int t = 0; t < a->ntabs; t++) {
					fputs(t ? "," : "", fp);
					json_table(fp, &a->tabs[t]);
				}
				fputc(']', fp);
			}
			fputc('}', fp);
		}
		fputs("]}", fp);
	}
	fputc(']', fp);
	if (aggs) {
		fputs(",\"aggregations\":[", fp);
		for (int i = 0; i < aggs->naggs; i++) {
			fputs(i ? "," : "", fp);
			json_table(fp, &aggs->aggs[i]);
		}
		fputc(']', fp);
	}
	fputs("}\n", fp);
}

/* ---- CSV ---- */

static void csv_field(FILE *fp, const char *s)
{
	if (!strpbrk(s, ",\"\n\r")) {
		fputs(s, fp);
		return;
	}
	fputc('"', fp);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', fp);
		fputc(*s, fp);
	}
	fputc('"', fp);
}

static void csv_key(FILE *fp, const struct dvalue *v)
{
	char num[32];

	switch (v->kind) {
	case DV_INT:
		snprintf(num, sizeof(num), "%" PRId64, v->i);
		fputs(num, fp);
		return;
	case DV_UINT:
		snprintf(num, sizeof(num), "%" PRIu64, (uint64_t)v->i);
		fputs(num, fp);
		return;
	case DV_STACK: {
		char *text = NULL;
		size_t len = 0;
		FILE *m = open_memstream(&text, &len);

		if (m) {
			folded_stack(m, v->s, 1);
			fclose(m);
			csv_field(fp, text ? text : "");
		}
		free(text);
		return;
	}
	default:
		csv_field(fp, v->s ? v->s : "");
	}
}

static void csv_snap(struct export *x, const struct dscope_snap *aggs, int64_t t_ns)
{
	FILE *fp = x->out;

	if (!x->csv_header) {
		fputs("seq,time_ns,aggregation,function,value,key...\n", fp);
		x->csv_header = 1;
	}
	for (int i = 0; i < aggs->naggs; i++) {
		const struct agg_table *t = &aggs->aggs[i];

		for (size_t e = 0; e < t->n; e++) {
			fprintf(fp, "%" PRIu64 ",%" PRId64 ",@", aggs->seq, t_ns);
			csv_field(fp, t->desc->name ? t->desc->name : "");
			fprintf(fp, ",%s,%" PRId64, agg_func_name(t->desc->func),
				entry_value(t->desc, &t->entries[e], t->normal));
			for (int k = 0; k < t->desc->nkeys; k++) {
				fputc(',', fp);
				csv_key(fp, &t->entries[e].keys[k]);
			}
			fputc('\n', fp);
		}
	}
}

void export_snap(struct export *x, const struct dscope_snap *s, const struct dscope_snap *aggs, int64_t t_ns)
{
	switch (x->kind) {
	case EXPORT_FOLDED:
		if (aggs) {
			dscope_snap_release(x->last);
			x->last = dscope_snap_acquire((struct dscope_snap *)aggs);
		}
		break;
	case EXPORT_JSON:
		/* an empty tick says nothing */
		if (s->nev || s->nnotes || aggs || s->exited || s->final)
			json_snap(x->out, s, aggs, t_ns);
		break;
	case EXPORT_CSV:
		if (aggs)
			csv_snap(x, aggs, t_ns);
		break;
	}
	fflush(x->out);
}

void export_free(struct export *x)
{
	if (!x)
		return;
	if (x->kind == EXPORT_FOLDED && x->last) {
		for (int i = 0; i < x->last->naggs; i++)
			folded_table(x->out, &x->last->aggs[i]);
		fflush(x->out);
	}
	dscope_snap_release(x->last);
	free(x);
}
