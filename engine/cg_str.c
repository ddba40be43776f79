/*
 * cg_str.c - code generation for the string and utility subroutines:
 * substr, index, rindex, strstr, strchr, strrchr, strtok, inet_ntoa,
 * inet_ntop, htons/htonl/htonll/ntohs/ntohl/ntohll, rand and progenyof.
 * d_sema_str.c types them; cg_expr.c dispatches every F_SUBSTR and later
 * function here.
 *
 * Conventions (cg.h has the register discipline):
 *  - arguments are evaluated first, one at a time, and parked in frame
 *    spill slots, so a subroutine needs no temporary register of its own
 *    while it works: its loops run in r0-r5 and the frame, and only the
 *    result takes a temporary;
 *  - loops over bytes run for the whole capacity of the string and are
 *    branch-free in their bodies (flags computed with shifts, updates
 *    multiplied by them), so the verifier walks one path per iteration
 *    whatever the bytes hold;
 *  - a string result is a fresh buffer in scratch (as the subroutines of
 *    cg_expr.c make), never a pointer into its argument, so its capacity
 *    is known to the verifier;
 *  - dtrace's NULL string (strstr, strchr, strrchr and strtok finding
 *    nothing) is one reserved empty string in the read-only data: it reads
 *    as "" and compares equal to NULL (cg_str_nullcmp).  Copied into a
 *    variable it becomes "".
 *
 * Substring search (index, rindex, strstr) uses the shift-and algorithm: a
 * table gives, for every byte value, the bit set of pattern positions
 * holding it, and one pass over the string keeps the set of pattern
 * prefixes ending at each position.  The cost is linear in the string; the
 * pattern may hold up to 256 bytes (4 words of state).
 */
#include <string.h>

#include "cg.h"

#define B (&g->b)

enum {
	SEARCH_WORDS = 4,   /* shift-and state words: patterns of up to 256 bytes */
	PROGENY_DEPTH = 64, /* ancestors progenyof() looks at */
	AF_INET_LINUX = 2,
};

/* Round up to a power of two, minus one: a mask that bounds an index for
 * the verifier without changing any value below n. */
static int mask_for(int n)
{
	int m = 1;

	while (m < n)
		m <<= 1;
	return m - 1;
}

static void ld_slot(struct cg *g, int reg, int slot)
{
	asm_emit(B, I_LDX(BPF_DW, reg, 10, slot));
}

static void st_slot(struct cg *g, int slot, int reg)
{
	asm_emit(B, I_STX(BPF_DW, 10, reg, slot));
}

static void st_slot_imm(struct cg *g, int slot, int32_t v)
{
	asm_emit(B, I_ST(BPF_DW, 10, slot, v));
}

/* reg = 1 when reg (a value below 2^62 in magnitude) is negative, else 0 */
static void is_neg(struct cg *g, int reg)
{
	asm_emit(B, I_ALU64_IMM(BPF_RSH, reg, 63));
}

/* reg = 1 when the byte in reg is not 0, else 0 */
static void byte_nonzero(struct cg *g, int reg)
{
	asm_emit(B, I_ALU64_IMM(BPF_ADD, reg, 255));
	asm_emit(B, I_ALU64_IMM(BPF_RSH, reg, 8));
}

/* A loop `for (ri = 0; ri < n; ri++)`; the body goes between the calls. */
struct loop {
	int top, end, reg;
};

static struct loop loop_begin(struct cg *g, int reg, int n)
{
	struct loop l = { asm_label(B), asm_label(B), reg };

	asm_emit(B, I_MOV64_IMM(reg, 0));
	asm_place(B, l.top);
	asm_loop(B, l.top, n, "strsize");
	asm_jmp_imm(B, BPF_JGE, reg, n, l.end);
	return l;
}

static void loop_end(struct cg *g, struct loop l)
{
	asm_emit(B, I_ALU64_IMM(BPF_ADD, l.reg, 1));
	asm_jmp(B, l.top);
	asm_place(B, l.end);
}

/* Scratch that lives only while a subroutine runs (its tables): released
 * at the end of the call, so the calls of one statement share it. */
static int tmp_alloc(struct cg *g, int bytes, int *mark)
{
	*mark = g->scratch;
	return cg_scratch_alloc(g, bytes);
}

static void tmp_release(struct cg *g, int mark)
{
	if (g->scratch > g->scratch_hw)
		g->scratch_hw = g->scratch;
	g->scratch = mark;
}

/* The NULL string: a reserved empty string in the read-only data, never
 * shared with an interned "" */
static int null_off(struct cg *g)
{
	static const char zero[8];

	if (!g->sh->ro_null) {
		if (cg_rodata(g, "", 1, 1) < 0)
			return -1;
		g->sh->ro_null = cg_rodata(g, zero, sizeof(zero), 8);
	}
	return g->sh->ro_null;
}

/* Park an integer argument in a new frame slot; returns the slot or 0. */
static int int_arg(struct cg *g, struct d_expr *x)
{
	int r = cg_expr(g, x), slot;

	if (r < 0)
		return 0;
	slot = cg_spill_get(g);
	st_slot(g, slot, r);
	cg_reg_free(g, r);
	return slot;
}

/* Park a string argument's pointer in a new frame slot; *cap = how many
 * bytes may be read there.  A probe field is copied to scratch first. */
static int str_arg(struct cg *g, struct d_expr *x, int *cap)
{
	int r = cg_expr_str(g, x), slot;

	if (r < 0)
		return 0;
	*cap = x->type->size;
	if (x->type->k == TY_PROBEF) {
		int ss = g->o->strsize, off = cg_scratch_alloc(g, ss);

		asm_emit(B, I_MOV64_REG(3, r));
		cg_scratch_ptr(g, 1, off);
		asm_emit(B, I_MOV64_IMM(2, ss));
		asm_emit(B, I_CALL(BPF_FUNC_probe_read_kernel_str));
		cg_scratch_ptr(g, r, off);
		*cap = ss;
	}
	slot = cg_spill_get(g);
	st_slot(g, slot, r);
	cg_reg_free(g, r);
	return slot;
}

/* r0 = strlen of the string whose pointer is in `slot` (capacity cap).
 * Clobbers r1-r4. */
static void emit_strlen(struct cg *g, int slot, int cap)
{
	struct loop l;

	ld_slot(g, 1, slot);
	asm_emit(B, I_MOV64_IMM(0, 0));
	asm_emit(B, I_MOV64_IMM(3, 1)); /* still inside the string */
	l = loop_begin(g, 2, cap - 1);
	asm_emit(B, I_MOV64_REG(4, 1));
	asm_emit(B, I_ALU64_REG(BPF_ADD, 4, 2));
	asm_emit(B, I_LDX(BPF_B, 4, 4, 0));
	byte_nonzero(g, 4);
	asm_emit(B, I_ALU64_REG(BPF_AND, 3, 4));
	asm_emit(B, I_ALU64_REG(BPF_ADD, 0, 3));
	loop_end(g, l);
}

/* Copy from the pointer in r3 into the scratch buffer at off, at most r2
 * bytes with the NUL (r2 must be 1..cap). */
static void copy_out(struct cg *g, int off)
{
	cg_scratch_ptr(g, 1, off);
	asm_emit(B, I_CALL(BPF_FUNC_probe_read_kernel_str));
}

/* The result register: the scratch buffer at off, or the NULL string when
 * the frame slot `isnull` holds 1 (isnull 0: never NULL). */
static int str_result(struct cg *g, int off, int isnull)
{
	int r = cg_reg_alloc(g), done = asm_label(B), no = null_off(g);

	if (no < 0)
		return -1;
	cg_scratch_ptr(g, r, off);
	if (isnull) {
		ld_slot(g, 1, isnull);
		asm_jmp_imm(B, BPF_JEQ, 1, 0, done);
		asm_ld_map_value(B, r, g->sh->m_rodata, (uint32_t)no);
		asm_place(B, done);
	}
	return r;
}

static void put_slots(struct cg *g, const int *slots, int n)
{
	for (int i = 0; i < n; i++)
		if (slots[i])
			cg_spill_put(g, slots[i]);
}

/*
 * substr(s, index [, length]), as dtrace: a negative index counts from the
 * end (a start before the beginning eats into the length), a negative
 * length leaves that many bytes off the end, and what lies outside the
 * string is dropped.
 */
static int cg_substr(struct cg *g, struct d_expr *e)
{
	struct d_expr *x = e->args;
	int ss = g->o->strsize, rc = e->type->size, cap = 0, sl[3] = { 0 };
	int nonneg = asm_label(B), empty = asm_label(B), clamp = asm_label(B), posrem = asm_label(B);
	int copy = asm_label(B), done = asm_label(B), off, r;

	sl[0] = str_arg(g, x, &cap);
	if (!sl[0] || !(sl[1] = int_arg(g, x->next)))
		return -1;
	if (x->next->next && !(sl[2] = int_arg(g, x->next->next)))
		return -1;
	off = cg_scratch_alloc(g, rc);
	emit_strlen(g, sl[0], cap); /* r0 = len */
	ld_slot(g, 2, sl[1]);	    /* r2 = index */
	if (sl[2])
		ld_slot(g, 3, sl[2]); /* r3 = remaining */
	else
		asm_emit(B, I_MOV64_IMM(3, ss));
	asm_jmp_imm(B, BPF_JSGE, 2, 0, nonneg);
	asm_emit(B, I_ALU64_REG(BPF_ADD, 2, 0));
	asm_jmp_imm(B, BPF_JSGE, 2, 0, nonneg);
	asm_emit(B, I_MOV64_REG(4, 2));
	asm_emit(B, I_ALU64_REG(BPF_ADD, 4, 3));
	asm_jmp_imm(B, BPF_JSLE, 4, 0, nonneg);
	asm_emit(B, I_ALU64_REG(BPF_ADD, 3, 2));
	asm_emit(B, I_MOV64_IMM(2, 0));
	asm_place(B, nonneg);
	/* an index outside the string (negative ones too, unsigned) */
	asm_jmp_reg(B, BPF_JGE, 2, 0, empty);
	asm_jmp_imm(B, BPF_JSGE, 3, 0, posrem);
	asm_emit(B, I_ALU64_REG(BPF_ADD, 3, 0));
	asm_emit(B, I_ALU64_REG(BPF_SUB, 3, 2));
	asm_jmp(B, clamp);
	asm_place(B, posrem);
	asm_emit(B, I_MOV64_REG(4, 2));
	asm_emit(B, I_ALU64_REG(BPF_ADD, 4, 3));
	asm_jmp_imm(B, BPF_JLE, 4, ss, clamp);
	asm_emit(B, I_MOV64_IMM(3, ss));
	asm_emit(B, I_ALU64_REG(BPF_SUB, 3, 2));
	asm_place(B, clamp);
	asm_jmp_imm(B, BPF_JSLE, 3, 0, empty);
	/* copy `remaining` bytes from s + index: size remaining + 1, at most rc */
	asm_emit(B, I_ALU64_IMM(BPF_ADD, 3, 1));
	asm_jmp_imm(B, BPF_JLE, 3, rc, copy);
	asm_emit(B, I_MOV64_IMM(3, rc));
	asm_place(B, copy);
	asm_emit(B, I_ALU64_IMM(BPF_AND, 2, mask_for(cap)));
	asm_emit(B, I_MOV64_REG(4, 2));
	asm_emit(B, I_MOV64_REG(2, 3));
	ld_slot(g, 3, sl[0]);
	asm_emit(B, I_ALU64_REG(BPF_ADD, 3, 4));
	copy_out(g, off);
	asm_jmp(B, done);
	asm_place(B, empty);
	cg_scratch_ptr(g, 1, off);
	asm_emit(B, I_ST(BPF_B, 1, 0, 0));
	asm_place(B, done);
	put_slots(g, sl, 3);
	r = cg_reg_alloc(g);
	cg_scratch_ptr(g, r, off);
	return r;
}

/* strchr(s, c) / strrchr(s, c): the rest of s from the first / last byte
 * c (the terminating NUL counts), or NULL. */
static int cg_strchr(struct cg *g, struct d_expr *e)
{
	struct d_expr *x = e->args;
	int rc = e->type->size, cap = 0, sl[3] = { 0 }, off, found = asm_label(B), done = asm_label(B);
	struct loop l;

	sl[0] = str_arg(g, x, &cap);
	if (!sl[0] || !(sl[1] = int_arg(g, x->next)))
		return -1;
	sl[2] = cg_spill_get(g); /* 1: not found */
	off = cg_scratch_alloc(g, rc);
	ld_slot(g, 1, sl[0]);
	asm_emit(B, I_MOV64_IMM(3, 1));	 /* the byte is inside the string */
	asm_emit(B, I_MOV64_IMM(4, -1)); /* index found */
	l = loop_begin(g, 2, cap);
	asm_emit(B, I_MOV64_REG(0, 1));
	asm_emit(B, I_ALU64_REG(BPF_ADD, 0, 2));
	asm_emit(B, I_LDX(BPF_B, 0, 0, 0));
	ld_slot(g, 5, sl[1]);
	asm_emit(B, I_ALU64_IMM(BPF_AND, 5, 0xff));
	asm_emit(B, I_ALU64_REG(BPF_XOR, 5, 0));
	byte_nonzero(g, 5);
	asm_emit(B, I_ALU64_IMM(BPF_XOR, 5, 1));
	asm_emit(B, I_ALU64_REG(BPF_AND, 5, 3)); /* r5: a match here */
	byte_nonzero(g, 0);
	asm_emit(B, I_ALU64_REG(BPF_AND, 3, 0));
	if (e->func == F_STRCHR) {
		/* the first match ends the search */
		asm_emit(B, I_MOV64_REG(0, 5));
		asm_emit(B, I_ALU64_IMM(BPF_XOR, 0, 1));
		asm_emit(B, I_ALU64_REG(BPF_AND, 3, 0));
	}
	asm_emit(B, I_MOV64_REG(0, 2));
	asm_emit(B, I_ALU64_REG(BPF_SUB, 0, 4));
	asm_emit(B, I_ALU64_REG(BPF_MUL, 0, 5));
	asm_emit(B, I_ALU64_REG(BPF_ADD, 4, 0));
	loop_end(g, l);
	st_slot_imm(g, sl[2], 1);
	asm_jmp_imm(B, BPF_JSGE, 4, 0, found);
	asm_jmp(B, done);
	asm_place(B, found);
	st_slot_imm(g, sl[2], 0);
	asm_emit(B, I_ALU64_IMM(BPF_AND, 4, mask_for(cap)));
	ld_slot(g, 3, sl[0]);
	asm_emit(B, I_ALU64_REG(BPF_ADD, 3, 4));
	asm_emit(B, I_MOV64_IMM(2, rc));
	copy_out(g, off);
	asm_place(B, done);
	{
		int r = str_result(g, off, sl[2]);

		put_slots(g, sl, 3);
		return r;
	}
}

/*
 * index(s, sub [, start]), rindex(s, sub [, start]), strstr(s, sub), with
 * dtrace's position rules: index clamps a negative start to 0 and finds
 * nothing from the end on (an empty sub is found at the length); rindex
 * finds nothing before a negative start (an empty sub at 0) and clamps a
 * start past the end to the length; two empty strings match at 0.
 */
enum { S_S, S_P, S_POS, S_LEN, S_M, S_LO, S_HI, S_RES, S_FND, S_MW, S_MB, S_N };

static int cg_search(struct cg *g, struct d_expr *e)
{
	struct d_expr *x = e->args;
	int f = e->func, scap = 0, pcap = 0, sl[S_N] = { 0 };
	int words, tsize, dpos, toff, off = 0, r, mark;
	int final = asm_label(B), search = asm_label(B), lbl;
	struct loop l;

	sl[S_S] = str_arg(g, x, &scap);
	if (!sl[S_S] || !(sl[S_P] = str_arg(g, x->next, &pcap)))
		return -1;
	if (x->next->next && !(sl[S_POS] = int_arg(g, x->next->next)))
		return -1;
	for (int i = S_LEN; i < S_N; i++)
		sl[i] = cg_spill_get(g);
	words = (pcap - 1 + 63) / 64;
	if (words < 1)
		words = 1;
	if (words > SEARCH_WORDS)
		words = SEARCH_WORDS;
	tsize = 256 * words * 8;
	dpos = tsize; /* the state words follow the table */
	if (f == F_STRSTR)
		off = cg_scratch_alloc(g, e->type->size);
	toff = tmp_alloc(g, tsize + SEARCH_WORDS * 8, &mark);

	emit_strlen(g, sl[S_S], scap);
	st_slot(g, sl[S_LEN], 0);
	emit_strlen(g, sl[S_P], pcap);
	st_slot(g, sl[S_M], 0);
	st_slot_imm(g, sl[S_RES], -1);
	st_slot_imm(g, sl[S_FND], 0);
	st_slot_imm(g, sl[S_LO], 0);
	ld_slot(g, 1, sl[S_LEN]);
	st_slot(g, sl[S_HI], 1);

	/* both empty: 0, whatever the start */
	lbl = asm_label(B);
	ld_slot(g, 0, sl[S_M]);
	asm_emit(B, I_ALU64_REG(BPF_OR, 0, 1));
	asm_jmp_imm(B, BPF_JNE, 0, 0, lbl);
	st_slot_imm(g, sl[S_RES], 0);
	st_slot_imm(g, sl[S_FND], 1);
	asm_jmp(B, final);
	asm_place(B, lbl);
	ld_slot(g, 0, sl[S_M]); /* r0 = m, r1 = len */
	if (sl[S_POS] && f == F_INDEX) {
		int inside = asm_label(B), nonneg = asm_label(B);

		ld_slot(g, 2, sl[S_POS]);
		asm_jmp_imm(B, BPF_JSGE, 2, 0, nonneg);
		asm_emit(B, I_MOV64_IMM(2, 0));
		asm_place(B, nonneg);
		asm_jmp_reg(B, BPF_JLT, 2, 1, inside);
		/* from the end on: the empty string is found at the length */
		asm_jmp_imm(B, BPF_JNE, 0, 0, final);
		st_slot(g, sl[S_RES], 1);
		asm_jmp(B, final);
		asm_place(B, inside);
		st_slot(g, sl[S_LO], 2);
	}
	if (sl[S_POS] && f == F_RINDEX) {
		int nonneg = asm_label(B), inside = asm_label(B);

		ld_slot(g, 2, sl[S_POS]);
		asm_jmp_imm(B, BPF_JSGE, 2, 0, nonneg);
		/* before the start: only the empty string, at 0 */
		asm_jmp_imm(B, BPF_JNE, 0, 0, final);
		st_slot_imm(g, sl[S_RES], 0);
		asm_jmp(B, final);
		asm_place(B, nonneg);
		asm_jmp_reg(B, BPF_JLE, 2, 1, inside);
		asm_emit(B, I_MOV64_REG(2, 1));
		asm_place(B, inside);
		st_slot(g, sl[S_HI], 2);
	}
	/* an empty sub is found where the search starts */
	asm_jmp_imm(B, BPF_JNE, 0, 0, search);
	ld_slot(g, 2, sl[f == F_RINDEX ? S_HI : S_LO]);
	st_slot(g, sl[S_RES], 2);
	st_slot_imm(g, sl[S_FND], 1);
	asm_jmp(B, final);
	asm_place(B, search);

	/* the word and bit of the state that says "all of sub matched" */
	asm_emit(B, I_ALU64_IMM(BPF_SUB, 0, 1));
	asm_emit(B, I_MOV64_REG(1, 0));
	asm_emit(B, I_ALU64_IMM(BPF_AND, 1, 63));
	st_slot(g, sl[S_MB], 1);
	asm_emit(B, I_ALU64_IMM(BPF_RSH, 0, 6));
	asm_emit(B, I_ALU64_IMM(BPF_AND, 0, SEARCH_WORDS - 1));
	asm_emit(B, I_ALU64_IMM(BPF_LSH, 0, 3));
	st_slot(g, sl[S_MW], 0);

	/* zero the table and the state: a failed read zeroes its buffer */
	cg_scratch_ptr(g, 1, toff);
	asm_emit(B, I_MOV64_IMM(2, tsize + SEARCH_WORDS * 8));
	asm_emit(B, I_MOV64_IMM(3, 0));
	asm_emit(B, I_CALL(BPF_FUNC_probe_read_kernel));

	/* table[c][j / 64] |= 1 << j % 64 for each byte c = sub[j] */
	ld_slot(g, 1, sl[S_P]);
	cg_scratch_ptr(g, 5, toff);
	l = loop_begin(g, 2, pcap - 1 < words * 64 ? pcap - 1 : words * 64);
	asm_emit(B, I_MOV64_REG(0, 1));
	asm_emit(B, I_ALU64_REG(BPF_ADD, 0, 2));
	asm_emit(B, I_LDX(BPF_B, 0, 0, 0));
	asm_emit(B, I_MOV64_REG(3, 2));
	ld_slot(g, 4, sl[S_M]);
	asm_emit(B, I_ALU64_REG(BPF_SUB, 3, 4));
	is_neg(g, 3); /* j < m */
	asm_emit(B, I_ALU64_REG(BPF_MUL, 0, 3));
	asm_emit(B, I_MOV64_REG(4, 2));
	asm_emit(B, I_ALU64_IMM(BPF_AND, 4, 63));
	asm_emit(B, I_ALU64_REG(BPF_LSH, 3, 4));
	asm_emit(B, I_ALU64_IMM(BPF_MUL, 0, words));
	asm_emit(B, I_MOV64_REG(4, 2));
	asm_emit(B, I_ALU64_IMM(BPF_RSH, 4, 6));
	asm_emit(B, I_ALU64_REG(BPF_ADD, 0, 4));
	asm_emit(B, I_ALU64_IMM(BPF_LSH, 0, 3));
	asm_emit(B, I_MOV64_REG(4, 5));
	asm_emit(B, I_ALU64_REG(BPF_ADD, 4, 0));
	asm_emit(B, I_LDX(BPF_DW, 0, 4, 0));
	asm_emit(B, I_ALU64_REG(BPF_OR, 0, 3));
	asm_emit(B, I_STX(BPF_DW, 4, 0, 0));
	loop_end(g, l);

	/* one pass over s: state = (state << 1 | 1) & table[c] */
	ld_slot(g, 1, sl[S_S]);
	l = loop_begin(g, 2, scap - 1);
	asm_emit(B, I_MOV64_REG(0, 1));
	asm_emit(B, I_ALU64_REG(BPF_ADD, 0, 2));
	asm_emit(B, I_LDX(BPF_B, 0, 0, 0));
	asm_emit(B, I_ALU64_IMM(BPF_MUL, 0, words * 8));
	asm_emit(B, I_MOV64_REG(3, 5));
	asm_emit(B, I_ALU64_REG(BPF_ADD, 3, 0));
	asm_emit(B, I_MOV64_REG(0, 3)); /* r0: the byte's table row */
	for (int w = words - 1; w >= 0; w--) {
		asm_emit(B, I_LDX(BPF_DW, 3, 5, dpos + 8 * w));
		asm_emit(B, I_ALU64_IMM(BPF_LSH, 3, 1));
		if (w == 0) {
			asm_emit(B, I_ALU64_IMM(BPF_OR, 3, 1));
		} else {
			asm_emit(B, I_LDX(BPF_DW, 4, 5, dpos + 8 * (w - 1)));
			asm_emit(B, I_ALU64_IMM(BPF_RSH, 4, 63));
			asm_emit(B, I_ALU64_REG(BPF_OR, 3, 4));
		}
		asm_emit(B, I_LDX(BPF_DW, 4, 0, 8 * w));
		asm_emit(B, I_ALU64_REG(BPF_AND, 3, 4));
		asm_emit(B, I_STX(BPF_DW, 5, 3, dpos + 8 * w));
	}
	/* r3 = all of sub ends here, inside s */
	ld_slot(g, 3, sl[S_MW]);
	asm_emit(B, I_MOV64_REG(4, 5));
	asm_emit(B, I_ALU64_REG(BPF_ADD, 4, 3));
	asm_emit(B, I_LDX(BPF_DW, 3, 4, dpos));
	ld_slot(g, 4, sl[S_MB]);
	asm_emit(B, I_ALU64_REG(BPF_RSH, 3, 4));
	asm_emit(B, I_ALU64_IMM(BPF_AND, 3, 1));
	asm_emit(B, I_MOV64_REG(4, 2));
	ld_slot(g, 0, sl[S_LEN]);
	asm_emit(B, I_ALU64_REG(BPF_SUB, 4, 0));
	is_neg(g, 4);
	asm_emit(B, I_ALU64_REG(BPF_AND, 3, 4));
	/* r0 = where it starts; keep it when lo <= start <= hi */
	asm_emit(B, I_MOV64_REG(0, 2));
	ld_slot(g, 4, sl[S_M]);
	asm_emit(B, I_ALU64_REG(BPF_SUB, 0, 4));
	asm_emit(B, I_ALU64_IMM(BPF_ADD, 0, 1));
	ld_slot(g, 4, sl[S_LO]);
	asm_emit(B, I_ALU64_REG(BPF_SUB, 4, 0));
	asm_emit(B, I_ALU64_IMM(BPF_SUB, 4, 1));
	is_neg(g, 4);
	asm_emit(B, I_ALU64_REG(BPF_AND, 3, 4));
	ld_slot(g, 4, sl[S_HI]);
	asm_emit(B, I_NEG(4));
	asm_emit(B, I_ALU64_REG(BPF_ADD, 4, 0));
	asm_emit(B, I_ALU64_IMM(BPF_SUB, 4, 1));
	is_neg(g, 4);
	asm_emit(B, I_ALU64_REG(BPF_AND, 3, 4));
	if (f != F_RINDEX) {
		/* index and strstr keep the first */
		ld_slot(g, 4, sl[S_FND]);
		asm_emit(B, I_ALU64_IMM(BPF_XOR, 4, 1));
		asm_emit(B, I_ALU64_REG(BPF_AND, 3, 4));
	}
	ld_slot(g, 4, sl[S_FND]);
	asm_emit(B, I_ALU64_REG(BPF_OR, 4, 3));
	st_slot(g, sl[S_FND], 4);
	ld_slot(g, 4, sl[S_RES]);
	asm_emit(B, I_ALU64_REG(BPF_SUB, 0, 4));
	asm_emit(B, I_ALU64_REG(BPF_MUL, 0, 3));
	asm_emit(B, I_ALU64_REG(BPF_ADD, 4, 0));
	st_slot(g, sl[S_RES], 4);
	loop_end(g, l);

	asm_place(B, final);
	tmp_release(g, mark);
	if (f == F_STRSTR) {
		int none = asm_label(B);

		/* the rest of s from the match; S_FND becomes "is NULL" */
		ld_slot(g, 0, sl[S_FND]);
		asm_emit(B, I_ALU64_IMM(BPF_XOR, 0, 1));
		st_slot(g, sl[S_FND], 0);
		asm_jmp_imm(B, BPF_JNE, 0, 0, none);
		ld_slot(g, 4, sl[S_RES]);
		asm_emit(B, I_ALU64_IMM(BPF_AND, 4, mask_for(scap)));
		ld_slot(g, 3, sl[S_S]);
		asm_emit(B, I_ALU64_REG(BPF_ADD, 3, 4));
		asm_emit(B, I_MOV64_IMM(2, e->type->size));
		copy_out(g, off);
		asm_place(B, none);
		r = str_result(g, off, sl[S_FND]);
	} else {
		r = cg_reg_alloc(g);
		ld_slot(g, r, sl[S_RES]);
		asm_emit(B, I_MOVSX(r, r, 32));
	}
	put_slots(g, sl, S_N);
	return r;
}

/*
 * strtok(s, delim): the next token of s, or of the string a previous call
 * of this probe firing tokenized when s is NULL.  The state (sema's hidden
 * this-> variables: a stamp, a position, a copy of the string) carries
 * the firing's timestamp, so a state left by another firing on this CPU
 * reads as none, as dtrace's per-firing state does.
 */
enum { T_P, T_ST, T_EN, T_SF, T_EF, T_POS, T_NULL, T_N };

static int cg_strtok(struct cg *g, struct d_expr *e)
{
	struct d_expr *x = e->args;
	int ss = g->o->strsize, pcap = 0, sl[T_N] = { 0 }, buf = SCR_THIS + e->var->off;
	int stamp = buf - 16, pos = buf - 8, toff, off, have = asm_label(B), none = asm_label(B);
	int done = asm_label(B), r, mark;
	struct loop l;

	if (!(x->kind == DE_INT && x->ival == 0)) {
		int s = cg_expr_str(g, x);

		if (s < 0)
			return -1;
		asm_emit(B, I_MOV64_REG(3, s));
		cg_reg_free(g, s);
		cg_scratch_ptr(g, 1, buf);
		asm_emit(B, I_MOV64_IMM(2, ss));
		asm_emit(B, I_CALL(BPF_FUNC_probe_read_kernel_str));
		cg_ld_scratch(g, 1);
		asm_emit(B, I_ST(BPF_B, 1, buf + ss - 1, 0));
		asm_emit(B, I_ST(BPF_DW, 1, pos, 0));
		/* the firing's timestamp, read once as `timestamp` is */
		asm_emit(B, I_LDX(BPF_DW, 0, 10, FR_TS));
		asm_jmp_imm(B, BPF_JNE, 0, 0, have);
		asm_emit(B, I_CALL(BPF_FUNC_ktime_get_ns));
		asm_emit(B, I_STX(BPF_DW, 10, 0, FR_TS));
		asm_place(B, have);
		cg_ld_scratch(g, 1);
		asm_emit(B, I_STX(BPF_DW, 1, 0, stamp));
		have = asm_label(B);
	}
	sl[T_P] = str_arg(g, x->next, &pcap);
	if (!sl[T_P])
		return -1;
	for (int i = T_ST; i < T_N; i++)
		sl[i] = cg_spill_get(g);
	off = cg_scratch_alloc(g, ss);
	toff = tmp_alloc(g, 256, &mark);
	st_slot_imm(g, sl[T_NULL], 1);
	/* no state of this firing: NULL */
	asm_emit(B, I_LDX(BPF_DW, 2, 10, FR_TS));
	cg_ld_scratch(g, 1);
	asm_emit(B, I_LDX(BPF_DW, 1, 1, stamp));
	asm_jmp_imm(B, BPF_JEQ, 1, 0, done);
	asm_jmp_reg(B, BPF_JNE, 1, 2, done);

	/* a byte per value: 1 for the delimiters */
	cg_scratch_ptr(g, 1, toff);
	asm_emit(B, I_MOV64_IMM(2, 256));
	asm_emit(B, I_MOV64_IMM(3, 0));
	asm_emit(B, I_CALL(BPF_FUNC_probe_read_kernel));
	ld_slot(g, 1, sl[T_P]);
	cg_scratch_ptr(g, 5, toff);
	asm_emit(B, I_MOV64_IMM(3, 1));
	l = loop_begin(g, 2, pcap - 1);
	asm_emit(B, I_MOV64_REG(0, 1));
	asm_emit(B, I_ALU64_REG(BPF_ADD, 0, 2));
	asm_emit(B, I_LDX(BPF_B, 0, 0, 0));
	asm_emit(B, I_MOV64_REG(4, 0));
	byte_nonzero(g, 4);
	asm_emit(B, I_ALU64_REG(BPF_AND, 3, 4));
	asm_emit(B, I_MOV64_REG(4, 5));
	asm_emit(B, I_ALU64_REG(BPF_ADD, 4, 0));
	asm_emit(B, I_LDX(BPF_B, 0, 4, 0));
	asm_emit(B, I_ALU64_REG(BPF_OR, 0, 3));
	asm_emit(B, I_STX(BPF_B, 4, 0, 0));
	loop_end(g, l);

	/* from the position: skip delimiters (start), then up to the next
	 * delimiter or the NUL (end) */
	for (int i = T_ST; i <= T_EF; i++)
		st_slot_imm(g, sl[i], 0);
	cg_ld_scratch(g, 1);
	asm_emit(B, I_LDX(BPF_DW, 1, 1, pos));
	st_slot(g, sl[T_POS], 1);
	cg_scratch_ptr(g, 1, buf);
	l = loop_begin(g, 2, ss);
	asm_emit(B, I_MOV64_REG(0, 1));
	asm_emit(B, I_ALU64_REG(BPF_ADD, 0, 2));
	asm_emit(B, I_LDX(BPF_B, 0, 0, 0));
	asm_emit(B, I_MOV64_REG(4, 5));
	asm_emit(B, I_ALU64_REG(BPF_ADD, 4, 0));
	asm_emit(B, I_LDX(BPF_B, 4, 4, 0)); /* r4: a delimiter */
	byte_nonzero(g, 0);
	asm_emit(B, I_ALU64_IMM(BPF_XOR, 0, 1));
	asm_emit(B, I_ALU64_REG(BPF_OR, 0, 4)); /* r0: ends a token */
	ld_slot(g, 3, sl[T_POS]);
	asm_emit(B, I_ALU64_REG(BPF_SUB, 3, 2));
	asm_emit(B, I_ALU64_IMM(BPF_SUB, 3, 1));
	is_neg(g, 3); /* i >= pos */
	asm_emit(B, I_ALU64_IMM(BPF_XOR, 4, 1));
	asm_emit(B, I_ALU64_REG(BPF_AND, 3, 4));
	ld_slot(g, 4, sl[T_SF]);
	asm_emit(B, I_ALU64_IMM(BPF_XOR, 4, 1));
	asm_emit(B, I_ALU64_REG(BPF_AND, 3, 4)); /* r3: the token starts here */
	ld_slot(g, 4, sl[T_SF]);
	asm_emit(B, I_ALU64_REG(BPF_OR, 4, 3));
	st_slot(g, sl[T_SF], 4);
	ld_slot(g, 4, sl[T_ST]);
	asm_emit(B, I_NEG(4));
	asm_emit(B, I_ALU64_REG(BPF_ADD, 4, 2));
	asm_emit(B, I_ALU64_REG(BPF_MUL, 4, 3));
	ld_slot(g, 3, sl[T_ST]);
	asm_emit(B, I_ALU64_REG(BPF_ADD, 3, 4));
	st_slot(g, sl[T_ST], 3);
	ld_slot(g, 4, sl[T_SF]);
	asm_emit(B, I_ALU64_REG(BPF_AND, 0, 4));
	ld_slot(g, 4, sl[T_EF]);
	asm_emit(B, I_ALU64_IMM(BPF_XOR, 4, 1));
	asm_emit(B, I_ALU64_REG(BPF_AND, 0, 4)); /* r0: the token ends here */
	ld_slot(g, 4, sl[T_EF]);
	asm_emit(B, I_ALU64_REG(BPF_OR, 4, 0));
	st_slot(g, sl[T_EF], 4);
	ld_slot(g, 4, sl[T_EN]);
	asm_emit(B, I_NEG(4));
	asm_emit(B, I_ALU64_REG(BPF_ADD, 4, 2));
	asm_emit(B, I_ALU64_REG(BPF_MUL, 4, 0));
	ld_slot(g, 3, sl[T_EN]);
	asm_emit(B, I_ALU64_REG(BPF_ADD, 3, 4));
	st_slot(g, sl[T_EN], 3);
	loop_end(g, l);

	/* only delimiters were left: NULL, and the state ends */
	ld_slot(g, 2, sl[T_ST]);
	asm_jmp_imm(B, BPF_JGE, 2, ss, none);
	cg_scratch_ptr(g, 3, buf);
	asm_emit(B, I_ALU64_REG(BPF_ADD, 3, 2));
	asm_emit(B, I_LDX(BPF_B, 0, 3, 0));
	asm_jmp_imm(B, BPF_JEQ, 0, 0, none);
	ld_slot(g, 2, sl[T_EN]);
	cg_ld_scratch(g, 1);
	asm_emit(B, I_STX(BPF_DW, 1, 2, pos));
	ld_slot(g, 4, sl[T_ST]);
	asm_emit(B, I_ALU64_REG(BPF_SUB, 2, 4));
	asm_emit(B, I_ALU64_IMM(BPF_ADD, 2, 1));
	asm_jmp_imm(B, BPF_JLE, 2, ss, have);
	asm_emit(B, I_MOV64_IMM(2, ss));
	asm_place(B, have);
	copy_out(g, off);
	st_slot_imm(g, sl[T_NULL], 0);
	asm_jmp(B, done);
	asm_place(B, none);
	cg_ld_scratch(g, 1);
	asm_emit(B, I_ST(BPF_DW, 1, stamp, 0));
	asm_place(B, done);
	tmp_release(g, mark);
	r = str_result(g, off, sl[T_NULL]);
	put_slots(g, sl, T_N);
	return r;
}

/* inet_ntoa(addr) / inet_ntop(AF_INET, addr): the dotted quad of the 4
 * bytes at addr (kernel memory, else the current process's). */
static int cg_inet(struct cg *g, struct d_expr *e)
{
	struct d_expr *x = e->args;
	int sl[2] = { 0 }, off, doff, fmt, ok = asm_label(B), done = asm_label(B), r;
	static const char quad[] = "%u.%u.%u.%u";

	if (e->func == F_INET_NTOP) {
		if (!(sl[1] = int_arg(g, x)))
			return -1;
		x = x->next;
	}
	if (!(sl[0] = int_arg(g, x)))
		return -1;
	fmt = cg_rodata(g, quad, sizeof(quad), 1);
	if (fmt < 0)
		return -1;
	off = cg_scratch_alloc(g, 16);
	doff = cg_scratch_alloc(g, 32);
	cg_scratch_ptr(g, 1, off);
	asm_emit(B, I_ST(BPF_B, 1, 0, 0));
	if (sl[1]) {
		/* only AF_INET: another family gives "" */
		ld_slot(g, 0, sl[1]);
		asm_emit(B, I_MOVSX(0, 0, 32));
		asm_jmp_imm(B, BPF_JNE, 0, AF_INET_LINUX, done);
	}
	asm_emit(B, I_ST(BPF_DW, 10, FR_KEY0, 0));
	for (int user = 0; user < 2; user++) {
		asm_emit(B, I_MOV64_REG(1, 10));
		asm_emit(B, I_ALU64_IMM(BPF_ADD, 1, FR_KEY0));
		asm_emit(B, I_MOV64_IMM(2, 4));
		ld_slot(g, 3, sl[0]);
		asm_emit(B, I_CALL(user ? BPF_FUNC_probe_read_user : BPF_FUNC_probe_read_kernel));
		if (!user)
			asm_jmp_imm(B, BPF_JEQ, 0, 0, ok);
	}
	asm_place(B, ok);
	cg_ld_scratch(g, 1);
	for (int i = 0; i < 4; i++) {
		asm_emit(B, I_LDX(BPF_B, 2, 10, FR_KEY0 + i));
		asm_emit(B, I_STX(BPF_DW, 1, 2, doff + 8 * i));
	}
	cg_scratch_ptr(g, 1, off);
	asm_emit(B, I_MOV64_IMM(2, 16));
	asm_ld_map_value(B, 3, g->sh->m_rodata, (uint32_t)fmt);
	cg_scratch_ptr(g, 4, doff);
	asm_emit(B, I_MOV64_IMM(5, 32));
	asm_emit(B, I_CALL(BPF_FUNC_snprintf));
	asm_place(B, done);
	put_slots(g, sl, 2);
	r = cg_reg_alloc(g);
	cg_scratch_ptr(g, r, off);
	return r;
}

/* progenyof(pid): 1 when the current process or one of its ancestors (up
 * to PROGENY_DEPTH of them) has that process id.  The walk goes through
 * real_parent up to the idle task (pid 0), which is its own parent. */
enum { P_PID, P_TASK, P_FOUND, P_K, P_N };

static int cg_progenyof(struct cg *g, struct d_expr *e)
{
	int sl[P_N] = { 0 }, top = asm_label(B), end = asm_label(B), r;

	if (!(sl[P_PID] = int_arg(g, e->args)))
		return -1;
	for (int i = P_TASK; i < P_N; i++)
		sl[i] = cg_spill_get(g);
	cg_task_ptr(g, 0);
	st_slot(g, sl[P_TASK], 0);
	st_slot_imm(g, sl[P_FOUND], 0);
	st_slot_imm(g, sl[P_K], 0);
	asm_place(B, top);
	asm_loop(B, top, PROGENY_DEPTH, NULL);
	ld_slot(g, 0, sl[P_K]);
	asm_jmp_imm(B, BPF_JGE, 0, PROGENY_DEPTH, end);
	asm_emit(B, I_ALU64_IMM(BPF_ADD, 0, 1));
	st_slot(g, sl[P_K], 0);
	/* found |= task->tgid == pid */
	asm_emit(B, I_ST(BPF_DW, 10, FR_KEY0, 0));
	asm_emit(B, I_MOV64_REG(1, 10));
	asm_emit(B, I_ALU64_IMM(BPF_ADD, 1, FR_KEY0));
	asm_emit(B, I_MOV64_IMM(2, 4));
	ld_slot(g, 3, sl[P_TASK]);
	asm_emit(B, I_ALU64_IMM(BPF_ADD, 3, g->o->off_tgid));
	asm_emit(B, I_CALL(BPF_FUNC_probe_read_kernel));
	asm_emit(B, I_LDX(BPF_W, 1, 10, FR_KEY0));
	ld_slot(g, 2, sl[P_PID]);
	asm_emit(B, (struct bpf_insn){ BPF_ALU | BPF_MOV | BPF_X, 2, 2, 0, 0 });
	asm_emit(B, I_ALU64_REG(BPF_XOR, 1, 2));
	asm_emit(B, I_NEG(1));
	is_neg(g, 1); /* differ */
	asm_emit(B, I_ALU64_IMM(BPF_XOR, 1, 1));
	ld_slot(g, 2, sl[P_FOUND]);
	asm_emit(B, I_ALU64_REG(BPF_OR, 2, 1));
	st_slot(g, sl[P_FOUND], 2);
	/* task = task->real_parent */
	asm_emit(B, I_MOV64_REG(1, 10));
	asm_emit(B, I_ALU64_IMM(BPF_ADD, 1, FR_KEY0));
	asm_emit(B, I_MOV64_IMM(2, 8));
	ld_slot(g, 3, sl[P_TASK]);
	asm_emit(B, I_ALU64_IMM(BPF_ADD, 3, g->o->off_real_parent));
	asm_emit(B, I_CALL(BPF_FUNC_probe_read_kernel));
	ld_slot(g, 1, FR_KEY0);
	st_slot(g, sl[P_TASK], 1);
	asm_jmp(B, top);
	asm_place(B, end);
	r = cg_reg_alloc(g);
	ld_slot(g, r, sl[P_FOUND]);
	put_slots(g, sl, P_N);
	return r;
}

/* h/n to/from network byte order: a byte swap on this little-endian host,
 * keeping the low 16, 32 or 64 bits */
static int cg_byteorder(struct cg *g, struct d_expr *e)
{
	int r = cg_expr(g, e->args), bits = e->type->size * 8;

	if (r < 0)
		return -1;
	asm_emit(B, (struct bpf_insn){ BPF_ALU | BPF_END | BPF_TO_BE, r, 0, 0, bits });
	return r;
}

int cg_str_call(struct cg *g, struct d_expr *e)
{
	int r;

	switch (e->func) {
	case F_SUBSTR:
		return cg_substr(g, e);
	case F_INDEX:
	case F_RINDEX:
	case F_STRSTR:
		return cg_search(g, e);
	case F_STRCHR:
	case F_STRRCHR:
		return cg_strchr(g, e);
	case F_STRTOK:
		return cg_strtok(g, e);
	case F_INET_NTOA:
	case F_INET_NTOP:
		return cg_inet(g, e);
	case F_HTONS:
	case F_HTONL:
	case F_HTONLL:
	case F_NTOHS:
	case F_NTOHL:
	case F_NTOHLL:
		return cg_byteorder(g, e);
	case F_RAND:
		/* dtrace's rand() is a nonnegative int */
		asm_emit(B, I_CALL(BPF_FUNC_get_prandom_u32));
		r = cg_reg_alloc(g);
		asm_emit(B, I_MOV64_REG(r, 0));
		asm_emit(B, I_ALU64_IMM(BPF_AND, r, 0x7fffffff));
		return r;
	case F_PROGENYOF:
		return cg_progenyof(g, e);
	}
	return cg_fail(g, e->pos, "D_UNKNOWN", "unsupported subroutine");
}

int cg_str_nullcmp(struct cg *g, struct d_expr *e)
{
	struct d_expr *str = e->left->type->k == TY_INT ? e->right : e->left;
	int r = cg_expr_str(g, str), no = null_off(g), yes = asm_label(B), done = asm_label(B);

	if (r < 0 || no < 0)
		return -1;
	asm_ld_map_value(B, 1, g->sh->m_rodata, (uint32_t)no);
	asm_jmp_reg(B, BPF_JEQ, r, 1, yes);
	asm_emit(B, I_MOV64_IMM(r, e->op == D_NE));
	asm_jmp(B, done);
	asm_place(B, yes);
	asm_emit(B, I_MOV64_IMM(r, e->op == D_EQ));
	asm_place(B, done);
	return r;
}
