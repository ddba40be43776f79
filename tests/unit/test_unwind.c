/*
 * test_unwind.c - DWARF unwinding of captured user stacks (engine/unwind.c)
 * over real registers and stack bytes.
 *
 * Proves: build/progs/chain, stopped by raise(SIGSTOP) inside c() and
 * captured the way the kernel side captures (pt_regs, 8 KiB from sp),
 * unwinds remotely to c, b, a, main, __libc_start_call_main in that order
 * and reaches the outermost frame; the stripped copy gives the same number
 * of frames (module+offset names), the debuglink copy the names again; a
 * capture of 64 bytes gives fewer frames and says it was truncated; an ip
 * in no mapping gives one frame; a process gone before it was ever seen
 * gives one frame named by its address; a second unwind of one capture
 * comes from the cache, and so does the same stack at another sp; random
 * registers and bytes never crash it.
 *
 * It also measures (printed as TAP comments, no threshold): cached and
 * uncached unwinding rates over 256 distinct stacks, and naming.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <inttypes.h>
#include <time.h>

#include "chain_child.h"
#include "sym_int.h"
#include "ustack.h"

enum { CAP = 8192, MAXF = 127 };

struct capture {
	uint64_t regs[USTACK_NREGS];
	uint8_t stack[CAP];
	size_t len;
};

static int find_frame(char names[][256], int n, const char *prefix)
{
	int i;

	for (i = 0; i < n; i++)
		if (strncmp(names[i], prefix, strlen(prefix)) == 0)
			return i;
	return -1;
}

static int unwind_named(struct symtab *st, int pid, const struct capture *cp, size_t len, char names[][256],
			int *truncated)
{
	uint64_t pcs[MAXF];
	int n, i;

	n = unwind_user(st, pid, cp->regs, cp->stack, len, pcs, MAXF, truncated);
	for (i = 0; i < n; i++) {
		sym_user(st, pid, pcs[i], SYM_FULL, names[i], 256);
		if (getenv("UNWIND_VERBOSE"))
			fprintf(stderr, "  %s\n", names[i]);
	}
	return n;
}

/* c, b, a, main in a row after the libc frames of raise(), then libc's
 * start; returns the number of frames */
static int check_chain(const char *prog, int named)
{
	struct symtab *st = symtab_new();
	struct chain_child ch;
	struct capture cp;
	char path[512], names[MAXF][256], pre[64];
	int n, i, truncated;
	static const char *const fn[] = { "c+", "b+", "a+", "main+" };

	assert_int_equal(chain_start(&ch, chain_path(prog, path, sizeof(path)), 1), 0);
	cp.len = chain_capture(&ch, cp.regs, cp.stack, CAP);
	assert_true(cp.len > 1024);
	n = unwind_named(st, ch.pid, &cp, cp.len, names, &truncated);
	assert_false(truncated);
	snprintf(pre, sizeof(pre), "%s`", prog);
	i = find_frame(names, n, pre);
	assert_true(i > 0); /* raise() and its callees first */
	assert_true(n >= i + 5);
	for (int k = 0; k < 4; k++) {
		char want[64];

		if (named)
			snprintf(want, sizeof(want), "%s`%s", prog, fn[k]);
		else
			snprintf(want, sizeof(want), "%s`+0x", prog);
		assert_true(strncmp(names[i + k], want, strlen(want)) == 0);
	}
	/* libc.so.6`__libc_start_call_main with libc's debug symbols, a
	 * module offset without them */
	assert_true(strncmp(names[i + 4], "libc.so.6`__libc_start_call_main+", 33) == 0 ||
		    strncmp(names[i + 4], "libc.so.6`+0x", 13) == 0);
	chain_kill(&ch);
	symtab_free(st);
	return n;
}

static void chain_symbols(void **state)
{
	(void)state;
	check_chain("chain", 1);
}

static void chain_stripped_same_depth(void **state)
{
	(void)state;
	assert_int_equal(check_chain("chain-stripped", 0), check_chain("chain", 1));
}

static void chain_debuglink(void **state)
{
	(void)state;
	check_chain("chain-linked", 1);
}

static void truncated_capture(void **state)
{
	struct symtab *st = symtab_new();
	struct chain_child ch;
	struct capture cp;
	char path[512], names[MAXF][256];
	int full, part, t1, t2;

	(void)state;
	assert_int_equal(chain_start(&ch, chain_path("chain", path, sizeof(path)), 1), 0);
	cp.len = chain_capture(&ch, cp.regs, cp.stack, CAP);
	full = unwind_named(st, ch.pid, &cp, cp.len, names, &t1);
	part = unwind_named(st, ch.pid, &cp, 64, names, &t2);
	assert_false(t1);
	assert_true(t2);
	assert_true(part >= 1 && part < full);
	/* no bytes at all */
	part = unwind_user(st, ch.pid, cp.regs, NULL, 0, (uint64_t[MAXF]){ 0 }, MAXF, &t2);
	assert_true(part >= 1 && part < full);
	assert_true(t2);
	chain_kill(&ch);
	symtab_free(st);
}

static void ip_unmapped(void **state)
{
	struct symtab *st = symtab_new();
	struct chain_child ch;
	struct capture cp;
	char path[512];
	uint64_t pcs[MAXF];
	int n, t;

	(void)state;
	assert_int_equal(chain_start(&ch, chain_path("chain", path, sizeof(path)), 1), 0);
	cp.len = chain_capture(&ch, cp.regs, cp.stack, CAP);
	cp.regs[16] = 0x10;
	n = unwind_user(st, ch.pid, cp.regs, cp.stack, cp.len, pcs, MAXF, &t);
	assert_int_equal(n, 1);
	assert_int_equal(pcs[0], 0x10);
	/* max 1: the probe's frame */
	cp.regs[16] = ch.c;
	assert_int_equal(unwind_user(st, ch.pid, cp.regs, cp.stack, cp.len, pcs, 1, &t), 1);
	assert_int_equal(pcs[0], ch.c);
	chain_kill(&ch);
	symtab_free(st);
}

static void process_gone(void **state)
{
	struct symtab *st = symtab_new();
	struct chain_child ch;
	struct capture cp;
	char path[512], names[MAXF][256], want[64];
	int n, t, pid;

	(void)state;
	assert_int_equal(chain_start(&ch, chain_path("chain", path, sizeof(path)), 1), 0);
	cp.len = chain_capture(&ch, cp.regs, cp.stack, CAP);
	pid = ch.pid;
	chain_kill(&ch);
	n = unwind_named(st, pid, &cp, cp.len, names, &t);
	assert_int_equal(n, 1);
	snprintf(want, sizeof(want), "0x%" PRIx64, cp.regs[16]);
	assert_string_equal(names[0], want);
	symtab_free(st);
}

static void cached(void **state)
{
	struct symtab *st = symtab_new();
	struct chain_child ch;
	struct capture cp;
	static struct capture moved;
	char path[512];
	uint64_t p1[MAXF], p2[MAXF], p3[MAXF];
	int n1, n2, n3, t1, t2, t3;
	const int64_t delta = 4096;

	(void)state;
	assert_int_equal(chain_start(&ch, chain_path("chain", path, sizeof(path)), 1), 0);
	cp.len = chain_capture(&ch, cp.regs, cp.stack, CAP);
	n1 = unwind_user(st, ch.pid, cp.regs, cp.stack, cp.len, p1, MAXF, &t1);
	assert_int_equal(st->uw_misses, 1);
	n2 = unwind_user(st, ch.pid, cp.regs, cp.stack, cp.len, p2, MAXF, &t2);
	assert_int_equal(st->uw_hits, 1);
	assert_int_equal(n1, n2);
	assert_int_equal(t1, t2);
	assert_memory_equal(p1, p2, (size_t)n1 * 8);
	/* fewer frames asked: cached apart, a prefix of the full walk */
	assert_int_equal(unwind_user(st, ch.pid, cp.regs, cp.stack, cp.len, p2, 3, &t2), 3);
	assert_int_equal(st->uw_misses, 2);
	assert_false(t2);
	assert_memory_equal(p1, p2, 3 * 8);
	assert_int_equal(unwind_user(st, ch.pid, cp.regs, cp.stack, cp.len, p2, 3, &t2), 3);
	assert_int_equal(st->uw_hits, 2);
	assert_memory_equal(p1, p2, 3 * 8);

	/* the same stack 4 KiB lower, as another thread would have it:
	 * registers and words pointing into the stack move with it */
	moved = cp;
	for (int i = 0; i < USTACK_NREGS; i++)
		if (cp.regs[i] - cp.regs[19] < (1u << 20))
			moved.regs[i] = cp.regs[i] - (uint64_t)delta;
	for (size_t o = 0; o + 8 <= cp.len; o += 8) {
		uint64_t v;

		memcpy(&v, cp.stack + o, 8);
		if (v - cp.regs[19] < (1u << 20)) {
			v -= (uint64_t)delta;
			memcpy(moved.stack + o, &v, 8);
		}
	}
	n3 = unwind_user(st, ch.pid, moved.regs, moved.stack, moved.len, p3, MAXF, &t3);
	assert_int_equal(st->uw_hits, 3);
	assert_int_equal(n3, n1);
	assert_memory_equal(p1, p3, (size_t)n1 * 8);
	chain_kill(&ch);
	symtab_free(st);
}

static uint64_t rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static void fuzz(void **state)
{
	struct symtab *st = symtab_new();
	static struct capture cp;
	uint64_t pcs[MAXF], seed = 0x9e3779b97f4a7c15ull;
	uint64_t code[] = { (uint64_t)(uintptr_t)&fuzz, (uint64_t)(uintptr_t)&getppid,
			    (uint64_t)(uintptr_t)&unwind_user, (uint64_t)(uintptr_t)&malloc };
	int i, n, t;

	(void)state;
	for (i = 0; i < 20000; i++) {
		size_t o;

		for (int r = 0; r < USTACK_NREGS; r++)
			cp.regs[r] = rnd(&seed);
		/* mostly ips in real code, so the walk gets going */
		if (i % 4)
			cp.regs[16] = code[rnd(&seed) % 4] + rnd(&seed) % 512;
		if (i % 3 == 0)
			cp.regs[4] = cp.regs[19] + rnd(&seed) % CAP;
		cp.len = rnd(&seed) % (CAP + 1);
		for (o = 0; o + 8 <= cp.len; o += 8) {
			uint64_t v = rnd(&seed);

			/* plausible words: return addresses, stack pointers */
			if (v % 3 == 0)
				v = code[v % 4] + (v >> 8) % 256;
			else if (v % 3 == 1)
				v = cp.regs[19] + (v >> 8) % (CAP + 64);
			memcpy(cp.stack + o, &v, 8);
		}
		n = unwind_user(st, getpid(), cp.regs, cp.stack, cp.len, pcs, MAXF, &t);
		assert_true(n >= 1 && n <= MAXF);
	}
	print_message("# fuzz: %" PRIu64 " walks, %" PRIu64 " cached, %" PRIu64 " steps, %" PRIu64
		      " diverged\n",
		      st->uw_misses, st->uw_hits, st->uw_steps, st->uw_diverged);
	/* the same inputs always walked the same way: the cache's premise */
	assert_int_equal(st->uw_diverged, 0);
	symtab_free(st);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Rates over 256 distinct stacks of one process; printed, not asserted */
static void throughput(void **state)
{
	enum { NS = 256 };
	static struct capture caps[NS];
	struct symtab *st = symtab_new();
	struct chain_child ch;
	char path[512], buf[256];
	uint64_t pcs[MAXF];
	long frames = 0, runs = 0;
	int i, t, n;
	double t0, dt, secs = getenv("UNWIND_SECS") ? atof(getenv("UNWIND_SECS")) : 0.3;

	(void)state;
	assert_int_equal(chain_start(&ch, chain_path("chain", path, sizeof(path)), NS), 0);
	for (i = 0; i < NS; i++) {
		caps[i].len = chain_capture(&ch, caps[i].regs, caps[i].stack, CAP);
		assert_true(caps[i].len > 0);
		if (i + 1 < NS)
			assert_int_equal(chain_next(&ch), 0);
	}
	/* uncached: a fresh cache per round */
	t0 = now();
	do {
		for (i = 0; i < NS; i++) {
			n = unwind_user(st, ch.pid, caps[i].regs, caps[i].stack, caps[i].len, pcs, MAXF, &t);
			assert_false(t);
			frames += n;
		}
		runs += NS;
		unwind_fini(st);
	} while ((dt = now() - t0) < secs);
	print_message("# unwind uncached: %.0f stacks/s (%.1f frames/stack, %.1f us/stack)\n", runs / dt,
		      (double)frames / (double)runs, dt / (double)runs * 1e6);

	st->uw_hits = st->uw_misses = 0;
	runs = 0;
	t0 = now();
	do {
		for (i = 0; i < NS; i++)
			unwind_user(st, ch.pid, caps[i].regs, caps[i].stack, caps[i].len, pcs, MAXF, &t);
		runs += NS;
	} while ((dt = now() - t0) < secs);
	print_message("# unwind cached: %.0f stacks/s (hits %" PRIu64 ", misses %" PRIu64 ")\n", runs / dt,
		      st->uw_hits, st->uw_misses);
	assert_int_equal(st->uw_misses, NS);
	/* replaying a walk never disagreed with the tree */
	assert_int_equal(st->uw_diverged, 0);

	/* naming every frame of every stack, symbols loaded */
	runs = 0;
	frames = 0;
	t0 = now();
	do {
		for (i = 0; i < NS; i++) {
			n = unwind_user(st, ch.pid, caps[i].regs, caps[i].stack, caps[i].len, pcs, MAXF, &t);
			for (int k = 0; k < n; k++)
				sym_user(st, ch.pid, pcs[k], SYM_FULL, buf, sizeof(buf));
			frames += n;
		}
		runs += NS;
	} while ((dt = now() - t0) < secs);
	print_message("# unwind cached + naming every frame: %.0f stacks/s, %.0f frames/s\n", runs / dt,
		      frames / dt);
	chain_kill(&ch);
	symtab_free(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(chain_symbols),   cmocka_unit_test(chain_stripped_same_depth),
		cmocka_unit_test(chain_debuglink), cmocka_unit_test(truncated_capture),
		cmocka_unit_test(ip_unmapped),	   cmocka_unit_test(process_gone),
		cmocka_unit_test(cached),	   cmocka_unit_test(fuzz),
		cmocka_unit_test(throughput),
	};

	/* UNWIND_TEST=throughput runs the measurement alone (for perf) */
	if (getenv("UNWIND_TEST"))
		cmocka_set_test_filter(getenv("UNWIND_TEST"));
	return cmocka_run_group_tests(tests, NULL, NULL);
}
