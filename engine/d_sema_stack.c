/*
 * d_sema_stack.c - typing of stack(), ustack() and the symbol functions
 * (func, sym, mod, ufunc, usym, umod, uaddr).
 *
 * A kernel stack, and a user stack walked by frame pointers, is a stack id
 * of a kernel stack map (one map per kind and depth, so that stack(5) keys
 * aggregate on exactly 5 frames); a user stack unwound from DWARF is a
 * capture of registers and stack bytes (struct ustack_cap) that the
 * consumer unwinds.  A user address carries its process's pid, for naming.
 * Which of the two ustack() is follows -x ustackmode: fp, dwarf, or auto
 * (the default: fp when the target keeps frame pointers everywhere, see
 * sym_fp.c), decided once per compile.
 */
#include <string.h>

#include "d_sema.h"
#include "ustack.h"

/* The stack map of this kind and depth, created on first use */
static void need_stackmap(struct sema *s, int user, int depth)
{
	struct dprog *dp = s->dp;

	for (int i = 0; i < dp->nstackmaps; i++)
		if (dp->stackmaps[i].user == user && dp->stackmaps[i].depth == depth)
			return;
	if (dp->nstackmaps < (int)(sizeof(dp->stackmaps) / sizeof(dp->stackmaps[0])))
		dp->stackmaps[dp->nstackmaps++] = (struct stackmap){ user, depth, -1 };
}

/* A depth argument: a constant in 1..MAX_STACK */
static int depth_arg(struct sema *s, struct d_expr *e, struct d_expr *a, int dflt, int *depth)
{
	int64_t v;

	if (!a) {
		*depth = dflt;
		return 0;
	}
	if (!sema_const_value(a, &v) || v <= 0 || v > MAX_STACK)
		return sema_err(s, a->pos, "D_STACK_SIZE",
				"%s( ) argument #1 must be a non-zero positive integral constant expression "
				"of at most %d",
				e->name, MAX_STACK);
	*depth = (int)v;
	return 0;
}

int sema_stack_call(struct sema *s, struct d_expr *e)
{
	const struct dcomp_opts *o = s->o;
	int f = e->func, depth, argno = 0;
	int64_t v;

	for (struct d_expr *a = e->args; a; a = a->next) {
		argno++;
		if (sema_expr(s, a))
			return -1;
		if (!sema_is_int(a->type))
			return sema_err(s, a->pos, "D_PROTO_ARG",
					"%s( ) argument #%d is incompatible with prototype:\n\tprototype: "
					"%s\n\t argument: %s",
					e->name, argno, f == F_STACK || f == F_USTACK ? "int" : "uintptr_t",
					sema_type_name(a->type));
	}
	switch (f) {
	case F_STACK:
		if (depth_arg(s, e, e->args, o->stackframes, &depth))
			return -1;
		e->type = sema_type_new(s, (struct d_type){ TY_STACK, 8, 0, depth, NULL });
		need_stackmap(s, 0, depth);
		return 0;
	case F_USTACK:
		if (depth_arg(s, e, e->args, o->ustackframes, &depth))
			return -1;
		/* probes that speak of the incoming thread fire before it runs,
		 * on the stack of the thread leaving: its user stack is not there */
		if (s->cc->kinds & (1ull << PK_SCHED_ON | 1ull << PK_PROC_START | 1ull << PK_PROC_LWP_START |
				    1ull << PK_IO_WAIT_DONE))
			return sema_err(s, e->pos, "D_USTACK_PROBE",
					"ustack( ) is not available at sched:::on-cpu, proc:::start, "
					"proc:::lwp-start or io:::wait-done: they fire before the thread "
					"runs; take it at sched:::off-cpu or a later probe");
		/* ustack(n, strsize): the string space is for jstack's names */
		if (e->args && e->args->next && (!sema_const_value(e->args->next, &v) || v < 0))
			return sema_err(s, e->args->next->pos, "D_USTACK_STRSIZE",
					"ustack( ) argument #2 must be a non-negative integral constant "
					"expression");
		if (o->ustack_fp < 0 && !s->dp->ustack_fp) {
			char why[256];

			s->dp->ustack_fp = ustack_fp_auto((int)o->target, why, sizeof(why)) ? 1 : 2;
		}
		if (o->ustack_fp > 0 || (o->ustack_fp < 0 && s->dp->ustack_fp == 1)) {
			e->type = sema_type_new(s, (struct d_type){ TY_STACK, 8, 1, depth, NULL });
			need_stackmap(s, 1, depth);
			s->dp->uses_pids = 1;
		} else {
			e->type = sema_type_new(
			    s, (struct d_type){ TY_STACK, (int)sizeof(struct ustack_cap) + o->ustackbytes, 1,
						depth, NULL });
			s->cc->needs_scratch = 1;
			s->dp->uses_udwarf = 1;
		}
		return 0;
	case F_FUNC:
	case F_SYM:
	case F_MOD:
		e->type =
		    sema_type_new(s, (struct d_type){ TY_SYM, 8, 0, f == F_MOD ? SYM_MOD : SYM_FUNC, NULL });
		return 0;
	default:
		s->dp->uses_pids = 1;
		e->type = sema_type_new(s, (struct d_type){ TY_SYM, 16, 1,
							    f == F_UMOD	   ? SYM_MOD
							    : f == F_UADDR ? SYM_FULL
									   : SYM_FUNC,
							    NULL });
		s->cc->needs_scratch = 1;
		return 0;
	}
}
