/*
 * d_diag.h - diagnostics of the D front end.
 *
 * Every error the compiler reports is one struct d_diag: a dtrace error tag
 * (D_SYNTAX, D_IDENT_UNDEF, ...), a source position and a message.  Two
 * printers render it: the dtrace-exact one used by batch mode
 *
 *   dscope: failed to compile script x.d: [D_SYNTAX] line 3: syntax error near "}"
 *
 * (the "[TAG] " part only under -x errtags) and the rich one
 *
 *   x.d:3:9: error [D_SYNTAX]: syntax error near "}"
 *       @[x] = count() }
 *                      ^
 *
 * A compile stops at the first error (as dtrace does); the diag holds it.
 */
#ifndef DSCOPE_D_DIAG_H
#define DSCOPE_D_DIAG_H

#include <stdarg.h>
#include <stdio.h>

/* A position in D source.  Lines and columns count from 1; 0 means unknown. */
struct d_pos {
	int line;
	int col;
};

struct d_diag {
	int set;	  /* non-zero once an error was recorded */
	char tag[32];	  /* "D_SYNTAX", ... ; "" when the error has no tag */
	struct d_pos pos; /* where; line 0 when not tied to the source */
	char msg[512];	  /* the message, no trailing newline */
};

/*
 * Record an error.  Only the first error is kept: later calls are ignored so
 * the root cause is what the user sees.  Returns -1 so callers can write
 * `return d_diag_error(...)`.
 */
int d_diag_error(struct d_diag *dg, struct d_pos pos, const char *tag, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
int d_diag_verror(struct d_diag *dg, struct d_pos pos, const char *tag, const char *fmt, va_list ap);

/*
 * dtrace-exact printer: "PROG: WHAT: [TAG] line N: MSG".  `prog` is the name
 * dscope was invoked by ("dscope" or "dtrace"); `what` is "failed to compile
 * script x.d" for -s or "invalid probe specifier TEXT" for -n; `errtags`
 * selects whether "[D_TAG] " is printed.
 */
void d_diag_print_dtrace(FILE *fp, const struct d_diag *dg, const char *prog, const char *what, int errtags);

/*
 * Rich printer: file:line:col, the source line and a caret.  `src` is the
 * whole source text (may be NULL, then no source line is shown).
 */
void d_diag_print_rich(FILE *fp, const struct d_diag *dg, const char *srcname, const char *src);

/*
 * The offending source line with a caret under the column:
 *
 *     3 |     @[x] = count() }
 *       |                    ^
 *
 * Printed after the dtrace-exact line; nothing when the position is unknown.
 */
void d_diag_print_source(FILE *fp, const struct d_diag *dg, const char *src);

#endif
