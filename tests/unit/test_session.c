/*
 * test_session.c - the session writer and reader without the kernel:
 * synthetic snapshots whose tables change every tick (keys come and go,
 * values grow, the order changes) are written, read back and compared
 * entry by entry, in order; seeking to a snapshot and to the last gives the
 * same tables as reading through.  An interface's session: program swaps
 * (a descriptor at a reused address gets an id of its own), view states
 * (written when they change), snapshots renumbered, and a pass that skips
 * the tables.
 *
 * SESSION_TEST=bench [SESSION_MB=1024] [SESSION_KEYS=10000] writes a large
 * session (10k keys per tick) and measures writing and the seek to its
 * last snapshot (make bench).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "session.h"

static struct agg_desc desc = { .name = "calls", .id = 0, .func = AGG_COUNT, .nkeys = 2, .ndata = 1 };
static struct agg_desc qdesc = { .name = "", .id = 1, .func = AGG_QUANTIZE, .nkeys = 0, .ndata = 127 };

/* Tick t of a workload with `nkeys` keys: key k present when (k + t) % 7
 * != 0, count k * t, sorted by count descending every third tick. */
static struct dscope_snap *make_snap(uint64_t seq, int t, int nkeys)
{
	struct dscope_snap *s = calloc(1, sizeof(*s));
	struct agg_table *tab;

	s->refs = 1;
	s->seq = seq;
	arena_init(&s->arena);
	s->naggs = 2;
	s->aggs = arena_alloc(&s->arena, sizeof(*s->aggs) * 2);
	s->printed = arena_alloc(&s->arena, 2);
	tab = &s->aggs[0];
	tab->desc = &desc;
	tab->normal = 1;
	tab->entries = arena_alloc(&s->arena, sizeof(*tab->entries) * (size_t)nkeys);
	for (int k = 0; k < nkeys; k++) {
		int kk = t % 3 == 0 ? nkeys - 1 - k : k;
		struct agg_entry *e;

		if ((kk + t) % 7 == 0)
			continue;
		e = &tab->entries[tab->n++];
		e->keys = arena_alloc(&s->arena, sizeof(*e->keys) * 2);
		e->keys[0].kind = DV_STR;
		e->keys[0].s = arena_printf(&s->arena, "process-%d", kk % 97);
		e->keys[1].kind = DV_INT;
		e->keys[1].size = 4;
		e->keys[1].i = kk;
		e->data = arena_alloc(&s->arena, sizeof(int64_t));
		e->data[0] = (int64_t)kk * t;
		e->normal = 1;
	}
	tab = &s->aggs[1];
	tab->desc = &qdesc;
	tab->normal = 1;
	tab->n = 1;
	tab->entries = arena_alloc(&s->arena, sizeof(*tab->entries));
	tab->entries[0].keys = arena_alloc(&s->arena, sizeof(struct dvalue));
	tab->entries[0].data = arena_alloc(&s->arena, sizeof(int64_t) * 127);
	tab->entries[0].data[64 + t % 20] = t;
	tab->entries[0].normal = 1;
	return s;
}

static void same_tables(const struct dscope_snap *a, const struct dscope_snap *b)
{
	assert_int_equal(a->seq, b->seq);
	assert_int_equal(a->naggs, b->naggs);
	for (int i = 0; i < a->naggs; i++) {
		const struct agg_table *x = &a->aggs[i], *y = &b->aggs[i];

		assert_int_equal(x->n, y->n);
		assert_int_equal(x->desc->ndata, y->desc->ndata);
		for (size_t e = 0; e < x->n; e++) {
			for (int k = 0; k < x->desc->nkeys; k++) {
				assert_int_equal(x->entries[e].keys[k].kind, y->entries[e].keys[k].kind);
				if (x->entries[e].keys[k].kind == DV_STR)
					assert_string_equal(x->entries[e].keys[k].s, y->entries[e].keys[k].s);
				else
					assert_int_equal(x->entries[e].keys[k].i, y->entries[e].keys[k].i);
			}
			assert_memory_equal(x->entries[e].data, y->entries[e].data,
					    sizeof(int64_t) * (size_t)x->desc->ndata);
		}
	}
}

static char path[64];

static void write_session(int nsnaps, int nkeys)
{
	char err[600];
	struct session_writer *w;
	struct session_info in = {
		.prog = "dscope", .version = "test", .src = "BEGIN {}", .host = "h", .kernel = "k"
	};

	snprintf(path, sizeof(path), "/tmp/test_session.%d", (int)getpid());
	unlink(path);
	w = session_create(path, 0, err, sizeof(err));
	assert_non_null(w);
	assert_int_equal(session_write_info(w, &in), 0);
	for (int t = 1; t <= nsnaps; t++) {
		struct dscope_snap *s = make_snap((uint64_t)t * 2, t, nkeys);

		s->final = t == nsnaps;
		assert_int_equal(session_write_snap(w, s, s, (int64_t)t * 1000000000), 0);
		dscope_snap_release(s);
	}
	assert_int_equal(session_close(w), 0);
}

static void test_roundtrip(void **state)
{
	char err[600];
	struct session_reader *r;
	struct session_item it;
	int t = 0;
	struct stat st;

	(void)state;
	write_session(200, 300);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	r = session_open(path, err, sizeof(err));
	assert_non_null(r);
	assert_string_equal(session_read_info(r)->src, "BEGIN {}");
	while (session_next(r, &it) > 0) {
		struct dscope_snap *want;

		if (it.kind != SESSION_SNAP)
			continue;
		t++;
		want = make_snap((uint64_t)t * 2, t, 300);
		same_tables(want, it.snap);
		assert_int_equal(it.t_ns, (int64_t)t * 1000000000);
		dscope_snap_release(want);
		dscope_snap_release(it.snap);
	}
	assert_int_equal(t, 200);
	assert_true(session_read_complete(r));
	session_read_close(r);
	unlink(path);
}

static void seek_and_check(struct session_reader *r, uint64_t seq, int want_t)
{
	struct session_item it;
	struct dscope_snap *want;

	assert_int_equal(session_seek(r, seq), 0);
	do {
		assert_int_equal(session_next(r, &it), 1);
	} while (it.kind != SESSION_SNAP);
	if (seq == UINT64_MAX) {
		/* the last one: read through to the end */
		struct session_item more;

		while (session_next(r, &more) > 0) {
			if (more.kind == SESSION_SNAP) {
				dscope_snap_release(it.snap);
				it = more;
			}
		}
	}
	want = make_snap((uint64_t)want_t * 2, want_t, 300);
	same_tables(want, it.snap);
	dscope_snap_release(want);
	dscope_snap_release(it.snap);
}

static void test_seek(void **state)
{
	char err[600];
	struct session_reader *r;

	(void)state;
	write_session(200, 300);
	r = session_open(path, err, sizeof(err));
	assert_non_null(r);
	seek_and_check(r, 300, 150);
	seek_and_check(r, 2, 1);
	seek_and_check(r, 131, 66);
	seek_and_check(r, UINT64_MAX, 200);
	seek_and_check(r, 20, 10);
	session_read_close(r);
	unlink(path);
}

static void test_refuse(void **state)
{
	char err[600], link[80];
	struct session_writer *w;

	(void)state;
	write_session(2, 3);
	w = session_create(path, 0, err, sizeof(err));
	assert_null(w);
	assert_non_null(strstr(err, "exists"));
	snprintf(link, sizeof(link), "%s.link", path);
	unlink(link);
	assert_int_equal(symlink(path, link), 0);
	w = session_create(link, SESSION_FORCE, err, sizeof(err));
	assert_null(w);
	assert_non_null(strstr(err, "symbolic link"));
	w = session_create(path, SESSION_FORCE, err, sizeof(err));
	assert_non_null(w);
	session_close(w);
	unlink(link);
	unlink(path);
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One table of aggregation d (one key), one entry of value v. */
static struct dscope_snap *small_snap(uint64_t seq, const struct agg_desc *d, int64_t v)
{
	struct dscope_snap *s = calloc(1, sizeof(*s));
	struct agg_table *tab;

	s->refs = 1;
	s->seq = seq;
	arena_init(&s->arena);
	s->naggs = 1;
	s->aggs = tab = arena_alloc(&s->arena, sizeof(*s->aggs));
	s->printed = arena_alloc(&s->arena, 1);
	tab->desc = d;
	tab->normal = 1;
	tab->n = 1;
	tab->entries = arena_alloc(&s->arena, sizeof(*tab->entries));
	tab->entries[0].keys = arena_alloc(&s->arena, sizeof(struct dvalue));
	tab->entries[0].keys[0].kind = DV_STR;
	tab->entries[0].keys[0].s = "read";
	tab->entries[0].data = arena_alloc(&s->arena, sizeof(int64_t));
	tab->entries[0].data[0] = v;
	tab->entries[0].normal = 1;
	return s;
}

static void test_swap_ui(void **state)
{
	static struct agg_desc d = { .name = "a", .id = 0, .func = AGG_COUNT, .nkeys = 1, .ndata = 1 };
	char err[600];
	struct session_writer *w;
	struct session_reader *r;
	struct session_item it;
	struct session_info in = { .prog = "dscope", .version = "t", .src = "A", .host = "h", .kernel = "k" };
	struct session_info sw = { .src = "B", .srcname = "b.d", .target = 42 };
	const char *zoom[] = { "main", "main\nf" }, *crumbs[] = { "@a > read stacks" };
	struct session_view views[2] = {
		{ .name = "@a",
		  .kind = 0,
		  .sel = 3,
		  .selkey = "read",
		  .sortcol = 1,
		  .sortrev = 1,
		  .interval = 1,
		  .filter = "re",
		  .only = "",
		  .selpath = "" },
		{ .name = "@b",
		  .kind = 3,
		  .nzoom = 2,
		  .zoom = zoom,
		  .selpath = "main\nf",
		  .inverted = 1,
		  .selkey = "",
		  .filter = "",
		  .only = "" },
	};
	struct session_ui ui = { .cur = 1, .nviews = 2, .views = views, .ncrumbs = 1, .crumbs = crumbs };
	struct dscope_snap *s;
	int n, kinds[16];
	int64_t vals[16];

	(void)state;
	snprintf(path, sizeof(path), "/tmp/test_session.%d", (int)getpid());
	unlink(path);
	w = session_create(path, SESSION_RENUMBER, err, sizeof(err));
	assert_non_null(w);
	assert_int_equal(session_write_info(w, &in), 0);
	assert_int_equal(session_write_ui(w, &ui, 0), 0);
	s = small_snap(7, &d, 5);
	assert_int_equal(session_write_snap(w, s, s, 1000), 0);
	dscope_snap_release(s);
	/* unchanged: not written again */
	uint64_t size = session_write_bytes(w);

	assert_int_equal(session_write_ui(w, &ui, 1500), 0);
	assert_int_equal(session_write_bytes(w), size);
	assert_int_equal(session_write_swap(w, &sw, 2000), 0);
	/* the new program's descriptor at the old one's address */
	d.name = "b";
	d.func = AGG_SUM;
	s = small_snap(1, &d, 9);
	assert_int_equal(session_write_snap(w, s, s, 3000), 0);
	dscope_snap_release(s);
	assert_int_equal(session_close(w), 0);

	r = session_open(path, err, sizeof(err));
	assert_non_null(r);
	n = 0;
	while (session_next(r, &it) > 0 && n < 16) {
		kinds[n] = it.kind;
		vals[n] = it.t_ns;
		if (it.kind == SESSION_UI) {
			assert_int_equal(it.ui->cur, 1);
			assert_int_equal(it.ui->nviews, 2);
			assert_int_equal(it.ui->ncrumbs, 1);
			assert_string_equal(it.ui->crumbs[0], "@a > read stacks");
			assert_string_equal(it.ui->views[0].name, "@a");
			assert_string_equal(it.ui->views[0].selkey, "read");
			assert_string_equal(it.ui->views[0].filter, "re");
			assert_int_equal(it.ui->views[0].sel, 3);
			assert_int_equal(it.ui->views[0].sortcol, 1);
			assert_true(it.ui->views[0].sortrev && it.ui->views[0].interval);
			assert_int_equal(it.ui->views[1].kind, 3);
			assert_int_equal(it.ui->views[1].nzoom, 2);
			assert_string_equal(it.ui->views[1].zoom[1], "main\nf");
			assert_string_equal(it.ui->views[1].selpath, "main\nf");
			assert_true(it.ui->views[1].inverted);
		} else if (it.kind == SESSION_PROGRAM) {
			assert_string_equal(it.prog->src, "B");
			assert_string_equal(it.prog->srcname, "b.d");
			assert_int_equal(it.prog->target, 42);
		} else if (it.kind == SESSION_SNAP) {
			/* renumbered: 1, 2 whatever the handles said */
			assert_int_equal(it.snap->seq, n == 1 ? 1 : 2);
			assert_true(it.tables);
			assert_string_equal(it.snap->aggs[0].desc->name, n == 1 ? "a" : "b");
			assert_int_equal(it.snap->aggs[0].desc->func, n == 1 ? AGG_COUNT : AGG_SUM);
			assert_int_equal(it.snap->aggs[0].entries[0].data[0], n == 1 ? 5 : 9);
			dscope_snap_release(it.snap);
		}
		n++;
	}
	assert_true(session_read_complete(r));
	assert_int_equal(n, 4);
	assert_int_equal(kinds[0], SESSION_UI);
	assert_int_equal(kinds[1], SESSION_SNAP);
	assert_int_equal(kinds[2], SESSION_PROGRAM);
	assert_int_equal(vals[2], 2000);
	assert_int_equal(kinds[3], SESSION_SNAP);

	/* records only: the snapshots come without their tables */
	assert_int_equal(session_seek(r, 0), 0);
	session_read_skip_tables(r, 1);
	n = 0;
	while (session_next(r, &it) > 0)
		if (it.kind == SESSION_SNAP) {
			assert_true(it.tables);
			assert_int_equal(it.snap->naggs, 0);
			dscope_snap_release(it.snap);
			n++;
		}
	assert_int_equal(n, 2);
	/* and back: a seek to the second snapshot, tables whole */
	session_read_skip_tables(r, 0);
	assert_int_equal(session_seek(r, 2), 0);
	do
		assert_int_equal(session_next(r, &it), 1);
	while (it.kind != SESSION_SNAP);
	assert_int_equal(it.snap->seq, 2);
	assert_int_equal(it.snap->aggs[0].entries[0].data[0], 9);
	dscope_snap_release(it.snap);
	session_read_close(r);
	unlink(path);
}

/* SESSION_TEST=bench: write a large session, time the seek to its end */
static int bench(void)
{
	long mb = getenv("SESSION_MB") ? atol(getenv("SESSION_MB")) : 1024;
	int nkeys = getenv("SESSION_KEYS") ? atoi(getenv("SESSION_KEYS")) : 10000;
	char err[600], p[] = "/tmp/session_bench.XXXXXX";
	struct session_info in = {
		.prog = "dscope", .version = "bench", .src = "", .host = "h", .kernel = "k"
	};
	struct session_writer *w;
	struct session_reader *r;
	struct session_item it;
	double t0, tw = 0, tbuild;
	int t = 0, fd = mkstemp(p);
	uint64_t last = 0;

	if (fd < 0)
		return 1;
	close(fd);
	unlink(p);
	w = session_create(p, 0, err, sizeof(err));
	if (!w)
		return fprintf(stderr, "%s\n", err), 1;
	session_write_info(w, &in);
	t0 = now_s();
	tbuild = 0;
	while (session_write_bytes(w) < (uint64_t)mb << 20) {
		double b0 = now_s();
		struct dscope_snap *s;

		t++;
		/* every value changes every tick: the worst case for deltas */
		s = make_snap((uint64_t)t, t, nkeys);
		tbuild += now_s() - b0;
		b0 = now_s();
		session_write_snap(w, s, s, (int64_t)t * 1000000000);
		tw += now_s() - b0;
		dscope_snap_release(s);
	}
	session_close(w);
	printf(
	    "session of %ld MiB: %d ticks of %d keys, %.0f bytes/tick, writing %.2f ms/tick (%.1f%% of a 1 s "
	    "refresh)\n",
	    mb, t, nkeys, (double)((uint64_t)mb << 20) / t, tw * 1e3 / t, tw * 100 / t);
	(void)t0;
	r = session_open(p, err, sizeof(err));
	if (!r)
		return fprintf(stderr, "%s\n", err), 1;
	t0 = now_s();
	session_seek(r, UINT64_MAX);
	while (session_next(r, &it) > 0)
		if (it.kind == SESSION_SNAP) {
			last = it.snap->seq;
			dscope_snap_release(it.snap);
		}
	printf("open + seek to the last snapshot (seq %llu of %d) and decode it: %.1f ms\n",
	       (unsigned long long)last, t, (now_s() - t0) * 1e3);
	session_read_close(r);
	unlink(p);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_seek),
		cmocka_unit_test(test_refuse),
		cmocka_unit_test(test_swap_ui),
	};

	if (getenv("SESSION_TEST") && !strcmp(getenv("SESSION_TEST"), "bench"))
		return bench();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
