/*
 * prov_pid.h - the pid provider: uprobes on the functions of one process.
 */
#ifndef DSCOPE_PROV_PID_H
#define DSCOPE_PROV_PID_H

#include "probe.h"

/*
 * Create the probes pidPID:mod:func:name describes (globs; "" = any; the
 * main executable also answers to "a.out") in t.  The main executable's
 * module name goes to mainmod (callers match "a.out" with it).  Returns how
 * many were created (0 when they existed or nothing matched), -ESRCH when
 * the process does not exist, another negative errno on failure.
 */
int pid_probes_create(struct probe_table *t, int pid, const char *mod, const char *func, const char *name,
		      char *mainmod, size_t mainsz);

#endif
