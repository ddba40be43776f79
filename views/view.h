/*
 * view.h - the full-screen interface's views: what an aggregation or the
 * record stream looks like on screen.
 *
 * A view is its kind, what it shows (aggregation ids, key labels, units)
 * and its state (selection, scroll, sort, filter, search).  view_render()
 * draws one snapshot into the region it is given; view_act() takes a
 * semantic action (never a raw key) and returns what should happen next.
 * Views keep ids between snapshots, never pointers: the selection is the
 * selected row's key text, found again in the next snapshot.  Work that
 * needs the page size (page down, search) is recorded by view_act and done
 * by the next render, so actions need no snapshot.
 *
 * The log view is the one view with history: view_log_feed() appends the
 * records of each snapshot as dtrace's text (the batch printer's lines).
 *
 * Views never touch the kernel, the engine handle, the event loop or keys.
 */
#ifndef DSCOPE_VIEW_H
#define DSCOPE_VIEW_H

#include <stdint.h>

#include "draw.h"
#include "snap.h"

enum view_kind { VIEW_TABLE, VIEW_HIST, VIEW_LOG, VIEW_TREE };

enum view_act {
	VACT_UP,
	VACT_DOWN,
	VACT_PGUP,
	VACT_PGDN,
	VACT_HOME,
	VACT_END,
	VACT_SORT_NEXT, /* sort by the next column to the right */
	VACT_SORT_PREV,
	VACT_SORT_REV,	  /* reverse the order */
	VACT_FOLLOW,	  /* log: follow new lines again */
	VACT_SEARCH_NEXT, /* the next row matching the search text */
	VACT_EXPAND,	  /* tree: open the selected node (open: its first child) */
	VACT_COLLAPSE,	  /* tree: close it (closed or a leaf: select its parent) */
	VACT_ENTER,	  /* tree: zoom into the selected node; others: drill down */
	VACT_BACK,	  /* tree: zoom out one level */
	VACT_INVERT,	  /* tree: callers first / leaves first */
	VACT_INTERVAL,	  /* table, histogram: since start / the last interval */
};

/* What view_act asks of the caller. */
/* VR_DRILL: the view has no use for VACT_ENTER, the caller may derive a
 * question from the selected row; VR_UNUSED: VACT_BACK had nothing to undo
 * (the caller may return to the parent view). */
enum { VR_NONE = 0, VR_REDRAW = 1, VR_DRILL = 2, VR_UNUSED = 4 };

/* What the TUI knows of an aggregation besides its descriptor. */
struct view_aggmeta {
	const struct agg_desc *desc;
	int unit;	 /* UNIT_* */
	char key[8][32]; /* key labels ("" unknown) */
};

enum { VIEW_MAXAGGS = 8, VIEW_LOG_MAX = 20000 };

struct view_log;   /* view_log.c */
struct view_tree;  /* view_tree.c */
struct view_delta; /* view_delta.c */

struct view {
	enum view_kind kind;
	char name[64]; /* "@c @t", "@lat", "log" */
	int aggs[VIEW_MAXAGGS];
	int units[VIEW_MAXAGGS];
	int naggs;
	int nkeys;
	char keylabel[8][32];

	/* state, kept across snapshots */
	int sel, top;	  /* selected row, first row shown (display order) */
	char selkey[256]; /* the selected row's key text: its stable id */
	int sortcol;	  /* -1: the first value column; 0..nkeys-1 a key,
			   * nkeys + i the i-th aggregation */
	int sortrev;	  /* 1: ascending */
	char filter[128]; /* rows whose key text contains it */
	char search[128];
	int search_pending;
	int trunc;	   /* show at most this many rows (0: all) */
	int page;	   /* rows shown by the last render */
	int nrows;	   /* rows after filtering, at the last render */
	int pending_move;  /* rows to move at the next render (pages) */
	int follow;	   /* log: show the newest lines */
	char selk[8][128]; /* table, histogram: the selected row's key
			    * components as text (set by render) */
	char only[256];	   /* histogram: show this key alone ("" all) */
	int interval;	   /* table, histogram, tree: 1 shows what changed
			    * since the previous snapshot, 0 the totals */
	char mode[64];	   /* table, histogram, tree: "since start", "last 1.0s"
			    * (set by render, shown in the title) */
	struct view_delta *delta;
	struct view_log *log;
	struct view_tree *tree;
	struct view_tcache *tcache; /* view_table.c: the last render's rows */
};

/* A table of scalar aggregations sharing their keys, a histogram of one
 * quantization, or the record log.  NULL when out of memory. */
struct view *view_new_table(const struct view_aggmeta *m, const int *ids, int n);
struct view *view_new_hist(const struct view_aggmeta *m, int id);
struct view *view_new_log(void);
/* A flame-style tree of aggregation id's stack keys (view_tree.c). */
struct view *view_new_tree(const struct view_aggmeta *m, int id);
/* Whether a key label is a stack (stack, ustack, jstack). */
int view_key_is_stack(const char *label);
void view_free(struct view *v);
/* Give `to` what the user did to `from` (selection, scroll, sort, filter,
 * search, truncation, tree state): the same view of a recompiled program.
 * Both must be of one kind; `from` is left as new. */
void view_take_state(struct view *to, struct view *from);

/*
 * The views a program's aggregations call for: scalar aggregations with the
 * same key labels share one table, each quantization gets a histogram, and
 * a log view comes last.  m[i] describes aggregation i.  Returns the count
 * (at most max) written to out.
 */
int view_plan(const struct view_aggmeta *m, int naggs, struct view **out, int max);

/* Draw snapshot s (may be NULL: nothing yet) into w.  The first line is the
 * view's title; `focus` highlights it. */
void view_render(struct view *v, const struct dscope_snap *s, const struct vwin *w, const struct vctx *cx,
		 int focus);
int view_act(struct view *v, enum view_act a);

/* The mouse: select the row drawn on line y of the view's window (the
 * title is line 0), as the last render placed them.  VR_REDRAW if a row is
 * there. */
int view_click(struct view *v, int y);

/* Log: append the records of s (dtrace's text) and its notes. */
void view_log_feed(struct view *v, const struct dscope_snap *s);
/* Log: append one line of text (a message, dscope's own stderr). */
void view_log_line(struct view *v, const char *line);
void view_log_clear(struct view *v);
int view_log_count(const struct view *v);

/* The key of an entry as text, components separated by two spaces. */
void view_key_text(const struct agg_entry *e, int nkeys, char *buf, size_t size);

/* view_table.c, view_hist.c, view_log.c */
void view_table_render(struct view *v, const struct dscope_snap *s, const struct vwin *w,
		       const struct vctx *cx);
void view_hist_render(struct view *v, const struct dscope_snap *s, const struct vwin *w,
		      const struct vctx *cx);
void view_log_render(struct view *v, const struct vwin *w, const struct vctx *cx);
void view_tree_render(struct view *v, const struct dscope_snap *s, const struct vwin *w,
		      const struct vctx *cx);
int view_tree_act(struct view *v, enum view_act a);
void view_tree_free(struct view_tree *t);
void view_tcache_free(struct view_tcache *c);
/* Tree: what the user did to it, for a saved session: the nodes zoomed
 * into (outermost first, at most max; the count is returned), the
 * selected node's path ("" none), whether it is inverted.  The strings are
 * the view's, valid until its next action or render. */
int view_tree_state(const struct view *v, const char **zoom, int max, const char **selpath, int *inverted);
/* ... and back (a replay restores it; the strings are copied). */
void view_tree_set_state(struct view *v, const char *const *zoom, int nzoom, const char *selpath,
			 int inverted);
/* Tree: the title's right side ("zoom 2  inverted  14 stacks"). */
void view_tree_status(const struct view *v, char *buf, size_t size);

/*
 * Interval mode's memory (view_delta.c): every key's values at the
 * previous distinct snapshot the view rendered, copied (no snapshot is
 * kept).  A table or histogram render calls view_delta_begin with its
 * snapshot; it returns 1 when s is new to the view, and the render then
 * records each entry's values under its key (view_delta_key, then
 * view_delta_put); 0 when s is the snapshot rendered last (nothing to
 * record); -1 when out of memory.  view_delta_prev gives the key's values
 * at the previous snapshot (n of them, zeros for a key it did not have:
 * returns 0 then).
 */
int view_delta_begin(struct view *v, const struct dscope_snap *s, const struct vctx *cx);
void view_delta_key(struct view_delta *d, const struct dvalue *keys, int nkeys);
void view_delta_put(struct view_delta *d, const int64_t *vals, int n);
int view_delta_prev(const struct view_delta *d, int64_t *out, int n);
/* What the differences are taken against: nothing (VD_NONE, VD_START: no
 * earlier snapshot of this program, the values are since start), the
 * previous snapshot (VD_PREV; *secs the time between them, 0 unknown), or
 * a previous snapshot with too many keys to keep (VD_FULL). */
enum { VD_NONE, VD_START, VD_PREV, VD_FULL };
int view_delta_state(const struct view_delta *d, double *secs);
void view_delta_free(struct view_delta *d);
/*
 * The data of one aggregation entry over an interval, from its data at the
 * end (cur) and at the start (old; zeros when the key is new) into out
 * (ndata slots): differences for count, sum, avg and stddev (the 128-bit
 * sum of squares with its borrow) and the buckets; min and max as they are
 * (cur), since they cannot be differenced.  A count or bucket that went
 * down was cleared: out is cur then.  Returns whether the entry changed.
 */
int view_delta_data(const struct agg_desc *desc, const int64_t *cur, const int64_t *old, int64_t *out);

/* Since start (0) or the last interval (1); `d` toggles it (view_act). */
void view_set_interval(struct view *v, int on);
/* Shared: the title's mode (v->mode) in interval mode, from dstate and
 * secs (view_delta_state), with the rate of `total` (what the interval
 * counted; -1 none). */
void view_mode_interval(struct view *v, int dstate, double secs, int64_t total);
/* Shared: move the selection by the recorded actions and keep it visible;
 * n rows, h lines of them shown. */
void view_scroll_fix(struct view *v, int n, int h);

#endif
