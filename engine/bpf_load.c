/*
 * bpf_load.c - turning a compiled program into kernel objects: maps,
 * programs, attachments; and taking them down again.
 *
 * Order: maps first (the rodata map is filled and frozen), then programs
 * with map indexes in ld_imm64 rewritten to file descriptors, then BEGIN is
 * run, then everything else attached.  Loading is tried without a verifier
 * log; only on failure is it repeated with one, so the common path pays
 * nothing.  Every object is a file descriptor held by the handle.
 */
#include <errno.h>
#include <linux/perf_event.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* not in this distribution's uapi headers yet */
#ifndef BPF_TRACE_UPROBE_MULTI
#define BPF_TRACE_UPROBE_MULTI 48
#endif

#include <bpf/bpf.h>
#include <bpf/btf.h>

#include "dscope_int.h"
#include "prov_tp.h"

static int create_tls_map(struct dscope *h, struct dmap *m)
{
	int it, lt, at, st;

	if (!h->btf) {
		h->btf = btf__new_empty();
		if (!h->btf)
			return -ENOMEM;
	}
	it = btf__add_int(h->btf, "int", 4, BTF_INT_SIGNED);
	lt = btf__add_int(h->btf, "long", 8, BTF_INT_SIGNED);
	at = btf__add_array(h->btf, it, lt, (int)(m->value_size / 8));
	st = btf__add_struct(h->btf, "ds_tls", m->value_size);
	if (it < 0 || lt < 0 || at < 0 || st < 0 || btf__add_field(h->btf, "v", at, 0, 0) ||
	    btf__load_into_kernel(h->btf))
		return -errno ? -errno : -EINVAL;
	LIBBPF_OPTS(bpf_map_create_opts, o, .btf_fd = (uint32_t)btf__fd(h->btf),
		    .btf_key_type_id = (uint32_t)it, .btf_value_type_id = (uint32_t)st,
		    .map_flags = m->flags);
	return bpf_map_create(m->type, m->name, 4, m->value_size, 0, &o);
}

/* The kernel memory a map can take at most: every entry with its key, its
 * value on each CPU for per-CPU maps, and the kernel's per-element header. */
static uint64_t map_bytes(const struct dscope *h, const struct dmap *m)
{
	uint64_t k = (m->key_size + 7) & ~7u, v = (m->value_size + 7) & ~7u;
	int percpu = m->type == BPF_MAP_TYPE_PERCPU_HASH || m->type == BPF_MAP_TYPE_PERCPU_ARRAY;

	if (m->type == BPF_MAP_TYPE_RINGBUF)
		return m->max_entries;
	if (m->role == DM_TLS)
		return 0; /* grows with the threads, freed with them */
	if (m->type == BPF_MAP_TYPE_ARRAY || m->type == BPF_MAP_TYPE_QUEUE)
		return (uint64_t)m->max_entries * v; /* no per-element header */
	return (uint64_t)m->max_entries * (64 + k + v * (uint64_t)(percpu ? h->ncpus : 1));
}

static uint64_t mem_available(void)
{
	FILE *f = fopen("/proc/meminfo", "r");
	char line[128];
	unsigned long long kb = 0;

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "MemAvailable: %llu kB", &kb) == 1)
			break;
	if (f)
		fclose(f);
	return (uint64_t)kb * 1024;
}

/*
 * Refuse maps that would take more than half the memory available: the
 * kernel preallocates hash maps (probes in NMI context cannot allocate), so
 * a large -x aggsize would otherwise wake the OOM killer, which then kills
 * whatever it likes on the machine (measured: aggsize=64g with a 3000-level
 * lquantize asked for 48 GiB).  The message names the option of the largest
 * map.
 */
static int check_map_memory(struct dscope *h)
{
	uint64_t total = 0, big = 0, avail = mem_available();
	const struct dmap *bm = NULL;
	const char *opt;

	for (int i = 0; i < h->dp.nmaps; i++) {
		uint64_t b = map_bytes(h, &h->dp.maps[i]);

		total += b;
		if (b >= big) {
			big = b;
			bm = &h->dp.maps[i];
		}
	}
	if (!avail || !bm || total <= avail / 2)
		return 0;
	opt = bm->role == DM_AGG       ? "-x aggsize"
	      : bm->role == DM_ASSOC   ? "-x dynvarsize"
	      : bm->role == DM_RINGBUF ? "-b (-x bufsize)"
	      : bm->role == DM_STACK   ? "-x stackframes"
				       : "the sizes of the maps";
	return dscope_fail(h, -ENOMEM,
			   "could not enable tracing: the maps need %llu MiB of kernel memory (%s %llu MiB), "
			   "more than half of the %llu MiB available: lower %s",
			   (unsigned long long)(total >> 20), bm->name, (unsigned long long)(big >> 20),
			   (unsigned long long)(avail >> 20), opt);
}

static int create_maps(struct dscope *h)
{
	int err = check_map_memory(h);

	if (err)
		return err;
	for (int i = 0; i < h->dp.nmaps; i++) {
		struct dmap *m = &h->dp.maps[i];
		int fd;

		if (m->role == DM_TLS) {
			fd = create_tls_map(h, m);
		} else {
			LIBBPF_OPTS(bpf_map_create_opts, o, .map_flags = m->flags);
			fd = bpf_map_create(m->type, m->name, m->key_size, m->value_size, m->max_entries, &o);
		}
		if (fd < 0 && (errno == EPERM || errno == EACCES))
			return dscope_fail(h, -EPERM,
					   "tracing needs root, or the CAP_BPF and CAP_PERFMON capabilities");
		if (fd < 0)
			return dscope_fail(
			    h, -errno, "failed to create map %s: %s%s", m->name, strerror(errno),
			    errno == ENOMEM || errno == E2BIG ? " (lower -x bufsize, aggsize or dynvarsize)"
							      : "");
		m->fd = fd;
		if (m->flags & BPF_F_MMAPABLE) {
			/* an aggregation's slots (agg.h), read where they lie */
			size_t sz = (size_t)m->max_entries * ((m->value_size + 7) & ~7u);
			long pg = sysconf(_SC_PAGESIZE);

			sz = (sz + (size_t)pg - 1) & ~((size_t)pg - 1);
			m->mem = mmap(NULL, sz, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
			if (m->mem == MAP_FAILED) {
				m->mem = NULL;
				return dscope_fail(h, -errno, "failed to map %s: %s", m->name,
						   strerror(errno));
			}
			m->memsize = sz;
		}
		if (m->role == DM_CPU) {
			/* every CPU's clock starts now: time before load is
			 * nobody's on-CPU time as far as vtimestamp goes */
			uint64_t *v = calloc((size_t)h->ncpus, 8);
			struct timespec ts;
			uint32_t k = 0;

			if (!v)
				return -ENOMEM;
			clock_gettime(CLOCK_MONOTONIC, &ts);
			for (int c = 0; c < h->ncpus; c++)
				v[c] = (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
			bpf_map_update_elem(fd, &k, v, 0);
			free(v);
		}
		if (m->role == DM_RODATA) {
			uint32_t k = 0;

			if (bpf_map_update_elem(fd, &k, m->init, 0) || bpf_map_freeze(fd))
				return dscope_fail(h, -errno, "failed to fill read-only data: %s",
						   strerror(errno));
		}
	}
	return 0;
}

static int prog_type(const struct dbprog *bp)
{
	switch (bp->at) {
	case AT_PERF_ALL:
	case AT_PERF_ONE:
		return BPF_PROG_TYPE_PERF_EVENT;
	case AT_TP_BTF:
		return BPF_PROG_TYPE_TRACING;
	case AT_UPROBE:
		return BPF_PROG_TYPE_KPROBE;
	case AT_TP_PERF:
		return BPF_PROG_TYPE_TRACEPOINT;
	case AT_FENTRY:
		return BPF_PROG_TYPE_TRACING;
	case AT_KPROBE:
		return BPF_PROG_TYPE_KPROBE;
	default:
		return BPF_PROG_TYPE_RAW_TRACEPOINT;
	}
}

/* Load options: a BTF-typed tracepoint names its kernel type */
static int prog_opts(struct dscope *h, const struct dbprog *bp, struct bpf_prog_load_opts *o)
{
	char name[128];
	int id;

	if (bp->at == AT_UPROBE) {
		/* the kernel's multi-uprobe link when it has one: one link per
		 * file instead of a perf event per probe */
		if (bp->multi)
			o->expected_attach_type = BPF_TRACE_UPROBE_MULTI;
		return 0;
	}
	if (bp->at == AT_FENTRY) {
		o->expected_attach_type =
		    bp->probe_kind == PK_FBT_RETURN ? BPF_TRACE_FEXIT : BPF_TRACE_FENTRY;
		o->attach_btf_id = bp->btf_id;
		return 0;
	}
	if (bp->at != AT_TP_BTF)
		return 0;
	if (!h->vmlinux)
		h->vmlinux = btf__load_vmlinux_btf();
	snprintf(name, sizeof(name), "btf_trace_%s", bp->tp);
	id = h->vmlinux ? btf__find_by_name_kind(h->vmlinux, name, BTF_KIND_TYPEDEF) : -ENOENT;
	if (id < 0)
		return dscope_fail(h, -ENOENT, "failed to enable %s: the kernel has no typed tracepoint %s",
				   bp->name, bp->tp);
	o->expected_attach_type = BPF_TRACE_RAW_TP;
	o->attach_btf_id = (uint32_t)id;
	return 0;
}

/*
 * The verifier's reason is its last line that is not a statistic; the
 * instruction it refused is the last "N: (op)" line before it.  Returns that
 * instruction's index, or -1.
 */
static int verifier_reason(const char *log, char *why, size_t size)
{
	const char *l = log, *reason = NULL;
	size_t rlen = 0;
	int insn = -1, last_insn = -1;

	while (*l) {
		size_t n = strcspn(l, "\n");
		int idx;
		char c;

		if (sscanf(l, "%d: %c", &idx, &c) == 2 && c == '(')
			last_insn = idx;
		else if (n && strncmp(l, "processed ", 10) != 0 && strncmp(l, "verification time", 17) != 0 &&
			 strncmp(l, "stack depth", 11) != 0) {
			reason = l;
			rlen = n;
			insn = last_insn;
		}
		l += n;
		if (*l)
			l++;
	}
	snprintf(why, size, "%.*s", reason ? (int)rlen : 7, reason ? reason : "refused");
	return insn;
}

static int load_prog(struct dscope *h, struct dbprog *bp)
{
	struct bpf_insn *in = malloc(bp->ninsn * sizeof(*in));
	int fd;

	if (!in)
		return -ENOMEM;
	memcpy(in, bp->insn, bp->ninsn * sizeof(*in));
	for (size_t i = 0; i + 1 < bp->ninsn; i++) {
		if (in[i].code != (BPF_LD | BPF_DW | BPF_IMM))
			continue;
		if (in[i].src_reg == BPF_PSEUDO_MAP_FD || in[i].src_reg == BPF_PSEUDO_MAP_VALUE)
			in[i].imm = h->dp.maps[in[i].imm].fd;
		i++;
	}
	LIBBPF_OPTS(bpf_prog_load_opts, lo);
	bp->multi = bp->at == AT_UPROBE && !getenv("DSCOPE_NO_UPROBE_MULTI");
	if (prog_opts(h, bp, &lo)) {
		free(in);
		return -ENOENT;
	}
	fd = bpf_prog_load(prog_type(bp), bp->name, "GPL", in, bp->ninsn, &lo);
	if (fd < 0 && bp->multi) {
		/* an older kernel: one perf event per probe */
		bp->multi = 0;
		lo.expected_attach_type = 0;
		fd = bpf_prog_load(prog_type(bp), bp->name, "GPL", in, bp->ninsn, &lo);
	}
	if (fd < 0) {
		int e = errno;
		size_t sz = 1 << 20;
		char *log = malloc(sz);

		if (log) {
			LIBBPF_OPTS(bpf_prog_load_opts, o, .log_buf = log, .log_size = (uint32_t)sz,
				    .log_level = 1);
			log[0] = 0;
			fd = bpf_prog_load(prog_type(bp), bp->name, "GPL", in, bp->ninsn, &o);
			if (fd < 0) {
				char why[256], where[64] = "";
				int insn = verifier_reason(log, why, sizeof(why));

				if (getenv("DSCOPE_BPFLOG") || dscope_getopt(h, "bpflog"))
					fprintf(stderr, "%s\n", log);
				if (insn >= 0 && (size_t)insn < bp->ninsn && bp->lines && bp->lines[insn] > 0)
					snprintf(where, sizeof(where), " (line %d of the program)",
						 bp->lines[insn]);
				dscope_fail(h, -e,
					    "failed to enable probes: the BPF verifier refused %s%s: %s%s",
					    bp->name, where, e == EPERM ? "permission denied" : why,
					    e == EPERM ? "" : " (-v shows its log)");
			}
			free(log);
		}
		if (fd < 0) {
			free(in);
			return e == EPERM ? -EPERM : -e;
		}
	}
	free(in);
	bp->fd = fd;
	if (getenv("DSCOPE_VERIFIED")) {
		/* what the verifier walked, beside what the code generator
		 * counted (tests/cli/verifier-cost.sh: never more) */
		struct bpf_prog_info info;
		uint32_t len = sizeof(info);

		memset(&info, 0, sizeof(info));
		if (!bpf_obj_get_info_by_fd(fd, &info, &len))
			fprintf(stderr, "%s: %s: %zu instructions, %llu counted, %u walked by the verifier\n",
				h->prog, bp->name, bp->ninsn, (unsigned long long)bp->cost,
				info.verified_insns);
	}
	return 0;
}

int load_all(struct dscope *h)
{
	int err = create_maps(h);

	if (err)
		return err;
	for (int i = 0; i < h->dp.nprogs; i++) {
		err = load_prog(h, &h->dp.progs[i]);
		if (err) {
			if (err == -EPERM)
				dscope_fail(
				    h, -EPERM,
				    "tracing needs root, or the CAP_BPF and CAP_PERFMON capabilities");
			return err;
		}
	}
	return 0;
}

static int add_link(struct dbprog *bp, int fd)
{
	int *n = realloc(bp->links, sizeof(int) * (size_t)(bp->nlinks + 1));

	if (!n) {
		close(fd);
		return -ENOMEM;
	}
	bp->links = n;
	bp->links[bp->nlinks++] = fd;
	return 0;
}

/* Link the program to a perf event (kept open with it) with a cookie. */
static int perf_link(struct dscope *h, struct dbprog *bp, int pfd, uint64_t cookie)
{
	LIBBPF_OPTS(bpf_link_create_opts, lo, .perf_event.bpf_cookie = cookie);
	int lfd = bpf_link_create(bp->fd, pfd, BPF_PERF_EVENT, &lo);

	if (lfd < 0) {
		int e = errno;

		close(pfd);
		return dscope_fail(h, -e, "failed to attach %s: %s", bp->name, strerror(e));
	}
	return add_link(bp, pfd) || add_link(bp, lfd) ? -ENOMEM : 0;
}

static int attach_perf(struct dscope *h, struct dbprog *bp)
{
	int ncpu = bp->at == AT_PERF_ONE ? 1 : h->ncpus;

	for (int cpu = 0; cpu < ncpu; cpu++) {
		struct perf_event_attr a;
		int pfd;

		memset(&a, 0, sizeof(a));
		a.size = sizeof(a);
		a.type = PERF_TYPE_SOFTWARE;
		a.config = PERF_COUNT_SW_CPU_CLOCK;
		a.sample_period = (uint64_t)bp->period_ns;
		pfd = (int)syscall(SYS_perf_event_open, &a, -1, cpu, -1, PERF_FLAG_FD_CLOEXEC);
		if (pfd < 0) {
			if (errno == ENODEV || errno == ENXIO)
				continue; /* offline CPU */
			return dscope_fail(h, -errno, "failed to enable %s: perf_event_open: %s", bp->name,
					   strerror(errno));
		}
		int err = perf_link(h, bp, pfd, 0);

		if (err)
			return err;
	}
	return 0;
}

/* A tracepoint's perf event, on one CPU: the program runs wherever the
 * tracepoint fires */
static int attach_tp_perf(struct dscope *h, struct dbprog *bp)
{
	struct perf_event_attr a;
	int id = tp_event_id(bp->tp), pfd;

	if (id < 0)
		return dscope_fail(h, id, "failed to enable tracepoint %s: %s", bp->tp, strerror(-id));
	memset(&a, 0, sizeof(a));
	a.size = sizeof(a);
	a.type = PERF_TYPE_TRACEPOINT;
	a.config = (uint64_t)id;
	a.sample_period = 1;
	a.wakeup_events = 1;
	pfd = (int)syscall(SYS_perf_event_open, &a, -1, 0, -1, PERF_FLAG_FD_CLOEXEC);
	if (pfd < 0)
		return dscope_fail(h, -errno, "failed to enable tracepoint %s: perf_event_open: %s", bp->tp,
				   strerror(errno));
	return perf_link(h, bp, pfd, 0);
}

static int probe_pmu(const char *pmu, int *type, int *retbit);

/* fbt through a kprobe (or kretprobe) perf event on the function */
static int attach_kprobe(struct dscope *h, struct dbprog *bp)
{
	struct perf_event_attr a;
	int type, retbit, pfd;

	if (probe_pmu("kprobe", &type, &retbit))
		return dscope_fail(h, -ENOENT, "failed to enable fbt::%s: the kernel has no kprobe PMU",
				   bp->tp);
	memset(&a, 0, sizeof(a));
	a.size = sizeof(a);
	a.type = (uint32_t)type;
	a.config = bp->probe_kind == PK_FBT_RETURN ? 1ULL << retbit : 0;
	a.config1 = (uint64_t)(uintptr_t)bp->tp; /* kprobe_func */
	a.sample_period = 1;
	pfd = (int)syscall(SYS_perf_event_open, &a, -1, 0, -1, PERF_FLAG_FD_CLOEXEC);
	if (pfd < 0)
		return dscope_fail(h, -errno, "failed to enable fbt::%s: perf_event_open: %s", bp->tp,
				   strerror(errno));
	return perf_link(h, bp, pfd, 0);
}

/* The uprobe PMU's type and the config bit that makes a return probe */
static int probe_pmu(const char *pmu, int *type, int *retbit)
{
	char path[128];
	FILE *f;
	int ok;

	snprintf(path, sizeof(path), "/sys/bus/event_source/devices/%s/type", pmu);
	f = fopen(path, "r");
	if (!f)
		return -1;
	ok = fscanf(f, "%d", type) == 1;
	fclose(f);
	*retbit = 0;
	snprintf(path, sizeof(path), "/sys/bus/event_source/devices/%s/format/retprobe", pmu);
	f = fopen(path, "r");
	if (f) {
		if (fscanf(f, "config:%d", retbit) != 1)
			*retbit = 0;
		fclose(f);
	}
	return ok ? 0 : -1;
}

/*
 * Where uprobes go: a probe's point (entry, an offset), each return site
 * of a return probe (a plain uprobe on the ret or tail-call jmp), or, for
 * a return probe without sites, a uretprobe on the function.  The cookie
 * is the probe id, with the site's offset in the function in its upper 32
 * bits (a return probe's arg0).
 */
struct usite {
	const struct probe *p;
	uint64_t off;
	uint64_t cookie;
	int ret;
};

static int cmp_usite(const void *a, const void *b)
{
	const struct usite *x = a, *y = b;
	int c = strcmp(x->p->path, y->p->path);

	return c ? c : x->ret - y->ret;
}

static struct usite *usites(struct dscope *h, const struct dbprog *bp, size_t *n)
{
	size_t total = 0, k = 0;
	struct usite *v;

	for (int i = 0; i < bp->nids; i++) {
		const struct probe *p = probe_get(&h->pt, bp->ids[i]);

		if (p && p->path)
			total += p->nusites ? p->nusites : 1;
	}
	v = calloc(total ? total : 1, sizeof(*v));
	if (!v)
		return NULL;
	for (int i = 0; i < bp->nids; i++) {
		const struct probe *p = probe_get(&h->pt, bp->ids[i]);

		if (!p || !p->path)
			continue;
		if (p->nusites == 0)
			v[k++] = (struct usite){ p, p->uoff, p->id, p->kind == PK_URETPROBE };
		for (uint32_t j = 0; j < p->nusites; j++)
			v[k++] = (struct usite){ p, p->uoff + p->usites[j],
						 p->id | (uint64_t)p->usites[j] << 32, 0 };
	}
	qsort(v, k, sizeof(*v), cmp_usite);
	*n = k;
	return v;
}

/*
 * A multi-uprobe link: sites[0..n-1], all in one file and process and of
 * one direction.  The uapi headers of this distribution predate it, so the
 * attribute is laid out here as the kernel defines it
 * (link_create.uprobe_multi).
 */
static int uprobe_multi_link(struct dbprog *bp, const struct usite *sites, size_t n)
{
	uint64_t *offs = calloc(n, 8), *cookies = calloc(n, 8);
	struct {
		uint32_t prog_fd, target_fd, attach_type, flags;
		uint64_t path, offsets, ref_ctr_offsets, cookies;
		uint32_t cnt, mflags, pid, pad;
		uint8_t rest[64];
	} a;
	int fd;

	if (!offs || !cookies) {
		free(offs);
		free(cookies);
		return -ENOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		offs[i] = sites[i].off;
		cookies[i] = sites[i].cookie;
	}
	memset(&a, 0, sizeof(a));
	a.prog_fd = (uint32_t)bp->fd;
	a.attach_type = BPF_TRACE_UPROBE_MULTI;
	a.path = (uint64_t)(uintptr_t)sites[0].p->path;
	a.offsets = (uint64_t)(uintptr_t)offs;
	a.cookies = (uint64_t)(uintptr_t)cookies;
	a.cnt = (uint32_t)n;
	a.mflags = sites[0].ret ? 1 /* BPF_F_UPROBE_MULTI_RETURN */ : 0;
	a.pid = (uint32_t)sites[0].p->upid;
	fd = (int)syscall(SYS_bpf, BPF_LINK_CREATE, &a, sizeof(a));
	free(offs);
	free(cookies);
	if (fd < 0)
		return -errno;
	return add_link(bp, fd) ? -ENOMEM : 0;
}

/* Link sites[0..n-1]; a range the kernel refuses is halved until the
 * sites that cannot be placed (instructions uprobes refuse) are alone:
 * those are skipped and counted. */
static int uprobe_multi_range(struct dscope *h, struct dbprog *bp, const struct usite *sites, size_t n)
{
	int err;

	if (n == 0)
		return 0;
	err = uprobe_multi_link(bp, sites, n);
	if (err == 0 || err == -ENOMEM || err == -ESRCH)
		return err;
	if (n == 1) {
		h->skipped++;
		return 0;
	}
	err = uprobe_multi_range(h, bp, sites, n / 2);
	return err ? err : uprobe_multi_range(h, bp, sites + n / 2, n - n / 2);
}

static int attach_uprobes_multi(struct dscope *h, struct dbprog *bp, const struct usite *v, size_t n)
{
	size_t start = 0;
	int err = 0;

	for (size_t i = 1; i <= n && !err; i++) {
		if (i < n && cmp_usite(&v[i], &v[start]) == 0)
			continue;
		err = uprobe_multi_range(h, bp, v + start, i - start);
		start = i;
	}
	if (err == -ESRCH)
		return dscope_fail(h, err, "failed to enable pid probes: the process has exited");
	return err ? dscope_fail(h, err, "failed to attach %s: %s", bp->name, strerror(-err)) : 0;
}

/*
 * One uprobe perf event per site, in the probe's process only, each
 * linked to the program with the site's cookie (kernels without the
 * multi-uprobe link).
 */
static int attach_uprobes_perf(struct dscope *h, struct dbprog *bp, const struct usite *v, size_t n)
{
	int type, retbit;
	struct rlimit rl;

	if (probe_pmu("uprobe", &type, &retbit))
		return dscope_fail(h, -ENOTSUP, "failed to enable %s: this kernel has no uprobe event source",
				   bp->name);
	/* two descriptors per site: make room for large probe sets */
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	for (size_t i = 0; i < n; i++) {
		struct perf_event_attr a;
		int pfd, err;

		memset(&a, 0, sizeof(a));
		a.size = sizeof(a);
		a.type = (uint32_t)type;
		a.config = v[i].ret ? 1ULL << retbit : 0;
		a.config1 = (uint64_t)(uintptr_t)v[i].p->path;
		a.config2 = v[i].off;
		pfd = (int)syscall(SYS_perf_event_open, &a, v[i].p->upid, -1, -1, PERF_FLAG_FD_CLOEXEC);
		if (pfd < 0 && errno == ESRCH)
			return dscope_fail(h, -ESRCH, "failed to enable pid probes: process %d has exited",
					   v[i].p->upid);
		if (pfd < 0) {
			/* an instruction uprobes cannot take: skip the site */
			h->skipped++;
			continue;
		}
		err = perf_link(h, bp, pfd, v[i].cookie);
		if (err)
			return err;
	}
	return 0;
}

static int attach_uprobes(struct dscope *h, struct dbprog *bp)
{
	size_t n;
	struct usite *v = usites(h, bp, &n);
	int err;

	if (!v)
		return -ENOMEM;
	err = bp->multi ? attach_uprobes_multi(h, bp, v, n) : attach_uprobes_perf(h, bp, v, n);
	free(v);
	return err;
}

int attach_all(struct dscope *h)
{
	for (int i = 0; i < h->dp.nprogs; i++) {
		struct dbprog *bp = &h->dp.progs[i];
		int fd, err;

		switch (bp->at) {
		case AT_TEST_RUN:
			break;
		case AT_RAW_TP:
			fd = bpf_raw_tracepoint_open(bp->tp, bp->fd);
			if (fd < 0)
				return dscope_fail(h, -errno, "failed to attach to tracepoint %s: %s", bp->tp,
						   strerror(errno));
			if (add_link(bp, fd))
				return -ENOMEM;
			break;
		case AT_PERF_ALL:
		case AT_PERF_ONE:
			err = attach_perf(h, bp);
			if (err)
				return err;
			break;
		case AT_UPROBE:
			err = attach_uprobes(h, bp);
			if (err)
				return err;
			break;
		case AT_TP_PERF:
			err = attach_tp_perf(h, bp);
			if (err)
				return err;
			break;
		case AT_KPROBE:
			err = attach_kprobe(h, bp);
			if (err)
				return err;
			break;
		case AT_FENTRY:
			fd = bpf_link_create(
			    bp->fd, 0, bp->probe_kind == PK_FBT_RETURN ? BPF_TRACE_FEXIT : BPF_TRACE_FENTRY,
			    NULL);
			if (fd < 0)
				return dscope_fail(h, -errno, "failed to attach fbt::%s: %s", bp->tp,
						   strerror(errno));
			if (add_link(bp, fd))
				return -ENOMEM;
			break;
		case AT_TP_BTF:
			fd = bpf_link_create(bp->fd, 0, BPF_TRACE_RAW_TP, NULL);
			if (fd < 0)
				return dscope_fail(h, -errno, "failed to attach to typed tracepoint %s: %s",
						   bp->tp, strerror(errno));
			if (add_link(bp, fd))
				return -ENOMEM;
			break;
		}
	}
	return 0;
}

void detach_all(struct dscope *h)
{
	for (int i = 0; i < h->dp.nprogs; i++) {
		struct dbprog *bp = &h->dp.progs[i];

		for (int k = 0; k < bp->nlinks; k++)
			close(bp->links[k]);
		free(bp->links);
		bp->links = NULL;
		bp->nlinks = 0;
	}
}

static int test_run(struct dscope *h, int kind, const uint64_t *args, size_t nargs)
{
	for (int i = 0; i < h->dp.nprogs; i++) {
		struct dbprog *bp = &h->dp.progs[i];

		if (bp->probe_kind != kind || bp->fd < 0)
			continue;
		LIBBPF_OPTS(bpf_test_run_opts, o, .ctx_in = args,
			    .ctx_size_in = (uint32_t)(nargs * sizeof(*args)));
		if (bpf_prog_test_run_opts(bp->fd, &o))
			return dscope_fail(h, -errno, "failed to run %s: %s", bp->name, strerror(errno));
	}
	return 0;
}

/* Run the BEGIN or END program once, in dscope's own context. */
int run_test_prog(struct dscope *h, int kind)
{
	uint64_t args[2] = { 0, 0 };

	return test_run(h, kind, args, 2);
}

void run_error_probe(struct dscope *h, uint32_t epid, uint32_t action, uint32_t fault)
{
	/* dtrace's ERROR arguments: arg1 EPID, arg2 action, arg3 DIF offset
	 * (none here), arg4 fault, arg5 address */
	uint64_t args[6] = { 0, epid, action, (uint64_t)-1, fault, 0 };

	test_run(h, PK_ERROR, args, 6);
}

void unload_all(struct dscope *h)
{
	detach_all(h);
	for (int i = 0; i < h->dp.nprogs; i++)
		if (h->dp.progs[i].fd >= 0) {
			close(h->dp.progs[i].fd);
			h->dp.progs[i].fd = -1;
		}
	for (int i = 0; i < h->dp.nmaps; i++) {
		struct dmap *m = &h->dp.maps[i];

		if (m->mem) {
			munmap(m->mem, m->memsize);
			m->mem = NULL;
		}
		if (m->fd >= 0) {
			close(m->fd);
			m->fd = -1;
		}
	}
	if (h->btf) {
		btf__free(h->btf);
		h->btf = NULL;
	}
}
