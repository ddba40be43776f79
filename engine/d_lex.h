/*
 * d_lex.h - the D lexer.
 *
 * The parser (d_parse.c) pulls tokens one at a time and says in which mode
 * to read the next one: D_LEX_PROBE at the outer level of a program, where
 * `syscall::read:entry`, `profile-97` or `pid$target:libc.so.6:malloc:entry`
 * is one probe-description token, and D_LEX_EXPR inside predicates, clause
 * bodies and declarations, where the usual C-like tokens apply.  The lexer
 * keeps no global state: everything lives in struct d_lex, and every string
 * it produces comes from the compile's arena.
 *
 * Control lines (`#pragma D option ...`, `#line N "file"`, `# N "file"`,
 * `#!...`) are consumed by the lexer itself wherever they start a line; the
 * options are collected in lx->pragmas for the parser to hand on.
 */
#ifndef DSCOPE_D_LEX_H
#define DSCOPE_D_LEX_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "d_ast.h"
#include "d_diag.h"

enum d_tokkind {
	D_TOK_EOF = 0,
	D_TOK_INT,   /* integer or character constant: ival, is_unsigned */
	D_TOK_STR,   /* string literal: str (decoded), slen */
	D_TOK_IDENT, /* identifier: str */
	D_TOK_KW,    /* keyword: op = enum d_kw, str = spelling */
	D_TOK_AGG,   /* @name or @: str = name ("" for @) */
	D_TOK_MACRO, /* $1 $target $$1: str = name without '$'/'$$', is_string for $$ */
	D_TOK_PDESC, /* D_LEX_PROBE only: a probe description, str = text */
	D_TOK_OP,    /* operator or punctuation: op = a character or enum d_op */
};

enum d_kw {
	D_KW_NONE = 0,
	D_KW_IF,
	D_KW_ELSE,
	D_KW_SIZEOF,
	D_KW_STRINGOF,
	D_KW_SELF,
	D_KW_THIS,
	/* type specifiers and qualifiers */
	D_KW_CHAR,
	D_KW_SHORT,
	D_KW_INT,
	D_KW_LONG,
	D_KW_SIGNED,
	D_KW_UNSIGNED,
	D_KW_VOID,
	D_KW_STRING,
	D_KW_STRUCT,
	D_KW_UNION,
	D_KW_ENUM,
	D_KW_CONST,
	D_KW_VOLATILE,
	/* storage classes: recognised, not supported */
	D_KW_STORAGE,
	/* reserved by D and meaningless here (while, for, return, ...) */
	D_KW_RESERVED,
};

enum d_lex_mode {
	D_LEX_EXPR,  /* clause bodies, predicates, declarations */
	D_LEX_PROBE, /* outer level: probe descriptions, '/', '{', ',' */
};

struct d_token {
	enum d_tokkind kind;
	struct d_pos pos;  /* of the first byte */
	const char *start; /* first byte in the source (borrowed) */
	size_t len;	   /* bytes in the source; 0 for end of input */
	int op;		   /* D_TOK_OP: a character or enum d_op; D_TOK_KW: enum d_kw */
	int ends_pred;	   /* D_TOK_OP '/': the next non-blank is end of input, ';', '{'
			      * or '/', so this '/' closes a predicate (dtrace's rule) */
	int64_t ival;	   /* D_TOK_INT */
	int is_unsigned;   /* D_TOK_INT: U suffix or > INT64_MAX */
	int isize;	   /* D_TOK_INT: 4 or 8, C's type of the constant */
	int is_string;	   /* D_TOK_MACRO: $$ form */
	const char *str;   /* arena string, see the kinds above */
	int slen;	   /* D_TOK_STR: decoded length without the NUL */
};

struct d_lex {
	struct arena *a;
	struct d_diag *dg;
	const char *src;		   /* whole NUL-terminated text (borrowed) */
	const char *p;			   /* next byte to read */
	int line, col;			   /* position of *p; line follows #line markers */
	int bol;			   /* only blanks since the start of the line */
	struct d_pragma *pragmas, **ptail; /* #pragma D option lines, in order */
};

void d_lex_init(struct d_lex *lx, struct arena *a, const char *src, struct d_diag *dg);

/*
 * Read the next token in `mode` into *t.  Returns 0, or -1 after recording
 * the error in lx->dg (t is then an end-of-input token).  At end of input it
 * keeps returning D_TOK_EOF.
 */
int d_lex_next(struct d_lex *lx, enum d_lex_mode mode, struct d_token *t);

/* Move back so that `t` (the last token read) is read again, in any mode. */
void d_lex_rewind(struct d_lex *lx, const struct d_token *t);

/*
 * The token as dtrace quotes it in `syntax error near "..."`: its source
 * text, shortened, control bytes escaped.  Returns buf.
 */
const char *d_lex_near(const struct d_token *t, char *buf, size_t size);

/*
 * Is name[0..len) a type name D knows without declarations (uint64_t,
 * size_t, ...)?  *is_unsigned (may be NULL) tells whether it is unsigned.
 */
int d_lex_typedef(const char *name, size_t len, int *is_unsigned);

/* The i-th keyword D gives a meaning to (the reserved ones left out),
 * NULL past the last. */
const char *d_lex_keyword_name(int i);

/* The enum d_kw of s[0..n), D_KW_NONE when it is not a keyword. */
int d_lex_keyword(const char *s, size_t n);

/* Is `kw` a keyword that can start a type name (int, unsigned, string, ...)? */
int d_lex_kw_is_type(int kw);

#endif
