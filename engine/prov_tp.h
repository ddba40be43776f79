/*
 * prov_tp.h - the tracepoint provider: every kernel tracepoint, as
 * tracepoint:SUBSYSTEM::NAME, with its record's fields typed from the
 * tracepoint's format file in tracefs.
 */
#ifndef DSCOPE_PROV_TP_H
#define DSCOPE_PROV_TP_H

#include "probe.h"

struct d_struct;

/* The tracefs directory (/sys/kernel/tracing or the debugfs one), or NULL
 * when neither is mounted. */
const char *tp_root(void);

/*
 * Add a probe for every tracepoint the kernel lists (once per table).
 * Returns the number added, 0 when they were already there or tracefs is
 * missing, -ENOMEM.
 */
int tp_probes_create(struct probe_table *t);

/*
 * The fields of the probe's tracepoint record (parsed from
 * events/SUBSYSTEM/NAME/format on first use and kept in the probe), or NULL
 * with errno set when the format cannot be read.
 */
const struct d_struct *tp_struct(struct probe *p);

/* Parse events/PATH/format ("subsystem/name") into a new struct, or NULL;
 * free with tp_struct_free. */
struct d_struct *tp_format_load(const char *path);

/* A member of a struct by name, or NULL. */
const struct d_member *tp_member(const struct d_struct *st, const char *name);

/* The tracepoint's numeric id (for perf_event_open), or -errno. */
int tp_event_id(const char *path);

/* Parse a format file's text into a struct (exposed for tests): fields
 * allocated with malloc, freed by tp_struct_free. */
struct d_struct *tp_format_parse(const char *name, const char *text);
void tp_struct_free(const struct d_struct *st);

#endif
