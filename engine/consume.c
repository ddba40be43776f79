/*
 * consume.c - the consumer: records from the ring buffer and aggregations
 * from their per-CPU maps, decoded into dvalues and printed the way dtrace
 * prints them.
 *
 * Records are decoded with the layout the semantic pass fixed (dprog.h);
 * nothing here knows BPF instructions.  Aggregation snapshots are taken
 * when a printa() record arrives, at the aggrate for live views, and at
 * exit: the per-CPU values are merged with agg_merge, entries with equal
 * keys (several probes naming the same function) folded together, sorted
 * with agg_sort and handed to the fmt_* printers.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>

#include "dscope_int.h"

/* ---- decoding ---- */

static const char *probe_field(const struct dscope *h, uint32_t id, int pf)
{
	const struct probe *p = probe_get(&h->pt, id);

	if (!p)
		return "";
	switch (pf) {
	case PF_PROV:
		return p->prov;
	case PF_MOD:
		return p->mod;
	case PF_FUNC:
		return p->func;
	default:
		return p->name;
	}
}

/* Decode a value of type t at p (8-byte ints, NUL-bounded strings). */
static struct dvalue decode(const struct dscope *h, const struct d_type *t, const char *p, char *strbuf,
			    size_t strcap)
{
	struct dvalue v;
	int64_t i;

	memset(&v, 0, sizeof(v));
	switch (t->k) {
	case TY_STR: {
		size_t n = strnlen(p, (size_t)t->size < strcap ? (size_t)t->size : strcap - 1);

		memcpy(strbuf, p, n);
		strbuf[n] = 0;
		v.kind = DV_STR;
		v.s = strbuf;
		return v;
	}
	case TY_PROBEF:
		memcpy(&i, p, 8);
		v.kind = DV_STR;
		v.s = probe_field(h, (uint32_t)i, t->pf);
		return v;
	default:
		memcpy(&i, p, 8);
		v.kind = t->is_unsigned ? DV_UINT : DV_INT;
		v.size = t->size ? t->size : 8;
		v.i = i;
		return v;
	}
}

/* ---- aggregation snapshots ---- */

struct snap {
	struct agg_table t;
	char **strs; /* decoded string keys, owned */
	size_t nstrs;
};

static void snap_release(struct snap *s)
{
	for (size_t i = 0; i < s->t.n; i++) {
		free(s->t.entries[i].keys);
		free(s->t.entries[i].data);
	}
	for (size_t i = 0; i < s->nstrs; i++)
		free(s->strs[i]);
	free(s->strs);
	free(s->t.entries);
	memset(s, 0, sizeof(*s));
}

static int snap_add(struct snap *s, size_t *cap, const struct d_agg *g, struct dvalue *keys,
		    const int64_t *data)
{
	int nd = g->desc.ndata;

	/* fold into an equal key (several probes naming the same function) */
	for (size_t i = 0; i < s->t.n; i++) {
		if (agg_key_cmp(s->t.entries[i].keys, keys, g->desc.nkeys, 0) != 0)
			continue;
		int64_t both[2 * 1024 + 8];

		if (nd > 1024 + 4)
			break;
		memcpy(both, s->t.entries[i].data, sizeof(int64_t) * (size_t)nd);
		memcpy(both + nd, data, sizeof(int64_t) * (size_t)nd);
		agg_merge(&g->desc, both, 2, s->t.entries[i].data);
		free(keys);
		return 0;
	}
	if (s->t.n == *cap) {
		size_t nc = *cap ? *cap * 2 : 64;
		struct agg_entry *ne = realloc(s->t.entries, nc * sizeof(*ne));

		if (!ne)
			return -ENOMEM;
		s->t.entries = ne;
		*cap = nc;
	}
	struct agg_entry *e = &s->t.entries[s->t.n];

	e->keys = keys;
	e->data = malloc(sizeof(int64_t) * (size_t)nd);
	if (!e->data)
		return -ENOMEM;
	memcpy(e->data, data, sizeof(int64_t) * (size_t)nd);
	e->normal = 1;
	s->t.n++;
	return 0;
}

static int all_zero(const int64_t *d, int n)
{
	for (int i = 0; i < n; i++)
		if (d[i])
			return 0;
	return 1;
}

/* Read aggregation g into s. */
static int snap_take(struct dscope *h, const struct d_agg *g, struct snap *s)
{
	const struct dmap *m = &h->dp.maps[g->map];
	int nd = g->desc.ndata, nk = g->desc.nkeys;
	int64_t *percpu = calloc((size_t)h->ncpus, sizeof(int64_t) * (size_t)nd);
	int64_t *merged = calloc((size_t)nd, sizeof(int64_t));
	char *key = calloc(1, m->key_size + 8), *next = calloc(1, m->key_size + 8);
	size_t cap = 0;
	int err = 0, first = 1;

	memset(s, 0, sizeof(*s));
	s->t.desc = &g->desc;
	s->t.normal = h->aggst[g->desc.id].normal;
	if (!percpu || !merged || !key || !next) {
		err = -ENOMEM;
		goto out;
	}
	for (;;) {
		uint32_t idx = 0;

		if (g->by_probe || nk == 0) {
			idx = first ? 0 : *(uint32_t *)key + 1;
			if (idx >= m->max_entries)
				break;
			memcpy(key, &idx, 4);
		} else {
			if (bpf_map_get_next_key(m->fd, first ? NULL : key, next))
				break;
			memcpy(key, next, m->key_size);
		}
		first = 0;
		if (bpf_map_lookup_elem(m->fd, key, percpu))
			continue;
		agg_merge(&g->desc, percpu, h->ncpus, merged);
		if ((g->by_probe || nk == 0) && all_zero(merged, nd))
			continue;

		struct dvalue *keys = calloc((size_t)(nk ? nk : 1), sizeof(*keys));

		if (!keys) {
			err = -ENOMEM;
			goto out;
		}
		for (int k = 0; k < nk; k++) {
			if (g->by_probe) {
				keys[k].kind = DV_STR;
				keys[k].s = probe_field(h, idx, g->keys[k].pf);
				continue;
			}
			if (g->keys[k].k == TY_STR) {
				char *sb = malloc((size_t)g->keys[k].size + 1);
				char **ns = realloc(s->strs, sizeof(char *) * (s->nstrs + 1));

				if (ns)
					s->strs = ns;
				if (!sb || !ns) {
					free(sb);
					free(keys);
					err = -ENOMEM;
					goto out;
				}
				s->strs[s->nstrs++] = sb;
				keys[k] = decode(h, &g->keys[k], key + g->keyoff[k], sb,
						 (size_t)g->keys[k].size + 1);
			} else {
				char tmp[8];

				keys[k] = decode(h, &g->keys[k], key + g->keyoff[k], tmp, sizeof(tmp));
			}
		}
		err = snap_add(s, &cap, g, keys, merged);
		if (err)
			goto out;
	}
	agg_sort(&s->t, &h->sort);
out:
	free(percpu);
	free(merged);
	free(key);
	free(next);
	return err;
}

static int print_aggs(struct dscope *h, const int *ids, int n, const struct fmt *f)
{
	struct snap s[16];
	struct agg_table *tabs[16] = { 0 };
	int err = 0, k = 0;

	if (n > 16)
		n = 16;
	for (; k < n; k++) {
		err = snap_take(h, h->dp.aggv[ids[k]], &s[k]);
		if (err) {
			snap_release(&s[k]);
			break;
		}
		tabs[k] = &s[k].t;
		h->aggst[ids[k]].printed = 1;
	}
	if (!err) {
		if (f || n > 1)
			fmt_printa_opts(h->out, f, tabs, n, &h->sort);
		else
			fmt_agg_print(h->out, tabs[0]);
	}
	for (int i = 0; i < k; i++)
		snap_release(&s[i]);
	return err;
}

/* At exit dtrace prints one blank line, then the rows of every aggregation
 * not printed with printa(), in id order, with nothing between them. */
int consume_print_aggs(struct dscope *h, int at_exit)
{
	fputc('\n', h->out);
	for (int i = 0; i < h->dp.naggs; i++) {
		struct snap s;

		if (at_exit && h->aggst[i].printed)
			continue;
		if (snap_take(h, h->dp.aggv[i], &s)) {
			snap_release(&s);
			return -1;
		}
		fmt_agg_rows(h->out, &s.t);
		snap_release(&s);
	}
	return 0;
}

/* clear(): zero every value, keep the keys.  trunc(): delete all keys, or
 * all but the top n. */
static void agg_clear(struct dscope *h, int id, int trunc, int64_t keep)
{
	const struct d_agg *g = h->dp.aggv[id];
	const struct dmap *m = &h->dp.maps[g->map];
	size_t vsz = (size_t)g->desc.ndata * 8 * (size_t)h->ncpus;
	char *zero = calloc(1, vsz), *key = calloc(1, m->key_size + 8), *next = calloc(1, m->key_size + 8);
	int first = 1;

	if (!zero || !key || !next)
		goto out;
	if (trunc && keep > 0) {
		/* keep the top n (the last n in dtrace's ascending order) */
		struct snap sn;

		if (snap_take(h, g, &sn) == 0 && (size_t)keep < sn.t.n && !g->by_probe && g->desc.nkeys) {
			/* re-read the raw keys: delete every key whose entry is
			 * not among the kept; entries map back through their
			 * position in iteration, so walk the map again */
			size_t drop = sn.t.n - (size_t)keep;

			while (drop-- > 0 && bpf_map_get_next_key(m->fd, NULL, next) == 0) {
				/* find the smallest remaining entry by value */
				char *best = NULL;
				int64_t bestv = 0;
				int64_t *pc =
				    calloc((size_t)h->ncpus, sizeof(int64_t) * (size_t)g->desc.ndata);
				int64_t *mg = calloc((size_t)g->desc.ndata, sizeof(int64_t));
				int f = 1;

				best = calloc(1, m->key_size + 8);
				while (pc && mg && best &&
				       bpf_map_get_next_key(m->fd, f ? NULL : key, next) == 0) {
					f = 0;
					memcpy(key, next, m->key_size);
					if (bpf_map_lookup_elem(m->fd, key, pc))
						continue;
					agg_merge(&g->desc, pc, h->ncpus, mg);
					int64_t v = agg_entry_value(&g->desc, mg);
					if (!best[m->key_size] || v < bestv) {
						memcpy(best, key, m->key_size);
						best[m->key_size] = 1;
						bestv = v;
					}
				}
				if (best && best[m->key_size])
					bpf_map_delete_elem(m->fd, best);
				free(best);
				free(pc);
				free(mg);
			}
		}
		snap_release(&sn);
		goto out;
	}
	if (g->by_probe || g->desc.nkeys == 0) {
		for (uint32_t i = 0; i < m->max_entries; i++)
			bpf_map_update_elem(m->fd, &i, zero, 0);
		goto out;
	}
	while (bpf_map_get_next_key(m->fd, first ? NULL : key, next) == 0) {
		first = 0;
		memcpy(key, next, m->key_size);
		if (trunc)
			bpf_map_delete_elem(m->fd, key);
		else
			bpf_map_update_elem(m->fd, key, zero, 0);
		if (trunc)
			first = 1;
	}
out:
	free(zero);
	free(key);
	free(next);
}

/* ---- records ---- */

static void print_header(struct dscope *h)
{
	if (h->header_printed)
		return;
	fprintf(h->out, "%3s %6s %32s\n", "CPU", "ID", "FUNCTION:NAME");
	h->header_printed = 1;
}

static int do_action(struct dscope *h, const struct d_act *a, const char *rec)
{
	struct dvalue v[64];
	char sb[64][1024];
	int n = a->nargs < 64 ? a->nargs : 64;

	for (int i = 0; i < n; i++)
		v[i] = decode(h, &a->args[i].type, rec + a->args[i].off, sb[i], sizeof(sb[i]));
	switch (a->kind) {
	case ACT_TRACE:
		fmt_trace(h->out, &v[0], h->co.quiet);
		break;
	case ACT_PRINTF:
		fmt_printf(h->out, a->fmt, v, n);
		break;
	case ACT_PRINTA:
		return print_aggs(h, a->aggs, a->naggs, a->fmt);
	case ACT_EXIT:
		if (!h->exited) {
			h->exited = 1;
			h->exit_status = (int)v[0].i;
		}
		break;
	case ACT_CLEAR:
		for (int i = 0; i < a->naggs; i++)
			agg_clear(h, a->aggs[i], 0, 0);
		break;
	case ACT_TRUNC:
		agg_clear(h, a->aggs[0], 1, n ? v[0].i : 0);
		break;
	case ACT_NORMALIZE:
		h->aggst[a->aggs[0]].normal = n && v[0].i > 0 ? v[0].i : 1;
		break;
	case ACT_DENORMALIZE:
		for (int i = 0; i < a->naggs; i++)
			h->aggst[a->aggs[i]].normal = 1;
		break;
	case ACT_SETOPT:
		dscope_setopt(h, a->optname, a->optval);
		break;
	}
	return 0;
}

/* A run-time fault: dtrace's message, then the ERROR probe's clauses. */
static int handle_fault(struct dscope *h, const struct rec_hdr *hd, const struct rec_fault *f)
{
	const struct probe *p = probe_get(&h->pt, hd->probe);
	static const char *what[] = { "", "divide-by-zero" };

	fprintf(stderr, "%s: error on enabled probe ID %u (ID %u: %s:%s:%s:%s): %s in action #%u\n", h->prog,
		f->clause + 1, hd->probe, p ? p->prov : "", p ? p->mod : "", p ? p->func : "",
		p ? p->name : "", hd->mask < sizeof(what) / sizeof(what[0]) ? what[hd->mask] : "fault",
		f->action);
	run_error_probe(h, f->clause + 1, f->action, hd->mask);
	return 0;
}

int handle_record(void *ctx, void *data, size_t size)
{
	struct dscope *h = ctx;
	const struct rec_hdr *hd = data;
	const struct d_cclause *cc;
	const struct probe *p;

	if (size >= sizeof(*hd) + sizeof(struct rec_fault) && hd->clause == REC_ERROR)
		return handle_fault(h, hd, (const struct rec_fault *)(hd + 1));
	if (h->exited || size < sizeof(*hd) || hd->clause >= (uint32_t)h->dp.nclauses)
		return 0;
	cc = &h->dp.clauses[hd->clause];
	if (size < (size_t)cc->recsize)
		return 0;
	if (!h->co.quiet) {
		char fn[256];

		p = probe_get(&h->pt, hd->probe);
		print_header(h);
		snprintf(fn, sizeof(fn), "%s:%s", p ? p->func : "", p ? p->name : "");
		fprintf(h->out, "%3u %6u %32s ", hd->cpu, hd->probe, fn);
	}
	for (const struct d_act *a = cc->acts; a; a = a->next)
		if (hd->mask & (1u << a->bit))
			if (do_action(h, a, data))
				return -1;
	if (!h->co.quiet)
		fputc('\n', h->out);
	return 0;
}

int consume_records(struct dscope *h)
{
	int n = ring_buffer__consume(h->rb);

	fflush(h->out);
	return n < 0 ? n : 0;
}

/*
 * Report drops since the last report, as dtrace words them: record and
 * aggregation drops per CPU, dynamic variable drops in total.
 */
void consume_report_drops(struct dscope *h)
{
	static const char *what[] = { "drop", "aggregation drop", "dynamic variable drop" };
	const struct dmap *m = NULL;
	uint64_t *v, tot[CNT_NSLOTS] = { 0 };
	uint32_t k = 0;

	for (int i = 0; i < h->dp.nmaps; i++)
		if (h->dp.maps[i].role == DM_CNT && h->dp.maps[i].fd >= 0)
			m = &h->dp.maps[i];
	if (!m)
		return;
	v = calloc((size_t)h->ncpus, CNT_NSLOTS * 8);
	if (!v || bpf_map_lookup_elem(m->fd, &k, v)) {
		free(v);
		return;
	}
	if (!h->cpu_seen)
		h->cpu_seen = calloc((size_t)h->ncpus, CNT_NSLOTS * 8);
	for (int s = 0; s < CNT_NSLOTS && h->cpu_seen; s++) {
		for (int c = 0; c < h->ncpus; c++) {
			uint64_t now = v[c * CNT_NSLOTS + s], d = now - h->cpu_seen[c * CNT_NSLOTS + s];

			tot[s] += now;
			h->cpu_seen[c * CNT_NSLOTS + s] = now;
			if (d && s != CNT_DYN_DROPS && s != CNT_ERRORS)
				fprintf(stderr, "%s: %llu %s%s on CPU %d\n", h->prog, (unsigned long long)d,
					what[s], d == 1 ? "" : "s", c);
		}
		uint64_t d = tot[s] - h->drops_seen[s];

		if (d && s == CNT_DYN_DROPS)
			fprintf(stderr, "%s: %llu %s%s\n", h->prog, (unsigned long long)d, what[s],
				d == 1 ? "" : "s");
		h->drops_seen[s] = tot[s];
	}
	free(v);
}
