/*
 * view_log.c - the log view: what the program prints (trace, printf, printa,
 * the default probe lines) as dtrace prints it, scrolling, following the
 * newest line or paused, searchable.
 *
 * The lines come from the batch printer (engine/batch.c) writing each
 * snapshot into a memory stream, so the text is exactly batch mode's; the
 * printer's state (header printed, -F call depth) lives here between
 * snapshots.  The view keeps the last VIEW_LOG_MAX lines in a ring.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "view.h"

struct view_log {
	char **line; /* ring of VIEW_LOG_MAX */
	int first, n;
	char *partial; /* an unfinished last line (printf without \n) */
	struct batch b;
};

void view_log_free(struct view_log *l);

void view_log_free(struct view_log *l)
{
	if (!l)
		return;
	for (int i = 0; i < l->n; i++)
		free(l->line[(l->first + i) % VIEW_LOG_MAX]);
	free(l->line);
	free(l->partial);
	free(l);
}

static struct view_log *log_get(struct view *v)
{
	if (!v->log) {
		v->log = calloc(1, sizeof(*v->log));
		if (v->log && !(v->log->line = calloc(VIEW_LOG_MAX, sizeof(char *)))) {
			free(v->log);
			v->log = NULL;
		}
		if (v->log)
			batch_init(&v->log->b, NULL, NULL);
	}
	return v->log;
}

static void log_push(struct view *v, struct view_log *l, char *s)
{
	if (l->n == VIEW_LOG_MAX) {
		free(l->line[l->first]);
		l->line[l->first] = s;
		l->first = (l->first + 1) % VIEW_LOG_MAX;
		if (!v->follow && v->top > 0)
			v->top--; /* keep the paused page where it is */
	} else {
		l->line[(l->first + l->n++) % VIEW_LOG_MAX] = s;
	}
}

/* Tabs become spaces to the next multiple of 8 (s is freed). */
static char *expand_tabs(char *s)
{
	size_t tabs = 0, n = 0;
	char *o;

	for (char *p = s; *p; p++)
		tabs += *p == '\t';
	if (!tabs)
		return s;
	o = malloc(strlen(s) + tabs * 8 + 1);
	if (o) {
		for (char *p = s; *p; p++)
			if (*p == '\t')
				do
					o[n++] = ' ';
				while (n % 8);
			else
				o[n++] = *p;
		o[n] = 0;
	}
	free(s);
	return o;
}

/* Append text: complete lines become lines, the rest waits. */
static void log_text(struct view *v, const char *text, size_t len)
{
	struct view_log *l = log_get(v);
	const char *p = text, *end = text + len;

	if (!l)
		return;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t pl = l->partial ? strlen(l->partial) : 0, n = (size_t)((nl ? nl : end) - p);
		char *s = malloc(pl + n + 1);

		if (!s)
			return;
		if (pl)
			memcpy(s, l->partial, pl);
		memcpy(s + pl, p, n);
		s[pl + n] = 0;
		free(l->partial);
		l->partial = NULL;
		s = expand_tabs(s);
		if (!s)
			return;
		if (!nl) {
			l->partial = s;
			return;
		}
		log_push(v, l, s);
		p = nl + 1;
	}
}

void view_log_feed(struct view *v, const struct dscope_snap *s)
{
	struct view_log *l = log_get(v);
	struct dscope_snap copy;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	if (!l || !s || (!s->nev && !s->nnotes))
		return;
	f = open_memstream(&buf, &len);
	if (!f)
		return;
	/* the records only: the final aggregations are the other views' */
	copy = *s;
	copy.final = 0;
	l->b.out = l->b.err = f;
	batch_print(&l->b, &copy);
	fclose(f);
	log_text(v, buf, len);
	free(buf);
}

void view_log_line(struct view *v, const char *line)
{
	struct view_log *l = log_get(v);
	char *s = strdup(line);

	s = s ? expand_tabs(s) : NULL;
	if (l && s)
		log_push(v, l, s);
	else
		free(s);
}

void view_log_clear(struct view *v)
{
	struct view_log *l = v->log;

	if (!l)
		return;
	for (int i = 0; i < l->n; i++)
		free(l->line[(l->first + i) % VIEW_LOG_MAX]);
	l->first = l->n = 0;
	v->top = v->sel = 0;
}

int view_log_count(const struct view *v)
{
	return v->log ? v->log->n : 0;
}

void view_log_render(struct view *v, const struct vwin *w, const struct vctx *cx)
{
	struct view_log *l = v->log;
	int n = l ? l->n : 0, h = w->h;

	(void)cx;
	v->nrows = n;
	if (!n) {
		vwin_put(w, 1, 0, VA_DIM, "no output yet", -1);
		return;
	}
	/* the selection is the last line shown; following pins it to the end */
	if (v->follow)
		v->sel = n - 1;
	if (v->pending_move) {
		long s = (long)v->sel + v->pending_move;

		v->sel = s < 0 ? 0 : s >= n ? n - 1 : (int)s;
		v->pending_move = 0;
	}
	if (v->search_pending && v->search[0]) {
		/* the next matching line after the bottom one, going down */
		int from = v->sel + (v->search_pending == 2);

		for (int k = 0; k < n; k++) {
			int r = (from + k) % n;

			if (draw_match(l->line[(l->first + r) % VIEW_LOG_MAX], v->search)) {
				v->sel = r < h - 1 ? (h - 1 < n ? h - 1 : n - 1) : r;
				v->follow = 0;
				break;
			}
		}
	}
	v->search_pending = 0;
	if (v->sel < h - 1)
		v->sel = h - 1 < n ? h - 1 : n - 1;
	v->top = v->sel - h + 1 < 0 ? 0 : v->sel - h + 1;
	v->page = h;
	for (int r = v->top, y = 0; r < n && y < h; r++, y++) {
		const char *s = l->line[(l->first + r) % VIEW_LOG_MAX];
		int attr = v->search[0] && draw_match(s, v->search) ? VA_MATCH : VA_NORMAL;

		vwin_put(w, 0, y, attr, s, -1);
	}
}
