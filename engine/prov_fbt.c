/*
 * prov_fbt.c - the fbt provider; see prov_fbt.h.
 *
 * The kernel's BTF names every function that can be traced with its
 * prototype, so the probes come from there (BTF_KIND_FUNC): the probe's
 * arg is the function's BTF id (fentry's attach point) and uoff its number
 * of arguments (fexit's return value follows them).  Probes are made only
 * for functions a description names: the kernel has tens of thousands.
 *
 * Whether the kernel runs them is tried, once, by loading an empty fentry
 * program; a kernel without BPF trampolines refuses it, and then kprobes
 * are the way, when the kernel has the kprobe PMU.  With neither, enabling
 * an fbt probe fails and says which capability is missing.
 */
#include "prov_fbt.h"

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int glob_ok(const char *pat, const char *s)
{
	return !pat[0] || fnmatch(pat, s, 0) == 0;
}

static int add(struct probe_table *t, const char *fn, uint32_t id, int nargs, int ret)
{
	struct probe *v = realloc(t->v, (t->n + 1) * sizeof(*v));

	if (!v)
		return -ENOMEM;
	t->v = v;
	v[t->n] = (struct probe){ .id = (uint32_t)t->n,
				  .kind = ret ? PK_FBT_RETURN : PK_FBT_ENTRY,
				  .prov = "fbt",
				  .mod = "vmlinux",
				  .func = strdup(fn),
				  .name = strdup(ret ? "return" : "entry"),
				  .arg = id,
				  .uoff = (uint64_t)nargs };
	if (!v[t->n].func || !v[t->n].name) {
		free((char *)v[t->n].func);
		free((char *)v[t->n].name);
		return -ENOMEM;
	}
	t->n++;
	return 0;
}

int fbt_probes_create(struct probe_table *t, const char *func, const char *name)
{
	const struct btf *btf;
	uint32_t n;
	int made = 0;

	if (!t->btf) {
		t->btf = btf__load_vmlinux_btf();
		if (!t->btf)
			return -ENOENT;
	}
	btf = t->btf;
	n = btf__type_cnt(btf);
	if (!t->fbt_made) {
		t->fbt_made = calloc(n, 1);
		if (!t->fbt_made)
			return -ENOMEM;
	}
	for (uint32_t id = 1; id < n; id++) {
		const struct btf_type *ty = btf__type_by_id(btf, id), *proto;
		const char *fn;

		if (!btf_is_func(ty))
			continue;
		fn = btf__name_by_offset(btf, ty->name_off);
		if (!fn || !glob_ok(func, fn))
			continue;
		proto = btf__type_by_id(btf, ty->type);
		for (int ret = 0; ret < 2; ret++) {
			if ((t->fbt_made[id] & (1 << ret)) || !glob_ok(name, ret ? "return" : "entry"))
				continue;
			if (add(t, fn, id, proto ? btf_vlen(proto) : 0, ret))
				return -ENOMEM;
			t->fbt_made[id] |= (uint8_t)(1 << ret);
			made++;
		}
	}
	return made;
}

static int has_kprobe_pmu(void)
{
	return access("/sys/bus/event_source/devices/kprobe/type", R_OK) == 0;
}

enum fbt_mode fbt_support(struct probe_table *t, const struct probe *p, char *why, size_t n)
{
	static const struct bpf_insn ret0[] = {
		{ BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 0 },
		{ BPF_JMP | BPF_EXIT, 0, 0, 0, 0 },
	};
	int fd, link, e;

	if (t->fbt_mode != FBT_UNKNOWN) {
		snprintf(why, n, "%s", t->fbt_why);
		return t->fbt_mode;
	}
	LIBBPF_OPTS(bpf_prog_load_opts, o, .expected_attach_type = BPF_TRACE_FENTRY,
		    .attach_btf_id = (uint32_t)p->arg);
	fd = bpf_prog_load(BPF_PROG_TYPE_TRACING, "ds_fbt_try", "GPL", ret0, 2, &o);
	e = errno;
	if (fd >= 0) {
		link = bpf_link_create(fd, 0, BPF_TRACE_FENTRY, NULL);
		e = errno;
		close(fd);
		if (link >= 0) {
			close(link);
			t->fbt_mode = FBT_FENTRY;
			t->fbt_why[0] = 0;
			why[0] = 0;
			return FBT_FENTRY;
		}
	}
	if (has_kprobe_pmu()) {
		t->fbt_mode = FBT_KPROBE;
		t->fbt_why[0] = 0;
		why[0] = 0;
		return FBT_KPROBE;
	}
	snprintf(t->fbt_why, sizeof(t->fbt_why),
		 "this kernel runs neither fentry/fexit programs (BPF trampolines: %s %s) nor kprobes (no "
		 "kprobe PMU in /sys/bus/event_source/devices)",
		 fd >= 0 ? "attach:" : "load:", strerror(e));
	t->fbt_mode = FBT_NONE;
	snprintf(why, n, "%s", t->fbt_why);
	return FBT_NONE;
}
