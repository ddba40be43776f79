/*
 * test_views.c - the interface's views (views/) rendered from hand-built
 * snapshots into an off-screen buffer, compared as exact text: the table
 * (two aggregations sharing keys, sorting, filtering, selection kept by
 * key, trunc), the histogram (eighth-block bars and the ASCII fallback,
 * keys listed), the log (dtrace's lines, scrolling), the choice of views
 * for a program, the pure helpers (units, bars), and interval mode: the
 * table and histogram showing what changed between two snapshots, with a
 * restart when the snapshots' seq goes back, and the tree of the last
 * interval.
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
static const struct agg_desc d_sum = { .name = "t", .id = 1, .func = AGG_SUM, .nkeys = 1, .ndata = 1 };
static const struct agg_desc d_q = { .name = "lat", .id = 2, .func = AGG_QUANTIZE, .nkeys = 1, .ndata = 127 };
static const struct agg_desc d_q0 = { .name = "", .id = 0, .func = AGG_QUANTIZE, .nkeys = 0, .ndata = 127 };

static void add_entry(struct dscope_snap *s, int agg, const char *key, const int64_t *data, int ndata)
{
	struct agg_table *t = &s->aggs[agg];
	struct agg_entry *ne = arena_alloc(&s->arena, sizeof(*ne) * (t->n + 1));

	if (t->n)
		memcpy(ne, t->entries, sizeof(*ne) * t->n);
	t->entries = ne;
	ne[t->n].keys = arena_alloc(&s->arena, sizeof(struct dvalue));
	ne[t->n].keys[0] = dval_str(arena_strdup(&s->arena, key));
	ne[t->n].data = arena_alloc(&s->arena, sizeof(int64_t) * (size_t)ndata);
	memcpy(ne[t->n].data, data, sizeof(int64_t) * (size_t)ndata);
	ne[t->n].normal = 1;
	t->n++;
}

static struct dscope_snap *snap_new(int naggs, const struct agg_desc *const *descs)
{
	struct dscope_snap *s = calloc(1, sizeof(*s));

	s->refs = 1;
	arena_init(&s->arena);
	s->naggs = naggs;
	s->aggs = arena_alloc(&s->arena, sizeof(*s->aggs) * (size_t)naggs);
	s->printed = arena_alloc(&s->arena, (size_t)naggs);
	for (int i = 0; i < naggs; i++) {
		s->aggs[i].desc = descs[i];
		s->aggs[i].normal = 1;
	}
	return s;
}

/* The syscall table: counts and times of four syscalls. */
static struct dscope_snap *syscalls(void)
{
	const struct agg_desc *d[] = { &d_count, &d_sum };
	struct dscope_snap *s = snap_new(2, d);
	static const struct {
		const char *k;
		int64_t c, t;
	} rows[] = { { "read", 300, 1500000 },
		     { "openat", 100, 9000000 },
		     { "close", 50, 25000 },
		     { "write", 50, 2000 } };

	for (int i = 0; i < 4; i++) {
		add_entry(s, 0, rows[i].k, &rows[i].c, 1);
		add_entry(s, 1, rows[i].k, &rows[i].t, 1);
	}
	return s;
}

static struct view_aggmeta meta_of(const struct agg_desc *d, int unit, const char *key)
{
	struct view_aggmeta m;

	memset(&m, 0, sizeof(m));
	m.desc = d;
	m.unit = unit;
	snprintf(m.key[0], sizeof(m.key[0]), "%s", key);
	return m;
}

/* When the snapshot rendered was taken (vctx.snap_time). */
static double snap_time;

/* Render v into a w x h buffer; the lines joined with '\n'. */
static char *render(struct view *v, const struct dscope_snap *s, int w, int h, int utf8)
{
	struct vbuf b;
	struct vctx cx = { .utf8 = utf8, .snap_time = snap_time };
	static char out[8192];
	size_t len = 0;

	assert_int_equal(vbuf_init(&b, w, h), 0);
	struct vwin win = vbuf_win(&b);

	view_render(v, s, &win, &cx, 1);
	for (int y = 0; y < h; y++) {
		len += vbuf_line(&b, y, out + len, sizeof(out) - len - 1);
		out[len++] = '\n';
	}
	out[len] = 0;
	vbuf_fini(&b);
	if (getenv("VIEWS_DUMP"))
		printf("----\n%s", out);
	return out;
}

/* The text after the first n lines. */
static const char *after_lines(const char *out, int n)
{
	while (n-- > 0 && strchr(out, '\n'))
		out = strchr(out, '\n') + 1;
	return out;
}

static struct view *table_view(void)
{
	static struct view_aggmeta m[2];
	int ids[] = { 0, 1 };

	m[0] = meta_of(&d_count, UNIT_NONE, "probefunc");
	m[1] = meta_of(&d_sum, UNIT_NS, "probefunc");
	return view_new_table(m, ids, 2);
}

static void test_table(void **st)
{
	struct dscope_snap *s = syscalls();
	struct view *v = table_view();

	(void)st;
	assert_string_equal(render(v, s, 60, 7, 1),
			    " table @c @t                            since start  4 rows\n"
			    " probefunc        @c▼        @t        %\n"
			    " read             300    1.50ms    60.0%\n"
			    " openat           100    9.00ms    20.0%\n"
			    " close             50    25.0µs    10.0%\n"
			    " write             50    2.00µs    10.0%\n"
			    "\n");
	/* wide enough for the share as a bar */
	assert_string_equal(after_lines(render(v, s, 90, 4, 1), 2),
			    " read             300    1.50ms    60.0% ███████████████████████▍\n"
			    " openat           100    9.00ms    20.0% ███████▊\n");
	/* sorted by the time column (ties by key), ASCII arrows */
	view_act(v, VACT_SORT_NEXT);
	assert_string_equal(after_lines(render(v, s, 60, 7, 0), 1),
			    " probefunc         @c       @tv        %\n"
			    " openat           100    9.00ms    85.5%\n"
			    " read             300    1.50ms    14.2%\n"
			    " close             50    25.0us     0.2%\n"
			    " write             50    2.00us     0.0%\n"
			    "\n");
	/* by key, A to Z */
	view_act(v, VACT_SORT_NEXT);
	assert_string_equal(after_lines(render(v, s, 60, 7, 0), 1),
			    " probefunc^        @c        @t        %\n"
			    " close             50    25.0us    10.0%\n"
			    " openat           100    9.00ms    20.0%\n"
			    " read             300    1.50ms    60.0%\n"
			    " write             50    2.00us    10.0%\n"
			    "\n");
	/* reversed */
	view_act(v, VACT_SORT_REV);
	assert_non_null(strstr(render(v, s, 60, 7, 0), "v        @c        @t        %\n write "));
	view_free(v);
	dscope_snap_release(s);
}

static void test_table_filter_select(void **st)
{
	struct dscope_snap *s = syscalls();
	struct view *v = table_view();
	char *out;

	(void)st;
	/* select "openat" (second row), then a new order keeps it selected */
	render(v, s, 60, 7, 0);
	view_act(v, VACT_DOWN);
	render(v, s, 60, 7, 0);
	assert_string_equal(v->selkey, "openat");
	view_act(v, VACT_SORT_NEXT);
	render(v, s, 60, 7, 0);
	assert_int_equal(v->sel, 0);
	assert_string_equal(v->selkey, "openat");
	/* a filter keeps matching rows only */
	strcpy(v->filter, "RE");
	out = render(v, s, 60, 7, 0);
	assert_non_null(strstr(out, "filter 'RE'  1 row"));
	assert_null(strstr(out, "openat"));
	assert_non_null(strstr(out, " read "));
	/* trunc: the top rows of the order */
	v->filter[0] = 0;
	v->trunc = 2;
	out = render(v, s, 60, 7, 0);
	assert_non_null(strstr(out, "2 rows"));
	assert_null(strstr(out, "close"));
	/* search moves the selection */
	v->trunc = 0;
	strcpy(v->search, "wri");
	v->search_pending = 1;
	render(v, s, 60, 7, 0);
	assert_string_equal(v->selkey, "write");
	view_free(v);
	dscope_snap_release(s);
}

/* No entries yet, and no row left by the filter: a line says so. */
static void test_table_empty(void **st)
{
	const struct agg_desc *d[] = { &d_count, &d_sum };
	struct dscope_snap *e = snap_new(2, d), *s = syscalls();
	struct view *v = table_view();

	(void)st;
	assert_non_null(strstr(render(v, e, 60, 4, 0), "no data yet"));
	assert_non_null(strstr(render(v, NULL, 60, 4, 0), "waiting for data"));
	strcpy(v->filter, "zzz");
	assert_non_null(strstr(render(v, s, 60, 4, 0), "no row matches the filter"));
	view_free(v);
	dscope_snap_release(e);
	dscope_snap_release(s);
}

static void test_hist(void **st)
{
	const struct agg_desc *d[] = { &d_q0 };
	struct dscope_snap *s = snap_new(1, d);
	int64_t data[127] = { 0 };
	struct view_aggmeta m = meta_of(&d_q0, UNIT_NONE, "");
	struct view *v = view_new_hist(&m, 0);

	(void)st;
	data[AGG_QUANTIZE_ZERO + 1] = 1; /* 1 */
	data[AGG_QUANTIZE_ZERO + 3] = 6; /* 4..7 */
	data[AGG_QUANTIZE_ZERO + 4] = 3; /* 8..15 */
	s->aggs[0].n = 0;
	add_entry(s, 0, "", data, 127);
	assert_string_equal(render(v, s, 50, 8, 1), " histogram @quantize           since start  1 row\n"
						    " value          Distribution         count      %\n"
						    "     0 │                                 0   0.0%\n"
						    "     1 │ ██▊                             1  10.0%\n"
						    "     2 │                                 0   0.0%\n"
						    "     4 │ ████████████████▎               6  60.0%\n"
						    "     8 │ ████████▏                       3  30.0%\n"
						    "    16 │                                 0   0.0%\n");
	assert_string_equal(after_lines(render(v, s, 50, 8, 0), 2),
			    "     0 |                                 0   0.0%\n"
			    "     1 | ###                             1  10.0%\n"
			    "     2 |                                 0   0.0%\n"
			    "     4 | ################                6  60.0%\n"
			    "     8 | ########                        3  30.0%\n"
			    "    16 |                                 0   0.0%\n");
	view_free(v);
	dscope_snap_release(s);
}

static void test_hist_keys(void **st)
{
	const struct agg_desc *d[] = { &d_count, &d_sum, &d_q };
	struct dscope_snap *s = snap_new(3, d);
	int64_t a[127] = { 0 }, b[127] = { 0 };
	struct view_aggmeta m[3] = { meta_of(&d_count, 0, "execname"), meta_of(&d_sum, 0, "execname"),
				     meta_of(&d_q, UNIT_NS, "execname") };
	struct view *v = view_new_hist(m, 2);
	char *out;

	(void)st;
	a[AGG_QUANTIZE_ZERO + 11] = 10; /* 1024 ns */
	b[AGG_QUANTIZE_ZERO + 21] = 40; /* 1 ms */
	add_entry(s, 2, "sed", a, 127);
	add_entry(s, 2, "top", b, 127);
	out = render(v, s, 80, 6, 1);
	assert_string_equal(
	    out, " histogram @lat                                             since start  2 rows\n"
		 " execname           count    value           Distribution          count      %\n"
		 " top                   40    524µs │                                   0   0.0%\n"
		 " sed                   10   1.05ms │ █████████████████████████████    40 100.0%\n"
		 "                            2.10ms │                                   0   0.0%\n"
		 "\n");
	view_act(v, VACT_DOWN);
	out = render(v, s, 80, 6, 1);
	assert_non_null(strstr(out, "1.02µs │ ████"));
	view_free(v);
	dscope_snap_release(s);
}

static void test_log(void **st)
{
	struct view *v = view_new_log();
	struct dscope_snap *s = calloc(1, sizeof(*s));
	struct snap_act act = { .kind = SA_TRACE };
	struct dvalue val = dval_str("hello");
	struct snap_event ev = {
		.cpu = 1, .probe = 42, .prov = "profile", .mod = "", .func = "", .name = "tick-1s"
	};
	char *out;

	(void)st;
	s->refs = 1;
	arena_init(&s->arena);
	act.vals = &val;
	act.nvals = 1;
	ev.acts = &act;
	ev.nacts = 1;
	s->ev = &ev;
	s->nev = 1;
	view_log_feed(v, s);
	view_log_line(v, "a\tb");
	out = render(v, s, 60, 5, 1);
	assert_string_equal(out, " log                                     following  3 lines\n"
				 "CPU     ID                    FUNCTION:NAME\n"
				 "  1     42                         :tick-1s   hello\n"
				 "a       b\n"
				 "\n");
	for (int i = 0; i < 10; i++) {
		char l[32];

		snprintf(l, sizeof(l), "line %d", i);
		view_log_line(v, l);
	}
	out = render(v, s, 60, 3, 1);
	assert_string_equal(out,
			    " log                                    following  13 lines\nline 8\nline 9\n");
	/* scrolling up pauses following */
	view_act(v, VACT_UP);
	out = render(v, s, 60, 3, 1);
	assert_string_equal(out,
			    " log                                       paused  13 lines\nline 7\nline 8\n");
	view_log_line(v, "line 10");
	out = render(v, s, 60, 3, 1);
	assert_string_equal(out + strlen(" log                                       paused  14 lines\n"),
			    "line 7\nline 8\n");
	view_act(v, VACT_END);
	out = render(v, s, 60, 3, 1);
	assert_non_null(strstr(out, "line 9\nline 10\n"));
	s->nev = 0;
	view_free(v);
	dscope_snap_release(s);
}

static void test_plan(void **st)
{
	struct view_aggmeta m[4] = { meta_of(&d_count, 0, "probefunc"), meta_of(&d_sum, UNIT_NS, "probefunc"),
				     meta_of(&d_q, UNIT_NS, "probefunc"), meta_of(&d_count, 0, "execname") };
	struct view *v[8];
	int n = view_plan(m, 4, v, 8);

	(void)st;
	assert_int_equal(n, 4);
	assert_int_equal(v[0]->kind, VIEW_TABLE);
	assert_int_equal(v[0]->naggs, 2); /* count and sum share probefunc */
	assert_string_equal(v[0]->name, "@c @t");
	assert_int_equal(v[1]->kind, VIEW_HIST);
	assert_int_equal(v[2]->kind, VIEW_TABLE);
	assert_int_equal(v[2]->aggs[0], 3);
	assert_int_equal(v[3]->kind, VIEW_LOG);
	for (int i = 0; i < n; i++)
		view_free(v[i]);
	/* no aggregation: the log alone */
	assert_int_equal(view_plan(m, 0, v, 8), 1);
	assert_int_equal(v[0]->kind, VIEW_LOG);
	view_free(v[0]);
}

static void test_units_bars(void **st)
{
	char b[32];
	wchar_t bar[8];

	(void)st;
	assert_string_equal(draw_units(b, sizeof(b), 532, UNIT_NS, 1), "532ns");
	assert_string_equal(draw_units(b, sizeof(b), 12345, UNIT_NS, 1), "12.3µs");
	assert_string_equal(draw_units(b, sizeof(b), 12345, UNIT_NS, 0), "12.3us");
	assert_string_equal(draw_units(b, sizeof(b), 4560000, UNIT_NS, 0), "4.56ms");
	assert_string_equal(draw_units(b, sizeof(b), 123000000000LL, UNIT_NS, 0), "123s");
	assert_string_equal(draw_units(b, sizeof(b), 512, UNIT_BYTES, 0), "512B");
	assert_string_equal(draw_units(b, sizeof(b), 1536, UNIT_BYTES, 0), "1.50K");
	assert_string_equal(draw_units(b, sizeof(b), 3 << 20, UNIT_BYTES, 0), "3.00M");
	assert_string_equal(draw_units(b, sizeof(b), -7, UNIT_NONE, 0), "-7");
	assert_int_equal(draw_bar(bar, 4, 0.5, 1), 2);
	assert_true(bar[0] == 0x2588 && bar[1] == 0x2588 && bar[2] == L' ');
	assert_int_equal(draw_bar(bar, 4, 1.0 / 32, 1), 1);
	assert_true(bar[0] == 0x258f); /* one eighth */
	assert_int_equal(draw_bar(bar, 4, 0.6, 0), 2);
	assert_true(bar[0] == L'#' && bar[1] == L'#' && bar[2] == L' ');
	assert_int_equal(draw_bar(bar, 4, 2.0, 0), 4);
}

static void test_clip(void **st)
{
	struct vbuf b;
	char line[64];

	(void)st;
	assert_int_equal(vbuf_init(&b, 10, 2), 0);
	struct vwin w = vbuf_win(&b), sub = vwin_sub(&w, 2, 1, 4, 5);

	/* nothing outside the region; control and wide characters as '?' */
	assert_int_equal(vwin_put(&sub, 0, 0, VA_NORMAL, "ab\tcdef", -1), 4);
	vwin_put(&sub, 0, 3, VA_NORMAL, "zz", -1);
	vbuf_line(&b, 1, line, sizeof(line));
	assert_string_equal(line, "  ab?c");
	vwin_put(&w, 0, 0, VA_NORMAL, "\xc3\xa9t\xc3", -1);
	vbuf_line(&b, 0, line, sizeof(line));
	assert_string_equal(line, "\xc3\xa9t?");
	vbuf_fini(&b);
}

/* ---- the tree view ---- */

static const struct agg_desc d_st = { .name = "", .id = 0, .func = AGG_COUNT, .nkeys = 1, .ndata = 1 };
static const struct agg_desc d_st2 = { .name = "", .id = 0, .func = AGG_COUNT, .nkeys = 2, .ndata = 1 };

#define START "libc.so.6`__libc_start_main+0x80"

/* Three stacks of chain: main -> a -> b -> c -> malloc (60), main -> a ->
 * c -> malloc (30), main -> malloc (10); leaf first as the engine gives
 * them.  With `exec`, keyed by execname too (a second process, "sh"). */
static struct dscope_snap *stacks(int exec)
{
	const struct agg_desc *d[] = { exec ? &d_st2 : &d_st };
	struct dscope_snap *s = snap_new(1, d);
	static const struct {
		const char *exec, *st;
		int n;
		int64_t c;
	} rows[] = {
		{ "chain",
		  "libc.so.6`malloc\nchain`c+0x2d\nchain`b+0x10\nchain`a+0x12\nchain`main+0x20\n" START, 6,
		  60 },
		{ "chain", "libc.so.6`malloc\nchain`c+0x2d\nchain`a+0x1a\nchain`main+0x20\n" START, 5, 30 },
		{ "sh", "libc.so.6`malloc\nchain`main+0x30\n" START, 3, 10 },
	};
	struct agg_table *t = &s->aggs[0];

	t->entries = arena_alloc(&s->arena, sizeof(*t->entries) * 3);
	for (int i = 0; i < 3; i++) {
		struct agg_entry *e = &t->entries[i];
		struct dvalue *k = arena_alloc(&s->arena, sizeof(*k) * 2);

		k[exec] = (struct dvalue){ .kind = DV_STACK, .s = rows[i].st, .n = rows[i].n, .user = 1 };
		if (exec)
			k[0] = dval_str(rows[i].exec);
		e->keys = k;
		e->data = arena_alloc(&s->arena, sizeof(int64_t));
		e->data[0] = rows[i].c;
		e->normal = 1;
	}
	t->n = 3;
	return s;
}

static struct view *tree_view(int exec)
{
	static struct view_aggmeta m;

	m = meta_of(exec ? &d_st2 : &d_st, UNIT_NONE, exec ? "execname" : "ustack");
	if (exec)
		snprintf(m.key[1], sizeof(m.key[1]), "ustack");
	return view_new_tree(&m, 0);
}

static void test_tree(void **st)
{
	struct dscope_snap *s = stacks(0);
	struct view *v = tree_view(0);

	(void)st;
	assert_string_equal(
	    render(v, s, 80, 12, 1),
	    " tree @count                                                           3 stacks\n"
	    " COUNT   TOTAL PARENT             STACK (callers first)\n"
	    "   100  100.0% 100.0%  ██████████ ▾ all stacks\n"
	    "   100  100.0% 100.0%  ██████████   ▾ libc.so.6`__libc_start_main+0x80\n"
	    "    90   90.0%  90.0%  █████████      ▾ chain`main+0x20\n"
	    "    60   60.0%  66.7%  ██████           ▾ chain`a+0x12\n"
	    "    60   60.0% 100.0%  ██████             ▾ chain`b+0x10\n"
	    "    60   60.0% 100.0%  ██████               ▾ chain`c+0x2d\n"
	    "    60   60.0% 100.0%  ██████                   libc.so.6`malloc\n"
	    "    30   30.0%  33.3%  ███              ▾ chain`a+0x1a\n"
	    "    30   30.0% 100.0%  ███                ▾ chain`c+0x2d\n"
	    "    30   30.0% 100.0%  ███                    libc.so.6`malloc\n");
	/* collapse a+0x12 (ASCII): its subtree goes, the selection stays */
	for (int i = 0; i < 3; i++)
		view_act(v, VACT_DOWN);
	assert_int_equal(view_act(v, VACT_COLLAPSE), VR_REDRAW);
	assert_string_equal(after_lines(render(v, s, 80, 9, 0), 2),
			    "   100  100.0% 100.0%  ########## - all stacks\n"
			    "   100  100.0% 100.0%  ##########   - libc.so.6`__libc_start_main+0x80\n"
			    "    90   90.0%  90.0%  #########      - chain`main+0x20\n"
			    "    60   60.0%  66.7%  ######           + chain`a+0x12\n"
			    "    30   30.0%  33.3%  ###              - chain`a+0x1a\n"
			    "    30   30.0% 100.0%  ###                - chain`c+0x2d\n"
			    "    30   30.0% 100.0%  ###                    libc.so.6`malloc\n");
	assert_int_equal(v->sel, 3);
	/* a new snapshot in which the node moved: still selected, still closed */
	dscope_snap_release(s);
	s = stacks(0);
	s->aggs[0].entries[1].data[0] = 200;
	assert_non_null(
	    strstr(render(v, s, 80, 9, 0), "    60   22.2%  23.1%  ##               + chain`a+0x12\n"));
	assert_int_equal(v->sel, 6);
	/* back as it was: a new snapshot (snapshots never change, and the
	 * tree keeps its build while the snapshot is the same) */
	dscope_snap_release(s);
	s = stacks(0);
	/* expand again, then down to b */
	view_act(v, VACT_EXPAND);
	render(v, s, 80, 12, 0);
	view_act(v, VACT_EXPAND);
	render(v, s, 80, 12, 0);
	assert_int_equal(v->sel, 4);
	/* zoom into b: it is the root, bars relative to it, shares of the total */
	assert_int_equal(view_act(v, VACT_ENTER), VR_REDRAW);
	assert_string_equal(
	    render(v, s, 80, 6, 0),
	    " tree @count                                                   zoomed  3 stacks\n"
	    " COUNT   TOTAL PARENT             STACK (callers first)\n"
	    "    60   60.0% 100.0%  ########## - chain`b+0x10\n"
	    "    60   60.0% 100.0%  ##########   - chain`c+0x2d\n"
	    "    60   60.0% 100.0%  ##########       libc.so.6`malloc\n"
	    "\n");
	/* Left on the zoom root does not leave it; back zooms out, b selected */
	view_act(v, VACT_COLLAPSE);
	render(v, s, 80, 6, 0);
	assert_int_equal(v->sel, 0);
	assert_int_equal(view_act(v, VACT_BACK), VR_REDRAW);
	render(v, s, 80, 12, 0);
	assert_int_equal(v->sel, 4);
	assert_int_equal(view_act(v, VACT_BACK), VR_UNUSED);
	/* search: the next node named a+0x1a */
	snprintf(v->search, sizeof(v->search), "a+0x1a");
	view_act(v, VACT_SEARCH_NEXT);
	render(v, s, 80, 12, 0);
	assert_int_equal(v->sel, 7);
	/* inverted: the hottest leaf first */
	view_act(v, VACT_INVERT);
	v->search[0] = 0;
	assert_string_equal(after_lines(render(v, s, 80, 7, 0), 1),
			    " COUNT   TOTAL PARENT             STACK (leaves first)\n"
			    "   100  100.0% 100.0%  ########## - all stacks\n"
			    "   100  100.0% 100.0%  ##########   - libc.so.6`malloc\n"
			    "    90   90.0%  90.0%  #########      - chain`c+0x2d\n"
			    "    60   60.0%  66.7%  ######           - chain`b+0x10\n"
			    "    60   60.0% 100.0%  ######             - chain`a+0x12\n");
	view_free(v);
	dscope_snap_release(s);
}

/* @[execname, ustack()]: the processes are the first level; a filter */
static void test_tree_keys(void **st)
{
	struct dscope_snap *s = stacks(1);
	struct view *v = tree_view(1);
	char *out;

	(void)st;
	out = render(v, s, 80, 6, 0);
	assert_string_equal(after_lines(out, 2),
			    "   100  100.0% 100.0%  ########## - all\n"
			    "    90   90.0%  90.0%  #########    - chain\n"
			    "    90   90.0% 100.0%  #########      - libc.so.6`__libc_start_main+0x80\n"
			    "    90   90.0% 100.0%  #########        - chain`main+0x20\n");
	strcpy(v->filter, "sh");
	out = render(v, s, 80, 6, 0);
	assert_non_null(strstr(out, "filter 'sh'  1 stack\n"));
	assert_non_null(strstr(out, "    10  100.0% 100.0%  ########## - all\n"
				    "    10  100.0% 100.0%  ##########   - sh\n"));
	view_free(v);
	dscope_snap_release(s);
	/* the plan: a stack key gets a tree of its own */
	struct view_aggmeta m[2] = { meta_of(&d_st, 0, "ustack"), meta_of(&d_count, 0, "probefunc") };
	struct view *vs[4];

	assert_int_equal(view_plan(m, 2, vs, 4), 3);
	assert_int_equal(vs[0]->kind, VIEW_TREE);
	assert_int_equal(vs[1]->kind, VIEW_TABLE);
	for (int i = 0; i < 3; i++)
		view_free(vs[i]);
}

/* ---- interval mode ---- */

static const struct agg_desc d_avg = { .name = "a", .id = 2, .func = AGG_AVG, .nkeys = 1, .ndata = 2 };
static const struct agg_desc d_min = { .name = "m", .id = 3, .func = AGG_MIN, .nkeys = 1, .ndata = 2 };

/* The syscall table with an average and a minimum too, at one of two
 * moments: by the second, 100 more reads (1 ms more, values of 2000 on
 * average, one of them 3: the new minimum), 10 more closes, a first
 * write; openat unchanged.  `seq` is the snapshot's. */
static struct dscope_snap *syscalls2(int later, uint64_t seq)
{
	const struct agg_desc *d[] = { &d_count, &d_sum, &d_avg, &d_min };
	struct dscope_snap *s = snap_new(4, d);
	static const struct {
		const char *k;
		int64_t c, t, a[2], m[2];
	} rows[2][4] = { {
			     { "read", 300, 1500000, { 300, 300000 }, { 5, 300 } },
			     { "openat", 100, 9000000, { 100, 500000 }, { 40, 100 } },
			     { "close", 50, 25000, { 50, 5000 }, { 8, 50 } },
			 },
			 {
			     { "read", 400, 2500000, { 400, 500000 }, { 3, 400 } },
			     { "openat", 100, 9000000, { 100, 500000 }, { 40, 100 } },
			     { "close", 60, 26000, { 60, 6000 }, { 8, 60 } },
			     { "write", 4, 8000, { 4, 400 }, { 90, 4 } },
			 } };

	for (int i = 0; i < 4 && rows[later][i].k; i++) {
		add_entry(s, 0, rows[later][i].k, &rows[later][i].c, 1);
		add_entry(s, 1, rows[later][i].k, &rows[later][i].t, 1);
		add_entry(s, 2, rows[later][i].k, rows[later][i].a, 2);
		add_entry(s, 3, rows[later][i].k, rows[later][i].m, 2);
	}
	s->seq = seq;
	return s;
}

static struct view *table4_view(void)
{
	static struct view_aggmeta m[4];
	int ids[] = { 0, 1, 2, 3 };

	m[0] = meta_of(&d_count, UNIT_NONE, "probefunc");
	m[1] = meta_of(&d_sum, UNIT_NS, "probefunc");
	m[2] = meta_of(&d_avg, UNIT_NONE, "probefunc");
	m[3] = meta_of(&d_min, UNIT_NONE, "probefunc");
	return view_new_table(m, ids, 4);
}

static void test_table_interval(void **st)
{
	struct dscope_snap *s1 = syscalls2(0, 3), *s2 = syscalls2(1, 7), *s0;
	struct view *v = table4_view();
	const char *interval =
	    " table @c @t @a @m                           last 2.0s (*: since start)  4 rows\n"
	    " probefunc        @c▼        @t        @a       @m*      @c/s        %\n"
	    " read             100    1.00ms      2000         3        50    87.7%\n"
	    " close             10    1.00µs       100         8         5     8.8%\n"
	    " write              4    8.00µs       100        90         2     3.5%\n"
	    " openat             0       0ns         0        40         0     0.0%\n";

	(void)st;
	/* since start, at the first snapshot (the values are kept) */
	snap_time = 10.0;
	assert_string_equal(
	    render(v, s1, 80, 5, 1),
	    " table @c @t @a @m                                          since start  3 rows\n"
	    " probefunc        @c▼        @t        @a        @m        %\n"
	    " read             300    1.50ms      1000         5    66.7%\n"
	    " openat           100    9.00ms      5000        40    22.2%\n"
	    " close             50    25.0µs       100         8    11.1%\n");
	/* `d`: the second snapshot, two seconds later, as what changed: counts
	 * and sums differenced, the interval's mean, the minimum since start
	 * (marked), the rate of the share column; openat, unchanged, last */
	assert_int_equal(view_act(v, VACT_INTERVAL), VR_REDRAW);
	snap_time = 12.0;
	assert_string_equal(render(v, s2, 80, 6, 1), interval);
	/* rendered again (a key, a resize): the same interval */
	snap_time = 12.5;
	assert_string_equal(render(v, s2, 80, 6, 1), interval);
	/* narrower: the title keeps the mode, drops the row count */
	assert_non_null(strstr(render(v, s2, 52, 6, 1), "@c @t @a @m       last 2.0s (*: since start)\n"));
	/* sorted by the sum, then by key: still over the interval, the
	 * unchanged row last whatever the order */
	view_act(v, VACT_SORT_NEXT);
	assert_string_equal(after_lines(render(v, s2, 80, 6, 0), 1),
			    " probefunc         @c       @tv        @a       @m*      @t/s        %\n"
			    " read             100    1.00ms      2000         3     500us    99.1%\n"
			    " write              4    8.00us       100        90    4.00us     0.8%\n"
			    " close             10    1.00us       100         8     500ns     0.1%\n"
			    " openat             0       0ns         0        40       0ns     0.0%\n");
	view_act(v, VACT_SORT_PREV);
	view_act(v, VACT_SORT_PREV);
	assert_string_equal(after_lines(render(v, s2, 80, 6, 0), 2),
			    " close             10    1.00us       100         8         5     8.8%\n"
			    " read             100    1.00ms      2000         3        50    87.7%\n"
			    " write              4    8.00us       100        90         2     3.5%\n"
			    " openat             0       0ns         0        40         0     0.0%\n");
	/* `d` again: since start */
	view_act(v, VACT_SORT_NEXT);
	view_act(v, VACT_INTERVAL);
	assert_non_null(strstr(render(v, s2, 80, 6, 1), "since start  4 rows\n"));
	assert_non_null(strstr(render(v, s2, 80, 6, 1), " read             400 "));
	/* a program swap: a new handle's seq starts again; no previous
	 * values then, the interval is since start */
	view_act(v, VACT_INTERVAL);
	s0 = syscalls2(0, 1);
	snap_time = 13.0;
	assert_non_null(strstr(render(v, s0, 80, 6, 1), "last: since start  3 rows\n"));
	assert_non_null(strstr(render(v, s0, 80, 6, 1), " read             300 "));
	view_free(v);
	dscope_snap_release(s0);
	dscope_snap_release(s1);
	dscope_snap_release(s2);
	snap_time = 0;
}

/* A restart by seq, another handle's snapshot with the same seq, a clear()
 * (a count going down), and the standard deviation of an interval. */
static void test_interval_restart(void **st)
{
	struct dscope_snap *a = syscalls(), *b = syscalls(), *c = syscalls();
	struct view *v = table_view();
	static const struct agg_desc d_sd = { .name = "", .func = AGG_STDDEV, .ndata = 4 };
	int64_t x[4] = { 0 }, y[4], out[4];

	(void)st;
	a->seq = 4;
	b->seq = 8;
	b->aggs[0].entries[0].data[0] = 310; /* read +10 */
	b->aggs[0].entries[2].data[0] = 20;  /* close cleared, then 20 */
	c->seq = 8;			     /* the same seq as b, another snapshot */
	view_act(v, VACT_INTERVAL);
	snap_time = 1.0;
	assert_non_null(strstr(render(v, a, 60, 6, 0), "last: since start  4 rows\n"));
	snap_time = 1.5;
	assert_string_equal(render(v, b, 60, 6, 0),
			    " table @c @t                              last 0.5s  4 rows\n"
			    " probefunc        @cv        @t      @c/s        %\n"
			    " close             20       0ns        40    66.7%\n"
			    " read              10       0ns        20    33.3%\n"
			    " openat             0       0ns         0     0.0%\n"
			    " write              0       0ns         0     0.0%\n");
	/* c is not b: a restart, not a second render of b */
	snap_time = 2.0;
	assert_non_null(strstr(render(v, c, 60, 6, 0), "last: since start  4 rows\n"));
	/* seq going back after a run of snapshots: a restart too */
	snap_time = 3.0;
	dscope_snap_release(a);
	a = syscalls();
	a->seq = 9;
	assert_non_null(strstr(render(v, a, 60, 6, 0), "last 1.0s  4 rows\n"));
	dscope_snap_release(b);
	b = syscalls();
	b->seq = 2;
	assert_non_null(strstr(render(v, b, 60, 6, 0), "last: since start  4 rows\n"));
	view_free(v);
	dscope_snap_release(a);
	dscope_snap_release(b);
	dscope_snap_release(c);
	snap_time = 0;

	/* stddev of the values 10 and 20 added after 1, 2, 3: 5 */
	for (int i = 1; i <= 3; i++)
		agg_update(&d_sd, x, i, 1);
	memcpy(y, x, sizeof(y));
	agg_update(&d_sd, y, 10, 1);
	agg_update(&d_sd, y, 20, 1);
	assert_true(view_delta_data(&d_sd, y, x, out));
	assert_int_equal(out[0], 2);
	assert_int_equal(agg_stddev(out, 1), 5);
	/* the sum of squares' low half wrapped: the borrow */
	x[2] = (int64_t)0xfffffffffffffff0ULL;
	x[3] = 0;
	y[2] = 0x10;
	y[3] = 1;
	view_delta_data(&d_sd, y, x, out);
	assert_int_equal(out[2], 0x20);
	assert_int_equal(out[3], 0);
}

static void test_hist_interval(void **st)
{
	const struct agg_desc *d[] = { &d_q0 };
	struct dscope_snap *s1 = snap_new(1, d), *s2 = snap_new(1, d);
	int64_t data[127] = { 0 };
	struct view_aggmeta m = meta_of(&d_q0, UNIT_NONE, "");
	struct view *v = view_new_hist(&m, 0);

	(void)st;
	data[AGG_QUANTIZE_ZERO + 1] = 1;
	data[AGG_QUANTIZE_ZERO + 3] = 6;
	data[AGG_QUANTIZE_ZERO + 4] = 3;
	add_entry(s1, 0, "", data, 127);
	s1->seq = 1;
	data[AGG_QUANTIZE_ZERO + 3] = 10; /* +4 */
	data[AGG_QUANTIZE_ZERO + 5] = 4;  /* +4 */
	add_entry(s2, 0, "", data, 127);
	s2->seq = 2;
	snap_time = 5.0;
	render(v, s1, 50, 8, 1);
	view_act(v, VACT_INTERVAL);
	snap_time = 6.0;
	assert_string_equal(render(v, s2, 50, 8, 1), " histogram @quantize      last 1.0s  8.0/s  1 row\n"
						     " value          Distribution         count      %\n"
						     "     2 │                                 0   0.0%\n"
						     "     4 │ █████████████▌                  4  50.0%\n"
						     "     8 │                                 0   0.0%\n"
						     "    16 │ █████████████▌                  4  50.0%\n"
						     "    32 │                                 0   0.0%\n"
						     "\n");
	/* nothing new in the next interval */
	dscope_snap_release(s1);
	s1 = snap_new(1, d);
	add_entry(s1, 0, "", data, 127);
	s1->seq = 3;
	snap_time = 7.0;
	assert_non_null(strstr(render(v, s1, 50, 8, 1), "nothing in the interval"));
	view_free(v);
	dscope_snap_release(s1);
	dscope_snap_release(s2);

	/* with keys: ordered by what they gained */
	const struct agg_desc *dk[] = { &d_count, &d_sum, &d_q };
	struct view_aggmeta mk[3] = { meta_of(&d_count, 0, "execname"), meta_of(&d_sum, 0, "execname"),
				      meta_of(&d_q, UNIT_NS, "execname") };
	int64_t a[127] = { 0 }, b[127] = { 0 };

	v = view_new_hist(mk, 2);
	s1 = snap_new(3, dk);
	s2 = snap_new(3, dk);
	a[AGG_QUANTIZE_ZERO + 11] = 10;
	b[AGG_QUANTIZE_ZERO + 21] = 40;
	add_entry(s1, 2, "sed", a, 127);
	add_entry(s1, 2, "top", b, 127);
	s1->seq = 1;
	a[AGG_QUANTIZE_ZERO + 11] = 12;
	add_entry(s2, 2, "sed", a, 127);
	add_entry(s2, 2, "top", b, 127);
	s2->seq = 2;
	snap_time = 1.0;
	render(v, s1, 80, 6, 1);
	view_act(v, VACT_INTERVAL);
	snap_time = 3.0;
	/* the selection stays on top, which gained nothing */
	assert_string_equal(
	    render(v, s2, 80, 6, 1),
	    " histogram @lat                                        last 2.0s  0.0/s  2 rows\n"
	    " execname           count\n"
	    " sed                    2   nothing in the interval\n"
	    " top                    0\n"
	    "\n"
	    "\n");
	view_act(v, VACT_UP);
	assert_string_equal(
	    render(v, s2, 80, 6, 1),
	    " histogram @lat                                        last 2.0s  1.0/s  2 rows\n"
	    " execname           count    value           Distribution          count      %\n"
	    " sed                    2    512ns │                                   0   0.0%\n"
	    " top                    0   1.02µs │ █████████████████████████████     2 100.0%\n"
	    "                            2.05µs │                                   0   0.0%\n"
	    "\n");
	view_free(v);
	dscope_snap_release(s1);
	dscope_snap_release(s2);
	snap_time = 0;
}

/* The tree in interval mode: what each stack gained since the previous
 * snapshot, stacks idle in it left out, the rate in the title. */
static void test_tree_interval(void **st)
{
	struct dscope_snap *s1 = stacks(0), *s2 = stacks(0);
	struct view *v = tree_view(0);
	const char *out;

	(void)st;
	s1->seq = 1;
	s2->seq = 2;
	s2->aggs[0].entries[1].data[0] += 20; /* a+0x1a */
	s2->aggs[0].entries[2].data[0] += 4;  /* main+0x30 */
	/* `d`: the values are kept from here on (only in interval mode, for
	 * a tree), so the snapshot on screen shows its totals */
	snap_time = 10.0;
	render(v, s1, 80, 12, 1);
	assert_int_equal(view_act(v, VACT_INTERVAL), VR_REDRAW);
	out = render(v, s1, 80, 12, 0);
	assert_non_null(strstr(out, "last: since start  3 stacks\n"));
	assert_non_null(strstr(out, "   100  100.0% 100.0%  ########## - all stacks\n"));
	snap_time = 12.0;
	out = render(v, s2, 80, 12, 0);
	assert_string_equal(
	    out, " tree @count                                          last 2.0s  12/s  2 stacks\n"
		 " COUNT   TOTAL PARENT             STACK (callers first)\n"
		 "    24  100.0% 100.0%  ########## - all stacks\n"
		 "    24  100.0% 100.0%  ##########   - libc.so.6`__libc_start_main+0x80\n"
		 "    20   83.3%  83.3%  ########       - chain`main+0x20\n"
		 "    20   83.3% 100.0%  ########         - chain`a+0x1a\n"
		 "    20   83.3% 100.0%  ########           - chain`c+0x2d\n"
		 "    20   83.3% 100.0%  ########               libc.so.6`malloc\n"
		 "     4   16.7%  16.7%  ##             - chain`main+0x30\n"
		 "     4   16.7% 100.0%  ##                 libc.so.6`malloc\n"
		 "\n"
		 "\n");
	/* since start again: every stack, the totals */
	view_act(v, VACT_INTERVAL);
	out = render(v, s2, 80, 12, 0);
	assert_non_null(
	    strstr(out, " tree @count                                                           3 stacks\n"));
	assert_non_null(strstr(out, "   124  100.0% 100.0%  ########## - all stacks\n"));
	/* and `d` later: afresh, not against s1 */
	view_act(v, VACT_INTERVAL);
	assert_non_null(strstr(render(v, s2, 80, 12, 0), "last: since start  3 stacks\n"));
	view_free(v);
	dscope_snap_release(s1);
	dscope_snap_release(s2);
	snap_time = 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_table_filter_select),
		cmocka_unit_test(test_table_empty),
		cmocka_unit_test(test_hist),
		cmocka_unit_test(test_hist_keys),
		cmocka_unit_test(test_log),
		cmocka_unit_test(test_plan),
		cmocka_unit_test(test_units_bars),
		cmocka_unit_test(test_clip),
		cmocka_unit_test(test_tree),
		cmocka_unit_test(test_tree_keys),
		cmocka_unit_test(test_table_interval),
		cmocka_unit_test(test_interval_restart),
		cmocka_unit_test(test_hist_interval),
		cmocka_unit_test(test_tree_interval),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
