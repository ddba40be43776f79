/*
 * draw.c - the off-screen cell buffer and the formatting helpers views share
 * (draw.h).  Nothing here knows about curses or the engine.
 */
#include "draw.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int vbuf_init(struct vbuf *b, int w, int h)
{
	size_t n = (size_t)(w > 0 ? w : 1) * (size_t)(h > 0 ? h : 1);

	b->w = w;
	b->h = h;
	b->ch = malloc(n * sizeof(*b->ch));
	b->at = malloc(n);
	if (!b->ch || !b->at) {
		vbuf_fini(b);
		return -1;
	}
	vbuf_clear(b);
	return 0;
}

void vbuf_fini(struct vbuf *b)
{
	free(b->ch);
	free(b->at);
	b->ch = NULL;
	b->at = NULL;
	b->w = b->h = 0;
}

void vbuf_clear(struct vbuf *b)
{
	for (int i = 0; i < b->w * b->h; i++) {
		b->ch[i] = L' ';
		b->at[i] = VA_NORMAL;
	}
}

struct vwin vbuf_win(struct vbuf *b)
{
	struct vwin w = { b, 0, 0, b->w, b->h };

	return w;
}

/* UTF-8 of one character (the locale does not matter to views). */
static size_t utf8_encode(wchar_t c, char *mb)
{
	unsigned u = (unsigned)c;

	if (u < 0x80) {
		mb[0] = (char)u;
		return 1;
	}
	if (u < 0x800) {
		mb[0] = (char)(0xc0 | u >> 6);
		mb[1] = (char)(0x80 | (u & 0x3f));
		return 2;
	}
	if (u < 0x10000) {
		mb[0] = (char)(0xe0 | u >> 12);
		mb[1] = (char)(0x80 | (u >> 6 & 0x3f));
		mb[2] = (char)(0x80 | (u & 0x3f));
		return 3;
	}
	mb[0] = (char)(0xf0 | u >> 18);
	mb[1] = (char)(0x80 | (u >> 12 & 0x3f));
	mb[2] = (char)(0x80 | (u >> 6 & 0x3f));
	mb[3] = (char)(0x80 | (u & 0x3f));
	return 4;
}

/* One character of UTF-8 at s: its length, 1 with U+FFFD when invalid. */
static size_t utf8_decode(const unsigned char *s, wchar_t *c)
{
	int n = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc0 ? 2 : 1;
	unsigned u = n == 4 ? s[0] & 7u : n == 3 ? s[0] & 15u : s[0] & 31u;

	if (s[0] < 0x80) {
		*c = s[0];
		return 1;
	}
	for (int i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*c = 0xfffd;
			return 1;
		}
		u = u << 6 | (s[i] & 0x3fu);
	}
	*c = n == 1 ? 0xfffd : (wchar_t)u;
	return (size_t)n;
}

size_t vbuf_line(const struct vbuf *b, int y, char *out, size_t size)
{
	size_t len = 0, end = 0;

	if (size == 0)
		return 0;
	out[0] = 0;
	if (y < 0 || y >= b->h)
		return 0;
	for (int x = 0; x < b->w; x++) {
		char mb[4];
		wchar_t c = b->ch[y * b->w + x];
		size_t n = utf8_encode(c, mb);

		if (len + n + 1 > size)
			break;
		memcpy(out + len, mb, n);
		len += n;
		if (c != L' ')
			end = len;
	}
	out[end] = 0;
	return end;
}

struct vwin vwin_sub(const struct vwin *w, int x, int y, int width, int height)
{
	struct vwin s = { w->b, w->x + x, w->y + y, width, height };

	if (x + width > w->w)
		s.w = w->w - x;
	if (y + height > w->h)
		s.h = w->h - y;
	if (s.w < 0)
		s.w = 0;
	if (s.h < 0)
		s.h = 0;
	return s;
}

static void cell(const struct vwin *w, int x, int y, wchar_t c, int attr)
{
	int bx = w->x + x, by = w->y + y;

	if (x < 0 || y < 0 || x >= w->w || y >= w->h || bx >= w->b->w || by >= w->b->h)
		return;
	w->b->ch[by * w->b->w + bx] = c;
	w->b->at[by * w->b->w + bx] = (unsigned char)attr;
}

int vwin_put(const struct vwin *w, int x, int y, int attr, const char *s, int maxw)
{
	int col = 0;

	if (maxw < 0 || maxw > w->w - x)
		maxw = w->w - x;
	while (*s && col < maxw) {
		wchar_t c;
		size_t n = utf8_decode((const unsigned char *)s, &c);

		/* one cell per character: wide and combining ones show as '?'
		 * (wcwidth is -1 for everything but ASCII in a non-UTF-8 locale) */
		if (c < 0x20 || c == 0x7f || c == 0xfffd ||
		    (c >= 0x80 && (wcwidth(c) == 0 || wcwidth(c) == 2)))
			c = L'?';
		cell(w, x + col, y, c, attr);
		col++;
		s += n;
	}
	return col;
}

int vwin_printf(const struct vwin *w, int x, int y, int attr, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return vwin_put(w, x, y, attr, buf, -1);
}

void vwin_fill(const struct vwin *w, int x, int y, int n, wchar_t c, int attr)
{
	for (int i = 0; i < n; i++)
		cell(w, x + i, y, c, attr);
}

void vwin_attr(const struct vwin *w, int x, int y, int n, int attr)
{
	for (int i = 0; i < n; i++) {
		int bx = w->x + x + i, by = w->y + y;

		if (x + i < 0 || x + i >= w->w || y < 0 || y >= w->h || bx >= w->b->w || by >= w->b->h)
			continue;
		w->b->at[by * w->b->w + bx] = (unsigned char)attr;
	}
}

int draw_width(const char *s)
{
	int n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

char *draw_units(char *buf, size_t size, int64_t v, int unit, int utf8)
{
	int neg = v < 0;
	double a = neg ? -(double)v : (double)v;
	const char *sign = neg ? "-" : "";

	if (unit == UNIT_NS) {
		if (a < 1000)
			snprintf(buf, size, "%lldns", (long long)v);
		else if (a < 1e6)
			snprintf(buf, size, "%s%.*f%s", sign,
				 a < 1e4   ? 2
				 : a < 1e5 ? 1
					   : 0,
				 a / 1e3, utf8 ? "\xc2\xb5s" : "us");
		else if (a < 1e9)
			snprintf(buf, size, "%s%.*fms", sign, a < 1e7 ? 2 : a < 1e8 ? 1 : 0, a / 1e6);
		else
			snprintf(buf, size, "%s%.*fs", sign, a < 1e10 ? 2 : a < 1e11 ? 1 : 0, a / 1e9);
	} else if (unit == UNIT_BYTES) {
		static const char units[] = "KMGTPE";
		int u = -1;

		while (a >= 1024 && u < 5) {
			a /= 1024;
			u++;
		}
		if (u < 0)
			snprintf(buf, size, "%lldB", (long long)v);
		else
			snprintf(buf, size, "%s%.*f%c", sign, a < 10 ? 2 : a < 100 ? 1 : 0, a, units[u]);
	} else {
		snprintf(buf, size, "%lld", (long long)v);
	}
	return buf;
}

int draw_bar(wchar_t *out, int width, double frac, int utf8)
{
	int n = 0;

	if (frac < 0)
		frac = 0;
	if (frac > 1)
		frac = 1;
	for (int i = 0; i < width; i++)
		out[i] = L' ';
	if (utf8) {
		int eighths = (int)(frac * width * 8 + 0.5), full = eighths / 8, part = eighths % 8;

		for (int i = 0; i < full && i < width; i++)
			out[n++] = 0x2588;
		if (part && n < width)
			out[n++] = (wchar_t)(0x2590 - part); /* U+258F is 1/8 ... U+2589 7/8 */
	} else {
		int full = (int)(frac * width + 0.5);

		for (int i = 0; i < full && i < width; i++)
			out[n++] = L'#';
	}
	return n;
}

int draw_match(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	if (!n)
		return 1;
	for (; *hay; hay++)
		if (!strncasecmp(hay, needle, n))
			return 1;
	return 0;
}
