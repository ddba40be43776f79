/*
 * consume_stack.c - stacks and symbols in records and aggregation keys,
 * named for the snapshot stream (DV_STACK, DV_SYM).
 *
 * A stack id is looked up in its stack map (the kernel keeps the frames);
 * a DWARF capture is unwound (ustack.h); every frame is named by the
 * symbol tables.  Named stacks are cached by (map, id, pid): a stack id
 * always holds the same frames, so an aggregation printed every second
 * names each of its stacks once.
 */
#include <bpf/bpf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dscope_int.h"
#include "ustack.h"

struct stack_cache {
	uint64_t *keys; /* map << 56 ^ value, 0 = empty */
	char **vals;
	int *depth;
	size_t cap, n;
};

static struct symtab *symtab(struct dscope *h)
{
	if (!h->symtab)
		h->symtab = symtab_new();
	return h->symtab;
}

void stack_cache_free(struct dscope *h)
{
	struct stack_cache *c = h->stacks;

	if (c) {
		for (size_t i = 0; i < c->cap; i++)
			free(c->vals[i]);
		free(c->keys);
		free(c->vals);
		free(c->depth);
		free(c);
		h->stacks = NULL;
	}
	if (h->symtab)
		symtab_free(h->symtab);
	h->symtab = NULL;
}

static size_t slot(const struct stack_cache *c, uint64_t key)
{
	size_t i = (size_t)((key * 0x9e3779b97f4a7c15ULL) >> 20) & (c->cap - 1);

	while (c->keys[i] && c->keys[i] != key)
		i = (i + 1) & (c->cap - 1);
	return i;
}

static const char *cache_get(struct dscope *h, uint64_t key, int *depth)
{
	struct stack_cache *c = h->stacks;
	size_t i;

	if (!c || !c->cap)
		return NULL;
	i = slot(c, key);
	if (!c->keys[i])
		return NULL;
	*depth = c->depth[i];
	return c->vals[i];
}

static void cache_put(struct dscope *h, uint64_t key, char *s, int depth)
{
	struct stack_cache *c = h->stacks;
	size_t i;

	if (!c && !(c = h->stacks = calloc(1, sizeof(*c))))
		goto drop;
	if ((c->n + 1) * 2 > c->cap) {
		struct stack_cache n = { 0 };

		n.cap = c->cap ? c->cap * 2 : 256;
		n.keys = calloc(n.cap, sizeof(*n.keys));
		n.vals = calloc(n.cap, sizeof(*n.vals));
		n.depth = calloc(n.cap, sizeof(*n.depth));
		if (!n.keys || !n.vals || !n.depth) {
			free(n.keys);
			free(n.vals);
			free(n.depth);
			goto drop;
		}
		for (size_t k = 0; k < c->cap; k++)
			if (c->keys[k]) {
				size_t j = slot(&n, c->keys[k]);

				n.keys[j] = c->keys[k];
				n.vals[j] = c->vals[k];
				n.depth[j] = c->depth[k];
			}
		n.n = c->n;
		free(c->keys);
		free(c->vals);
		free(c->depth);
		*c = n;
	}
	i = slot(c, key);
	c->keys[i] = key;
	c->vals[i] = s;
	c->depth[i] = depth;
	c->n++;
	return;
drop:
	free(s);
}

void stack_pid_seen(struct dscope *h, int pid)
{
	sym_proc_seen(symtab(h), pid);
}

void stack_track_start(struct dscope *h)
{
	/* without the events, naming falls back to /proc reads */
	if (h->dp.uses_pids || h->dp.uses_udwarf)
		symtab_track_open(symtab(h), h->ncpus, (int)h->co.target);
}

void stack_track_sync(struct dscope *h)
{
	if (h->symtab)
		symtab_track_sync(h->symtab);
}

/* The frames of the tracing machinery itself, above the probed code in a
 * kernel stack: the BPF program, the tracepoint and perf glue */
static int machinery(const char *name)
{
	static const char *const pfx[] = { "bpf`",
					   "vmlinux`bpf_trace_run",
					   "vmlinux`__bpf_trace_",
					   "vmlinux`__traceiter_",
					   "vmlinux`trace_call_bpf",
					   "vmlinux`perf_trace_",
					   "vmlinux`bpf_prog_",
					   "vmlinux`__bpf_prog_run",
					   "vmlinux`bpf_overflow_handler",
					   "vmlinux`__perf_event_overflow",
					   "vmlinux`perf_swevent_",
					   "vmlinux`uprobe_",
					   "vmlinux`handle_swbp",
					   "vmlinux`__uprobe_" };

	for (size_t i = 0; i < sizeof(pfx) / sizeof(pfx[0]); i++)
		if (strncmp(name, pfx[i], strlen(pfx[i])) == 0)
			return 1;
	return 0;
}

/* Frames named one per line, in malloc'd memory */
static char *name_frames(struct dscope *h, int user, int pid, const uint64_t *pcs, int n, int truncated,
			 int *shown)
{
	size_t cap = (size_t)n * 96 + 64, len = 0;
	char *s = malloc(cap);

	if (!s)
		return NULL;
	s[0] = 0;
	for (int i = 0; i < n; i++) {
		char buf[512];
		int l = user ? sym_user(symtab(h), pid, pcs[i], SYM_FULL, buf, sizeof(buf))
			     : sym_kernel(symtab(h), pcs[i], SYM_FULL, buf, sizeof(buf));

		if (l < 0)
			l = snprintf(buf, sizeof(buf), "0x%llx", (unsigned long long)pcs[i]);
		if (!user && !len && machinery(buf)) {
			(*shown)--;
			continue;
		}
		if (len + (size_t)l + 2 > cap) {
			char *ns = realloc(s, cap = cap * 2 + (size_t)l);

			if (!ns)
				break;
			s = ns;
		}
		len += (size_t)snprintf(s + len, cap - len, "%s%s", len ? "\n" : "", buf);
	}
	if (truncated && len + 16 < cap)
		snprintf(s + len, cap - len, "%s[truncated]", n ? "\n" : "");
	return s;
}

static int stackmap_fd(struct dscope *h, const struct d_type *t)
{
	for (int i = 0; i < h->dp.nstackmaps; i++)
		if (h->dp.stackmaps[i].user == t->is_unsigned && h->dp.stackmaps[i].depth == t->pf)
			return h->dp.maps[h->dp.stackmaps[i].map].fd;
	return -1;
}

struct dvalue stack_decode(struct dscope *h, const struct d_type *t, const void *p, struct arena *ar)
{
	struct dvalue v;
	uint64_t raw;
	char *s = NULL;
	int n = 0;

	memset(&v, 0, sizeof(v));
	v.kind = t->k == TY_SYM ? DV_SYM : DV_STACK;
	v.user = t->is_unsigned;
	if (t->k == TY_SYM) {
		uint64_t a[2] = { 0, 0 };
		char buf[512];

		memcpy(a, p, t->is_unsigned ? 16 : 8);
		if (t->is_unsigned)
			sym_user(symtab(h), (int)a[1], a[0], (enum sym_how)t->pf, buf, sizeof(buf));
		else
			sym_kernel(symtab(h), a[0], (enum sym_how)t->pf, buf, sizeof(buf));
		v.i = (int64_t)a[0];
		v.s = arena_strdup(ar, buf);
		return v;
	}
	if (t->size > 8) {
		/* a DWARF capture: unwound here */
		const struct ustack_cap *cap = p;
		uint64_t pcs[MAX_FRAMES];
		int trunc = 0, len = (int)cap->len;

		if (len > t->size - (int)sizeof(*cap))
			len = t->size - (int)sizeof(*cap);
		n = unwind_user(symtab(h), (int)cap->pid, cap->regs, (const uint8_t *)(cap + 1), (size_t)len,
				pcs, t->pf < MAX_FRAMES ? t->pf : MAX_FRAMES, &trunc);
		if (n < 0)
			n = 0;
		s = name_frames(h, 1, (int)cap->pid, pcs, n, trunc, &n);
		v.i = n ? (int64_t)pcs[0] : 0;
		v.s = s ? arena_strdup(ar, s) : "";
		v.n = n;
		free(s);
		return v;
	}
	memcpy(&raw, p, 8);
	v.i = (int64_t)raw;
	{
		uint64_t key = ((uint64_t)(t->is_unsigned * 128 + t->pf) << 56) ^ raw ^ (raw >> 56) ^ 1;
		const char *c = cache_get(h, key, &n);
		uint64_t pcs[MAX_FRAMES];
		int fd = stackmap_fd(h, t);
		uint32_t id = (uint32_t)raw;

		if (c) {
			v.s = c;
			v.n = n;
			return v;
		}
		memset(pcs, 0, sizeof(pcs));
		if ((int32_t)id == -EFAULT) {
			v.s = ""; /* no stack there: a kernel stack at a user probe */
			return v;
		}
		if ((int32_t)id < 0 || fd < 0 || bpf_map_lookup_elem(fd, &id, pcs)) {
			v.s = "<stack unavailable>";
			return v;
		}
		while (n < t->pf && n < MAX_FRAMES && pcs[n])
			n++;
		s = name_frames(h, t->is_unsigned, (int)(raw >> 32), pcs, n, 0, &n);
		if (!s) {
			v.s = "";
			return v;
		}
		v.s = s;
		v.n = n;
		cache_put(h, key, s, n);
		/* the cache may have dropped it: the snapshot keeps its own copy */
		v.s = arena_strdup(ar, s);
		return v;
	}
}
