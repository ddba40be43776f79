/*
 * tui.h - the full-screen interface, and the pieces of tui/ it is made of.
 *
 *   tui.c      the epoll loop, layout, keys, status line, help, commands,
 *              swapping programs
 *   screen.c   curses: start, stop, the crash-safe terminal restore, copying
 *              a view buffer (views/draw.h) to the terminal
 *   prompt.c   the readline prompt in callback mode (the only file that
 *              includes readline)
 *   complete.c what Tab at the prompt completes, and with what: pure
 *              functions over given lists, and the lists from the engine
 *   drill.c    drill-down rules: the next question about a row
 *   picker.c   the script picker (F2, :scripts)
 *
 * main.c compiles and starts the program as batch mode does, then hands the
 * running handle to tui_run(), which owns it from then on (it may replace
 * it with a recompiled one: *hp is the handle when tui_run returns).
 */
#ifndef DSCOPE_TUI_H
#define DSCOPE_TUI_H

#include <sys/types.h>

#include "draw.h"

struct dscope;

/* What a new handle needs to be made like the first one. */
struct tui_cfg {
	const char *prog;    /* "dscope" or "dtrace" */
	const char *src;     /* the program text as compiled */
	const char *srcname; /* the script's name (-s), NULL for -n */
	const char *opts[64][2];
	int nopts; /* options as given (-x, -q, -w, -F...), replayed */
	int nmacros;
	char *const *macros;
	long target;   /* $target, or -1 */
	pid_t child;   /* the -c command, or -1 */
	int child_out; /* the -c command's stdout and stderr (a pipe), or -1 */
	int no_final;  /* do not print the final aggregations on exit */
};

/* Run the interface until the user quits; the exit status. */
int tui_run(struct dscope **hp, struct tui_cfg *cfg);

/* ---- screen.c ---- */
int screen_start(int *utf8);
void screen_stop(void);
/* Restore the terminal from a signal handler or a sanitizer's death
 * callback (async-signal-safe), then call the hook set here. */
void screen_emergency(void);
void screen_on_emergency(void (*fn)(void));
int screen_active(void);
/* Copy the buffer to the terminal; the cursor at (cx, cy) when cy >= 0. */
void screen_draw(const struct vbuf *b, int cx, int cy);
/* The terminal's size now (after a SIGWINCH). */
void screen_resize(int *w, int *h);

/* ---- prompt.c ---- */
enum prompt_mode { PM_NONE, PM_CMD, PM_SEARCH, PM_FILTER };
/* Called with each line entered (the mode it was entered in). */
typedef void (*prompt_line_fn)(enum prompt_mode m, const char *line, void *arg);
void prompt_init(prompt_line_fn fn, void *arg);
void prompt_fini(void);
void prompt_open(enum prompt_mode m);
void prompt_close(void);
/* Replace the line being edited (the cursor at its end). */
void prompt_set_line(const char *text);
enum prompt_mode prompt_mode(void);
/* Feed a key: a character, or a curses KEY_ code when keycode is set. */
void prompt_key(unsigned c, int keycode);
/* The prompt and the line as shown, the cursor's column in it. */
const char *prompt_text(char *buf, size_t size, int *cursor);
/* The line being edited (for live search and filter). */
const char *prompt_line(void);
/* Tab at the command prompt completes the word before the cursor from the
 * names of the engine and of the program running in *hp (read at each
 * Tab), then calls show with what it found (for the message area). */
struct complete_res;
typedef void (*prompt_show_fn)(const struct complete_res *r, void *arg);
void prompt_complete_init(struct dscope *const *hp, prompt_show_fn show, void *arg);

/* ---- complete.c ---- */
/* What the word before the cursor is. */
enum complete_ctx {
	CX_NONE,    /* nothing to complete: a number, a string, a search */
	CX_COMMAND, /* the first word of a command line */
	CX_OPTION,  /* :set NAME */
	CX_FILE,    /* :open FILE, :write FILE */
	CX_PROBE,   /* a probe description in D text (:run, a bare clause) */
	CX_EXPR,    /* an identifier in D text: a predicate or a clause body */
};
/* Where candidates come from.  Lists are NULL-terminated, in any order,
 * with repeats allowed; any member may be NULL. */
struct complete_src {
	const char *const *commands; /* "set " takes an argument, "help" none */
	const char *const *options;
	const char *const *idents; /* builtins, keywords, variables */
	const char *const *funcs;  /* completed with a '(' */
	/* Probe descriptions "prov:mod:func:name" for a word whose provider
	 * is prov as typed ("" while the provider itself is typed). */
	const char *const *(*probes)(const char *prov, void *arg);
	/* File names starting with word (a directory's ending in '/'),
	 * malloc'd strings in a malloc'd NULL-terminated array. */
	char **(*files)(const char *word, void *arg);
	void *arg;
};
struct complete_res {
	enum complete_ctx ctx;
	int start;    /* the line's bytes [start, point) become insert */
	char *insert; /* the candidates' common prefix, and after a single
		       * one what follows it (' ', ':', '(', nothing);
		       * NULL: no candidate */
	char **cand;  /* the candidates as listed (a probe's part, a file's
		       * last component), sorted, distinct */
	int ncand;
};
/* The context of the word before point in a command line (the text after
 * the ':' prompt); *start its first byte, *dtext where its D text begins
 * (CX_PROBE, CX_EXPR). */
enum complete_ctx complete_context(const char *line, int point, int *start, int *dtext);
/* Complete the word before point.  0, or -ENOMEM; *out is always set and
 * freed with complete_res_free. */
int complete_line(const char *line, int point, const struct complete_src *src, struct complete_res *out);
void complete_res_free(struct complete_res *r);
/* The candidates on one line of at most width columns: "read  readv  readlink
 * ... (42 more)"; with utf8 an ellipsis character. */
void complete_summary(const struct complete_res *r, char *buf, size_t size, int width, int utf8);
/* The lists from the engine (complete.c keeps them, built at first use)
 * and the variables of the program running in h (may be NULL). */
void complete_src_engine(struct complete_src *src, struct dscope *h);

/* ---- drill.c ---- */
struct view;
enum drill_kind { DRILL_NONE, DRILL_PROGRAM, DRILL_HIST };
struct drill {
	enum drill_kind kind;
	char *prog;	 /* DRILL_PROGRAM: the derived D program (malloc'd) */
	char label[160]; /* for the breadcrumb: "read stacks" */
	long target;	 /* the row's process (a pid key), else -1: the
			  * child's $target */
};
/* The next question about view v's selected row in the program running in
 * h (its source src); kind DRILL_NONE with label saying why not. */
void drill_derive(const struct view *v, struct dscope *h, const char *src, struct drill *out);

/* ---- picker.c ---- */
enum picker_res { PICK_NONE, PICK_CLOSE, PICK_OPEN };
/* The directory of the shipped scripts ($DSCOPE_SCRIPTS, scripts/ beside
 * the binary or one up, /usr/share/dscope/scripts); -1 when none exists
 * (buf then holds the installed path). */
int picker_shipped_dir(char *buf, size_t size);
/* A script named at :open: a path as given, else NAME or NAME.d in
 * ~/.dscope/scripts, then in the shipped directory.  0 found (its path in
 * buf), -1 not (buf: the name). */
int picker_find(const char *name, char *buf, size_t size);
/* Read the script directories again; the number of scripts. */
int picker_open(void);
/* A key (a curses KEY_ code when fkey); PICK_OPEN sets *path to the
 * selected script (NULL: none), valid to the end of the process. */
enum picker_res picker_key(unsigned c, int fkey, const char **path);
void picker_draw(const struct vwin *area);
/* Free the list (the paths handed out stay). */
void picker_close(void);
#endif
