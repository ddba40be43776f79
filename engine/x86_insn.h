/*
 * x86_insn.h - an x86-64 instruction length decoder.
 *
 * Enough of the instruction set to find where every instruction of a
 * function begins and ends (legacy prefixes, REX, VEX, EVEX and XOP, the
 * one-, two- and three-byte opcode maps, ModRM, SIB, displacements and
 * immediates), and to tell the control transfers the pid provider cares
 * about: returns, jumps and calls.  It does not name instructions or their
 * operands; it is a length decoder, as the kernel's and fasttrap's are.
 *
 * 64-bit mode only.  Lengths agree with GNU objdump's on every instruction
 * of the binaries tests/unit/test_x86_insn.c reads.
 */
#ifndef DSCOPE_X86_INSN_H
#define DSCOPE_X86_INSN_H

#include <stddef.h>
#include <stdint.h>

enum x86_kind {
	X86_OTHER,
	X86_RET,      /* ret, ret imm16 (near) */
	X86_JMP,      /* jmp rel8/rel32: target = address + len + rel */
	X86_JCC,      /* jcc, loop*, jrcxz: relative, conditional */
	X86_CALL,     /* call rel32 */
	X86_JMP_IND,  /* jmp r/m (near or far) */
	X86_CALL_IND, /* call r/m (near or far) */
};

/* Prefix bits in struct x86_insn.prefixes */
enum {
	X86_PFX_LOCK = 1 << 0,
	X86_PFX_REP = 1 << 1,	/* f3 */
	X86_PFX_REPNE = 1 << 2, /* f2 */
	X86_PFX_OPSIZE = 1 << 3,
	X86_PFX_ADSIZE = 1 << 4,
	X86_PFX_ES = 1 << 5,
	X86_PFX_CS = 1 << 6,
	X86_PFX_SS = 1 << 7,
	X86_PFX_DS = 1 << 8,
	X86_PFX_FS = 1 << 9,
	X86_PFX_GS = 1 << 10,
};

struct x86_insn {
	uint8_t len;	   /* bytes, 1..15 */
	uint8_t kind;	   /* enum x86_kind */
	uint8_t map;	   /* opcode map: 0 one-byte, 1 0f, 2 0f38, 3 0f3a, ... */
	uint8_t opcode;	   /* the opcode byte within its map */
	uint8_t modrm;	   /* valid when has_modrm */
	uint8_t has_modrm; /* a ModRM byte follows the opcode */
	uint8_t rex;	   /* the REX byte, 0 if none */
	uint8_t encoding;  /* 0 legacy, 'v' VEX, 'e' EVEX, 'x' XOP */
	uint16_t prefixes; /* X86_PFX_* */
	uint8_t rip_rel;   /* a RIP-relative memory operand */
	int64_t rel;	   /* X86_JMP, X86_JCC, X86_CALL: displacement from the end */
};

/*
 * Decode the instruction at p (at most n bytes readable).  Returns its
 * length, or -1 when the bytes are not a valid 64-bit instruction or it
 * does not fit in n bytes.
 */
int x86_insn_decode(const uint8_t *p, size_t n, struct x86_insn *in);

/*
 * Whether the kernel's uprobes can take the instruction: they refuse the
 * ES, CS, SS and DS segment prefixes, LOCK, int3, and branches with an
 * operand-size prefix; and they mis-execute VEX, EVEX and XOP instructions
 * (AVX) and system calls, which are refused here.  (Other refusals show
 * when the probe is placed.)
 */
int x86_insn_uprobe_ok(const struct x86_insn *in);

#endif
