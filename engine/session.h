/*
 * session.h - session files: recording the snapshot stream, reading it back
 * (replay), and exporting snapshots to other tools' formats.
 *
 * The format is described in docs/session-format.md.  In short: a 32-byte
 * header, then framed chunks (length, type, crc32, zstd payload), appended
 * one write(2) each, so a killed recorder loses at most its last chunk.
 *
 * Writing:
 *
 *   w = session_create(path, flags, err, errlen)   O_EXCL|O_NOFOLLOW, 0600
 *   session_write_info(w, &info)                   the program, once, first
 *   session_write_snap(w, snap, aggs, t_ns)*       one per snapshot
 *   session_write_msg(w, text)*                    a line for the error stream
 *   session_write_swap(w, &info, t_ns)*            the interface replaced the
 *                                                  program (before its snapshots)
 *   session_write_ui(w, &ui, t_ns)*                the interface's views, when
 *                                                  they changed
 *   session_close(w)                               the end mark
 *
 * A write error (disk full, broken pipe) makes the writer fail once: the
 * call returns the negative errno, session_write_errmsg() says what
 * happened, and every later call is a no-op returning the same error.  The
 * caller reports it and goes on tracing.
 *
 * Reading:
 *
 *   r = session_open(path, err, errlen)            "-" reads stdin
 *   session_read_info(r)                           the program chunk
 *   while (session_next(r, &it) > 0) ...           snapshots, messages, program
 *                                                  swaps, interface states
 *   session_seek(r, seq)                           files only
 *   session_read_close(r)
 *
 * Snapshots from the reader follow snap.h's contract; what they point to
 * lives in their own arena or in the reader (formats, aggregation
 * descriptors, aggregation keys), so the reader must outlive them.
 */
#ifndef DSCOPE_SESSION_H
#define DSCOPE_SESSION_H

#include <stdint.h>
#include <stdio.h>

#include "dscope.h"

enum { SESSION_MAJOR = 1, SESSION_MINOR = 1 };

struct session_info {
	const char *prog;    /* "dscope" or "dtrace": the messages' prefix */
	const char *version; /* dscope's version */
	const char *src;     /* the D program as compiled */
	const char *srcname; /* -s script name, or NULL */
	const char *host, *kernel;
	int64_t start_ns;    /* CLOCK_REALTIME when recording started */
	int64_t interval_ns; /* how often aggregations were taken */
	int ncpus;
	int nopts;
	const char **optname, **optval; /* nopts each; optval[i] may be NULL */
	int64_t target;			/* SWAP only: $target, -1 none */
};

/* What session_info_of needs kept while the info is used. */
struct session_info_buf {
	char host[256], kernel[256];
	const char *names[64], *vals[64];
};

/* The info of a run of h now: host and kernel names, the wall clock, the
 * CPU count and h's options (up to 64); the caller sets prog, version,
 * src, srcname.  interval_ns is one second (batch mode's refresh). */
void session_info_of(struct session_info *in, struct session_info_buf *b, const struct dscope *h);

/*
 * The interface's state, so that a replay shows the views as the user had
 * them (a UI chunk).  kind is views/view.h's enum view_kind (0 table, 1
 * histogram, 2 log, 3 tree); strings are never NULL ("" for none).
 */
struct session_view {
	const char *name; /* the view's name: "@count", "@c @t", "log" */
	int kind;
	int sel, top;	    /* selected row, first row shown */
	const char *selkey; /* the selected row's key text */
	int sortcol;	    /* -1 the first value column, else a column */
	int sortrev, interval, follow;
	int trunc;
	const char *filter, *only;
	int inverted; /* tree: leaves first */
	int nzoom;
	const char **zoom; /* tree: the nodes zoomed into, outermost first */
	const char *selpath;
};

struct session_ui {
	int cur; /* the view shown */
	int nviews;
	const struct session_view *views;
	int ncrumbs;
	const char **crumbs; /* the drill-down path's labels, outermost first */
};

/* ---- writing ---- */

struct session_writer;

enum {
	SESSION_FORCE = 1,    /* replace an existing file (still never a symlink) */
	SESSION_RENUMBER = 2, /* number snapshots 1, 2, ... in the file instead of
			       * keeping their seq: a recorder whose snapshots
			       * come from several handles (program swaps) */
};

/* Create a session file ("-": standard output).  NULL with a message in
 * err when it cannot be created (exists, symlink, permission); a writer
 * that already failed (session_write_errmsg not "") when the header could
 * not be written. */
struct session_writer *session_create(const char *path, int flags, char *err, size_t errlen);
int session_write_info(struct session_writer *w, const struct session_info *in);
/*
 * One snapshot: its records, notes and exit state from s; aggregation
 * tables from `aggs` when not NULL (may be s itself, e.g. the final
 * snapshot).  t_ns: time since recording started.  Tables are written as a
 * delta against the previous tables written, with a full copy (a seek
 * point) every few.
 */
int session_write_snap(struct session_writer *w, const struct dscope_snap *s, const struct dscope_snap *aggs,
		       int64_t t_ns);
int session_write_msg(struct session_writer *w, const char *text);
/*
 * The program was replaced (the interface swapped in another one: a
 * predicate, a drill-down, :open): in->src, srcname, target and options
 * are written (a SWAP chunk).  The writer forgets the old program's
 * formats and aggregation descriptors (they are freed with its handle):
 * call it after the old program's last snapshot is written and before the
 * new one's first.
 */
int session_write_swap(struct session_writer *w, const struct session_info *in, int64_t t_ns);
/* The interface's state (a UI chunk), written only when it differs from
 * the last one written. */
int session_write_ui(struct session_writer *w, const struct session_ui *ui, int64_t t_ns);
/* Write the end mark, flush, close, free.  Returns the first error. */
int session_close(struct session_writer *w);
/* The error that stopped recording, "" when none. */
const char *session_write_errmsg(const struct session_writer *w);
uint64_t session_write_bytes(const struct session_writer *w);

/* ---- reading ---- */

struct session_reader;

enum session_item_kind {
	SESSION_SNAP = 1, /* it->snap (owned by the caller: release it), it->t_ns */
	SESSION_MSG,	  /* it->msg: a line for the error stream (valid until the next call) */
	SESSION_PROGRAM,  /* it->prog: the program that runs from here (src,
			   * srcname, options, target), it->t_ns */
	SESSION_UI,	  /* it->ui: the interface's state from here, it->t_ns */
};

/* What an item points to (msg, prog, ui) is the reader's, valid until the
 * next call. */
struct session_item {
	enum session_item_kind kind;
	struct dscope_snap *snap;
	int64_t t_ns;
	int tables; /* SNAP: the snapshot had aggregation tables (also when
		     * session_read_skip_tables left them out) */
	const char *msg;
	const struct session_info *prog;
	const struct session_ui *ui;
};

/* Open and read the header and the program chunk.  NULL with a message
 * (not a session, a newer major version, damaged start). */
struct session_reader *session_open(const char *path, char *err, size_t errlen);
/* Same, over an open descriptor (not closed by the reader) or a buffer
 * (not copied; it must outlive the reader). */
struct session_reader *session_open_fd(int fd, const char *name, char *err, size_t errlen);
struct session_reader *session_open_mem(const void *data, size_t size, char *err, size_t errlen);
const struct session_info *session_read_info(const struct session_reader *r);
/*
 * The next item: 1, or 0 at the end of the session, or -1 where the file
 * is damaged or was cut short: session_read_errmsg() then says where
 * ("stopped at byte N (chunk K): reason").  A session cut at a chunk
 * boundary (a recorder killed between writes) ends with 0 but
 * session_read_complete() is 0.
 */
int session_next(struct session_reader *r, struct session_item *it);
int session_read_complete(const struct session_reader *r);
const char *session_read_errmsg(const struct session_reader *r);
/* Position the reader so that the next snapshot is the first with seq >=
 * `seq` (UINT64_MAX: the last one), its aggregations complete.  Uses the
 * index chunks and full snapshots; -ESPIPE on a pipe. */
int session_seek(struct session_reader *r, uint64_t seq);
/* When on, snapshots come without their aggregation tables (records,
 * notes and flags only; it->tables still says whether they had some): a
 * quick pass over a session's records.  Deltas need the tables before
 * them, so after turning it off, session_seek before reading on. */
void session_read_skip_tables(struct session_reader *r, int on);
void session_read_close(struct session_reader *r);

/*
 * Batch replay: print the session as batch mode printed it live (records
 * and aggregations to out, diagnostics and messages to err).  Returns the
 * recorded exit status, or -1 when the session was damaged or incomplete
 * (the reason is printed to err, prefixed by prog).
 */
int session_replay_batch(struct session_reader *r, FILE *out, FILE *err, const char *prog);

/* ---- exporting ---- */

enum export_kind {
	EXPORT_FOLDED, /* stack-keyed aggregations as folded stacks, at the end */
	EXPORT_JSON,   /* one JSON document (one line) per snapshot */
	EXPORT_CSV,    /* aggregation rows of every snapshot that has tables */
};

struct export;

/* kind from its name ("folded", "json", "csv"); -1 when unknown */
int export_kind_parse(const char *name);
struct export *export_new(enum export_kind kind, FILE *out);
void export_snap(struct export *x, const struct dscope_snap *s, const struct dscope_snap *aggs, int64_t t_ns);
/* Print what is printed at the end (folded), free. */
void export_free(struct export *x);

/* ---- batch-mode glue: record and export while tracing ---- */

struct session_tee {
	struct dscope *h;
	struct session_writer *w; /* or NULL */
	struct export *x;	  /* or NULL: then the batch text is printed */
	const char *prog;
	int64_t t0, interval_ns, last_aggs;
	int failed; /* recording stopped (reported once) */
};

/* One step of a batch run: dscope_next (or dscope_finish when `final`),
 * record, export or print.  Same return values as dscope_poll. */
int session_tee_step(struct session_tee *t, int final);
int64_t session_now_ns(void);

#endif
