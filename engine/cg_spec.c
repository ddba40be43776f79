/*
 * cg_spec.c - code generation for speculations and the destructive actions
 * that act in the kernel (stop, raise).
 *
 * Speculation slots live in one array value (DM_SPEC), addressed directly:
 * slot i (id i + 1) is one 64-bit word, generation << 1 | active.  Only
 * atomic compare-and-exchange changes a word, so two CPUs never take the
 * same slot or end the same generation twice:
 *   speculation()   finds an inactive word and sets its active bit: the id,
 *                   or 0 (counted, "failed speculations") when none is free;
 *   commit/discard  turn an active word into the next generation, inactive,
 *                   and record the generation they ended; the slot is free
 *                   again at once (no "busy" state: records carry their
 *                   generation, so the consumer never confuses two lives
 *                   of one slot);
 *   a speculative   record is output only while its slot is active, tagged
 *   clause          with the current generation (cg_spec_emit); id 0 or an
 *                   inactive slot drops it silently, as dtrace does.
 * The consumer (consume_spec.c) holds tagged records until the commit or
 * discard record of their generation arrives.  An id beyond nspec is
 * dtrace's "illegal operation" fault.
 *
 * Registers: these sequences use r0-r5 between helper calls and keep the
 * record pointer in the frame (FR_REC), like every action.
 */
#include "cg.h"

#define B (&g->b)

enum { SIGSTOP_LINUX = 19, NSIG_LINUX = 64 };

static void spec_mark(struct cg *g, const struct d_act *a)
{
	asm_emit(B, I_LDX(BPF_DW, 1, 10, FR_REC));
	asm_emit(B, I_LDX(BPF_W, 2, 1, offsetof(struct rec_hdr, mask)));
	asm_emit(B, I_ALU64_IMM(BPF_OR, 2, 1 << a->bit));
	asm_emit(B, I_STX(BPF_W, 1, 2, offsetof(struct rec_hdr, mask)));
}

/* r3 = &slot[r1 - 1]; jumps to `bad` when r1 is not 1..nspec (r1 is
 * clobbered). */
static void slot_ptr(struct cg *g, int bad)
{
	asm_emit(B, I_ALU64_IMM(BPF_SUB, 1, 1));
	asm_jmp_imm(B, BPF_JGE, 1, g->o->nspec, bad);
	asm_emit(B, I_ALU64_IMM(BPF_LSH, 1, 3));
	asm_ld_map_value(B, 3, g->sh->m_spec, 0);
	asm_emit(B, I_ALU64_REG(BPF_ADD, 3, 1));
}

/* *(u64 *)(dst + off) cmpxchg: if it equals r0, store src; r0 = old */
static void cmpxchg64(struct cg *g, int dst, int src, int off)
{
	asm_emit(B, (struct bpf_insn){ BPF_STX | BPF_DW | BPF_ATOMIC, (uint8_t)dst, (uint8_t)src,
				       (int16_t)off, BPF_CMPXCHG });
}

/*
 * Shaped for the verifier, which walks the loop once per slot: the only
 * branch whose outcome it cannot know jumps to the next slot, so the path
 * that took a slot is followed to the end first and every later one is
 * pruned where the paths meet; no state piles up per slot.  An active
 * word never equals the inactive value compared against, so one cmpxchg
 * both tests and takes a slot.
 */
int cg_speculation(struct cg *g)
{
	int r = cg_reg_alloc(g), loop = asm_label(B), next = asm_label(B), fail = asm_label(B),
	    done = asm_label(B);

	asm_emit(B, I_MOV64_IMM(r, 0));
	asm_place(B, loop);
	asm_loop(B, loop, g->o->nspec, "nspec");
	asm_jmp_imm(B, BPF_JGE, r, g->o->nspec, fail);
	asm_emit(B, I_MOV64_REG(1, r));
	asm_emit(B, I_ALU64_IMM(BPF_LSH, 1, 3));
	asm_ld_map_value(B, 3, g->sh->m_spec, 0);
	asm_emit(B, I_ALU64_REG(BPF_ADD, 3, 1));
	/* expect the inactive word of its generation, store it active */
	asm_emit(B, I_LDX(BPF_DW, 0, 3, 0));
	asm_emit(B, I_ALU64_IMM(BPF_AND, 0, -2));
	asm_emit(B, I_MOV64_REG(4, 0));
	asm_emit(B, I_ALU64_IMM(BPF_OR, 4, 1));
	asm_emit(B, I_MOV64_REG(5, 0));
	cmpxchg64(g, 3, 4, 0);
	asm_jmp_reg(B, BPF_JNE, 0, 5, next);
	asm_emit(B, I_ALU64_IMM(BPF_ADD, r, 1));
	asm_jmp(B, done);
	asm_place(B, next);
	asm_emit(B, I_ALU64_IMM(BPF_ADD, r, 1));
	asm_jmp(B, loop);
	asm_place(B, fail);
	cg_count(g, CNT_SPEC_UNAVAIL);
	asm_emit(B, I_MOV64_IMM(r, 0));
	asm_place(B, done);
	return r;
}

/* commit() and discard(): end the slot's generation, record which. */
static void spec_end(struct cg *g, const struct d_act *a, int r)
{
	int store = asm_label(B), bad = asm_label(B);

	asm_emit(B, I_MOV64_IMM(2, -1)); /* SPEC_GEN_NONE */
	asm_jmp_imm(B, BPF_JEQ, r, 0, store);
	asm_emit(B, I_MOV64_REG(1, r));
	slot_ptr(g, bad);
	asm_emit(B, I_LDX(BPF_DW, 0, 3, 0));
	asm_emit(B, I_MOV64_REG(4, 0));
	asm_emit(B, I_ALU64_IMM(BPF_AND, 4, 1));
	asm_jmp_imm(B, BPF_JEQ, 4, 0, store);
	/* gen << 1 | 1, plus one: (gen + 1) << 1, inactive */
	asm_emit(B, I_MOV64_REG(4, 0));
	asm_emit(B, I_ALU64_IMM(BPF_ADD, 4, 1));
	asm_emit(B, I_MOV64_REG(5, 0));
	cmpxchg64(g, 3, 4, 0);
	asm_jmp_reg(B, BPF_JNE, 0, 5, store); /* another CPU ended it first */
	asm_emit(B, I_MOV64_REG(2, 0));
	asm_emit(B, I_ALU64_IMM(BPF_RSH, 2, 1));
	asm_jmp(B, store);
	asm_place(B, bad);
	cg_fault(g, FAULT_ILLOP);
	asm_place(B, store);
	asm_emit(B, I_LDX(BPF_DW, 1, 10, FR_REC));
	asm_emit(B, I_STX(BPF_DW, 1, 2, a->args[1].off));
}

int cg_spec_action(struct cg *g, const struct d_act *a, struct d_expr *e)
{
	int r = -1, ok = asm_label(B);
	int test_run = g->bp->at == AT_TEST_RUN;

	if (e->args) {
		r = cg_expr(g, e->args);
		if (r < 0)
			return -1;
		asm_emit(B, I_LDX(BPF_DW, 1, 10, FR_REC));
		asm_emit(B, I_STX(BPF_DW, 1, r, a->args[0].off));
	}
	switch (a->kind) {
	case ACT_SPECULATE:
		/* id 0 records nothing (cg_spec_emit); beyond nspec is a fault */
		asm_jmp_imm(B, BPF_JEQ, r, 0, ok);
		asm_emit(B, I_MOV64_REG(1, r));
		asm_emit(B, I_ALU64_IMM(BPF_SUB, 1, 1));
		asm_jmp_imm(B, BPF_JLT, 1, g->o->nspec, ok);
		cg_fault(g, FAULT_ILLOP);
		break;
	case ACT_COMMIT:
	case ACT_DISCARD:
		spec_end(g, a, r);
		break;
	case ACT_STOP:
		/* BEGIN, END and ERROR run in dscope itself: never stop it */
		if (!test_run) {
			asm_emit(B, I_MOV64_IMM(1, SIGSTOP_LINUX));
			asm_emit(B, I_CALL(BPF_FUNC_send_signal));
		}
		break;
	case ACT_RAISE: {
		int valid = asm_label(B);

		asm_emit(B, I_MOV64_REG(1, r));
		asm_emit(B, I_ALU64_IMM(BPF_SUB, 1, 1));
		asm_jmp_imm(B, BPF_JLT, 1, NSIG_LINUX, valid);
		cg_fault(g, FAULT_ILLOP);
		asm_place(B, valid);
		if (!test_run) {
			asm_emit(B, I_MOV64_REG(1, r));
			asm_emit(B, I_CALL(BPF_FUNC_send_signal));
		}
		break;
	}
	default:
		return cg_fail(g, e->pos, "", "internal error: not a speculation or destructive action");
	}
	asm_place(B, ok);
	if (r >= 0)
		cg_reg_free(g, r);
	spec_mark(g, a);
	return 0;
}

void cg_spec_emit(struct cg *g, const struct d_cclause *cc, int skip)
{
	const struct d_act *a = cc->spec;
	int plain = asm_label(B);

	asm_emit(B, I_LDX(BPF_W, 1, 7, offsetof(struct rec_hdr, mask)));
	asm_emit(B, I_ALU64_IMM(BPF_AND, 1, 1 << a->bit));
	asm_jmp_imm(B, BPF_JEQ, 1, 0, plain);
	asm_emit(B, I_LDX(BPF_DW, 1, 7, a->args[0].off));
	asm_jmp_imm(B, BPF_JEQ, 1, 0, skip);
	slot_ptr(g, skip);
	asm_emit(B, I_LDX(BPF_DW, 0, 3, 0));
	asm_emit(B, I_MOV64_REG(4, 0));
	asm_emit(B, I_ALU64_IMM(BPF_AND, 4, 1));
	asm_jmp_imm(B, BPF_JEQ, 4, 0, skip);
	asm_emit(B, I_ALU64_IMM(BPF_RSH, 0, 1));
	asm_emit(B, I_STX(BPF_DW, 7, 0, a->args[1].off));
	asm_place(B, plain);
}
