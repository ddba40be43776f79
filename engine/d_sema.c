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
#include <unistd.h>

#include "d_sema.h"
#include "uregs.h"

void dcomp_opts_default(struct dcomp_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->strsize = 256;
	o->target = -1;
	o->bufsize = 4 << 20;
	o->aggsize = 4 << 20;
	o->dynvarsize = 1 << 20;
	o->nspec = 1;
	o->specsize = 4 << 20;
	o->stackframes = 20;
	o->ustackframes = 100;
	o->ustackbytes = 8192;
	o->ustack_fp = -1;
	o->ncpus = 1;
}

const struct d_type *sema_type_new(struct sema *s, struct d_type t)
{
	struct d_type *p = arena_alloc(s->a, sizeof(*p));

	*p = t;
	return p;
}

const struct d_type *sema_type_str(struct sema *s, int size)
{
	return sema_type_new(s, (struct d_type){ TY_STR, size, 0, 0, NULL });
}

const char *sema_type_name(const struct d_type *t)
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
	case TY_STRUCT:
		return t->st ? t->st->name : "struct";
	case TY_STACK:
		return "stack";
	case TY_SYM:
		return "_symaddr";
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

/* Identifiers resolved elsewhere, not by the table above: args[] and the
 * translated structures (d_sema_xl.c), uregs[] (sema_expr's DE_INDEX). */
static const char *const builtins_other[] = { "args", "curpsinfo", "curlwpsinfo", "uregs" };

const char *sema_builtin_name(int i)
{
	size_t n = sizeof(builtins) / sizeof(builtins[0]),
	       m = sizeof(builtins_other) / sizeof(builtins_other[0]);

	if (i < 0)
		return NULL;
	if ((size_t)i < n)
		return builtins[i].name;
	return (size_t)i < n + m ? builtins_other[(size_t)i - n] : NULL;
}

int sema_builtin_lookup(const char *name)
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
		return sema_type_str(s, 16);
	case B_TIMESTAMP:
	case B_VTIMESTAMP:
	case B_WALLTIMESTAMP:
		return &T_U64;
	case B_PROBEPROV:
	case B_PROBEMOD:
	case B_PROBEFUNC:
	case B_PROBENAME:
		return sema_type_new(s, (struct d_type){ TY_PROBEF, 4, 1, b - B_PROBEPROV, NULL });
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
	{ "speculate", F_SPECULATE, 1, 1 },
	{ "commit", F_COMMIT, 1, 1 },
	{ "discard", F_DISCARD, 1, 1 },
	{ "stop", F_STOP, 0, 0 },
	{ "raise", F_RAISE, 1, 1 },
	{ "system", F_SYSTEM, 1, 64 },
	{ "chill", F_CHILL, 1, 1 },
	{ "panic", F_PANIC, 0, 0 },
	{ "speculation", F_SPECULATION, 0, 0 },
	{ "strlen", F_STRLEN, 1, 1 },
	{ "copyinstr", F_COPYINSTR, 1, 2 },
	{ "copyin", F_COPYIN, 2, 2 },
	{ "stringof", F_STRINGOF, 1, 1 },
	{ "strjoin", F_STRJOIN, 2, 2 },
	{ "lltostr", F_LLTOSTR, 1, 1 },
	{ "toupper", F_TOUPPER, 1, 1 },
	{ "tolower", F_TOLOWER, 1, 1 },
	{ "basename", F_BASENAME, 1, 1 },
	{ "dirname", F_DIRNAME, 1, 1 },
	{ "stack", F_STACK, 0, 1 },
	{ "ustack", F_USTACK, 0, 2 },
	{ "func", F_FUNC, 1, 1 },
	{ "sym", F_SYM, 1, 1 },
	{ "mod", F_MOD, 1, 1 },
	{ "ufunc", F_UFUNC, 1, 1 },
	{ "usym", F_USYM, 1, 1 },
	{ "umod", F_UMOD, 1, 1 },
	{ "uaddr", F_UADDR, 1, 1 },
	{ "substr", F_SUBSTR, 2, 3 },
	{ "index", F_INDEX, 2, 3 },
	{ "rindex", F_RINDEX, 2, 3 },
	{ "strstr", F_STRSTR, 2, 2 },
	{ "strchr", F_STRCHR, 2, 2 },
	{ "strrchr", F_STRRCHR, 2, 2 },
	{ "strtok", F_STRTOK, 2, 2 },
	{ "inet_ntoa", F_INET_NTOA, 1, 1 },
	{ "inet_ntop", F_INET_NTOP, 2, 2 },
	{ "htons", F_HTONS, 1, 1 },
	{ "htonl", F_HTONL, 1, 1 },
	{ "htonll", F_HTONLL, 1, 1 },
	{ "ntohs", F_NTOHS, 1, 1 },
	{ "ntohl", F_NTOHL, 1, 1 },
	{ "ntohll", F_NTOHLL, 1, 1 },
	{ "rand", F_RAND, 0, 0 },
	{ "progenyof", F_PROGENYOF, 1, 1 },
};

const char *sema_func_name(int i)
{
	return i >= 0 && (size_t)i < sizeof(funcs) / sizeof(funcs[0]) ? funcs[i].name : NULL;
}

int sema_func_lookup(const char *name, int *minargs, int *maxargs)
{
	for (size_t i = 0; i < sizeof(funcs) / sizeof(funcs[0]); i++)
		if (strcmp(funcs[i].name, name) == 0) {
			*minargs = funcs[i].minargs;
			*maxargs = funcs[i].maxargs;
			return funcs[i].f;
		}
	return F_NONE;
}

int sema_is_agg_func(int f)
{
	return f >= F_COUNT && f <= F_LLQUANTIZE;
}

int sema_is_action(int f)
{
	return f >= F_TRACE && f <= F_PANIC;
}

/* ---- variables ---- */

struct d_var *sema_var_find(struct sema *s, enum var_scope sc, const char *name)
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

struct d_var *sema_var_new(struct sema *s, enum var_scope sc, const char *name, const struct d_type *t)
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

int sema_err(struct sema *s, struct d_pos pos, const char *tag, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	d_diag_verror(s->dg, pos, tag, fmt, ap);
	va_end(ap);
	return -1;
}

int sema_is_int(const struct d_type *t)
{
	return t->k == TY_INT;
}

int sema_is_strlike(const struct d_type *t)
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

const struct d_type *sema_typename_type(struct sema *s, const struct d_typename *tn)
{
	static const struct {
		const char *name;
		int size, uns;
	} named[] = {
		{ "int8_t", 1, 0 },	  { "int16_t", 2, 0 },	  { "int32_t", 4, 0 },	{ "int64_t", 8, 0 },
		{ "uint8_t", 1, 1 },	  { "uint16_t", 2, 1 },	  { "uint32_t", 4, 1 }, { "uint64_t", 8, 1 },
		{ "intptr_t", 8, 0 },	  { "uintptr_t", 8, 1 },  { "size_t", 8, 1 },	{ "ssize_t", 8, 0 },
		{ "uchar_t", 1, 1 },	  { "ushort_t", 2, 1 },	  { "uint_t", 4, 1 },	{ "ulong_t", 8, 1 },
		{ "u_longlong_t", 8, 1 }, { "longlong_t", 8, 0 }, { "pid_t", 4, 0 },	{ "uid_t", 4, 1 },
		{ "gid_t", 4, 1 },	  { "id_t", 4, 0 },	  { "hrtime_t", 8, 0 }, { "off_t", 8, 0 },
	};

	if (tn->ptr)
		return &T_U64;
	switch (tn->kind) {
	case DT_CHAR:
		return sema_type_new(s, (struct d_type){ TY_INT, 1, tn->is_unsigned, 0, NULL });
	case DT_SHORT:
		return sema_type_new(s, (struct d_type){ TY_INT, 2, tn->is_unsigned, 0, NULL });
	case DT_INT:
		return tn->is_unsigned ? &T_U32 : &T_I32;
	case DT_LONG:
	case DT_LONGLONG:
		return tn->is_unsigned ? &T_U64 : &T_I64;
	case DT_STRING:
		return sema_type_str(s, s->o->strsize);
	case DT_VOID:
		return &T_VOID;
	case DT_NAMED:
		for (size_t i = 0; i < sizeof(named) / sizeof(named[0]); i++)
			if (strcmp(named[i].name, tn->name) == 0)
				return sema_type_new(
				    s, (struct d_type){ TY_INT, named[i].size, named[i].uns, 0, NULL });
		break;
	case DT_NONE:
		break;
	}
	sema_err(s, tn->pos, "D_TYPE_ERR", "failed to resolve type %s", tn->name ? tn->name : "?");
	return NULL;
}

/* ---- macros ($1, $target, ...) ---- */

static int sema_macro(struct sema *s, struct d_expr *e)
{
	const char *n = e->name;
	char *end;
	long idx;

	/* dtrace's process macros describe the dscope process itself */
	static const struct {
		const char *name;
		int which;
	} procvars[] = { { "target", 0 }, { "pid", 1 },	 { "ppid", 2 }, { "uid", 3 }, { "gid", 4 },
			 { "euid", 5 },	  { "egid", 6 }, { "pgid", 7 }, { "sid", 8 } };

	for (size_t i = 0; i < sizeof(procvars) / sizeof(procvars[0]); i++) {
		int64_t v;

		if (strcmp(n, procvars[i].name) != 0)
			continue;
		switch (procvars[i].which) {
		case 0:
			v = s->o->target < 0 ? 0 : s->o->target;
			break;
		case 1:
			v = s->o->self_pid;
			break;
		case 2:
			v = getppid();
			break;
		case 3:
			v = getuid();
			break;
		case 4:
			v = getgid();
			break;
		case 5:
			v = geteuid();
			break;
		case 6:
			v = getegid();
			break;
		case 7:
			v = getpgid(0);
			break;
		default:
			v = getsid(0);
			break;
		}
		e->kind = DE_INT;
		e->ival = v;
		e->type = &T_I32;
		return 0;
	}
	idx = strtol(n, &end, 10);
	if (*end || idx < 0)
		return sema_err(s, e->pos, "D_MACRO_UNDEF", "macro variable $%s is not defined", n);
	if (idx >= 1 && idx > s->o->nmacros && s->o->defaultargs) {
		/* -x defaultargs: a missing argument is 0, or "" for $$N */
		if (e->is_string) {
			e->kind = DE_STR;
			e->str = "";
			e->slen = 0;
			e->type = sema_type_str(s, 1);
		} else {
			e->kind = DE_INT;
			e->ival = 0;
			e->type = &T_I32;
		}
		return 0;
	}
	if (idx >= 1 && idx > s->o->nmacros)
		return sema_err(s, e->pos, "D_MACRO_UNDEF", "macro argument %s$%ld is not defined",
				e->is_string ? "$" : "", idx);
	const char *val = idx == 0 ? (s->o->progname ? s->o->progname : "dscope") : s->o->macros[idx - 1];

	if (e->is_string || idx == 0) {
		e->kind = DE_STR;
		e->str = val;
		e->slen = (int)strlen(val);
		e->type = sema_type_str(s, e->slen + 1);
		return 0;
	}
	errno = 0;
	long long iv = strtoll(val, &end, 0);
	if (errno || *end || end == val)
		return sema_err(
		    s, e->pos, "D_MACRO_UNUSED",
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
int sema_keys(struct sema *s, struct d_expr *args)
{
	for (struct d_expr *k = args; k; k = k->next) {
		if (sema_expr(s, k))
			return -1;
		if (k->type->k == TY_VOID)
			return sema_err(s, k->pos, "D_KEY_TYPE",
					"key expression of type void is not allowed");
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
		off += d_type_slot(&keys[i]);
	}
	*keysize = off;
}

/*
 * Fix the key layout on first use; later uses must match in arity and kind.
 * A string component is as wide as the widest string used there (capped at
 * strsize): code is generated after the whole program is resolved, so the
 * layout may still grow here.
 */
int sema_key_layout(struct sema *s, struct d_pos pos, struct d_expr *args, int nargs, struct d_type *keys,
		    int *keyoff, int *nkeys, int *keysize, int first, const char *what)
{
	int i = 0;

	if (nargs > 8)
		return sema_err(s, pos, "D_ARR_LIMIT", "%s has too many key components (max 8)", what);
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
		return sema_err(s, pos, "D_PROTO_LEN",
				"%s[ ] prototype mismatch: %d key%s passed, %d expected", what, nargs,
				nargs == 1 ? "" : "s", *nkeys);
	for (struct d_expr *k = args; k; k = k->next, i++) {
		int ks = sema_is_strlike(k->type), ps = sema_is_strlike(&keys[i]);

		if (ks != ps)
			return sema_err(
			    s, pos, "D_PROTO_ARG",
			    "%s[ ] key #%d is incompatible with prototype:\n\tprototype: %s\n\t      key: %s",
			    what, i + 1, sema_type_name(&keys[i]), sema_type_name(k->type));
		/* a probe field next to another string: the component becomes a
		 * string, and the probe field is named in the kernel */
		if ((keys[i].k == TY_PROBEF) != (k->type->k == TY_PROBEF)) {
			int sz = keys[i].k == TY_STR ? keys[i].size : 64;

			keys[i] =
			    (struct d_type){ TY_STR, sz < s->o->strsize ? sz : s->o->strsize, 0, 0, NULL };
		}
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
		if (lhs->kind == DE_IDENT && sema_builtin_lookup(lhs->name))
			return sema_err(s, lhs->pos, "D_OP_WRITE",
					"operator = can only be applied to a writable variable");
		sc = lhs->kind == DE_SELF ? VS_SELF : lhs->kind == DE_THIS ? VS_THIS : VS_GLOBAL;
		v = sema_var_find(s, sc, lhs->name);
		if (v && v->scope == VS_ASSOC)
			return sema_err(s, lhs->pos, "D_ARR_BADREF",
					"%s is an associative array and needs a key", lhs->name);
		if (!v) {
			if (rt->k == TY_VOID)
				return sema_err(s, lhs->pos, "D_OP_VOID",
						"cannot assign a void expression to %s", lhs->name);
			struct d_type t = *rt;
			if (t.k == TY_PROBEF)
				t = (struct d_type){ TY_STR, s->o->strsize, 0, 0, NULL };
			v = sema_var_new(s, sc, lhs->name, &t);
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
			return sema_err(s, lhs->pos, "D_OP_LVAL",
					"operator = requires modifiable lvalue as an operand");
		if (sema_keys(s, lhs->args))
			return -1;
		v = sema_var_find(s, VS_GLOBAL, lhs->left->name);
		if (v && v->scope != VS_ASSOC)
			return sema_err(s, lhs->pos, "D_ARR_BADREF", "%s is a scalar and cannot be indexed",
					lhs->left->name);
		if (!v) {
			struct d_type t = *rt;

			if (t.k == TY_VOID)
				return sema_err(s, lhs->pos, "D_OP_VOID", "cannot assign a void expression");
			if (t.k == TY_PROBEF)
				t = (struct d_type){ TY_STR, s->o->strsize, 0, 0, NULL };
			v = sema_var_new(s, VS_ASSOC, lhs->left->name, &t);
			if (sema_key_layout(s, lhs->pos, lhs->args, lhs->nargs, v->keys, NULL, &v->nkeys,
					    &v->keysize, 1, lhs->left->name))
				return -1;
			v->map = -1;
		} else if (sema_key_layout(s, lhs->pos, lhs->args, lhs->nargs, v->keys, NULL, &v->nkeys,
					   &v->keysize, 0, lhs->left->name)) {
			return -1;
		}
		v->defined = 1;
		lhs->var = v;
		lhs->type = &v->type;
		return 0;
	}
	return sema_err(s, lhs->pos, "D_OP_LVAL", "operator = requires modifiable lvalue as an operand");
}

static int check_assign_types(struct sema *s, struct d_expr *e, const struct d_type *lt,
			      const struct d_type *rt)
{
	if (sema_is_strlike(lt) != sema_is_strlike(rt) || rt->k == TY_VOID)
		return sema_err(s, e->pos, "D_OP_INCOMPAT",
				"operands have incompatible types: \"%s\" = \"%s\"", sema_type_name(lt),
				sema_type_name(rt));
	return 0;
}

static int sema_binary(struct sema *s, struct d_expr *e)
{
	int op = e->op;

	if (op == '=' || (op >= D_ADD_ASSIGN && op <= D_SHR_ASSIGN)) {
		if (e->left->kind == DE_AGG)
			return sema_err(s, e->pos, "D_AGG_SCALAR",
					"aggregation @%s must be assigned an aggregating function",
					e->left->name);
		if (sema_expr(s, e->right))
			return -1;
		if (op != '=') {
			if (sema_expr(s, e->left))
				return -1;
			if (!is_lvalue(e->left))
				return sema_err(s, e->pos, "D_OP_LVAL",
						"operator %s requires modifiable lvalue as an operand",
						"op=");
			if (!sema_is_int(e->left->type) || !sema_is_int(e->right->type))
				return sema_err(s, e->pos, "D_OP_INT",
						"operator %s requires operands of integral type",
						d_op_name(op));
			if ((op == D_DIV_ASSIGN || op == D_MOD_ASSIGN) && e->right->kind == DE_INT &&
			    e->right->ival == 0)
				return sema_err(s, e->pos, "D_DIV_ZERO",
						"expression contains division by zero");
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
		if ((op == D_EQ || op == D_NE) && sema_str_null_cmp(e)) {
			e->type = &T_I32;
			return 0;
		}
		if (sema_is_strlike(l) != sema_is_strlike(r))
			return sema_err(s, e->pos, "D_OP_INCOMPAT",
					"operands have incompatible types: \"%s\" %s \"%s\"",
					sema_type_name(l),
					op == D_EQ   ? "=="
					: op == D_NE ? "!="
						     : "<>",
					sema_type_name(r));
		if (l->k == TY_VOID || r->k == TY_VOID)
			return sema_err(s, e->pos, "D_OP_SCALAR", "operator requires scalar operands");
		e->type = &T_I32;
		if (sema_is_int(l))
			e->optype = arith_type(l, r);
		return 0;
	case D_LAND:
	case D_LOR:
	case D_LXOR:
		if (!sema_is_int(l) || !sema_is_int(r))
			return sema_err(s, e->pos, "D_OP_SCALAR",
					"operator requires operands of scalar type");
		e->type = &T_I32;
		return 0;
	case ',':
		e->type = r;
		return 0;
	default: {
		int arith = op == '+' || op == '-' || op == '*' || op == '/';

		if (!sema_is_int(l) || !sema_is_int(r))
			return sema_err(s, e->pos, arith ? "D_OP_ARITH" : "D_OP_INT",
					"operator %s requires operands of %s type", d_op_name(op),
					arith ? "arithmetic" : "integral");
		if ((op == '/' || op == '%') && e->right->kind == DE_INT && e->right->ival == 0)
			return sema_err(s, e->pos, "D_DIV_ZERO", "expression contains division by zero");
		/* a shift has the (promoted) type of its left operand */
		e->type = op == D_SHL || op == D_SHR ? arith_type(l, l) : arith_type(l, r);
		return 0;
	}
	}
}

static int sema_call_expr(struct sema *s, struct d_expr *e)
{
	int mn, mx, f = sema_func_lookup(e->name, &mn, &mx);

	if (f == F_NONE)
		return sema_err(s, e->pos, "D_FUNC_UNDEF", "undefined function name: %s", e->name);
	if (sema_is_agg_func(f))
		return sema_err(s, e->pos, "D_AGG_FUNC", "%s( ) may only be used as an aggregating function",
				e->name);
	if (sema_is_action(f))
		return sema_err(s, e->pos, "D_ACT_SPEC", "%s( ) may not be used in an expression", e->name);
	e->func = f;
	if (e->nargs < mn || e->nargs > mx)
		return sema_err(s, e->pos, "D_PROTO_LEN",
				"%s( ) prototype mismatch: %d arg%s passed, %s%d expected", e->name, e->nargs,
				e->nargs == 1 ? "" : "s",
				mn == mx	? ""
				: e->nargs < mn ? "at least "
						: "at most ",
				e->nargs < mn ? mn : mx);
	if (f >= F_SUBSTR)
		return sema_subr_str(s, e);
	if (f >= F_STACK && f <= F_UADDR)
		return sema_stack_call(s, e);
	int argno = 0;

	for (struct d_expr *a = e->args; a; a = a->next) {
		/* which arguments are strings, which integers */
		int want_str = f == F_STRLEN || f == F_STRJOIN || f == F_TOUPPER || f == F_TOLOWER ||
			       f == F_BASENAME || f == F_DIRNAME;
		int want_int = f == F_COPYINSTR || f == F_LLTOSTR || f == F_COPYIN;

		argno++;
		if (sema_expr(s, a))
			return -1;
		if ((want_str && a->type->k != TY_STR) || (want_int && !sema_is_int(a->type)))
			return sema_err(s, a->pos, "D_PROTO_ARG",
					"%s( ) argument #%d is incompatible with prototype:\n\tprototype: "
					"%s\n\t argument: %s",
					e->name, argno, want_str ? "string" : "int64_t",
					sema_type_name(a->type));
	}
	switch (f) {
	case F_SPECULATION:
		/* an int id, 0 when every slot is taken */
		s->dp->uses_spec = 1;
		e->type = &T_I32;
		return 0;
	case F_STRLEN:
		e->type = &T_U64;
		break;
	case F_COPYIN: {
		/* the bytes, as a buffer one longer than a constant size (up to
		 * MAX_COPYIN), or than strsize for a computed one */
		int64_t n;

		if (sema_const_value(e->args->next, &n)) {
			if (n <= 0 || n > MAX_COPYIN)
				return sema_err(s, e->args->next->pos, "D_COPYIN_SIZE",
						"copyin( ) size must be between 1 and %d bytes", MAX_COPYIN);
			e->type = sema_type_str(s, (int)n + 1);
		} else {
			e->type = sema_type_str(s, s->o->strsize + 1);
		}
		break;
	}
	case F_LLTOSTR:
		e->type = sema_type_str(s, 24);
		break;
	case F_STRINGOF:
		e->type = e->args->type->k == TY_STR ? e->args->type : sema_type_str(s, s->o->strsize);
		break;
	default:
		e->type = sema_type_str(s, s->o->strsize);
		break;
	}
	if (f != F_STRLEN)
		s->cc->needs_scratch = 1;
	return 0;
}

/* c ? l : r.  A constant condition selects its branch at compile time, as
 * dtrace's parser does: the other branch's type does not matter then. */
static int sema_ternary(struct sema *s, struct d_expr *e)
{
	int64_t c;

	if (sema_expr(s, e->cond))
		return -1;
	if (sema_const_value(e->cond, &c)) {
		struct d_expr *pick = c ? e->left : e->right, *next = e->next;

		if (sema_expr(s, pick))
			return -1;
		*e = *pick;
		e->next = next;
		return 0;
	}
	if (sema_expr(s, e->left) || sema_expr(s, e->right))
		return -1;
	if (!sema_is_int(e->cond->type))
		return sema_err(s, e->cond->pos, "D_OP_SCALAR",
				"operator ?: requires a scalar first operand");
	if (sema_is_strlike(e->left->type) != sema_is_strlike(e->right->type))
		return sema_err(s, e->pos, "D_OP_INCOMPAT",
				"operator ?: operands must have compatible types");
	if (sema_is_strlike(e->left->type)) {
		int sz;

		if (e->left->type->k == TY_PROBEF || e->right->type->k == TY_PROBEF)
			return sema_err(s, e->pos, "D_OP_INCOMPAT",
					"operator ?: on probe description strings is not supported");
		sz = e->left->type->size > e->right->type->size ? e->left->type->size : e->right->type->size;
		e->type = sema_type_str(s, sz);
		s->cc->needs_scratch = 1;
	} else {
		e->type = arith_type(e->left->type, e->right->type);
	}
	return 0;
}

/* x++ on a name never assigned creates it as int64_t, as dtrace does; a
 * builtin cannot be written. */
static int sema_incdec_target(struct sema *s, struct d_expr *e)
{
	struct d_expr *l = e->left;
	enum var_scope sc;

	if (l->kind == DE_IDENT && sema_builtin_lookup(l->name))
		return sema_err(s, e->pos, "D_OP_WRITE",
				"operator %s can only be applied to a writable variable",
				e->op == D_INC ? "++" : "--");
	if (l->kind != DE_IDENT && l->kind != DE_SELF && l->kind != DE_THIS)
		return 0;
	sc = l->kind == DE_SELF ? VS_SELF : l->kind == DE_THIS ? VS_THIS : VS_GLOBAL;
	struct d_var *v = sema_var_find(s, sc, l->name);

	if (!v)
		v = sema_var_new(s, sc, l->name, &T_I64);
	v->defined = 1;
	if (sc == VS_SELF)
		s->cc->needs_tls = 1;
	return 0;
}

int sema_expr(struct sema *s, struct d_expr *e)
{
	struct d_var *v;

	switch (e->kind) {
	case DE_INT:
		if (e->isize == 4)
			e->type = e->is_unsigned ? &T_U32 : &T_I32;
		else if (e->isize == 8)
			e->type = e->is_unsigned ? &T_U64 : &T_I64;
		else
			e->type = e->is_unsigned				   ? &T_U64
				  : (e->ival >= INT32_MIN && e->ival <= INT32_MAX) ? &T_I32
										   : &T_I64;
		return 0;
	case DE_STR:
		e->type = sema_type_str(s, e->slen + 1);
		return 0;
	case DE_MACRO:
		return sema_macro(s, e);
	case DE_IDENT:
		e->builtin = sema_builtin_lookup(e->name);
		if (e->builtin) {
			e->type = builtin_type(s, e->builtin);
			if (e->builtin == B_VTIMESTAMP)
				s->dp->uses_vtime = 1;
			if (e->builtin == B_PPID)
				s->dp->needs_ktypes = 1;
			if (e->builtin == B_TIMESTAMP || e->builtin == B_WALLTIMESTAMP)
				s->dp->uses_ts = 1;
			return 0;
		}
		if (sema_b_flag(e->name, &e->ival)) {
			e->kind = DE_INT;
			e->isize = 4;
			e->is_unsigned = 0;
			return sema_expr(s, e);
		}
		v = sema_var_find(s, VS_GLOBAL, e->name);
		if (!v && strcmp(e->name, "NULL") == 0) {
			/* dtrace's null pointer constant */
			e->kind = DE_INT;
			e->ival = 0;
			e->isize = 8;
			e->is_unsigned = 1;
			e->type = &T_U64;
			return 0;
		}
		if ((!v || !v->defined) && uregs_const(e->name, &e->ival)) {
			/* R_RAX, R_PC, ...: dtrace's inline constants */
			e->kind = DE_INT;
			e->isize = 4;
			return sema_expr(s, e);
		}
		if (!v || !v->defined)
			return sema_err(s, e->pos, "D_IDENT_UNDEF",
					"failed to resolve %s: Unknown variable name", e->name);
		if (v->scope == VS_ASSOC)
			return sema_err(s, e->pos, "D_ARR_BADREF",
					"%s is an associative array and needs a key", e->name);
		e->var = v;
		e->type = &v->type;
		return 0;
	case DE_SELF:
	case DE_THIS:
		v = sema_var_find(s, e->kind == DE_SELF ? VS_SELF : VS_THIS, e->name);
		if (!v || !v->defined)
			return sema_err(s, e->pos, "D_VAR_UNDEF",
					"%s->%s has not yet been declared or assigned",
					e->kind == DE_SELF ? "self" : "this", e->name);
		e->var = v;
		e->type = &v->type;
		if (e->kind == DE_SELF)
			s->cc->needs_tls = 1;
		else
			s->cc->needs_scratch = 1;
		return 0;
	case DE_INDEX:
		if (e->left->kind == DE_MEMBER)
			return sema_index_member(s, e);
		if (e->left->kind == DE_IDENT && strcmp(e->left->name, "args") == 0 &&
		    sema_is_struct_arg(s, e))
			return sema_err(s, e->pos, "D_TYPE_ERR",
					"args[%d] is a pointer to a translated type: use its members",
					(int)e->args->ival);
		if (e->left->kind == DE_IDENT && strcmp(e->left->name, "args") == 0 && e->nargs == 1 &&
		    e->args->kind == DE_INT && e->args->ival == 0 && s->cc->kinds == 1ull << PK_PROC_EXEC &&
		    !s->cc->nprof && !s->cc->nsys[0] && !s->cc->nsys[1] && !s->cc->nuids[0] &&
		    !s->cc->nuids[1]) {
			/* exec's args[0] is the path, a string */
			e->kind = DE_CALL;
			e->name = "copyinstr";
			e->args->kind = DE_IDENT;
			e->args->name = "arg0";
			e->nargs = 1;
			return sema_expr(s, e);
		}
		if (e->left->kind != DE_IDENT)
			return sema_err(s, e->pos, "D_OP_ARRFUN",
					"operator [ ] may only be applied to an associative array");
		if (strcmp(e->left->name, "args") == 0 && e->nargs == 1 && e->args->kind == DE_INT &&
		    e->args->ival >= 0 && e->args->ival <= 9) {
			e->kind = DE_IDENT;
			e->name = arena_printf(s->a, "arg%d", (int)e->args->ival);
			return sema_expr(s, e);
		}
		v = sema_var_find(s, VS_GLOBAL, e->left->name);
		if (!v && strcmp(e->left->name, "uregs") == 0 && e->nargs == 1) {
			if (sema_expr(s, e->args))
				return -1;
			int64_t idx;

			if (!sema_is_int(e->args->type))
				return sema_err(s, e->args->pos, "D_PROTO_ARG",
						"uregs[ ] argument #1 is incompatible with prototype:\n"
						"\tprototype: integer constant\n\t argument: %s",
						sema_type_name(e->args->type));
			if (sema_const_value(e->args, &idx) && idx < 0)
				return sema_err(s, e->args->pos, "D_REGS_IDX",
						"index %lld is out of range for array uregs", (long long)idx);
			e->builtin = B_UREGS;
			e->type = &T_U64;
			return 0;
		}
		if (!v || v->scope != VS_ASSOC)
			return sema_err(s, e->pos, "D_VAR_UNDEF", "%s has not yet been declared or assigned",
					e->left->name);
		if (sema_keys(s, e->args) || sema_key_layout(s, e->pos, e->args, e->nargs, v->keys, NULL,
							     &v->nkeys, &v->keysize, 0, e->left->name))
			return -1;
		e->var = v;
		e->type = &v->type;
		s->cc->needs_scratch = 1;
		return 0;
	case DE_AGG:
		return sema_err(s, e->pos, "D_AGG_SCALAR", "aggregation @%s may not be used in an expression",
				e->name);
	case DE_CALL:
		return sema_call_expr(s, e);
	case DE_UNARY:
		if (e->op == D_INC || e->op == D_DEC) {
			if (sema_incdec_target(s, e))
				return -1;
			if (sema_expr(s, e->left))
				return -1;
			if (!is_lvalue(e->left) || !sema_is_int(e->left->type))
				return sema_err(s, e->pos, "D_OP_LVAL",
						"operator %s requires modifiable lvalue as an operand",
						e->op == D_INC ? "++" : "--");
			e->type = e->left->type;
			return 0;
		}
		if (e->op == '*' && e->left->kind == DE_CAST && e->left->tname.ptr == 1 &&
		    e->left->left->kind == DE_CALL && strcmp(e->left->left->name, "copyin") == 0) {
			/* *(T *)copyin(addr, n): a T read from the process */
			struct d_typename tn = e->left->tname;
			const struct d_type *t;

			tn.ptr = 0;
			if (sema_expr(s, e->left->left))
				return -1;
			t = sema_typename_type(s, &tn);
			if (!t)
				return -1;
			if (t->k != TY_INT)
				return sema_err(s, e->pos, "D_OP_PTR",
						"operator * on copyin( ) needs a pointer to an integer type");
			{
				struct d_expr *next = e->next;

				*e = *e->left->left;
				e->next = next;
			}
			e->ival = 1;
			e->type = t;
			return 0;
		}
		if (sema_expr(s, e->left))
			return -1;
		if (e->op == '*' || e->op == '&')
			return sema_err(s, e->pos, "D_OP_PTR", "operator %c is not supported on this value",
					e->op);
		if (!sema_is_int(e->left->type))
			return sema_err(s, e->pos, "D_OP_INT",
					"operator %c requires an operand of integral type", e->op);
		e->type = e->op == '!' ? &T_I32 : arith_type(e->left->type, e->left->type);
		return 0;
	case DE_POSTFIX:
		if (sema_incdec_target(s, e) || sema_expr(s, e->left))
			return -1;
		if (!is_lvalue(e->left) || !sema_is_int(e->left->type))
			return sema_err(s, e->pos, "D_OP_LVAL",
					"operator %s requires modifiable lvalue as an operand",
					e->op == D_INC ? "++" : "--");
		e->type = e->left->type;
		return 0;
	case DE_BINARY:
		return sema_binary(s, e);
	case DE_TERNARY:
		return sema_ternary(s, e);
	case DE_CAST: {
		const struct d_type *t;

		if (sema_expr(s, e->left))
			return -1;
		t = sema_typename_type(s, &e->tname);
		if (!t)
			return -1;
		if (t->k == TY_STR && !sema_is_strlike(e->left->type))
			return sema_err(s, e->pos, "D_CAST_INVAL",
					"invalid cast expression: \"%s\" to \"string\"",
					sema_type_name(e->left->type));
		if (t->k == TY_INT && !sema_is_int(e->left->type))
			return sema_err(s, e->pos, "D_CAST_INVAL",
					"invalid cast expression: \"%s\" to \"%s\"",
					sema_type_name(e->left->type), sema_type_name(t));
		e->type = t->k == TY_STR ? e->left->type : t;
		return 0;
	}
	case DE_SIZEOF_T: {
		const struct d_type *t = sema_typename_type(s, &e->tname);

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
		return sema_member(s, e, 0);
	}
	return sema_err(s, e->pos, "D_SYNTAX", "unsupported expression");
}

/* Constant folding of an integer expression known at compile time. */
int sema_const_value(const struct d_expr *e, int64_t *v)
{
	int64_t a;

	if (e->kind == DE_INT) {
		*v = e->ival;
		return 1;
	}
	if (e->kind == DE_UNARY && e->op == '-' && sema_const_value(e->left, &a)) {
		*v = -a;
		return 1;
	}
	return 0;
}
