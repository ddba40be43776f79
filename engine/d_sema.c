/*
 * d_sema.c - the semantic pass: resolve a parsed D program.
 *
 * Input: the AST from d_parse.  Output: the same AST annotated (every
 * expression's type, resolved variable, builtin and function ids) and a
 * dprog skeleton holding what the code generator and the consumer need:
 * variables placed in their storage, aggregations with their key layout,
 * data-recording actions with their record layout, the probes each clause
 * enables, and the list of maps.
 *
 * Invariants established here, relied on by cg_*.c:
 *  - every DE_IDENT is a builtin (e->builtin) or a variable (e->var);
 *  - every expression has e->type; integer expressions are 8 bytes wide in
 *    registers, their declared size only matters for storage and printing;
 *  - every aggregation call and action is at statement level (D forbids them
 *    inside expressions) and has its d_act or d_agg;
 *  - string values have a known capacity (type.size) so copies are bounded.
 *
 * Variables are typed by their first assignment in program order, as in
 * dtrace; a use before any assignment is D_IDENT_UNDEF.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "dcomp.h"

struct sema {
	struct arena *a;
	const struct dcomp_opts *o;
	struct dprog *dp;
	struct d_diag *dg;
	struct d_cclause *cc; /* clause being resolved */
	int globals_size;     /* bytes in the globals value (after the exit flag) */
	int tls_size;         /* bytes in the thread-local value */
	int this_size;        /* bytes of this-> variables on the stack */
	int in_pred;
	int rec_off;          /* running record size of the clause */
};

static const struct d_type T_VOID = { TY_VOID, 0, 0, 0 };
static const struct d_type T_I64 = { TY_INT, 8, 0, 0 };
static const struct d_type T_U64 = { TY_INT, 8, 1, 0 };
static const struct d_type T_I32 = { TY_INT, 4, 0, 0 };
static const struct d_type T_U32 = { TY_INT, 4, 1, 0 };

enum { TLS_HDR = 16, GLOBALS_HDR = 8, MAX_THIS = 4096 };

void dcomp_opts_default(struct dcomp_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->strsize = 256;
	o->target = -1;
	o->bufsize = 4 << 20;
	o->aggsize = 16384;
	o->dynvarsize = 16384;
	o->ncpus = 1;
}

static const struct d_type *type_new(struct sema *s, struct d_type t)
{
	struct d_type *p = arena_alloc(s->a, sizeof(*p));

	*p = t;
	return p;
}

static const struct d_type *type_str(struct sema *s, int size)
{
	return type_new(s, (struct d_type){ TY_STR, size, 0, 0 });
}

static const char *type_name(const struct d_type *t)
{
	static const char *ints[2][9] = {
		{ "", "char", "short", "", "int", "", "", "", "int64_t" },
		{ "", "uchar_t", "ushort_t", "", "uint_t", "", "", "", "uint64_t" },
	};

	switch (t->k) {
	case TY_VOID:
		return "void";
	case TY_STR:
	case TY_PROBEF:
		return "string";
	case TY_INT:
		return ints[t->is_unsigned ? 1 : 0][t->size <= 8 ? t->size : 8];
	}
	return "?";
}

/* ---- builtins and functions ---- */

static const struct {
	const char *name;
	int b;
} builtins[] = {
	{ "pid", B_PID },
	{ "tid", B_TID },
	{ "ppid", B_PPID },
	{ "uid", B_UID },
	{ "gid", B_GID },
	{ "execname", B_EXECNAME },
	{ "cpu", B_CPU },
	{ "timestamp", B_TIMESTAMP },
	{ "vtimestamp", B_VTIMESTAMP },
	{ "walltimestamp", B_WALLTIMESTAMP },
	{ "probeprov", B_PROBEPROV },
	{ "probemod", B_PROBEMOD },
	{ "probefunc", B_PROBEFUNC },
	{ "probename", B_PROBENAME },
	{ "id", B_ID },
	{ "epid", B_EPID },
	{ "errno", B_ERRNO },
	{ "arg0", B_ARG0 + 0 },
	{ "arg1", B_ARG0 + 1 },
	{ "arg2", B_ARG0 + 2 },
	{ "arg3", B_ARG0 + 3 },
	{ "arg4", B_ARG0 + 4 },
	{ "arg5", B_ARG0 + 5 },
	{ "arg6", B_ARG0 + 6 },
	{ "arg7", B_ARG0 + 7 },
	{ "arg8", B_ARG0 + 8 },
	{ "arg9", B_ARG0 + 9 },
};

static int builtin_lookup(const char *name)
{
	for (size_t i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
		if (strcmp(builtins[i].name, name) == 0)
			return builtins[i].b;
	return B_NONE;
}

static const struct d_type *builtin_type(struct sema *s, int b)
{
	switch (b) {
	case B_PID:
	case B_TID:
	case B_PPID:
	case B_ERRNO:
		return &T_I32;
	case B_UID:
	case B_GID:
	case B_CPU:
	case B_ID:
	case B_EPID:
		return &T_U32;
	case B_EXECNAME:
		return type_str(s, 16);
	case B_TIMESTAMP:
	case B_VTIMESTAMP:
	case B_WALLTIMESTAMP:
		return &T_U64;
	case B_PROBEPROV:
	case B_PROBEMOD:
	case B_PROBEFUNC:
	case B_PROBENAME:
		return type_new(s, (struct d_type){ TY_PROBEF, 4, 1, b - B_PROBEPROV });
	}
	return &T_I64; /* arg0..arg9 */
}

static const struct {
	const char *name;
	int f;
	int minargs, maxargs;
} funcs[] = {
	{ "count", F_COUNT, 0, 0 },
	{ "sum", F_SUM, 1, 1 },
	{ "avg", F_AVG, 1, 1 },
	{ "min", F_MIN, 1, 1 },
	{ "max", F_MAX, 1, 1 },
	{ "stddev", F_STDDEV, 1, 1 },
	{ "quantize", F_QUANTIZE, 1, 2 },
	{ "lquantize", F_LQUANTIZE, 3, 5 },
	{ "llquantize", F_LLQUANTIZE, 5, 6 },
	{ "trace", F_TRACE, 1, 1 },
	{ "printf", F_PRINTF, 1, 64 },
	{ "printa", F_PRINTA, 1, 64 },
	{ "exit", F_EXIT, 1, 1 },
	{ "clear", F_CLEAR, 1, 1 },
	{ "trunc", F_TRUNC, 1, 2 },
	{ "normalize", F_NORMALIZE, 2, 2 },
	{ "denormalize", F_DENORMALIZE, 1, 1 },
	{ "setopt", F_SETOPT, 1, 2 },
	{ "strlen", F_STRLEN, 1, 1 },
};

static int func_lookup(const char *name, int *minargs, int *maxargs)
{
	for (size_t i = 0; i < sizeof(funcs) / sizeof(funcs[0]); i++)
		if (strcmp(funcs[i].name, name) == 0) {
			*minargs = funcs[i].minargs;
			*maxargs = funcs[i].maxargs;
			return funcs[i].f;
		}
	return F_NONE;
}

static int is_agg_func(int f)
{
	return f >= F_COUNT && f <= F_LLQUANTIZE;
}

static int is_action(int f)
{
	return f >= F_TRACE && f <= F_SETOPT;
}

/* ---- variables ---- */

static struct d_var *var_find(struct sema *s, enum var_scope sc, const char *name)
{
	for (struct d_var *v = s->dp->vars; v; v = v->next)
		if ((v->scope == sc || (sc == VS_GLOBAL && v->scope == VS_ASSOC)) &&
		    strcmp(v->name, name) == 0)
			return v;
	return NULL;
}

static int store_size(const struct d_type *t)
{
	return t->k == TY_STR ? t->size : 8;
}

static struct d_var *var_new(struct sema *s, enum var_scope sc, const char *name,
			     const struct d_type *t)
{
	struct d_var *v = arena_alloc(s->a, sizeof(*v));
	struct d_var **pp = &s->dp->vars;

	v->name = name;
	v->scope = sc;
	v->type = *t;
	if (t->k == TY_STR)
		v->type.size = s->o->strsize;
	if (t->k == TY_INT && t->size < 8 && sc != VS_GLOBAL)
		v->type.size = t->size;
	switch (sc) {
	case VS_GLOBAL:
		v->off = GLOBALS_HDR + s->globals_size;
		s->globals_size += (store_size(&v->type) + 7) & ~7;
		break;
	case VS_SELF:
		v->off = TLS_HDR + s->tls_size;
		s->tls_size += (store_size(&v->type) + 7) & ~7;
		break;
	case VS_THIS:
		v->off = s->this_size; /* within the this-> area of the scratch value */
		s->this_size += (store_size(&v->type) + 7) & ~7;
		break;
	case VS_ASSOC:
		break;
	}
	while (*pp)
		pp = &(*pp)->next;
	*pp = v;
	return v;
}

/* ---- helpers ---- */

static int err(struct sema *s, struct d_pos pos, const char *tag, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int err(struct sema *s, struct d_pos pos, const char *tag, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	d_diag_verror(s->dg, pos, tag, fmt, ap);
	va_end(ap);
	return -1;
}

static int is_int(const struct d_type *t)
{
	return t->k == TY_INT;
}

static int is_strlike(const struct d_type *t)
{
	return t->k == TY_STR || t->k == TY_PROBEF;
}

/* C's usual arithmetic conversions on LP64: operands narrower than int
 * become int; then the wider type wins, and unsigned wins at equal width. */
static const struct d_type *arith_type(const struct d_type *l, const struct d_type *r)
{
	int ls = l->size < 4 ? 4 : l->size, rs = r->size < 4 ? 4 : r->size;
	int lu = l->size >= 4 && l->is_unsigned, ru = r->size >= 4 && r->is_unsigned;

	if (ls == 8 || rs == 8) {
		if ((ls == 8 && lu) || (rs == 8 && ru))
			return &T_U64;
		return &T_I64;
	}
	return lu || ru ? &T_U32 : &T_I32;
}

static int sema_expr(struct sema *s, struct d_expr *e);


static const struct d_type *typename_type(struct sema *s, const struct d_typename *tn)
{
	static const struct {
		const char *name;
		int size, uns;
	} named[] = {
		{ "int8_t", 1, 0 },    { "int16_t", 2, 0 },   { "int32_t", 4, 0 },   { "int64_t", 8, 0 },
		{ "uint8_t", 1, 1 },   { "uint16_t", 2, 1 },  { "uint32_t", 4, 1 },  { "uint64_t", 8, 1 },
		{ "intptr_t", 8, 0 },  { "uintptr_t", 8, 1 }, { "size_t", 8, 1 },    { "ssize_t", 8, 0 },
		{ "uchar_t", 1, 1 },   { "ushort_t", 2, 1 },  { "uint_t", 4, 1 },    { "ulong_t", 8, 1 },
		{ "u_longlong_t", 8, 1 }, { "longlong_t", 8, 0 }, { "pid_t", 4, 0 }, { "uid_t", 4, 1 },
		{ "gid_t", 4, 1 },     { "id_t", 4, 0 },      { "hrtime_t", 8, 0 },  { "off_t", 8, 0 },
	};

	if (tn->ptr)
		return &T_U64;
	switch (tn->kind) {
	case DT_CHAR:
		return type_new(s, (struct d_type){ TY_INT, 1, tn->is_unsigned, 0 });
	case DT_SHORT:
		return type_new(s, (struct d_type){ TY_INT, 2, tn->is_unsigned, 0 });
	case DT_INT:
		return tn->is_unsigned ? &T_U32 : &T_I32;
	case DT_LONG:
	case DT_LONGLONG:
		return tn->is_unsigned ? &T_U64 : &T_I64;
	case DT_STRING:
		return type_str(s, s->o->strsize);
	case DT_VOID:
		return &T_VOID;
	case DT_NAMED:
		for (size_t i = 0; i < sizeof(named) / sizeof(named[0]); i++)
			if (strcmp(named[i].name, tn->name) == 0)
				return type_new(s, (struct d_type){ TY_INT, named[i].size, named[i].uns, 0 });
		break;
	case DT_NONE:
		break;
	}
	err(s, tn->pos, "D_TYPE_ERR", "failed to resolve type %s", tn->name ? tn->name : "?");
	return NULL;
}

/* ---- macros ($1, $target, ...) ---- */

static int sema_macro(struct sema *s, struct d_expr *e)
{
	const char *n = e->name;
	char *end;
	long idx;

	if (strcmp(n, "target") == 0 || strcmp(n, "pid") == 0) {
		int64_t v = strcmp(n, "pid") == 0 ? (int64_t)s->o->self_pid : s->o->target;

		if (v < 0 && strcmp(n, "target") == 0)
			v = 0;
		e->kind = DE_INT;
		e->ival = v;
		e->type = &T_I64;
		return 0;
	}
	idx = strtol(n, &end, 10);
	if (*end || idx < 0)
		return err(s, e->pos, "D_MACRO_UNDEF", "macro variable $%s is not defined", n);
	if (idx >= 1 && idx > s->o->nmacros)
		return err(s, e->pos, "D_MACRO_UNDEF", "macro argument %s$%ld is not defined",
			   e->is_string ? "$" : "", idx);
	const char *val = idx == 0 ? (s->o->progname ? s->o->progname : "dscope") : s->o->macros[idx - 1];

	if (e->is_string || idx == 0) {
		e->kind = DE_STR;
		e->str = val;
		e->slen = (int)strlen(val);
		e->type = type_str(s, e->slen + 1);
		return 0;
	}
	errno = 0;
	long long iv = strtoll(val, &end, 0);
	if (errno || *end || end == val)
		return err(s, e->pos, "D_MACRO_UNUSED",
			   "failed to resolve $%ld: argument \"%s\" is not an integer; use $$%ld for a string", idx,
			   val, idx);
	e->kind = DE_INT;
	e->ival = iv;
	e->type = &T_I64;
	return 0;
}

/* ---- expressions ---- */

static int is_lvalue(const struct d_expr *e)
{
	return (e->kind == DE_IDENT && e->var) || e->kind == DE_SELF || e->kind == DE_THIS ||
	       (e->kind == DE_INDEX && e->var);
}

/* Resolve keys of an associative array or aggregation; fills types. */
static int sema_keys(struct sema *s, struct d_expr *args)
{
	for (struct d_expr *k = args; k; k = k->next) {
		if (sema_expr(s, k))
			return -1;
		if (k->type->k == TY_VOID)
			return err(s, k->pos, "D_KEY_TYPE", "key expression of type void is not allowed");
	}
	return 0;
}

static struct d_type key_storage(struct sema *s, const struct d_type *t)
{
	struct d_type k = *t;

	if (k.k == TY_INT) {
		/* stored as 8 bytes; the size is kept for printing */
	} else if (k.k == TY_STR && k.size > s->o->strsize) {
		k.size = s->o->strsize;
	}
	return k;
}

/* Offsets of the key components from their sizes. */
static void key_offsets(const struct d_type *keys, int n, int *keyoff, int *keysize)
{
	int off = 0;

	for (int i = 0; i < n; i++) {
		if (keyoff)
			keyoff[i] = off;
		off += (keys[i].k == TY_STR ? keys[i].size + 7 : 8) & ~7;
	}
	*keysize = off;
}

/*
 * Fix the key layout on first use; later uses must match in arity and kind.
 * A string component is as wide as the widest string used there (capped at
 * strsize): code is generated after the whole program is resolved, so the
 * layout may still grow here.
 */
static int key_layout(struct sema *s, struct d_pos pos, struct d_expr *args, int nargs, struct d_type *keys,
		      int *keyoff, int *nkeys, int *keysize, int first, const char *what)
{
	int i = 0;

	if (nargs > 8)
		return err(s, pos, "D_ARR_LIMIT", "%s has too many key components (max 8)", what);
	if (first) {
		for (struct d_expr *k = args; k; k = k->next, i++) {
			keys[i] = key_storage(s, k->type);
			if (keys[i].k == TY_STR && keys[i].size > s->o->strsize)
				keys[i].size = s->o->strsize;
		}
		*nkeys = nargs;
		key_offsets(keys, nargs, keyoff, keysize);
		return 0;
	}
	if (nargs != *nkeys)
		return err(s, pos, "D_ARR_BADREF", "%s: %d key components given, %d expected", what, nargs,
			   *nkeys);
	for (struct d_expr *k = args; k; k = k->next, i++) {
		int ks = is_strlike(k->type), ps = is_strlike(&keys[i]);

		if (ks != ps || (keys[i].k == TY_PROBEF) != (k->type->k == TY_PROBEF))
			return err(s, k->pos, "D_ARR_BADREF", "%s: key #%d is incompatible: %s, expected %s",
				   what, i + 1, type_name(k->type), type_name(&keys[i]));
		if (k->type->k == TY_STR && k->type->size > keys[i].size)
			keys[i].size = k->type->size > s->o->strsize ? s->o->strsize : k->type->size;
	}
	key_offsets(keys, nargs, keyoff, keysize);
	return 0;
}

static int sema_assign_target(struct sema *s, struct d_expr *lhs, const struct d_type *rt)
{
	struct d_var *v;
	enum var_scope sc;

	if (lhs->kind == DE_IDENT || lhs->kind == DE_SELF || lhs->kind == DE_THIS) {
		if (lhs->kind == DE_IDENT && builtin_lookup(lhs->name))
			return err(s, lhs->pos, "D_OP_WRITE", "operator = can only be applied to a writable variable");
		sc = lhs->kind == DE_SELF ? VS_SELF : lhs->kind == DE_THIS ? VS_THIS : VS_GLOBAL;
		v = var_find(s, sc, lhs->name);
		if (v && v->scope == VS_ASSOC)
			return err(s, lhs->pos, "D_ARR_BADREF", "%s is an associative array and needs a key",
				   lhs->name);
		if (!v) {
			if (rt->k == TY_VOID)
				return err(s, lhs->pos, "D_OP_VOID", "cannot assign a void expression to %s",
					   lhs->name);
			struct d_type t = *rt;
			if (t.k == TY_PROBEF)
				t = (struct d_type){ TY_STR, s->o->strsize, 0, 0 };
			v = var_new(s, sc, lhs->name, &t);
		}
		v->defined = 1;
		lhs->var = v;
		lhs->type = &v->type;
		if (sc == VS_SELF)
			s->cc->needs_tls = 1;
		s->cc->needs_scratch = 1;
		return 0;
	}
	if (lhs->kind == DE_INDEX) {
		if (lhs->left->kind != DE_IDENT)
			return err(s, lhs->pos, "D_OP_LVAL", "operator = requires modifiable lvalue as an operand");
		if (sema_keys(s, lhs->args))
			return -1;
		v = var_find(s, VS_GLOBAL, lhs->left->name);
		if (v && v->scope != VS_ASSOC)
			return err(s, lhs->pos, "D_ARR_BADREF", "%s is a scalar and cannot be indexed",
				   lhs->left->name);
		if (!v) {
			struct d_type t = *rt;

			if (t.k == TY_VOID)
				return err(s, lhs->pos, "D_OP_VOID", "cannot assign a void expression");
			if (t.k == TY_PROBEF)
				t = (struct d_type){ TY_STR, s->o->strsize, 0, 0 };
			v = var_new(s, VS_ASSOC, lhs->left->name, &t);
			if (key_layout(s, lhs->pos, lhs->args, lhs->nargs, v->keys, NULL, &v->nkeys,
				       &v->keysize, 1, lhs->left->name))
				return -1;
			v->map = -1;
		} else if (key_layout(s, lhs->pos, lhs->args, lhs->nargs, v->keys, NULL, &v->nkeys,
				      &v->keysize, 0, lhs->left->name)) {
			return -1;
		}
		v->defined = 1;
		lhs->var = v;
		lhs->type = &v->type;
		return 0;
	}
	return err(s, lhs->pos, "D_OP_LVAL", "operator = requires modifiable lvalue as an operand");
}

static int check_assign_types(struct sema *s, struct d_expr *e, const struct d_type *lt,
			      const struct d_type *rt)
{
	if (is_strlike(lt) != is_strlike(rt) || rt->k == TY_VOID)
		return err(s, e->pos, "D_OP_INCOMPAT", "operands have incompatible types: \"%s\" = \"%s\"",
			   type_name(lt), type_name(rt));
	return 0;
}

static int sema_binary(struct sema *s, struct d_expr *e)
{
	int op = e->op;

	if (op == '=' || (op >= D_ADD_ASSIGN && op <= D_SHR_ASSIGN)) {
		if (e->left->kind == DE_AGG)
			return err(s, e->pos, "D_AGG_SCALAR", "aggregation @%s must be assigned an aggregating function",
				   e->left->name);
		if (sema_expr(s, e->right))
			return -1;
		if (op != '=') {
			if (sema_expr(s, e->left))
				return -1;
			if (!is_lvalue(e->left))
				return err(s, e->pos, "D_OP_LVAL",
					   "operator %s requires modifiable lvalue as an operand", "op=");
			if (!is_int(e->left->type) || !is_int(e->right->type))
				return err(s, e->pos, "D_OP_INT", "operator requires operands of integral type");
			e->type = e->left->type;
			return 0;
		}
		if (sema_assign_target(s, e->left, e->right->type))
			return -1;
		if (check_assign_types(s, e, e->left->type, e->right->type))
			return -1;
		e->type = e->left->type;
		return 0;
	}
	if (sema_expr(s, e->left) || sema_expr(s, e->right))
		return -1;

	const struct d_type *l = e->left->type, *r = e->right->type;

	switch (op) {
	case D_EQ:
	case D_NE:
	case '<':
	case '>':
	case D_LE:
	case D_GE:
		if (is_strlike(l) != is_strlike(r))
			return err(s, e->pos, "D_OP_INCOMPAT",
				   "operands have incompatible types: \"%s\" %s \"%s\"", type_name(l),
				   op == D_EQ ? "==" : op == D_NE ? "!=" : "<>", type_name(r));
		if (l->k == TY_VOID || r->k == TY_VOID)
			return err(s, e->pos, "D_OP_SCALAR", "operator requires scalar operands");
		e->type = &T_I32;
		if (is_int(l))
			e->optype = arith_type(l, r);
		return 0;
	case D_LAND:
	case D_LOR:
	case D_LXOR:
		if (!is_int(l) || !is_int(r))
			return err(s, e->pos, "D_OP_SCALAR", "operator requires operands of scalar type");
		e->type = &T_I32;
		return 0;
	case ',':
		e->type = r;
		return 0;
	default: {
		int arith = op == '+' || op == '-' || op == '*' || op == '/';

		if (!is_int(l) || !is_int(r))
			return err(s, e->pos, arith ? "D_OP_ARITH" : "D_OP_INT",
				   "operator %s requires operands of %s type", d_op_name(op),
				   arith ? "arithmetic" : "integral");
		if ((op == '/' || op == '%') && e->right->kind == DE_INT && e->right->ival == 0)
			return err(s, e->pos, "D_DIV_ZERO", "expression contains division by zero");
		/* a shift has the (promoted) type of its left operand */
		e->type = op == D_SHL || op == D_SHR ? arith_type(l, l) : arith_type(l, r);
		return 0;
	}
	}
}

static int sema_call_expr(struct sema *s, struct d_expr *e)
{
	int mn, mx, f = func_lookup(e->name, &mn, &mx);

	if (f == F_NONE)
		return err(s, e->pos, "D_FUNC_UNDEF", "undefined function name: %s", e->name);
	if (is_agg_func(f))
		return err(s, e->pos, "D_AGG_FUNC", "%s( ) may only be used as an aggregating function",
			   e->name);
	if (is_action(f))
		return err(s, e->pos, "D_ACT_SPEC", "%s( ) may not be used in an expression", e->name);
	e->func = f;
	if (e->nargs < mn || e->nargs > mx)
		return err(s, e->pos, "D_PROTO_LEN", "%s( ) prototype mismatch: %d arg%s passed, %d expected",
			   e->name, e->nargs, e->nargs == 1 ? "" : "s", mn);
	if (sema_expr(s, e->args))
		return -1;
	if (f == F_STRLEN) {
		if (e->args->type->k != TY_STR)
			return err(s, e->args->pos, "D_PROTO_ARG",
				   "strlen( ) argument #1 is incompatible with prototype:\n\tprototype: string\n\t argument: %s",
				   type_name(e->args->type));
		e->type = &T_U64;
	}
	return 0;
}

static int sema_expr(struct sema *s, struct d_expr *e)
{
	struct d_var *v;

	switch (e->kind) {
	case DE_INT:
		if (e->isize == 4)
			e->type = e->is_unsigned ? &T_U32 : &T_I32;
		else if (e->isize == 8)
			e->type = e->is_unsigned ? &T_U64 : &T_I64;
		else
			e->type = e->is_unsigned ? &T_U64 : (e->ival >= INT32_MIN && e->ival <= INT32_MAX) ? &T_I32 : &T_I64;
		return 0;
	case DE_STR:
		e->type = type_str(s, e->slen + 1);
		return 0;
	case DE_MACRO:
		return sema_macro(s, e);
	case DE_IDENT:
		e->builtin = builtin_lookup(e->name);
		if (e->builtin) {
			e->type = builtin_type(s, e->builtin);
			if (e->builtin == B_VTIMESTAMP)
				s->dp->uses_vtime = 1;
			if (e->builtin == B_PPID)
				s->dp->needs_ktypes = 1;
			return 0;
		}
		v = var_find(s, VS_GLOBAL, e->name);
		if (!v || !v->defined)
			return err(s, e->pos, "D_IDENT_UNDEF", "failed to resolve %s: Unknown variable name",
				   e->name);
		if (v->scope == VS_ASSOC)
			return err(s, e->pos, "D_ARR_BADREF", "%s is an associative array and needs a key",
				   e->name);
		e->var = v;
		e->type = &v->type;
		return 0;
	case DE_SELF:
	case DE_THIS:
		v = var_find(s, e->kind == DE_SELF ? VS_SELF : VS_THIS, e->name);
		if (!v || !v->defined)
			return err(s, e->pos, "D_IDENT_UNDEF", "failed to resolve %s->%s: Unknown variable name",
				   e->kind == DE_SELF ? "self" : "this", e->name);
		e->var = v;
		e->type = &v->type;
		if (e->kind == DE_SELF)
			s->cc->needs_tls = 1;
		else
			s->cc->needs_scratch = 1;
		return 0;
	case DE_INDEX:
		if (e->left->kind != DE_IDENT)
			return err(s, e->pos, "D_OP_ARRFUN", "operator [ ] may only be applied to an associative array");
		if (strcmp(e->left->name, "args") == 0 && e->nargs == 1 && e->args->kind == DE_INT &&
		    e->args->ival >= 0 && e->args->ival <= 9) {
			e->kind = DE_IDENT;
			e->name = arena_printf(s->a, "arg%d", (int)e->args->ival);
			return sema_expr(s, e);
		}
		v = var_find(s, VS_GLOBAL, e->left->name);
		if (!v || v->scope != VS_ASSOC)
			return err(s, e->pos, "D_IDENT_UNDEF", "failed to resolve %s: Unknown variable name",
				   e->left->name);
		if (sema_keys(s, e->args) ||
		    key_layout(s, e->pos, e->args, e->nargs, v->keys, NULL, &v->nkeys, &v->keysize, 0,
			       e->left->name))
			return -1;
		e->var = v;
		e->type = &v->type;
		s->cc->needs_scratch = 1;
		return 0;
	case DE_AGG:
		return err(s, e->pos, "D_AGG_SCALAR", "aggregation @%s may not be used in an expression", e->name);
	case DE_CALL:
		return sema_call_expr(s, e);
	case DE_UNARY:
		if (e->op == D_INC || e->op == D_DEC) {
			if (sema_expr(s, e->left))
				return -1;
			if (!is_lvalue(e->left) || !is_int(e->left->type))
				return err(s, e->pos, "D_OP_LVAL",
					   "operator %s requires modifiable lvalue as an operand",
					   e->op == D_INC ? "++" : "--");
			e->type = e->left->type;
			return 0;
		}
		if (sema_expr(s, e->left))
			return -1;
		if (e->op == '*' || e->op == '&')
			return err(s, e->pos, "D_OP_PTR", "operator %c is not supported on this value", e->op);
		if (!is_int(e->left->type))
			return err(s, e->pos, "D_OP_INT", "operator %c requires an operand of integral type", e->op);
		e->type = e->op == '!' ? &T_I32 : arith_type(e->left->type, e->left->type);
		return 0;
	case DE_POSTFIX:
		if (sema_expr(s, e->left))
			return -1;
		if (!is_lvalue(e->left) || !is_int(e->left->type))
			return err(s, e->pos, "D_OP_LVAL", "operator %s requires modifiable lvalue as an operand",
				   e->op == D_INC ? "++" : "--");
		e->type = e->left->type;
		return 0;
	case DE_BINARY:
		return sema_binary(s, e);
	case DE_TERNARY:
		if (sema_expr(s, e->cond) || sema_expr(s, e->left) || sema_expr(s, e->right))
			return -1;
		if (!is_int(e->cond->type))
			return err(s, e->cond->pos, "D_OP_SCALAR", "operator ?: requires a scalar first operand");
		if (is_strlike(e->left->type) != is_strlike(e->right->type))
			return err(s, e->pos, "D_OP_INCOMPAT", "operator ?: operands must have compatible types");
		if (is_strlike(e->left->type)) {
			if (e->left->type->k == TY_PROBEF || e->right->type->k == TY_PROBEF)
				return err(s, e->pos, "D_OP_INCOMPAT",
					   "operator ?: on probe description strings is not supported");
			int sz = e->left->type->size > e->right->type->size ? e->left->type->size
									     : e->right->type->size;
			e->type = type_str(s, sz);
			s->cc->needs_scratch = 1;
		} else {
			e->type = arith_type(e->left->type, e->right->type);
		}
		return 0;
	case DE_CAST: {
		const struct d_type *t;

		if (sema_expr(s, e->left))
			return -1;
		t = typename_type(s, &e->tname);
		if (!t)
			return -1;
		if (t->k == TY_STR && !is_strlike(e->left->type))
			return err(s, e->pos, "D_CAST_INVAL", "invalid cast expression: \"%s\" to \"string\"",
				   type_name(e->left->type));
		if (t->k == TY_INT && !is_int(e->left->type))
			return err(s, e->pos, "D_CAST_INVAL", "invalid cast expression: \"%s\" to \"%s\"",
				   type_name(e->left->type), type_name(t));
		e->type = t->k == TY_STR ? e->left->type : t;
		return 0;
	}
	case DE_SIZEOF_T: {
		const struct d_type *t = typename_type(s, &e->tname);

		if (!t)
			return -1;
		e->kind = DE_INT;
		e->ival = t->k == TY_STR ? s->o->strsize : t->size;
		e->is_unsigned = 1;
		e->type = &T_U64;
		return 0;
	}
	case DE_SIZEOF_E:
		if (sema_expr(s, e->left))
			return -1;
		e->kind = DE_INT;
		e->ival = e->left->type->k == TY_STR ? s->o->strsize : e->left->type->size;
		e->is_unsigned = 1;
		e->type = &T_U64;
		return 0;
	case DE_MEMBER:
		return err(s, e->pos, "D_TYPE_MEMBER", "operator %s cannot be applied here: no kernel types yet",
			   e->op == D_ARROW ? "->" : ".");
	}
	return err(s, e->pos, "D_SYNTAX", "unsupported expression");
}

/* Constant folding of an integer expression known at compile time. */
static int const_value(const struct d_expr *e, int64_t *v)
{
	int64_t a;

	if (e->kind == DE_INT) {
		*v = e->ival;
		return 1;
	}
	if (e->kind == DE_UNARY && e->op == '-' && const_value(e->left, &a)) {
		*v = -a;
		return 1;
	}
	return 0;
}

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
		return err(s, call->pos, "D_AGG_FUNC", "@%s must be assigned an aggregating function",
			   lhs->name);
	f = func_lookup(call->name, &mn, &mx);
	if (!is_agg_func(f))
		return err(s, call->pos, "D_AGG_FUNC", "%s( ) is not an aggregating function", call->name);
	call->func = f;
	if (call->nargs < mn || call->nargs > mx)
		return err(s, call->pos, "D_PROTO_LEN", "%s( ) prototype mismatch: %d arg%s passed, %d expected",
			   call->name, call->nargs, call->nargs == 1 ? "" : "s", mn);
	if (e->op != '=')
		return err(s, e->pos, "D_AGG_FUNC", "aggregations may only be assigned with =");
	if (sema_keys(s, lhs->args))
		return -1;
	int i = 0;
	for (struct d_expr *a = call->args; a; a = a->next, i++) {
		if (sema_expr(s, a))
			return -1;
		if (!is_int(a->type))
			return err(s, a->pos, "D_AGG_SCALAR", "%s( ) argument #%d must be of scalar type",
				   call->name, i + 1);
		if (i >= 1 && i <= 4 && f != F_QUANTIZE && !const_value(a, &param[i - 1]) &&
		    !(f == F_LQUANTIZE && i == 4)) {
			static const char *lq[] = { "D_LQUANT_BASETYPE", "D_LQUANT_LIMTYPE", "D_LQUANT_STEPTYPE" };
			static const char *llq[] = { "D_LLQUANT_FACTORTYPE", "D_LLQUANT_LOWTYPE", "D_LLQUANT_HIGHTYPE",
						     "D_LLQUANT_NSTEPTYPE" };

			return err(s, a->pos, f == F_LQUANTIZE ? lq[i - 1] : llq[i - 1],
				   "%s( ) argument #%d must be an integer constant", call->name, i);
		}
	}
	if (f == F_LQUANTIZE) {
		int64_t base = param[0], limit = param[1], step = call->nargs == 3 ? 1 : param[2];

		if (step <= 0)
			return err(s, call->pos, "D_LQUANT_STEPTYPE",
				   "lquantize( ) argument #3 must be a non-zero positive integer constant");
		if (limit <= base)
			return err(s, call->pos, "D_LQUANT_MISMATCH",
				   "lquantize( ) base (argument #1) must be less than limit (argument #2)");
		if ((limit - base) / step < 1)
			return err(s, call->pos, "D_LQUANT_STEPLARGE",
				   "lquantize( ) step (argument #3) too large: must have at least one quantization level");
		/* a per-CPU map value holds at most 32 KiB: about 4000 buckets */
		if ((limit - base) / step > 4000)
			return err(s, call->pos, "D_LQUANT_STEPSMALL",
				   "lquantize( ) step (argument #3) too small: at most 4000 levels fit a per-CPU map value");
		param[2] = step;
		param[3] = (limit - base) / step;
	}
	if (f == F_LLQUANTIZE) {
		int64_t b[1024];

		if (param[0] < 2)
			return err(s, call->pos, "D_LLQUANT_FACTORVAL",
				   "llquantize( ) argument #1 (factor) must be two or more");
		if (param[1] < 0)
			return err(s, call->pos, "D_LLQUANT_LOWVAL",
				   "llquantize( ) argument #2 (low magnitude) must be non-negative");
		if (param[2] < param[1])
			return err(s, call->pos, "D_LLQUANT_HMAGVAL",
				   "llquantize( ) argument #3 (high magnitude) must be at least argument #2 (low magnitude)");
		if (param[3] < 1)
			return err(s, call->pos, "D_LLQUANT_NSTEPVAL",
				   "llquantize( ) argument #4 (steps) must be a positive integer");
		if (agg_llq_bounds(param[0], param[1], param[2], param[3], b, 1024) < 0)
			return err(s, call->pos, "D_LLQUANT_NSTEPMATCH",
				   "llquantize( ) argument #1 (factor) must evenly divide argument #4 (steps) or be a multiple of it, within 1024 buckets");
	}
	g = agg_find(s, lhs->name);
	if (g) {
		if (g->desc.func != (enum agg_func)(f - F_COUNT) ||
		    memcmp(g->desc.param, param, sizeof(param)) != 0)
			return err(s, e->pos, "D_AGG_REDEF",
				   "aggregation redefined: @%s\n\t current: @%s = %s( )\n\tprevious: @%s = %s( ) : line %d",
				   lhs->name, lhs->name, call->name, lhs->name, g->fname, g->pos.line);
		if (key_layout(s, lhs->pos, lhs->args, lhs->nargs, g->keys, g->keyoff, &g->desc.nkeys,
			       &g->keysize, 0, lhs->name[0] ? lhs->name : "@"))
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
		if (key_layout(s, lhs->pos, lhs->args, lhs->nargs, g->keys, g->keyoff, &g->desc.nkeys,
			       &g->keysize, 1, lhs->name[0] ? lhs->name : "@"))
			return -1;
		g->by_probe = g->desc.nkeys > 0;
		for (int k = 0; k < g->desc.nkeys; k++)
			if (g->keys[k].k != TY_PROBEF)
				g->by_probe = 0;
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

static int rec_slot(struct sema *s, const struct d_type *t)
{
	int sz = t->k == TY_STR ? (t->size + 7) & ~7 : 8;
	int off = s->rec_off;

	s->rec_off += sz;
	return off;
}

static int agg_ref_list(struct sema *s, struct d_expr *args, struct d_act *a, const char *fn)
{
	int n = 0;

	for (struct d_expr *x = args; x; x = x->next)
		n++;
	a->aggs = arena_alloc(s->a, sizeof(int) * (size_t)(n ? n : 1));
	for (struct d_expr *x = args; x; x = x->next) {
		struct d_agg *g;

		if (x->kind != DE_AGG || x->nargs)
			return err(s, x->pos, "D_PRINTA_AGGARG", "%s( ) argument is not an aggregation", fn);
		g = agg_find(s, x->name);
		if (!g)
			return err(s, x->pos, "D_AGG_NULL", "undefined aggregation: @%s", x->name);
		a->aggs[a->naggs++] = g->desc.id;
	}
	return 0;
}

static int sema_record_args(struct sema *s, struct d_act *a, struct d_expr *args, int n)
{
	int i = 0;

	a->args = arena_alloc(s->a, sizeof(*a->args) * (size_t)(n ? n : 1));
	for (struct d_expr *x = args; x; x = x->next, i++) {
		if (sema_expr(s, x))
			return -1;
		if (x->type->k == TY_VOID)
			return err(s, x->pos, "D_PROTO_ARG", "argument #%d of type void cannot be recorded", i + 1);
		a->args[i].type = *x->type;
		if (x->type->k == TY_INT)
			a->args[i].type.size = x->type->size;
		a->args[i].off = rec_slot(s, x->type);
	}
	a->nargs = n;
	s->cc->needs_scratch = 1;
	return 0;
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
		a = act_new(s, ACT_EXIT, e->pos);
		if (sema_record_args(s, a, first, 1))
			return -1;
		if (!is_int(first->type))
			return err(s, first->pos, "D_PROTO_ARG",
				   "exit( ) argument #1 is incompatible with prototype:\n\tprototype: int\n\t argument: %s",
				   type_name(first->type));
		return 0;
	case F_PRINTF: {
		enum dval_kind kinds[64];
		struct d_pos pos[64];
		int i = 0;

		if (first->kind != DE_STR)
			return err(s, first->pos, "D_PRINTF_ARG_FMT", "printf( ) argument #1 must be a string constant");
		a = act_new(s, ACT_PRINTF, e->pos);
		a->fmt = fmt_parse(s->a, first->str, 0, first->pos, s->dg);
		if (!a->fmt)
			return -1;
		if (sema_record_args(s, a, first->next, e->nargs - 1))
			return -1;
		for (struct d_expr *x = first->next; x; x = x->next, i++) {
			kinds[i] = is_strlike(x->type) ? DV_STR : x->type->is_unsigned ? DV_UINT : DV_INT;
			pos[i] = x->pos;
		}
		return fmt_check(a->fmt, kinds, i, pos, e->pos, s->dg);
	}
	case F_PRINTA:
		a = act_new(s, ACT_PRINTA, e->pos);
		if (first->kind == DE_STR) {
			a->fmt = fmt_parse(s->a, first->str, 1, first->pos, s->dg);
			if (!a->fmt)
				return -1;
			first = first->next;
			if (!first)
				return err(s, e->pos, "D_PRINTA_PROTO", "printa( ): aggregation argument expected");
		}
		return agg_ref_list(s, first, a, "printa");
	case F_CLEAR:
	case F_DENORMALIZE:
		a = act_new(s, f == F_CLEAR ? ACT_CLEAR : ACT_DENORMALIZE, e->pos);
		return agg_ref_list(s, first, a, e->name);
	case F_TRUNC:
	case F_NORMALIZE:
		a = act_new(s, f == F_TRUNC ? ACT_TRUNC : ACT_NORMALIZE, e->pos);
		if (first->kind != DE_AGG)
			return err(s, first->pos, "D_TRUNC_AGGARG", "%s( ) argument #1 must be an aggregation", e->name);
		{
			struct d_expr *rest = first->next;

			first->next = NULL;
			if (agg_ref_list(s, first, a, e->name))
				return -1;
			first->next = rest;
			if (rest) {
				if (sema_record_args(s, a, rest, 1))
					return -1;
				if (!is_int(rest->type))
					return err(s, rest->pos, "D_PROTO_ARG",
						   "%s( ) argument #2 must be an integer", e->name);
			}
		}
		return 0;
	case F_SETOPT:
		if (first->kind != DE_STR || (first->next && first->next->kind != DE_STR))
			return err(s, first->pos, "D_PROTO_ARG", "setopt( ) arguments must be string constants");
		a = act_new(s, ACT_SETOPT, e->pos);
		a->optname = first->str;
		a->optval = first->next ? first->next->str : NULL;
		return 0;
	}
	return err(s, e->pos, "D_SYNTAX", "unsupported action %s", e->name);
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
				return err(s, e->pos, "D_OP_SCALAR", "if condition must be of scalar type");
			if (sema_stmt(s, st->then) || sema_stmt(s, st->els))
				return -1;
			break;
		case DS_EXPR:
			if (e->kind == DE_BINARY && e->left->kind == DE_AGG && e->right->kind == DE_CALL) {
				if (sema_aggassign(s, e))
					return -1;
				break;
			}
			if (e->kind == DE_CALL) {
				int mn, mx, f = func_lookup(e->name, &mn, &mx);

				if (is_action(f)) {
					e->func = f;
					if (e->nargs < mn || e->nargs > mx)
						return err(s, e->pos, "D_PROTO_LEN",
							   "%s( ) prototype mismatch: %d arg%s passed, %d expected", e->name,
							   e->nargs, e->nargs == 1 ? "" : "s", mn);
					if (sema_action(s, e))
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
};

static void on_match(const struct probe *p, void *arg)
{
	struct match_ctx *m = arg;
	struct d_cclause *cc = m->cc;
	int r;

	switch (p->kind) {
	case PK_BEGIN:
		cc->begin = 1;
		break;
	case PK_END:
		cc->end = 1;
		break;
	case PK_ERROR:
		cc->error = 1;
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
		for (int i = 0; i < cc->nprof; i++)
			if (cc->prof[i] == p->id)
				return;
		cc->prof[cc->nprof++] = p->id;
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
	cc->prof = arena_alloc(s->a, sizeof(uint32_t) * 64);
	for (const struct d_probedesc *pd = c->probes; pd; pd = pd->next) {
		struct match_ctx m = { s, cc, 0 };
		int n;

		if (cc->nprof > 60)
			return err(s, pd->pos, "D_PDESC_INVAL", "too many profile probes in one clause");
		n = probe_match(s->o->pt, expand_field(s, pd->prov), expand_field(s, pd->mod),
				expand_field(s, pd->func), expand_field(s, pd->name), on_match, &m);
		if (n == -EINVAL)
			return err(s, pd->pos, "D_PDESC_INVAL", "invalid probe description \"%s\": bad rate",
				   pd->text);
		if (n < 0)
			return err(s, pd->pos, "D_NOMEM", "out of memory matching probes");
		if (n == 0 && !s->o->zdefs) {
			err(s, pd->pos, "D_PDESC_ZERO", "probe description %s does not match any probes", pd->text);
			s->dg->noline = 1;
			return -1;
		}
	}
	return 0;
}

static int count_enabled(struct dprog *dp)
{
	int n = 0;
	const struct probe_table *pt = dp->pt;
	uint8_t *seen = calloc(pt->n, 1);

	if (!seen)
		return 0;
	for (int i = 0; i < dp->nclauses; i++) {
		struct d_cclause *cc = &dp->clauses[i];

		if (cc->begin)
			seen[PROBE_ID_BEGIN] = 1;
		if (cc->end)
			seen[PROBE_ID_END] = 1;
		if (cc->error)
			seen[PROBE_ID_ERROR] = 1;
		for (int r = 0; r < 2; r++)
			for (int nr = 0; nr < pt->nsyscalls; nr++)
				if (cc->sysmask[r][nr / 8] & (1u << (nr % 8)))
					seen[probe_syscall_id(nr, r)] = 1;
		for (int k = 0; k < cc->nprof; k++)
			seen[cc->prof[k]] = 1;
	}
	for (size_t i = 0; i < pt->n; i++)
		n += seen[i];
	free(seen);
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
		const struct d_type *t = typename_type(&s, &d->tname);
		enum var_scope sc = d->scope == D_SCOPE_SELF ? VS_SELF : d->scope == D_SCOPE_THIS ? VS_THIS : VS_GLOBAL;
		struct d_var *v;

		if (!t)
			return -1;
		if (var_find(&s, sc, d->name))
			return err(&s, d->pos, "D_DECL_IDRED", "identifier redeclared: %s", d->name);
		if (builtin_lookup(d->name))
			return err(&s, d->pos, "D_DECL_IDRED", "identifier redeclared: %s", d->name);
		if (d->is_assoc) {
			struct d_expr keys[8];

			if (d->nkeys > 8)
				return err(&s, d->pos, "D_ARR_LIMIT", "too many key components");
			memset(keys, 0, sizeof(keys));
			for (int k = 0; k < d->nkeys; k++) {
				keys[k].type = typename_type(&s, &d->keys[k]);
				if (!keys[k].type)
					return -1;
				keys[k].next = k + 1 < d->nkeys ? &keys[k + 1] : NULL;
			}
			v = var_new(&s, VS_ASSOC, d->name, t);
			v->map = -1;
			if (key_layout(&s, d->pos, d->nkeys ? keys : NULL, d->nkeys, v->keys, NULL, &v->nkeys,
				       &v->keysize, 1, d->name))
				return -1;
		} else {
			v = var_new(&s, sc, d->name, t);
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
		if (c->pred) {
			if (sema_expr(&s, c->pred))
				return -1;
			if (c->pred->type->k != TY_INT)
				return err(&s, c->pred->pos, "D_PRED_SCALAR",
					   "predicate result must be of scalar type");
		}
		if (sema_stmt(&s, c->body))
			return -1;
		cc->recsize = s.rec_off;
		cc->records = cc->nacts > 0 || !c->body;
		if (cc->nacts > 32)
			return err(&s, c->pos, "D_ACT_MAX", "too many data-recording actions in one clause (max 32)");
	}
	out->nclauses = i;
	if (s.this_size > MAX_THIS)
		return err(&s, p->clauses ? p->clauses->pos : (struct d_pos){ 0, 0 }, "D_THIS_MAX",
			   "clause-local variables need %d bytes of BPF stack; at most %d are available",
			   s.this_size, MAX_THIS);
	out->aggv = arena_alloc(a, sizeof(*out->aggv) * (size_t)(out->naggs ? out->naggs : 1));
	for (struct d_agg *g = out->aggs; g; g = g->next)
		out->aggv[g->desc.id] = g;
	out->nprobes = count_enabled(out);
	out->tls_size = TLS_HDR + s.tls_size;
	out->globals_size = GLOBALS_HDR + s.globals_size;
	out->this_size = s.this_size;
	return 0;
}
