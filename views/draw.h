/*
 * draw.h - the off-screen buffer views draw into, and pure formatting
 * helpers (units, bars, clipping).
 *
 * A view never draws to the terminal: it writes cells into a struct vbuf
 * region (struct vwin) and the TUI copies the buffer to curses (tui/screen.c).
 * That keeps every view testable as text (vbuf_line) and lets the TUI decide
 * what an attribute looks like (colour, NO_COLOR, reverse video).
 *
 * A cell is one wide character of display width 1 (wider characters are
 * shown as '?', control characters as '?') and an attribute (enum va).
 * Drawing clips at the region's edges; nothing writes outside it.
 */
#ifndef DSCOPE_DRAW_H
#define DSCOPE_DRAW_H

#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

/* What a cell is; the TUI maps each to a curses attribute. */
enum va {
	VA_NORMAL,
	VA_TITLE,    /* a pane's title line */
	VA_TITLESEL, /* ... of the focused pane */
	VA_HEADER,   /* column headers */
	VA_SELECT,   /* the selected row */
	VA_BAR,	     /* histogram and percentage bars */
	VA_DIM,	     /* secondary text */
	VA_MATCH,    /* search matches */
	VA_ERROR,    /* errors */
	VA_STATUS,   /* the status line */
	VA_GONE,     /* a row of a process that has exited */
	VA_GONESEL,  /* ... selected */
	VA_N,
};

struct vbuf {
	int w, h;
	wchar_t *ch;
	unsigned char *at;
};

/* A rectangle of a buffer. */
struct vwin {
	struct vbuf *b;
	int x, y, w, h;
};

/* How to draw: set by the TUI (utf8 once, from the locale). */
struct vctx {
	int utf8; /* eighth-block bars, arrows, µ; else ASCII */
	/* when the snapshot given to the views was taken, in seconds on a
	 * monotonic clock (0: unknown).  A view showing the last interval
	 * takes the time between two snapshots it rendered from it: a view
	 * not on screen for a while sees a longer interval than the refresh. */
	double snap_time;
	/* whether process pid has exited: VG_ALIVE, VG_GONE (a table's rows
	 * keyed by a pid are then dimmed, kept with their final figures) or
	 * VG_LEFT (gone long enough: the rows are left out); NULL: never
	 * asked.  The TUI answers with kill(pid, 0) and a clock; views never
	 * touch the kernel. */
	int (*pid_gone)(long pid);
};

enum { VG_ALIVE, VG_GONE, VG_LEFT };

/* 0, or -1 when out of memory.  The buffer starts blank. */
int vbuf_init(struct vbuf *b, int w, int h);
void vbuf_fini(struct vbuf *b);
void vbuf_clear(struct vbuf *b);
/* The whole buffer as a region. */
struct vwin vbuf_win(struct vbuf *b);
/* Line y as UTF-8 without trailing blanks; returns its length in bytes. */
size_t vbuf_line(const struct vbuf *b, int y, char *out, size_t size);

/* A sub-region (clipped to w). */
struct vwin vwin_sub(const struct vwin *w, int x, int y, int width, int height);
/*
 * Write UTF-8 text at (x, y) of the region, at most maxw columns (-1: up to
 * the edge).  Returns the columns written.
 */
int vwin_put(const struct vwin *w, int x, int y, int attr, const char *s, int maxw);
int vwin_printf(const struct vwin *w, int x, int y, int attr, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
void vwin_fill(const struct vwin *w, int x, int y, int n, wchar_t c, int attr);
/* Set the attribute of n cells (a selection bar over a whole row). */
void vwin_attr(const struct vwin *w, int x, int y, int n, int attr);
/* Columns the UTF-8 text takes (one per character). */
int draw_width(const char *s);

/* ---- formatting helpers: pure functions over buffers ---- */

enum { UNIT_NONE, UNIT_NS, UNIT_BYTES }; /* as enum dscope_unit */

/*
 * A value in human units into buf: nanoseconds as "532ns", "12.3µs" ("us"
 * without UTF-8), "4.56ms", "1.23s"; bytes as "512B", "1.50K", "3.20M",
 * "1.00G"; plain numbers as they are.  Returns buf.
 */
char *draw_units(char *buf, size_t size, int64_t v, int unit, int utf8);

/*
 * A horizontal bar of `frac` (0..1) of `width` cells into out (width wide
 * characters, padded with spaces, not terminated): full blocks then one of
 * the seven eighth-blocks for the remainder; '#' rounded to the nearest
 * cell without UTF-8.  Returns the number of non-blank cells.
 */
int draw_bar(wchar_t *out, int width, double frac, int utf8);

/* Case-insensitive substring test (an empty needle matches). */
int draw_match(const char *hay, const char *needle);

#endif
