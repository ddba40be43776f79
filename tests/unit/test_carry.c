/*
 * test_carry.c - carrying aggregation values from one run into another:
 * agg_combine per function, the base tables of engine/agg_base.c (folding
 * into a taken table, keys matched by value and stacks by their text,
 * clear, trunc with a kept set, the size bound) without the kernel; then
 * dscope_carry on real programs, loaded and run (BEGIN/END through
 * BPF_PROG_TEST_RUN, so deterministic).
 *
 * The oracle for the runs: carrying run A's aggregations into run B must
 * print exactly what one program doing both A's and B's updates prints,
 * for every function (count, sum, avg, min, max, stddev with a sum of
 * squares past 64 bits, quantize, lquantize, llquantize), keys found in
 * only one of the two, printa() in END, clear(), trunc() and trunc(@, n)
 * over the combined values, and a carried snapshot copy outliving its
 * handle.  Mismatched aggregations (another function, other buckets, other
 * key types) are not carried and are named.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "agg.h"
#include "agg_base.h"
#include "d_diag.h"
#include "dscope.h"

static struct agg_desc mkdesc(enum agg_func f, int nkeys)
{
	struct agg_desc d = { .name = "a", .func = f, .nkeys = nkeys };

	if (f == AGG_LQUANTIZE) {
		d.param[0] = 0;
		d.param[1] = 10;
		d.param[2] = 1;
		d.param[3] = 10;
	}
	d.ndata = agg_ndata(f, d.param);
	return d;
}

/* ---- agg_combine ---- */

static void test_combine_scalars(void **state)
{
	struct agg_desc c = mkdesc(AGG_COUNT, 0), s = mkdesc(AGG_SUM, 0), a = mkdesc(AGG_AVG, 0);
	int64_t x[2] = { 3, 0 }, y[2] = { 4, 0 };

	(void)state;
	agg_combine(&c, x, y);
	assert_int_equal(x[0], 7);
	x[0] = -5;
	y[0] = 2;
	agg_combine(&s, x, y);
	assert_int_equal(x[0], -3);
	/* avg: count and sum add, the mean follows */
	int64_t p[2] = { 2, 10 }, q[2] = { 3, 20 };

	agg_combine(&a, p, q);
	assert_int_equal(p[0], 5);
	assert_int_equal(p[1], 30);
	assert_int_equal(agg_entry_value(&a, p), 6);
}

static void test_combine_minmax(void **state)
{
	struct agg_desc mn = mkdesc(AGG_MIN, 0), mx = mkdesc(AGG_MAX, 0);
	int64_t a[2] = { 5, 2 }, b[2] = { 3, 1 }, z[2] = { 0, 0 }, u[2] = { 0, 0 };

	(void)state;
	agg_combine(&mn, a, b);
	assert_int_equal(a[0], 3);
	assert_int_equal(a[1], 3);
	/* a side never set (count 0) does not count, its value 0 included */
	agg_combine(&mn, a, z);
	assert_int_equal(a[0], 3);
	assert_int_equal(a[1], 3);
	b[0] = 7;
	b[1] = 1;
	agg_combine(&mn, u, b);
	assert_int_equal(u[0], 7);
	assert_int_equal(u[1], 1);
	int64_t m1[2] = { -4, 1 }, m2[2] = { -9, 2 };

	agg_combine(&mx, m1, m2);
	assert_int_equal(m1[0], -4);
	assert_int_equal(m1[1], 3);
	agg_combine(&mx, m2, m1);
	assert_int_equal(m2[0], -4);
}

static void test_combine_stddev(void **state)
{
	struct agg_desc d = mkdesc(AGG_STDDEV, 0);
	int64_t a[4] = { 0 }, b[4] = { 0 }, all[4] = { 0 };
	int64_t va[] = { 4000000000, 1, 3000000000 }, vb[] = { 4000000000, 2 };

	(void)state;
	/* squares near 2^64: the low words carry into the high */
	for (size_t i = 0; i < 3; i++) {
		agg_update(&d, a, va[i], 1);
		agg_update(&d, all, va[i], 1);
	}
	for (size_t i = 0; i < 2; i++) {
		agg_update(&d, b, vb[i], 1);
		agg_update(&d, all, vb[i], 1);
	}
	agg_combine(&d, a, b);
	assert_memory_equal(a, all, sizeof(all));
	assert_true(all[3] != 0);
	assert_int_equal(agg_stddev(a, 1), agg_stddev(all, 1));
}

static void test_combine_buckets(void **state)
{
	struct agg_desc q = mkdesc(AGG_QUANTIZE, 0), l = mkdesc(AGG_LQUANTIZE, 0);
	int64_t *a = calloc((size_t)q.ndata, 8), *b = calloc((size_t)q.ndata, 8),
		*all = calloc((size_t)q.ndata, 8);
	int64_t la[12] = { 0 }, lb[12] = { 0 }, lall[12] = { 0 };

	(void)state;
	assert_int_equal(l.ndata, 12);
	for (int64_t v = -3; v < 40; v += 7) {
		agg_update(&q, v % 2 ? a : b, v, 2);
		agg_update(&q, all, v, 2);
		agg_update(&l, v % 2 ? la : lb, v, 1);
		agg_update(&l, lall, v, 1);
	}
	agg_combine(&q, a, b);
	agg_combine(&l, la, lb);
	assert_memory_equal(a, all, (size_t)q.ndata * 8);
	assert_memory_equal(la, lall, sizeof(lall));
	free(a);
	free(b);
	free(all);
}

/* ---- base tables ---- */

static struct dvalue skey(const char *s)
{
	return dval_str(s);
}

/* t's value for key s (a count or sum), -1 when absent */
static int64_t value_of(const struct agg_table *t, const char *s)
{
	for (size_t i = 0; i < t->n; i++)
		if (!strcmp(t->entries[i].keys[0].s, s))
			return t->entries[i].data[0];
	return -1;
}

/* a table of nk = 1 string keys with one-slot data, in ar */
static void table_of(struct agg_table *t, const struct agg_desc *d, struct arena *ar, const char *const *keys,
		     const int64_t *vals, size_t n)
{
	memset(t, 0, sizeof(*t));
	t->desc = d;
	t->normal = 1;
	t->entries = arena_alloc(ar, sizeof(*t->entries) * (n ? n : 1));
	for (size_t i = 0; i < n; i++) {
		struct agg_entry *e = &t->entries[t->n++];

		e->keys = arena_alloc(ar, sizeof(*e->keys));
		e->keys[0] = skey(arena_strdup(ar, keys[i]));
		e->data = arena_alloc(ar, 8);
		e->data[0] = vals[i];
		e->normal = 1;
	}
}

static void test_base_fold(void **state)
{
	struct agg_desc d = mkdesc(AGG_COUNT, 1);
	struct agg_base *b = agg_base_new(&d, 100);
	const char *bk[] = { "a", "b", "a" }, *tk[] = { "b", "c" };
	int64_t bv[] = { 3, 5, 1 }, tv[] = { 2, 7 };
	struct agg_table t;
	struct arena ar;

	(void)state;
	arena_init(&ar);
	for (int i = 0; i < 3; i++) {
		struct dvalue k = skey(bk[i]);

		assert_int_equal(agg_base_add(b, &k, &bv[i]), 0);
	}
	/* an equal key's entry absorbs the second "a" */
	assert_int_equal(agg_base_size(b), 2);
	table_of(&t, &d, &ar, tk, tv, 2);
	assert_int_equal(agg_base_fold(b, &ar, &t), 0);
	assert_int_equal(t.n, 3);
	assert_int_equal(value_of(&t, "a"), 4);
	assert_int_equal(value_of(&t, "b"), 7);
	assert_int_equal(value_of(&t, "c"), 7);
	/* folding reads the base: a second table gets the same */
	table_of(&t, &d, &ar, tk, tv, 0);
	assert_int_equal(agg_base_fold(b, &ar, &t), 0);
	assert_int_equal(t.n, 2);
	assert_int_equal(value_of(&t, "a"), 4);
	assert_int_equal(value_of(&t, "b"), 5);
	agg_base_free(b);
	arena_fini(&ar);
}

/* Stacks match by their frames, not by the stack id another program gave
 * them; a key twice in the table gets the carried value once. */
static void test_base_fold_stacks(void **state)
{
	struct agg_desc d = mkdesc(AGG_COUNT, 1);
	struct agg_base *b = agg_base_new(&d, 100);
	struct dvalue k = { .kind = DV_STACK, .i = 17, .s = "k`f+0x1\nk`g+0x2", .n = 2 };
	int64_t one = 10;
	struct agg_table t;
	struct arena ar;

	(void)state;
	arena_init(&ar);
	assert_int_equal(agg_base_add(b, &k, &one), 0);
	memset(&t, 0, sizeof(t));
	t.desc = &d;
	t.entries = arena_alloc(&ar, sizeof(*t.entries) * 2);
	for (int i = 0; i < 2; i++) {
		struct agg_entry *e = &t.entries[t.n++];

		e->keys = arena_alloc(&ar, sizeof(*e->keys));
		e->keys[0] = k;
		e->keys[0].i = 99 + i;
		e->data = arena_alloc(&ar, 8);
		e->data[0] = 1;
	}
	assert_int_equal(agg_base_fold(b, &ar, &t), 0);
	assert_int_equal(t.n, 2);
	assert_int_equal(t.entries[0].data[0] + t.entries[1].data[0], 12);
	agg_base_free(b);
	arena_fini(&ar);
}

static void test_base_bounded(void **state)
{
	struct agg_desc d = mkdesc(AGG_SUM, 1);
	struct agg_base *b = agg_base_new(&d, 2);
	const char *k[] = { "x", "y", "z" };
	int64_t v = 1;

	(void)state;
	for (int i = 0; i < 3; i++) {
		struct dvalue kv = skey(k[i]);

		assert_int_equal(agg_base_add(b, &kv, &v), i < 2 ? 0 : 1);
	}
	/* a key it holds still adds */
	struct dvalue x = skey("x");

	assert_int_equal(agg_base_add(b, &x, &v), 0);
	assert_int_equal(agg_base_size(b), 2);
	agg_base_free(b);
}

static void test_base_clear_trunc(void **state)
{
	struct agg_desc d = mkdesc(AGG_SUM, 1);
	struct agg_base *b = agg_base_new(&d, 100);
	const char *k[] = { "p", "q", "r" };
	int64_t v[] = { 1, 2, 3 };
	struct agg_table t, keep;
	struct agg_keyset ks;
	struct arena ar;

	(void)state;
	arena_init(&ar);
	for (int i = 0; i < 3; i++) {
		struct dvalue kv = skey(k[i]);

		assert_int_equal(agg_base_add(b, &kv, &v[i]), 0);
	}
	/* clear(): the keys stay with zero values */
	agg_base_clear(b);
	table_of(&t, &d, &ar, k, v, 0);
	assert_int_equal(agg_base_fold(b, &ar, &t), 0);
	assert_int_equal(t.n, 3);
	assert_int_equal(value_of(&t, "p") + value_of(&t, "q") + value_of(&t, "r"), 0);
	/* trunc with a kept set: only those stay */
	table_of(&keep, &d, &ar, k + 1, v, 2);
	assert_int_equal(agg_keyset_init(&ks, &keep, 1, 2), 0);
	assert_int_equal(agg_base_trunc(b, &ks), 0);
	agg_keyset_fini(&ks);
	assert_int_equal(agg_base_size(b), 1);
	table_of(&t, &d, &ar, k, v, 0);
	assert_int_equal(agg_base_fold(b, &ar, &t), 0);
	assert_int_equal(t.n, 1);
	assert_string_equal(t.entries[0].keys[0].s, "r");
	/* ... and a key can come back */
	struct dvalue p = skey("p");

	assert_int_equal(agg_base_add(b, &p, &v[2]), 0);
	assert_int_equal(agg_base_size(b), 2);
	/* trunc(): nothing left */
	assert_int_equal(agg_base_trunc(b, NULL), 0);
	assert_int_equal(agg_base_size(b), 0);
	table_of(&t, &d, &ar, k, v, 0);
	assert_int_equal(agg_base_fold(b, &ar, &t), 0);
	assert_int_equal(t.n, 0);
	agg_base_free(b);
	arena_fini(&ar);
}

static void test_key_canon(void **state)
{
	struct dvalue a[2] = { { .kind = DV_INT, .size = 4, .i = -1 }, dval_str("x") };
	struct dvalue b[2] = { { .kind = DV_UINT, .size = 4, .i = 0xffffffff }, dval_str("x") };
	struct dvalue c[2] = { { .kind = DV_INT, .size = 8, .i = 0xffffffff }, dval_str("x") };
	/* strings that would run together without their lengths */
	struct dvalue s1[2] = { dval_str("a;s1:b"), dval_str("") }, s2[2] = { dval_str("a"), dval_str("b") };
	char *ca = agg_key_canon(a, 2), *cb = agg_key_canon(b, 2), *cc = agg_key_canon(c, 2);
	char *c1 = agg_key_canon(s1, 2), *c2 = agg_key_canon(s2, 2);

	(void)state;
	assert_string_equal(ca, cb);
	assert_string_not_equal(ca, cc);
	assert_string_not_equal(c1, c2);
	free(ca);
	free(cb);
	free(cc);
	free(c1);
	free(c2);
}

/* ---- real programs ---- */

static struct dscope *start(const char *src, FILE *out)
{
	struct dscope *h = dscope_new("dscope");

	assert_non_null(h);
	assert_int_equal(dscope_setopt(h, "quiet", NULL), 0);
	dscope_set_output(h, out);
	if (dscope_compile(h, src, NULL)) {
		const struct d_diag *d = dscope_diag(h);

		fail_msg("compile failed: [%s] %d:%d: %s\n  source: %s", d->tag, d->pos.line, d->pos.col,
			 d->msg, src);
	}
	if (dscope_go(h))
		fail_msg("dscope_go: %s\n  source: %s", dscope_errmsg(h), src);
	return h;
}

/* What a program prints by its end (END's printa, the final tables). */
static char *stop(struct dscope *h, FILE *fp, char **buf)
{
	assert_int_equal(dscope_stop(h), 0);
	dscope_free(h);
	fclose(fp);
	return *buf;
}

/* What src prints run alone (caller frees). */
static char *alone(const char *src)
{
	char *buf = NULL;
	size_t len;
	FILE *fp = open_memstream(&buf, &len);

	return stop(start(src, fp), fp, &buf);
}

/*
 * Run `a` (its BEGIN), carry its aggregations into `b` (started, its BEGIN
 * run), optionally through a copy that outlives a's handle.  Returns what b
 * prints (caller frees); *n gets dscope_carry's count, why its message.
 */
static char *carried(const char *a, const char *b, int via_copy, int *n, char *why, size_t whysize)
{
	char *bb = NULL, *ab = NULL;
	size_t bl, al;
	FILE *fa = open_memstream(&ab, &al), *fb = open_memstream(&bb, &bl);
	struct dscope *ha = start(a, fa), *hb;
	struct dscope_snap *s = dscope_snap_aggs(ha);

	assert_non_null(s);
	if (via_copy) {
		struct dscope_snap *c = dscope_snap_aggs_copy(s);

		assert_non_null(c);
		dscope_snap_release(s);
		s = c;
		stop(ha, fa, &ab);
		ha = NULL;
	}
	hb = start(b, fb);
	*n = dscope_carry(hb, s);
	snprintf(why, whysize, "%s", dscope_errmsg(hb));
	assert_true(*n >= 0);
	dscope_snap_release(s);
	if (ha)
		stop(ha, fa, &ab);
	free(ab);
	return stop(hb, fb, &bb);
}

/* b with a's values carried prints what `both` prints; the count carried */
static int carried_like(const char *a, const char *b, const char *both, int via_copy)
{
	char why[512];
	int n;
	char *got = carried(a, b, via_copy, &n, why, sizeof(why)), *want = alone(both);

	if (strcmp(got, want))
		fail_msg("carried:\n%s\nwant (one program doing both):\n%s", got, want);
	free(got);
	free(want);
	return n;
}

#define A_UPDATES                                                                                            \
	"@c[\"x\"] = count(); @c[\"x\"] = count(); @c[\"only-a\"] = count(); @s[1] = sum(5); "               \
	"@a = avg(4); @a = avg(9); @mn = min(3); @mx = max(-9); @sd = stddev(4000000000); "                  \
	"@sd = stddev(3); @q = quantize(8); @q = quantize(-2); @l = lquantize(3, 0, 10, 1); "                \
	"@ll = llquantize(100, 10, 0, 3, 10); "
#define B_UPDATES                                                                                            \
	"@c[\"x\"] = count(); @c[\"only-b\"] = count(); @s[1] = sum(-2); @s[2] = sum(7); "                   \
	"@a = avg(1); @mn = min(7); @mx = max(-2); @sd = stddev(4000000000); @q = quantize(8); "             \
	"@q = quantize(1000); @l = lquantize(12, 0, 10, 1); @l = lquantize(3, 0, 10, 1); "                   \
	"@ll = llquantize(5, 10, 0, 3, 10); "

static void test_run_every_function(void **state)
{
	(void)state;
	assert_int_equal(carried_like("BEGIN { " A_UPDATES "}", "BEGIN { " B_UPDATES "}",
				      "BEGIN { " A_UPDATES B_UPDATES "}", 0),
			 9);
}

/* The nav case: the parent's snapshot kept as a copy after its handle went */
static void test_run_copy_outlives_handle(void **state)
{
	(void)state;
	assert_int_equal(carried_like("BEGIN { " A_UPDATES "}", "BEGIN { " B_UPDATES "}",
				      "BEGIN { " A_UPDATES B_UPDATES "}", 1),
			 9);
}

/* printa() in END sees the carried values; clear() zeroes them with the
 * program's; trunc(@, n) keeps the top n of the combined values; trunc()
 * drops them. */
static void test_run_clear_trunc(void **state)
{
	const char *a = "BEGIN { @t[\"big\"] = sum(50); @t[\"mid\"] = sum(20); @t[\"low\"] = sum(1); "
			"@z[\"k\"] = sum(3); @d[\"gone\"] = sum(4); @p = sum(6); }";
	const char *b = "BEGIN { @t[\"low\"] = sum(40); @t[\"new\"] = sum(2); @z[\"j\"] = sum(1); "
			"@d[\"b\"] = sum(1); @p = sum(1); }";
	const char *end = "END { trunc(@t, 2); printa(@t); clear(@z); printa(@z); trunc(@d); "
			  "@d[\"after\"] = sum(9); printa(@p); }";
	char sa[1024], sb[1024], both[2048];

	(void)state;
	snprintf(sa, sizeof(sa), "%s", a);
	snprintf(sb, sizeof(sb), "%s %s", b, end);
	snprintf(both, sizeof(both),
		 "BEGIN { @t[\"big\"] = sum(50); @t[\"mid\"] = sum(20); @t[\"low\"] = sum(1); "
		 "@z[\"k\"] = sum(3); @d[\"gone\"] = sum(4); @p = sum(6); "
		 "@t[\"low\"] = sum(40); @t[\"new\"] = sum(2); @z[\"j\"] = sum(1); "
		 "@d[\"b\"] = sum(1); @p = sum(1); } %s",
		 end);
	assert_int_equal(carried_like(sa, sb, both, 0), 4);
}

/* A stack key (kernel stacks: ids per program) and a per-probe array
 * (keyed by probefunc: indexed by probe id) carry too: the same program
 * twice prints its own tables with every count doubled.  (Not "one
 * program doing both": two stack() calls in one program are two stacks,
 * their return addresses in the program differ.) */
static void test_run_stack_and_probe_keys(void **state)
{
	const char *p = "BEGIN { @k[stack()] = count(); @f[probefunc] = count(); }";
	char why[512], *got, *want;
	int n;

	(void)state;
	got = carried(p, p, 0, &n, why, sizeof(why));
	want = alone(p);
	assert_int_equal(n, 2);
	assert_string_equal(why, "");
	/* every count line "   1" becomes "   2" */
	for (char *l = want; *l;) {
		size_t len = strcspn(l, "\n");

		if (len > 1 && l[len - 1] == '1' && strspn(l, " ") == len - 1)
			l[len - 1] = '2';
		l += len + (l[len] != 0);
	}
	assert_non_null(strstr(want, "vmlinux`"));
	assert_string_equal(got, want);
	free(got);
	free(want);
}

static void test_run_mismatch(void **state)
{
	char why[512], *got, *want;
	int n;

	(void)state;
	got =
	    carried("BEGIN { @f = count(); @l = lquantize(1, 0, 10, 1); @k[1] = count(); "
		    "@ok = count(); @gone = count(); }",
		    "BEGIN { @f = sum(3); @l = lquantize(1, 0, 20, 1); @k[\"1\"] = count(); @ok = count(); }",
		    0, &n, why, sizeof(why));
	assert_int_equal(n, 1);
	assert_non_null(strstr(why, "@f (another function)"));
	assert_non_null(strstr(why, "@l (other buckets)"));
	assert_non_null(strstr(why, "@k (other key types)"));
	assert_non_null(strstr(why, "@gone (not in the program)"));
	assert_null(strstr(why, "@ok"));
	/* @ok: 1 + 1; the others only b's own */
	want = alone("BEGIN { @f = sum(3); @l = lquantize(1, 0, 20, 1); @k[\"1\"] = count(); @ok = count(); "
		     "@ok = count(); }");
	assert_string_equal(got, want);
	free(got);
	free(want);
}

int main(void)
{
	const struct CMUnitTest merge[] = {
		cmocka_unit_test(test_combine_scalars), cmocka_unit_test(test_combine_minmax),
		cmocka_unit_test(test_combine_stddev),	cmocka_unit_test(test_combine_buckets),
		cmocka_unit_test(test_base_fold),	cmocka_unit_test(test_base_fold_stacks),
		cmocka_unit_test(test_base_bounded),	cmocka_unit_test(test_base_clear_trunc),
		cmocka_unit_test(test_key_canon),
	};
	const struct CMUnitTest runs[] = {
		cmocka_unit_test(test_run_every_function), cmocka_unit_test(test_run_copy_outlives_handle),
		cmocka_unit_test(test_run_clear_trunc),	   cmocka_unit_test(test_run_stack_and_probe_keys),
		cmocka_unit_test(test_run_mismatch),
	};

	return cmocka_run_group_tests_name("merge", merge, NULL, NULL) |
	       cmocka_run_group_tests_name("runs (kernel)", runs, NULL, NULL);
}
