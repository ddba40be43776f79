/*
 * d_sema_act.c - the semantic pass, second half: aggregations, actions and
 * their record layout, statements, probe matching, and d_sema() itself,
 * which walks the program in order.  Expressions, variables and types are
 * in d_sema.c; the shared state is struct sema (d_sema.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "d_sema.h"
#include "prov_pid.h"
#include "prov_fbt.h"
#include "prov_tp.h"

/* ---- aggregations ---- */

static struct d_agg *agg_find(struct sema *s, const char *name)
{
	for (struct d_agg *g = s->dp->aggs; g; g = g->next)
		if (strcmp(g->desc.name, name) == 0)
			return g;
	return NULL;
}

static int sema_aggassign(struct sema *s, struct d_expr *e)
{
	struct d_expr *lhs = e->left, *call = e->right;
	int mn, mx, f;
	struct d_agg *g;
	int64_t param[4] = { 0 };

	if (call->kind != DE_CALL)
		return sema_err(s, call->pos, "D_AGG_FUNC", "@%s must be assigned an aggregating function",
				lhs->name);
	f = sema_func_lookup(call->name, &mn, &mx);
	if (f == F_NONE)
		return sema_err(s, call->pos, "D_FUNC_UNDEF", "undefined function name: %s", call->name);
	if (!sema_is_agg_func(f))
		return sema_err(s, call->pos, "D_AGG_FUNC", "%s( ) is not an aggregating function",
				call->name);
	call->func = f;
	if (call->nargs < mn || call->nargs > mx)
		return sema_err(s, call->pos, "D_PROTO_LEN",
				"%s( ) prototype mismatch: %d arg%s passed, %d expected", call->name,
				call->nargs, call->nargs == 1 ? "" : "s", mn);
	if (e->op != '=')
		return sema_err(s, e->pos, "D_AGG_FUNC", "aggregations may only be assigned with =");
	if (sema_keys(s, lhs->args))
		return -1;
	int i = 0;
	for (struct d_expr *a = call->args; a; a = a->next, i++) {
		if (sema_expr(s, a))
			return -1;
		if (!sema_is_int(a->type))
			return sema_err(s, a->pos, "D_AGG_SCALAR",
					"%s( ) argument #%d must be of scalar type", call->name, i + 1);
		if (i >= 1 && i <= 4 && f != F_QUANTIZE && !sema_const_value(a, &param[i - 1]) &&
		    !(f == F_LQUANTIZE && i == 4)) {
			static const char *lq[] = { "D_LQUANT_BASETYPE", "D_LQUANT_LIMTYPE",
						    "D_LQUANT_STEPTYPE" };
			static const char *llq[] = { "D_LLQUANT_FACTORTYPE", "D_LLQUANT_LOWTYPE",
						     "D_LLQUANT_HIGHTYPE", "D_LLQUANT_NSTEPTYPE" };

			return sema_err(s, a->pos, f == F_LQUANTIZE ? lq[i - 1] : llq[i - 1],
					"%s( ) argument #%d must be an integer constant", call->name, i);
		}
	}
	if (f == F_LQUANTIZE) {
		int64_t base = param[0], limit = param[1], step = call->nargs == 3 ? 1 : param[2];

		if (step <= 0)
			return sema_err(
			    s, call->pos, "D_LQUANT_STEPTYPE",
			    "lquantize( ) argument #3 must be a non-zero positive integer constant");
		if (limit <= base)
			return sema_err(
			    s, call->pos, "D_LQUANT_MISMATCH",
			    "lquantize( ) base (argument #1) must be less than limit (argument #2)");
		if ((limit - base) / step < 1)
			return sema_err(s, call->pos, "D_LQUANT_STEPLARGE",
					"lquantize( ) step (argument #3) too large: must have at least one "
					"quantization level");
		/* a per-CPU map value holds at most 32 KiB: about 4000 buckets */
		if ((limit - base) / step > 4000)
			return sema_err(s, call->pos, "D_LQUANT_STEPSMALL",
					"lquantize( ) step (argument #3) too small: at most 4000 levels fit "
					"a per-CPU map value");
		param[2] = step;
		param[3] = (limit - base) / step;
	}
	if (f == F_LLQUANTIZE) {
		int64_t b[1024];

		if (param[0] < 2)
			return sema_err(s, call->pos, "D_LLQUANT_FACTORVAL",
					"llquantize( ) argument #1 (factor) must be two or more");
		if (param[1] < 0)
			return sema_err(s, call->pos, "D_LLQUANT_LOWVAL",
					"llquantize( ) argument #2 (low magnitude) must be non-negative");
		if (param[2] < param[1])
			return sema_err(s, call->pos, "D_LLQUANT_HMAGVAL",
					"llquantize( ) argument #3 (high magnitude) must be at least "
					"argument #2 (low magnitude)");
		if (param[3] < 1)
			return sema_err(s, call->pos, "D_LLQUANT_NSTEPVAL",
					"llquantize( ) argument #4 (steps) must be a positive integer");
		if (agg_llq_bounds(param[0], param[1], param[2], param[3], b, 1024) < 0)
			return sema_err(s, call->pos, "D_LLQUANT_NSTEPMATCH",
					"llquantize( ) argument #1 (factor) must evenly divide argument #4 "
					"(steps) or be a multiple of it, within 1024 buckets");
	}
	g = agg_find(s, lhs->name);
	if (g) {
		if (g->desc.func == AGG_LQUANTIZE && f == F_LQUANTIZE) {
			static const char *tag[] = { "D_LQUANT_MATCHBASE", "D_LQUANT_MATCHLIM",
						     "D_LQUANT_MATCHSTEP" };
			static const char *what[] = { "base (argument #1)", "limit (argument #2)",
						      "step (argument #3)" };

			for (int k = 0; k < 3; k++)
				if (g->desc.param[k] != param[k])
					return sema_err(s, e->pos, tag[k],
							"lquantize( ) %s doesn't match previous declaration: "
							"expected %lld, found %lld",
							what[k], (long long)g->desc.param[k],
							(long long)param[k]);
		}
		if (g->desc.func != (enum agg_func)(f - F_COUNT) ||
		    memcmp(g->desc.param, param, sizeof(param)) != 0)
			return sema_err(s, e->pos, "D_AGG_REDEF",
					"aggregation redefined: @%s\n\t current: @%s = %s( )\n\tprevious: "
					"@%s = %s( ) : line %d",
					lhs->name, lhs->name, call->name, lhs->name, g->fname, g->pos.line);
		if (sema_key_layout(s, lhs->pos, lhs->args, lhs->nargs, g->keys, g->keyoff, &g->desc.nkeys,
				    &g->keysize, 0, arena_printf(s->a, "@%s", lhs->name)))
			return -1;
	} else {
		struct d_agg **pp = &s->dp->aggs;

		g = arena_alloc(s->a, sizeof(*g));
		g->desc.name = lhs->name;
		g->fname = call->name;
		g->pos = e->pos;
		g->desc.id = s->dp->naggs++;
		g->desc.func = (enum agg_func)(f - F_COUNT);
		memcpy(g->desc.param, param, sizeof(param));
		g->desc.ndata = agg_ndata(g->desc.func, param);
		if (sema_key_layout(s, lhs->pos, lhs->args, lhs->nargs, g->keys, g->keyoff, &g->desc.nkeys,
				    &g->keysize, 1, arena_printf(s->a, "@%s", lhs->name)))
			return -1;
		g->by_probe = g->desc.nkeys > 0;
		for (int k = 0; k < g->desc.nkeys; k++) {
			if (g->keys[k].k != TY_PROBEF)
				g->by_probe = 0;
			if (g->keys[k].k == TY_STACK && g->keys[k].size > 8)
				g->in_user = 1;
		}
		g->map = -1;
		while (*pp)
			pp = &(*pp)->next;
		*pp = g;
	}
	lhs->var = NULL;
	lhs->builtin = g->desc.id;
	lhs->type = &T_VOID;
	e->type = &T_VOID;
	s->cc->needs_scratch = 1;
	return 0;
}

/* ---- actions ---- */

static struct d_act *act_new(struct sema *s, enum act_kind k, struct d_pos pos)
{
	struct d_act *a = arena_alloc(s->a, sizeof(*a)), **pp = &s->cc->acts;

	a->kind = k;
	a->pos = pos;
	a->bit = s->cc->nacts++;
	while (*pp)
		pp = &(*pp)->next;
	*pp = a;
	return a;
}

struct d_act *sema_act_add(struct sema *s, enum act_kind k, struct d_pos pos)
{
	return act_new(s, k, pos);
}

static int rec_slot(struct sema *s, const struct d_type *t)
{
	int sz = d_type_slot(t);
	int off = s->rec_off;

	s->rec_off += sz;
	return off;
}

/* The aggregation arguments of printa, clear, trunc, normalize, denormalize
 * (argument `argno` onwards), with dtrace's tags and messages. */
static int agg_ref_list(struct sema *s, struct d_expr *args, struct d_act *a, const char *fn, int argno,
			struct d_pos stmt)
{
	int n = 0;
	const char *tag = !strcmp(fn, "printa")	 ? "D_PRINTA_AGGARG"
			  : !strcmp(fn, "clear") ? "D_CLEAR_AGGARG"
			  : !strcmp(fn, "trunc") ? "D_TRUNC_AGGARG"
						 : "D_NORMALIZE_AGGARG";

	for (struct d_expr *x = args; x; x = x->next)
		n++;
	a->aggs = arena_alloc(s->a, sizeof(int) * (size_t)(n ? n : 1));
	for (struct d_expr *x = args; x; x = x->next, argno++) {
		struct d_agg *g;

		if (x->kind != DE_AGG || x->nargs) {
			if (x->kind != DE_AGG && sema_expr(s, x))
				return -1;
			return sema_err(s, stmt, tag,
					"%s( ) argument #%d is incompatible with prototype:\n\tprototype: "
					"aggregation\n\t argument: %s",
					fn, argno,
					x->kind == DE_AGG ? "aggregation element" : sema_type_name(x->type));
		}
		g = agg_find(s, x->name);
		if (!g)
			return sema_err(s, x->pos, "D_AGG_NULL", "undefined aggregation: @%s", x->name);
		a->aggs[a->naggs++] = g->desc.id;
	}
	return 0;
}

int sema_record_args(struct sema *s, struct d_act *a, struct d_expr *args, int n)
{
	int i = 0;

	a->args = arena_alloc(s->a, sizeof(*a->args) * (size_t)(n ? n : 1));
	for (struct d_expr *x = args; x; x = x->next, i++) {
		if (sema_expr(s, x))
			return -1;
		if (x->type->k == TY_VOID)
			return sema_err(s, x->pos, "D_PROTO_ARG",
					"argument #%d of type void cannot be recorded", i + 1);
		a->args[i].type = *x->type;
		if (x->type->k == TY_INT)
			a->args[i].type.size = x->type->size;
		a->args[i].off = rec_slot(s, x->type);
	}
	a->nargs = n;
	s->cc->needs_scratch = 1;
	return 0;
}

int sema_int_action(struct sema *s, struct d_expr *e, enum act_kind k, const char *name)
{
	struct d_act *a = act_new(s, k, e->pos);

	if (sema_record_args(s, a, e->args, 1))
		return -1;
	if (!sema_is_int(e->args->type))
		return sema_err(s, e->args->pos, "D_PROTO_ARG",
				"%s( ) argument #1 is incompatible with prototype:\n\tprototype: "
				"int\n\t argument: %s",
				name, sema_type_name(e->args->type));
	return 0;
}

int sema_fmt_action(struct sema *s, struct d_expr *e, enum act_kind k, const char *name)
{
	enum dval_kind kinds[64];
	struct d_pos pos[64];
	struct d_expr *first = e->args;
	struct d_act *a;
	int i = 0;

	if (first->kind != DE_STR)
		return sema_err(s, first->pos, "D_PRINTF_ARG_FMT",
				"%s( ) argument #1 must be a string constant", name ? name : "printf");
	a = act_new(s, k, e->pos);
	a->fmt = fmt_parse(s->a, first->str, 0, first->pos, s->dg);
	if (!a->fmt)
		return -1;
	if (name)
		a->fmt->func = name;
	if (sema_record_args(s, a, first->next, e->nargs - 1))
		return -1;
	for (struct d_expr *x = first->next; x; x = x->next, i++) {
		kinds[i] = sema_is_strlike(x->type) ? DV_STR : x->type->is_unsigned ? DV_UINT : DV_INT;
		pos[i] = x->pos;
	}
	return fmt_check(a->fmt, kinds, i, pos, e->pos, s->dg);
}

static int sema_action(struct sema *s, struct d_expr *e)
{
	int f = e->func;
	struct d_act *a;
	struct d_expr *first = e->args;

	switch (f) {
	case F_TRACE:
		a = act_new(s, ACT_TRACE, e->pos);
		return sema_record_args(s, a, first, 1);
	case F_EXIT:
		return sema_int_action(s, e, ACT_EXIT, "exit");
	case F_PRINTF:
		return sema_fmt_action(s, e, ACT_PRINTF, NULL);
	case F_PRINTA:
		a = act_new(s, ACT_PRINTA, e->pos);
		if (first->kind == DE_STR) {
			a->fmt = fmt_parse(s->a, first->str, 1, first->pos, s->dg);
			if (!a->fmt)
				return -1;
			first = first->next;
			if (!first)
				return sema_err(s, e->pos, "D_PRINTA_PROTO",
						"printa( ) prototype mismatch: 1 args passed, 2 expected");
		}
		if (agg_ref_list(s, first, a, "printa", a->fmt ? 2 : 1, e->pos))
			return -1;
		if (a->fmt) {
			/* the conversions other than %@ take the first
			 * aggregation's keys */
			const struct d_agg *g;
			enum dval_kind kinds[8];
			int nk = 0;

			for (g = s->dp->aggs; g && g->desc.id != a->aggs[0]; g = g->next)
				;
			for (int k = 0; g && k < g->desc.nkeys; k++)
				kinds[nk++] = g->keys[k].k == TY_STACK	     ? DV_STACK
					      : g->keys[k].k == TY_SYM	     ? DV_SYM
					      : sema_is_strlike(&g->keys[k]) ? DV_STR
					      : g->keys[k].is_unsigned	     ? DV_UINT
									     : DV_INT;
			return fmt_check(a->fmt, kinds, nk, NULL, e->pos, s->dg);
		}
		return 0;
	case F_CLEAR:
	case F_DENORMALIZE:
		a = act_new(s, f == F_CLEAR ? ACT_CLEAR : ACT_DENORMALIZE, e->pos);
		return agg_ref_list(s, first, a, e->name, 1, e->pos);
	case F_TRUNC:
	case F_NORMALIZE:
		a = act_new(s, f == F_TRUNC ? ACT_TRUNC : ACT_NORMALIZE, e->pos);
		{
			struct d_expr *rest = first->next;

			first->next = NULL;
			if (agg_ref_list(s, first, a, e->name, 1, e->pos))
				return -1;
			first->next = rest;
			if (rest) {
				if (sema_record_args(s, a, rest, 1))
					return -1;
				if (!sema_is_int(rest->type))
					return sema_err(s, e->pos, "D_PROTO_ARG",
							"%s( ) argument #2 is incompatible with "
							"prototype:\n\tprototype: uint64_t\n\t argument: %s",
							e->name, sema_type_name(rest->type));
			}
		}
		return 0;
	case F_SETOPT:
		if (first->kind != DE_STR || (first->next && first->next->kind != DE_STR))
			return sema_err(s, first->pos, "D_PROTO_ARG",
					"setopt( ) arguments must be string constants");
		a = act_new(s, ACT_SETOPT, e->pos);
		a->optname = first->str;
		a->optval = first->next ? first->next->str : NULL;
		return 0;
	default:
		if (f >= F_SPECULATE && f <= F_PANIC)
			return sema_spec_action(s, e);
	}
	return sema_err(s, e->pos, "D_SYNTAX", "unsupported action %s", e->name);
}

/* ---- statements ---- */

static int sema_stmt(struct sema *s, struct d_stmt *st)
{
	for (; st; st = st->next) {
		struct d_expr *e = st->expr;

		switch (st->kind) {
		case DS_EMPTY:
			break;
		case DS_BLOCK:
			if (sema_stmt(s, st->body))
				return -1;
			break;
		case DS_IF:
			if (sema_expr(s, e))
				return -1;
			if (e->type->k != TY_INT)
				return sema_err(s, e->pos, "D_OP_SCALAR",
						"if condition must be of scalar type");
			if (sema_stmt(s, st->then) || sema_stmt(s, st->els))
				return -1;
			break;
		case DS_EXPR:
			if (e->kind == DE_BINARY && e->left->kind == DE_AGG && e->right->kind == DE_CALL) {
				if (sema_aggassign(s, e) || sema_clause_flags(s, F_COUNT, e->pos))
					return -1;
				break;
			}
			if (e->kind == DE_CALL && (!strcmp(e->name, "stack") || !strcmp(e->name, "ustack"))) {
				/* the stack() and ustack() actions record the stack as
				 * trace() records a value */
				struct d_expr *call = arena_alloc(s->a, sizeof(*call));

				*call = *e;
				memset(e, 0, sizeof(*e));
				e->kind = DE_CALL;
				e->pos = call->pos;
				e->name = "trace";
				e->args = call;
				e->nargs = 1;
			}
			if (e->kind == DE_CALL) {
				int mn, mx, f = sema_func_lookup(e->name, &mn, &mx);

				if (sema_is_action(f)) {
					e->func = f;
					if (e->nargs < mn || e->nargs > mx)
						return sema_err(
						    s, e->pos, "D_PROTO_LEN",
						    "%s( ) prototype mismatch: %d arg%s passed, %d expected",
						    e->name, e->nargs, e->nargs == 1 ? "" : "s", mn);
					if (sema_action(s, e) || sema_clause_flags(s, f, e->pos))
						return -1;
					e->type = &T_VOID;
					break;
				}
			}
			if (sema_expr(s, e))
				return -1;
			break;
		}
	}
	return 0;
}

/* ---- probes ---- */

struct match_ctx {
	struct sema *s;
	struct d_cclause *cc;
	int n;
	const struct probe *bad; /* a tracepoint whose format cannot be read */
	int err;
	const char *refused; /* why the kernel cannot run a probe */
};

/* A per-probe program's id (profile, tick, tracepoint), once */
static void add_pprobe(struct match_ctx *m, uint32_t id)
{
	struct d_cclause *cc = m->cc;

	for (int i = 0; i < cc->nprof; i++)
		if (cc->prof[i] == id)
			return;
	if (cc->nprof == cc->capprof) {
		int cap = cc->capprof ? cc->capprof * 2 : 16;
		uint32_t *n = arena_alloc(m->s->a, sizeof(*n) * (size_t)cap);

		if (cc->nprof)
			memcpy(n, cc->prof, sizeof(*n) * (size_t)cc->nprof);
		cc->prof = n;
		cc->capprof = cap;
	}
	cc->prof[cc->nprof++] = id;
}

static void on_match(const struct probe *p, void *arg)
{
	struct match_ctx *m = arg;
	struct d_cclause *cc = m->cc;
	int r;

	switch (p->kind) {
	case PK_BEGIN:
	case PK_END:
	case PK_ERROR:
	case PK_SCHED_ON:
	case PK_SCHED_OFF:
	case PK_SCHED_SLEEP:
	case PK_SCHED_PREEMPT:
	case PK_SCHED_WAKEUP:
	case PK_PROC_EXEC:
	case PK_PROC_EXEC_FAILURE:
	case PK_PROC_EXEC_SUCCESS:
	case PK_PROC_EXIT:
	case PK_PROC_LWP_EXIT:
	case PK_PROC_CREATE:
	case PK_PROC_LWP_CREATE:
	case PK_PROC_SIGNAL_SEND:
	case PK_PROC_SIGNAL_HANDLE:
	case PK_SCHED_ENQUEUE:
	case PK_SCHED_DEQUEUE:
	case PK_SCHED_TICK:
	case PK_PROC_START:
	case PK_PROC_LWP_START:
	case PK_IO_WAIT_START:
	case PK_IO_WAIT_DONE:
		cc->kinds |= 1ull << p->kind;
		m->s->dp->needs_ktypes = 1;
		break;
	case PK_IO_START:
	case PK_IO_DONE:
		cc->kinds |= 1ull << p->kind;
		if (!tp_struct((struct probe *)p) && !m->bad) {
			m->bad = p;
			m->err = errno;
		}
		break;
	case PK_FBT_ENTRY:
	case PK_FBT_RETURN: {
		char why[256];

		if (!m->refused && fbt_support(m->s->o->pt, p, why, sizeof(why)) == FBT_NONE)
			m->refused = arena_strdup(m->s->a, why);
		add_pprobe(m, p->id);
		break;
	}
	case PK_TRACEPOINT:
		if (!tp_struct((struct probe *)p) && !m->bad) {
			m->bad = p;
			m->err = errno;
		}
		add_pprobe(m, p->id);
		break;
	case PK_SYSCALL_ENTRY:
	case PK_SYSCALL_RETURN:
		r = p->kind == PK_SYSCALL_RETURN;
		if (!(cc->sysmask[r][p->arg / 8] & (1u << (p->arg % 8)))) {
			cc->sysmask[r][p->arg / 8] |= (uint8_t)(1u << (p->arg % 8));
			cc->nsys[r]++;
		}
		break;
	case PK_VTIME:
		return;
	case PK_PROFILE:
	case PK_TICK:
		add_pprobe(m, p->id);
		break;
	case PK_UPROBE:
	case PK_URETPROBE:
		r = p->kind == PK_URETPROBE;
		if (cc->nuids[r] == cc->capuids[r]) {
			int cap = cc->capuids[r] ? cc->capuids[r] * 2 : 64;
			uint32_t *n = arena_alloc(m->s->a, sizeof(*n) * (size_t)cap);

			if (cc->nuids[r])
				memcpy(n, cc->uids[r], sizeof(*n) * (size_t)cc->nuids[r]);
			cc->uids[r] = n;
			cc->capuids[r] = cap;
		}
		cc->uids[r][cc->nuids[r]++] = p->id;
		break;
	}
	m->n++;
}

static const char *expand_field(struct sema *s, const char *f)
{
	const char *d = strchr(f, '$');

	if (!d)
		return f;
	if (strcmp(d, "$target") == 0)
		return arena_printf(s->a, "%.*s%lld", (int)(d - f), f, (long long)s->o->target);
	if (strcmp(d, "$pid") == 0)
		return arena_printf(s->a, "%.*s%u", (int)(d - f), f, s->o->self_pid);
	return f;
}

static int sema_probes(struct sema *s, struct d_cclause *cc, const struct d_clause *c)
{
	size_t mlen = (size_t)(s->o->pt->nsyscalls + 7) / 8;

	cc->sysmask[0] = arena_alloc(s->a, mlen);
	cc->sysmask[1] = arena_alloc(s->a, mlen);
	for (const struct d_probedesc *pd = c->probes; pd; pd = pd->next) {
		struct match_ctx m = { s, cc, 0, NULL, 0, NULL };
		int n;

		const char *prov = expand_field(s, pd->prov), *mod = expand_field(s, pd->mod),
			   *func = expand_field(s, pd->func), *name = expand_field(s, pd->name);

		probe_desc_fixup(&prov, &mod, &func);
		char *end;
		long upid;

		/* pidNNN: the process's probes are made on demand */
		if (strncmp(prov, "pid", 3) == 0 && (upid = strtol(prov + 3, &end, 10)) > 0 && !*end) {
			char mainmod[256];
			struct pid_error perr = { 0 };

			n = pid_probes_create(s->o->pt, (int)upid, mod, func, name, mainmod, sizeof(mainmod),
					      &perr);
			if (n == -EINVAL && perr.tag)
				return sema_err(s, pd->pos, perr.tag, "%s", perr.msg);
			if (n == -ESRCH)
				return sema_err(s, pd->pos, "D_PROC_GRAB",
						"failed to grab process %ld: No such process", upid);
			if (n < 0)
				return sema_err(s, pd->pos, "D_PROC_GRAB",
						"failed to read process %ld's modules: %s", upid,
						strerror(-n));
			s->dp->uses_pid = 1;
			if (strcmp(mod, "a.out") == 0 && mainmod[0])
				mod = arena_strdup(s->a, mainmod);
		}
		n = probe_match(s->o->pt, prov, mod, func, name, on_match, &m);
		if (n < 0 && n != -EINVAL)
			return sema_err(s, pd->pos, "D_NOMEM", "out of memory matching probes");
		if (m.refused)
			return sema_err(s, pd->pos, "D_PDESC_INVAL", "probe description %s:%s:%s:%s: %s",
					pd->prov, pd->mod, pd->func, pd->name, m.refused);
		if (m.bad)
			return sema_err(s, pd->pos, "D_PDESC_INVAL",
					"failed to read the format of tracepoint %s: %s", m.bad->path,
					strerror(m.err));
		/* a malformed rate (tick-xyz) matches nothing, as in dtrace */
		if (n <= 0 && !(s->o->zdefs && n == 0))
			return sema_err(s, pd->pos, "D_PDESC_ZERO",
					"probe description %s:%s:%s:%s does not match any probes", pd->prov,
					pd->mod, pd->func, pd->name);
	}
	return 0;
}

static int count_enabled(struct dprog *dp)
{
	int n = 0;
	const struct probe_table *pt = dp->pt;
	uint8_t *seen = arena_alloc(dp->a, pt->n ? pt->n : 1);

	for (int i = 0; i < dp->nclauses; i++) {
		struct d_cclause *cc = &dp->clauses[i];

		for (uint32_t id = 1; id < pt->nfixed; id++)
			if (pt->v[id].prov && pt->v[id].kind != PK_SYSCALL_ENTRY &&
			    pt->v[id].kind != PK_SYSCALL_RETURN && (cc->kinds & (1ull << pt->v[id].kind)))
				seen[id] = 1;
		for (int r = 0; r < 2; r++)
			for (int nr = 0; nr < pt->nsyscalls; nr++)
				if (cc->sysmask[r][nr / 8] & (1u << (nr % 8)))
					seen[probe_syscall_id(nr, r)] = 1;
		for (int k = 0; k < cc->nprof; k++)
			seen[cc->prof[k]] = 1;
		for (int r = 0; r < 2; r++)
			for (int k = 0; k < cc->nuids[r]; k++)
				seen[cc->uids[r][k]] = 1;
	}
	for (size_t i = 0; i < pt->n; i++)
		n += seen[i];
	dp->enabled = seen;
	return n;
}

int d_sema(struct arena *a, struct d_program *p, const struct dcomp_opts *o, struct dprog *out,
	   struct d_diag *dg)
{
	struct sema s = { .a = a, .o = o, .dp = out, .dg = dg };
	int i = 0;

	memset(out, 0, sizeof(*out));
	out->a = a;
	out->pt = o->pt;
	out->strsize = o->strsize;
	out->clauses = arena_alloc(a, sizeof(*out->clauses) * (size_t)(p->nclauses ? p->nclauses : 1));
	for (struct d_decl *d = p->decls; d; d = d->next) {
		const struct d_type *t = sema_typename_type(&s, &d->tname);
		enum var_scope sc = d->scope == D_SCOPE_SELF   ? VS_SELF
				    : d->scope == D_SCOPE_THIS ? VS_THIS
							       : VS_GLOBAL;
		struct d_var *v;

		if (!t)
			return -1;
		if ((v = sema_var_find(&s, sc, d->name)))
			return sema_err(
			    &s, d->pos, "D_DECL_IDRED",
			    "identifier redeclared: %s\n\t current: scalar %s\n\tprevious: scalar %s",
			    d->name, sema_type_name(t), sema_type_name(&v->type));
		if (sema_builtin_lookup(d->name))
			return sema_err(&s, d->pos, "D_DECL_IDRED", "identifier redeclared: %s", d->name);
		if (d->is_assoc) {
			struct d_expr keys[8];

			if (d->nkeys > 8)
				return sema_err(&s, d->pos, "D_ARR_LIMIT", "too many key components");
			memset(keys, 0, sizeof(keys));
			for (int k = 0; k < d->nkeys; k++) {
				keys[k].type = sema_typename_type(&s, &d->keys[k]);
				if (!keys[k].type)
					return -1;
				keys[k].next = k + 1 < d->nkeys ? &keys[k + 1] : NULL;
			}
			v = sema_var_new(&s, VS_ASSOC, d->name, t);
			v->map = -1;
			if (sema_key_layout(&s, d->pos, d->nkeys ? keys : NULL, d->nkeys, v->keys, NULL,
					    &v->nkeys, &v->keysize, 1, d->name))
				return -1;
		} else {
			v = sema_var_new(&s, sc, d->name, t);
		}
		v->defined = 1;
	}
	for (struct d_clause *c = p->clauses; c; c = c->next, i++) {
		struct d_cclause *cc = &out->clauses[i];

		cc->ast = c;
		s.cc = cc;
		s.rec_off = (int)sizeof(struct rec_hdr);
		if (sema_probes(&s, cc, c))
			return -1;
		/* dtrace resolves a clause's actions before its predicate, so
		 * /n == 0/ { n = 5; } is valid */
		if (sema_stmt(&s, c->body))
			return -1;
		if (c->pred) {
			if (sema_expr(&s, c->pred))
				return -1;
			/* dtrace reports this at the end of the clause */
			if (c->pred->type->k != TY_INT)
				return sema_err(&s, c->end.line ? c->end : c->pred->pos, "D_PRED_SCALAR",
						"predicate result must be of scalar type");
		}
		cc->recsize = s.rec_off;
		cc->records = cc->nacts > 0 || !c->body;
		if (cc->nacts > 32)
			return sema_err(&s, c->pos, "D_ACT_MAX",
					"too many data-recording actions in one clause (max 32)");
	}
	out->nclauses = i;
	if (s.this_size > MAX_THIS)
		return sema_err(&s, p->clauses ? p->clauses->pos : (struct d_pos){ 0, 0 }, "D_THIS_MAX",
				"clause-local variables need %d bytes of BPF stack; at most %d are available",
				s.this_size, MAX_THIS);
	out->aggv = arena_alloc(a, sizeof(*out->aggv) * (size_t)(out->naggs ? out->naggs : 1));
	for (struct d_agg *g = out->aggs; g; g = g->next) {
		out->aggv[g->desc.id] = g;
		/* keyed only by probe fields (after every use): indexed by probe id */
		g->by_probe = g->desc.nkeys > 0;
		for (int k = 0; k < g->desc.nkeys; k++)
			if (g->keys[k].k != TY_PROBEF)
				g->by_probe = 0;
	}
	out->nprobes = count_enabled(out);
	out->tls_size = TLS_HDR + s.tls_size;
	out->globals_size = GLOBALS_HDR + s.globals_size;
	out->this_size = s.this_size;
	return 0;
}
