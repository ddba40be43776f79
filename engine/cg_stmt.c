/*
 * cg_stmt.c - code generation for statements, aggregations and actions.
 *
 * An aggregation update looks up (or creates from the zero area in
 * read-only data) its per-CPU entry and updates the slots agg.h lays out;
 * quantization buckets are found by a binary search over constant bounds
 * emitted inline.  Data-recording actions write their arguments at the
 * record offsets the semantic pass fixed and set their bit in the record's
 * mask.  Each statement's scratch temporaries are released after it.
 */
#include <string.h>

#include <stddef.h>

#include "cg.h"

#define B (&g->b)

/* ---- aggregations ---- */

/* Emit a binary search over constant bucket lower bounds: idx = number of
 * bounds <= v, into register `idx`. */
static void cg_bsearch(struct cg *g, int v, int idx, const int64_t *bounds, int lo, int hi, int base,
		       int done)
{
	if (lo >= hi) {
		asm_emit(B, I_MOV64_IMM(idx, base + lo));
		asm_jmp(B, done);
		return;
	}
	int mid = (lo + hi) / 2, ge = asm_label(B);

	/* v >= bounds[mid] -> answer in [mid+1, hi] */
	asm_ld64(B, 1, (uint64_t)bounds[mid]);
	asm_jmp_reg(B, BPF_JSGE, v, 1, ge);
	cg_bsearch(g, v, idx, bounds, lo, mid, base, done);
	asm_place(B, ge);
	cg_bsearch(g, v, idx, bounds, mid + 1, hi, base, done);
}

static int cg_bucket(struct cg *g, const struct d_agg *a, int v)
{
	int idx = cg_reg_alloc(g), done = asm_label(B);
	int64_t bounds[AGG_QUANTIZE_NBUCKETS + 1024];
	int n = 0;

	if (a->desc.func == AGG_LQUANTIZE) {
		int64_t base = a->desc.param[0], limit = a->desc.param[1], step = a->desc.param[2];
		int under = asm_label(B), over = asm_label(B);

		asm_ld64(B, 1, (uint64_t)base);
		asm_jmp_reg(B, BPF_JSLT, v, 1, under);
		asm_ld64(B, 1, (uint64_t)limit);
		asm_jmp_reg(B, BPF_JSGE, v, 1, over);
		asm_emit(B, I_MOV64_REG(idx, v));
		asm_ld64(B, 1, (uint64_t)base);
		asm_emit(B, I_ALU64_REG(BPF_SUB, idx, 1));
		asm_ld64(B, 1, (uint64_t)step);
		asm_emit(B, I_ALU64_REG(BPF_DIV, idx, 1));
		asm_emit(B, I_ALU64_IMM(BPF_ADD, idx, 1));
		asm_jmp(B, done);
		asm_place(B, under);
		asm_emit(B, I_MOV64_IMM(idx, 0));
		asm_jmp(B, done);
		asm_place(B, over);
		asm_emit(B, I_MOV64_IMM(idx, (int32_t)a->desc.param[3] + 1));
		asm_place(B, done);
		return idx;
	}
	if (a->desc.func == AGG_QUANTIZE) {
		/* lower bound of bucket b: 2^(b-64) above zero, 0, and for the
		 * negative buckets (-2^k, -2^(k-1)] with k = 63 - b: 1 - 2^k */
		for (int b = 1; b < AGG_QUANTIZE_NBUCKETS; b++)
			bounds[n++] = b > AGG_QUANTIZE_ZERO    ? (int64_t)1 << (b - 64)
				      : b == AGG_QUANTIZE_ZERO ? 0
							       : 1 - ((int64_t)1 << (63 - b));
	} else {
		n = agg_llq_bounds(a->desc.param[0], a->desc.param[1], a->desc.param[2], a->desc.param[3],
				   bounds, (int)(sizeof(bounds) / sizeof(bounds[0])));
	}
	cg_bsearch(g, v, idx, bounds, 0, n, 0, done);
	asm_place(B, done);
	return idx;
}

/* @a[keys] = func(args) */
/*
 * An aggregation keyed by a DWARF-captured stack: the update goes to user
 * space as a REC_AGG record (header, struct rec_agg, the key), where the
 * stack is unwound and the aggregation kept.
 */
static int cg_aggregate_user(struct cg *g, const struct d_agg *a, struct d_expr *e, int v, int incr)
{
	int keyoff = cg_key(g, e->left->args, a->keys, a->keysize), p, skip = asm_label(B);
	int size = (int)(sizeof(struct rec_hdr) + sizeof(struct rec_agg)) + a->keysize;

	if (keyoff < 0)
		return -1;
	asm_ld_map(B, 1, g->sh->m_rb);
	asm_emit(B, I_MOV64_IMM(2, size));
	asm_emit(B, I_MOV64_IMM(3, 0));
	asm_emit(B, I_CALL(BPF_FUNC_ringbuf_reserve));
	p = cg_reg_alloc(g);
	if (p < 0)
		return -1;
	asm_emit(B, I_MOV64_REG(p, 0));
	{
		int ok = asm_label(B);

		asm_jmp_imm(B, BPF_JNE, p, 0, ok);
		cg_count(g, CNT_RB_DROPS);
		asm_jmp(B, skip);
		asm_place(B, ok);
	}
	asm_emit(B, I_ST(BPF_W, p, offsetof(struct rec_hdr, clause), (int32_t)REC_AGG));
	asm_emit(B, I_LDX(BPF_DW, 1, 10, FR_PROBE));
	asm_emit(B, I_STX(BPF_W, p, 1, offsetof(struct rec_hdr, probe)));
	asm_emit(B, I_CALL(BPF_FUNC_get_smp_processor_id));
	asm_emit(B, I_STX(BPF_W, p, 0, offsetof(struct rec_hdr, cpu)));
	asm_emit(B, I_ST(BPF_W, p, offsetof(struct rec_hdr, mask), a->desc.id));
	if (v >= 0)
		asm_emit(B, I_STX(BPF_DW, p, v, sizeof(struct rec_hdr) + offsetof(struct rec_agg, value)));
	else
		asm_emit(B, I_ST(BPF_DW, p, sizeof(struct rec_hdr) + offsetof(struct rec_agg, value), 0));
	if (incr >= 0)
		asm_emit(B, I_STX(BPF_DW, p, incr, sizeof(struct rec_hdr) + offsetof(struct rec_agg, incr)));
	else
		asm_emit(B, I_ST(BPF_DW, p, sizeof(struct rec_hdr) + offsetof(struct rec_agg, incr), 1));
	asm_emit(B, I_MOV64_REG(1, p));
	asm_emit(B, I_ALU64_IMM(BPF_ADD, 1, (int)(sizeof(struct rec_hdr) + sizeof(struct rec_agg))));
	asm_emit(B, I_MOV64_IMM(2, a->keysize));
	cg_scratch_ptr(g, 3, keyoff);
	asm_emit(B, I_CALL(BPF_FUNC_probe_read_kernel));
	asm_emit(B, I_MOV64_REG(1, p));
	asm_emit(B, I_MOV64_IMM(2, 0));
	asm_emit(B, I_CALL(BPF_FUNC_ringbuf_submit));
	asm_place(B, skip);
	cg_reg_free(g, p);
	if (v >= 0)
		cg_reg_free(g, v);
	if (incr >= 0)
		cg_reg_free(g, incr);
	return 0;
}

/* The hash and array lookups of agg_slot_ptr: r0 = lookup(map, key at
 * fp + FR_KEY0) or, with keyoff >= 0, of the key in scratch. */
static void lookup(struct cg *g, int map, int keyoff)
{
	asm_ld_map(B, 1, map);
	if (keyoff >= 0) {
		cg_scratch_ptr(g, 2, keyoff);
	} else {
		asm_emit(B, I_MOV64_REG(2, 10));
		asm_emit(B, I_ALU64_IMM(BPF_ADD, 2, FR_KEY0));
	}
	asm_emit(B, I_CALL(BPF_FUNC_map_lookup_elem));
}

/*
 * r0 = this CPU's values of the key built at scratch + keyoff, for an
 * aggregation in slots (agg.h); a key seen for the first time takes a
 * slot.  Jumps to skip, counting a drop, when no slot is left.
 */
static void agg_slot_ptr(struct cg *g, const struct d_agg *a, int keyoff, int skip)
{
	int slot = cg_spill_get(g), have = asm_label(B), again = asm_label(B), fresh = asm_label(B),
	    taken = asm_label(B), index = asm_label(B), drop = asm_label(B), ok = asm_label(B);
	int ks = a->keysize;

	lookup(g, a->map, keyoff);
	asm_jmp_imm(B, BPF_JNE, 0, 0, have);
	/* a new key: a freed slot, else the next never used */
	asm_ld_map(B, 1, a->qmap);
	asm_emit(B, I_MOV64_REG(2, 10));
	asm_emit(B, I_ALU64_IMM(BPF_ADD, 2, slot));
	asm_emit(B, I_CALL(BPF_FUNC_map_pop_elem));
	asm_jmp_imm(B, BPF_JNE, 0, 0, fresh);
	asm_emit(B, I_LDX(BPF_DW, 1, 10, slot));
	asm_jmp(B, taken);
	asm_place(B, fresh);
	asm_emit(B, I_ST(BPF_W, 10, FR_KEY0, (int32_t)a->nslots));
	lookup(g, a->kmap, -1);
	asm_jmp_imm(B, BPF_JEQ, 0, 0, drop);
	asm_emit(B, I_MOV64_IMM(1, 1));
	asm_emit(B, (struct bpf_insn){ BPF_STX | BPF_DW | BPF_ATOMIC, 0, 1, 0, BPF_ADD | BPF_FETCH });
	asm_place(B, taken);
	asm_jmp_imm(B, BPF_JGE, 1, (int32_t)a->nslots, drop);
	asm_emit(B, I_STX(BPF_DW, 10, 1, slot));
	asm_emit(B, I_STX(BPF_W, 10, 1, FR_KEY0));
	/* its key, then the key in the hash, then the slot marked in use */
	lookup(g, a->kmap, -1);
	asm_jmp_imm(B, BPF_JEQ, 0, 0, drop);
	cg_ld_scratch(g, 2);
	for (int off = 0; off < ks;) {
		int sz = ks - off >= 8 ? 8 : ks - off >= 4 ? 4 : ks - off >= 2 ? 2 : 1;
		int bs = sz == 8 ? BPF_DW : sz == 4 ? BPF_W : sz == 2 ? BPF_H : BPF_B;

		asm_emit(B, I_LDX(bs, 1, 2, keyoff + off));
		asm_emit(B, I_STX(bs, 0, 1, 8 + off));
		off += sz;
	}
	asm_ld_map(B, 1, a->map);
	cg_scratch_ptr(g, 2, keyoff);
	asm_emit(B, I_MOV64_REG(3, 10));
	asm_emit(B, I_ALU64_IMM(BPF_ADD, 3, slot));
	asm_emit(B, I_MOV64_IMM(4, BPF_NOEXIST));
	asm_emit(B, I_CALL(BPF_FUNC_map_update_elem));
	asm_jmp_imm(B, BPF_JNE, 0, 0, again);
	lookup(g, a->kmap, -1);
	asm_jmp_imm(B, BPF_JEQ, 0, 0, drop);
	asm_emit(B, I_ST(BPF_DW, 0, 0, 1));
	asm_jmp(B, index);
	/* another CPU put the key in first: the slot goes back, theirs is used */
	asm_place(B, again);
	asm_ld_map(B, 1, a->qmap);
	asm_emit(B, I_MOV64_REG(2, 10));
	asm_emit(B, I_ALU64_IMM(BPF_ADD, 2, slot));
	asm_emit(B, I_MOV64_IMM(3, 0));
	asm_emit(B, I_CALL(BPF_FUNC_map_push_elem));
	lookup(g, a->map, keyoff);
	asm_jmp_imm(B, BPF_JEQ, 0, 0, drop);
	asm_place(B, have);
	asm_emit(B, I_LDX(BPF_DW, 1, 0, 0));
	asm_emit(B, I_STX(BPF_DW, 10, 1, slot));
	/* this CPU's entry of the slot */
	asm_place(B, index);
	asm_emit(B, I_CALL(BPF_FUNC_get_smp_processor_id));
	asm_emit(B, I_ALU64_IMM(BPF_MUL, 0, (int32_t)a->nslots));
	asm_emit(B, I_LDX(BPF_DW, 1, 10, slot));
	asm_emit(B, I_ALU64_REG(BPF_ADD, 0, 1));
	asm_emit(B, I_STX(BPF_W, 10, 0, FR_KEY0));
	cg_spill_put(g, slot);
	lookup(g, a->vmap, -1);
	asm_jmp_imm(B, BPF_JNE, 0, 0, ok);
	asm_place(B, drop);
	cg_count(g, CNT_AGG_DROPS);
	asm_jmp(B, skip);
	asm_place(B, ok);
}

static int cg_aggregate(struct cg *g, struct d_expr *e)
{
	struct d_agg *a = g->dp->aggv[e->left->builtin];
	struct d_expr *call = e->right;
	int v = -1, incr = -1, p, keyoff = 0;
	int skip = asm_label(B);
	enum agg_func f = a->desc.func;

	if (call->args) {
		v = cg_expr(g, call->args);
		if (v < 0)
			return -1;
		struct d_expr *ie = call->args->next;
		int nparams = f == AGG_LQUANTIZE ? 3 : f == AGG_LLQUANTIZE ? 4 : 0;

		for (int i = 0; i < nparams && ie; i++)
			ie = ie->next;
		if (ie) {
			incr = cg_expr(g, ie);
			if (incr < 0)
				return -1;
		}
	}
	if (a->in_user)
		return cg_aggregate_user(g, a, e, v, incr);
	if (a->by_probe) {
		asm_emit(B, I_LDX(BPF_DW, 1, 10, FR_PROBE));
		asm_emit(B, I_STX(BPF_W, 10, 1, FR_KEY0));
		asm_ld_map(B, 1, a->map);
		asm_emit(B, I_MOV64_REG(2, 10));
		asm_emit(B, I_ALU64_IMM(BPF_ADD, 2, FR_KEY0));
		asm_emit(B, I_CALL(BPF_FUNC_map_lookup_elem));
		asm_jmp_imm(B, BPF_JEQ, 0, 0, skip);
	} else if (a->desc.nkeys == 0) {
		asm_emit(B, I_ST(BPF_W, 10, FR_KEY0, 0));
		asm_ld_map(B, 1, a->map);
		asm_emit(B, I_MOV64_REG(2, 10));
		asm_emit(B, I_ALU64_IMM(BPF_ADD, 2, FR_KEY0));
		asm_emit(B, I_CALL(BPF_FUNC_map_lookup_elem));
		asm_jmp_imm(B, BPF_JEQ, 0, 0, skip);
	} else {
		keyoff = cg_key(g, e->left->args, a->keys, a->keysize);
		if (keyoff < 0)
			return -1;
		agg_slot_ptr(g, a, keyoff, skip);
	}
	p = cg_reg_alloc(g);
	asm_emit(B, I_MOV64_REG(p, 0));
	if (a->stride > a->desc.ndata) {
		int t = a->desc.ndata * 8;

		asm_emit(B, I_LDX(BPF_DW, 1, p, t));
		asm_emit(B, I_ALU64_IMM(BPF_ADD, 1, 1));
		asm_emit(B, I_STX(BPF_DW, p, 1, t));
	}
	switch (f) {
	case AGG_COUNT:
		asm_emit(B, I_LDX(BPF_DW, 1, p, 0));
		asm_emit(B, I_ALU64_IMM(BPF_ADD, 1, 1));
		asm_emit(B, I_STX(BPF_DW, p, 1, 0));
		break;
	case AGG_SUM:
	case AGG_AVG:
	case AGG_STDDEV: {
		int so = f == AGG_SUM ? 0 : 8;

		if (f != AGG_SUM) {
			asm_emit(B, I_LDX(BPF_DW, 1, p, 0));
			asm_emit(B, I_ALU64_IMM(BPF_ADD, 1, 1));
			asm_emit(B, I_STX(BPF_DW, p, 1, 0));
		}
		asm_emit(B, I_LDX(BPF_DW, 1, p, so));
		asm_emit(B, I_ALU64_REG(BPF_ADD, 1, v));
		asm_emit(B, I_STX(BPF_DW, p, 1, so));
		if (f == AGG_STDDEV) {
			/* 128-bit sum of squares: |v| = h*2^32 + l,
			 * v^2 = h*h*2^64 + 2*h*l*2^32 + l*l */
			int pos = asm_label(B), c1 = asm_label(B), c2 = asm_label(B);

			asm_emit(B, I_MOV64_REG(1, v));
			asm_jmp_imm(B, BPF_JSGE, 1, 0, pos);
			asm_emit(B, I_NEG(1));
			asm_place(B, pos);
			asm_emit(B, I_MOV64_REG(2, 1));
			asm_emit(B, I_ALU64_IMM(BPF_RSH, 2, 32));				 /* h */
			asm_emit(B, (struct bpf_insn){ BPF_ALU | BPF_MOV | BPF_X, 1, 1, 0, 0 }); /* l */
			asm_emit(B, I_MOV64_REG(3, 1));
			asm_emit(B, I_ALU64_REG(BPF_MUL, 3, 2)); /* m = h*l */
			asm_emit(B, I_ALU64_REG(BPF_MUL, 1, 1)); /* ll */
			asm_emit(B, I_ALU64_REG(BPF_MUL, 2, 2)); /* hh */
			asm_emit(B, I_MOV64_REG(4, 3));
			asm_emit(B, I_ALU64_IMM(BPF_LSH, 4, 33)); /* low part of 2m<<32 */
			asm_emit(B, I_ALU64_IMM(BPF_RSH, 3, 31)); /* high part */
			asm_emit(B, I_ALU64_REG(BPF_ADD, 2, 3));
			asm_emit(B, I_ALU64_REG(BPF_ADD, 4, 1)); /* lo = ll + mlo */
			asm_jmp_reg(B, BPF_JGE, 4, 1, c1);
			asm_emit(B, I_ALU64_IMM(BPF_ADD, 2, 1));
			asm_place(B, c1);
			/* add (r2:r4) to p[3]:p[2] */
			asm_emit(B, I_LDX(BPF_DW, 1, p, 16));
			asm_emit(B, I_ALU64_REG(BPF_ADD, 1, 4));
			asm_emit(B, I_STX(BPF_DW, p, 1, 16));
			asm_jmp_reg(B, BPF_JGE, 1, 4, c2);
			asm_emit(B, I_ALU64_IMM(BPF_ADD, 2, 1));
			asm_place(B, c2);
			asm_emit(B, I_LDX(BPF_DW, 1, p, 24));
			asm_emit(B, I_ALU64_REG(BPF_ADD, 1, 2));
			asm_emit(B, I_STX(BPF_DW, p, 1, 24));
		}
		break;
	}
	case AGG_MIN:
	case AGG_MAX: {
		int set = asm_label(B), keep = asm_label(B);

		asm_emit(B, I_LDX(BPF_DW, 1, p, 8));
		asm_jmp_imm(B, BPF_JEQ, 1, 0, set);
		asm_emit(B, I_LDX(BPF_DW, 2, p, 0));
		asm_jmp_reg(B, f == AGG_MIN ? BPF_JSGE : BPF_JSLE, v, 2, keep);
		asm_place(B, set);
		asm_emit(B, I_STX(BPF_DW, p, v, 0));
		asm_place(B, keep);
		asm_emit(B, I_ALU64_IMM(BPF_ADD, 1, 1));
		asm_emit(B, I_STX(BPF_DW, p, 1, 8));
		break;
	}
	case AGG_QUANTIZE:
	case AGG_LQUANTIZE:
	case AGG_LLQUANTIZE: {
		int idx = cg_bucket(g, a, v), clamp = asm_label(B);

		asm_jmp_imm(B, BPF_JLT, idx, a->desc.ndata, clamp);
		asm_emit(B, I_MOV64_IMM(idx, a->desc.ndata - 1));
		asm_place(B, clamp);
		asm_emit(B, I_ALU64_IMM(BPF_LSH, idx, 3));
		asm_emit(B, I_ALU64_REG(BPF_ADD, idx, p));
		asm_emit(B, I_LDX(BPF_DW, 1, idx, 0));
		if (incr >= 0)
			asm_emit(B, I_ALU64_REG(BPF_ADD, 1, incr));
		else
			asm_emit(B, I_ALU64_IMM(BPF_ADD, 1, 1));
		asm_emit(B, I_STX(BPF_DW, idx, 1, 0));
		cg_reg_free(g, idx);
		break;
	}
	}
	cg_reg_free(g, p);
	asm_place(B, skip);
	if (v >= 0)
		cg_reg_free(g, v);
	if (incr >= 0)
		cg_reg_free(g, incr);
	return 0;
}

/* ---- actions ---- */

static void cg_mark(struct cg *g, const struct d_act *a)
{
	asm_emit(B, I_LDX(BPF_DW, 1, 10, FR_REC));
	asm_emit(B, I_LDX(BPF_W, 2, 1, offsetof(struct rec_hdr, mask)));
	asm_emit(B, I_ALU64_IMM(BPF_OR, 2, 1 << a->bit));
	asm_emit(B, I_STX(BPF_W, 1, 2, offsetof(struct rec_hdr, mask)));
}

static int cg_record_args(struct cg *g, const struct d_act *a, struct d_expr *args)
{
	int i = 0;

	for (struct d_expr *x = args; x && i < a->nargs; x = x->next, i++) {
		int r = cg_expr(g, x);
		const struct rec_arg *ra = &a->args[i];

		if (r < 0)
			return -1;
		if (ra->type.k == TY_STR || d_type_in_memory(&ra->type)) {
			int t = cg_reg_alloc(g);

			asm_emit(B, I_LDX(BPF_DW, t, 10, FR_REC));
			if (ra->type.k == TY_STR)
				cg_strcpy(g, t, ra->off, ra->type.size, r);
			else
				cg_blob_copy(g, t, ra->off, &ra->type, r);
			cg_reg_free(g, t);
		} else {
			asm_emit(B, I_LDX(BPF_DW, 1, 10, FR_REC));
			asm_emit(B, I_STX(BPF_DW, 1, r, ra->off));
		}
		cg_reg_free(g, r);
	}
	return 0;
}

static int cg_action(struct cg *g, struct d_expr *e)
{
	const struct d_act *a = NULL;
	struct d_expr *args = e->args;

	/* actions are matched to their d_act in order of appearance */
	for (const struct d_act *x = g->cc->acts; x; x = x->next)
		if (x->pos.line == e->pos.line && x->pos.col == e->pos.col)
			a = x;
	if (!a)
		return cg_fail(g, e->pos, "", "internal error: action without a record slot");
	if (a->kind >= ACT_SPECULATE && a->kind <= ACT_RAISE)
		return cg_spec_action(g, a, e);
	switch (a->kind) {
	case ACT_PRINTF:
	case ACT_SYSTEM:
		args = args->next;
		break;
	case ACT_TRUNC:
	case ACT_NORMALIZE:
		args = args->next;
		break;
	default:
		break;
	}
	if (cg_record_args(g, a, args))
		return -1;
	if (a->kind == ACT_EXIT) {
		asm_ld_map_value(B, 1, g->sh->m_globals, 0);
		asm_emit(B, I_ST(BPF_DW, 1, 0, 1));
	}
	cg_mark(g, a);
	return 0;
}

int cg_stmts(struct cg *g, struct d_stmt *s)
{
	for (; s; s = s->next) {
		struct d_expr *e = s->expr;
		int r, mark = g->scratch, hw = g->scratch_hw;

		g->action++;
		g->b.cur_line = s->pos.line;
		g->stmt = s->pos;
		g->scratch_hw = g->scratch; /* this statement's, for the limit */
		switch (s->kind) {
		case DS_EMPTY:
			break;
		case DS_BLOCK:
			if (cg_stmts(g, s->body))
				return -1;
			break;
		case DS_IF: {
			int els = asm_label(B), done = asm_label(B), rt;

			r = cg_expr(g, e);
			if (r < 0)
				return -1;
			rt = asm_set_runtime(B, cg_runtime(e));
			asm_jmp_imm(B, BPF_JEQ, r, 0, els);
			asm_set_runtime(B, rt);
			cg_reg_free(g, r);
			if (cg_stmts(g, s->then))
				return -1;
			rt = asm_set_runtime(B, cg_runtime(e));
			asm_jmp(B, done);
			asm_set_runtime(B, rt);
			asm_place(B, els);
			if (cg_stmts(g, s->els))
				return -1;
			asm_place(B, done);
			break;
		}
		case DS_EXPR:
			if (e->kind == DE_BINARY && e->left->kind == DE_AGG) {
				if (cg_aggregate(g, e))
					return -1;
				break;
			}
			if (e->kind == DE_CALL && e->func >= F_TRACE && e->func <= F_PANIC) {
				if (cg_action(g, e))
					return -1;
				break;
			}
			r = cg_expr(g, e);
			if (r < 0)
				return -1;
			cg_reg_free(g, r);
			break;
		}
		/* a statement's temporaries (keys, strings) die with it */
		if (g->scratch > g->scratch_hw)
			g->scratch_hw = g->scratch;
		if (g->scratch_hw > SCRATCH_MAX)
			cg_over(g, OVER_SCRATCH, g->scratch_hw);
		if (hw > g->scratch_hw)
			g->scratch_hw = hw;
		g->scratch = mark;
	}
	return 0;
}
