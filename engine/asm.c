/*
 * asm.c - instruction buffer, label resolution and the verifier's cost; see
 * asm.h.
 *
 * Until asm_finish() a jump's target label is kept beside it (target[]),
 * its `off` field is 0.  Jumps to a label more than 32767 instructions away
 * cannot be encoded (the offset is 16 bits): asm_finish() reports them
 * (ASM_FAR) rather than emitting a wrong offset, and the code generator
 * turns that into a diagnostic naming the clause.
 *
 * The cost: the loops the code generator makes all count up to a bound it
 * knows (a string's capacity, nspec, 64 ancestors...) and it declares them
 * (asm_loop); an instruction weighs the product of the trip counts of the
 * loops around it.  The verifier cannot do with less: it walks a loop's
 * body once per trip (the counter differs each time, so no state is
 * pruned) and each arm of a branch at least once.
 */
#include "asm.h"

#include <stdlib.h>
#include <string.h>

void asm_init(struct asm_buf *b)
{
	memset(b, 0, sizeof(*b));
}

void asm_fini(struct asm_buf *b)
{
	free(b->insn);
	free(b->lines);
	free(b->target);
	free(b->iflags);
	free(b->label_at);
	free(b->label_exit);
	free(b->loops);
	free(b->weight);
	memset(b, 0, sizeof(*b));
}

void asm_emit(struct asm_buf *b, struct bpf_insn i)
{
	if (b->oom)
		return;
	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 256;
		struct bpf_insn *p = realloc(b->insn, cap * sizeof(*p));
		int *l;
		unsigned char *f;

		if (!p) {
			b->oom = 1;
			return;
		}
		b->insn = p;
		l = realloc(b->lines, cap * sizeof(*l));
		if (!l) {
			b->oom = 1;
			return;
		}
		b->lines = l;
		l = realloc(b->target, cap * sizeof(*l));
		if (!l) {
			b->oom = 1;
			return;
		}
		b->target = l;
		f = realloc(b->iflags, cap);
		if (!f) {
			b->oom = 1;
			return;
		}
		b->iflags = f;
		b->cap = cap;
	}
	b->lines[b->n] = b->cur_line;
	b->target[b->n] = -1;
	b->iflags[b->n] = (unsigned char)((b->runtime ? IF_RUNTIME : 0) | (b->cond ? IF_COND : 0));
	b->insn[b->n++] = i;
}

int asm_label(struct asm_buf *b)
{
	if (b->nlabels == b->label_cap) {
		int cap = b->label_cap ? b->label_cap * 2 : 64;
		int *p = realloc(b->label_at, (size_t)cap * sizeof(*p));
		unsigned char *x;

		if (!p) {
			b->oom = 1;
			return 0;
		}
		b->label_at = p;
		x = realloc(b->label_exit, (size_t)cap);
		if (!x) {
			b->oom = 1;
			return 0;
		}
		b->label_exit = x;
		b->label_cap = cap;
	}
	b->label_at[b->nlabels] = -1;
	b->label_exit[b->nlabels] = 0;
	return b->nlabels++;
}

void asm_label_exit(struct asm_buf *b, int label)
{
	if (!b->oom && label >= 0 && label < b->nlabels)
		b->label_exit[label] = 1;
}

int asm_set_runtime(struct asm_buf *b, int on)
{
	int old = b->runtime;

	b->runtime = on;
	return old;
}

void asm_cond_begin(struct asm_buf *b)
{
	b->cond++;
}

void asm_cond_end(struct asm_buf *b)
{
	b->cond--;
}

void asm_place(struct asm_buf *b, int label)
{
	if (!b->oom && label < b->nlabels)
		b->label_at[label] = (int)b->n;
}

/* The instruction just emitted jumps to label. */
static void set_target(struct asm_buf *b, int label)
{
	if (!b->oom && b->n)
		b->target[b->n - 1] = label;
}

void asm_jmp_imm(struct asm_buf *b, int op, int reg, int32_t imm, int label)
{
	asm_emit(b, (struct bpf_insn){ BPF_JMP | BPF_OP(op) | BPF_K, reg, 0, 0, imm });
	set_target(b, label);
}

void asm_jmp_reg(struct asm_buf *b, int op, int dst, int src, int label)
{
	asm_emit(b, (struct bpf_insn){ BPF_JMP | BPF_OP(op) | BPF_X, dst, src, 0, 0 });
	set_target(b, label);
}

void asm_jmp(struct asm_buf *b, int label)
{
	asm_jmp_imm(b, BPF_JA, 0, 0, label);
}

void asm_ld64(struct asm_buf *b, int reg, uint64_t v)
{
	asm_emit(b, (struct bpf_insn){ BPF_LD | BPF_DW | BPF_IMM, reg, 0, 0, (int32_t)(uint32_t)v });
	asm_emit(b, (struct bpf_insn){ 0, 0, 0, 0, (int32_t)(uint32_t)(v >> 32) });
}

void asm_ld_map(struct asm_buf *b, int reg, int idx)
{
	asm_emit(b, (struct bpf_insn){ BPF_LD | BPF_DW | BPF_IMM, reg, BPF_PSEUDO_MAP_FD, 0, idx });
	asm_emit(b, (struct bpf_insn){ 0, 0, 0, 0, 0 });
}

void asm_ld_map_value(struct asm_buf *b, int reg, int idx, uint32_t off)
{
	asm_emit(b, (struct bpf_insn){ BPF_LD | BPF_DW | BPF_IMM, reg, BPF_PSEUDO_MAP_VALUE, 0, idx });
	asm_emit(b, (struct bpf_insn){ 0, 0, 0, 0, (int32_t)off });
}

void asm_loop(struct asm_buf *b, int head, int trips, const char *opt)
{
	if (b->oom)
		return;
	if (b->nloops == b->loop_cap) {
		int cap = b->loop_cap ? b->loop_cap * 2 : 16;
		struct asm_loop *p = realloc(b->loops, (size_t)cap * sizeof(*p));

		if (!p) {
			b->oom = 1;
			return;
		}
		b->loops = p;
		b->loop_cap = cap;
	}
	b->loops[b->nloops++] = (struct asm_loop){ head, trips > 0 ? trips : 1, opt, 0, 0 };
}

static int is_label_jump(const struct bpf_insn *i)
{
	int cls = BPF_CLASS(i->code), op = BPF_OP(i->code);

	return (cls == BPF_JMP || cls == BPF_JMP32) && op != BPF_CALL && op != BPF_EXIT;
}

#define COST_CAP (UINT64_MAX / 2)

static uint64_t mul_sat(uint64_t a, uint64_t b)
{
	return b && a > COST_CAP / b ? COST_CAP : a * b;
}

/*
 * The weight of every instruction.  Code some branch may jump over (a
 * forward jump from before it to after it, other than to an exit label, a
 * loop's own exit or an IF_RUNTIME jump) weighs 0, and so does IF_COND
 * code: the verifier skips it when it knows the condition (a constant
 * argument, a literal string in read-only data).
 * The rest weighs 1, times the trips of the loops around it.  Loops whose
 * code may be jumped over count once.
 */
static int weigh(struct asm_buf *b)
{
	int *cover;

	free(b->weight);
	b->weight = malloc((b->n ? b->n : 1) * sizeof(*b->weight));
	cover = calloc(b->n + 1, sizeof(*cover));
	if (!b->weight || !cover) {
		free(cover);
		return -1;
	}
	/* each loop's extent: its head to the last jump back to it */
	for (int k = 0; k < b->nloops; k++) {
		struct asm_loop *l = &b->loops[k];
		long head = l->head >= 0 && l->head < b->nlabels ? b->label_at[l->head] : -1;
		long last = -1;

		for (size_t i = (size_t)(head < 0 ? 0 : head); head >= 0 && i < b->n; i++)
			if (b->target[i] == l->head)
				last = (long)i;
		l->first = (size_t)(last < 0 ? 0 : head);
		l->last = (size_t)(last < 0 ? 0 : last);
		if (last < 0)
			l->trips = 1; /* no jump back: not a loop after all */
	}
	/* what forward jumps may skip: +1 after the jump, -1 at its target */
	for (size_t j = 0; j < b->n; j++) {
		int t = b->target[j], internal = 0;
		size_t to;

		if (t < 0 || b->label_exit[t] || (b->iflags[j] & IF_RUNTIME) || b->label_at[t] <= (int)j + 1)
			continue;
		to = (size_t)b->label_at[t];
		for (int k = 0; k < b->nloops && !internal; k++)
			internal = b->loops[k].trips > 1 && j >= b->loops[k].first && j <= b->loops[k].last &&
				   to <= b->loops[k].last + 1;
		if (internal)
			continue;
		cover[j + 1]++;
		cover[to]--;
	}
	long depth = 0;

	for (size_t i = 0; i < b->n; i++) {
		depth += cover[i];
		b->weight[i] = depth || (b->iflags[i] & IF_COND) ? 0 : 1;
	}
	free(cover);
	for (size_t i = 0; i + 1 < b->n; i++)
		if (b->insn[i].code == (BPF_LD | BPF_DW | BPF_IMM))
			b->weight[++i] = 0; /* the verifier steps over the pair at once */
	for (int k = 0; k < b->nloops; k++) {
		const struct asm_loop *l = &b->loops[k];

		if (l->trips <= 1 || !b->weight[l->first])
			continue;
		for (size_t i = l->first; i <= l->last; i++)
			b->weight[i] = mul_sat(b->weight[i], (uint64_t)l->trips);
	}
	return 0;
}

int asm_finish(struct asm_buf *b)
{
	if (b->oom)
		return ASM_INTERNAL;
	for (size_t i = 0; i < b->n; i++) {
		struct bpf_insn *in = &b->insn[i];
		int t = b->target[i];
		long d;

		if (in->code == (BPF_LD | BPF_DW | BPF_IMM)) {
			i++; /* second half of ld_imm64 */
			continue;
		}
		if (!is_label_jump(in))
			continue;
		if (t < 0 || t >= b->nlabels || b->label_at[t] < 0)
			return ASM_INTERNAL;
		d = (long)b->label_at[t] - (long)i - 1;
		if (d < -ASM_JUMP_MAX - 1 || d > ASM_JUMP_MAX) {
			b->far_at = i;
			return ASM_FAR;
		}
		in->off = (int16_t)d;
	}
	return weigh(b) ? ASM_INTERNAL : 0;
}

uint64_t asm_cost(const struct asm_buf *b, size_t from, size_t to, const char **opt)
{
	uint64_t c = 0, worst = 0;

	if (opt)
		*opt = NULL;
	if (!b->weight)
		return 0;
	for (size_t i = from; i < to && i < b->n; i++)
		c = c + b->weight[i] > COST_CAP ? COST_CAP : c + b->weight[i];
	for (int k = 0; opt && k < b->nloops; k++) {
		const struct asm_loop *l = &b->loops[k];
		uint64_t lc = 0;

		if (l->trips <= 1 || l->first < from || l->last >= to)
			continue;
		for (size_t i = l->first; i <= l->last; i++)
			lc = lc + b->weight[i] > COST_CAP ? COST_CAP : lc + b->weight[i];
		if (lc > worst) {
			worst = lc;
			*opt = l->opt;
		}
	}
	return c;
}
