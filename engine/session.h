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
 *   while (session_next(r, &it) > 0) ...           snapshots and messages
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

enum { SESSION_MAJOR = 1, SESSION_MINOR = 0 };

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
};

/* ---- writing ---- */

struct session_writer;

enum {
	SESSION_FORCE = 1, /* replace an existing file (still never a symlink) */
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
};

struct session_item {
	enum session_item_kind kind;
	struct dscope_snap *snap;
	int64_t t_ns;
	const char *msg;
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
