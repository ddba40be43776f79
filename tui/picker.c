/*
 * picker.c - the script picker (F2, :scripts): the D scripts shipped with
 * dscope and the user's own, one line each, to open as the running program.
 *
 * Where scripts are: the shipped directory (picker_shipped_dir: the
 * DSCOPE_SCRIPTS environment variable, else scripts/ beside the binary or
 * one directory up, as in the source tree, else the installed
 * /usr/share/dscope/scripts) and ~/.dscope/scripts.  A script's
 * description is the first line of its header comment, without the
 * "name.d - " it usually starts with.  The list is read again each time the
 * picker opens, so a script just written shows.
 *
 * The picker draws into a view buffer region (views/draw.h) and takes keys
 * as the TUI gives them; it answers what should happen (close, open the
 * selected script) and the TUI does it.  Paths handed out stay valid to
 * the end of the process: a running program's name, or the name a handle
 * keeps for its diagnostics, may be one of them (the pool stays reachable,
 * so no leak is reported).
 */
#include <curses.h>
#include <dirent.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tui.h"

struct pick {
	char *name; /* "syscall-time.d" */
	char *path; /* owned by the picker's pool */
	char desc[160];
	int user; /* from ~/.dscope/scripts */
};

static struct {
	struct pick *v;
	int n, sel, top;
	char **pool; /* every path handed out, kept to the end */
	int npool, cappool;
} pk;

int picker_find(const char *name, char *buf, size_t size)
{
	char dir[4400];
	const char *home = getenv("HOME");

	snprintf(buf, size, "%s", name);
	if (strchr(name, '/') || access(name, R_OK) == 0)
		return 0;
	/* ~/.dscope/scripts first: a user's script of a shipped name wins */
	for (int where = 0; where < 2; where++) {
		if (where == 0 && home)
			snprintf(dir, sizeof(dir), "%s/.dscope/scripts", home);
		else if (where == 0 || picker_shipped_dir(dir, sizeof(dir)))
			continue;
		for (int ext = 0; ext < 2; ext++) {
			snprintf(buf, size, "%s/%s%s", dir, name, ext ? ".d" : "");
			if (access(buf, R_OK) == 0)
				return 0;
		}
	}
	snprintf(buf, size, "%s", name);
	return -1;
}

int picker_shipped_dir(char *buf, size_t size)
{
	char exe[4096], path[4300];
	const char *env = getenv("DSCOPE_SCRIPTS");
	ssize_t n;

	if (env && access(env, R_OK) == 0) {
		snprintf(buf, size, "%s", env);
		return 0;
	}
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		/* the binary's directory, then its parent (build-san/dscope) */
		exe[n] = 0;
		for (int up = 0; up < 2; up++) {
			char *dir = dirname(exe);

			snprintf(path, sizeof(path), "%s/scripts", dir);
			if (access(path, R_OK) == 0) {
				snprintf(buf, size, "%s", path);
				return 0;
			}
			memmove(exe, dir, strlen(dir) + 1);
		}
	}
	snprintf(buf, size, "/usr/share/dscope/scripts");
	return access(buf, R_OK) == 0 ? 0 : -1;
}

/* The first line of the header comment, "name.d - " dropped. */
static void describe(const char *path, const char *name, char *out, size_t size)
{
	FILE *f = fopen(path, "r");
	char line[512];
	int in = 0;

	out[0] = 0;
	if (!f)
		return;
	while (!out[0] && fgets(line, sizeof(line), f)) {
		char *p = line;

		if (!in) {
			p = strstr(line, "/*");
			if (!p)
				continue;
			in = 1;
			p += 2;
		}
		p += strspn(p, " \t*");
		p[strcspn(p, "\r\n")] = 0;
		if (!*p || !strncmp(p, "*/", 2))
			continue;
		size_t nl = strlen(name);

		if (!strncmp(p, name, nl) && !strncmp(p + nl, " - ", 3))
			p += nl + 3;
		snprintf(out, size, "%s", p);
	}
	fclose(f);
}

static char *pool_add(const char *s)
{
	char *c;

	if (pk.npool == pk.cappool) {
		int cap = pk.cappool ? pk.cappool * 2 : 64;
		char **np = realloc(pk.pool, sizeof(*np) * (size_t)cap);

		if (!np)
			return NULL;
		pk.pool = np;
		pk.cappool = cap;
	}
	c = strdup(s);
	if (c)
		pk.pool[pk.npool++] = c;
	return c;
}

static int pick_cmp(const void *a, const void *b)
{
	const struct pick *x = a, *y = b;

	return x->user != y->user ? x->user - y->user : strcmp(x->name, y->name);
}

static void scan_dir(const char *dir, int user)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name);
		char path[4400];
		struct pick *nv;

		if (l < 3 || strcmp(e->d_name + l - 2, ".d") || e->d_name[0] == '.')
			continue;
		nv = realloc(pk.v, sizeof(*nv) * (size_t)(pk.n + 1));
		if (!nv)
			break;
		pk.v = nv;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		struct pick *p = &pk.v[pk.n];

		p->path = pool_add(path);
		p->name = p->path ? strrchr(p->path, '/') + 1 : NULL;
		if (!p->path)
			continue;
		p->user = user;
		describe(path, p->name, p->desc, sizeof(p->desc));
		pk.n++;
	}
	closedir(d);
}

int picker_open(void)
{
	char dir[4400];
	const char *home = getenv("HOME");

	free(pk.v);
	pk.v = NULL;
	pk.n = pk.sel = pk.top = 0;
	if (picker_shipped_dir(dir, sizeof(dir)) == 0)
		scan_dir(dir, 0);
	if (home) {
		snprintf(dir, sizeof(dir), "%s/.dscope/scripts", home);
		scan_dir(dir, 1);
	}
	if (pk.n > 1)
		qsort(pk.v, (size_t)pk.n, sizeof(*pk.v), pick_cmp);
	return pk.n;
}

void picker_close(void)
{
	free(pk.v);
	pk.v = NULL;
	pk.n = 0;
}

enum picker_res picker_key(unsigned c, int fkey, const char **path)
{
	*path = NULL;
	if (fkey ? c == (unsigned)KEY_UP : c == 'k')
		pk.sel--;
	else if (fkey ? c == (unsigned)KEY_DOWN : c == 'j')
		pk.sel++;
	else if (!fkey && c == 'g')
		pk.sel = 0;
	else if (!fkey && c == 'G')
		pk.sel = pk.n - 1;
	else if (!fkey && (c == '\r' || c == '\n')) {
		if (pk.n)
			*path = pk.v[pk.sel].path;
		return PICK_OPEN;
	} else if ((!fkey && (c == 27 || c == 'q')) || (fkey && c == (unsigned)KEY_F(2)))
		return PICK_CLOSE;
	if (pk.sel >= pk.n)
		pk.sel = pk.n - 1;
	if (pk.sel < 0)
		pk.sel = 0;
	return PICK_NONE;
}

void picker_draw(const struct vwin *area)
{
	int wd = area->w - 4 > 110 ? 110 : area->w - 4, h = pk.n + 3 < area->h - 2 ? pk.n + 3 : area->h - 2,
	    rows = h - 3;
	int x0 = (area->w - wd) / 2, y0 = 1, nw = 8;
	struct vwin box = vwin_sub(area, x0, y0, wd, h);

	for (int i = 0; i < pk.n; i++)
		if (draw_width(pk.v[i].name) + (pk.v[i].user ? 2 : 0) > nw)
			nw = draw_width(pk.v[i].name) + (pk.v[i].user ? 2 : 0);
	if (nw > wd / 3)
		nw = wd / 3;
	if (pk.sel < pk.top)
		pk.top = pk.sel;
	if (rows > 0 && pk.sel >= pk.top + rows)
		pk.top = pk.sel - rows + 1;
	for (int y = 0; y < box.h; y++)
		vwin_fill(&box, 0, y, box.w, L' ', y == 0 ? VA_TITLESEL : VA_NORMAL);
	vwin_put(&box, 2, 0, VA_TITLESEL, "scripts (Enter opens, Esc closes; ~ marks ~/.dscope/scripts)", -1);
	vwin_put(&box, 2, 1, VA_HEADER, "SCRIPT", nw);
	vwin_put(&box, 4 + nw, 1, VA_HEADER, "WHAT IT ANSWERS", -1);
	if (!pk.n)
		vwin_put(&box, 2, 2, VA_DIM, "no scripts found", -1);
	for (int r = pk.top, y = 2; r < pk.n && y < box.h - 1 && y < 2 + rows; r++, y++) {
		const struct pick *p = &pk.v[r];
		int attr = r == pk.sel ? VA_SELECT : VA_NORMAL;
		char name[300];

		snprintf(name, sizeof(name), "%s%s", p->user ? "~ " : "", p->name);
		if (attr == VA_SELECT)
			vwin_fill(&box, 1, y, box.w - 2, L' ', attr);
		vwin_put(&box, 2, y, attr, name, nw);
		vwin_put(&box, 4 + nw, y, attr == VA_SELECT ? attr : VA_DIM, p->desc, box.w - 6 - nw);
	}
}
