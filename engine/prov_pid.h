/*
 * prov_pid.h - the pid provider: uprobes on the functions of one process.
 */
#ifndef DSCOPE_PROV_PID_H
#define DSCOPE_PROV_PID_H

#include "probe.h"

/* A description the pid provider cannot honour, in dtrace's words. */
struct pid_error {
	const char *tag; /* D_PROC_NAME, D_PROC_OFF, D_PROC_ALIGN, D_PROC_CREATEFAIL */
	char msg[256];
};

/*
 * Create the probes pidPID:mod:func:name describes (globs; "" = any; the
 * main executable also answers to "a.out") in t: per function "entry",
 * "return" and one probe per instruction named by its offset in hex
 * ("1a").  The main executable's module name goes to mainmod (callers
 * match "a.out" with it).  Returns how many were created (0 when they
 * existed or nothing matched), -ESRCH when the process does not exist,
 * -EINVAL with perr filled when a name is not a valid offset of a matched
 * function, another negative errno on failure.
 */
int pid_probes_create(struct probe_table *t, int pid, const char *mod, const char *func, const char *name,
		      char *mainmod, size_t mainsz, struct pid_error *perr);

#endif
