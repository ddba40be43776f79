/*
 * uregs.c - dtrace's x86-64 register indices; see uregs.h.
 *
 * The numbering is Oracle's DTrace for Linux's (libdtrace/i386/regs.d):
 * 0..20 are the slots of struct pt_regs in its order (R_R15 0 ... R_RAX
 * 10, R_RDI 14, R_ERR 15 -- orig_rax --, R_RIP 16, R_CS, R_RFL, R_RSP,
 * R_SS 20); R_DS, R_ES, R_FS, R_GS are 21..24 and R_TRAPNO 25; the 32-bit
 * names follow R_GS (R_EBX 25, R_ECX, R_EDX, R_ESI, R_EDI, R_EBP, R_EAX,
 * then ds, es, fs, gs, trapno, R_EIP 37, cs, R_EFL 39, R_ESP 40, ss 41)
 * and read the whole 64-bit register.  R_PC, R_FP, R_SP, R_PS, R_R0 and
 * R_R1 are R_EIP, R_EBP, R_ESP, R_EFL, R_EAX and R_EBX.  R_TRAPNO shares
 * 25 with R_EBX there, and reads rbx here too.  Segment registers other
 * than cs and ss are not in pt_regs on x86-64 and read as 0.
 */
#include "uregs.h"

#include <string.h>

enum {
	PR_R15,
	PR_R14,
	PR_R13,
	PR_R12,
	PR_RBP,
	PR_RBX,
	PR_R11,
	PR_R10,
	PR_R9,
	PR_R8,
	PR_RAX,
	PR_RCX,
	PR_RDX,
	PR_RSI,
	PR_RDI,
	PR_ORIG_RAX,
	PR_RIP,
	PR_CS,
	PR_RFL,
	PR_RSP,
	PR_SS
};

static const struct {
	const char *name;
	int value;
} regs[] = {
	{ "R_R15", 0 },	    { "R_R14", 1 },  { "R_R13", 2 },  { "R_R12", 3 },  { "R_RBP", 4 },
	{ "R_RBX", 5 },	    { "R_R11", 6 },  { "R_R10", 7 },  { "R_R9", 8 },   { "R_R8", 9 },
	{ "R_RAX", 10 },    { "R_RCX", 11 }, { "R_RDX", 12 }, { "R_RSI", 13 }, { "R_RDI", 14 },
	{ "R_ERR", 15 },    { "R_RIP", 16 }, { "R_CS", 17 },  { "R_RFL", 18 }, { "R_RSP", 19 },
	{ "R_SS", 20 },	    { "R_DS", 21 },  { "R_ES", 22 },  { "R_FS", 23 },  { "R_GS", 24 },
	{ "R_TRAPNO", 25 }, { "R_EBX", 25 }, { "R_ECX", 26 }, { "R_EDX", 27 }, { "R_ESI", 28 },
	{ "R_EDI", 29 },    { "R_EBP", 30 }, { "R_EAX", 31 }, { "R_EIP", 37 }, { "R_EFL", 39 },
	{ "R_ESP", 40 },    { "R_PC", 37 },  { "R_FP", 30 },  { "R_SP", 40 },  { "R_PS", 39 },
	{ "R_R0", 31 },	    { "R_R1", 25 },
};

/* The 32-bit names, from R_GS + 1: their 64-bit pt_regs slots (-1: none) */
static const signed char legacy[] = {
	PR_RBX,	     PR_RCX,	  PR_RDX,	   PR_RSI, PR_RDI, PR_RBP, PR_RAX, -1 /* ds */, -1 /* es */,
	-1 /* fs */, -1 /* gs */, -1 /* trapno */, PR_RIP, PR_CS,  PR_RFL, PR_RSP, PR_SS,
};

int uregs_const(const char *name, int64_t *value)
{
	if (strncmp(name, "R_", 2) != 0)
		return 0;
	for (size_t i = 0; i < sizeof(regs) / sizeof(regs[0]); i++)
		if (strcmp(regs[i].name, name) == 0) {
			*value = regs[i].value;
			return 1;
		}
	return 0;
}

int uregs_offset(int64_t idx)
{
	if (idx >= 0 && idx <= PR_SS)
		return (int)idx * 8;
	if (idx >= 25 && idx < 25 + (int64_t)sizeof(legacy))
		return legacy[idx - 25] < 0 ? -1 : legacy[idx - 25] * 8;
	return -1;
}
