/*
 * probe.h - the probe catalogue: every probe dscope can enable, with a
 * stable numeric id, and matching of D probe descriptions against it.
 *
 * Probe ids are assigned as dtrace assigns them, in a fixed order: the dtrace
 * provider's BEGIN, END and ERROR are 1, 2 and 3; the syscall provider's
 * entry and return probes follow, two per syscall number (so the id of a
 * syscall probe is computed in the kernel from the syscall number without a
 * table); the sched provider's probes follow; profile probes are created on
 * demand when a description names one (profile-97, tick-1s) and numbered
 * after.
 */
#ifndef DSCOPE_PROBE_H
#define DSCOPE_PROBE_H

#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

enum probe_kind {
	PK_BEGIN,
	PK_END,
	PK_ERROR,
	PK_SYSCALL_ENTRY,
	PK_SYSCALL_RETURN,
	PK_PROFILE,	       /* profile-N: every CPU */
	PK_TICK,	       /* tick-N: one CPU */
	PK_VTIME,	       /* not a probe: dscope's scheduler-switch accounting */
	PK_SCHED_ON,	       /* sched:::on-cpu: a thread starts running (its context) */
	PK_SCHED_OFF,	       /* sched:::off-cpu: a thread stops running (its context) */
	PK_SCHED_SLEEP,	       /* sched:::sleep: off CPU, not runnable */
	PK_SCHED_PREEMPT,      /* sched:::preempt: off CPU while runnable */
	PK_SCHED_WAKEUP,       /* sched:::wakeup, in the waker (arg0/arg1: woken tid/pid) */
	PK_PROC_EXEC,	       /* proc:::exec, before it (arg0: the path, for copyinstr) */
	PK_PROC_EXEC_FAILURE,  /* proc:::exec-failure (arg0: errno) */
	PK_PROC_EXEC_SUCCESS,  /* proc:::exec-success, in the new image */
	PK_PROC_EXIT,	       /* proc:::exit, a process ends (arg0: reason) */
	PK_PROC_LWP_EXIT,      /* proc:::lwp-exit, any thread ends */
	PK_PROC_CREATE,	       /* proc:::create, in the parent (arg0: child pid) */
	PK_PROC_LWP_CREATE,    /* proc:::lwp-create, a thread (arg0: its tid) */
	PK_PROC_SIGNAL_SEND,   /* proc:::signal-send, in the sender (target tid, pid, signal) */
	PK_PROC_SIGNAL_HANDLE, /* proc:::signal-handle, in the receiver (arg0: signal) */
	PK_UPROBE,	       /* pid provider: function entry */
	PK_URETPROBE,	       /* pid provider: function return */
	PK_SCHED_ENQUEUE,      /* sched:::enqueue: a thread becomes runnable on a run queue */
	PK_SCHED_DEQUEUE,      /* sched:::dequeue: leaves it to run */
	PK_SCHED_TICK,	       /* sched:::tick: the clock tick, in the running thread */
	PK_PROC_START,	       /* proc:::start: a new process's first moment on a CPU */
	PK_PROC_LWP_START,     /* proc:::lwp-start: a new thread's */
	PK_IO_START,	       /* io:::start: a block request goes to the device */
	PK_IO_DONE,	       /* io:::done: it completes */
	PK_IO_WAIT_START,      /* io:::wait-start: a thread blocks waiting for I/O */
	PK_IO_WAIT_DONE,       /* io:::wait-done: it runs again */
	PK_TRACEPOINT,	       /* tracepoint:SUBSYSTEM::NAME, any kernel tracepoint */
	PK_FBT_ENTRY,	       /* fbt::FUNCTION:entry (arg: BTF id, uoff: nargs) */
	PK_FBT_RETURN,	       /* fbt::FUNCTION:return */
};

enum { PROBE_ID_BEGIN = 1, PROBE_ID_END = 2, PROBE_ID_ERROR = 3, PROBE_ID_SYSCALL_BASE = 4 };

struct d_struct;
struct btf;

struct probe {
	uint32_t id;
	enum probe_kind kind;
	const char *prov, *mod, *func, *name;
	int64_t arg; /* syscall number; profile/tick period in ns (or -hz) */
	/* pid provider: the file, offset and process of the uprobe */
	const char *path;
	uint64_t uoff;
	int upid;
	/* tracepoint provider (and io): the record's fields, parsed from the
	 * tracepoint's format when a clause first uses the probe (prov_tp.c) */
	const struct d_struct *st;
	/* pid return probes: where the function returns, as offsets from its
	 * start (uoff); none: one uretprobe at uoff */
	uint32_t *usites;
	uint32_t nusites;
	uint8_t owns; /* pid probes: the PROBE_OWNS_* strings this probe frees */
};

enum { PROBE_OWNS_PROV = 1, PROBE_OWNS_MOD = 2, PROBE_OWNS_FUNC = 4, PROBE_OWNS_PATH = 8 };

struct probe_table {
	struct probe *v; /* indexed by id; v[0] unused; holes have prov NULL */
	size_t n;	 /* ids 0..n-1 */
	int nsyscalls;	 /* syscall numbers 0..nsyscalls-1 */
	uint32_t nfixed; /* ids below this are the fixed probes; profile ones after */
	int tp_done;	 /* the tracepoint probes were added */
	/* fbt provider (prov_fbt.c) */
	struct btf *btf;   /* the kernel's, loaded when first needed */
	uint8_t *fbt_made; /* by BTF id: entry (1) and return (2) made */
	int fbt_mode;	   /* enum fbt_mode */
	char fbt_why[256]; /* why fbt probes cannot run */
	uint32_t *pidx;	   /* prov_pid.c's hash of the pid probes by name (ids; 0 = empty) */
	size_t pidx_cap;   /* its slots, a power of two */
};

/* Fill the catalogue with the dtrace and syscall probes.  0 or -ENOMEM. */
int probe_table_init(struct probe_table *t);
void probe_table_fini(struct probe_table *t);

static inline const struct probe *probe_get(const struct probe_table *t, uint32_t id)
{
	return id < t->n && t->v[id].prov ? &t->v[id] : NULL;
}

/* Syscall probe id from its number and direction. */
static inline uint32_t probe_syscall_id(int nr, int is_return)
{
	return PROBE_ID_SYSCALL_BASE + (uint32_t)nr * 2 + (is_return ? 1 : 0);
}

/*
 * Call fn for every probe matching the description fields (globs, "" for
 * any).  profile and tick probes named exactly (profile-97, tick-10ms,
 * profile-1khz, ...) are created first if needed.  Returns the number of
 * matches, or a negative errno (-EINVAL: a malformed profile rate).
 */
int probe_match(struct probe_table *t, const char *prov, const char *mod, const char *func, const char *name,
		void (*fn)(const struct probe *p, void *arg), void *arg);

/* tracepoint:SUBSYSTEM:NAME (three fields, so module:function:name to
 * dtrace) names provider, module and name: rewrite the fields so. */
void probe_desc_fixup(const char **prov, const char **mod, const char **func);

/* Parse a profile rate suffix ("97", "10ms", "1s", "4hz").  Returns the
 * period in ns, or -1.  Numbers without a unit are hz, as in dtrace. */
int64_t probe_rate_ns(const char *s);

const char *probe_syscall_name(int nr);

/* dtrace -lv: the probe's argument types, to fp (probe_types.c) */
void probe_print_types(struct probe_table *t, struct probe *p, FILE *fp);

#endif
