/*
 * d_sema.h - internals of the semantic pass shared by d_sema.c (types,
 * variables, expressions) and d_sema_act.c (aggregations, actions,
 * statements, probes).  See d_sema.c for the pass's invariants.
 */
#ifndef DSCOPE_D_SEMA_H
#define DSCOPE_D_SEMA_H

#include "dcomp.h"
#include "prov_tp.h"

struct sema {
	struct arena *a;
	const struct dcomp_opts *o;
	struct dprog *dp;
	struct d_diag *dg;
	struct d_cclause *cc; /* clause being resolved */
	int globals_size;     /* bytes in the globals value (after the exit flag) */
	int tls_size;	      /* bytes in the thread-local value */
	int this_size;	      /* bytes of this-> variables on the stack */
	int in_pred;
	int rec_off; /* running record size of the clause */
};

static const struct d_type T_VOID = { TY_VOID, 0, 0, 0, NULL };
static const struct d_type T_I64 = { TY_INT, 8, 0, 0, NULL };
static const struct d_type T_U64 = { TY_INT, 8, 1, 0, NULL };
static const struct d_type T_I32 = { TY_INT, 4, 0, 0, NULL };
static const struct d_type T_U32 = { TY_INT, 4, 1, 0, NULL };

enum { TLS_HDR = 16, GLOBALS_HDR = 8, MAX_THIS = 4096, MAX_COPYIN = 4096, MAX_STACK = 127 };

int sema_err(struct sema *s, struct d_pos pos, const char *tag, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

const struct d_type *sema_type_new(struct sema *s, struct d_type t);
const struct d_type *sema_type_str(struct sema *s, int size);
const char *sema_type_name(const struct d_type *t);
const struct d_type *sema_typename_type(struct sema *s, const struct d_typename *tn);
int sema_is_int(const struct d_type *t);
int sema_is_strlike(const struct d_type *t);

int sema_builtin_lookup(const char *name);
int sema_func_lookup(const char *name, int *minargs, int *maxargs);
int sema_is_agg_func(int f);
int sema_is_action(int f);

struct d_var *sema_var_find(struct sema *s, enum var_scope sc, const char *name);
struct d_var *sema_var_new(struct sema *s, enum var_scope sc, const char *name, const struct d_type *t);

int sema_expr(struct sema *s, struct d_expr *e);
int sema_keys(struct sema *s, struct d_expr *args);
int sema_key_layout(struct sema *s, struct d_pos pos, struct d_expr *args, int nargs, struct d_type *keys,
		    int *keyoff, int *nkeys, int *keysize, int first, const char *what);
int sema_const_value(const struct d_expr *e, int64_t *v);

/* d_sema_stack.c: stack(), ustack() and the symbol functions */
int sema_stack_call(struct sema *s, struct d_expr *e);

/* d_sema_xl.c: members of typed probe arguments */
int sema_member(struct sema *s, struct d_expr *e, int indexed);
int sema_index_member(struct sema *s, struct d_expr *e);
int sema_is_struct_arg(struct sema *s, const struct d_expr *e);
int sema_b_flag(const char *name, int64_t *v); /* B_READ, B_WRITE */

/* d_sema_str.c: arguments and result of a string or utility subroutine
 * (F_SUBSTR and after); a string compared with NULL */
int sema_subr_str(struct sema *s, struct d_expr *e);
int sema_str_null_cmp(const struct d_expr *e);

/* d_sema_act.c: a new data-recording action of the clause; record the
 * arguments of a (n expressions from args) in the clause's record */
struct d_act *sema_act_add(struct sema *s, enum act_kind k, struct d_pos pos);
/* An action taking one integer (exit, raise), named in messages. */
int sema_int_action(struct sema *s, struct d_expr *e, enum act_kind k, const char *name);
/* An action formatting its arguments with a constant format (printf;
 * system, whose name goes in messages and fmt->func; NULL: printf). */
int sema_fmt_action(struct sema *s, struct d_expr *e, enum act_kind k, const char *name);
int sema_record_args(struct sema *s, struct d_act *a, struct d_expr *args, int n);

/* d_sema_spec.c: speculations and destructive actions */
int sema_spec_action(struct sema *s, struct d_expr *e);
/* dtrace's rules on what may follow speculate() and commit() in a clause,
 * checked per action (F_*; an aggregating function for aggregations) in
 * statement order. */
int sema_clause_flags(struct sema *s, int f, struct d_pos pos);

#endif
