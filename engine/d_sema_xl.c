/*
 * d_sema_xl.c - typed probe arguments and their members: a tracepoint's
 * record (args->field), dtrace's translated types (args[0]->b_bcount,
 * curpsinfo->pr_psargs) and the threads they speak of.
 *
 * A struct value exists only as the left side of `->`: sema_member resolves
 * the pair to one member, whose recipe (enum mb_how, enum xl_code) the code
 * generator follows.  The translated types are dtrace's, with the members
 * Linux can fill; each member's code says where its value comes from.
 */
#include <string.h>

#include "d_sema.h"

#define M_INT(n, sz, uns, c)                                                                                 \
	{                                                                                                    \
		n, { TY_INT, sz, uns, 0, NULL }, MB_XL, 0, 0, 0, c, NULL                                     \
	}
#define M_STR(n, sz, c)                                                                                      \
	{                                                                                                    \
		n, { TY_STR, sz, 0, 0, NULL }, MB_XL, 0, 0, 0, c, NULL                                       \
	}

static const struct d_member psinfo_m[] = {
	M_INT("pr_pid", 4, 0, XL_PR_PID),   M_INT("pr_ppid", 4, 0, XL_PR_PPID),
	M_INT("pr_uid", 4, 1, XL_PR_UID),   M_INT("pr_gid", 4, 1, XL_PR_GID),
	M_STR("pr_fname", 16, XL_PR_FNAME), M_STR("pr_psargs", 80, XL_PR_PSARGS),
};
static const struct d_member lwpsinfo_m[] = {
	M_INT("pr_lwpid", 4, 0, XL_PR_LWPID),
	M_INT("pr_onpro", 4, 0, XL_PR_ONPRO),
};
static const struct d_member bufinfo_m[] = {
	M_INT("b_flags", 4, 0, XL_B_FLAGS),    M_INT("b_bcount", 8, 1, XL_B_BCOUNT),
	M_INT("b_bufsize", 8, 1, XL_B_BCOUNT), M_INT("b_blkno", 8, 1, XL_B_BLKNO),
	M_INT("b_lblkno", 8, 1, XL_B_BLKNO),   M_INT("b_error", 4, 0, XL_B_ERROR),
	M_INT("b_edev", 8, 1, XL_B_EDEV),
};
static const struct d_member devinfo_m[] = {
	M_INT("dev_major", 4, 0, XL_DEV_MAJOR),	    M_INT("dev_minor", 4, 0, XL_DEV_MINOR),
	M_INT("dev_instance", 4, 0, XL_DEV_MINOR),  M_STR("dev_name", 32, XL_DEV_NAME),
	M_STR("dev_statname", 32, XL_DEV_STATNAME), M_STR("dev_pathname", 40, XL_DEV_PATHNAME),
};
static const struct d_member fileinfo_m[] = {
	M_STR("fi_name", 10, XL_FI_UNKNOWN),	 M_STR("fi_dirname", 10, XL_FI_UNKNOWN),
	M_STR("fi_pathname", 10, XL_FI_UNKNOWN), M_STR("fi_mount", 10, XL_FI_UNKNOWN),
	M_STR("fi_fs", 10, XL_FI_UNKNOWN),	 M_INT("fi_offset", 8, 0, XL_FI_OFFSET),
};

#define ST(name, m)                                                                                          \
	{                                                                                                    \
		name, m, sizeof(m) / sizeof(m[0]), 0                                                         \
	}
static const struct d_struct psinfo_st = ST("psinfo_t", psinfo_m);
static const struct d_struct lwpsinfo_st = ST("lwpsinfo_t", lwpsinfo_m);
static const struct d_struct bufinfo_st = ST("bufinfo_t", bufinfo_m);
static const struct d_struct devinfo_st = ST("devinfo_t", devinfo_m);
static const struct d_struct fileinfo_st = ST("fileinfo_t", fileinfo_m);

/* dtrace's b_flags bits */
enum { B_READ = 0x40, B_WRITE = 0x100 };

/* args[n]'s translated type at a probe kind; *subj: it speaks of the
 * probe's argument thread (kept in the prologue) */
static const struct d_struct *kind_arg(int kind, int n)
{
	static const struct d_struct *const io[3] = { &bufinfo_st, &devinfo_st, &fileinfo_st };
	static const struct d_struct *const thr[2] = { &lwpsinfo_st, &psinfo_st };

	switch (kind) {
	case PK_IO_START:
	case PK_IO_DONE:
	case PK_IO_WAIT_START:
	case PK_IO_WAIT_DONE:
		return n < 3 ? io[n] : NULL;
	case PK_PROC_CREATE:
		return n == 0 ? &psinfo_st : NULL;
	case PK_PROC_LWP_CREATE:
	case PK_PROC_SIGNAL_SEND:
	case PK_SCHED_WAKEUP:
	case PK_SCHED_ENQUEUE:
	case PK_SCHED_DEQUEUE:
		return n < 2 ? thr[n] : NULL;
	}
	return NULL;
}

/* The clause's probes all give args[n] the same translated type: it, else
 * NULL.  A clause with any probe of another kind has none. */
static const struct d_struct *clause_arg(const struct d_cclause *cc, int n)
{
	const struct d_struct *st = NULL;

	if (cc->nsys[0] || cc->nsys[1] || cc->nuids[0] || cc->nuids[1] || cc->nprof || !cc->kinds)
		return NULL;
	for (int k = 0; k < 64; k++) {
		const struct d_struct *a;

		if (!(cc->kinds & (1ull << k)))
			continue;
		a = kind_arg(k, n);
		if (!a || (st && st != a))
			return NULL;
		st = a;
	}
	return st;
}

/* The tracepoint record every probe of the clause shares, else NULL */
static const struct d_struct *clause_tp(struct sema *s, const struct d_cclause *cc, const char *member,
					const struct d_member **mb)
{
	const struct d_struct *st = NULL;

	*mb = NULL;
	if (cc->nsys[0] || cc->nsys[1] || cc->nuids[0] || cc->nuids[1] || cc->kinds || !cc->nprof)
		return NULL;
	for (int i = 0; i < cc->nprof; i++) {
		const struct probe *p = probe_get(s->o->pt, cc->prof[i]);
		const struct d_member *m;

		if (!p || p->kind != PK_TRACEPOINT || !p->st)
			return NULL;
		m = tp_member(p->st, member);
		if (!st) {
			st = p->st;
			*mb = m;
			continue;
		}
		/* every record must hold the member at the same place */
		if (!m != !*mb ||
		    (m && (m->how != (*mb)->how || m->off != (*mb)->off || m->size != (*mb)->size ||
			   m->type.k != (*mb)->type.k || m->type.size != (*mb)->type.size ||
			   m->type.is_unsigned != (*mb)->type.is_unsigned)))
			return NULL;
	}
	return st;
}

static int not_member(struct sema *s, struct d_expr *e, const char *sname)
{
	return sema_err(s, e->pos, "D_MEMBER_NAME", "%s is not a member of %s", e->name, sname);
}

static int unstable(struct sema *s, struct d_expr *e, const char *what)
{
	return sema_err(s, e->pos, "D_ARGS_MULTI",
			"%s may not be referenced because the clause's probes do not share its type", what);
}

/* Give a member expression its member and type */
static int set_member(struct sema *s, struct d_expr *e, const struct d_member *m, int subj)
{
	e->mb = m;
	e->ival = subj;
	if (m->type.k == TY_STR && m->how != MB_XL)
		e->type = sema_type_str(
		    s, m->how == MB_CTX_LOC || m->type.size > s->o->strsize ? s->o->strsize : m->type.size);
	else
		e->type = &m->type;
	return 0;
}

int sema_member(struct sema *s, struct d_expr *e, int indexed)
{
	struct d_expr *l = e->left;
	const struct d_struct *st = NULL;
	const struct d_member *m = NULL;
	int subj = 0;

	if (l->kind == DE_IDENT && strcmp(l->name, "args") == 0) {
		st = clause_tp(s, s->cc, e->name, &m);
		if (!st)
			return unstable(s, e, "args");
	} else if (l->kind == DE_IDENT &&
		   (strcmp(l->name, "curpsinfo") == 0 || strcmp(l->name, "curlwpsinfo") == 0)) {
		st = l->name[3] == 'p' ? &psinfo_st : &lwpsinfo_st;
	} else if (l->kind == DE_INDEX && l->left->kind == DE_IDENT && strcmp(l->left->name, "args") == 0 &&
		   l->nargs == 1 && l->args->kind == DE_INT) {
		st = l->args->ival >= 0 && l->args->ival < 10 ? clause_arg(s->cc, (int)l->args->ival) : NULL;
		if (!st)
			return unstable(s, e, arena_printf(s->a, "args[%d]", (int)l->args->ival));
		subj = 1;
	} else {
		if (sema_expr(s, l))
			return -1;
		return sema_err(s, e->pos, "D_OP_SOU",
				"operator %s cannot be applied to type \"%s\"; must be applied to a struct "
				"or union",
				e->op == D_ARROW ? "->" : ".", sema_type_name(l->type));
	}
	if (e->op != D_ARROW)
		return sema_err(s, e->pos, "D_OP_SOU",
				"operator . cannot be applied to type \"%s *\"; must be applied to a struct "
				"or union",
				st->name);
	if (!st->is_tp)
		for (int i = 0; i < st->n; i++)
			if (strcmp(st->m[i].name, e->name) == 0)
				m = &st->m[i];
	if (!m)
		return not_member(s, e, st->is_tp ? arena_printf(s->a, "tracepoint %s", st->name) : st->name);
	if ((m->how == MB_CTX_ARR) != !!indexed)
		return sema_err(s, e->pos, indexed ? "D_OP_ARRFUN" : "D_TYPE_ARR",
				indexed ? "operator [ ] may not be applied to member %s"
					: "member %s is an array and needs an index",
				e->name);
	if (st == &psinfo_st || st == &lwpsinfo_st)
		s->dp->needs_ktypes = 1;
	return set_member(s, e, m, subj);
}

int sema_index_member(struct sema *s, struct d_expr *e)
{
	struct d_expr *mem = e->left;

	if (e->nargs != 1)
		return sema_err(s, e->pos, "D_ARR_BADREF", "an array member takes one index");
	if (sema_member(s, mem, 1) || sema_expr(s, e->args))
		return -1;
	if (!sema_is_int(e->args->type))
		return sema_err(s, e->args->pos, "D_ARR_BADREF", "array index must be an integer");
	e->mb = mem->mb;
	e->type = &mem->mb->type;
	return 0;
}

int sema_is_struct_arg(struct sema *s, const struct d_expr *e)
{
	return e->kind == DE_INDEX && e->nargs == 1 && e->args->kind == DE_INT && e->args->ival >= 0 &&
	       e->args->ival < 10 && clause_arg(s->cc, (int)e->args->ival) != NULL;
}

int sema_b_flag(const char *name, int64_t *v)
{
	if (strcmp(name, "B_READ") == 0)
		*v = B_READ;
	else if (strcmp(name, "B_WRITE") == 0)
		*v = B_WRITE;
	else
		return 0;
	return 1;
}
