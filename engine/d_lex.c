/*
 * d_lex.c - the D lexer: source text to tokens.
 *
 * D has two lexical worlds, and the parser tells the lexer which one it is
 * in (enum d_lex_mode), much as dtrace's flex scanner switches between its
 * S2 and S0 start states:
 *
 *   - D_LEX_PROBE, the outer level of a program.  A probe description such
 *     as `syscall::read:entry`, `profile-97`, `fbt::vfs_*:entry` or
 *     `pid$target:libc.so.6:malloc:entry` is a single token made of
 *     [-$:A-Za-z0-9_.*?[]!]; besides it only '/', '{' and ',' exist.  The
 *     parser recognises declarations (`int x;`) by looking at such a token
 *     and rewinding (d_lex_rewind) when it names a type.
 *   - D_LEX_EXPR, everywhere else: identifiers, keywords, integer, character
 *     and string constants, $macros, @aggregations, C operators plus ^^.
 *
 * Both modes skip blanks, backslash-newline, / * * / and // comments, and
 * handle control lines: a '#' that is the first non-blank of a line starts
 * one, and it is consumed here, not by the parser.  `#pragma D option x[=v]`
 * is recorded in lx->pragmas; `#line N "f"` and cpp's `# N "f"` renumber
 * the following lines; `#!` lines, `#ident`, `#pragma D attributes|binding|
 * depends_on` and non-D pragmas are ignored; everything else is dtrace's
 * D_PRAGCTL_INVAL (cpp directives need -C, which runs cpp first).
 *
 * A '/' in D_LEX_EXPR carries dtrace's predicate rule: it may close a
 * predicate when the next non-blank byte is end of input, ';', '{' or '/',
 * and is a division otherwise (token.ends_pred).
 *
 * Invariants: the lexer never reads past the source's NUL (every look-ahead
 * is guarded by the bytes before it being non-NUL); lines and columns count
 * from 1, a tab is one column; each call either returns a token or records
 * exactly the first error in the diag and returns -1.  Messages and tags are
 * dtrace's (D_INT_OFLOW, D_STR_NL, D_CHR_NULL, ...).
 */
#include "d_lex.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* ---- reading bytes ---- */

static int cur(const struct d_lex *lx)
{
	return (unsigned char)lx->p[0];
}

/* The byte k places ahead, or 0 if the text ends before it. */
static int ahead(const struct d_lex *lx, size_t k)
{
	for (size_t i = 0; i < k; i++)
		if (!lx->p[i])
			return 0;
	return (unsigned char)lx->p[k];
}

static void adv(struct d_lex *lx)
{
	if (!*lx->p)
		return;
	if (*lx->p == '\n') {
		lx->line++;
		lx->col = 1;
		lx->bol = 1;
	} else {
		lx->col++;
	}
	lx->p++;
}

static void adv_n(struct d_lex *lx, size_t n)
{
	while (n--)
		adv(lx);
}

static struct d_pos here(const struct d_lex *lx)
{
	return (struct d_pos){ .line = lx->line, .col = lx->col };
}

static int is_ident0(int c)
{
	return isalpha(c) || c == '_' || c == '`';
}

static int is_ident(int c)
{
	return isalnum(c) || c == '_' || c == '`';
}

static int is_pspec(int c)
{
	return c && (isalnum(c) || strchr("-$:_.*?[]!", c));
}

static int is_hspace(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static int hexval(int c)
{
	if (isdigit(c))
		return c - '0';
	return tolower(c) - 'a' + 10;
}

void d_lex_init(struct d_lex *lx, struct arena *a, const char *src, struct d_diag *dg)
{
	memset(lx, 0, sizeof(*lx));
	lx->a = a;
	lx->dg = dg;
	lx->src = src ? src : "";
	lx->p = lx->src;
	lx->line = 1;
	lx->col = 1;
	lx->bol = 1;
	lx->ptail = &lx->pragmas;
}

void d_lex_rewind(struct d_lex *lx, const struct d_token *t)
{
	lx->p = t->start;
	lx->line = t->pos.line;
	lx->col = t->pos.col;
	lx->bol = 0;
}

const char *d_lex_near(const struct d_token *t, char *buf, size_t size)
{
	size_t o = 0, n = t->len > 64 ? 64 : t->len;

	if (!size)
		return buf;
	for (size_t i = 0; i < n && o + 5 < size; i++) {
		unsigned char c = (unsigned char)t->start[i];

		if (c < 0x20 || c >= 0x7f)
			o += (size_t)snprintf(buf + o, size - o, "\\x%02x", c);
		else
			buf[o++] = (char)c;
	}
	if (n < t->len && o + 4 < size) {
		memcpy(buf + o, "...", 3);
		o += 3;
	}
	buf[o] = '\0';
	return buf;
}

/* ---- type names D knows without a declaration ---- */

static const struct {
	const char *name;
	int is_unsigned;
} d_typedefs[] = {
	{ "int8_t", 0 },   { "int16_t", 0 },	{ "int32_t", 0 },      { "int64_t", 0 },  { "uint8_t", 1 },
	{ "uint16_t", 1 }, { "uint32_t", 1 },	{ "uint64_t", 1 },     { "intptr_t", 0 }, { "uintptr_t", 1 },
	{ "size_t", 1 },   { "ssize_t", 0 },	{ "off_t", 0 },	       { "pid_t", 0 },	  { "uid_t", 1 },
	{ "gid_t", 1 },	   { "id_t", 0 },	{ "dev_t", 1 },	       { "ino_t", 1 },	  { "mode_t", 1 },
	{ "time_t", 0 },   { "caddr_t", 0 },	{ "uchar_t", 1 },      { "ushort_t", 1 }, { "uint_t", 1 },
	{ "ulong_t", 1 },  { "longlong_t", 0 }, { "u_longlong_t", 1 },
};

int d_lex_typedef(const char *name, size_t len, int *is_unsigned)
{
	for (size_t i = 0; i < sizeof(d_typedefs) / sizeof(d_typedefs[0]); i++) {
		if (strlen(d_typedefs[i].name) == len && !memcmp(d_typedefs[i].name, name, len)) {
			if (is_unsigned)
				*is_unsigned = d_typedefs[i].is_unsigned;
			return 1;
		}
	}
	return 0;
}

/* ---- keywords (dtrace reserves all of these in clause context) ---- */

static const struct {
	const char *name;
	enum d_kw kw;
} d_keywords[] = {
	{ "auto", D_KW_STORAGE },
	{ "break", D_KW_RESERVED },
	{ "case", D_KW_RESERVED },
	{ "char", D_KW_CHAR },
	{ "const", D_KW_CONST },
	{ "continue", D_KW_RESERVED },
	{ "counter", D_KW_RESERVED },
	{ "default", D_KW_RESERVED },
	{ "do", D_KW_RESERVED },
	{ "double", D_KW_RESERVED },
	{ "else", D_KW_ELSE },
	{ "enum", D_KW_ENUM },
	{ "extern", D_KW_STORAGE },
	{ "float", D_KW_RESERVED },
	{ "for", D_KW_RESERVED },
	{ "goto", D_KW_RESERVED },
	{ "if", D_KW_IF },
	{ "import", D_KW_RESERVED },
	{ "inline", D_KW_STORAGE },
	{ "int", D_KW_INT },
	{ "long", D_KW_LONG },
	{ "offsetof", D_KW_RESERVED },
	{ "probe", D_KW_RESERVED },
	{ "provider", D_KW_RESERVED },
	{ "register", D_KW_STORAGE },
	{ "restrict", D_KW_RESERVED },
	{ "return", D_KW_RESERVED },
	{ "self", D_KW_SELF },
	{ "short", D_KW_SHORT },
	{ "signed", D_KW_SIGNED },
	{ "sizeof", D_KW_SIZEOF },
	{ "static", D_KW_STORAGE },
	{ "string", D_KW_STRING },
	{ "stringof", D_KW_STRINGOF },
	{ "struct", D_KW_STRUCT },
	{ "switch", D_KW_RESERVED },
	{ "this", D_KW_THIS },
	{ "translator", D_KW_RESERVED },
	{ "typedef", D_KW_STORAGE },
	{ "union", D_KW_UNION },
	{ "unsigned", D_KW_UNSIGNED },
	{ "void", D_KW_VOID },
	{ "volatile", D_KW_VOLATILE },
	{ "while", D_KW_RESERVED },
	{ "xlate", D_KW_RESERVED },
};

static int keyword(const char *s, size_t n, const char **spelling)
{
	for (size_t i = 0; i < sizeof(d_keywords) / sizeof(d_keywords[0]); i++) {
		if (strlen(d_keywords[i].name) == n && !memcmp(d_keywords[i].name, s, n)) {
			*spelling = d_keywords[i].name;
			return d_keywords[i].kw;
		}
	}
	return D_KW_NONE;
}

const char *d_lex_keyword_name(int i)
{
	int k = 0;

	for (size_t j = 0; j < sizeof(d_keywords) / sizeof(d_keywords[0]); j++)
		if (d_keywords[j].kw != D_KW_RESERVED && k++ == i)
			return d_keywords[j].name;
	return NULL;
}

int d_lex_keyword(const char *s, size_t n)
{
	const char *spelling;

	return keyword(s, n, &spelling);
}

int d_lex_kw_is_type(int kw)
{
	return kw >= D_KW_CHAR && kw <= D_KW_VOLATILE;
}

/* ---- control lines ---- */

enum { CTL_MAX = 8 };

struct ctl_item {
	int is_str;
	const char *s;
	size_t n;
};

static int item_is(const struct ctl_item *it, const char *word)
{
	return !it->is_str && strlen(word) == it->n && !memcmp(it->s, word, it->n);
}

static int item_is_int(const struct ctl_item *it)
{
	if (it->is_str || !it->n)
		return 0;
	for (size_t i = 0; i < it->n; i++)
		if (!isdigit((unsigned char)it->s[i]))
			return 0;
	return 1;
}

/* `#line N ["file" [state...]]` or `# N ...`: the next line is number N. */
static int ctl_line(struct d_lex *lx, struct d_pos pos, const struct ctl_item *it, int n, int *newline)
{
	long v = 0;

	if (n < 1 || !item_is_int(&it[0]) || it[0].n > 9 || (n > 1 && !it[1].is_str))
		goto bad;
	for (int i = 2; i < n && i < CTL_MAX; i++)
		if (!item_is_int(&it[i]))
			goto bad;
	for (size_t i = 0; i < it[0].n; i++)
		v = v * 10 + (it[0].s[i] - '0');
	*newline = (int)v;
	return 0;
bad:
	return d_diag_error(lx->dg, pos, "D_PRAGMA_MALFORM", "malformed #line <line> [ [\"file\"] state ]");
}

static int ctl_option(struct d_lex *lx, struct d_pos pos, const struct ctl_item *it, int n)
{
	struct d_pragma *pr;
	const char *eq;

	if (n < 1 || it[0].is_str || item_is_int(&it[0]) || it[0].s[0] == '=')
		return d_diag_error(lx->dg, pos, "D_PRAGMA_MALFORM",
				    "malformed #pragma option <option>=<val>");
	if (n > 1)
		return d_diag_error(lx->dg, pos, "D_PRAGMA_MALFORM",
				    "superfluous arguments specified for #pragma option");
	pr = arena_alloc(lx->a, sizeof(*pr));
	pr->pos = pos;
	eq = memchr(it[0].s, '=', it[0].n);
	if (eq) {
		pr->name = arena_strndup(lx->a, it[0].s, (size_t)(eq - it[0].s));
		pr->value = arena_strndup(lx->a, eq + 1, it[0].n - (size_t)(eq - it[0].s) - 1);
	} else {
		pr->name = arena_strndup(lx->a, it[0].s, it[0].n);
	}
	*lx->ptail = pr;
	lx->ptail = &pr->next;
	return 0;
}

static int ctl_error(struct d_lex *lx, struct d_pos pos, const struct ctl_item *it, int n)
{
	char msg[256];
	size_t o = 0;

	msg[0] = '\0';
	for (int i = 0; i < n && i < CTL_MAX && o < sizeof(msg) - 1; i++)
		o +=
		    (size_t)snprintf(msg + o, sizeof(msg) - o, "%s%.*s", i ? " " : "", (int)it[i].n, it[i].s);
	return d_diag_error(lx->dg, pos, "D_PRAGERR", "#error: %s", msg);
}

/*
 * Consume the control line starting at the '#' under lx->p, through its
 * newline, and act on it.
 */
static int control_line(struct d_lex *lx)
{
	struct ctl_item it[CTL_MAX];
	struct d_pos pos = here(lx);
	int n = 0, i = 0, rc = 0, newline = -1;
	enum { DIR, SUB, DCP } kind = DIR;

	adv(lx); /* '#' */
	if (cur(lx) == '!') {
		while (cur(lx) && cur(lx) != '\n')
			adv(lx);
		adv(lx);
		return 0;
	}
	for (;;) {
		struct ctl_item x = { 0 };

		while (is_hspace(cur(lx)))
			adv(lx);
		if (!cur(lx) || cur(lx) == '\n')
			break;
		if (cur(lx) == '"') {
			struct d_pos spos = here(lx);

			adv(lx);
			x.is_str = 1;
			x.s = lx->p;
			while (cur(lx) && cur(lx) != '"' && cur(lx) != '\n') {
				if (cur(lx) == '\\' && ahead(lx, 1) && ahead(lx, 1) != '\n')
					adv(lx);
				adv(lx);
			}
			if (cur(lx) != '"')
				return d_diag_error(lx->dg, spos, "D_STR_NL",
						    "newline encountered in string literal");
			x.n = (size_t)(lx->p - x.s);
			adv(lx);
		} else {
			x.s = lx->p;
			while (cur(lx) && !isspace(cur(lx)) && cur(lx) != '"')
				adv(lx);
			x.n = (size_t)(lx->p - x.s);
		}
		if (n < CTL_MAX)
			it[n] = x;
		n++;
	}

	if (n > CTL_MAX)
		n = CTL_MAX; /* longer lines are malformed or have ignorable tails */
	if (n > 0 && item_is(&it[0], "pragma")) {
		kind = SUB;
		i = 1;
		if (n > 1 && item_is(&it[1], "D")) {
			kind = DCP;
			i = 2;
		}
	}
	if (i >= n || i >= CTL_MAX) {
		/* null directive, bare #pragma or #pragma D: ignored */
	} else if (kind == DIR && item_is_int(&it[i])) {
		rc = ctl_line(lx, pos, &it[i], n - i, &newline);
	} else if (it[i].is_str) {
		rc = d_diag_error(lx->dg, pos, "D_PRAGCTL_INVAL", "invalid control directive");
	} else if (item_is(&it[i], "line")) {
		rc = ctl_line(lx, pos, &it[i + 1], n - i - 1, &newline);
	} else if (item_is(&it[i], "ident")) {
		/* ignored, as dtrace does */
	} else if (item_is(&it[i], "error")) {
		rc = ctl_error(lx, pos, &it[i + 1], n - i - 1);
	} else if (kind == DCP && item_is(&it[i], "option")) {
		rc = ctl_option(lx, pos, &it[i + 1], n - i - 1);
	} else if (kind == DCP && (item_is(&it[i], "attributes") || item_is(&it[i], "binding") ||
				   item_is(&it[i], "depends_on"))) {
		/* stability attributes and dependencies mean nothing here */
	} else if (kind == DIR) {
		rc = d_diag_error(lx->dg, pos, "D_PRAGCTL_INVAL", "invalid control directive: #%.*s",
				  (int)it[i].n, it[i].s);
	} else if (kind == DCP) {
		rc = d_diag_error(lx->dg, pos, "D_PRAGMA_INVAL", "invalid D pragma: %.*s", (int)it[i].n,
				  it[i].s);
	}
	if (rc < 0)
		return rc;
	adv(lx); /* the newline, if any */
	if (newline >= 0)
		lx->line = newline;
	return 0;
}

/* ---- blanks and comments ---- */

static int skip_blank(struct d_lex *lx)
{
	for (;;) {
		int c = cur(lx);

		if (c == '\n' || is_hspace(c)) {
			adv(lx);
		} else if (c == '\\' && ahead(lx, 1) == '\n') {
			adv_n(lx, 2);
		} else if (c == '/' && ahead(lx, 1) == '*') {
			struct d_pos start = here(lx);

			adv_n(lx, 2);
			for (;;) {
				if (!cur(lx))
					return d_diag_error(lx->dg, start, "D_SYNTAX",
							    "end-of-file encountered before matching */");
				if (cur(lx) == '/' && ahead(lx, 1) == '*')
					return d_diag_error(lx->dg, here(lx), "D_SYNTAX",
							    "/* encountered inside a comment");
				if (cur(lx) == '*' && ahead(lx, 1) == '/') {
					adv_n(lx, 2);
					break;
				}
				adv(lx);
			}
			lx->bol = 0;
		} else if (c == '/' && ahead(lx, 1) == '/') {
			while (cur(lx) && cur(lx) != '\n')
				adv(lx);
		} else if (c == '#' && lx->bol) {
			if (control_line(lx) < 0)
				return -1;
		} else {
			return 0;
		}
	}
}

/* ---- constants ---- */

/*
 * Decode the C escapes of raw[0..n) into out (at least n bytes), as dtrace's
 * stresc2chr does: \a \b \f \n \r \t \v \\ \" \' \? , \NNN octal, \xHH...
 * hex (low byte kept); an unknown escape keeps its backslash.
 */
static size_t decode(const char *raw, size_t n, char *out)
{
	size_t i = 0, o = 0;

	while (i < n) {
		int c = (unsigned char)raw[i++], v;

		if (c != '\\' || i >= n) {
			out[o++] = (char)c;
			continue;
		}
		c = (unsigned char)raw[i++];
		switch (c) {
		case 'a':
			out[o++] = '\a';
			break;
		case 'b':
			out[o++] = '\b';
			break;
		case 'f':
			out[o++] = '\f';
			break;
		case 'n':
			out[o++] = '\n';
			break;
		case 'r':
			out[o++] = '\r';
			break;
		case 't':
			out[o++] = '\t';
			break;
		case 'v':
			out[o++] = '\v';
			break;
		case '\\':
		case '"':
		case '\'':
		case '?':
			out[o++] = (char)c;
			break;
		case '0':
		case '1':
		case '2':
		case '3':
		case '4':
		case '5':
		case '6':
		case '7':
			v = c - '0';
			for (int k = 0; k < 2 && i < n && raw[i] >= '0' && raw[i] <= '7'; k++)
				v = v * 8 + (raw[i++] - '0');
			out[o++] = (char)(v & 0xff);
			break;
		case 'x':
			v = 0;
			while (i < n && isxdigit((unsigned char)raw[i]))
				v = (v * 16 + hexval((unsigned char)raw[i++])) & 0xff;
			out[o++] = (char)v;
			break;
		default:
			out[o++] = '\\';
			out[o++] = (char)c;
			break;
		}
	}
	return o;
}

/*
 * Scan a quoted literal starting at the quote under lx->p.  On success the
 * raw contents are raw[0..*n) and lx->p is past the closing quote.
 */
static int scan_quoted(struct d_lex *lx, struct d_token *t, int q, const char **raw, size_t *n)
{
	const char *s;

	adv(lx);
	s = lx->p;
	while (cur(lx) && cur(lx) != q && cur(lx) != '\n') {
		if (cur(lx) == '\\' && ahead(lx, 1) && ahead(lx, 1) != '\n')
			adv(lx);
		adv(lx);
	}
	if (cur(lx) == '\n') {
		if (q == '"')
			return d_diag_error(lx->dg, t->pos, "D_STR_NL",
					    "newline encountered in string literal");
		return d_diag_error(lx->dg, t->pos, "D_CHR_NL", "newline encountered in character constant");
	}
	if (!cur(lx))
		return d_diag_error(lx->dg, t->pos, "D_SYNTAX", "unterminated %s",
				    q == '"' ? "string literal" : "character constant");
	*raw = s;
	*n = (size_t)(lx->p - s);
	adv(lx);
	return 0;
}

static int lex_string(struct d_lex *lx, struct d_token *t)
{
	const char *raw;
	size_t n;
	char *buf;

	if (scan_quoted(lx, t, '"', &raw, &n) < 0)
		return -1;
	buf = arena_alloc(lx->a, n + 1);
	t->kind = D_TOK_STR;
	t->slen = (int)decode(raw, n, buf);
	t->str = buf;
	return 0;
}

static int lex_char(struct d_lex *lx, struct d_token *t)
{
	const char *raw;
	size_t n, len;
	uint64_t v = 0;
	char *buf;

	if (scan_quoted(lx, t, '\'', &raw, &n) < 0)
		return -1;
	if (n == 0)
		return d_diag_error(lx->dg, t->pos, "D_CHR_NULL", "empty character constant");
	buf = arena_alloc(lx->a, n + 1);
	len = decode(raw, n, buf);
	if (len > sizeof(uint64_t))
		return d_diag_error(lx->dg, t->pos, "D_CHR_OFLOW", "character constant is too long");
	/* 'ab' is 'a' << 8 | 'b', each byte unsigned (dtrace's little-endian copy) */
	for (size_t i = 0; i < len; i++)
		v = v << 8 | (unsigned char)buf[i];
	t->kind = D_TOK_INT;
	t->ival = (int64_t)v;
	t->is_unsigned = v > INT64_MAX;
	t->isize = len <= 4 ? 4 : 8;
	return 0;
}

static int lex_number(struct d_lex *lx, struct d_token *t)
{
	const char *s = lx->p, *q = s;
	unsigned base = 10;
	uint64_t v = 0;
	int oflow = 0, bad = 0, nu = 0, nl = 0;

	if (q[0] == '0' && (q[1] == 'x' || q[1] == 'X') && isxdigit((unsigned char)q[2])) {
		base = 16;
		q += 2;
	} else if (q[0] == '0') {
		base = 8;
	}
	for (;; q++) {
		unsigned d;

		if (base == 16 && isxdigit((unsigned char)*q))
			d = (unsigned)hexval((unsigned char)*q);
		else if (base != 16 && isdigit((unsigned char)*q))
			d = (unsigned)(*q - '0');
		else
			break;
		if (d >= base && !bad)
			bad = *q;
		if (v > (UINT64_MAX - d) / base)
			oflow = 1;
		v = v * base + d;
	}
	if (base != 16 && (*q == '.' || ((*q == 'e' || *q == 'E') &&
					 (isdigit((unsigned char)q[1]) ||
					  ((q[1] == '+' || q[1] == '-') && isdigit((unsigned char)q[2]))))))
		return d_diag_error(lx->dg, t->pos, "D_SYNTAX", "floating-point constants are not permitted");
	for (;;) {
		if ((*q == 'u' || *q == 'U') && !nu)
			nu = 1;
		else if ((*q == 'l' || *q == 'L') && nl < 2)
			nl++;
		else
			break;
		q++;
	}
	if (oflow)
		return d_diag_error(lx->dg, t->pos, "D_INT_OFLOW",
				    "constant %.*s results in integer overflow", (int)(q - s), s);
	if (bad)
		return d_diag_error(lx->dg, t->pos, "D_INT_DIGIT", "constant %.*s contains invalid digit %c",
				    (int)(q - s), s, bad);
	adv_n(lx, (size_t)(q - s));
	t->kind = D_TOK_INT;
	t->ival = (int64_t)v;
	/* C's type of an integer constant: the first of int, unsigned int
	 * (hex/octal or U only), long, unsigned long that holds it */
	if (!nl && !nu && v <= INT32_MAX)
		t->isize = 4;
	else if (!nl && (nu || base != 10) && v <= UINT32_MAX)
		t->isize = 4, nu = 1;
	else
		t->isize = 8;
	t->is_unsigned = nu || v > INT64_MAX || (base != 10 && t->isize == 8 && v > INT64_MAX);
	return 0;
}

/* ---- the rest ---- */

static const struct {
	const char *s;
	int op;
} d_ops[] = {
	/* longest first */
	{ "<<=", D_SHL_ASSIGN }, { ">>=", D_SHR_ASSIGN }, { "<<", D_SHL },	  { ">>", D_SHR },
	{ "<=", D_LE },		 { ">=", D_GE },	  { "==", D_EQ },	  { "!=", D_NE },
	{ "&&", D_LAND },	 { "||", D_LOR },	  { "^^", D_LXOR },	  { "++", D_INC },
	{ "--", D_DEC },	 { "->", D_ARROW },	  { "+=", D_ADD_ASSIGN }, { "-=", D_SUB_ASSIGN },
	{ "*=", D_MUL_ASSIGN },	 { "/=", D_DIV_ASSIGN },  { "%=", D_MOD_ASSIGN }, { "&=", D_AND_ASSIGN },
	{ "|=", D_OR_ASSIGN },	 { "^=", D_XOR_ASSIGN },
};

static int bad_char(struct d_lex *lx, struct d_token *t)
{
	char near[80];

	if (!t->len)
		t->len = 1;
	return d_diag_error(lx->dg, t->pos, "D_SYNTAX", "syntax error near \"%s\"",
			    d_lex_near(t, near, sizeof(near)));
}

static int lex_op(struct d_lex *lx, struct d_token *t)
{
	int c = cur(lx);

	for (size_t i = 0; i < sizeof(d_ops) / sizeof(d_ops[0]); i++) {
		size_t n = strlen(d_ops[i].s);

		if (!strncmp(lx->p, d_ops[i].s, n)) {
			adv_n(lx, n);
			t->kind = D_TOK_OP;
			t->op = d_ops[i].op;
			return 0;
		}
	}
	if (!c || !strchr("+-*/%&|^!~<>=?:;,.()[]{}", c))
		return bad_char(lx, t);
	adv(lx);
	t->kind = D_TOK_OP;
	t->op = c;
	if (c == '/') {
		const char *q = lx->p;

		while (*q && (*q == '\n' || is_hspace((unsigned char)*q)))
			q++;
		t->ends_pred = !*q || *q == ';' || *q == '{' || *q == '/';
	}
	return 0;
}

static int lex_expr(struct d_lex *lx, struct d_token *t)
{
	int c = cur(lx);
	const char *s = lx->p;

	if (isdigit(c))
		return lex_number(lx, t);
	if (c == '.' && isdigit(ahead(lx, 1)))
		return d_diag_error(lx->dg, t->pos, "D_SYNTAX", "floating-point constants are not permitted");
	if (c == '"')
		return lex_string(lx, t);
	if (c == '\'')
		return lex_char(lx, t);
	if (is_ident0(c)) {
		const char *kw;

		while (is_ident(cur(lx)))
			adv(lx);
		t->op = keyword(s, (size_t)(lx->p - s), &kw);
		t->kind = t->op ? D_TOK_KW : D_TOK_IDENT;
		t->str = t->op ? kw : arena_strndup(lx->a, s, (size_t)(lx->p - s));
		return 0;
	}
	if (c == '$') {
		const char *n;

		adv(lx);
		if (cur(lx) == '$') {
			t->is_string = 1;
			adv(lx);
		}
		n = lx->p;
		if (isdigit(cur(lx))) {
			while (isdigit(cur(lx)))
				adv(lx);
		} else if (isalpha(cur(lx)) || cur(lx) == '_') {
			while (isalnum(cur(lx)) || cur(lx) == '_')
				adv(lx);
		} else {
			t->len = (size_t)(lx->p - s);
			return bad_char(lx, t);
		}
		t->kind = D_TOK_MACRO;
		t->str = arena_strndup(lx->a, n, (size_t)(lx->p - n));
		return 0;
	}
	if (c == '@') {
		adv(lx);
		if (isalpha(cur(lx)) || cur(lx) == '_')
			while (isalnum(cur(lx)) || cur(lx) == '_')
				adv(lx);
		t->kind = D_TOK_AGG;
		t->str = arena_strndup(lx->a, s + 1, (size_t)(lx->p - s - 1));
		return 0;
	}
	return lex_op(lx, t);
}

static int lex_probe(struct d_lex *lx, struct d_token *t)
{
	int c = cur(lx);
	const char *s = lx->p;

	if (is_pspec(c)) {
		while (is_pspec(cur(lx)))
			adv(lx);
		t->kind = D_TOK_PDESC;
		t->str = arena_strndup(lx->a, s, (size_t)(lx->p - s));
		return 0;
	}
	if (c == '/' || c == '{' || c == ',') {
		adv(lx);
		t->kind = D_TOK_OP;
		t->op = c;
		return 0;
	}
	return bad_char(lx, t);
}

int d_lex_next(struct d_lex *lx, enum d_lex_mode mode, struct d_token *t)
{
	int rc;

	memset(t, 0, sizeof(*t));
	t->start = lx->p;
	if (skip_blank(lx) < 0)
		goto fail;
	t->pos = here(lx);
	t->start = lx->p;
	if (!cur(lx)) {
		t->kind = D_TOK_EOF;
		return 0;
	}
	lx->bol = 0;
	rc = mode == D_LEX_PROBE ? lex_probe(lx, t) : lex_expr(lx, t);
	if (rc < 0)
		goto fail;
	t->len = (size_t)(lx->p - t->start);
	return 0;
fail:
	/* leave the lexer at end of input so that nothing reads on */
	lx->p += strlen(lx->p);
	memset(t, 0, sizeof(*t));
	t->kind = D_TOK_EOF;
	t->start = lx->p;
	t->pos = here(lx);
	return -1;
}
