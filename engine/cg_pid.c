/*
 * cg_pid.c - code generation for the pid provider's arguments.
 *
 * A pid probe's program runs with the user registers as its context
 * (struct pt_regs): at entry and offset probes arg0..arg5 are the System V
 * argument registers, as in dtrace; at a return probe arg1 is rax and arg0
 * the offset of the returning instruction in the function, which travels
 * in the upper half of the BPF cookie (the probe id is the lower half; a
 * uretprobe's offset is 0).
 */
#include "cg.h"

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
