/*
 * test_asm.c - unit tests of the instruction buffer (engine/asm.c).
 *
 * Proves: labels resolve to the right offsets, also past 32,767 labels (a
 * label is no longer kept in the 16-bit offset); a jump farther than
 * 32,767 instructions is ASM_FAR with the jump's index, never a wrong
 * offset; and asm_cost counts what the verifier walks at least: a loop's
 * body once per trip, nested loops multiplied, an ld_imm64 pair once,
 * nothing for code a branch may skip unless the branch is IF_RUNTIME or
 * goes to an exit label, nothing in a conditional region; the option of
 * the costliest loop is named.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "asm.h"

static struct asm_buf B;

static int setup(void **state)
{
	(void)state;
	asm_init(&B);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	asm_fini(&B);
	return 0;
}

static void nops(int n)
{
	for (int i = 0; i < n; i++)
		asm_emit(&B, I_MOV64_IMM(0, 0));
}

/* for (r2 = 0; r2 < trips; r2++) { body instructions } */
static void loop(int trips, int body, const char *opt)
{
	int top = asm_label(&B), end = asm_label(&B);

	asm_emit(&B, I_MOV64_IMM(2, 0));
	asm_place(&B, top);
	asm_loop(&B, top, trips, opt);
	asm_jmp_imm(&B, BPF_JGE, 2, trips, end);
	nops(body);
	asm_emit(&B, I_ALU64_IMM(BPF_ADD, 2, 1));
	asm_jmp(&B, top);
	asm_place(&B, end);
}

static void test_labels(void **state)
{
	int fwd, back;

	(void)state;
	/* 40,000 labels: the ones used here are past what 16 bits hold */
	for (int i = 0; i < 40000; i++)
		asm_label(&B);
	back = asm_label(&B);
	fwd = asm_label(&B);
	asm_place(&B, back);
	asm_jmp_imm(&B, BPF_JEQ, 1, 0, fwd); /* 0 */
	nops(3);
	asm_jmp(&B, back); /* 4 */
	asm_place(&B, fwd);
	asm_emit(&B, I_EXIT());
	assert_int_equal(asm_finish(&B), 0);
	assert_int_equal(B.insn[0].off, 4);
	assert_int_equal(B.insn[4].off, -5);
}

static void test_far(void **state)
{
	int end = asm_label(&B);

	(void)state;
	nops(10);
	asm_jmp(&B, end); /* 10 */
	nops(ASM_JUMP_MAX);
	asm_place(&B, end); /* offset ASM_JUMP_MAX: fits */
	asm_emit(&B, I_EXIT());
	assert_int_equal(asm_finish(&B), 0);
	assert_int_equal(B.insn[10].off, ASM_JUMP_MAX);

	asm_fini(&B);
	asm_init(&B);
	end = asm_label(&B);
	nops(10);
	asm_jmp(&B, end);
	nops(ASM_JUMP_MAX + 1);
	asm_place(&B, end);
	asm_emit(&B, I_EXIT());
	assert_int_equal(asm_finish(&B), ASM_FAR);
	assert_int_equal(B.far_at, 10);

	/* an unplaced label is an internal error */
	asm_fini(&B);
	asm_init(&B);
	asm_jmp(&B, asm_label(&B));
	assert_int_equal(asm_finish(&B), ASM_INTERNAL);
}

static void test_cost_loops(void **state)
{
	const char *opt = "unset";

	(void)state;
	nops(5);
	loop(100, 10, "strsize"); /* 1 + 100 * (1 + 10 + 2) */
	asm_ld64(&B, 1, 42);	  /* the pair counts once */
	asm_emit(&B, I_EXIT());
	assert_int_equal(asm_finish(&B), 0);
	assert_int_equal(asm_cost(&B, 0, B.n, &opt), 5 + 1 + 100 * 13 + 1 + 1);
	assert_string_equal(opt, "strsize");
	assert_int_equal(asm_cost(&B, 0, 5, &opt), 5);
	assert_null(opt);
}

static void test_cost_nested(void **state)
{
	int top = asm_label(&B), end = asm_label(&B);

	(void)state;
	asm_emit(&B, I_MOV64_IMM(3, 0));
	asm_place(&B, top);
	asm_loop(&B, top, 10, "nspec");
	asm_jmp_imm(&B, BPF_JGE, 3, 10, end);
	loop(20, 4, "strsize"); /* 10 * (1 + 20 * 7) */
	asm_emit(&B, I_ALU64_IMM(BPF_ADD, 3, 1));
	asm_jmp(&B, top);
	asm_place(&B, end);
	asm_emit(&B, I_EXIT());
	assert_int_equal(asm_finish(&B), 0);
	/* 1 + 10 * (1 [jge] + 1 [mov] + 20 * 7 + 2 [add, ja]) + 1 [exit] */
	assert_int_equal(asm_cost(&B, 0, B.n, NULL), 1 + 10 * (1 + 1 + 20 * 7 + 2) + 1);
}

static void test_cost_branches(void **state)
{
	int skip, out, other;
	uint64_t c;

	(void)state;
	/* a branch the verifier may decide: the loop it jumps over is not
	 * counted, nor anything else it skips */
	skip = asm_label(&B);
	asm_jmp_imm(&B, BPF_JEQ, 1, 0, skip);
	loop(1000, 10, "strsize");
	asm_place(&B, skip);
	asm_emit(&B, I_EXIT());
	assert_int_equal(asm_finish(&B), 0);
	assert_int_equal(asm_cost(&B, 0, B.n, NULL), 2);

	/* the same branch on run-time data: the verifier walks both ways */
	asm_fini(&B);
	asm_init(&B);
	skip = asm_label(&B);
	asm_set_runtime(&B, 1);
	asm_jmp_imm(&B, BPF_JEQ, 1, 0, skip);
	asm_set_runtime(&B, 0);
	loop(1000, 10, "strsize");
	asm_place(&B, skip);
	asm_emit(&B, I_EXIT());
	assert_int_equal(asm_finish(&B), 0);
	assert_int_equal(asm_cost(&B, 0, B.n, NULL), 1 + 1 + 1000 * 13 + 1);

	/* a jump to an exit label (a clause's end, a failed lookup) does not
	 * make what follows conditional; a conditional region does */
	asm_fini(&B);
	asm_init(&B);
	out = asm_label(&B);
	other = asm_label(&B);
	asm_label_exit(&B, out);
	asm_jmp_imm(&B, BPF_JEQ, 1, 0, out);
	loop(1000, 10, "strsize");
	asm_cond_begin(&B);
	loop(1000, 10, "strsize");
	asm_cond_end(&B);
	asm_jmp(&B, other);
	asm_place(&B, other);
	asm_place(&B, out);
	asm_emit(&B, I_EXIT());
	assert_int_equal(asm_finish(&B), 0);
	c = asm_cost(&B, 0, B.n, NULL);
	assert_int_equal(c, 1 + 1 + 1000 * 13 + 1 + 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_labels, setup, teardown),
		cmocka_unit_test_setup_teardown(test_far, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cost_loops, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cost_nested, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cost_branches, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
