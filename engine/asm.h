/*
 * asm.h - a growable list of BPF instructions with symbolic labels.
 *
 * The code generator never computes a jump offset: it allocates a label,
 * emits jumps to it and places it later; asm_finish() resolves every jump.
 * Every loop (a jump back to a label) is declared with asm_loop() and its
 * trip count, so that asm_cost() can tell before loading how many
 * instructions the verifier will walk at least.
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
	int *label_at;		   /* label -> instruction index, -1 until placed */
	unsigned char *label_exit; /* label -> 1 when asm_label_exit() says so */
	int nlabels, label_cap;
	int oom;	       /* an allocation failed; everything after is dropped */
	int *lines;	       /* D source line of each instruction, for verifier errors */
	int *target;	       /* the label a jump goes to (-1 for other instructions) */
	unsigned char *iflags; /* IF_* of each instruction */
	int cur_line;	       /* line given to instructions emitted from now on */
	int runtime;	       /* jumps emitted from now on are IF_RUNTIME */
	int cond;	       /* inside asm_cond_begin(): instructions are IF_COND */
	struct asm_loop {
		int head;	    /* label of the loop's first instruction */
		int trips;	    /* at most this many times round */
		const char *opt;    /* the option the trip count comes from, or NULL */
		size_t first, last; /* after asm_finish: its instructions */
	} * loops;
	int nloops, loop_cap;
	uint64_t *weight; /* after asm_finish: times the verifier walks each */
	size_t far_at;	  /* after ASM_FAR: the jump that is too far */
};

/* What the cost knows of an instruction: a jump whose condition the
 * verifier cannot know (it depends on run-time data only: it walks both
 * ways); code that may never be walked (a clause whose predicate it may
 * know to be false). */
enum { IF_RUNTIME = 1, IF_COND = 2 };

/* asm_finish()'s errors */
enum { ASM_INTERNAL = -1, ASM_FAR = -2 };
/* the farthest a jump reaches (its offset is 16 bits) */
enum { ASM_JUMP_MAX = 32767 };

void asm_init(struct asm_buf *b);
void asm_fini(struct asm_buf *b);

void asm_emit(struct asm_buf *b, struct bpf_insn i);
int asm_label(struct asm_buf *b);
void asm_place(struct asm_buf *b, int label);
/* The label ends the clause or the program: jumps there do not make the
 * code they skip conditional (for asm_cost). */
void asm_label_exit(struct asm_buf *b, int label);
/* Jumps emitted from now on depend on run-time data only (on) or maybe not;
 * returns the previous setting, to be restored. */
int asm_set_runtime(struct asm_buf *b, int on);
/* Code between these may never be walked by the verifier (they nest). */
void asm_cond_begin(struct asm_buf *b);
void asm_cond_end(struct asm_buf *b);
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
/* The loop whose first instruction is at `head` (jumped back to from its
 * end) runs at most `trips` times; `opt` names the option that sets the
 * count (for messages), NULL when none does. */
void asm_loop(struct asm_buf *b, int head, int trips, const char *opt);
/* Resolve labels.  Returns 0; ASM_INTERNAL when a label was never placed or
 * the buffer ran out of memory; ASM_FAR when a jump's target is more than
 * ASM_JUMP_MAX instructions away (far_at says which). */
int asm_finish(struct asm_buf *b);
/*
 * After asm_finish(): how many instructions the verifier walks, at least,
 * in instructions [from, to): each instruction once per trip of every loop
 * around it (nested loops multiply), an ld_imm64 pair once, and nothing for
 * code in a conditional region or that a forward jump may skip (other than
 * an IF_RUNTIME one, or one to an exit label, or a loop's exit): the
 * verifier does not walk it when it knows the condition.  A lower bound: a
 * loop's body is walked once per trip since its counter differs each time;
 * the verifier may walk more (both arms of the branches it cannot decide,
 * states it cannot prune).  Saturates at UINT64_MAX / 2.
 * *opt, when not NULL, gets the option of the costliest loop in the range
 * (NULL if none).
 */
uint64_t asm_cost(const struct asm_buf *b, size_t from, size_t to, const char **opt);

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
