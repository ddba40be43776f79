/*
 * d_parse.c - the D parser: tokens to the AST of d_ast.h.
 *
 * A hand-written recursive-descent parser over d_lex.c, with all of its
 * state in one struct parser on the stack of d_parse().  The grammar is
 * dtrace's:
 *
 *   program     := { clause | declaration }            (pragmas: see d_lex.c)
 *   clause      := pdesc { ',' pdesc } [ '/' expr '/' ] '{' stmts '}'
 *   declaration := [self|this] type declarator { ',' declarator } ';'
 *   declarator  := { '*' } ident [ '[' type { ',' type } ']' ]
 *   stmts       := { stmt }     the last expression may omit its ';'
 *   stmt        := ';' | '{' stmts '}' | expr ';'
 *                | if '(' expr ')' stmt [ else stmt ]
 *
 * Expressions follow C precedence with D's ^^ between || and &&; the comma
 * is not an operator (only a separator of arguments and keys).  The outer
 * level is read in the lexer's D_LEX_PROBE mode, so a whole probe
 * description is one token; a top-level word that names a type (int,
 * unsigned, string, uint64_t, self, this, ...) starts a declaration
 * instead, and the lexer rewinds to re-read it as ordinary tokens.  The
 * predicate ends at a '/' the lexer marks ends_pred (next non-blank is end
 * of input, ';', '{' or '/'); any other '/' divides, as in dtrace.
 *
 * Invariants: the current token is p->tok, with at most one token of
 * look-ahead (p->la) and never any across a change of lexer mode: a clause
 * or declaration is left with its closing '}' or ';' as the current token,
 * unconsumed.  Errors: the first one is recorded in the diag (dtrace's
 * messages and tags, position of the offending token) and p->failed is
 * set; a lexer error turns the current token into end of input, so every
 * loop ends.  Recursion is bounded by D_PARSE_MAX_DEPTH so hostile input
 * cannot exhaust the stack.  Nodes come from the arena and are never freed
 * one by one.
 */
#include <assert.h>
#include <string.h>

#include "d_ast.h"
#include "d_lex.h"

enum { D_PARSE_MAX_DEPTH = 256 };

struct parser {
	struct arena *a;
	struct d_diag *dg;
	struct d_lex lx;
	struct d_token tok; /* current token */
	struct d_token la;  /* look-ahead, when has_la */
	int has_la;
	int depth;
	int failed;
	int flags; /* D_PARSE_* */
};

/* ---- tokens ---- */

static void next(struct parser *p)
{
	if (p->has_la) {
		p->tok = p->la;
		p->has_la = 0;
		return;
	}
	if (d_lex_next(&p->lx, D_LEX_EXPR, &p->tok) < 0)
		p->failed = 1;
}

static void next_probe(struct parser *p)
{
	assert(!p->has_la);
	if (d_lex_next(&p->lx, D_LEX_PROBE, &p->tok) < 0)
		p->failed = 1;
}

static const struct d_token *peek(struct parser *p)
{
	if (!p->has_la) {
		if (d_lex_next(&p->lx, D_LEX_EXPR, &p->la) < 0)
			p->failed = 1;
		p->has_la = 1;
	}
	return &p->la;
}

static int is_op(const struct d_token *t, int op)
{
	return t->kind == D_TOK_OP && t->op == op;
}

static int is_kw(const struct d_token *t, int kw)
{
	return t->kind == D_TOK_KW && t->op == kw;
}

static void *fail(struct parser *p, struct d_pos pos, const char *tag, const char *msg)
{
	p->failed = 1;
	d_diag_error(p->dg, pos, tag, "%s", msg);
	return NULL;
}

/* Parentheses open before `end`, ignoring strings, characters and comments:
 * a ')' with none open is dtrace's "extra ) in input stream". */
static int parens_open(const char *src, const char *end)
{
	int depth = 0;

	for (const char *c = src; c < end; c++) {
		if (*c == '"' || *c == '\'') {
			char q = *c;

			for (c++; c < end && *c != q; c++)
				if (*c == '\\' && c + 1 < end)
					c++;
		} else if (c[0] == '/' && c[1] == '*') {
			const char *e = strstr(c + 2, "*/");

			c = e && e < end ? e + 1 : end;
		} else if (c[0] == '/' && c[1] == '/') {
			while (c < end && *c != '\n')
				c++;
		} else if (*c == '(') {
			depth++;
		} else if (*c == ')') {
			depth--;
		}
	}
	return depth;
}

static void *syntax(struct parser *p, const struct d_token *t)
{
	char near[96];

	p->failed = 1;
	if (t->kind == D_TOK_EOF)
		d_diag_error(p->dg, t->pos, "D_SYNTAX", "syntax error near end of input");
	else if (t->kind == D_TOK_OP && t->op == ')' && t->start && parens_open(p->lx.src, t->start) <= 0)
		d_diag_error(p->dg, t->pos, "D_SYNTAX", "extra ) in input stream");
	else
		d_diag_error(p->dg, t->pos, "D_SYNTAX", "syntax error near \"%s\"",
			     d_lex_near(t, near, sizeof(near)));
	return NULL;
}

/* syntax() for functions that return a status */
static int bad(struct parser *p, const struct d_token *t)
{
	syntax(p, t);
	return -1;
}

static int expect(struct parser *p, int op)
{
	return is_op(&p->tok, op) ? 0 : bad(p, &p->tok);
}

static int enter(struct parser *p)
{
	if (++p->depth <= D_PARSE_MAX_DEPTH)
		return 0;
	fail(p, p->tok.pos, "D_SYNTAX", "program nested too deeply");
	return -1;
}

/* ---- type names ---- */

static int starts_type(const struct d_token *t)
{
	if (t->kind == D_TOK_KW)
		return d_lex_kw_is_type(t->op);
	return t->kind == D_TOK_IDENT && d_lex_typedef(t->str, strlen(t->str), NULL);
}

/*
 * type := { const | volatile | signed | unsigned | short | long | char |
 *           int | void | string | struct/union/enum NAME | TYPEDEF } { '*' }
 * with C's rules on which words combine.  Stars only when allow_ptr (a
 * declaration reads them per declarator).
 */
static int parse_typename(struct parser *p, struct d_typename *tn, int allow_ptr)
{
	enum d_tkind base = DT_NONE;
	int sign = 0, nlong = 0, nshort = 0, any = 0, uns = 0;
	const char *named = NULL;

	memset(tn, 0, sizeof(*tn));
	tn->pos = p->tok.pos;
	for (;; any = 1, next(p)) {
		const struct d_token *t = &p->tok;
		int plain = base == DT_NONE && !sign && !nlong && !nshort;

		if (t->kind == D_TOK_IDENT && plain && d_lex_typedef(t->str, strlen(t->str), &uns)) {
			base = DT_NAMED;
			named = t->str;
			continue;
		}
		if (t->kind != D_TOK_KW)
			break;
		switch (t->op) {
		case D_KW_CONST:
		case D_KW_VOLATILE:
			continue;
		case D_KW_SIGNED:
		case D_KW_UNSIGNED:
			if (sign || base == DT_VOID || base == DT_STRING || base == DT_NAMED)
				return bad(p, t);
			sign = t->op == D_KW_UNSIGNED ? 2 : 1;
			continue;
		case D_KW_LONG:
			if (nlong == 2 || nshort || (base != DT_NONE && base != DT_INT))
				return bad(p, t);
			nlong++;
			continue;
		case D_KW_SHORT:
			if (nlong || nshort || (base != DT_NONE && base != DT_INT))
				return bad(p, t);
			nshort++;
			continue;
		case D_KW_INT:
		case D_KW_CHAR:
			if (base != DT_NONE || (t->op == D_KW_CHAR && (nlong || nshort)))
				return bad(p, t);
			base = t->op == D_KW_INT ? DT_INT : DT_CHAR;
			continue;
		case D_KW_VOID:
		case D_KW_STRING:
			if (!plain)
				return bad(p, t);
			base = t->op == D_KW_VOID ? DT_VOID : DT_STRING;
			continue;
		case D_KW_STRUCT:
		case D_KW_UNION:
		case D_KW_ENUM: {
			const char *kw = t->str;

			if (!plain)
				return bad(p, t);
			next(p);
			if (p->tok.kind != D_TOK_IDENT)
				return bad(p, &p->tok);
			base = DT_NAMED;
			named = arena_printf(p->a, "%s %s", kw, p->tok.str);
			continue;
		}
		default:
			break;
		}
		break;
	}
	if (!any || (base == DT_NONE && !sign && !nlong && !nshort))
		return bad(p, &p->tok);
	if (base == DT_NAMED || base == DT_VOID || base == DT_STRING || base == DT_CHAR)
		tn->kind = base;
	else if (nshort)
		tn->kind = DT_SHORT;
	else if (nlong)
		tn->kind = nlong == 2 ? DT_LONGLONG : DT_LONG;
	else
		tn->kind = DT_INT;
	tn->name = named;
	tn->is_unsigned = sign == 2 || (base == DT_NAMED && uns);
	while (allow_ptr && is_op(&p->tok, '*')) {
		tn->ptr++;
		next(p);
	}
	return 0;
}

/* ---- expressions ---- */

static struct d_expr *enew(struct parser *p, enum d_ekind kind, struct d_pos pos)
{
	struct d_expr *e = arena_alloc(p->a, sizeof(*e));

	e->kind = kind;
	e->pos = pos;
	return e;
}

static struct d_expr *binary(struct parser *p, int op, struct d_expr *l, struct d_expr *r)
{
	struct d_expr *e = enew(p, DE_BINARY, l->pos);

	e->op = op;
	e->left = l;
	e->right = r;
	return e;
}

static struct d_expr *parse_assign(struct parser *p);
static struct d_expr *parse_comma(struct parser *p);
static struct d_expr *parse_unary(struct parser *p);

/*
 * Comma-separated assignment expressions up to `close` (the current token
 * is the first one after the opening bracket).  Leaves `close` current.
 */
static int parse_args(struct parser *p, int close, int allow_empty, struct d_expr **first, int *n)
{
	struct d_expr **tail = first;

	*first = NULL;
	*n = 0;
	if (allow_empty && is_op(&p->tok, close))
		return 0;
	for (;;) {
		struct d_expr *e = parse_assign(p);

		if (!e)
			return -1;
		*tail = e;
		tail = &e->next;
		(*n)++;
		if (is_op(&p->tok, close))
			return 0;
		if (expect(p, ','))
			return -1;
		next(p);
	}
}

/* A member name after '.' or '->': identifiers and keywords alike. */
static const char *member_name(struct parser *p)
{
	const char *name;

	if (p->tok.kind != D_TOK_IDENT && p->tok.kind != D_TOK_KW)
		return syntax(p, &p->tok);
	name = p->tok.str;
	next(p);
	return name;
}

static struct d_expr *parse_string(struct parser *p)
{
	struct d_expr *e = enew(p, DE_STR, p->tok.pos);

	e->str = p->tok.str;
	e->slen = p->tok.slen;
	next(p);
	/* "a" "b" is "ab" */
	while (p->tok.kind == D_TOK_STR) {
		char *s = arena_alloc(p->a, (size_t)e->slen + (size_t)p->tok.slen + 1);

		memcpy(s, e->str, (size_t)e->slen);
		memcpy(s + e->slen, p->tok.str, (size_t)p->tok.slen);
		e->str = s;
		e->slen += p->tok.slen;
		next(p);
	}
	return e;
}

static struct d_expr *parse_primary(struct parser *p)
{
	struct d_token t = p->tok;
	struct d_expr *e;

	switch (t.kind) {
	case D_TOK_INT:
		e = enew(p, DE_INT, t.pos);
		e->ival = t.ival;
		e->is_unsigned = t.is_unsigned;
		e->isize = t.isize;
		next(p);
		return e;
	case D_TOK_STR:
		return parse_string(p);
	case D_TOK_IDENT:
		e = enew(p, DE_IDENT, t.pos);
		e->name = t.str;
		next(p);
		return e;
	case D_TOK_MACRO:
		e = enew(p, DE_MACRO, t.pos);
		e->name = t.str;
		e->is_string = t.is_string;
		next(p);
		return e;
	case D_TOK_AGG:
		e = enew(p, DE_AGG, t.pos);
		e->name = t.str;
		next(p);
		return e;
	case D_TOK_KW:
		if (t.op != D_KW_SELF && t.op != D_KW_THIS)
			break;
		e = enew(p, t.op == D_KW_SELF ? DE_SELF : DE_THIS, t.pos);
		next(p);
		if (expect(p, D_ARROW))
			return NULL;
		next(p);
		e->name = member_name(p);
		return e->name ? e : NULL;
	case D_TOK_OP:
		if (t.op != '(')
			break;
		next(p);
		e = parse_comma(p);
		if (!e || expect(p, ')'))
			return NULL;
		next(p);
		return e;
	default:
		break;
	}
	return syntax(p, &t);
}

static struct d_expr *parse_postfix(struct parser *p)
{
	struct d_expr *e = parse_primary(p), *x;

	while (e) {
		struct d_token t = p->tok;

		if (is_op(&t, '[')) {
			next(p);
			if (e->kind == DE_AGG && !e->nargs) {
				x = e; /* @name[keys] */
			} else {
				x = enew(p, DE_INDEX, e->pos);
				x->left = e;
			}
			if (parse_args(p, ']', 0, &x->args, &x->nargs))
				return NULL;
			next(p);
			e = x;
		} else if (is_op(&t, '(')) {
			if (e->kind != DE_IDENT)
				return syntax(p, &t);
			e->kind = DE_CALL;
			next(p);
			if (parse_args(p, ')', 1, &e->args, &e->nargs))
				return NULL;
			next(p);
		} else if (is_op(&t, '.') || is_op(&t, D_ARROW)) {
			next(p);
			x = enew(p, DE_MEMBER, e->pos);
			x->op = t.op;
			x->left = e;
			x->name = member_name(p);
			if (!x->name)
				return NULL;
			e = x;
		} else if (is_op(&t, D_INC) || is_op(&t, D_DEC)) {
			next(p);
			x = enew(p, DE_POSTFIX, e->pos);
			x->op = t.op;
			x->left = e;
			e = x;
		} else {
			break;
		}
	}
	return e;
}

/* '(' type ')' ahead?  The current token is '('. */
static int cast_ahead(struct parser *p)
{
	return is_op(&p->tok, '(') && starts_type(peek(p));
}

/* unary := postfix | op unary | sizeof unary | sizeof '(' type ')' | '(' type ')' unary */
static struct d_expr *parse_unary(struct parser *p)
{
	struct d_token t = p->tok;
	struct d_expr *e, *x = NULL;

	if (enter(p))
		return NULL;
	if (t.kind == D_TOK_OP && t.op < 256 && t.op && strchr("!~-+*&", t.op)) {
		e = enew(p, DE_UNARY, t.pos);
		e->op = t.op;
	} else if (is_op(&t, D_INC) || is_op(&t, D_DEC)) {
		e = enew(p, DE_UNARY, t.pos);
		e->op = t.op;
	} else if (is_kw(&t, D_KW_SIZEOF)) {
		next(p);
		if (cast_ahead(p)) {
			e = enew(p, DE_SIZEOF_T, t.pos);
			next(p);
			if (parse_typename(p, &e->tname, 1) || expect(p, ')'))
				return NULL;
			next(p);
			p->depth--;
			return e;
		}
		e = enew(p, DE_SIZEOF_E, t.pos);
		e->left = parse_unary(p);
		p->depth--;
		return e->left ? e : NULL;
	} else if (is_kw(&t, D_KW_STRINGOF)) {
		/* stringof x is a call to the stringof() action for the checker */
		e = enew(p, DE_CALL, t.pos);
		e->name = "stringof";
		e->nargs = 1;
	} else if (cast_ahead(p)) {
		e = enew(p, DE_CAST, t.pos);
		next(p);
		if (parse_typename(p, &e->tname, 1) || expect(p, ')'))
			return NULL;
	} else {
		e = parse_postfix(p);
		p->depth--;
		return e;
	}
	next(p);
	x = parse_unary(p);
	if (!x)
		return NULL;
	if (e->kind == DE_CALL)
		e->args = x;
	else
		e->left = x;
	p->depth--;
	return e;
}

static int binprec(const struct d_token *t)
{
	if (t->kind != D_TOK_OP)
		return 0;
	switch (t->op) {
	case D_LOR:
		return 1;
	case D_LXOR:
		return 2;
	case D_LAND:
		return 3;
	case '|':
		return 4;
	case '^':
		return 5;
	case '&':
		return 6;
	case D_EQ:
	case D_NE:
		return 7;
	case '<':
	case '>':
	case D_LE:
	case D_GE:
		return 8;
	case D_SHL:
	case D_SHR:
		return 9;
	case '+':
	case '-':
		return 10;
	case '/':
		return t->ends_pred ? 0 : 11;
	case '*':
	case '%':
		return 11;
	default:
		return 0;
	}
}

/* Left-associative binary operators of precedence >= minprec. */
static struct d_expr *parse_binary(struct parser *p, int minprec)
{
	struct d_expr *l = parse_unary(p), *r;

	while (l) {
		int prec = binprec(&p->tok), op = p->tok.op;

		if (!prec || prec < minprec)
			break;
		next(p);
		r = parse_binary(p, prec + 1);
		if (!r)
			return NULL;
		l = binary(p, op, l, r);
	}
	return l;
}

static struct d_expr *parse_cond(struct parser *p)
{
	struct d_expr *c = parse_binary(p, 1), *e;

	if (!c || !is_op(&p->tok, '?'))
		return c;
	if (enter(p))
		return NULL;
	e = enew(p, DE_TERNARY, c->pos);
	e->cond = c;
	next(p);
	e->left = parse_assign(p);
	if (!e->left || expect(p, ':'))
		return NULL;
	next(p);
	e->right = parse_cond(p);
	p->depth--;
	return e->right ? e : NULL;
}

static int assign_op(const struct d_token *t)
{
	if (t->kind != D_TOK_OP)
		return 0;
	if (t->op == '=' || (t->op >= D_ADD_ASSIGN && t->op <= D_SHR_ASSIGN))
		return t->op;
	return 0;
}

/* assign := cond [ assignop assign ]   (right-associative) */
static struct d_expr *parse_assign(struct parser *p)
{
	struct d_expr *l, *r;
	int op;

	if (enter(p))
		return NULL;
	l = parse_cond(p);
	if (l && (op = assign_op(&p->tok))) {
		next(p);
		r = parse_assign(p);
		l = r ? binary(p, op, l, r) : NULL;
	}
	p->depth--;
	return l;
}

/* comma := assign { ',' assign }   (left-associative; not inside argument
 * lists, where ',' separates arguments) */
static struct d_expr *parse_comma(struct parser *p)
{
	struct d_expr *l = parse_assign(p);

	while (l && is_op(&p->tok, ',')) {
		struct d_expr *r;

		next(p);
		r = parse_assign(p);
		l = r ? binary(p, ',', l, r) : NULL;
	}
	return l;
}

/* ---- statements ---- */

static struct d_stmt *parse_stmt(struct parser *p, int last_ok);

/* Statements up to the '}' that closes them, which is left current. */
static int parse_stmts(struct parser *p, struct d_stmt **first)
{
	struct d_stmt **tail = first;

	*first = NULL;
	while (!is_op(&p->tok, '}')) {
		struct d_stmt *s;

		if (p->tok.kind == D_TOK_EOF)
			return bad(p, &p->tok);
		s = parse_stmt(p, 1);
		if (!s)
			return -1;
		*tail = s;
		tail = &s->next;
	}
	return 0;
}

/* last_ok: an expression statement right before '}' may omit its ';' */
static struct d_stmt *parse_stmt(struct parser *p, int last_ok)
{
	struct d_stmt *s;

	if (enter(p))
		return NULL;
	s = arena_alloc(p->a, sizeof(*s));
	s->pos = p->tok.pos;
	if (is_op(&p->tok, ';')) {
		s->kind = DS_EMPTY;
		next(p);
	} else if (is_op(&p->tok, '{')) {
		s->kind = DS_BLOCK;
		next(p);
		if (parse_stmts(p, &s->body))
			return NULL;
		next(p);
	} else if (is_kw(&p->tok, D_KW_IF)) {
		s->kind = DS_IF;
		next(p);
		if (expect(p, '('))
			return NULL;
		next(p);
		s->expr = parse_comma(p);
		if (!s->expr || expect(p, ')'))
			return NULL;
		next(p);
		s->then = parse_stmt(p, 0);
		if (!s->then)
			return NULL;
		if (is_kw(&p->tok, D_KW_ELSE)) {
			next(p);
			s->els = parse_stmt(p, 0);
			if (!s->els)
				return NULL;
		}
	} else {
		s->kind = DS_EXPR;
		s->expr = parse_comma(p);
		if (!s->expr)
			return NULL;
		if (is_op(&p->tok, ';'))
			next(p);
		else if (!last_ok || !is_op(&p->tok, '}'))
			return syntax(p, &p->tok);
	}
	p->depth--;
	return s;
}

/* ---- declarations ---- */

/*
 * Does the outer-level word `text` start a declaration rather than name a
 * probe?  As in dtrace, a word with probe punctuation never does; otherwise
 * the part before any '*' is looked up as a type keyword or type name.
 */
static int decl_word(const char *text)
{
	size_t n;
	int kw;

	if (strpbrk(text, ":-.?!$[]"))
		return 0;
	n = strcspn(text, "*");
	if (!n)
		return 0;
	kw = d_lex_keyword(text, n);
	if (d_lex_kw_is_type(kw) || kw == D_KW_SELF || kw == D_KW_THIS || kw == D_KW_STORAGE)
		return 1;
	return d_lex_typedef(text, n, NULL);
}

static int parse_decl(struct parser *p, struct d_decl ***tail)
{
	struct d_pos pos = p->tok.pos;
	enum d_scope scope = D_SCOPE_GLOBAL;
	struct d_typename base;

	if (is_kw(&p->tok, D_KW_SELF) || is_kw(&p->tok, D_KW_THIS)) {
		scope = is_kw(&p->tok, D_KW_SELF) ? D_SCOPE_SELF : D_SCOPE_THIS;
		next(p);
	}
	if (!starts_type(&p->tok))
		return bad(p, &p->tok);
	if (parse_typename(p, &base, 0))
		return -1;
	for (;;) {
		struct d_decl *d = arena_alloc(p->a, sizeof(*d));

		d->pos = pos;
		d->scope = scope;
		d->tname = base;
		while (is_op(&p->tok, '*')) {
			d->tname.ptr++;
			next(p);
		}
		if (p->tok.kind != D_TOK_IDENT)
			return bad(p, &p->tok);
		d->name = p->tok.str;
		next(p);
		if (is_op(&p->tok, '[')) {
			int cap = 0;

			d->is_assoc = 1;
			next(p);
			for (;;) {
				if (!starts_type(&p->tok))
					return bad(p, &p->tok);
				if (d->nkeys == cap) {
					struct d_typename *k;

					cap = cap ? cap * 2 : 4;
					k = arena_alloc(p->a, sizeof(*k) * (size_t)cap);
					if (d->nkeys)
						memcpy(k, d->keys, sizeof(*k) * (size_t)d->nkeys);
					d->keys = k;
				}
				if (parse_typename(p, &d->keys[d->nkeys++], 1))
					return -1;
				if (is_op(&p->tok, ']'))
					break;
				if (expect(p, ','))
					return -1;
				next(p);
			}
			next(p);
		}
		**tail = d;
		*tail = &d->next;
		if (is_op(&p->tok, ';'))
			return 0; /* left current: the outer level reads on in probe mode */
		if (expect(p, ','))
			return -1;
		next(p);
		pos = p->tok.pos;
	}
}

/* ---- clauses ---- */

static struct d_probedesc *make_pdesc(struct parser *p, const struct d_token *t)
{
	struct d_probedesc *pd = arena_alloc(p->a, sizeof(*pd));
	const char *f[4] = { "", "", "", "" }, *s = t->str;
	int n = 1;

	for (const char *c = s; *c; c++)
		n += *c == ':';
	if (n > 4) {
		p->failed = 1;
		d_diag_error(p->dg, t->pos, "D_PDESC_INVAL", "invalid probe description \"%s\": %s", s,
			     "Overspecified probe description");
		return NULL;
	}
	/* fewer fields name the rightmost ones: read:entry is function:name */
	for (int i = 4 - n; i < 4; i++) {
		size_t len = strcspn(s, ":");

		f[i] = arena_strndup(p->a, s, len);
		s += len + (s[len] == ':');
	}
	pd->pos = t->pos;
	pd->text = t->str;
	pd->prov = f[0];
	pd->mod = f[1];
	pd->func = f[2];
	pd->name = f[3];
	return pd;
}

/* The current token is the first probe description of the clause. */
static struct d_clause *parse_clause(struct parser *p)
{
	struct d_clause *cl = arena_alloc(p->a, sizeof(*cl));
	struct d_probedesc **tail = &cl->probes;

	cl->pos = p->tok.pos;
	for (;;) {
		struct d_probedesc *pd = make_pdesc(p, &p->tok);

		if (!pd)
			return NULL;
		*tail = pd;
		tail = &pd->next;
		next_probe(p);
		if (!is_op(&p->tok, ','))
			break;
		next_probe(p);
		if (p->tok.kind != D_TOK_PDESC)
			return syntax(p, &p->tok);
	}
	if (is_op(&p->tok, '/')) {
		next(p);
		cl->pred = parse_assign(p);
		if (!cl->pred || expect(p, '/'))
			return NULL;
		next(p);
		if (!is_op(&p->tok, '{'))
			return fail(p, cl->pred->pos, "D_SYNTAX",
				    "expected actions { } following "
				    "probe description and predicate");
	} else if ((p->tok.kind == D_TOK_EOF || p->tok.kind == D_TOK_PDESC) && (p->flags & D_PARSE_BARE)) {
		/* a bare description: dtrace's default action; the next
		 * description (or the end) is read again by the caller */
		d_lex_rewind(&p->lx, &p->tok);
		return cl;
	} else if (p->tok.kind == D_TOK_EOF || p->tok.kind == D_TOK_PDESC) {
		return fail(p, cl->pos, "D_SYNTAX",
			    "expected predicate and/or actions following probe description");
	} else if (!is_op(&p->tok, '{')) {
		return syntax(p, &p->tok);
	}
	next(p);
	if (parse_stmts(p, &cl->body))
		return NULL;
	cl->end = p->tok.pos;
	return cl; /* '}' left current */
}

struct d_program *d_parse(struct arena *a, const char *src, struct d_diag *dg)
{
	return d_parse_ex(a, src, 0, dg);
}

struct d_program *d_parse_ex(struct arena *a, const char *src, int flags, struct d_diag *dg)
{
	struct parser P = { .a = a, .dg = dg, .flags = flags }, *p = &P;
	struct d_program *prog = arena_alloc(a, sizeof(*prog));
	struct d_clause **ctail = &prog->clauses;
	struct d_decl **dtail = &prog->decls;

	d_lex_init(&p->lx, a, src, dg);
	while (!p->failed) {
		next_probe(p);
		if (p->failed || p->tok.kind == D_TOK_EOF)
			break;
		if (p->tok.kind != D_TOK_PDESC) {
			syntax(p, &p->tok);
		} else if (decl_word(p->tok.str)) {
			d_lex_rewind(&p->lx, &p->tok);
			next(p);
			parse_decl(p, &dtail);
		} else {
			struct d_clause *cl = parse_clause(p);

			if (cl) {
				cl->index = prog->nclauses++;
				*ctail = cl;
				ctail = &cl->next;
			}
		}
	}
	prog->pragmas = p->lx.pragmas;
	return p->failed ? NULL : prog;
}
