/*
 * probe.c - the probe catalogue; see probe.h.
 *
 * The table is indexed by probe id.  It holds the dtrace provider's three
 * probes and two probes per syscall number (holes in the syscall table stay
 * empty), then profile probes appended on demand.  Matching uses fnmatch(3)
 * for dtrace's globs (* ? [set]); an empty field matches anything.
 */
#include "probe.h"

#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/btf.h>

#include "prov_fbt.h"
#include "prov_tp.h"
#include "syscalls_x86_64.h"

enum { NSYSCALLS = sizeof(syscall_names_x86_64) / sizeof(syscall_names_x86_64[0]) };

const char *probe_syscall_name(int nr)
{
	return nr >= 0 && nr < NSYSCALLS ? syscall_names_x86_64[nr] : NULL;
}

/* Fixed probes after the syscalls: provider, name, kind */
static const struct {
	const char *prov, *name;
	enum probe_kind kind;
} fixed_probes[] = {
	{ "sched", "on-cpu", PK_SCHED_ON },
	{ "sched", "off-cpu", PK_SCHED_OFF },
	{ "sched", "sleep", PK_SCHED_SLEEP },
	{ "sched", "preempt", PK_SCHED_PREEMPT },
	{ "sched", "wakeup", PK_SCHED_WAKEUP },
	{ "proc", "exec", PK_PROC_EXEC },
	{ "proc", "exec-failure", PK_PROC_EXEC_FAILURE },
	{ "proc", "exec-success", PK_PROC_EXEC_SUCCESS },
	{ "proc", "exit", PK_PROC_EXIT },
	{ "proc", "lwp-exit", PK_PROC_LWP_EXIT },
	{ "proc", "create", PK_PROC_CREATE },
	{ "proc", "lwp-create", PK_PROC_LWP_CREATE },
	{ "proc", "signal-send", PK_PROC_SIGNAL_SEND },
	{ "proc", "signal-handle", PK_PROC_SIGNAL_HANDLE },
	{ "sched", "enqueue", PK_SCHED_ENQUEUE },
	{ "sched", "dequeue", PK_SCHED_DEQUEUE },
	{ "sched", "tick", PK_SCHED_TICK },
	{ "proc", "start", PK_PROC_START },
	{ "proc", "lwp-start", PK_PROC_LWP_START },
	{ "io", "start", PK_IO_START },
	{ "io", "done", PK_IO_DONE },
	{ "io", "wait-start", PK_IO_WAIT_START },
	{ "io", "wait-done", PK_IO_WAIT_DONE },
};

enum { NFIXED = sizeof(fixed_probes) / sizeof(fixed_probes[0]) };

int probe_table_init(struct probe_table *t)
{
	size_t n = PROBE_ID_SYSCALL_BASE + 2 * NSYSCALLS + NFIXED;

	t->v = calloc(n, sizeof(*t->v));
	if (!t->v)
		return -ENOMEM;
	t->n = n;
	t->nsyscalls = NSYSCALLS;
	t->v[PROBE_ID_BEGIN] = (struct probe){ .id = PROBE_ID_BEGIN,
					       .kind = PK_BEGIN,
					       .prov = "dtrace",
					       .mod = "",
					       .func = "",
					       .name = "BEGIN" };
	t->v[PROBE_ID_END] = (struct probe){
		.id = PROBE_ID_END, .kind = PK_END, .prov = "dtrace", .mod = "", .func = "", .name = "END"
	};
	t->v[PROBE_ID_ERROR] = (struct probe){ .id = PROBE_ID_ERROR,
					       .kind = PK_ERROR,
					       .prov = "dtrace",
					       .mod = "",
					       .func = "",
					       .name = "ERROR" };
	for (int nr = 0; nr < NSYSCALLS; nr++) {
		const char *fn = syscall_names_x86_64[nr];

		if (!fn)
			continue;
		for (int r = 0; r < 2; r++) {
			uint32_t id = probe_syscall_id(nr, r);

			t->v[id] = (struct probe){ .id = id,
						   .kind = r ? PK_SYSCALL_RETURN : PK_SYSCALL_ENTRY,
						   .prov = "syscall",
						   .mod = "vmlinux",
						   .func = fn,
						   .name = r ? "return" : "entry",
						   .arg = nr };
		}
	}
	for (int i = 0; i < NFIXED; i++) {
		uint32_t id = PROBE_ID_SYSCALL_BASE + 2 * NSYSCALLS + (uint32_t)i;

		t->v[id] = (struct probe){ .id = id,
					   .kind = fixed_probes[i].kind,
					   .prov = fixed_probes[i].prov,
					   .mod = "vmlinux",
					   .func = "",
					   .name = fixed_probes[i].name };
		/* the io provider's requests are the block tracepoints' records */
		if (fixed_probes[i].kind == PK_IO_START)
			t->v[id].path = "block/block_rq_issue";
		if (fixed_probes[i].kind == PK_IO_DONE)
			t->v[id].path = "block/block_rq_complete";
	}
	t->nfixed = (uint32_t)n;
	return 0;
}

void probe_table_fini(struct probe_table *t)
{
	for (size_t i = 1; i < t->nfixed; i++)
		tp_struct_free(t->v[i].st);
	for (size_t i = t->nfixed; i < t->n; i++) {
		struct probe *p = &t->v[i];

		if (!p->prov)
			continue;
		tp_struct_free(p->st);
		free((char *)p->name);
		if (p->kind == PK_TRACEPOINT) {
			free((char *)p->mod);
			free((char *)p->path);
		}
		if (p->kind == PK_FBT_ENTRY || p->kind == PK_FBT_RETURN)
			free((char *)p->func);
		if (p->kind == PK_UPROBE || p->kind == PK_URETPROBE) {
			/* the probes of one function share their strings */
			if (p->owns & PROBE_OWNS_PROV)
				free((char *)p->prov);
			if (p->owns & PROBE_OWNS_MOD)
				free((char *)p->mod);
			if (p->owns & PROBE_OWNS_FUNC)
				free((char *)p->func);
			if (p->owns & PROBE_OWNS_PATH)
				free((char *)p->path);
			free(p->usites);
		}
	}
	free(t->pidx);
	t->pidx = NULL;
	t->pidx_cap = 0;
	free(t->v);
	t->v = NULL;
	btf__free(t->btf);
	t->btf = NULL;
	free(t->fbt_made);
	t->fbt_made = NULL;
	t->n = 0;
}

int64_t probe_rate_ns(const char *s)
{
	static const struct {
		const char *sfx;
		int64_t mult; /* ns per unit; 0 means hz */
	} units[] = {
		{ "", 0 },
		{ "hz", 0 },
		{ "ns", 1 },
		{ "nsec", 1 },
		{ "us", 1000 },
		{ "usec", 1000 },
		{ "ms", 1000000 },
		{ "msec", 1000000 },
		{ "s", 1000000000 },
		{ "sec", 1000000000 },
		{ "m", 60000000000 },
		{ "min", 60000000000 },
		{ "h", 3600000000000 },
		{ "hour", 3600000000000 },
		{ "d", 86400000000000 },
		{ "day", 86400000000000 },
	};
	char *end;
	long long v;

	if (!s || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || v <= 0)
		return -1;
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (strcmp(end, units[i].sfx) != 0)
			continue;
		if (units[i].mult == 0)
			return 1000000000LL / v > 0 ? 1000000000LL / v : -1;
		if (v > INT64_MAX / units[i].mult)
			return -1;
		return v * units[i].mult;
	}
	return -1;
}

static int field_match(const char *pat, const char *s)
{
	return !pat[0] || fnmatch(pat, s, 0) == 0;
}

/* A description naming profile-N / tick-N exactly creates that probe. */
static int probe_make_profile(struct probe_table *t, const char *prov, const char *name)
{
	enum probe_kind k;
	const char *rate;
	int64_t ns;
	struct probe *v;

	if (strpbrk(name, "*?[") || (prov[0] && fnmatch(prov, "profile", 0) != 0))
		return 0;
	if (strncmp(name, "profile-", 8) == 0) {
		k = PK_PROFILE;
		rate = name + 8;
	} else if (strncmp(name, "tick-", 5) == 0) {
		k = PK_TICK;
		rate = name + 5;
	} else {
		return 0;
	}
	ns = probe_rate_ns(rate);
	if (ns <= 0)
		return -EINVAL;
	for (size_t i = 0; i < t->n; i++)
		if (t->v[i].prov && t->v[i].kind == k && strcmp(t->v[i].name, name) == 0)
			return 0;
	v = realloc(t->v, (t->n + 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	t->v = v;
	v[t->n] = (struct probe){ .id = (uint32_t)t->n,
				  .kind = k,
				  .prov = "profile",
				  .mod = "",
				  .func = "",
				  .name = strdup(name),
				  .arg = ns };
	if (!v[t->n].name)
		return -ENOMEM;
	t->n++;
	return 0;
}

void probe_desc_fixup(const char **prov, const char **mod, const char **func)
{
	if (!(*prov)[0] && strcmp(*mod, "tracepoint") == 0) {
		*prov = "tracepoint";
		*mod = *func;
		*func = "";
	}
}

int probe_match(struct probe_table *t, const char *prov, const char *mod, const char *func, const char *name,
		void (*fn)(const struct probe *p, void *arg), void *arg)
{
	int n = 0, err;

	if (!mod[0] && !func[0]) {
		err = probe_make_profile(t, prov, name);
		if (err)
			return err;
	}
	/* fbt::FUNCTION:entry: named explicitly, from the kernel's BTF */
	if (prov[0] && fnmatch(prov, "fbt", 0) == 0 && field_match(mod, "vmlinux")) {
		err = fbt_probes_create(t, func, name);
		if (err < 0 && err != -ENOENT)
			return err;
	}
	/* tracepoint:SUBSYSTEM::NAME: the kernel's list is read once */
	if (field_match(prov, "tracepoint") && field_match(func, "") && (prov[0] || mod[0])) {
		err = tp_probes_create(t);
		if (err < 0)
			return err;
	}
	for (size_t i = 1; i < t->n; i++) {
		const struct probe *p = &t->v[i];

		if (!p->prov || !field_match(prov, p->prov) || !field_match(mod, p->mod) ||
		    !field_match(func, p->func) || !field_match(name, p->name))
			continue;
		if (fn)
			fn(p, arg);
		n++;
	}
	return n;
}
