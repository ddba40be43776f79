/*
 * d_ast.c - printing the D syntax tree (-x tree, parser unit tests).
 *
 * The dump is a compact S-expression, one top-level item per line: first
 * the `#pragma D option`s, then the declarations, then the clauses, each in
 * source order.  Its form is part of the parser tests, so keep it stable:
 *
 *   (pragma quiet)  (pragma bufsize "16m")
 *   (decl self "string" s)  (decl global "int" a (keys "string" "int"))
 *   (clause (probes "syscall:::entry") (pred E) (body S ...))
 *
 * Statements: (expr E) (if E S [S]) (block S ...) (empty).
 * Expressions: 42 42u (str "a\n") (ident x) (self x) (this x) ($ 1) ($$ 1)
 * (agg "name" KEY ...) (index E KEY ...) (call f ARG ...) (OP E) for unary
 * operators, (post++ E) (post-- E), (OP L R) for binary ones including the
 * assignments, (? C A B), (cast "type" E), (sizeof "type"), (sizeof E),
 * (. E name) (-> E name).  Types print as C spells them ("unsigned long
 * long", "char *", "uint64_t", "struct foo *").
 *
 * The printer only reads the tree; it allocates nothing.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "d_ast.h"

/* The spelling of a multi-character operator, NULL for single characters. */
static const char *op_name(int op)
{
	switch (op) {
	case D_EQ:
		return "==";
	case D_NE:
		return "!=";
	case D_LE:
		return "<=";
	case D_GE:
		return ">=";
	case D_LAND:
		return "&&";
	case D_LOR:
		return "||";
	case D_LXOR:
		return "^^";
	case D_SHL:
		return "<<";
	case D_SHR:
		return ">>";
	case D_INC:
		return "++";
	case D_DEC:
		return "--";
	case D_ARROW:
		return "->";
	case D_ADD_ASSIGN:
		return "+=";
	case D_SUB_ASSIGN:
		return "-=";
	case D_MUL_ASSIGN:
		return "*=";
	case D_DIV_ASSIGN:
		return "/=";
	case D_MOD_ASSIGN:
		return "%=";
	case D_AND_ASSIGN:
		return "&=";
	case D_OR_ASSIGN:
		return "|=";
	case D_XOR_ASSIGN:
		return "^=";
	case D_SHL_ASSIGN:
		return "<<=";
	case D_SHR_ASSIGN:
		return ">>=";
	default:
		return NULL;
	}
}

const char *d_op_name(int op)
{
	static const char single[] = "!%&()*+,-./:<=>?[]^|~";
	const char *m = op_name(op), *c;

	if (m)
		return m;
	/* single-character operators: point into a table of them */
	c = op > 0 && op < 128 ? strchr(single, op) : NULL;
	if (!c)
		return "?";
	static char buf[sizeof(single)][2];

	buf[c - single][0] = *c;
	return buf[c - single];
}

static void put_op(FILE *fp, int op)
{
	const char *s = op_name(op);

	if (s)
		fputs(s, fp);
	else if (op > 0x20 && op < 0x7f)
		fputc(op, fp);
	else
		fputc('?', fp);
}

static void put_str(FILE *fp, const char *s, int n)
{
	fputc('"', fp);
	for (int i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\')
			fprintf(fp, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", fp);
		else if (c == '\t')
			fputs("\\t", fp);
		else if (c < 0x20 || c >= 0x7f)
			fprintf(fp, "\\%03o", c);
		else
			fputc(c, fp);
	}
	fputc('"', fp);
}

static void put_type(FILE *fp, const struct d_typename *t)
{
	static const char *const names[] = {
		[DT_NONE] = "?",  [DT_VOID] = "void", [DT_CHAR] = "char",	   [DT_SHORT] = "short",
		[DT_INT] = "int", [DT_LONG] = "long", [DT_LONGLONG] = "long long", [DT_STRING] = "string",
		[DT_NAMED] = "?",
	};
	const char *base = t->kind == DT_NAMED && t->name			  ? t->name
			   : (unsigned)t->kind < sizeof(names) / sizeof(names[0]) ? names[t->kind]
										  : "?";

	fprintf(fp, "\"%s%s", t->is_unsigned && t->kind != DT_NAMED ? "unsigned " : "", base);
	if (t->ptr > 0)
		fputc(' ', fp);
	for (int i = 0; i < t->ptr; i++)
		fputc('*', fp);
	fputc('"', fp);
}

static void put_expr(FILE *fp, const struct d_expr *e);

static void put_list(FILE *fp, const struct d_expr *e)
{
	for (; e; e = e->next) {
		fputc(' ', fp);
		put_expr(fp, e);
	}
}

static void put_expr(FILE *fp, const struct d_expr *e)
{
	if (!e) {
		fputs("nil", fp);
		return;
	}
	switch (e->kind) {
	case DE_INT:
		if (e->is_unsigned)
			fprintf(fp, "%" PRIu64 "u", (uint64_t)e->ival);
		else
			fprintf(fp, "%" PRId64, e->ival);
		return;
	case DE_STR:
		fputs("(str ", fp);
		put_str(fp, e->str, e->slen);
		break;
	case DE_IDENT:
		fprintf(fp, "(ident %s", e->name);
		break;
	case DE_SELF:
		fprintf(fp, "(self %s", e->name);
		break;
	case DE_THIS:
		fprintf(fp, "(this %s", e->name);
		break;
	case DE_MACRO:
		fprintf(fp, "(%s %s", e->is_string ? "$$" : "$", e->name);
		break;
	case DE_AGG:
		fprintf(fp, "(agg \"%s\"", e->name);
		put_list(fp, e->args);
		break;
	case DE_INDEX:
		fputs("(index ", fp);
		put_expr(fp, e->left);
		put_list(fp, e->args);
		break;
	case DE_CALL:
		fprintf(fp, "(call %s", e->name);
		put_list(fp, e->args);
		break;
	case DE_UNARY:
		fputc('(', fp);
		put_op(fp, e->op);
		fputc(' ', fp);
		put_expr(fp, e->left);
		break;
	case DE_POSTFIX:
		fputs("(post", fp);
		put_op(fp, e->op);
		fputc(' ', fp);
		put_expr(fp, e->left);
		break;
	case DE_BINARY:
		fputc('(', fp);
		put_op(fp, e->op);
		fputc(' ', fp);
		put_expr(fp, e->left);
		fputc(' ', fp);
		put_expr(fp, e->right);
		break;
	case DE_TERNARY:
		fputs("(? ", fp);
		put_expr(fp, e->cond);
		fputc(' ', fp);
		put_expr(fp, e->left);
		fputc(' ', fp);
		put_expr(fp, e->right);
		break;
	case DE_CAST:
		fputs("(cast ", fp);
		put_type(fp, &e->tname);
		fputc(' ', fp);
		put_expr(fp, e->left);
		break;
	case DE_SIZEOF_T:
		fputs("(sizeof ", fp);
		put_type(fp, &e->tname);
		break;
	case DE_SIZEOF_E:
		fputs("(sizeof ", fp);
		put_expr(fp, e->left);
		break;
	case DE_MEMBER:
		fprintf(fp, "(%s ", e->op == D_ARROW ? "->" : ".");
		put_expr(fp, e->left);
		fprintf(fp, " %s", e->name);
		break;
	default:
		fputs("(?", fp);
		break;
	}
	fputc(')', fp);
}

static void put_stmt(FILE *fp, const struct d_stmt *s)
{
	switch (s->kind) {
	case DS_EXPR:
		fputs("(expr ", fp);
		put_expr(fp, s->expr);
		break;
	case DS_IF:
		fputs("(if ", fp);
		put_expr(fp, s->expr);
		fputc(' ', fp);
		put_stmt(fp, s->then);
		if (s->els) {
			fputc(' ', fp);
			put_stmt(fp, s->els);
		}
		break;
	case DS_BLOCK:
		fputs("(block", fp);
		for (const struct d_stmt *b = s->body; b; b = b->next) {
			fputc(' ', fp);
			put_stmt(fp, b);
		}
		break;
	case DS_EMPTY:
		fputs("(empty", fp);
		break;
	default:
		fputs("(?", fp);
		break;
	}
	fputc(')', fp);
}

static void put_decl(FILE *fp, const struct d_decl *d)
{
	static const char *const scopes[] = { "global", "self", "this" };

	fprintf(fp, "(decl %s ", (unsigned)d->scope < 3 ? scopes[d->scope] : "?");
	put_type(fp, &d->tname);
	fprintf(fp, " %s", d->name);
	if (d->is_assoc) {
		fputs(" (keys", fp);
		for (int i = 0; i < d->nkeys; i++) {
			fputc(' ', fp);
			put_type(fp, &d->keys[i]);
		}
		fputc(')', fp);
	}
	fputs(")\n", fp);
}

static void put_clause(FILE *fp, const struct d_clause *c)
{
	fputs("(clause (probes", fp);
	for (const struct d_probedesc *pd = c->probes; pd; pd = pd->next) {
		fputc(' ', fp);
		put_str(fp, pd->text, (int)strlen(pd->text));
	}
	fputc(')', fp);
	if (c->pred) {
		fputs(" (pred ", fp);
		put_expr(fp, c->pred);
		fputc(')', fp);
	}
	fputs(" (body", fp);
	for (const struct d_stmt *s = c->body; s; s = s->next) {
		fputc(' ', fp);
		put_stmt(fp, s);
	}
	fputs("))\n", fp);
}

void d_ast_dump(FILE *fp, const struct d_program *p)
{
	if (!p)
		return;
	for (const struct d_pragma *pr = p->pragmas; pr; pr = pr->next) {
		fprintf(fp, "(pragma %s", pr->name);
		if (pr->value) {
			fputc(' ', fp);
			put_str(fp, pr->value, (int)strlen(pr->value));
		}
		fputs(")\n", fp);
	}
	for (const struct d_decl *d = p->decls; d; d = d->next)
		put_decl(fp, d);
	for (const struct d_clause *c = p->clauses; c; c = c->next)
		put_clause(fp, c);
}
