/*
 * prov_tp.c - the tracepoint provider; see prov_tp.h.
 *
 * The probes come from tracefs's available_events ("subsystem:name" per
 * line), all at once the first time a description could name one.  A
 * probe's record layout is read from its format file only when a clause
 * uses it, since there are thousands:
 *
 *	field:unsigned int nr_sector;	offset:24;	size:4;	signed:0;
 *	field:char rwbs[10];	offset:34;	size:10;	signed:0;
 *	field:__data_loc char[] cmd;	offset:60;	size:4;	signed:0;
 *
 * Integers keep their size and signedness, pointers become 64-bit unsigned
 * integers, char arrays and __data_loc strings become strings, other arrays
 * are indexed (args->args[1]).  Fields of other sizes (embedded structures)
 * are left out, and so are the common_ fields, which the kernel fills only
 * after the programs ran.
 */
#include "prov_tp.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dprog.h"

const char *tp_root(void)
{
	static const char *const roots[] = { "/sys/kernel/tracing", "/sys/kernel/debug/tracing" };

	for (size_t i = 0; i < sizeof(roots) / sizeof(roots[0]); i++) {
		char p[64];

		snprintf(p, sizeof(p), "%s/events", roots[i]);
		if (access(p, R_OK) == 0)
			return roots[i];
	}
	return NULL;
}

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t len = 0, cap = 0, n;

	if (!f)
		return NULL;
	do {
		if (len + 4096 + 1 > cap) {
			char *nb = realloc(buf, cap = cap ? cap * 2 : 16384);

			if (!nb) {
				free(buf);
				fclose(f);
				errno = ENOMEM;
				return NULL;
			}
			buf = nb;
		}
		n = fread(buf + len, 1, 4096, f);
		len += n;
	} while (n > 0);
	fclose(f);
	buf[len] = 0;
	return buf;
}

int tp_probes_create(struct probe_table *t)
{
	char path[128], *text, *line, *save = NULL;
	const char *root;
	int added = 0;

	if (t->tp_done)
		return 0;
	t->tp_done = 1;
	root = tp_root();
	if (!root)
		return 0;
	snprintf(path, sizeof(path), "%s/available_events", root);
	text = read_file(path);
	if (!text)
		return errno == ENOMEM ? -ENOMEM : 0;
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *colon = strchr(line, ':');
		struct probe *v, *p;

		if (!colon || colon == line || !colon[1])
			continue;
		*colon = 0;
		v = realloc(t->v, (t->n + 1) * sizeof(*v));
		if (!v) {
			free(text);
			return -ENOMEM;
		}
		t->v = v;
		p = &v[t->n];
		*p = (struct probe){ .id = (uint32_t)t->n,
				     .kind = PK_TRACEPOINT,
				     .prov = "tracepoint",
				     .mod = strdup(line),
				     .func = "",
				     .name = strdup(colon + 1) };
		if (asprintf((char **)&p->path, "%s/%s", line, colon + 1) < 0)
			p->path = NULL;
		if (!p->mod || !p->name || !p->path) {
			free((char *)p->mod);
			free((char *)p->name);
			free((char *)p->path);
			p->prov = NULL;
			free(text);
			return -ENOMEM;
		}
		t->n++;
		added++;
	}
	free(text);
	return added;
}

int tp_event_id(const char *path)
{
	const char *root = tp_root();
	char p[320];
	FILE *f;
	int id = -1;

	if (!root)
		return -ENOENT;
	snprintf(p, sizeof(p), "%s/events/%s/id", root, path);
	f = fopen(p, "r");
	if (!f)
		return -errno;
	if (fscanf(f, "%d", &id) != 1)
		id = -EINVAL;
	fclose(f);
	return id;
}

static int getnum(const char *s, const char *key, long *v)
{
	const char *p = strstr(s, key);

	if (!p)
		return -1;
	*v = strtol(p + strlen(key), NULL, 10);
	return 0;
}

/* One "field:" line into m; 0, or -1 to leave the field out */
static int parse_field(char *decl, long off, long size, long sgn, struct d_member *m)
{
	size_t len = strlen(decl);
	char *br, *end, *name;
	int loc = strncmp(decl, "__data_loc ", 11) == 0;
	long nelem = 0;

	while (len && isspace((unsigned char)decl[len - 1]))
		decl[--len] = 0;
	/* an array's [N] ends the declaration (__data_loc char[] x's does not) */
	br = len && decl[len - 1] == ']' ? strrchr(decl, '[') : NULL;
	/* the name is the last identifier before any [N] */
	end = br ? br : decl + strlen(decl);
	while (end > decl && isspace((unsigned char)end[-1]))
		end--;
	name = end;
	while (name > decl && (isalnum((unsigned char)name[-1]) || name[-1] == '_'))
		name--;
	if (name == end)
		return -1;
	/* the common_ fields are not filled in yet when programs run */
	if (end - name > 7 && strncmp(name, "common_", 7) == 0)
		return -1;
	m->name = strndup(name, (size_t)(end - name));
	if (!m->name)
		return -1;
	*name = 0; /* decl is now the type */
	{
		size_t tl = strlen(decl);

		while (tl && isspace((unsigned char)decl[tl - 1]))
			decl[--tl] = 0;
		char *ct = NULL;

		if (!br)
			ct = strdup(decl);
		else if (asprintf(&ct, "%s[%ld]", decl, strtol(br + 1, NULL, 10)) < 0)
			ct = NULL;
		m->ctype = ct;
	}
	m->off = (int)off;
	m->size = (int)size;
	m->type = (struct d_type){ TY_INT, 8, 1, 0, NULL };
	if (loc) {
		m->how = MB_CTX_LOC;
		m->type = (struct d_type){ TY_STR, 0, 0, 0, NULL }; /* size: strsize, at use */
		return 0;
	}
	if (br) {
		nelem = strtol(br + 1, NULL, 10);
		if (nelem <= 0 || size % nelem)
			goto skip;
		if (strstr(decl, "char") && size / nelem == 1 && !strstr(decl, "unsigned")) {
			m->how = MB_CTX_STR;
			m->type = (struct d_type){ TY_STR, (int)size + 1, 0, 0, NULL };
			return 0;
		}
		size /= nelem;
		m->how = MB_CTX_ARR;
		m->nelem = (int)nelem;
	} else {
		m->how = MB_CTX;
	}
	if (strchr(decl, '*')) {
		if (size != 8)
			goto skip;
		return 0;
	}
	if (size != 1 && size != 2 && size != 4 && size != 8)
		goto skip;
	m->type = (struct d_type){ TY_INT, (int)size, !sgn, 0, NULL };
	return 0;
skip:
	free((char *)m->name);
	free((char *)m->ctype);
	return -1;
}

struct d_struct *tp_format_parse(const char *name, const char *text)
{
	struct d_struct *st = calloc(1, sizeof(*st));
	struct d_member *m = NULL;
	int n = 0, cap = 0;
	const char *line = text;

	if (!st || !(st->name = strdup(name))) {
		free(st);
		return NULL;
	}
	st->is_tp = 1;
	while (line && *line) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		char buf[512], *f, *semi;
		long off, size, sgn = 0;

		if (len >= sizeof(buf))
			len = sizeof(buf) - 1;
		memcpy(buf, line, len);
		buf[len] = 0;
		line = nl ? nl + 1 : NULL;
		f = strstr(buf, "field:");
		if (!f || getnum(buf, "offset:", &off) || getnum(buf, "size:", &size))
			continue;
		getnum(buf, "signed:", &sgn);
		f += 6;
		semi = strchr(f, ';');
		if (!semi)
			continue;
		*semi = 0;
		if (n == cap) {
			struct d_member *nm = realloc(m, sizeof(*m) * (size_t)(cap = cap ? cap * 2 : 16));

			if (!nm)
				break;
			m = nm;
		}
		memset(&m[n], 0, sizeof(m[n]));
		if (parse_field(f, off, size, sgn, &m[n]) == 0)
			n++;
	}
	st->m = m;
	st->n = n;
	return st;
}

void tp_struct_free(const struct d_struct *st)
{
	if (!st)
		return;
	for (int i = 0; i < st->n; i++) {
		free((char *)st->m[i].name);
		free((char *)st->m[i].ctype);
	}
	free((void *)st->m);
	free((char *)st->name);
	free((void *)st);
}

struct d_struct *tp_format_load(const char *tp)
{
	const char *root = tp_root();
	char path[320], *text;
	struct d_struct *st;

	if (!root || !tp) {
		errno = ENOENT;
		return NULL;
	}
	snprintf(path, sizeof(path), "%s/events/%s/format", root, tp);
	text = read_file(path);
	if (!text)
		return NULL;
	snprintf(path, sizeof(path), "%s", tp);
	if (strchr(path, '/'))
		*strchr(path, '/') = ':';
	st = tp_format_parse(path, text);
	free(text);
	if (!st)
		errno = ENOMEM;
	return st;
}

const struct d_struct *tp_struct(struct probe *p)
{
	if (!p->st)
		p->st = tp_format_load(p->path);
	return p->st;
}

const struct d_member *tp_member(const struct d_struct *st, const char *name)
{
	for (int i = 0; st && i < st->n; i++)
		if (strcmp(st->m[i].name, name) == 0)
			return &st->m[i];
	return NULL;
}
