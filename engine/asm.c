/*
 * asm.c - instruction buffer and label resolution; see asm.h.
 *
 * Until asm_finish() a jump's `off` field holds its target label.  Jumps to
 * a label more than 32767 instructions away cannot be encoded; programs
 * that large are refused by the verifier anyway, and asm_finish() reports
 * them rather than emitting a wrong offset.
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
	free(b->label_at);
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
		b->cap = cap;
	}
	b->lines[b->n] = b->cur_line;
	b->insn[b->n++] = i;
}

int asm_label(struct asm_buf *b)
{
	if (b->nlabels == b->label_cap) {
		int cap = b->label_cap ? b->label_cap * 2 : 64;
		int *p = realloc(b->label_at, (size_t)cap * sizeof(*p));

		if (!p) {
			b->oom = 1;
			return 0;
		}
		b->label_at = p;
		b->label_cap = cap;
	}
	b->label_at[b->nlabels] = -1;
	return b->nlabels++;
}

void asm_place(struct asm_buf *b, int label)
{
	if (!b->oom && label < b->nlabels)
		b->label_at[label] = (int)b->n;
}

void asm_jmp_imm(struct asm_buf *b, int op, int reg, int32_t imm, int label)
{
	asm_emit(b, (struct bpf_insn){ BPF_JMP | BPF_OP(op) | BPF_K, reg, 0, (int16_t)label, imm });
}

void asm_jmp_reg(struct asm_buf *b, int op, int dst, int src, int label)
{
	asm_emit(b, (struct bpf_insn){ BPF_JMP | BPF_OP(op) | BPF_X, dst, src, (int16_t)label, 0 });
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

static int is_label_jump(const struct bpf_insn *i)
{
	int cls = BPF_CLASS(i->code), op = BPF_OP(i->code);

	return (cls == BPF_JMP || cls == BPF_JMP32) && op != BPF_CALL && op != BPF_EXIT;
}

int asm_finish(struct asm_buf *b)
{
	if (b->oom)
		return -1;
	for (size_t i = 0; i < b->n; i++) {
		struct bpf_insn *in = &b->insn[i];
		long d;

		if (in->code == (BPF_LD | BPF_DW | BPF_IMM)) {
			i++; /* second half of ld_imm64 */
			continue;
		}
		if (!is_label_jump(in))
			continue;
		if (in->off < 0 || in->off >= b->nlabels || b->label_at[in->off] < 0)
			return -1;
		d = (long)b->label_at[in->off] - (long)i - 1;
		if (d < -32768 || d > 32767)
			return -1;
		in->off = (int16_t)d;
	}
	return 0;
}
