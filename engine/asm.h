/*
 * asm.h - a growable list of BPF instructions with symbolic labels.
 *
 * The code generator never computes a jump offset: it allocates a label,
 * emits jumps to it and places it later; asm_finish() resolves every jump.
 * Map references are emitted as 16-byte ld_imm64 pairs whose imm holds the
 * index of the map in the compiled program (src_reg BPF_PSEUDO_MAP_FD or
 * BPF_PSEUDO_MAP_VALUE); the loader rewrites the index into a file
 * descriptor just before loading.
 */
#ifndef DSCOPE_ASM_H
#define DSCOPE_ASM_H

#include <linux/bpf.h>
#include <stddef.h>
#include <stdint.h>

struct asm_buf {
	struct bpf_insn *insn;
	size_t n, cap;
	int *label_at; /* label -> instruction index, -1 until placed */
	int nlabels, label_cap;
	int oom;      /* an allocation failed; everything after is dropped */
	int *lines;   /* D source line of each instruction, for verifier errors */
	int cur_line; /* line given to instructions emitted from now on */
};

void asm_init(struct asm_buf *b);
void asm_fini(struct asm_buf *b);

void asm_emit(struct asm_buf *b, struct bpf_insn i);
int asm_label(struct asm_buf *b);
void asm_place(struct asm_buf *b, int label);
/* Conditional or unconditional jump to a label: off holds the label until
 * asm_finish().  `op` is BPF_JA or a BPF_J* comparison. */
void asm_jmp_imm(struct asm_buf *b, int op, int reg, int32_t imm, int label);
void asm_jmp_reg(struct asm_buf *b, int op, int dst, int src, int label);
void asm_jmp(struct asm_buf *b, int label);
/* ld_imm64 of a 64-bit constant. */
void asm_ld64(struct asm_buf *b, int reg, uint64_t v);
/* ld_imm64 of map `idx`'s fd, or of a pointer to its value at `off`. */
void asm_ld_map(struct asm_buf *b, int reg, int idx);
void asm_ld_map_value(struct asm_buf *b, int reg, int idx, uint32_t off);
/* Resolve labels.  Returns 0, or -1 when a label was never placed or the
 * buffer ran out of memory. */
int asm_finish(struct asm_buf *b);

/* Instruction constructors (kernel-style names, lower case). */
#define I_ALU64_IMM(OP, DST, IMM) ((struct bpf_insn){ BPF_ALU64 | BPF_OP(OP) | BPF_K, DST, 0, 0, IMM })
#define I_ALU64_REG(OP, DST, SRC) ((struct bpf_insn){ BPF_ALU64 | BPF_OP(OP) | BPF_X, DST, SRC, 0, 0 })
#define I_ALU32_IMM(OP, DST, IMM) ((struct bpf_insn){ BPF_ALU | BPF_OP(OP) | BPF_K, DST, 0, 0, IMM })
#define I_MOV64_IMM(DST, IMM)	  ((struct bpf_insn){ BPF_ALU64 | BPF_MOV | BPF_K, DST, 0, 0, IMM })
#define I_MOV64_REG(DST, SRC)	  ((struct bpf_insn){ BPF_ALU64 | BPF_MOV | BPF_X, DST, SRC, 0, 0 })
#define I_LDX(SZ, DST, SRC, OFF)  ((struct bpf_insn){ BPF_LDX | BPF_SIZE(SZ) | BPF_MEM, DST, SRC, OFF, 0 })
#define I_STX(SZ, DST, SRC, OFF)  ((struct bpf_insn){ BPF_STX | BPF_SIZE(SZ) | BPF_MEM, DST, SRC, OFF, 0 })
#define I_ST(SZ, DST, OFF, IMM)	  ((struct bpf_insn){ BPF_ST | BPF_SIZE(SZ) | BPF_MEM, DST, 0, OFF, IMM })
#define I_CALL(FN)		  ((struct bpf_insn){ BPF_JMP | BPF_CALL, 0, 0, 0, FN })
#define I_EXIT()		  ((struct bpf_insn){ BPF_JMP | BPF_EXIT, 0, 0, 0, 0 })
#define I_NEG(DST)		  ((struct bpf_insn){ BPF_ALU64 | BPF_NEG | BPF_K, DST, 0, 0, 0 })
/* sign-extending moves (BPF v4): MOVSX with off = 8, 16, 32 */
#define I_MOVSX(DST, SRC, BITS) ((struct bpf_insn){ BPF_ALU64 | BPF_MOV | BPF_X, DST, SRC, BITS, 0 })

#endif
