/*
 * d_ast.h - the abstract syntax tree of a D program.
 *
 * The parser (d_parse.c) builds it, the semantic pass (d_sema.c) annotates
 * it in place (types, resolved variables, aggregation ids) and the code
 * generator (cg_*.c) walks it.  Every node is allocated in the compile's
 * arena (arena.h) and freed with it at once, so nodes never own memory and
 * nothing in the tree is freed individually.  Every node carries the source
 * position of its first token.
 *
 * Lists are singly linked through `next` in source order.
 */
#ifndef DSCOPE_D_AST_H
#define DSCOPE_D_AST_H

#include <stdint.h>

#include "arena.h"
#include "d_diag.h"

/* ---- types as written in the source (casts, declarations, sizeof) ---- */

enum d_tkind {
	DT_NONE = 0,
	DT_VOID,
	DT_CHAR,     /* 1 byte */
	DT_SHORT,    /* 2 bytes */
	DT_INT,	     /* 4 bytes */
	DT_LONG,     /* 8 bytes (LP64) */
	DT_LONGLONG, /* 8 bytes */
	DT_STRING,   /* D string, strsize bytes */
	DT_NAMED,    /* a typedef or struct name we resolve later: uint64_t, ... */
};

struct d_typename {
	enum d_tkind kind;
	int is_unsigned;  /* "unsigned" given (or implied by a uintN_t name) */
	int ptr;	  /* number of '*' */
	const char *name; /* DT_NAMED: the name as written ("uint64_t", "struct foo") */
	struct d_pos pos;
};

/* ---- expressions ---- */

enum d_ekind {
	DE_INT,	     /* integer or character literal: ival (uval when unsigned) */
	DE_STR,	     /* string literal: str (escapes already decoded), slen */
	DE_IDENT,    /* bare identifier: name (builtin, global, assoc w/o index) */
	DE_SELF,     /* self->name */
	DE_THIS,     /* this->name */
	DE_MACRO,    /* $1..$9 ($$1: string form), $target, $pid, ...: name
		      * without the '$'; is_string set for "$$" */
	DE_AGG,	     /* @name or @name[keys] or @[keys]: name ("" for @), args = keys */
	DE_INDEX,    /* name[args]: associative array or args[N]: left = base ident */
	DE_CALL,     /* name(args) */
	DE_UNARY,    /* op left */
	DE_POSTFIX,  /* left op  (x++ x--) */
	DE_BINARY,   /* left op right (including = and compound assignment) */
	DE_TERNARY,  /* cond ? left : right */
	DE_CAST,     /* (type) left */
	DE_SIZEOF_T, /* sizeof (type) */
	DE_SIZEOF_E, /* sizeof expr: left */
	DE_MEMBER,   /* left.name (op '.') or left->name (op D_ARROW) */
};

/*
 * Operator codes.  Single-character operators use the character itself
 * ('+', '<', '!', '~', '&', '*', '=', ...); multi-character ones use these.
 */
enum d_op {
	D_OP_NONE = 0,
	D_EQ = 256,   /* == */
	D_NE,	      /* != */
	D_LE,	      /* <= */
	D_GE,	      /* >= */
	D_LAND,	      /* && */
	D_LOR,	      /* || */
	D_LXOR,	      /* ^^ */
	D_SHL,	      /* << */
	D_SHR,	      /* >> */
	D_INC,	      /* ++ */
	D_DEC,	      /* -- */
	D_ARROW,      /* -> */
	D_ADD_ASSIGN, /* += */
	D_SUB_ASSIGN,
	D_MUL_ASSIGN,
	D_DIV_ASSIGN,
	D_MOD_ASSIGN,
	D_AND_ASSIGN,
	D_OR_ASSIGN,
	D_XOR_ASSIGN,
	D_SHL_ASSIGN,
	D_SHR_ASSIGN,
};

struct d_var;  /* resolved variable, d_sema.h */
struct d_type; /* resolved type, d_sema.h */
struct d_member;

struct d_expr {
	enum d_ekind kind;
	struct d_pos pos;
	int op;			 /* enum d_op or a character */
	const char *name;	 /* identifiers, members, calls, aggregations, macros */
	int64_t ival;		 /* DE_INT */
	int is_unsigned;	 /* DE_INT with a U suffix or too large for int64 */
	int isize;		 /* DE_INT: 4 or 8 bytes, C's type of the constant
				  * (0 for constants made by the compiler: by value) */
	int is_string;		 /* DE_MACRO: $$N */
	const char *str;	 /* DE_STR: decoded bytes, NUL-terminated */
	int slen;		 /* DE_STR: length without the NUL */
	struct d_typename tname; /* DE_CAST, DE_SIZEOF_T */
	struct d_expr *left, *right, *cond;
	struct d_expr *args; /* DE_CALL arguments, DE_AGG / DE_INDEX keys */
	int nargs;
	struct d_expr *next; /* next in an argument list */

	/* filled by the semantic pass */
	const struct d_type *type;
	const struct d_type *optype; /* comparisons: the type both operands
				      * convert to (C's usual conversions) */
	struct d_var *var;
	int builtin;		   /* enum d_builtin when DE_IDENT names one */
	const struct d_member *mb; /* DE_MEMBER (and DE_INDEX of an array member):
				    * the member; ival: 1 when a translated member
				    * speaks of the probe's argument thread */
	int func;		   /* enum d_func when DE_CALL names one */
};

/* ---- statements ---- */

enum d_skind {
	DS_EXPR,  /* expr; (also aggregation assignments and action calls) */
	DS_IF,	  /* if (cond) then [else els] */
	DS_BLOCK, /* { body } */
	DS_EMPTY, /* ; */
};

struct d_stmt {
	enum d_skind kind;
	struct d_pos pos;
	struct d_expr *expr;	   /* DS_EXPR; DS_IF: the condition */
	struct d_stmt *then, *els; /* DS_IF */
	struct d_stmt *body;	   /* DS_BLOCK: first statement */
	struct d_stmt *next;
};

/* ---- probe descriptions, clauses, declarations, the program ---- */

struct d_probedesc {
	struct d_pos pos;
	const char *text;		      /* as written, e.g. "syscall::read:entry" */
	const char *prov, *mod, *func, *name; /* the four fields; "" = any */
	struct d_probedesc *next;
};

struct d_clause {
	struct d_pos pos;
	struct d_probedesc *probes; /* one or more, comma separated */
	struct d_expr *pred;	    /* NULL when none */
	struct d_stmt *body;	    /* first statement; NULL for an empty body */
	int index;		    /* 0-based, program order */
	struct d_pos end;	    /* the closing brace (0 for a bare description) */
	struct d_clause *next;
};

enum d_scope { D_SCOPE_GLOBAL, D_SCOPE_SELF, D_SCOPE_THIS };

/* Declarations: `int x;`, `self string s;`, `this int y;`, `int a[int];` */
struct d_decl {
	struct d_pos pos;
	enum d_scope scope;
	struct d_typename tname;
	const char *name;
	int is_assoc;		 /* declared with [keys] */
	struct d_typename *keys; /* key types, nkeys of them */
	int nkeys;
	struct d_decl *next;
};

/* #pragma D option name[=value] met in the source */
struct d_pragma {
	struct d_pos pos;
	const char *name;
	const char *value; /* NULL when none */
	struct d_pragma *next;
};

struct d_program {
	struct d_clause *clauses;
	int nclauses;
	struct d_decl *decls;
	struct d_pragma *pragmas;
};

/*
 * Parse D source into a program.  `src` is NUL-terminated.  Returns NULL and
 * fills `dg` on error.  All memory comes from `a`.
 *
 * The parser handles: probe descriptions (with globs, macro variables such as
 * pid$target, and several per clause), predicates, statements, expressions
 * with C precedence and D's extra operators (^^), declarations and
 * `#pragma D option`.  Other preprocessor lines (#line, # N "file") are
 * honoured for positions; everything else starting with '#' is D_SYNTAX
 * unless -C ran cpp first (D_PRAGCTL_INVAL).
 */
struct d_program *d_parse(struct arena *a, const char *src, struct d_diag *dg);

/* d_parse with options: D_PARSE_BARE accepts a probe description with
 * neither predicate nor actions (dtrace's -n form; the clause gets the
 * default action, body NULL). */
enum { D_PARSE_BARE = 1 };
struct d_program *d_parse_ex(struct arena *a, const char *src, int flags, struct d_diag *dg);

/* "<<", "+", ...: an operator code's spelling, for messages. */
const char *d_op_name(int op);

/* Debug printer used by -x tree and by the parser unit tests. */
void d_ast_dump(FILE *fp, const struct d_program *p);

#endif
