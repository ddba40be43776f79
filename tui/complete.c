/*
 * complete.c - completion at the prompt: what the word before the cursor
 * is (a command, an option, a file, a probe description, an identifier in
 * D text) and what it can become.
 *
 * The first half is pure and is what the unit tests drive.
 * complete_context reads a command line as cmd_exec (tui.c) reads it, and
 * D text with a small scanner that knows only what decides the context:
 * a clause's probe descriptions, its /predicate/, its { body } (braces
 * counted), strings and comments.  complete_line takes the candidates from
 * the lists it is given (struct complete_src) and never touches readline,
 * curses or the kernel.  A probe description is completed one part at a
 * time: the parts typed before the one under the cursor select the probes
 * (an empty part matches any, globs as in D) and the candidates are the
 * distinct values of that part.
 *
 * The second half fills those lists from the engine: names from the
 * tables the compiler and the option parser use themselves (dscope_name),
 * so the lists cannot drift from what D accepts; the running program's
 * variables, asked at each Tab; and probe descriptions, listed through a
 * handle of its own (dscope_probes) the first time they are needed and
 * kept to the end of the process: the catalogue at the first probe word,
 * the kernel's functions when a word names fbt, a process's functions when
 * it names pid$target (again when $target changes).
 */
#include <ctype.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dscope.h"
#include "tui.h"

/* ---- candidates ---- */

struct cand {
	char *s;     /* what replaces the word */
	int disp;    /* where the listed text starts in s */
	char suffix; /* what follows s when it is the only one */
};

struct cset {
	struct cand *v;
	int n, cap, err;
};

static void cset_add(struct cset *c, const char *base, size_t blen, const char *s, size_t len, char suffix)
{
	char *p;

	if (c->err)
		return;
	if (c->n == c->cap) {
		int cap = c->cap ? c->cap * 2 : 64;
		struct cand *v = realloc(c->v, sizeof(*v) * (size_t)cap);

		if (!v) {
			c->err = -ENOMEM;
			return;
		}
		c->v = v;
		c->cap = cap;
	}
	p = malloc(blen + len + 1);
	if (!p) {
		c->err = -ENOMEM;
		return;
	}
	memcpy(p, base, blen);
	memcpy(p + blen, s, len);
	p[blen + len] = 0;
	c->v[c->n].s = p;
	c->v[c->n].disp = (int)blen;
	c->v[c->n].suffix = suffix;
	c->n++;
}

static int cand_cmp(const void *a, const void *b)
{
	return strcmp(((const struct cand *)a)->s, ((const struct cand *)b)->s);
}

static int is_ident(int c)
{
	return isalnum(c) || c == '_';
}

/* Every name in list beginning with the word, followed by suffix when it
 * is the only one; a name ending in a space is followed by a space. */
static void add_names(struct cset *c, const char *const *list, const char *word, size_t wlen, char suffix)
{
	for (; list && *list; list++) {
		size_t n = strlen(*list);
		char sfx = suffix;

		if (n && (*list)[n - 1] == ' ') {
			n--;
			sfx = ' ';
		}
		if (n >= wlen && !memcmp(*list, word, wlen))
			cset_add(c, "", 0, *list, n, sfx);
	}
}

/* ---- where the cursor is ---- */

enum dstate { S_DESC, S_PRED, S_BODY };

/* After a '/' in a predicate: it closes the predicate when a body or the
 * cursor follows (otherwise it divides). */
static int pred_ends(const char *l, int i, int point)
{
	while (i < point && isspace((unsigned char)l[i]))
		i++;
	return i >= point || l[i] == '{';
}

/* D text l[from, point), read from state st. */
static enum complete_ctx d_context(const char *l, int from, int point, enum dstate st, int *start, int *dtext)
{
	int i = from, depth = 0, after_pred = 0, s;

	*dtext = from;
	while (i < point) {
		char c = l[i];

		if (c == '/' && i + 1 < point && l[i + 1] == '*') {
			for (i += 2; i + 1 < point && !(l[i] == '*' && l[i + 1] == '/'); i++)
				;
			if (i + 1 >= point)
				return CX_NONE; /* in a comment */
			i += 2;
			continue;
		}
		if (c == '"' || c == '\'') {
			for (i++; i < point && l[i] != c; i += l[i] == '\\' ? 2 : 1)
				;
			if (i >= point)
				return CX_NONE; /* in a string */
			i++;
			continue;
		}
		if (st == S_DESC && c == '/') {
			st = S_PRED;
		} else if (st == S_DESC && c == '{') {
			st = S_BODY;
			depth = 1;
			after_pred = 0;
		} else if (st == S_PRED && c == '/' && pred_ends(l, i + 1, point)) {
			st = S_DESC;
			after_pred = 1;
		} else if (st == S_BODY && c == '{') {
			depth++;
		} else if (st == S_BODY && c == '}' && --depth == 0) {
			st = S_DESC;
		}
		i++;
	}
	s = point;
	if (st == S_DESC) {
		if (after_pred)
			return CX_NONE; /* a body comes next */
		while (s > from && !strchr(" \t\n,{}/;", l[s - 1]))
			s--;
		*start = s;
		return CX_PROBE;
	}
	while (s > from && is_ident((unsigned char)l[s - 1]))
		s--;
	if (s < point && isdigit((unsigned char)l[s]))
		return CX_NONE;
	if (s > from && l[s - 1] == '@') {
		s--;
	} else if (s - 6 >= from && (!strncmp(l + s - 6, "self->", 6) || !strncmp(l + s - 6, "this->", 6)) &&
		   (s - 6 == from || !is_ident((unsigned char)l[s - 7]))) {
		s -= 6;
	} else if (s > from && (l[s - 1] == '$' || l[s - 1] == '.' || l[s - 1] == '>')) {
		return CX_NONE; /* a macro, a member */
	}
	*start = s;
	return CX_EXPR;
}

enum complete_ctx complete_context(const char *line, int point, int *start, int *dtext)
{
	int p = 0, w, arg;
	size_t n;

	*start = *dtext = point;
	while (p < point && isspace((unsigned char)line[p]))
		p++;
	if (p < point && line[p] == ':')
		p++;
	if (p < point && line[p] == '/')
		return d_context(line, p + 1, point, S_PRED, start, dtext);
	for (w = p; w < point && !isspace((unsigned char)line[w]); w++)
		;
	if (w == point) {
		/* the first word; with a ':' a probe (a bare clause) */
		if (memchr(line + p, ':', (size_t)(point - p)))
			return d_context(line, p, point, S_DESC, start, dtext);
		*start = p;
		return CX_COMMAND;
	}
	n = (size_t)(w - p);
	for (arg = w; arg < point && isspace((unsigned char)line[arg]); arg++)
		;
	if (n == 3 && !memcmp(line + p, "run", 3))
		return d_context(line, arg, point, S_DESC, start, dtext);
	/* a single word after the command */
	for (int i = arg; i < point; i++)
		if (isspace((unsigned char)line[i]))
			return CX_NONE;
	*start = arg;
	if (n == 3 && !memcmp(line + p, "set", 3))
		return memchr(line + arg, '=', (size_t)(point - arg)) ? CX_NONE : CX_OPTION;
	if ((n == 4 && !memcmp(line + p, "open", 4)) || (n == 5 && !memcmp(line + p, "write", 5)))
		return CX_FILE;
	*start = point;
	return CX_NONE;
}

/* ---- probe descriptions ---- */

/* Does typed part t[0, tlen) select field f[0, flen)?  Empty selects all. */
static int part_selects(const char *t, size_t tlen, const char *f, size_t flen)
{
	char tb[256], fb[256];

	if (!tlen)
		return 1;
	if (!memchr(t, '*', tlen) && !memchr(t, '?', tlen) && !memchr(t, '[', tlen))
		return tlen == flen && !memcmp(t, f, tlen);
	if (tlen >= sizeof(tb) || flen >= sizeof(fb))
		return 0;
	memcpy(tb, t, tlen);
	tb[tlen] = 0;
	memcpy(fb, f, flen);
	fb[flen] = 0;
	return fnmatch(tb, fb, 0) == 0;
}

/* Split "prov:mod:func:name" (or "a:b" for a typed word, at most 4 parts)
 * into parts; the number of parts, 0 for more than four. */
static int split_desc(const char *s, size_t len, const char *part[4], size_t plen[4])
{
	int k = 0;

	part[0] = s;
	for (size_t i = 0; i < len; i++) {
		if (s[i] != ':')
			continue;
		if (k == 3)
			return 0;
		plen[k] = (size_t)(s + i - part[k]);
		part[++k] = s + i + 1;
	}
	plen[k] = (size_t)(s + len - part[k]);
	return k + 1;
}

static void add_probes(struct cset *c, const char *word, size_t wlen, const struct complete_src *src)
{
	const char *tp[4], *fp[4], *const *list;
	size_t tl[4], fl[4], blen;
	char prov[128];
	int k = split_desc(word, wlen, tp, tl) - 1, from = c->n;

	if (k < 0 || !src->probes)
		return;
	snprintf(prov, sizeof(prov), "%.*s", k ? (int)tl[0] : 0, word);
	list = src->probes(prov, src->arg);
	blen = (size_t)(tp[k] - word);
	for (; list && *list; list++) {
		int j;

		if (split_desc(*list, strlen(*list), fp, fl) != 4)
			continue;
		/* the dtrace provider's probes are written by name alone */
		if (k == 0 && fl[0] == 6 && !memcmp(fp[0], "dtrace", 6) && fl[3] >= tl[0] &&
		    !memcmp(fp[3], word, tl[0]))
			cset_add(c, "", 0, fp[3], fl[3], ' ');
		for (j = 0; j < k && part_selects(tp[j], tl[j], fp[j], fl[j]); j++)
			;
		if (j < k || fl[k] < tl[k] || memcmp(fp[k], tp[k], tl[k]))
			continue;
		cset_add(c, word, blen, fp[k], fl[k], k < 3 ? ':' : ' ');
	}
	/* A module or function typed empty that only one value fills: leave it
	 * empty (it matches that one), as `syscall::read` is written. */
	if (!c->err && k > 0 && k < 3 && !tl[k] && c->n > from) {
		int one = 1;

		for (int i = from + 1; i < c->n && one; i++)
			one = !strcmp(c->v[i].s, c->v[from].s);
		if (one) {
			c->v[from].s[blen] = 0;
			for (int i = from + 1; i < c->n; i++)
				free(c->v[i].s);
			c->n = from + 1;
		}
	}
}

/* ---- identifiers ---- */

/* self->x, this->x and @x as written in the line (the program being typed),
 * except the word being completed at start. */
static void add_typed_vars(struct cset *c, const char *line, int dtext, int start, const char *word,
			   size_t wlen)
{
	for (int i = dtext; line[i]; i++) {
		int j;

		if (i == start || (i > dtext && is_ident((unsigned char)line[i - 1])))
			continue;
		if (line[i] == '@')
			j = i + 1;
		else if (!strncmp(line + i, "self->", 6) || !strncmp(line + i, "this->", 6))
			j = i + 6;
		else
			continue;
		if (!is_ident((unsigned char)line[j]))
			continue;
		while (is_ident((unsigned char)line[j]))
			j++;
		if ((size_t)(j - i) >= wlen && !memcmp(line + i, word, wlen))
			cset_add(c, "", 0, line + i, (size_t)(j - i), 0);
	}
}

/* ---- completing ---- */

int complete_line(const char *line, int point, const struct complete_src *src, struct complete_res *out)
{
	struct cset c = { 0 };
	int start, dtext, n = 0;
	const char *word;
	size_t wlen;

	memset(out, 0, sizeof(*out));
	out->ctx = complete_context(line, point, &start, &dtext);
	out->start = start;
	word = line + start;
	wlen = (size_t)(point - start);
	switch (out->ctx) {
	case CX_NONE:
		return 0;
	case CX_COMMAND:
		add_names(&c, src->commands, word, wlen, 0);
		break;
	case CX_OPTION:
		add_names(&c, src->options, word, wlen, 0);
		break;
	case CX_FILE:
		if (src->files) {
			char *w = strndup(word, wlen), **v = w ? src->files(w, src->arg) : NULL;

			for (char **f = v; f && *f; f++) {
				size_t len = strlen(*f), d = len > 1 && (*f)[len - 1] == '/' ? len - 1 : len;

				/* listed by the last component (a directory's with its '/') */
				while (d > 0 && (*f)[d - 1] != '/')
					d--;
				cset_add(&c, "", 0, *f, len, len && (*f)[len - 1] == '/' ? 0 : ' ');
				if (!c.err)
					c.v[c.n - 1].disp = (int)d;
				free(*f);
			}
			free(v);
			free(w);
		}
		break;
	case CX_PROBE:
		add_probes(&c, word, wlen, src);
		break;
	case CX_EXPR:
		add_names(&c, src->idents, word, wlen, 0);
		add_names(&c, src->funcs, word, wlen, '(');
		add_typed_vars(&c, line, dtext, start, word, wlen);
		break;
	}
	if (c.err)
		goto fail;
	if (c.n)
		qsort(c.v, (size_t)c.n, sizeof(*c.v), cand_cmp);
	for (int i = 0; i < c.n; i++) {
		if (n && !strcmp(c.v[i].s, c.v[n - 1].s)) {
			free(c.v[i].s);
			continue;
		}
		c.v[n++] = c.v[i];
	}
	c.n = n;
	if (!n)
		goto done;
	out->cand = calloc((size_t)n, sizeof(*out->cand));
	if (!out->cand)
		goto fail;
	for (int i = 0; i < n; i++) {
		out->cand[i] = strdup(c.v[i].s + c.v[i].disp);
		if (!out->cand[i])
			goto fail;
		out->ncand++;
	}
	if (n == 1) {
		size_t len = strlen(c.v[0].s);

		out->insert = malloc(len + 2);
		if (!out->insert)
			goto fail;
		memcpy(out->insert, c.v[0].s, len);
		out->insert[len] = c.v[0].suffix;
		out->insert[len + 1] = 0;
	} else {
		/* sorted: the first and the last differ first */
		const char *a = c.v[0].s, *b = c.v[n - 1].s;
		size_t len = 0;

		while (a[len] && a[len] == b[len])
			len++;
		out->insert = strndup(a, len);
		if (!out->insert)
			goto fail;
	}
done:
	for (int i = 0; i < c.n; i++)
		free(c.v[i].s);
	free(c.v);
	return 0;
fail:
	for (int i = 0; i < c.n; i++)
		free(c.v[i].s);
	free(c.v);
	complete_res_free(out);
	return -ENOMEM;
}

void complete_res_free(struct complete_res *r)
{
	for (int i = 0; i < r->ncand; i++)
		free(r->cand[i]);
	free(r->cand);
	free(r->insert);
	r->cand = NULL;
	r->insert = NULL;
	r->ncand = 0;
}

void complete_summary(const struct complete_res *r, char *buf, size_t size, int width, int utf8)
{
	const char *ell = utf8 ? "\xe2\x80\xa6" : "...";
	int ellw = utf8 ? 1 : 3, cols = 0, all = 0, i;
	size_t len = 0;

	if (!size)
		return;
	buf[0] = 0;
	for (i = 0; i < r->ncand; i++)
		all += (int)strlen(r->cand[i]) + (i ? 2 : 0);
	for (i = 0; i < r->ncand; i++) {
		int w = (int)strlen(r->cand[i]) + (i ? 2 : 0), tail = 0;

		/* room for this one, and for "... (N more)" unless all fit */
		if (i + 1 < r->ncand && all > width)
			tail = 2 + ellw + snprintf(NULL, 0, " (%d more)", r->ncand - i - 1);
		if (cols + w + tail > width || len + (size_t)w + 1 >= size)
			break;
		len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? "  " : "", r->cand[i]);
		cols += w;
	}
	if (i < r->ncand)
		snprintf(buf + len, size - len, "%s%s (%d more)", i ? "  " : "", ell, r->ncand - i);
}

/* ---- the lists, from the engine ---- */

/* The prompt's commands as cmd_exec (tui.c) takes them; a trailing space:
 * the command takes an argument. */
static const char *const commands[] = {
	"carry ", "clear", "help",   "open ", "quit",	"record ", "run ",   "scripts", "seek ",
	"set ",	  "show",  "speed ", "stop",  "trunc ", "views",   "write ", NULL,
};

struct strv {
	char **v; /* NULL-terminated when n > 0 */
	size_t n, cap;
};

static int strv_push(struct strv *s, char *str)
{
	if (!str)
		return -ENOMEM;
	/* room for it, the NULL after it and a spare slot after that */
	if (s->n + 3 > s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 256;
		char **v = realloc(s->v, sizeof(*v) * cap);

		if (!v) {
			free(str);
			return -ENOMEM;
		}
		s->v = v;
		s->cap = cap;
	}
	s->v[s->n++] = str;
	s->v[s->n] = NULL;
	s->v[s->n + 1] = NULL;
	return 0;
}

static void strv_clear(struct strv *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

/* Kept to the end of the process (reachable, so not reported as leaks). */
static struct {
	const char **idents, **funcs, **options; /* static names */
	int nstatic;				 /* idents before the variables */
	struct strv vars;			 /* the running program's */
	struct strv cat;			 /* the catalogue, with a spare slot */
	struct strv fbt;
	struct strv pid; /* for pid_prov of process pid_of */
	char pid_prov[64];
	int64_t pid_of;
	int cat_done, fbt_done;
} eng;

struct desc_out {
	struct strv *v;
	const char *prov; /* instead of the probe's (pid$target), or NULL */
	int err;
};

static void desc_add(const char *prov, const char *mod, const char *func, const char *name, void *arg)
{
	struct desc_out *o = arg;
	char *s;

	if (o->err)
		return;
	if (asprintf(&s, "%s:%s:%s:%s", o->prov ? o->prov : prov, mod, func, name) < 0)
		s = NULL;
	o->err = strv_push(o->v, s);
}

/* The probes matching each description (a handle of our own: listing adds
 * probes to a handle's catalogue, which the running one need not keep). */
static void list_probes(struct strv *v, const char *prov, const char *const *descs)
{
	struct dscope *h = dscope_new("dscope");
	struct desc_out o = { v, prov, 0 };

	if (!h)
		return;
	for (; *descs && !o.err; descs++)
		dscope_probes(h, *descs, desc_add, &o);
	dscope_free(h);
}

static const char *const *probe_list(const char *prov, void *arg)
{
	struct dscope *h = arg;
	int64_t target = h ? dscope_target(h) : -1;

	if (!strcmp(prov, "fbt")) {
		static const char *const descs[] = { "fbt:::", NULL };

		if (!eng.fbt_done++)
			list_probes(&eng.fbt, NULL, descs);
		return (const char *const *)eng.fbt.v;
	}
	if (!strncmp(prov, "pid", 3) && prov[3]) {
		int64_t pid = !strcmp(prov, "pid$target") ? target : strtoll(prov + 3, NULL, 10);
		char e[64], r[64];
		const char *descs[] = { e, r, NULL };

		if (pid <= 0)
			return NULL;
		if (pid != eng.pid_of || strcmp(prov, eng.pid_prov)) {
			strv_clear(&eng.pid);
			eng.pid_of = pid;
			snprintf(eng.pid_prov, sizeof(eng.pid_prov), "%s", prov);
			snprintf(e, sizeof(e), "pid%lld:::entry", (long long)pid);
			snprintf(r, sizeof(r), "pid%lld:::return", (long long)pid);
			list_probes(&eng.pid, eng.pid_prov, descs);
		}
		return (const char *const *)eng.pid.v;
	}
	if (!eng.cat_done++) {
		/* every profile rate is a probe: the two most written stand for them */
		static const char *const descs[] = { "", "profile:::profile-97", "profile:::tick-1s", NULL };

		list_probes(&eng.cat, NULL, descs);
		strv_push(&eng.cat, strdup("fbt:::"));
	}
	/* the spare slot: a provider that exists only with a process */
	if (eng.cat.n)
		eng.cat.v[eng.cat.n] = !prov[0] && target > 0 ? (char *)"pid$target:::" : NULL;
	return (const char *const *)eng.cat.v;
}

static const char **names(enum dscope_name_kind k, const char **prev, int *n)
{
	const char **v;
	int m = 0;

	while (dscope_name(k, m))
		m++;
	v = realloc(prev, sizeof(*v) * (size_t)(*n + m + 1));
	if (!v)
		return prev;
	for (int i = 0; i < m; i++)
		v[*n + i] = dscope_name(k, i);
	*n += m;
	v[*n] = NULL;
	return v;
}

void complete_src_engine(struct complete_src *src, struct dscope *h)
{
	char b[256];
	int n = 0;

	memset(src, 0, sizeof(*src));
	if (!eng.idents) {
		eng.idents = names(DSCOPE_NAME_BUILTIN, NULL, &eng.nstatic);
		eng.idents = names(DSCOPE_NAME_KEYWORD, eng.idents, &eng.nstatic);
		eng.funcs = names(DSCOPE_NAME_FUNC, NULL, &n);
		n = 0;
		eng.options = names(DSCOPE_NAME_OPTION, NULL, &n);
	}
	/* the running program's variables, after the static names */
	if (eng.idents)
		eng.idents[eng.nstatic] = NULL;
	strv_clear(&eng.vars);
	for (int i = 0; h && dscope_var_name(h, i, b, sizeof(b)) == 0; i++)
		if (strcmp(b, "@") && strv_push(&eng.vars, strdup(b)))
			break;
	if (eng.idents) {
		const char **v = realloc(eng.idents, sizeof(*v) * ((size_t)eng.nstatic + eng.vars.n + 1));

		if (v) {
			eng.idents = v;
			for (size_t i = 0; i < eng.vars.n; i++)
				v[eng.nstatic + (int)i] = eng.vars.v[i];
			v[eng.nstatic + (int)eng.vars.n] = NULL;
		}
	}
	src->commands = commands;
	src->options = eng.options;
	src->idents = eng.idents;
	src->funcs = eng.funcs;
	src->probes = probe_list;
	src->arg = h;
}
