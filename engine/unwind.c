/*
 * unwind.c - user stacks from DWARF call-frame information, in the
 * consumer, over registers and stack bytes captured at the probe.
 *
 * libunwind's remote interface does the DWARF work; we supply its
 * accessors (unw_accessors_t), the way perf --call-graph dwarf does:
 *
 *   find_proc_info  the mapping holding ip, its file's .eh_frame_hdr
 *                   (located once per file from PT_GNU_EH_FRAME), handed to
 *                   libunwind's exported dwarf_search_unwind_table as a
 *                   remote table at its address in the process;
 *   access_mem      the captured stack for [sp, sp + len), the mapped file's
 *                   image for addresses in a file mapping (.eh_frame_hdr,
 *                   .eh_frame, code bytes) -- never the live process: it
 *                   has moved on since the probe fired;
 *   access_reg      the captured pt_regs.
 *
 * Why remote and not libunwind's local or ptrace flavours: the process is
 * not stopped and not ours; what we have is a copy of its state at one
 * instant, and the remote interface is exactly "unwind someone else's state
 * through callbacks".
 *
 * The cache.  A steady workload produces the same few hundred stacks over
 * and over, and a DWARF walk costs microseconds.  The walk is a pure
 * function of what it reads: registers, stack words, and file bytes (fixed
 * while the process's mappings are).  So each walk records the registers
 * and stack words it read, with their values, and the result is filed
 * under (pid, ip).  A later capture with the same pid and ip replays the
 * same walk if every recorded read gives the same value in it: the walk is
 * deterministic, so by induction it would make the same reads in the same
 * order and reach the same result.  Values pointing into the stack (saved
 * frame pointers, CFA-relative slots) are compared relative to sp, so two
 * threads with the same stack at different addresses share an entry, and a
 * loop counter in a callee-saved register the walk never reads does not
 * split entries.  Reads that failed (beyond the captured bytes) are
 * recorded too.  A process whose mappings change gets a new generation,
 * which its old entries are keyed by; the whole cache is flushed past
 * UW_MAX_NODES nodes.  (The tree itself is described at struct uw_node.)
 *
 * Assumption (documented in docs/engine.md): file reads are not part of
 * the key; libunwind reads files only at addresses derived from ip and the
 * unwind tables, never from stack contents, for every CFI real compilers
 * emit.
 */
#include "sym_int.h"

#include <errno.h>
#include <libunwind.h>
#include <stdlib.h>
#include <string.h>

/* libunwind exports this (perf declares it the same way); no header has it */
extern int UNW_OBJ(dwarf_search_unwind_table)(unw_addr_space_t as, unw_word_t ip, unw_dyn_info_t *di,
					      unw_proc_info_t *pi, int need_unwind_info, void *arg);
#define dwarf_search_unwind_table UNW_OBJ(dwarf_search_unwind_table)

enum {
	UW_MAX_READS = 2048,
	UW_MAX_NODES = 1 << 18, /* the cache is flushed past these */
	UW_MAX_PCS = 1 << 20,
	/* a value within this window around sp is compared relative to it */
	UW_REL_BELOW = 1 << 16,
	UW_REL_ABOVE = 1 << 24,
};

/* pt_regs index of each libunwind x86-64 register */
static const int pt_index[] = {
	[UNW_X86_64_RAX] = 10, [UNW_X86_64_RDX] = 12, [UNW_X86_64_RCX] = 11, [UNW_X86_64_RBX] = 5,
	[UNW_X86_64_RSI] = 13, [UNW_X86_64_RDI] = 14, [UNW_X86_64_RBP] = 4,  [UNW_X86_64_RSP] = 19,
	[UNW_X86_64_R8] = 9,   [UNW_X86_64_R9] = 8,   [UNW_X86_64_R10] = 7,  [UNW_X86_64_R11] = 6,
	[UNW_X86_64_R12] = 3,  [UNW_X86_64_R13] = 2,  [UNW_X86_64_R14] = 1,  [UNW_X86_64_R15] = 0,
	[UNW_X86_64_RIP] = 16,
};
enum { PT_IP = 16, PT_SP = 19 };

enum uw_kind { UW_REG, UW_MEM, UW_LEAF };
/* What a read gave: a value as is, a value relative to sp, nothing */
enum uw_tag { UW_ABS, UW_REL, UW_FAIL };

/* One read the walk made: register `where`, or the stack word at sp + where */
struct uw_read {
	int64_t where;
	uint64_t val;
	uint32_t kind, tag;
};

/*
 * The cache is a decision tree.  A root per (pid, mapping generation, ip,
 * max frames) is the walk's first read; each inner node is one read (a
 * register or a stack slot), and its children, one per outcome seen, are
 * the read the walk made next; a leaf is the result.  Stacks that share a
 * prefix of reads share those nodes.  Roots and edges live in one hash
 * table; nodes in one array, results in one array of pcs.
 */
struct uw_node {
	int64_t where; /* leaf: npcs | truncated << 32 */
	uint32_t kind;
	uint32_t aux; /* leaf: index of its pcs */
};

struct uw_slot {
	uint64_t a, b, c;
	uint32_t val, used;
};

struct unwind_cache {
	unw_addr_space_t as;
	struct uw_slot *slots;
	size_t cap, used;
	struct uw_node *nodes;
	size_t nnodes, capnodes;
	uint64_t *pcs;
	size_t npcs, cappcs;
};

/* The state of one walk: libunwind's `arg` */
struct uw_ctx {
	struct symtab *st;
	struct sym_proc *proc;
	const struct sym_map *last; /* the mapping access_mem hit last */
	const uint64_t *regs;
	const uint8_t *stack;
	size_t len;
	uint64_t sp;
	struct uw_read *reads;
	int nreads;
	int overflow;
	int missed; /* an ip in no mapping known */
};

static void norm(uint64_t v, uint64_t sp, uint64_t *out, uint32_t *tag)
{
	if (v - (sp - UW_REL_BELOW) < (uint64_t)UW_REL_BELOW + UW_REL_ABOVE) {
		*out = v - sp;
		*tag = UW_REL;
	} else {
		*out = v;
		*tag = UW_ABS;
	}
}

static void record(struct uw_ctx *c, enum uw_kind kind, int64_t where, int ok, uint64_t v)
{
	struct uw_read *r;

	if (c->nreads == UW_MAX_READS) {
		c->overflow = 1;
		return;
	}
	r = &c->reads[c->nreads++];
	r->kind = kind;
	r->where = where;
	r->val = 0;
	r->tag = UW_FAIL;
	if (ok)
		norm(v, c->sp, &r->val, &r->tag);
}

/* The stack word at sp + off, if captured */
static int stack_word(const uint8_t *stack, size_t len, int64_t off, uint64_t *v)
{
	if (off < 0 || (uint64_t)off > len || len - (uint64_t)off < 8)
		return 0;
	memcpy(v, stack + off, 8);
	return 1;
}

/* ---- accessors ------------------------------------------------------ */

static int acc_find_proc_info(unw_addr_space_t as, unw_word_t ip, unw_proc_info_t *pi, int need_unwind_info,
			      void *arg)
{
	struct uw_ctx *c = arg;
	const struct sym_map *m = sym_proc_find(c->proc, ip);
	struct sym_file *f;
	unw_dyn_info_t di;
	uint64_t hdr, mv, hv;

	if (!m)
		c->missed = 1;
	if (!m || !m->file->has_eh)
		return -UNW_ENOINFO;
	f = m->file;
	/* the .eh_frame_hdr's address: where this mapping's load bias puts
	 * its virtual address (another mapping of the same file may be
	 * another copy: a process's image before its exec) */
	if (!sym_file_off2vaddr(f, ip - m->start + m->pgoff, &mv) || !sym_file_off2vaddr(f, f->eh_off, &hv))
		return -UNW_ENOINFO;
	hdr = ip - mv + hv;
	memset(&di, 0, sizeof(di));
	di.format = UNW_INFO_FORMAT_REMOTE_TABLE;
	di.start_ip = m->start;
	di.end_ip = m->end;
	di.u.rti.segbase = hdr;
	di.u.rti.table_data = hdr + (f->eh_table_off - f->eh_off);
	/* in words: each entry is two int32 */
	di.u.rti.table_len = f->eh_count * 8 / sizeof(unw_word_t);
	return dwarf_search_unwind_table(as, ip, &di, pi, need_unwind_info, arg);
}

static void acc_put_unwind_info(unw_addr_space_t as, unw_proc_info_t *pi, void *arg)
{
	/* libunwind releases what dwarf_search_unwind_table made itself */
	(void)as;
	(void)pi;
	(void)arg;
}

static int acc_get_dyn_info_list_addr(unw_addr_space_t as, unw_word_t *dilap, void *arg)
{
	(void)as;
	(void)dilap;
	(void)arg;
	return -UNW_ENOINFO;
}

static int acc_access_mem(unw_addr_space_t as, unw_word_t addr, unw_word_t *valp, int write, void *arg)
{
	struct uw_ctx *c = arg;
	const struct sym_map *m;
	uint64_t v = 0, off;
	int64_t rel = (int64_t)(addr - c->sp);

	(void)as;
	if (write)
		return -UNW_EINVAL;
	if (stack_word(c->stack, c->len, rel, &v)) {
		record(c, UW_MEM, rel, 1, v);
		*valp = v;
		return 0;
	}
	m = c->last;
	if (!m || addr - m->start >= m->end - m->start)
		m = c->last = sym_proc_find(c->proc, addr);
	if (m && m->file->img) {
		/* the file's bytes; a word straddling the image's end reads zeros */
		off = addr - m->start + m->pgoff;
		if (off < m->file->img_len) {
			size_t n = m->file->img_len - off < 8 ? m->file->img_len - off : 8;

			memcpy(&v, m->file->img + off, n);
			*valp = v;
			return 0;
		}
	}
	record(c, UW_MEM, rel, 0, 0);
	return -UNW_EINVAL;
}

static int acc_access_reg(unw_addr_space_t as, unw_regnum_t reg, unw_word_t *valp, int write, void *arg)
{
	struct uw_ctx *c = arg;

	(void)as;
	if (write || reg < 0 || reg > UNW_X86_64_RIP)
		return -UNW_EBADREG;
	*valp = c->regs[pt_index[reg]];
	record(c, UW_REG, reg, 1, *valp);
	return 0;
}

static int acc_access_fpreg(unw_addr_space_t as, unw_regnum_t reg, unw_fpreg_t *val, int write, void *arg)
{
	(void)as;
	(void)reg;
	(void)val;
	(void)write;
	(void)arg;
	return -UNW_EINVAL;
}

static int acc_resume(unw_addr_space_t as, unw_cursor_t *cu, void *arg)
{
	(void)as;
	(void)cu;
	(void)arg;
	return -UNW_EINVAL;
}

static int acc_get_proc_name(unw_addr_space_t as, unw_word_t addr, char *buf, size_t len, unw_word_t *offp,
			     void *arg)
{
	(void)as;
	(void)addr;
	(void)buf;
	(void)len;
	(void)offp;
	(void)arg;
	return -UNW_EINVAL;
}

static unw_accessors_t accessors = {
	.find_proc_info = acc_find_proc_info,
	.put_unwind_info = acc_put_unwind_info,
	.get_dyn_info_list_addr = acc_get_dyn_info_list_addr,
	.access_mem = acc_access_mem,
	.access_reg = acc_access_reg,
	.access_fpreg = acc_access_fpreg,
	.resume = acc_resume,
	.get_proc_name = acc_get_proc_name,
};

/* ---- the cache ------------------------------------------------------ */

static uint64_t mix(uint64_t a, uint64_t b, uint64_t c)
{
	uint64_t h = a * 0x9e3779b97f4a7c15ull;

	h ^= (b + 0x632be59bd9b4e019ull) * 0xbf58476d1ce4e5b9ull;
	h ^= (c + 0x94d049bb133111ebull) * 0x94d049bb133111ebull;
	h ^= h >> 31;
	return h;
}

static uint32_t *tab_find(struct unwind_cache *uc, uint64_t a, uint64_t b, uint64_t c)
{
	size_t i;

	if (!uc->cap)
		return NULL;
	for (i = mix(a, b, c) & (uc->cap - 1); uc->slots[i].used; i = (i + 1) & (uc->cap - 1))
		if (uc->slots[i].a == a && uc->slots[i].b == b && uc->slots[i].c == c)
			return &uc->slots[i].val;
	return NULL;
}

static int tab_put(struct unwind_cache *uc, uint64_t a, uint64_t b, uint64_t c, uint32_t val)
{
	size_t i;

	if ((uc->used + 1) * 2 > uc->cap) {
		size_t ncap = uc->cap ? uc->cap * 2 : 4096, j;
		struct uw_slot *ns = calloc(ncap, sizeof(*ns));

		if (!ns)
			return -ENOMEM;
		for (j = 0; j < uc->cap; j++) {
			const struct uw_slot *o = &uc->slots[j];

			if (!o->used)
				continue;
			for (i = mix(o->a, o->b, o->c) & (ncap - 1); ns[i].used; i = (i + 1) & (ncap - 1))
				;
			ns[i] = *o;
		}
		free(uc->slots);
		uc->slots = ns;
		uc->cap = ncap;
	}
	for (i = mix(a, b, c) & (uc->cap - 1); uc->slots[i].used; i = (i + 1) & (uc->cap - 1))
		;
	uc->slots[i] = (struct uw_slot){ a, b, c, val, 1 };
	uc->used++;
	return 0;
}

static void cache_clear(struct unwind_cache *uc)
{
	free(uc->slots);
	free(uc->nodes);
	free(uc->pcs);
	uc->slots = NULL;
	uc->nodes = NULL;
	uc->pcs = NULL;
	uc->cap = uc->used = uc->nnodes = uc->capnodes = uc->npcs = uc->cappcs = 0;
}

void unwind_fini(struct symtab *st)
{
	if (!st->uw)
		return;
	cache_clear(st->uw);
	if (st->uw->as)
		unw_destroy_addr_space(st->uw->as);
	free(st->uw);
	st->uw = NULL;
}

static struct unwind_cache *cache_get(struct symtab *st)
{
	if (st->uw)
		return st->uw;
	st->uw = calloc(1, sizeof(*st->uw));
	if (!st->uw)
		return NULL;
	st->uw->as = unw_create_addr_space(&accessors, 0);
	if (!st->uw->as) {
		free(st->uw);
		st->uw = NULL;
		return NULL;
	}
	/*
	 * libunwind's own per-ip cache of unwind rules stays off.  With it on
	 * (flushed between processes), the fuzz test saw identical inputs
	 * walk differently depending on earlier walks -- we suspect its
	 * entries ignore whether a frame's rules were looked up at ip (the
	 * probe's frame) or ip - 1 (a return address).  That breaks the
	 * determinism our cache rests on; it was about 2.5x faster on misses.
	 */
	unw_set_caching_policy(st->uw->as, UNW_CACHE_NONE);
	return st->uw;
}

/* A root's key: b and c never collide with an edge's (c < 3 there) */
#define ROOT_B(pid, gen) (((uint64_t)(uint32_t)(pid) << 32) | (gen))
#define ROOT_C(max)	 ((1ull << 63) | (uint64_t)(uint32_t)(max))

static int cache_lookup(struct unwind_cache *uc, int pid, uint32_t gen, int max, const uint64_t *regs,
			const uint8_t *stack, size_t len, uint64_t *pcs, int *truncated)
{
	uint64_t sp = regs[PT_SP];
	uint32_t *v = tab_find(uc, regs[PT_IP], ROOT_B(pid, gen), ROOT_C(max));

	while (v) {
		const struct uw_node *n = &uc->nodes[*v];
		uint64_t val = 0, w;
		uint32_t tag = UW_FAIL;

		if (n->kind == UW_LEAF) {
			int np = (int)(uint32_t)n->where;

			memcpy(pcs, uc->pcs + n->aux, (size_t)np * sizeof(*pcs));
			*truncated = (int)((uint64_t)n->where >> 32);
			return np;
		}
		if (n->kind == UW_REG)
			norm(regs[pt_index[n->where]], sp, &val, &tag);
		else if (stack_word(stack, len, n->where, &w))
			norm(w, sp, &val, &tag);
		v = tab_find(uc, val, *v, tag);
	}
	return -1;
}

static int node_new(struct unwind_cache *uc, uint32_t kind, int64_t where, uint32_t aux)
{
	if (uc->nnodes == uc->capnodes) {
		size_t nc = uc->capnodes ? uc->capnodes * 2 : 4096;
		struct uw_node *nn = realloc(uc->nodes, nc * sizeof(*nn));

		if (!nn)
			return -1;
		uc->nodes = nn;
		uc->capnodes = nc;
	}
	uc->nodes[uc->nnodes] = (struct uw_node){ where, kind, aux };
	return (int)uc->nnodes++;
}

static int leaf_new(struct unwind_cache *uc, const uint64_t *pcs, int n, int truncated)
{
	size_t at = uc->npcs;

	if (uc->npcs + (size_t)n > uc->cappcs) {
		size_t nc = uc->cappcs ? uc->cappcs * 2 : 16384;
		uint64_t *np;

		while (nc < uc->npcs + (size_t)n)
			nc *= 2;
		np = realloc(uc->pcs, nc * sizeof(*np));
		if (!np)
			return -1;
		uc->pcs = np;
		uc->cappcs = nc;
	}
	memcpy(uc->pcs + at, pcs, (size_t)n * sizeof(*pcs));
	uc->npcs += (size_t)n;
	return node_new(uc, UW_LEAF, (int64_t)((uint64_t)(uint32_t)n | (uint64_t)(truncated != 0) << 32),
			(uint32_t)at);
}

static void cache_put(struct symtab *st, struct unwind_cache *uc, const struct uw_ctx *c, int pid, int max,
		      const uint64_t *pcs, int n, int truncated)
{
	uint32_t *v;
	int id, i;

	if (c->overflow || c->nreads == 0)
		return;
	/* a return address inside the stack window would be wrong at another sp */
	for (i = 0; i < n; i++)
		if (pcs[i] - (c->sp - UW_REL_BELOW) < (uint64_t)UW_REL_BELOW + UW_REL_ABOVE)
			return;
	if (uc->nnodes + (size_t)c->nreads + 1 > UW_MAX_NODES || uc->npcs + (size_t)n > UW_MAX_PCS) {
		cache_clear(uc);
		st->uw_flushes++;
	}
	v = tab_find(uc, c->regs[PT_IP], ROOT_B(pid, c->proc->gen), ROOT_C(max));
	if (v) {
		id = (int)*v;
	} else {
		id = node_new(uc, c->reads[0].kind, c->reads[0].where, 0);
		if (id < 0 ||
		    tab_put(uc, c->regs[PT_IP], ROOT_B(pid, c->proc->gen), ROOT_C(max), (uint32_t)id) < 0)
			return;
	}
	for (i = 0; i < c->nreads; i++) {
		const struct uw_read *r = &c->reads[i];
		const struct uw_node *nd = &uc->nodes[id];
		int child;

		/* the walk is deterministic, so the tree's read is this one */
		if (nd->kind != r->kind || nd->where != r->where) {
			st->uw_diverged++;
			return;
		}
		v = tab_find(uc, r->val, (uint64_t)id, r->tag);
		if (v) {
			id = (int)*v;
			continue;
		}
		if (i + 1 < c->nreads)
			child = node_new(uc, c->reads[i + 1].kind, c->reads[i + 1].where, 0);
		else
			child = leaf_new(uc, pcs, n, truncated);
		if (child < 0 || tab_put(uc, r->val, (uint64_t)id, r->tag, (uint32_t)child) < 0)
			return;
		id = child;
	}
}

/* ---- the walk ------------------------------------------------------- */

/* One walk over p's mappings as they are; the reads recorded in c */
static int walk(struct symtab *st, struct unwind_cache *uc, struct uw_ctx *c, uint64_t *pcs, int max,
		int *truncated)
{
	unw_cursor_t cur;
	uint64_t prev_sp;
	int n = 1, r;

	*truncated = 0;
	if (unw_init_remote(&cur, uc->as, c) < 0) {
		*truncated = 1;
		return n;
	}
	prev_sp = c->sp;
	while (n < max) {
		unw_word_t nip, nsp;

		st->uw_steps++;
		r = unw_step(&cur);
		if (r == 0)
			break; /* the outermost frame */
		if (r < 0 || unw_get_reg(&cur, UNW_REG_IP, &nip) < 0 ||
		    unw_get_reg(&cur, UNW_REG_SP, &nsp) < 0) {
			*truncated = 1;
			break;
		}
		if (nip == 0)
			break;
		/* a stack grows one way: a walk that does not move up is lost */
		if (nsp <= prev_sp) {
			*truncated = 1;
			break;
		}
		prev_sp = nsp;
		pcs[n++] = nip;
	}
	return n;
}

int unwind_user(struct symtab *st, int pid, const uint64_t regs[USTACK_NREGS], const uint8_t *stack,
		size_t len, uint64_t *pcs, int max, int *truncated)
{
	struct unwind_cache *uc;
	struct sym_proc *p;
	struct uw_ctx c;
	uint64_t ip = regs[PT_IP];
	uint32_t gen;
	int n, r;

	*truncated = 0;
	if (max < 1)
		return -EINVAL;
	pcs[0] = ip;
	if (max == 1)
		return 1;
	if (!stack)
		len = 0;
	p = sym_proc_for(st, pid, ip);
	/* no mapping holds ip (JIT code, a process gone): the probe's frame only */
	if (!p || !sym_proc_find(p, ip)) {
		*truncated = 1;
		return 1;
	}
	uc = cache_get(st);
	if (!uc)
		return -ENOMEM;
	r = cache_lookup(uc, pid, p->gen, max, regs, stack, len, pcs, truncated);
	if (r > 0) {
		st->uw_hits++;
		return r;
	}
	st->uw_misses++;

	memset(&c, 0, sizeof(c));
	c.st = st;
	c.proc = p;
	c.regs = regs;
	c.stack = stack;
	c.len = len;
	c.sp = regs[PT_SP];
	c.reads = malloc(UW_MAX_READS * sizeof(*c.reads));
	if (!c.reads)
		return -ENOMEM;
	n = walk(st, uc, &c, pcs, max, truncated);
	/*
	 * A return address in no known mapping: the mmap events may not
	 * have been applied yet (a library mapped, then a probe fired, while
	 * the consumer was reading this batch).  Apply them and, if the
	 * mappings changed, walk again; never mid-walk, which would change
	 * the mappings under libunwind.
	 */
	if (c.missed && st->track) {
		gen = p->gen;
		sym_track_drain(st);
		p = sym_proc_get(st, pid);
		if (!p || !sym_proc_find(p, ip))
			goto out; /* the process changed under us: the walk stands, uncached */
		c.proc = p;
		if (p->gen != gen) {
			c.last = NULL;
			c.nreads = 0;
			c.overflow = 0;
			c.missed = 0;
			n = walk(st, uc, &c, pcs, max, truncated);
		}
	}
	cache_put(st, uc, &c, pid, max, pcs, n, *truncated);
out:
	free(c.reads);
	return n;
}
