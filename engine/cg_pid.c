/*
 * cg_pid.c - code generation for the pid provider's arguments and for
 * uregs[].
 *
 * A pid probe's program runs with the user registers as its context
 * (struct pt_regs): at entry and offset probes arg0..arg5 are the System V
 * argument registers, as in dtrace; at a return probe arg1 is rax and arg0
 * the offset of the returning instruction in the function, which travels
 * in the upper half of the BPF cookie (the probe id is the lower half; a
 * uretprobe's offset is 0).  uregs[] reads the context at a pid probe, and
 * the current thread's saved user registers (bpf_task_pt_regs) anywhere
 * else.
 */
#include "cg.h"
#include "d_sema.h"
#include "uregs.h"

#define B (&g->b)

int cg_pid_arg(struct cg *g, int n, int r)
{
	static const int fnargs[6] = {
		PT_REGS_DI, PT_REGS_SI, PT_REGS_DX, PT_REGS_CX, PT_REGS_R8, PT_REGS_R9
	};

	if (g->bp->probe_kind == PK_URETPROBE) {
		if (n == 0) {
			asm_emit(B, I_LDX(BPF_DW, 1, 10, FR_CTX));
			asm_emit(B, I_CALL(BPF_FUNC_get_attach_cookie));
			asm_emit(B, I_MOV64_REG(r, 0));
			asm_emit(B, I_ALU64_IMM(BPF_RSH, r, 32));
			return 0;
		}
		if (n != 1)
			return -1;
		asm_emit(B, I_LDX(BPF_DW, r, 10, FR_CTX));
		asm_emit(B, I_LDX(BPF_DW, r, r, PT_REGS_AX));
		return 0;
	}
	if (n >= 6)
		return -1;
	asm_emit(B, I_LDX(BPF_DW, r, 10, FR_CTX));
	asm_emit(B, I_LDX(BPF_DW, r, r, fnargs[n]));
	return 0;
}

/* r1 = the user registers: the context of a uprobe, else the thread's
 * saved registers.  Clobbers r0-r5. */
static void user_regs(struct cg *g)
{
	if (g->bp->at == AT_UPROBE) {
		asm_emit(B, I_LDX(BPF_DW, 1, 10, FR_CTX));
		return;
	}
	cg_task_ptr(g, 1);
	asm_emit(B, I_CALL(BPF_FUNC_task_pt_regs));
	asm_emit(B, I_MOV64_REG(1, 0));
}

int cg_uregs(struct cg *g, struct d_expr *idx)
{
	int r, done;
	int64_t k;

	if (sema_const_value(idx, &k)) {
		int off = uregs_offset(k);

		r = cg_reg_alloc(g);
		if (r < 0)
			return -1;
		if (off < 0) {
			asm_emit(B, I_MOV64_IMM(r, 0));
			return r;
		}
		user_regs(g);
		asm_emit(B, I_LDX(BPF_DW, r, 1, off));
		return r;
	}
	/* a computed index: a compare chain, since loads from the context
	 * and from kernel structures take constant offsets only */
	r = cg_expr(g, idx);
	if (r < 0)
		return -1;
	user_regs(g);
	done = asm_label(B);
	for (int i = 0; i <= UREGS_MAX; i++) {
		int off = uregs_offset(i), next = asm_label(B);

		if (off < 0)
			continue;
		asm_jmp_imm(B, BPF_JNE, r, i, next);
		asm_emit(B, I_LDX(BPF_DW, r, 1, off));
		asm_jmp(B, done);
		asm_place(B, next);
	}
	asm_emit(B, I_MOV64_IMM(r, 0));
	asm_place(B, done);
	return r;
}
