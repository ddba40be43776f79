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
 *   replay.c   a session file in the interface (--replay FILE): the
 *              timeline, feeding the views recorded snapshots
 *   record.c   recording a session from the interface (:record), and the
 *              view state sessions carry
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
struct dscope_snap;
struct session_writer;
struct session_ui;

/* What a new handle needs to be made like the first one. */
struct tui_cfg {
	const char *prog;    /* "dscope" or "dtrace" */
	const char *src;     /* the program text as compiled */
	const char *srcname; /* the script's name (-s), NULL for -n */
	const char *opts[64][2];
	int nopts; /* options as given (-x, -q, -w, -F...), replayed */
	int nmacros;
	char *const *macros;
	long target;		    /* $target, or -1 */
	pid_t child;		    /* the -c command, or -1 */
	int child_out;		    /* the -c command's stdout and stderr (a pipe), or -1 */
	int no_final;		    /* do not print the final aggregations on exit */
	const char *version;	    /* dscope's, for sessions recorded */
	const char *replay;	    /* a session file to replay instead (*hp
				     * is then a handle never started) */
	struct session_writer *rec; /* --record FILE: the writer (the
				     * interface owns it), its path */
	const char *rec_path;
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

/* ---- replay.c ---- */
/* What a replay asks of the interface.  Pointers given are the replay's
 * and live until replay_close, snapshots excepted (owned by the callee). */
struct replay_sink {
	void *arg;
	void (*log_clear)(void *arg);				  /* a seek: the log anew */
	void (*log_snap)(void *arg, const struct dscope_snap *s); /* its records, notes */
	void (*log_line)(void *arg, const char *line);
	/* the program from the next snapshot on: h is compiled, never
	 * started (or bare: it does not compile here) */
	void (*program)(void *arg, struct dscope *h, const char *src, const char *srcname);
	/* the view state recorded from the next snapshot on */
	void (*ui)(void *arg, const struct session_ui *ui);
	/* show s (may be NULL), t seconds into the session; prime: the tick
	 * before the one to show, given to the views unseen */
	void (*show)(void *arg, struct dscope_snap *s, double t, int prime);
	void (*say)(void *arg, int err, const char *text); /* the message line */
};
struct replay;
/* Open and index a session file; NULL with a message in err. */
struct replay *replay_open(const char *path, const char *prog, int nmacros, char *const *macros,
			   const struct replay_sink *sink, char *err, size_t errlen);
void replay_close(struct replay *rp);
/* Show the first tick and play. */
void replay_start(struct replay *rp);
/* The play timer: readable when the next tick is due. */
int replay_fd(const struct replay *rp);
void replay_on_timer(struct replay *rp);
void replay_toggle(struct replay *rp);			/* play / pause */
void replay_step(struct replay *rp, long n, int pause); /* n ticks on (or back) */
void replay_goto(struct replay *rp, long tick);		/* from 0; -1 the last */
/* :seek "90", "1:30", "+10", "-5", "start", "end", "#12"; -1 when not understood */
int replay_seek_arg(struct replay *rp, const char *arg);
void replay_speed(struct replay *rp, int dir); /* slower (-1), faster (+1) */
/* :speed 0.25 .. 16; -1 when not one of them */
int replay_set_speed(struct replay *rp, const char *arg);
/* The timeline: file, playing or paused, speed, tick N/M, time, wall clock. */
void replay_status(const struct replay *rp, char *buf, size_t size, int utf8);
/* The recorded drill-down path at this tick ("" none). */
const char *replay_crumbs(const struct replay *rp);
/* Key labels guessed from the values of aggregation id (stacks). */
void replay_key_labels(const struct dscope_snap *s, int id, char key[8][32]);

/* ---- record.c ---- */
struct rec;
struct rec_prog {
	const char *prog, *version, *src, *srcname;
	int interval_ms;
};
/* :record FILE: a new session file (force: replace one), its program
 * chunk written; NULL with a message in err. */
struct rec *rec_start(const char *path, int force, struct dscope *h, const struct rec_prog *p, char *err,
		      size_t errlen);
/* --record FILE with the interface: the writer main.c started. */
struct rec *rec_adopt(struct session_writer *w, const char *path);
/* These return 0, or a negative errno once the writer failed (rec_errmsg
 * says why; then rec_stop). */
/* A snapshot: a tick (tables: the snapshot's own) or records only. */
int rec_snap(struct rec *rc, const struct dscope_snap *s, int tables);
int rec_msg(struct rec *rc, const char *line);
/* The running program was replaced by src (after the old one's last
 * records, before the new one's first tick). */
int rec_swap(struct rec *rc, struct dscope *h, const char *src, const char *srcname, long target);
/* The views' state (written when it changed). */
int rec_ui(struct rec *rc, struct view *const *views, int nviews, int cur, const char *const *crumbs,
	   int ncrumbs);
const char *rec_errmsg(const struct rec *rc);
const char *rec_path(const struct rec *rc);
/* "● rec FILE 1.2 MB" */
void rec_status(const struct rec *rc, char *buf, size_t size, int utf8);
/* End the session (its end mark), free; msg says what was recorded. */
int rec_stop(struct rec *rc, char *msg, size_t size);
/* A recorded view state onto views (by kind and name); *cur the view shown. */
void ui_apply(const struct session_ui *ui, struct view **views, int nviews, int *cur);
#endif
