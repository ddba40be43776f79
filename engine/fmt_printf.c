/*
 * fmt_printf.c - dtrace's printf(): parsing a format, checking it against
 * the arguments at compile time, and printing one datum per conversion;
 * also trace()'s default layout.
 *
 * A format is parsed once (fmt_parse) into literals and conversions.  The
 * conversions dtrace knows are a fixed dictionary keyed by the length
 * modifier and the conversion letter together ("d", "hd", "lld", "Y"...):
 * anything else, "%hhd" and "%zd" included, is a D_SYNTAX error, exactly as
 * dtrace reports it.  fmt_check() then replays dtrace's validation in its
 * order, so the first error reported is the one dtrace would report.
 *
 * Printing rebuilds a C format per conversion the way dtrace does, which
 * has consequences worth knowing:
 *   - the flags come out in the order # 0 - + ' space; a 0 after '-' wins
 *     ("%-05d" zero-pads);
 *   - a precision of 0 is dropped ("%.0f" prints like "%f");
 *   - the length modifier written is ignored: an 8-byte integer gets "ll",
 *     anything narrower is printed as the 32-bit int of its own width;
 *   - %d and %i of an unsigned value print as %u;
 *   - %p is plain hexadecimal, without "0x";
 *   - %Y is "2026 Nov 27 05:14:39" in local time (ctime's fields).
 *
 * trace() without -q right-aligns integers to the width of their type
 * (" %19ld" for int64, " %20lu" for uint64, " %10d", " %5hd", " %3hhd")
 * and left-aligns strings in "  %-33s", as Oracle's DTrace for Linux does.
 */
#include "fmt.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum pf_print {
	P_SINT,
	P_UINT,
	P_DINT,
	P_FP,
	P_ADDR,
	P_UADDR,
	P_STACK,
	P_TIME,
	P_TIME822,
	P_CSTR,
	P_ESTR,
	P_ECHR,
	P_WSTR,
	P_PCT,
};

enum pf_check {
	CK_INT,	   /* any integer, %@ too */
	CK_NARROW, /* an integer no wider than int: never a %@ value */
	CK_ADDR,
	CK_KADDR,
	CK_UADDR,
	CK_STACK,
	CK_STR,
	CK_WSTR,
	CK_FP,
	CK_NONE,
};

struct pf_conv {
	const char *name; /* length modifier and letter, as dtrace keys them */
	const char *ofmt; /* the C conversion printed */
	enum pf_print print;
	enum pf_check check;
	const char *proto; /* what the messages call the expected type */
};

static const char pf_xint[] = "char, short, int, long, or long long";
static const char pf_csi[] = "char, short, or int";
static const char pf_fp[] = "float, double, or long double";
static const char pf_addr[] = "pointer or integer";
static const char pf_uaddr[] = "pointer or integer (with -p/-c) or _usymaddr (without -p/-c)";
static const char pf_cstr[] = "char [] or string (or use stringof)";
static const char pf_wstr[] = "wchar_t []";

static const struct pf_conv pf_convs[] = {
	{ "a", "s", P_ADDR, CK_KADDR, pf_addr },
	{ "A", "s", P_UADDR, CK_UADDR, pf_uaddr },
	{ "c", "c", P_SINT, CK_NARROW, pf_csi },
	{ "C", "s", P_ECHR, CK_NARROW, pf_csi },
	{ "d", "d", P_DINT, CK_INT, pf_xint },
	{ "e", "e", P_FP, CK_FP, pf_fp },
	{ "E", "E", P_FP, CK_FP, pf_fp },
	{ "f", "f", P_FP, CK_FP, pf_fp },
	{ "g", "g", P_FP, CK_FP, pf_fp },
	{ "G", "G", P_FP, CK_FP, pf_fp },
	{ "hd", "d", P_SINT, CK_NARROW, "short" },
	{ "hi", "i", P_SINT, CK_NARROW, "short" },
	{ "ho", "o", P_UINT, CK_NARROW, "unsigned short" },
	{ "hu", "u", P_UINT, CK_NARROW, "unsigned short" },
	{ "hx", "x", P_UINT, CK_NARROW, "short" },
	{ "hX", "X", P_UINT, CK_NARROW, "short" },
	{ "i", "i", P_DINT, CK_INT, pf_xint },
	{ "k", "s", P_STACK, CK_STACK, "stack" },
	{ "lc", "lc", P_SINT, CK_NARROW, "int" },
	{ "ld", "d", P_SINT, CK_INT, "long" },
	{ "li", "i", P_SINT, CK_INT, "long" },
	{ "lo", "o", P_UINT, CK_INT, "unsigned long" },
	{ "lu", "u", P_UINT, CK_INT, "unsigned long" },
	{ "ls", "ls", P_WSTR, CK_WSTR, pf_wstr },
	{ "lx", "x", P_UINT, CK_INT, "long" },
	{ "lX", "X", P_UINT, CK_INT, "long" },
	{ "lld", "d", P_SINT, CK_INT, "long long" },
	{ "lli", "i", P_SINT, CK_INT, "long long" },
	{ "llo", "o", P_UINT, CK_INT, "unsigned long long" },
	{ "llu", "u", P_UINT, CK_INT, "unsigned long long" },
	{ "llx", "x", P_UINT, CK_INT, "long long" },
	{ "llX", "X", P_UINT, CK_INT, "long long" },
	{ "Le", "e", P_FP, CK_FP, "long double" },
	{ "LE", "E", P_FP, CK_FP, "long double" },
	{ "Lf", "f", P_FP, CK_FP, "long double" },
	{ "Lg", "g", P_FP, CK_FP, "long double" },
	{ "LG", "G", P_FP, CK_FP, "long double" },
	{ "o", "o", P_UINT, CK_INT, pf_xint },
	{ "p", "x", P_UINT, CK_ADDR, pf_addr },
	{ "s", "s", P_CSTR, CK_STR, pf_cstr },
	{ "S", "s", P_ESTR, CK_STR, pf_cstr },
	{ "T", "s", P_TIME822, CK_INT, "int64_t" },
	{ "u", "u", P_UINT, CK_INT, pf_xint },
	{ "wc", "lc", P_SINT, CK_NARROW, "int" },
	{ "ws", "ls", P_WSTR, CK_WSTR, pf_wstr },
	{ "x", "x", P_UINT, CK_INT, pf_xint },
	{ "X", "X", P_UINT, CK_INT, pf_xint },
	{ "Y", "s", P_TIME, CK_INT, "int64_t" },
	{ "%", "%", P_PCT, CK_NONE, "void" },
};

static const struct pf_conv *pf_lookup(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(pf_convs) / sizeof(pf_convs[0]); i++)
		if (strcmp(pf_convs[i].name, name) == 0)
			return &pf_convs[i];
	return NULL;
}

/* The dictionary name of a parsed conversion: "lld", "Y"... */
static void conv_name(const struct fmt_conv *c, char *buf, size_t n)
{
	snprintf(buf, n, "%s%c", c->len, c->conv);
}

static const struct pf_conv *conv_info(const struct fmt_conv *c)
{
	char name[8];

	conv_name(c, name, sizeof(name));
	return pf_lookup(name);
}

static enum fmt_want want_of(const struct pf_conv *pc)
{
	switch (pc->print) {
	case P_FP:
		return FW_FLOAT;
	case P_CSTR:
	case P_ESTR:
	case P_WSTR:
		return FW_STR;
	case P_ADDR:
	case P_UADDR:
		return FW_ADDR;
	case P_TIME:
	case P_TIME822:
		return FW_TIME;
	case P_STACK:
	case P_PCT:
		return FW_ANY;
	default:
		return pc->check == CK_ADDR ? FW_ADDR : FW_INT;
	}
}

/* ---- parsing ------------------------------------------------------------ */

#define F_ALT	0x01
#define F_ZPAD	0x02
#define F_LEFT	0x04
#define F_SPOS	0x08
#define F_GROUP 0x10
#define F_SPACE 0x20

static void flags_str(int fl, char *out)
{
	if (fl & F_ALT)
		*out++ = '#';
	if (fl & F_ZPAD)
		*out++ = '0';
	if (fl & F_LEFT)
		*out++ = '-';
	if (fl & F_SPOS)
		*out++ = '+';
	if (fl & F_GROUP)
		*out++ = '\'';
	if (fl & F_SPACE)
		*out++ = ' ';
	*out = '\0';
}

static int parse_error(struct d_diag *dg, struct d_pos pos, int n, const char *what)
{
	return d_diag_error(dg, pos, "D_SYNTAX", "format conversion #%d %s", n, what);
}

struct fmt *fmt_parse(struct arena *a, const char *text, int is_printa, struct d_pos pos, struct d_diag *dg)
{
	struct fmt *f = arena_alloc(a, sizeof(*f));
	const char *p, *q;
	int max = 1, argc = 0;

	for (p = text; *p; p++)
		max += *p == '%';
	f->text = arena_strdup(a, text);
	f->conv = arena_alloc(a, sizeof(*f->conv) * (size_t)max);
	f->func = is_printa ? "printa" : "printf";

	for (q = text; (p = strchr(q, '%')) != NULL; q = *p ? p + 1 : p) {
		struct fmt_conv *c = &f->conv[f->nconv];
		const struct pf_conv *pc;
		int fl = 0, agg = 0, dot = 0, digits = 0, namelen = 0, n;
		char name[8], ch;

		argc++;
		c->lit = arena_strndup(a, q, (size_t)(p - q));
		c->width = -1;
		c->prec = -1;
	next:
		switch (ch = *++p) {
		case '0':
		case '1':
		case '2':
		case '3':
		case '4':
		case '5':
		case '6':
		case '7':
		case '8':
		case '9':
			if (dot == 0 && digits == 0 && ch == '0') {
				fl = (fl | F_ZPAD) & ~F_LEFT;
				goto next;
			}
			for (n = 0; isdigit((unsigned char)ch); ch = *++p)
				if (n < 100000000)
					n = n * 10 + ch - '0';
			if (dot) {
				if (c->prec != -2)
					c->prec = n;
			} else if (c->width != -2) {
				c->width = n;
			}
			p--;
			digits++;
			goto next;
		case '#':
			fl |= F_ALT;
			goto next;
		case '*':
			if ((dot ? c->prec : c->width) == -2) {
				d_diag_error(dg, pos, "D_SYNTAX",
					     "format conversion #%d has more than one '*' specified "
					     "for the output %s",
					     argc, dot ? "precision" : "width");
				return NULL;
			}
			if (dot)
				c->prec = -2;
			else
				c->width = -2;
			goto next;
		case '+':
			fl |= F_SPOS;
			goto next;
		case '-':
			fl = (fl | F_LEFT) & ~F_ZPAD;
			goto next;
		case '.':
			if (dot++ != 0) {
				parse_error(dg, pos, argc, "has more than one '.' specified");
				return NULL;
			}
			if (c->prec != -2)
				c->prec = 0;
			digits = 0;
			goto next;
		case '?':
			if (c->width != -2)
				c->width = 16;
			goto next;
		case '@':
			agg = 1;
			goto next;
		case '\'':
			fl |= F_GROUP;
			goto next;
		case ' ':
			fl |= F_SPACE;
			goto next;
		case '$':
			parse_error(dg, pos, argc, "uses unsupported positional format (%n$)");
			return NULL;
		case '%':
			if (p[-1] == '%')
				goto conv;
			parse_error(dg, pos, argc, "cannot be combined with other format flags: %%");
			return NULL;
		case '\0':
			parse_error(dg, pos, argc, "name expected before end of format string");
			return NULL;
		case 'h':
		case 'l':
		case 'L':
		case 'w':
			if (namelen < (int)sizeof(name) - 2)
				name[namelen++] = ch;
			goto next;
		default:
		conv:
			name[namelen++] = ch;
			name[namelen] = '\0';
		}
		pc = pf_lookup(name);
		if (!pc || namelen > (int)sizeof(c->len)) {
			d_diag_error(dg, pos, "D_SYNTAX", "format conversion #%d is undefined: %%%s", argc,
				     name);
			return NULL;
		}
		c->conv = ch;
		memcpy(c->len, name, (size_t)namelen - 1);
		c->len[namelen - 1] = '\0';
		flags_str(fl, c->flags);
		if (pc->print == P_PCT) {
			c->want = FW_ANY;
		} else {
			c->want = agg ? FW_AGG : want_of(pc);
			f->nargs += (c->width == -2) + (c->prec == -2) + !agg;
			f->naggs += agg;
		}
		f->nconv++;
	}
	f->conv[f->nconv].lit = arena_strdup(a, q);
	f->conv[f->nconv].width = -1;
	f->conv[f->nconv].prec = -1;
	return f;
}

/* ---- checking ----------------------------------------------------------- */

static const char *kind_name(enum dval_kind k)
{
	switch (k) {
	case DV_INT:
		return "int";
	case DV_UINT:
		return "unsigned int";
	case DV_STR:
		return "string";
	case DV_STACK:
		return "stack";
	case DV_SYM:
		return "_symaddr";
	}
	return "void";
}

static int kind_ok(const struct pf_conv *pc, enum dval_kind k, int agg)
{
	int integer = k == DV_INT || k == DV_UINT;

	switch (pc->check) {
	case CK_INT:
	case CK_ADDR:
		return integer;
	case CK_NARROW:
		return integer && !agg; /* an aggregation's value is 64 bits */
	case CK_KADDR:
	case CK_UADDR:
		return integer || k == DV_SYM;
	case CK_STACK:
		return k == DV_STACK && !agg;
	case CK_STR:
		return k == DV_STR && !agg;
	case CK_WSTR:
	case CK_FP:
		return 0; /* D has no wide strings or floating-point values */
	case CK_NONE:
		return 1;
	}
	return 0;
}

int fmt_check_names(const struct fmt *f, const enum dval_kind *kinds, const char *const *types, int nargs,
		    const struct d_pos *argpos, struct d_pos pos, struct d_diag *dg)
{
	const char *func = f->func ? f->func : "printf";
	int printa = strcmp(func, "printa") == 0;
	int i, j = 0;

	if (f->text[0] == '\0')
		return d_diag_error(dg, pos, "D_PRINTF_FMT_EMPTY", "%s( ) format string is empty", func);
	for (i = 0; i < f->nconv; i++) {
		const struct fmt_conv *c = &f->conv[i];
		const struct pf_conv *pc = conv_info(c);
		const char *dyns[2], *tname;
		int dync = 0;

		if (!pc || pc->print == P_PCT)
			continue;
		if (c->prec == -2)
			dyns[dync++] = ".*";
		if (c->width == -2)
			dyns[dync++] = "*";
		for (; dync != 0; dync--, j++) {
			if (j >= nargs)
				return d_diag_error(dg, pos, "D_PRINTF_DYN_PROTO",
						    "%s( ) prototype mismatch: conversion #%d (%%%s) "
						    "is missing a corresponding \"%s\" argument",
						    func, i + 1, pc->name, dyns[dync - 1]);
			if (kinds[j] != DV_INT && kinds[j] != DV_UINT) {
				tname = types && types[j] ? types[j] : kind_name(kinds[j]);
				return d_diag_error(dg, argpos ? argpos[j] : pos, "D_PRINTF_DYN_TYPE",
						    "%s( ) argument #%d is incompatible with "
						    "conversion #%d prototype:\n\tconversion: %% %s %s\n"
						    "\t prototype: int\n\t  argument: %s",
						    func, j + 2, i + 1, dyns[dync - 1], pc->name, tname);
			}
		}
		if (c->want == FW_AGG) {
			if (!printa)
				return d_diag_error(dg, pos, "D_PRINTF_AGG_CONV",
						    "%%@ conversion requires an aggregation and is "
						    "not for use with %s( )",
						    func);
			if (!kind_ok(pc, DV_INT, 1))
				return d_diag_error(dg, pos, "D_PRINTF_ARG_TYPE",
						    "%s( ) aggregating action is incompatible with "
						    "conversion #%d prototype:\n\tconversion: %%%s\n"
						    "\t prototype: %s\n\t  argument: int64_t",
						    func, i + 1, pc->name, pc->proto);
			continue;
		}
		if (j >= nargs)
			return d_diag_error(dg, pos, "D_PRINTF_ARG_PROTO",
					    "%s( ) prototype mismatch: conversion #%d (%%%s) is "
					    "missing a corresponding value argument",
					    func, i + 1, pc->name);
		if (!kind_ok(pc, kinds[j], 0)) {
			tname = types && types[j] ? types[j] : kind_name(kinds[j]);
			return d_diag_error(dg, argpos ? argpos[j] : pos, "D_PRINTF_ARG_TYPE",
					    "%s( ) argument #%d is incompatible with conversion #%d "
					    "prototype:\n\tconversion: %%%s\n\t prototype: %s\n"
					    "\t  argument: %s",
					    func, j + 2, i + 1, pc->name, pc->proto, tname);
		}
		j++;
	}
	if (!printa && j < nargs)
		return d_diag_error(dg, pos, "D_PRINTF_ARG_EXTRA",
				    "%s( ) prototype mismatch: only %d arguments required by this "
				    "format string",
				    func, j);
	return 0;
}

int fmt_check(const struct fmt *f, const enum dval_kind *kinds, int nargs, const struct d_pos *argpos,
	      struct d_pos pos, struct d_diag *dg)
{
	return fmt_check_names(f, kinds, NULL, nargs, argpos, pos, dg);
}

/* ---- printing ------------------------------------------------------------ */

/* "%" flags width .prec, as dtrace assembles it; the caller appends the
 * length and conversion. */
static char *spec_head(char *buf, size_t n, const struct fmt_conv *c, int width, int prec)
{
	const char *fl = c->flags;
	char *o = buf;

	*o++ = '%';
	if (strchr(fl, '#'))
		*o++ = '#';
	if (strchr(fl, '0'))
		*o++ = '0';
	if (width < 0 || strchr(fl, '-'))
		*o++ = '-';
	if (strchr(fl, '+'))
		*o++ = '+';
	if (strchr(fl, '\''))
		*o++ = '\'';
	if (strchr(fl, ' '))
		*o++ = ' ';
	if (width != 0)
		o += snprintf(o, n - (size_t)(o - buf), "%d", width < 0 ? -width : width);
	if (prec > 0)
		o += snprintf(o, n - (size_t)(o - buf), ".%d", prec);
	*o = '\0';
	return o;
}

static int int_size(const struct dvalue *v)
{
	return v->size == 1 || v->size == 2 || v->size == 4 ? v->size : 8;
}

/* dtrace's escaping for %S and %C. */
static void escape(const char *s, size_t n, char *out)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char c = s[i];
		const char *e = NULL;

		switch (c) {
		case '\0':
			e = "\\0";
			break;
		case '\a':
			e = "\\a";
			break;
		case '\b':
			e = "\\b";
			break;
		case '\f':
			e = "\\f";
			break;
		case '\n':
			e = "\\n";
			break;
		case '\r':
			e = "\\r";
			break;
		case '\t':
			e = "\\t";
			break;
		case '\v':
			e = "\\v";
			break;
		case '"':
			e = "\\\"";
			break;
		case '\\':
			e = "\\\\";
			break;
		default:
			break;
		}
		if (e) {
			out = stpcpy(out, e);
		} else if (c != ' ' && (c < '!' || c > '~')) {
			*out++ = '\\';
			*out++ = (char)(((c >> 6) & 3) + '0');
			*out++ = (char)(((c >> 3) & 7) + '0');
			*out++ = (char)((c & 7) + '0');
		} else {
			*out++ = c;
		}
	}
	*out = '\0';
}

static void print_escaped(FILE *fp, const char *spec, const char *s, size_t n)
{
	char *buf = malloc(n * 4 + 1);

	if (!buf)
		return;
	escape(s, n, buf);
	fprintf(fp, spec, buf);
	free(buf);
}

static void print_stack(FILE *fp, const char *spec, const char *frames, int indent)
{
	const char *l = frames ? frames : "";

	fputc('\n', fp);
	while (*l) {
		const char *e = strchr(l, '\n');
		size_t len = e ? (size_t)(e - l) : strlen(l);
		char *frame = strndup(l, len);

		if (!frame)
			return;
		fprintf(fp, "%*s", indent, "");
		fprintf(fp, spec, frame);
		fputc('\n', fp);
		free(frame);
		l += len + (e != NULL);
	}
}

static void time_str(int64_t ns, int rfc822, char *buf, size_t n)
{
	static const char mon[12][4] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	time_t sec = (time_t)(ns / 1000000000LL);
	struct tm tm;

	if (!localtime_r(&sec, &tm)) {
		snprintf(buf, n, "?");
		return;
	}
	if (rfc822)
		strftime(buf, n, "%a, %d %b %G %T %Z", &tm);
	else
		snprintf(buf, n, "%d %s %2d %02d:%02d:%02d", tm.tm_year + 1900, mon[tm.tm_mon], tm.tm_mday,
			 tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static void print_int(FILE *fp, char *spec, char *end, size_t room, const struct pf_conv *pc,
		      const struct dvalue *v)
{
	int size = int_size(v), sgn;
	const char *ofmt = pc->ofmt;
	char conv = ofmt[strlen(ofmt) - 1];
	int64_t x = v->i;

	if (pc->print == P_DINT)
		sgn = v->kind != DV_UINT;
	else
		sgn = pc->print == P_SINT;
	if (pc->print == P_DINT && !sgn)
		conv = 'u';
	if (conv == 'c') {
		/* %c and %lc take an int */
		snprintf(end, room, "%sc", ofmt[0] == 'l' ? "l" : "");
		fprintf(fp, spec, (int)(int32_t)x);
		return;
	}
	if (size == 8) {
		snprintf(end, room, "ll%c", conv);
		if (sgn)
			fprintf(fp, spec, (long long)x);
		else
			fprintf(fp, spec, (unsigned long long)x);
		return;
	}
	snprintf(end, room, "%c", conv);
	if (sgn) {
		int32_t w = size == 1 ? (int8_t)x : size == 2 ? (int16_t)x : (int32_t)x;

		fprintf(fp, spec, w);
	} else {
		uint32_t w = size == 1 ? (uint8_t)x : size == 2 ? (uint16_t)x : (uint32_t)x;

		fprintf(fp, spec, w);
	}
}

void fmt_conv_print(FILE *fp, const struct fmt_conv *c, int width, int prec, const struct dvalue *v)
{
	const struct pf_conv *pc = conv_info(c);
	char spec[64], text[64], *end;
	size_t room;
	int integer = v && (v->kind == DV_INT || v->kind == DV_UINT);

	if (!pc)
		return;
	/* a '*' width of INT_MIN (printf("%*d", (int)0x80000000, 1)) has no
	 * positive counterpart: left-justify by INT_MAX instead */
	if (width == INT_MIN)
		width = -INT_MAX;
	if (pc->print == P_PCT) {
		fputc('%', fp);
		return;
	}
	if (!v)
		return;
	if (pc->print == P_STACK) {
		/* a left-justified width indents the frames instead */
		int left = strchr(c->flags, '-') != NULL;
		int indent = width < 0 ? -width : left ? width : 0;

		end = spec_head(spec, sizeof(spec), c, left ? 0 : width, prec);
		snprintf(end, sizeof(spec) - (size_t)(end - spec), "s");
		print_stack(fp, spec, v->s, indent);
		return;
	}
	end = spec_head(spec, sizeof(spec), c, width, prec);
	room = sizeof(spec) - (size_t)(end - spec);

	switch (pc->print) {
	case P_SINT:
	case P_UINT:
	case P_DINT:
		if (integer) {
			print_int(fp, spec, end, room, pc, v);
			return;
		}
		break;
	case P_FP:
		snprintf(end, room, "%s", pc->ofmt);
		fprintf(fp, spec, integer ? (double)v->i : 0.0);
		return;
	case P_TIME:
	case P_TIME822:
		snprintf(end, room, "s");
		time_str(v->i, pc->print == P_TIME822, text, sizeof(text));
		fprintf(fp, spec, text);
		return;
	case P_ECHR: {
		char ch = (char)v->i;

		snprintf(end, room, "s");
		print_escaped(fp, spec, &ch, 1);
		return;
	}
	case P_ESTR:
		snprintf(end, room, "s");
		if (!integer) {
			print_escaped(fp, spec, v->s ? v->s : "", v->s ? strlen(v->s) : 0);
			return;
		}
		break;
	default:
		break;
	}
	/* strings, symbols, and whatever could not be printed natively */
	snprintf(end, room, "s");
	if (integer) {
		snprintf(text, sizeof(text), pc->print == P_ADDR || pc->print == P_UADDR ? "0x%llx" : "%lld",
			 (long long)v->i);
		fprintf(fp, spec, text);
	} else {
		fprintf(fp, spec, v->s ? v->s : "");
	}
}

/* A '*' argument: dtrace reads it as an int of its own width. */
static int star_arg(const struct dvalue *v)
{
	if (!v || (v->kind != DV_INT && v->kind != DV_UINT))
		return 0;
	switch (int_size(v)) {
	case 1:
		return (int8_t)v->i;
	case 2:
		return (int16_t)v->i;
	default:
		return (int32_t)v->i;
	}
}

void fmt_printf(FILE *fp, const struct fmt *f, const struct dvalue *args, int nargs)
{
	int i, j = 0;

	for (i = 0; i < f->nconv; i++) {
		const struct fmt_conv *c = &f->conv[i];
		int width = c->width > 0 ? c->width : 0;
		int prec = c->prec > 0 ? c->prec : 0;

		fputs(c->lit, fp);
		if (c->conv == '%') {
			fputc('%', fp);
			continue;
		}
		if (c->width == -2)
			width = j < nargs ? star_arg(&args[j++]) : 0;
		if (c->prec == -2)
			prec = j < nargs ? star_arg(&args[j++]) : 0;
		if (c->want == FW_AGG || j >= nargs)
			continue;
		fmt_conv_print(fp, c, width, prec, &args[j++]);
	}
	fputs(f->conv[f->nconv].lit, fp);
}

void fmt_trace(FILE *fp, const struct dvalue *v, int quiet)
{
	int size = int_size(v);

	switch (v->kind) {
	case DV_STR:
		fprintf(fp, quiet ? "%s" : "  %-33s", v->s ? v->s : "");
		return;
	case DV_SYM:
		fprintf(fp, "  %-50s", v->s ? v->s : "");
		return;
	case DV_STACK:
		print_stack(fp, "%s", v->s, 14);
		return;
	case DV_INT:
		if (size == 8)
			fprintf(fp, quiet ? "%lld" : " %19lld", (long long)v->i);
		else if (size == 4)
			fprintf(fp, quiet ? "%d" : " %10d", (int32_t)v->i);
		else if (size == 2)
			fprintf(fp, quiet ? "%d" : " %5d", (int16_t)v->i);
		else
			fprintf(fp, quiet ? "%d" : " %3d", (int8_t)v->i);
		return;
	case DV_UINT:
		if (size == 8)
			fprintf(fp, quiet ? "%llu" : " %20llu", (unsigned long long)v->i);
		else if (size == 4)
			fprintf(fp, quiet ? "%u" : " %10u", (uint32_t)v->i);
		else if (size == 2)
			fprintf(fp, quiet ? "%u" : " %5u", (uint16_t)v->i);
		else
			fprintf(fp, quiet ? "%u" : " %3u", (uint8_t)v->i);
		return;
	}
}
