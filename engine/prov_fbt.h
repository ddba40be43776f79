/*
 * prov_fbt.h - the fbt provider: entry and return of kernel functions
 * (fbt::FUNCTION:entry/return), through fentry/fexit programs where the
 * kernel runs them, kprobes where it does not.
 */
#ifndef DSCOPE_PROV_FBT_H
#define DSCOPE_PROV_FBT_H

#include <stddef.h>

#include "probe.h"

/*
 * Create the probes of the kernel functions matching func and name (globs,
 * "" for any), named from the kernel's BTF.  Returns how many were created,
 * -ENOENT without kernel BTF, -ENOMEM.
 */
int fbt_probes_create(struct probe_table *t, const char *func, const char *name);

enum fbt_mode { FBT_NONE = -1, FBT_UNKNOWN = 0, FBT_FENTRY, FBT_KPROBE };

/*
 * How this kernel can run fbt probes, tried once with a probe of `id`
 * (a created fbt probe); FBT_NONE with the reason in why.
 */
enum fbt_mode fbt_support(struct probe_table *t, const struct probe *p, char *why, size_t n);

#endif
