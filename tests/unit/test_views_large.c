/*
 * test_views_large.c - the table and tree views at the sizes the
 * interface's benchmark uses, from synthetic snapshots: a table of many
 * integer keys sorts and counts them all; a tree of many distinct stacks
 * (manystacks' shape: leaf() under 15 levels of two functions each) gives
 * the same screen whether its build is reused (same snapshot: a key) or
 * made anew (a fresh view in the same state), follows a new snapshot, and
 * rebuilds when inverted or filtered.
 *
 * VIEWS_TEST=bench [VIEWS_KEYS=100000] [VIEWS_STACKS=20000] times the
 * renders instead (make bench): each view's CPU per render of a new
 * snapshot (a refresh) and of the same one again (a key), no kernel and no
 * terminal; the tree also in interval mode.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "draw.h"
#include "view.h"

static const struct agg_desc d_count = { .name = "", .id = 0, .func = AGG_COUNT, .nkeys = 1, .ndata = 1 };

/* A snapshot of one count() aggregation with n entries: integer keys
 * 2^30 + i, or (stacks) manystacks' path i; values vary with seq. */
static struct dscope_snap *snap_make(int n, int stacks, int seq)
{
	struct dscope_snap *s = calloc(1, sizeof(*s));
	struct agg_table *t;

	assert_non_null(s);
	s->refs = 1;
	s->seq = (uint64_t)seq;
	arena_init(&s->arena);
	s->naggs = 1;
	s->aggs = arena_alloc(&s->arena, sizeof(*s->aggs));
	s->printed = arena_alloc(&s->arena, 1);
	s->aggs[0].desc = &d_count;
	s->aggs[0].normal = 1;
	t = &s->aggs[0];
	t->entries = arena_alloc(&s->arena, sizeof(*t->entries) * (size_t)n);
	for (int i = 0; i < n; i++) {
		struct agg_entry *e = &t->entries[i];
		struct dvalue *k = arena_alloc(&s->arena, sizeof(*k));

		if (stacks) {
			char buf[1024];
			size_t len = (size_t)snprintf(buf, sizeof(buf), "manystacks`leaf");

			for (int l = 14; l >= 0; l--)
				len +=
				    (size_t)snprintf(buf + len, sizeof(buf) - len, "\nmanystacks`f%d_%d+0x%x",
						     l, (i >> l) & 1, l < 7 ? 0x2e : 0x30);
			snprintf(buf + len, sizeof(buf) - len,
				 "\nmanystacks`call+0x1c\nmanystacks`main+0x120\n"
				 "libc.so.6`__libc_start_call_main+0x7a\nlibc.so.6`__libc_start_main+0x85\n"
				 "manystacks`_start+0x21");
			*k = (struct dvalue){
				.kind = DV_STACK, .s = arena_strdup(&s->arena, buf), .n = 21, .user = 1
			};
		} else {
			*k = dval_int((1L << 30) + i);
		}
		e->keys = k;
		e->data = arena_alloc(&s->arena, sizeof(int64_t));
		e->data[0] = 1 + ((int64_t)i * 7919 + seq) % 5;
		e->normal = 1;
	}
	t->n = (size_t)n;
	return s;
}

static struct view *view_make(int stacks)
{
	static struct view_aggmeta m;
	int id = 0;

	memset(&m, 0, sizeof(m));
	m.desc = &d_count;
	snprintf(m.key[0], sizeof(m.key[0]), "%s", stacks ? "ustack" : "arg0");
	return stacks ? view_new_tree(&m, 0) : view_new_table(&m, &id, 1);
}

/* Render v into a 120x40 buffer; the lines joined with '\n' (malloc'd). */
static char *render(struct view *v, const struct dscope_snap *s)
{
	struct vbuf b;
	struct vctx cx = { .utf8 = 1 };
	char *out = malloc(120 * 40 * 4 + 41);
	size_t len = 0;

	assert_non_null(out);
	assert_int_equal(vbuf_init(&b, 120, 40), 0);
	struct vwin w = vbuf_win(&b);

	view_render(v, s, &w, &cx, 1);
	for (int y = 0; y < 40; y++) {
		len += vbuf_line(&b, y, out + len, 120 * 4);
		out[len++] = '\n';
	}
	out[len] = 0;
	vbuf_fini(&b);
	return out;
}

/* 20,000 keys: all counted, the largest count first, ties by key. */
static void test_table(void **st)
{
	struct dscope_snap *s = snap_make(20000, 0, 1);
	struct view *v = view_make(0);
	char *out = render(v, s), want[64];
	int first = -1;

	(void)st;
	assert_non_null(strstr(out, " 20000 rows\n"));
	for (int i = 0; i < 20000 && first < 0; i++)
		if (s->aggs[0].entries[i].data[0] == 5)
			first = i;
	snprintf(want, sizeof(want), "\n %d ", (1 << 30) + first);
	assert_non_null(strstr(out, want));
	free(out);
	/* its rows kept for the same snapshot: after moves, a sort, a filter
	 * and a truncation, the render of s draws what a twin's, built anew,
	 * draws */
	struct dscope_snap *twin = snap_make(20000, 0, 1);
	char *a, *b;

	for (int k = 0; k < 4; k++) {
		for (int i = 0; i < 30; i++)
			view_act(v, VACT_DOWN);
		if (k == 1)
			view_act(v, VACT_SORT_NEXT);
		if (k == 2)
			snprintf(v->filter, sizeof(v->filter), "%d", (1 << 30) + 7);
		if (k == 3)
			v->trunc = 5;
		a = render(v, s);
		b = render(v, twin);
		assert_string_equal(a, b);
		free(a);
		free(b);
		a = render(v, s); /* and once more from s, its rows now kept */
		b = render(v, s);
		assert_string_equal(a, b);
		free(a);
		free(b);
	}
	view_free(v);
	dscope_snap_release(twin);
	dscope_snap_release(s);
}

/* A table the engine took is in printa's order already; the view takes
 * its own order from it in one pass: the same screen as the sort of a
 * table in no order, largest first and ties by key, on every page. */
static void test_table_presorted(void **st)
{
	struct dscope_snap *a = snap_make(20000, 0, 1), *b = snap_make(20000, 0, 1);
	struct view *va = view_make(0), *vb = view_make(0);
	char *x, *y;

	(void)st;
	agg_sort(&a->aggs[0], NULL); /* as table_take leaves it */
	/* b in another order: its entries reversed in halves */
	struct agg_table *t = &b->aggs[0];

	for (size_t i = 0, j = t->n / 2 - 1; i < j; i++, j--) {
		struct agg_entry e = t->entries[i];

		t->entries[i] = t->entries[j];
		t->entries[j] = e;
	}
	for (int page = 0; page < 3; page++) {
		x = render(va, a);
		y = render(vb, b);
		assert_string_equal(x, y);
		free(x);
		free(y);
		for (int i = 0; i < 500; i++) {
			view_act(va, VACT_DOWN);
			view_act(vb, VACT_DOWN);
		}
	}
	view_free(va);
	view_free(vb);
	dscope_snap_release(a);
	dscope_snap_release(b);
}

/* After acts, v's render of s (the build reused when v last drew s) is
 * the same as its render of twin, an equal snapshot it must build anew. */
static void same_screen(struct view *v, const struct dscope_snap *s, const struct dscope_snap *twin,
			void (*acts)(struct view *))
{
	char *a, *b;

	acts(v);
	a = render(v, s);
	b = render(v, twin);
	assert_string_equal(a, b);
	free(a);
	free(b);
}

static void acts_move(struct view *v)
{
	for (int i = 0; i < 8; i++)
		view_act(v, VACT_DOWN);
	view_act(v, VACT_COLLAPSE);
}

static void acts_invert(struct view *v)
{
	view_act(v, VACT_INVERT);
	view_act(v, VACT_DOWN);
	view_act(v, VACT_DOWN);
}

static void acts_filter(struct view *v)
{
	snprintf(v->filter, sizeof(v->filter), "f3_1+");
}

/* 4,000 stacks: the build reused for a key gives what a new build gives */
static void test_tree(void **st)
{
	struct dscope_snap *s = snap_make(4000, 1, 1), *twin = snap_make(4000, 1, 1);
	struct dscope_snap *s2 = snap_make(4000, 1, 2), *twin2 = snap_make(4000, 1, 2);
	struct view *v = view_make(1);
	char *out = render(v, s), *out2;

	(void)st;
	assert_non_null(strstr(out, " 4000 stacks\n"));
	assert_non_null(strstr(out, "▾ manystacks`f0_0+0x2e\n"));
	free(out);
	/* keys: the same snapshot, the build kept; then the other way round */
	same_screen(v, s, twin, acts_move);
	same_screen(v, twin, s, acts_move);
	/* a refresh: other values, and the screen shows them */
	out = render(v, s);
	out2 = render(v, s2);
	assert_string_not_equal(out, out2);
	free(out);
	free(out2);
	same_screen(v, s2, twin2, acts_move);
	/* inverted, then filtered: rebuilt from the same snapshot */
	same_screen(v, twin2, s2, acts_invert);
	same_screen(v, s2, twin2, acts_filter);
	out = render(v, twin2);
	assert_non_null(strstr(out, " inverted  filter 'f3_1+'  2000 stacks\n"));
	free(out);
	view_free(v);
	dscope_snap_release(s);
	dscope_snap_release(twin);
	dscope_snap_release(s2);
	dscope_snap_release(twin2);
}

static double cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int dbl_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* VIEWS_TEST=bench: median CPU of a render, new snapshot and same again
 * (interval: in interval mode, `d`) */
static void bench_one(const char *what, int n, int stacks, int interval)
{
	enum { ROUNDS = 9 };
	struct view *v = view_make(stacks);
	double fresh[ROUNDS], same[ROUNDS];

	if (interval)
		view_act(v, VACT_INTERVAL);

	for (int r = 0; r < ROUNDS; r++) {
		struct dscope_snap *s = snap_make(n, stacks, r + 1);
		double t0 = cpu_ms();

		free(render(v, s));
		fresh[r] = cpu_ms() - t0;
		view_act(v, r & 1 ? VACT_UP : VACT_DOWN);
		t0 = cpu_ms();
		free(render(v, s));
		same[r] = cpu_ms() - t0;
		dscope_snap_release(s);
	}
	qsort(fresh, ROUNDS, sizeof(fresh[0]), dbl_cmp);
	qsort(same, ROUNDS, sizeof(same[0]), dbl_cmp);
	printf("views alone, %s: %.1f ms per render of a new snapshot, %.1f ms of the same one (a key)\n",
	       what, fresh[ROUNDS / 2], same[ROUNDS / 2]);
	view_free(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_table_presorted),
		cmocka_unit_test(test_tree),
	};

	if (getenv("VIEWS_TEST") && !strcmp(getenv("VIEWS_TEST"), "bench")) {
		int keys = getenv("VIEWS_KEYS") ? atoi(getenv("VIEWS_KEYS")) : 100000;
		int stacks = getenv("VIEWS_STACKS") ? atoi(getenv("VIEWS_STACKS")) : 20000;
		char what[64];

		snprintf(what, sizeof(what), "table of %d keys", keys);
		bench_one(what, keys, 0, 0);
		snprintf(what, sizeof(what), "tree of %d stacks", stacks);
		bench_one(what, stacks, 1, 0);
		snprintf(what, sizeof(what), "tree of %d stacks, last interval", stacks);
		bench_one(what, stacks, 1, 1);
		return 0;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
