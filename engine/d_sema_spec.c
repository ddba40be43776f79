/*
 * d_sema_spec.c - the semantic pass for speculations and destructive
 * actions: speculate(), commit(), discard(), stop(), raise(), system(),
 * and dtrace's rules on the order of actions in a clause.
 *
 * A clause's actions are checked in statement order, each against the
 * flags the earlier ones left (struct d_cclause.clsflags), with dtrace's
 * tags and messages:
 *   speculate() may not follow speculate(), commit() or a data-recording
 *     action (D_SPEC_SPEC, D_SPEC_COMM, D_SPEC_DREC);
 *   commit() may not follow a data-recording action (D_COMM_DREC), nothing
 *     that records data may follow it (D_DREC_COMM, D_AGG_COMM);
 *   after speculate(): no aggregation (D_AGG_SPEC), no destructive action
 *     (D_ACT_SPEC), no exit() (D_EXIT_SPEC).
 * discard() records nothing the user sees and is free of these rules.
 *
 * Record layout: speculate(), commit() and discard() record the id and a
 * second word, the generation of the speculation slot, that the code
 * generator fills (cg_spec.c) and the consumer matches (consume_spec.c).
 * Destructive actions mark the program; dscope_go() refuses to run it
 * without -w or the destructive option, as dtrace does.
 */
#include <string.h>

#include "d_sema.h"

enum {
	CLS_DATAREC = 1,
	CLS_AGG = 2,
	CLS_SPECULATE = 4,
	CLS_COMMIT = 8,
};

static int is_destructive(int f)
{
	return f == F_STOP || f == F_RAISE || f == F_SYSTEM || f == F_CHILL || f == F_PANIC;
}

int sema_clause_flags(struct sema *s, int f, struct d_pos pos)
{
	int *cf = &s->cc->clsflags;

	if (is_destructive(f))
		s->dp->destructive = 1;
	if (f == F_COMMIT) {
		if (*cf & (CLS_DATAREC | CLS_AGG))
			return sema_err(s, pos, "D_COMM_DREC",
					"commit( ) may not follow data-recording action(s)");
		*cf |= CLS_COMMIT;
		return 0;
	}
	if (f == F_DISCARD)
		return 0;
	if (f == F_SPECULATE) {
		if (*cf & CLS_SPECULATE)
			return sema_err(s, pos, "D_SPEC_SPEC", "speculate( ) may not follow speculate( )");
		if (*cf & CLS_COMMIT)
			return sema_err(s, pos, "D_SPEC_COMM", "speculate( ) may not follow commit( )");
		if (*cf & (CLS_DATAREC | CLS_AGG))
			return sema_err(s, pos, "D_SPEC_DREC",
					"speculate( ) may not follow data-recording action(s)");
		*cf |= CLS_SPECULATE;
		return 0;
	}
	if (sema_is_agg_func(f)) {
		if (*cf & CLS_COMMIT)
			return sema_err(s, pos, "D_AGG_COMM", "aggregating actions may not follow commit( )");
		if (*cf & CLS_SPECULATE)
			return sema_err(s, pos, "D_AGG_SPEC",
					"aggregating actions may not follow speculate( )");
		*cf |= CLS_AGG;
		return 0;
	}
	if (*cf & CLS_SPECULATE) {
		if (is_destructive(f))
			return sema_err(s, pos, "D_ACT_SPEC",
					"destructive actions may not follow speculate( )");
		if (f == F_EXIT)
			return sema_err(s, pos, "D_EXIT_SPEC", "exit( ) may not follow speculate( )");
	}
	if (*cf & CLS_COMMIT)
		return sema_err(s, pos, "D_DREC_COMM", "data-recording actions may not follow commit( )");
	*cf |= CLS_DATAREC;
	return 0;
}

/* The id argument and the generation word after it. */
static int spec_id_args(struct sema *s, struct d_act *a, struct d_expr *e)
{
	struct rec_arg *two;

	if (sema_record_args(s, a, e->args, 1))
		return -1;
	if (!sema_is_int(e->args->type))
		return sema_err(s, e->args->pos, "D_PROTO_ARG",
				"%s( ) argument #1 is incompatible with prototype:\n\tprototype: int\n\t "
				"argument: %s",
				e->name, sema_type_name(e->args->type));
	two = arena_alloc(s->a, sizeof(*two) * 2);
	two[0] = a->args[0];
	two[1].type = T_U64;
	two[1].off = s->rec_off;
	s->rec_off += 8;
	a->args = two;
	a->nargs = 2;
	s->dp->uses_spec = 1;
	return 0;
}

int sema_spec_action(struct sema *s, struct d_expr *e)
{
	struct d_act *a;

	switch (e->func) {
	case F_SPECULATE:
		a = sema_act_add(s, ACT_SPECULATE, e->pos);
		s->cc->spec = a;
		return spec_id_args(s, a, e);
	case F_COMMIT:
	case F_DISCARD:
		a = sema_act_add(s, e->func == F_COMMIT ? ACT_COMMIT : ACT_DISCARD, e->pos);
		return spec_id_args(s, a, e);
	case F_STOP:
		sema_act_add(s, ACT_STOP, e->pos);
		return 0;
	case F_RAISE:
		return sema_int_action(s, e, ACT_RAISE, "raise");
	case F_SYSTEM:
		return sema_fmt_action(s, e, ACT_SYSTEM, "system");
	case F_CHILL:
		return sema_err(s, e->pos, "D_UNKNOWN",
				"chill( ) is not supported: a BPF program cannot spin for a given time");
	case F_PANIC:
		return sema_err(s, e->pos, "D_UNKNOWN",
				"panic( ) is not supported: dscope never panics "
				"the kernel");
	}
	return sema_err(s, e->pos, "D_SYNTAX", "unsupported action %s", e->name);
}
