/*
 * view_tree.c - the tree view: an aggregation keyed by stacks as a
 * flame-style tree.  Callers above callees (the root is the outermost
 * frame, _start or __libc_start_main), or inverted (the hottest leaf
 * first); each node shows its value, its share of the total and of its
 * parent, and a bar proportional to its value.  Other key components
 * (execname in @[execname, ustack()]) are the first levels of the tree.
 *
 * The tree is rebuilt from every snapshot (a hash of (parent, label) gives
 * each node once), as tmux's tree widget does; what the user did to it is
 * kept as paths, never as node pointers: a node's path is its labels from
 * the top joined by '\n' (frames never hold one).  Closed nodes, the zoom
 * stack and the selection are such paths, found again in each snapshot;
 * a path that vanished falls back to its deepest part still present.
 * Nodes are open unless closed.  Expanding, collapsing and search need the
 * tree, so view_act records them and the next render carries them out.
 *
 * In interval mode (`d`) the tree is of what each stack gained since the
 * previous snapshot the view rendered (view_delta.c keeps every stack's
 * values): what is hot now rather than since the start, stacks idle in
 * the interval left out.  Unlike a table's, the values are kept only in
 * that mode, so the first refresh after `d` still shows the totals
 * ("last: since start").
 *
 * Building is most of a render's cost (about 70 ms for 20,000 stacks of 21
 * frames), so the last build is kept with a reference to its snapshot and
 * reused while the snapshot and what shapes the tree (inverted, filter)
 * stay the same: a key, or a draw between two refreshes, only lays out the
 * rows again.  Holding the reference is what makes the comparison exact
 * (the snapshot cannot be freed and another take its address) and keeps
 * the labels the nodes point into alive.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "view.h"

enum { ZOOM_MAX = 32, OP_NONE = 0, OP_EXPAND, OP_COLLAPSE };

struct tbuild;

struct view_tree {
	char **closed; /* paths of closed nodes */
	int nclosed;
	char *zoom[ZOOM_MAX]; /* the roots zoomed into, innermost last */
	int nzoom;
	char *selpath; /* the selected node's path: its stable id */
	int inverted;
	int op;	     /* OP_*, done at the next render */
	int nstacks; /* entries shown at the last render */
	/* the last build and what it was built from (a reference held) */
	struct tbuild *built;
	struct dscope_snap *built_snap;
	int built_inverted, built_iv;
	char built_filter[128];
};

struct tnode {
	const char *name;
	int len;
	int parent, depth;
	int first, nkids; /* children: order[first .. first + nkids) */
	int closed, owned;
	int64_t val;
};

struct tbuild {
	struct tnode *n;
	int nn, cap;
	int *hash; /* node index + 1; 0 empty */
	size_t hmask;
	int *order; /* nodes by (parent, value down, name) */
	int *rows;  /* the visible nodes, display order */
	int *rowof; /* node -> its row, -1 hidden */
	int nrows;
};

struct view *view_new_tree(const struct view_aggmeta *m, int id)
{
	struct view *v = view_new_hist(m, id);

	if (!v)
		return NULL;
	v->kind = VIEW_TREE;
	v->tree = calloc(1, sizeof(*v->tree));
	if (!v->tree) {
		view_free(v);
		return NULL;
	}
	return v;
}

int view_key_is_stack(const char *l)
{
	return !strcmp(l, "stack") || !strcmp(l, "ustack") || !strcmp(l, "jstack");
}

static void closed_remove(struct view_tree *t, int i)
{
	free(t->closed[i]);
	t->closed[i] = t->closed[--t->nclosed];
}

static void built_drop(struct view_tree *t);

void view_tree_free(struct view_tree *t)
{
	if (!t)
		return;
	built_drop(t);
	while (t->nclosed)
		closed_remove(t, 0);
	free(t->closed);
	for (int i = 0; i < t->nzoom; i++)
		free(t->zoom[i]);
	free(t->selpath);
	free(t);
}

int view_tree_act(struct view *v, enum view_act a)
{
	struct view_tree *t = v->tree;

	switch (a) {
	case VACT_EXPAND:
		t->op = OP_EXPAND;
		return VR_REDRAW;
	case VACT_COLLAPSE:
		t->op = OP_COLLAPSE;
		return VR_REDRAW;
	case VACT_ENTER:
		if (t->selpath && t->nzoom < ZOOM_MAX &&
		    (!t->nzoom || strcmp(t->zoom[t->nzoom - 1], t->selpath))) {
			t->zoom[t->nzoom] = strdup(t->selpath);
			t->nzoom += t->zoom[t->nzoom] != NULL;
		}
		return VR_REDRAW;
	case VACT_BACK:
		if (!t->nzoom)
			return VR_UNUSED;
		/* the node zoomed out of stays selected */
		free(t->selpath);
		t->selpath = t->zoom[--t->nzoom];
		return VR_REDRAW;
	case VACT_INVERT:
		t->inverted = !t->inverted;
		while (t->nzoom)
			free(t->zoom[--t->nzoom]);
		free(t->selpath);
		t->selpath = NULL;
		v->sel = v->top = 0;
		return VR_REDRAW;
	default:
		return VR_NONE;
	}
}

int view_tree_state(const struct view *v, const char **zoom, int max, const char **selpath, int *inverted)
{
	const struct view_tree *t = v->tree;
	int n = 0;

	*selpath = t && t->selpath ? t->selpath : "";
	*inverted = t ? t->inverted : 0;
	for (; t && n < t->nzoom && n < max; n++)
		zoom[n] = t->zoom[n];
	return n;
}

void view_tree_set_state(struct view *v, const char *const *zoom, int nzoom, const char *selpath,
			 int inverted)
{
	struct view_tree *t = v->tree;

	if (!t)
		return;
	while (t->nzoom)
		free(t->zoom[--t->nzoom]);
	for (int i = 0; i < nzoom && i < ZOOM_MAX; i++) {
		t->zoom[t->nzoom] = strdup(zoom[i]);
		t->nzoom += t->zoom[t->nzoom] != NULL;
	}
	free(t->selpath);
	t->selpath = selpath && *selpath ? strdup(selpath) : NULL;
	t->inverted = inverted;
	t->op = OP_NONE;
}

void view_tree_status(const struct view *v, char *buf, size_t size)
{
	const struct view_tree *t = v->tree;

	snprintf(buf, size, "%s%s%s%s%s%s%s%d stack%s ", v->interval ? v->mode : "", v->interval ? "  " : "",
		 t->inverted ? "inverted  " : "", t->nzoom ? "zoomed  " : "", v->filter[0] ? "filter '" : "",
		 v->filter, v->filter[0] ? "'  " : "", t->nstacks, t->nstacks == 1 ? "" : "s");
}

/* ---- building the tree ---- */

static uint64_t hash_of(int parent, const char *s, int len)
{
	uint64_t h = 1469598103934665603ULL ^ ((uint64_t)parent * 0x9E3779B97F4A7C15ULL);

	for (int i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

/* The child of `parent` labelled s[0..len), added when `add`; -1 none. */
static int node_find(struct tbuild *b, int parent, const char *s, int len, int add)
{
	size_t i = hash_of(parent, s, len) & b->hmask;

	for (;; i = (i + 1) & b->hmask) {
		int k = b->hash[i];

		if (!k)
			break;
		const struct tnode *t = &b->n[k - 1];

		if (t->parent == parent && t->len == len && !memcmp(t->name, s, (size_t)len))
			return k - 1;
	}
	if (!add || b->nn >= b->cap)
		return -1;
	struct tnode *t = &b->n[b->nn];

	memset(t, 0, sizeof(*t));
	t->name = s;
	t->len = len;
	t->parent = parent;
	t->depth = b->n[parent].depth + 1;
	b->hash[i] = ++b->nn;
	return b->nn - 1;
}

/* The value of an entry's data (its own, or its interval's). */
static int64_t entry_value(const struct agg_table *t, const struct agg_entry *e, const int64_t *data)
{
	int64_t v = agg_entry_value(t->desc, data), n = t->normal > 1 ? t->normal : e->normal;

	if (t->desc->func == AGG_STDDEV)
		return (int64_t)agg_stddev(data, n > 1 ? n : 1);
	return n > 1 ? v / n : v;
}

static int stack_frames(const char *s)
{
	int n = 0;

	for (const char *p = s; p && *p; p++)
		n += *p == '\n';
	return n + 1;
}

/* Add a label under *cur (the value added along the way). */
static void walk(struct tbuild *b, int *cur, const char *s, int len, int64_t val, int copy)
{
	int k = node_find(b, *cur, s, len, 0);

	if (k < 0) {
		char *own = NULL;

		if (copy && !(own = strndup(s, (size_t)len)))
			return;
		k = node_find(b, *cur, own ? own : s, len, 1);
		if (k < 0) {
			free(own);
			return;
		}
		b->n[k].owned = own != NULL;
	}
	b->n[k].val += val;
	*cur = k;
}

/* One entry's labels into the tree: other key components first, then the
 * frames of each stack from the root (or from the leaf when inverted). */
static void add_entry(struct tbuild *b, const struct view *v, const struct agg_entry *e, int64_t val)
{
	int cur = 0;

	b->n[0].val += val;
	for (int k = 0; k < v->nkeys; k++) {
		const struct dvalue *d = &e->keys[k];

		if (d->kind != DV_STACK) {
			char kt[256];

			if (d->kind == DV_STR || d->kind == DV_SYM) {
				const char *s = d->s ? d->s : "";

				walk(b, &cur, s, (int)strcspn(s, "\n"), val, 0);
				continue;
			}
			view_key_text(&(struct agg_entry){ .keys = (struct dvalue *)d }, 1, kt, sizeof(kt));
			walk(b, &cur, kt, (int)strlen(kt), val, 1);
			continue;
		}
		const char *s = d->s ? d->s : "", *end = s + strlen(s);

		if (v->tree->inverted) {
			for (const char *p = s; p < end;) {
				int len = (int)strcspn(p, "\n");

				if (len)
					walk(b, &cur, p, len, val, 0);
				p += len + (p[len] == '\n');
			}
		} else {
			for (const char *q = end; q > s;) {
				const char *p = q;

				while (p > s && p[-1] != '\n')
					p--;
				if (q > p)
					walk(b, &cur, p, (int)(q - p), val, 0);
				q = p > s ? p - 1 : s;
			}
		}
	}
}

static int order_cmp(const void *pa, const void *pb, void *arg)
{
	const struct tnode *n = arg, *a = &n[*(const int *)pa], *b = &n[*(const int *)pb];
	int m = a->len < b->len ? a->len : b->len, c;

	if (a->parent != b->parent)
		return a->parent < b->parent ? -1 : 1;
	if (a->val != b->val)
		return a->val > b->val ? -1 : 1;
	c = memcmp(a->name, b->name, (size_t)m);
	return c ? c : a->len - b->len;
}

static void tbuild_free(struct tbuild *b)
{
	for (int i = 0; b->n && i < b->nn; i++)
		if (b->n[i].owned)
			free((char *)b->n[i].name);
	free(b->n);
	free(b->hash);
	free(b->order);
	free(b->rows);
	free(b->rowof);
}

/*
 * Build the tree of table t.  rec: the snapshot is new to the view, each
 * entry's values are recorded for the next interval (view_delta.c); iv:
 * the tree is of the last interval, each entry's value what it gained since
 * the previous snapshot, and an entry that gained nothing is left out.
 */
static int tbuild(struct tbuild *b, const struct view *v, const struct agg_table *t, int rec, int iv)
{
	size_t labels = 1;
	int nd = t->desc->ndata;
	int64_t *old = NULL, *dd = NULL;

	memset(b, 0, sizeof(*b));
	for (size_t i = 0; i < t->n; i++)
		for (int k = 0; k < v->nkeys; k++)
			labels += t->entries[i].keys[k].kind == DV_STACK
				      ? (size_t)stack_frames(t->entries[i].keys[k].s)
				      : 1;
	b->cap = (int)labels;
	b->hmask = 1;
	while (b->hmask < labels * 2)
		b->hmask <<= 1;
	b->n = malloc(sizeof(*b->n) * labels);
	b->hash = calloc(b->hmask, sizeof(*b->hash));
	b->order = malloc(sizeof(*b->order) * labels);
	b->rows = malloc(sizeof(*b->rows) * labels);
	b->rowof = malloc(sizeof(*b->rowof) * labels);
	b->hmask--;
	if (iv) {
		old = malloc(sizeof(*old) * (size_t)nd);
		dd = malloc(sizeof(*dd) * (size_t)nd);
	}
	if (!b->n || !b->hash || !b->order || !b->rows || !b->rowof || (iv && (!old || !dd))) {
		free(old);
		free(dd);
		return -1;
	}
	memset(&b->n[0], 0, sizeof(b->n[0]));
	b->n[0].name = "";
	b->n[0].parent = -1;
	b->nn = 1;
	v->tree->nstacks = 0;
	for (size_t i = 0; i < t->n; i++) {
		const struct agg_entry *e = &t->entries[i];
		const int64_t *data = e->data;

		if (rec || iv) {
			view_delta_key(v->delta, e->keys, v->nkeys);
			if (rec)
				view_delta_put(v->delta, e->data, nd);
		}
		if (iv) {
			view_delta_prev(v->delta, old, nd);
			if (!view_delta_data(t->desc, e->data, old, dd))
				continue;
			data = dd;
		}
		if (v->filter[0]) {
			int hit = 0;

			for (int k = 0; k < v->nkeys && !hit; k++) {
				char kt[256];

				if (e->keys[k].kind == DV_STACK || e->keys[k].kind == DV_STR) {
					hit = draw_match(e->keys[k].s ? e->keys[k].s : "", v->filter);
				} else {
					view_key_text(&(struct agg_entry){ .keys = &e->keys[k] }, 1, kt,
						      sizeof(kt));
					hit = draw_match(kt, v->filter);
				}
			}
			if (!hit)
				continue;
		}
		add_entry(b, v, e, entry_value(t, e, data));
		v->tree->nstacks++;
	}
	free(old);
	free(dd);
	/* children: contiguous runs of `order`, hottest first */
	for (int i = 1; i < b->nn; i++)
		b->order[i - 1] = i;
	if (b->nn > 2)
		qsort_r(b->order, (size_t)b->nn - 1, sizeof(*b->order), order_cmp, b->n);
	for (int i = 0; i < b->nn - 1; i++) {
		struct tnode *p = &b->n[b->n[b->order[i]].parent];

		if (!p->nkids++)
			p->first = i;
	}
	return 0;
}

static void built_drop(struct view_tree *t)
{
	if (t->built)
		tbuild_free(t->built);
	free(t->built);
	t->built = NULL;
	dscope_snap_release(t->built_snap);
	t->built_snap = NULL;
}

/* The tree of snapshot s for v: the last build when it was made from s with
 * the same inversion, filter and mode (iv), else a new one (kept in its
 * place; rec as for tbuild).  Every node comes back open; NULL when out of
 * memory. */
static struct tbuild *tree_get(struct view *v, const struct dscope_snap *s, const struct agg_table *tab,
			       int rec, int iv)
{
	struct view_tree *t = v->tree;
	struct tbuild *b = t->built;

	if (!b || rec || t->built_snap != s || t->built_inverted != t->inverted || t->built_iv != iv ||
	    strcmp(t->built_filter, v->filter)) {
		built_drop(t);
		b = malloc(sizeof(*b));
		if (!b)
			return NULL;
		if (tbuild(b, v, tab, rec, iv)) {
			tbuild_free(b);
			free(b);
			return NULL;
		}
		t->built = b;
		/* the count is only bookkeeping: what the snapshot holds stays
		 * as it is */
		t->built_snap = dscope_snap_acquire((struct dscope_snap *)s);
		t->built_inverted = t->inverted;
		t->built_iv = iv;
		snprintf(t->built_filter, sizeof(t->built_filter), "%s", v->filter);
		return b;
	}
	for (int i = 0; i < b->nn; i++)
		b->n[i].closed = 0;
	return b;
}

/* The node at a path: its deepest part present (0, the top, at worst). */
static int path_find(struct tbuild *b, const char *path, int *whole)
{
	int cur = 0;

	*whole = 1;
	if (!path)
		return 0;
	for (const char *p = path; *p || p == path;) {
		int len = (int)strcspn(p, "\n"), k = node_find(b, cur, p, len, 0);

		if (k < 0) {
			*whole = 0;
			break;
		}
		cur = k;
		if (!p[len])
			break;
		p += len + 1;
	}
	return cur;
}

/* A node's path, malloc'd. */
static char *path_of(const struct tbuild *b, int node)
{
	size_t len = 0;
	char *s;

	for (int i = node; i > 0; i = b->n[i].parent)
		len += (size_t)b->n[i].len + 1;
	s = malloc(len + 1);
	if (!s)
		return NULL;
	s[len ? len - 1 : 0] = 0;
	for (int i = node, at = (int)len - 1; i > 0; i = b->n[i].parent) {
		at -= b->n[i].len;
		memcpy(s + at, b->n[i].name, (size_t)b->n[i].len);
		if (at > 0)
			s[--at] = '\n';
	}
	return s;
}

/* The visible nodes under `root` in display order (pre-order, hottest
 * child first, closed nodes' children left out; all when `all`). */
static int flatten(struct tbuild *b, int root, int *out, int all)
{
	int n = 0, sp = 0, *stack = malloc(sizeof(*stack) * (size_t)b->nn);

	if (!stack)
		return 0;
	stack[sp++] = root;
	while (sp) {
		int k = stack[--sp];
		const struct tnode *t = &b->n[k];

		out[n++] = k;
		if (t->closed && !all && k != root)
			continue;
		for (int c = t->nkids - 1; c >= 0; c--)
			stack[sp++] = b->order[t->first + c];
	}
	free(stack);
	return n;
}

static void rows_build(struct tbuild *b, int root)
{
	for (int i = 0; i < b->nn; i++)
		b->rowof[i] = -1;
	b->nrows = flatten(b, root, b->rows, 0);
	for (int r = 0; r < b->nrows; r++)
		b->rowof[b->rows[r]] = r;
}

static void set_closed(struct view_tree *t, struct tbuild *b, int node, int closed)
{
	char *p = path_of(b, node);

	if (!p)
		return;
	b->n[node].closed = closed;
	for (int i = 0; i < t->nclosed; i++)
		if (!strcmp(t->closed[i], p)) {
			if (!closed)
				closed_remove(t, i);
			free(p);
			return;
		}
	if (!closed) {
		free(p);
		return;
	}
	char **nc = realloc(t->closed, sizeof(*nc) * (size_t)(t->nclosed + 1));

	if (!nc) {
		free(p);
		return;
	}
	t->closed = nc;
	t->closed[t->nclosed++] = p;
}

/* The next node from the selection (pre-order over the whole zoomed tree)
 * whose label holds the search text: opened to and selected. */
static void tree_search(struct view *v, struct tbuild *b, int root)
{
	int *all = malloc(sizeof(*all) * (size_t)b->nn), n, at = 0;
	int cur = b->nrows ? b->rows[v->sel] : root;

	if (!all)
		return;
	n = flatten(b, root, all, 1);
	for (int i = 0; i < n; i++)
		if (all[i] == cur)
			at = i;
	for (int k = v->search_pending == 2; k <= n; k++) {
		int node = all[(at + k) % n];
		char name[512];

		snprintf(name, sizeof(name), "%.*s", b->n[node].len, b->n[node].name);
		if (!draw_match(name, v->search))
			continue;
		for (int p = b->n[node].parent; p >= 0 && p != root; p = b->n[p].parent)
			if (b->n[p].closed)
				set_closed(v->tree, b, p, 0);
		rows_build(b, root);
		if (b->rowof[node] >= 0)
			v->sel = b->rowof[node];
		break;
	}
	free(all);
}

/* ---- drawing ---- */

static const char *value_label(const struct agg_desc *d)
{
	static const char *const fn[] = { "COUNT", "SUM", "AVG", "MIN", "MAX", "STDDEV" };

	return d->func <= AGG_STDDEV ? fn[d->func] : "VALUE";
}

void view_tree_render(struct view *v, const struct dscope_snap *s, const struct vwin *w,
		      const struct vctx *cx)
{
	struct view_tree *t = v->tree;
	struct tbuild *b;
	int root, whole, h = w->h - 1, rec, dstate, iv;
	double secs = 0;

	v->nrows = 0;
	if (!s || w->h < 2) {
		if (w->h > 1)
			vwin_put(w, 1, 1, VA_DIM, "waiting for data", -1);
		return;
	}
	if (v->aggs[0] >= s->naggs) {
		vwin_put(w, 1, 1, VA_ERROR, "the program no longer has this aggregation", -1);
		return;
	}
	const struct agg_table *tab = &s->aggs[v->aggs[0]];

	/* interval mode: against the values kept from the previous snapshot
	 * (kept only in that mode: a tree's keys are whole stacks, and keeping
	 * 20,000 of them costs a fifth of a refresh) */
	rec = v->interval && view_delta_begin(v, s, cx) > 0;
	dstate = v->interval ? view_delta_state(v->delta, &secs) : VD_NONE;
	iv = v->interval && (dstate == VD_START || dstate == VD_PREV);
	b = tree_get(v, s, tab, rec, iv);
	if (!b) {
		vwin_put(w, 1, 1, VA_ERROR, "out of memory", -1);
		return;
	}
	/* the interval's rate: of all the stacks' counts or sums */
	view_mode_interval(v, dstate, secs,
			   iv && (tab->desc->func == AGG_COUNT || tab->desc->func == AGG_SUM) ? b->n[0].val
											      : -1);
	for (int i = 0; i < t->nclosed; i++) {
		int k = path_find(b, t->closed[i], &whole);

		if (whole)
			b->n[k].closed = 1;
	}
	root = t->nzoom ? path_find(b, t->zoom[t->nzoom - 1], &whole) : 0;
	rows_build(b, root);

	/* the selection: the same node as before (or its nearest visible
	 * ancestor), then the recorded moves and operations */
	if (t->selpath && !v->pending_move) {
		int k = path_find(b, t->selpath, &whole);

		while (k > 0 && b->rowof[k] < 0)
			k = b->n[k].parent;
		v->sel = k >= 0 && b->rowof[k] >= 0 ? b->rowof[k] : 0;
	}
	view_scroll_fix(v, b->nrows, h);
	if (t->op && b->nrows) {
		int k = b->rows[v->sel];
		const struct tnode *n = &b->n[k];

		if (t->op == OP_EXPAND && n->closed) {
			set_closed(t, b, k, 0);
			rows_build(b, root);
		} else if (t->op == OP_EXPAND && n->nkids) {
			v->sel = b->rowof[k] + 1;
		} else if (t->op == OP_COLLAPSE && n->nkids && !n->closed && k != root) {
			set_closed(t, b, k, 1);
			rows_build(b, root);
		} else if (t->op == OP_COLLAPSE && k != root && b->rowof[n->parent] >= 0) {
			v->sel = b->rowof[n->parent];
		}
		view_scroll_fix(v, b->nrows, h);
	}
	t->op = OP_NONE;
	if (v->search_pending && v->search[0] && b->nrows) {
		tree_search(v, b, root);
		view_scroll_fix(v, b->nrows, h);
	}
	v->search_pending = 0;
	v->nrows = b->nrows;
	if (b->nrows) {
		free(t->selpath);
		t->selpath = path_of(b, b->rows[v->sel]);
	}

	/* columns: value, % of total, % of parent, bar, then the tree */
	char num[64], name[512];
	int cw = 5, bw = w->w >= 100 ? 16 : 10;
	int64_t total = b->n[0].val, rootval = b->n[root].val;
	const char *open = cx->utf8 ? "\xe2\x96\xbe" : "-", *shut = cx->utf8 ? "\xe2\x96\xb8" : "+";

	for (int r = v->top; r < v->top + h && r < b->nrows; r++) {
		int l = draw_width(draw_units(num, sizeof(num), b->n[b->rows[r]].val, v->units[0], cx->utf8));

		if (l > cw)
			cw = l;
	}
	int tx = 1 + cw + 2 + 6 + 1 + 6 + 2 + bw + 1;

	vwin_fill(w, 0, 0, w->w, L' ', VA_HEADER);
	vwin_put(w, 1 + cw - (int)strlen(value_label(tab->desc)), 0, VA_HEADER, value_label(tab->desc), -1);
	vwin_put(w, 1 + cw + 2 + 1, 0, VA_HEADER, "TOTAL", -1);
	vwin_put(w, 1 + cw + 2 + 6 + 1, 0, VA_HEADER, "PARENT", -1);
	vwin_put(w, tx, 0, VA_HEADER, t->inverted ? "STACK (leaves first)" : "STACK (callers first)", -1);
	for (int r = v->top, y = 1; total && r < b->nrows && y <= h; r++, y++) {
		int k = b->rows[r], attr = r == v->sel ? VA_SELECT : VA_NORMAL, x = 1;
		const struct tnode *n = &b->n[k];
		int64_t pv = k == root || n->parent < 0 ? n->val : b->n[n->parent].val;

		if (attr == VA_SELECT)
			vwin_fill(w, 0, y, w->w, L' ', attr);
		draw_units(num, sizeof(num), n->val, v->units[0], cx->utf8);
		vwin_put(w, x + cw - draw_width(num), y, attr, num, -1);
		x += cw + 2;
		snprintf(num, sizeof(num), "%.1f%%", total ? 100.0 * (double)n->val / (double)total : 0);
		vwin_put(w, x + 6 - (int)strlen(num), y, attr, num, -1);
		x += 7;
		snprintf(num, sizeof(num), "%.1f%%", pv ? 100.0 * (double)n->val / (double)pv : 0);
		vwin_put(w, x + 6 - (int)strlen(num), y, attr, num, -1);
		x += 8;
		wchar_t bar[64];
		int nb = draw_bar(bar, bw, rootval ? (double)n->val / (double)rootval : 0, cx->utf8);

		for (int i = 0; i < nb; i++)
			vwin_fill(w, x + i, y, 1, bar[i], attr == VA_SELECT ? attr : VA_BAR);
		x = tx + 2 * (n->depth - b->n[root].depth);
		if (k == 0)
			snprintf(name, sizeof(name), "%s", v->nkeys > 1 ? "all" : "all stacks");
		else
			snprintf(name, sizeof(name), "%.*s", n->len, n->name);
		if (n->nkids)
			vwin_put(w, x, y, attr, n->closed && k != root ? shut : open, -1);
		vwin_put(w, x + 2, y,
			 attr != VA_SELECT && v->search[0] && draw_match(name, v->search) ? VA_MATCH : attr,
			 name, -1);
	}
	if (!b->nrows || !total)
		vwin_put(w, 1, 1, VA_DIM, v->filter[0] ? "no stack matches the filter" : "no data yet", -1);
}
