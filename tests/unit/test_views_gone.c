/*
 * test_views_gone.c - a table keyed by pid draws the rows of processes that
 * have exited dimmed (VA_GONE, VA_GONESEL when selected), with their
 * figures, and leaves out those gone long enough (VG_LEFT), asking the
 * TUI's callback (vctx.pid_gone) once a row to filter and once a row on
 * screen; a table without a pid key never asks.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "draw.h"
#include "view.h"

static const struct agg_desc d_count = { .name = "c", .id = 0, .func = AGG_COUNT, .nkeys = 1, .ndata = 1 };
static int asked, left;

static int gone(long pid)
{
	asked++;
	return pid == 200 ? VG_GONE : pid == 300 && left ? VG_LEFT : VG_ALIVE;
}

static struct dscope_snap *snap_pids(void)
{
	struct dscope_snap *s = calloc(1, sizeof(*s));
	static const char *const keys[] = { "100", "200", "300" };
	struct agg_table *t;

	s->refs = 1;
	arena_init(&s->arena);
	s->naggs = 1;
	s->aggs = arena_alloc(&s->arena, sizeof(*s->aggs));
	s->printed = arena_alloc(&s->arena, 1);
	s->aggs[0].desc = &d_count;
	s->aggs[0].normal = 1;
	t = &s->aggs[0];
	t->entries = arena_alloc(&s->arena, sizeof(*t->entries) * 3);
	for (int i = 0; i < 3; i++) {
		struct agg_entry *e = &t->entries[i];

		e->keys = arena_alloc(&s->arena, sizeof(struct dvalue));
		e->keys[0] = dval_str(arena_strdup(&s->arena, keys[i]));
		e->data = arena_alloc(&s->arena, sizeof(int64_t));
		e->data[0] = 30 - 10 * i; /* 100 first, 300 last */
		e->normal = 1;
	}
	t->n = 3;
	return s;
}

/* The attribute of the first cell of line y. */
static int attr_at(const struct vbuf *b, int y)
{
	return b->at[(size_t)y * (size_t)b->w + 1];
}

static void run(const char *label, int expect_dim)
{
	struct view_aggmeta m;
	int ids[] = { 0 };
	struct dscope_snap *s = snap_pids();
	struct vbuf b;
	struct vctx cx = { .utf8 = 1, .pid_gone = gone };
	char line[256];

	memset(&m, 0, sizeof(m));
	m.desc = &d_count;
	snprintf(m.key[0], sizeof(m.key[0]), "%s", label);
	struct view *v = view_new_table(&m, ids, 1);

	assert_non_null(v);
	assert_int_equal(vbuf_init(&b, 60, 6), 0);
	struct vwin w = vbuf_win(&b);

	asked = 0;
	view_render(v, s, &w, &cx, 1);
	/* line 0 the title, 1 the header, then 100 (selected), 200, 300 */
	vbuf_line(&b, 3, line, sizeof(line));
	assert_non_null(strstr(line, " 200 "));
	assert_non_null(strstr(line, "20")); /* its figures stay */
	assert_int_equal(attr_at(&b, 2), VA_SELECT);
	assert_int_equal(attr_at(&b, 3), expect_dim ? VA_GONE : VA_NORMAL);
	assert_int_equal(attr_at(&b, 4), VA_NORMAL);
	assert_int_equal(asked, expect_dim ? 6 : 0);
	/* selected and gone */
	view_act(v, VACT_DOWN);
	vbuf_clear(&b);
	view_render(v, s, &w, &cx, 1);
	assert_int_equal(attr_at(&b, 3), expect_dim ? VA_GONESEL : VA_SELECT);
	vbuf_fini(&b);
	view_free(v);
	dscope_snap_release(s);
}

static void test_gone_dimmed(void **st)
{
	(void)st;
	run("pid", 1);
}

/* 300 has been gone long enough: its row leaves, 200's stays dimmed */
static void test_gone_left(void **st)
{
	struct view_aggmeta m;
	int ids[] = { 0 };
	struct dscope_snap *s = snap_pids();
	struct vbuf b;
	struct vctx cx = { .utf8 = 1, .pid_gone = gone };
	char line[256];

	(void)st;
	memset(&m, 0, sizeof(m));
	m.desc = &d_count;
	snprintf(m.key[0], sizeof(m.key[0]), "pid");
	struct view *v = view_new_table(&m, ids, 1);

	assert_non_null(v);
	assert_int_equal(vbuf_init(&b, 60, 6), 0);
	struct vwin w = vbuf_win(&b);

	left = 1;
	view_render(v, s, &w, &cx, 1);
	left = 0;
	assert_int_equal(v->nrows, 2);
	vbuf_line(&b, 3, line, sizeof(line));
	assert_non_null(strstr(line, " 200 "));
	assert_int_equal(attr_at(&b, 3), VA_GONE);
	vbuf_line(&b, 4, line, sizeof(line));
	assert_null(strstr(line, "300"));
	vbuf_fini(&b);
	view_free(v);
	dscope_snap_release(s);
}

static void test_no_pid_key(void **st)
{
	(void)st;
	run("probefunc", 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gone_dimmed),
		cmocka_unit_test(test_gone_left),
		cmocka_unit_test(test_no_pid_key),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
