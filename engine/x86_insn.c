/*
 * x86_insn.c - an x86-64 instruction length decoder; see x86_insn.h.
 *
 * An instruction is: legacy prefixes (f0 f2 f3 2e 36 3e 26 64 65 66 67, in
 * any order and number), an optional REX byte (40-4f, only counted when it
 * comes last), then either a legacy opcode (one byte, 0f + one byte, 0f 38
 * or 0f 3a + one byte) or a VEX (c4/c5), EVEX (62) or XOP (8f with a map
 * field of 8 or more) prefix naming its map, followed by the opcode byte;
 * then an optional ModRM byte, which may call for a SIB byte and a 1- or
 * 4-byte displacement; then an immediate whose size the opcode and the
 * operand-size state decide.  At most 15 bytes.
 *
 * The opcode tables below say, per opcode byte, whether a ModRM byte
 * follows and what immediate.  They describe the maps as the Intel and AMD
 * manuals do, in 64-bit mode (the opcodes that mode invalidates -- push es,
 * daa, bound, les, ... -- are BAD).  Where Intel and AMD disagree (an
 * operand-size prefix on a near branch: Intel ignores it, AMD makes the
 * displacement 16 bits) we follow GNU objdump, which follows AMD; the
 * kernel refuses to probe such branches anyway.
 */
#include "x86_insn.h"

#include <string.h>

enum {
	F_M = 1 << 0,	    /* a ModRM byte */
	F_I8 = 1 << 1,	    /* imm8 (or rel8) */
	F_IZ = 1 << 2,	    /* imm16 or imm32 by operand size (or rel16/32) */
	F_IV = 1 << 3,	    /* imm16, imm32 or imm64 by operand size */
	F_I16 = 1 << 4,	    /* imm16 */
	F_MOFFS = 1 << 5,   /* an address: 8 bytes, 4 with 67 */
	F_BAD = 1 << 6,	    /* invalid in 64-bit mode */
	F_GRP3 = 1 << 7,    /* f6/f7: the immediate only for /0 and /1 (test) */
	F_REGONLY = 1 << 8, /* 0f 20-23: the mod field is ignored, no memory operand */
	F_ESC = 1 << 9,	    /* an escape or prefix handled by the decoder itself */
};

/* The one-byte map. */
static const uint16_t map0[256] = {
	[0x00 ... 0x03] = F_M,
	[0x04] = F_I8,
	[0x05] = F_IZ,
	[0x06 ... 0x07] = F_BAD,
	[0x08 ... 0x0b] = F_M,
	[0x0c] = F_I8,
	[0x0d] = F_IZ,
	[0x0e] = F_BAD,
	[0x0f] = F_ESC,
	[0x10 ... 0x13] = F_M,
	[0x14] = F_I8,
	[0x15] = F_IZ,
	[0x16 ... 0x17] = F_BAD,
	[0x18 ... 0x1b] = F_M,
	[0x1c] = F_I8,
	[0x1d] = F_IZ,
	[0x1e ... 0x1f] = F_BAD,
	[0x20 ... 0x23] = F_M,
	[0x24] = F_I8,
	[0x25] = F_IZ,
	[0x26] = F_ESC,
	[0x27] = F_BAD,
	[0x28 ... 0x2b] = F_M,
	[0x2c] = F_I8,
	[0x2d] = F_IZ,
	[0x2e] = F_ESC,
	[0x2f] = F_BAD,
	[0x30 ... 0x33] = F_M,
	[0x34] = F_I8,
	[0x35] = F_IZ,
	[0x36] = F_ESC,
	[0x37] = F_BAD,
	[0x38 ... 0x3b] = F_M,
	[0x3c] = F_I8,
	[0x3d] = F_IZ,
	[0x3e] = F_ESC,
	[0x3f] = F_BAD,
	[0x40 ... 0x4f] = F_ESC, /* REX */
	/* 50-5f push/pop: nothing */
	[0x60 ... 0x61] = F_BAD,
	[0x62] = F_ESC, /* EVEX */
	[0x63] = F_M,
	[0x64 ... 0x67] = F_ESC,
	[0x68] = F_IZ,
	[0x69] = F_M | F_IZ,
	[0x6a] = F_I8,
	[0x6b] = F_M | F_I8,
	[0x70 ... 0x7f] = F_I8,
	[0x80] = F_M | F_I8,
	[0x81] = F_M | F_IZ,
	[0x82] = F_BAD,
	[0x83] = F_M | F_I8,
	[0x84 ... 0x8f] = F_M, /* 8f: pop r/m, or XOP */
	[0x9a] = F_BAD,
	[0xa0 ... 0xa3] = F_MOFFS,
	[0xa8] = F_I8,
	[0xa9] = F_IZ,
	[0xb0 ... 0xb7] = F_I8,
	[0xb8 ... 0xbf] = F_IV,
	[0xc0 ... 0xc1] = F_M | F_I8,
	[0xc2] = F_I16,
	[0xc4 ... 0xc5] = F_ESC, /* VEX */
	[0xc6] = F_M | F_I8,
	[0xc7] = F_M | F_IZ, /* c7 f8: xbegin rel16/32 */
	[0xc8] = F_I16 | F_I8,
	[0xca] = F_I16,
	[0xcd] = F_I8,
	[0xce] = F_BAD,
	[0xd0 ... 0xd3] = F_M,
	[0xd4 ... 0xd6] = F_BAD,
	[0xd8 ... 0xdf] = F_M,
	[0xe0 ... 0xe7] = F_I8,
	[0xe8 ... 0xe9] = F_IZ,
	[0xea] = F_BAD,
	[0xeb] = F_I8,
	[0xf0] = F_ESC,
	[0xf2 ... 0xf3] = F_ESC,
	[0xf6] = F_M | F_GRP3 | F_I8,
	[0xf7] = F_M | F_GRP3 | F_IZ,
	[0xfe ... 0xff] = F_M,
};

/* The two-byte map (0f xx). */
static const uint16_t map1[256] = {
	[0x00 ... 0x03] = F_M,
	[0x04] = F_BAD,
	[0x0a] = F_BAD,
	[0x0c] = F_BAD,
	[0x0d] = F_M,
	[0x0f] = F_M | F_I8, /* 3DNow!: the opcode is the trailing byte */
	[0x10 ... 0x1f] = F_M,
	[0x20 ... 0x23] = F_M | F_REGONLY,
	[0x24 ... 0x27] = F_BAD,
	[0x28 ... 0x2f] = F_M,
	[0x36] = F_BAD,
	[0x38] = F_ESC,
	[0x39] = F_BAD,
	[0x3a] = F_ESC,
	[0x3b ... 0x3f] = F_BAD,
	[0x40 ... 0x6f] = F_M,
	[0x70 ... 0x73] = F_M | F_I8,
	[0x74 ... 0x76] = F_M,
	[0x78 ... 0x79] = F_M, /* 66/f2 0f 78: extrq/insertq imm8, imm8 */
	[0x7a ... 0x7b] = F_BAD,
	[0x7c ... 0x7f] = F_M,
	[0x80 ... 0x8f] = F_IZ,
	[0x90 ... 0x9f] = F_M,
	[0xa3] = F_M,
	[0xa4] = F_M | F_I8,
	[0xa5] = F_M,
	[0xa6 ... 0xa7] = F_M | F_REGONLY, /* VIA PadLock: a fixed third byte */
	[0xab] = F_M,
	[0xac] = F_M | F_I8,
	[0xad ... 0xb9] = F_M,
	[0xba] = F_M | F_I8,
	[0xbb ... 0xc1] = F_M,
	[0xc2] = F_M | F_I8,
	[0xc3] = F_M,
	[0xc4 ... 0xc6] = F_M | F_I8,
	[0xc7] = F_M,
	[0xd0 ... 0xff] = F_M,
};

/* VEX/EVEX map 1 opcodes with an imm8 (pshufd, shifts by immediate,
 * cmpps, pinsrw, pextrw, shufps). */
static int vex_map1_imm8(uint8_t op)
{
	return (op >= 0x70 && op <= 0x73) || op == 0xc2 || op == 0xc4 || op == 0xc5 || op == 0xc6;
}

/* ModRM, SIB and displacement at p[*i]; advances *i.  -1 when short. */
static int modrm(const uint8_t *p, size_t n, size_t *i, struct x86_insn *in, int regonly)
{
	uint8_t m, mod, rm;
	size_t disp = 0;

	if (*i >= n)
		return -1;
	m = p[(*i)++];
	in->modrm = m;
	in->has_modrm = 1;
	mod = m >> 6;
	rm = m & 7;
	if (mod == 3 || regonly)
		return 0;
	if (rm == 4) {
		if (*i >= n)
			return -1;
		if (mod == 0 && (p[*i] & 7) == 5)
			disp = 4;
		(*i)++;
	} else if (mod == 0 && rm == 5) {
		disp = 4;
		in->rip_rel = 1;
	}
	if (mod == 1)
		disp = 1;
	else if (mod == 2)
		disp = 4;
	*i += disp;
	return 0;
}

static int64_t read_signed(const uint8_t *p, int bytes)
{
	if (bytes == 1)
		return (int8_t)p[0];
	if (bytes == 2)
		return (int16_t)(p[0] | p[1] << 8);
	return (int32_t)((uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24);
}

/* The rest of a VEX, EVEX or XOP instruction, from its opcode at p[i]. */
static int decode_vex(const uint8_t *p, size_t n, size_t i, struct x86_insn *in)
{
	int imm = 0;

	if (i >= n)
		return -1;
	in->opcode = p[i++];
	switch (in->map) {
	case 1:
		if (in->opcode == 0x77 && in->encoding == 'v')
			return (int)i; /* vzeroupper, vzeroall: no ModRM */
		imm = vex_map1_imm8(in->opcode);
		break;
	case 2:
		break;
	case 3:
		imm = 1;
		break;
	case 5: /* EVEX maps 5 and 6: AVX512-FP16 */
	case 6:
		if (in->encoding != 'e')
			return -1;
		break;
	case 8: /* XOP */
		imm = 1;
		break;
	case 9:
		break;
	case 10:
		imm = 4;
		break;
	default:
		return -1;
	}
	if (modrm(p, n, &i, in, 0))
		return -1;
	return (int)(i + (size_t)imm);
}

int x86_insn_decode(const uint8_t *p, size_t n, struct x86_insn *in)
{
	size_t i = 0, imm = 0;
	uint16_t f;
	int osz, len;

	memset(in, 0, sizeof(*in));
	if (n > 15)
		n = 15;
	/* fwait is an instruction of its own, but objdump shows it as part of
	 * the x87 instruction that follows it (wait; fnstsw = fstsw) */
	if (n > 1 && p[0] == 0x9b) {
		size_t k = 1;

		while (k < n && (p[k] == 0x66 || p[k] == 0x67 || p[k] == 0xf2 || p[k] == 0xf3 ||
				 p[k] == 0x2e || p[k] == 0x36 || p[k] == 0x3e || p[k] == 0x26 ||
				 p[k] == 0x64 || p[k] == 0x65 || p[k] == 0xf0 || (p[k] & 0xf0) == 0x40))
			k++;
		if (k >= n || p[k] < 0xd8 || p[k] > 0xdf) {
			in->opcode = 0x9b;
			in->len = 1;
			return 1;
		}
		len = x86_insn_decode(p + 1, n - 1, in);
		if (len < 0 || len + 1 > (int)n)
			return -1;
		in->len = (uint8_t)(len + 1);
		return len + 1;
	}
	/* legacy prefixes, and REX when it is the last of them */
	for (;; i++) {
		if (i >= n)
			return -1;
		switch (p[i]) {
		case 0xf0:
			in->prefixes |= X86_PFX_LOCK;
			break;
		case 0xf2:
			in->prefixes |= X86_PFX_REPNE;
			break;
		case 0xf3:
			in->prefixes |= X86_PFX_REP;
			break;
		case 0x26:
			in->prefixes |= X86_PFX_ES;
			break;
		case 0x2e:
			in->prefixes |= X86_PFX_CS;
			break;
		case 0x36:
			in->prefixes |= X86_PFX_SS;
			break;
		case 0x3e:
			in->prefixes |= X86_PFX_DS;
			break;
		case 0x64:
			in->prefixes |= X86_PFX_FS;
			break;
		case 0x65:
			in->prefixes |= X86_PFX_GS;
			break;
		case 0x66:
			in->prefixes |= X86_PFX_OPSIZE;
			break;
		case 0x67:
			in->prefixes |= X86_PFX_ADSIZE;
			break;
		default:
			if ((p[i] & 0xf0) != 0x40)
				goto opcode;
			if (in->rex)
				goto stray_rex;
			in->rex = p[i];
			continue;
		}
		if (in->rex)
			goto stray_rex;
	}
stray_rex:
	/* A REX followed by another prefix is ignored by the processor;
	 * objdump shows the prefixes up to it as an instruction of their
	 * own, and so do we (compilers never emit this). */
	in->len = (uint8_t)i;
	return (int)i;
opcode:
	osz = in->rex & 8 ? 8 : in->prefixes & X86_PFX_OPSIZE ? 2 : 4;
	switch (p[i]) {
	case 0xc5: /* two-byte VEX: R vvvv L pp, map 0f */
		if (i + 1 >= n || in->rex)
			return -1;
		in->encoding = 'v';
		in->map = 1;
		len = decode_vex(p, n, i + 2, in);
		goto done;
	case 0xc4: /* three-byte VEX: RXB mmmmm, W vvvv L pp */
		if (i + 2 >= n || in->rex)
			return -1;
		in->encoding = 'v';
		in->map = p[i + 1] & 0x1f;
		if (in->map < 1 || in->map > 3)
			return -1;
		len = decode_vex(p, n, i + 3, in);
		goto done;
	case 0x62: /* EVEX: RXBR' 0 mmm, W vvvv 1 pp, z L'L b V' aaa */
		if (i + 3 >= n || in->rex || (p[i + 1] & 0x08) || !(p[i + 2] & 0x04))
			return -1;
		in->encoding = 'e';
		in->map = p[i + 1] & 0x07;
		if (in->map == 0 || in->map == 4 || in->map == 7)
			return -1;
		len = decode_vex(p, n, i + 4, in);
		goto done;
	case 0x8f: /* XOP when the map field is 8 or more, else pop r/m */
		if (i + 1 < n && (p[i + 1] & 0x1f) >= 8) {
			if (i + 2 >= n || in->rex)
				return -1;
			in->encoding = 'x';
			in->map = p[i + 1] & 0x1f;
			len = decode_vex(p, n, i + 3, in);
			goto done;
		}
		break;
	}
	in->opcode = p[i++];
	f = map0[in->opcode];
	if (in->opcode == 0x0f) {
		if (i >= n)
			return -1;
		in->opcode = p[i++];
		in->map = 1;
		f = map1[in->opcode];
		if (in->opcode == 0x38 || in->opcode == 0x3a) {
			in->map = in->opcode == 0x38 ? 2 : 3;
			if (i >= n)
				return -1;
			in->opcode = p[i++];
			f = F_M | (in->map == 3 ? F_I8 : 0);
		}
	}
	if (f & (F_BAD | F_ESC))
		return -1;
	if ((f & F_M) && modrm(p, n, &i, in, f & F_REGONLY))
		return -1;
	if (f & F_GRP3) {
		if (((in->modrm >> 3) & 7) > 1)
			f &= (uint16_t) ~(F_I8 | F_IZ);
	}
	if (in->map == 1 && in->opcode == 0x78 && (in->prefixes & (X86_PFX_OPSIZE | X86_PFX_REPNE)))
		imm += 2; /* extrq/insertq xmm, imm8, imm8 */
	if (f & F_I8)
		imm += 1;
	if (f & F_I16)
		imm += 2;
	if (f & F_IZ)
		imm += osz == 2 ? 2 : 4;
	if (f & F_IV)
		imm += (size_t)osz;
	if (f & F_MOFFS)
		imm += in->prefixes & X86_PFX_ADSIZE ? 4 : 8;
	len = (int)(i + imm);
	if (len > (int)n)
		return -1;
	/* control transfers */
	if (in->map == 0) {
		switch (in->opcode) {
		case 0xc2:
		case 0xc3:
			in->kind = X86_RET;
			break;
		case 0xe8:
		case 0xe9:
		case 0xeb:
			in->kind = in->opcode == 0xe8 ? X86_CALL : X86_JMP;
			in->rel = read_signed(p + i, (int)imm);
			break;
		case 0x70 ... 0x7f:
		case 0xe0 ... 0xe3:
			in->kind = X86_JCC;
			in->rel = read_signed(p + i, 1);
			break;
		case 0xff:
			switch ((in->modrm >> 3) & 7) {
			case 2:
			case 3:
				in->kind = X86_CALL_IND;
				break;
			case 4:
			case 5:
				in->kind = X86_JMP_IND;
				break;
			}
			break;
		}
	} else if (in->map == 1 && in->opcode >= 0x80 && in->opcode <= 0x8f) {
		in->kind = X86_JCC;
		in->rel = read_signed(p + i, (int)imm);
	}
done:
	if (len < 0 || len > (int)n)
		return -1;
	in->len = (uint8_t)len;
	return len;
}

int x86_insn_uprobe_ok(const struct x86_insn *in)
{
	if (in->prefixes & (X86_PFX_LOCK | X86_PFX_ES | X86_PFX_CS | X86_PFX_SS | X86_PFX_DS))
		return 0;
	/* VEX, EVEX and XOP instructions: the kernel accepts most, but
	 * single-steps them wrongly (measured on Linux 6.18: a probe on
	 * vpcmpeqb (%rdi),%ymm0,%ymm1 left the upper half of ymm1 unset,
	 * and glibc's strlen returned wrong lengths) */
	if (in->encoding)
		return 0;
	if (in->encoding == 0 && in->map == 0 && (in->opcode == 0xcc || in->opcode == 0xcd))
		return 0; /* int3, int n */
	/* syscall, sysenter: accepted, but a probe on brk's syscall killed
	 * the traced process (Linux 6.18) */
	if (in->encoding == 0 && in->map == 1 && (in->opcode == 0x05 || in->opcode == 0x34))
		return 0;
	if ((in->kind == X86_JMP || in->kind == X86_JCC || in->kind == X86_CALL) &&
	    (in->prefixes & X86_PFX_OPSIZE))
		return 0;
	return 1;
}
