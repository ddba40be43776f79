/*
 * dscope.c - the engine handle: options, compiling, running and stopping.
 * See dscope.h for the call order.  Kernel objects are in bpf_load.c,
 * records and aggregations in consume.c.
 */
#include <errno.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "d_lex.h"
#include "dscope_int.h"
#include "prov_pid.h"
#include "prov_tp.h"

int dscope_fail(struct dscope *h, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(h->errmsg, sizeof(h->errmsg), fmt, ap);
	va_end(ap);
	return err < 0 ? err : -EINVAL;
}

static int libbpf_quiet(enum libbpf_print_level l, const char *fmt, va_list ap)
{
	(void)l;
	(void)fmt;
	(void)ap;
	return 0;
}

struct dscope *dscope_new(const char *prog)
{
	struct dscope *h = calloc(1, sizeof(*h));

	if (!h)
		return NULL;
	h->prog = prog;
	h->out = stdout;
	h->stats_fd = -1;
	batch_init(&h->batch, stdout, stderr);
	dcomp_opts_default(&h->co);
	h->co.self_pid = (uint32_t)getpid();
	h->ncpus = libbpf_num_possible_cpus();
	if (h->ncpus <= 0)
		h->ncpus = 1;
	h->co.ncpus = h->ncpus;
	h->switchrate_ns = 1000000000;
	arena_init(&h->arena);
	if (probe_table_init(&h->pt)) {
		free(h);
		return NULL;
	}
	h->co.pt = &h->pt;
	libbpf_set_print(libbpf_quiet);
	return h;
}

int dscope_bpf_stats(struct dscope *h, int on)
{
	if (on && h->stats_fd < 0) {
		/* the descriptor's close turns the counting back off (unless
		 * others hold one) */
		h->stats_fd = bpf_enable_stats(BPF_STATS_RUN_TIME);
		if (h->stats_fd < 0)
			return -errno;
	} else if (!on && h->stats_fd >= 0) {
		close(h->stats_fd);
		h->stats_fd = -1;
	}
	return 0;
}

uint64_t dscope_bpf_time_ns(struct dscope *h, uint64_t *runs)
{
	uint64_t ns = 0, n = 0;

	for (int i = 0; i < h->dp.nprogs; i++) {
		struct bpf_prog_info info;
		uint32_t len = sizeof(info);

		memset(&info, 0, sizeof(info));
		if (h->dp.progs[i].fd >= 0 && bpf_obj_get_info_by_fd(h->dp.progs[i].fd, &info, &len) == 0) {
			ns += info.run_time_ns;
			n += info.run_cnt;
		}
	}
	if (runs)
		*runs = n;
	return ns;
}

void dscope_free(struct dscope *h)
{
	if (!h)
		return;
	if (h->stats_fd >= 0)
		close(h->stats_fd);
	if (h->rb)
		ring_buffer__free(h->rb);
	unload_all(h);
	for (int i = 0; h->aggst && i < h->dp.naggs; i++)
		free(h->aggst[i].freed);
	dprog_free(&h->dp);
	free(h->aggst);
	free(h->cpu_seen);
	spec_fini(h);
	uagg_free(h);
	carry_free(h);
	stack_cache_free(h);
	btf__free(h->vmlinux);
	arena_fini(&h->arena);
	probe_table_fini(&h->pt);
	free(h);
}

void dscope_set_output(struct dscope *h, FILE *out)
{
	h->out = out;
	h->batch.out = out;
}

void dscope_set_macros(struct dscope *h, int n, char *const *args)
{
	h->co.nmacros = n;
	h->co.macros = args;
}

void dscope_set_target(struct dscope *h, int64_t pid)
{
	h->co.target = pid;
}

int64_t dscope_target(const struct dscope *h)
{
	return h->co.target > 0 ? h->co.target : -1;
}

const char *dscope_errmsg(const struct dscope *h)
{
	return h->errmsg;
}

/* ---- options ---- */

static int parse_size(const char *v, uint64_t *out)
{
	char *end;
	unsigned long long n;

	if (!v || !*v)
		return -1;
	errno = 0;
	n = strtoull(v, &end, 0);
	if (errno)
		return -1;
	switch (*end) {
	case 'k':
	case 'K':
		n <<= 10;
		end++;
		break;
	case 'm':
	case 'M':
		n <<= 20;
		end++;
		break;
	case 'g':
	case 'G':
		n <<= 30;
		end++;
		break;
	case 't':
	case 'T':
		n <<= 40;
		end++;
		break;
	}
	if (*end)
		return -1;
	*out = n;
	return 0;
}

/* A rate: "10hz", "1s", "100ms", or a plain number of hz. */
static int parse_rate(const char *v, int64_t *ns)
{
	int64_t r = probe_rate_ns(v);

	if (r <= 0)
		return -1;
	*ns = r;
	return 0;
}

static void remember(struct dscope *h, const char *name, const char *value)
{
	int i;

	for (i = 0; i < h->nopts; i++)
		if (strcmp(h->optbuf[i][0], name) == 0)
			break;
	if (i == h->nopts) {
		if (h->nopts == 64)
			return;
		h->nopts++;
	}
	snprintf(h->optbuf[i][0], sizeof(h->optbuf[i][0]), "%s", name);
	snprintf(h->optbuf[i][1], sizeof(h->optbuf[i][1]), "%s", value ? value : "");
}

const char *dscope_getopt(struct dscope *h, const char *name)
{
	for (int i = 0; i < h->nopts; i++)
		if (strcmp(h->optbuf[i][0], name) == 0)
			return h->optbuf[i][1];
	return NULL;
}

/* Every option name dscope_setopt accepts: those it acts on, and those
 * dtrace has that are accepted and change nothing here (dynvarsize only
 * sizes associative arrays).  dscope_setopt refuses any other name, so a
 * new option cannot work without being listed (and completed at the
 * interface's prompt: dscope_name). */
static const char *const opt_used[] = {
	"quiet",	 "q",		"strsize",	"bufsize",     "aggsize",    "nspec",
	"specsize",	 "stackframes", "ustackframes", "ustackbytes", "ustackmode", "errtags",
	"zdefs",	 "self",	"defaultargs",	"aggsortkey",  "aggsortrev", "aggsortpos",
	"aggsortkeypos", "switchrate",	"aggrate",
};
static const char *const opt_inert[] = {
	"flowindent", "destructive", "jstackframes", "jstackstrsize", "cleanrate", "statusrate", "dynvarsize",
	"bufpolicy",  "bufresize",   "cpu",	     "grabanon",      "ldpath",	   "lazyload",	 "linkmode",
	"linktype",   "nolibs",	     "stackindent",  "rawbytes",      "amin",	   "argref",	 "core",
	"cpp",	      "cpppath",     "ctypes",	     "droptags",      "dtypes",	   "evaltime",	 "incdir",
	"iregs",      "knodefs",     "pgmax",	     "procfs",	      "pspec",	   "sizesize",	 "strip",
	"syslibdir",  "tree",	     "tregs",	     "udefs",	      "unodefs",   "userland",	 "version",
	"verbose",    "disasm",	     "preallocate",  "bpflog",	      "temporal",  "noresolve",	 "maxframes",
};

static const char *opt_name(int i)
{
	size_t n = sizeof(opt_used) / sizeof(opt_used[0]), m = sizeof(opt_inert) / sizeof(opt_inert[0]);

	if (i < 0)
		return NULL;
	if ((size_t)i < n)
		return opt_used[i];
	return (size_t)i < n + m ? opt_inert[(size_t)i - n] : NULL;
}

const char *dscope_name(enum dscope_name_kind kind, int i)
{
	if (i < 0)
		return NULL;
	switch (kind) {
	case DSCOPE_NAME_BUILTIN:
		return sema_builtin_name(i);
	case DSCOPE_NAME_FUNC:
		return sema_func_name(i);
	case DSCOPE_NAME_KEYWORD:
		return d_lex_keyword_name(i);
	case DSCOPE_NAME_OPTION:
		return opt_name(i);
	}
	return NULL;
}

int dscope_setopt(struct dscope *h, const char *name, const char *value)
{
	uint64_t n;
	int known = 0;

	for (int i = 0; opt_name(i) && !known; i++)
		known = !strcmp(name, opt_name(i));
	if (!known)
		return dscope_fail(h, -EINVAL, "failed to set -x %s: Invalid option name", name);
	if (!strcmp(name, "quiet") || !strcmp(name, "q")) {
		h->co.quiet = !value || strcmp(value, "0") != 0;
	} else if (!strcmp(name, "strsize")) {
		if (parse_size(value, &n) || n < 2 || n > 4096)
			return dscope_fail(h, -EINVAL,
					   "failed to set -x strsize: Invalid value for specified option");
		h->co.strsize = (int)n;
	} else if (!strcmp(name, "bufsize")) {
		uint64_t p = 4096;

		if (parse_size(value, &n) || n == 0 || n > (1ULL << 30))
			return dscope_fail(h, -EINVAL,
					   "failed to set -x bufsize: Invalid value for specified option");
		while (p < n)
			p <<= 1;
		h->co.bufsize = (uint32_t)p;
	} else if (!strcmp(name, "aggsize")) {
		if (parse_size(value, &n) || n == 0)
			return dscope_fail(h, -EINVAL,
					   "failed to set -x aggsize: Invalid value for specified option");
		h->co.aggsize = n;
	} else if (!strcmp(name, "nspec")) {
		/* each slot is a step of speculation()'s search, which the
		 * verifier walks once per call: 4096 slots cost about 50,000
		 * verified instructions per speculation() */
		if (parse_size(value, &n) || n == 0 || n > 4096)
			return dscope_fail(h, -EINVAL,
					   "failed to set -x nspec: Invalid value for specified option");
		h->co.nspec = (int)n;
	} else if (!strcmp(name, "specsize")) {
		if (parse_size(value, &n) || n == 0)
			return dscope_fail(h, -EINVAL,
					   "failed to set -x specsize: Invalid value for specified option");
		h->co.specsize = n;
	} else if (!strcmp(name, "stackframes") || !strcmp(name, "ustackframes")) {
		if (parse_size(value, &n) || n == 0 || n > 127)
			return dscope_fail(h, -EINVAL,
					   "failed to set -x %s: Invalid value for specified option", name);
		*(name[0] == 'u' ? &h->co.ustackframes : &h->co.stackframes) = (int)n;
	} else if (!strcmp(name, "ustackbytes")) {
		/* bytes of user stack copied at each ustack() for DWARF unwinding */
		if (parse_size(value, &n) || n < 64 || n > 16384)
			return dscope_fail(
			    h, -EINVAL, "failed to set -x ustackbytes: Invalid value for specified option");
		h->co.ustackbytes = (int)(n + 7) & ~7;
	} else if (!strcmp(name, "ustackmode")) {
		/* dwarf: copy the stack, unwind it in dscope; fp: walk frame
		 * pointers in the kernel; auto: fp when the target keeps them
		 * (engine/sym_fp.c) */
		if (!value || (strcmp(value, "fp") && strcmp(value, "dwarf") && strcmp(value, "auto")))
			return dscope_fail(h, -EINVAL,
					   "failed to set -x ustackmode: Invalid value for specified option");
		h->co.ustack_fp = value[0] == 'a' ? -1 : value[0] == 'f';
	} else if (!strcmp(name, "errtags")) {
		h->errtags = 1;
	} else if (!strcmp(name, "zdefs")) {
		h->co.zdefs = 1;
	} else if (!strcmp(name, "self")) {
		h->co.self_trace = 1;
	} else if (!strcmp(name, "defaultargs")) {
		h->co.defaultargs = 1;
	} else if (!strcmp(name, "aggsortkey")) {
		h->sort.sortkey = !value || strcmp(value, "0") != 0;
	} else if (!strcmp(name, "aggsortrev")) {
		h->sort.sortrev = !value || strcmp(value, "0") != 0;
	} else if (!strcmp(name, "aggsortpos") || !strcmp(name, "aggsortkeypos")) {
		if (parse_size(value, &n))
			return dscope_fail(h, -EINVAL,
					   "failed to set -x %s: Invalid value for specified option", name);
		if (!strcmp(name, "aggsortpos"))
			h->sort.sortpos = (int)n;
		else
			h->sort.sortkeypos = (int)n;
	} else if (!strcmp(name, "switchrate") || !strcmp(name, "aggrate")) {
		int64_t ns;

		if (parse_rate(value, &ns))
			return dscope_fail(h, -EINVAL,
					   "failed to set -x %s: Invalid value for specified option", name);
		if (!strcmp(name, "switchrate"))
			h->switchrate_ns = ns;
		else
			h->aggrate_ns = ns;
	} else if (!strcmp(name, "dynvarsize")) {
		if (!parse_size(value, &n) && n > 0)
			h->co.dynvarsize = n;
	}
	remember(h, name, value);
	return 0;
}

/* ---- compile ---- */

/* Bit offset of a member, looking into anonymous structs and unions */
static int type_member_bits(const struct btf *btf, uint32_t id, const char *mname, int depth)
{
	const struct btf_type *t = btf__type_by_id(btf, id);
	const struct btf_member *m;

	while (t && (btf_is_typedef(t) || btf_is_mod(t)))
		t = btf__type_by_id(btf, t->type);
	if (!t || !btf_is_composite(t) || depth > 4)
		return -1;
	m = btf_members(t);
	for (int i = 0; i < btf_vlen(t); i++, m++) {
		const char *n = btf__name_by_offset(btf, m->name_off);
		int bits = (int)btf_member_bit_offset(t, (uint32_t)i), sub;

		if (n && strcmp(n, mname) == 0)
			return bits;
		if ((!n || !n[0]) && (sub = type_member_bits(btf, m->type, mname, depth + 1)) >= 0)
			return bits + sub;
	}
	return -1;
}

static int member_bits(const struct btf *btf, const char *sname, const char *mname)
{
	int id = btf__find_by_name_kind(btf, sname, BTF_KIND_STRUCT);

	return id > 0 ? type_member_bits(btf, (uint32_t)id, mname, 0) : -1;
}

static int member_off(const struct btf *btf, const char *sname, const char *mname)
{
	int bits = member_bits(btf, sname, mname);

	return bits < 0 ? -1 : bits / 8;
}

/* Offset of a.b where b is a member of a's struct type (-1: missing) */
static int nested_off(const struct btf *btf, const char *sname, const char *mname, const char *sub,
		      const char *inner)
{
	int a = member_off(btf, sname, mname), b = member_off(btf, sub, inner);

	return a < 0 || b < 0 ? -1 : a + b;
}

/* The kernel's type information is parsed (about 15 ms) only for programs
 * that read kernel structures. */
static int ktypes_load(struct dscope *h)
{
	if (!h->vmlinux)
		h->vmlinux = btf__load_vmlinux_btf();
	if (!h->vmlinux) {
		d_diag_error(
		    &h->dg, (struct d_pos){ 0, 0 }, "D_UNKNOWN",
		    "this program needs the kernel's BTF type information (/sys/kernel/btf/vmlinux): %s",
		    strerror(errno));
		return -1;
	}
	h->co.off_real_parent = member_off(h->vmlinux, "task_struct", "real_parent");
	h->co.off_tgid = member_off(h->vmlinux, "task_struct", "tgid");
	h->co.off_pid = member_off(h->vmlinux, "task_struct", "pid");
	h->co.off_comm = member_off(h->vmlinux, "task_struct", "comm");
	h->co.off_exit_code = member_off(h->vmlinux, "task_struct", "exit_code");
	h->co.bit_in_iowait = member_bits(h->vmlinux, "task_struct", "in_iowait");
	h->co.off_runtime = nested_off(h->vmlinux, "task_struct", "se", "sched_entity", "sum_exec_runtime");
	h->co.off_cred = member_off(h->vmlinux, "task_struct", "real_cred");
	h->co.off_cred_uid = member_off(h->vmlinux, "cred", "uid");
	h->co.off_cred_gid = member_off(h->vmlinux, "cred", "gid");
	h->co.off_mm = member_off(h->vmlinux, "task_struct", "mm");
	h->co.off_arg_start = member_off(h->vmlinux, "mm_struct", "arg_start");
	h->co.off_arg_end = member_off(h->vmlinux, "mm_struct", "arg_end");
	h->co.off_task_cpu = member_off(h->vmlinux, "task_struct", "cpu");
	if (h->co.off_real_parent < 0 || h->co.off_tgid < 0 || h->co.off_pid < 0 || h->co.off_comm < 0 ||
	    h->co.off_exit_code < 0) {
		d_diag_error(&h->dg, (struct d_pos){ 0, 0 }, "D_UNKNOWN",
			     "this kernel's task_struct lacks real_parent, tgid, pid, comm or exit_code");
		return -1;
	}
	return 0;
}

int dscope_compile(struct dscope *h, const char *src, const char *srcname)
{
	struct d_program *p;
	struct timespec rt, mt;

	h->src = src;
	h->srcname = srcname;
	h->co.progname = srcname ? srcname : h->prog;
	memset(&h->dg, 0, sizeof(h->dg));
	p = d_parse_ex(&h->arena, src, srcname ? 0 : D_PARSE_BARE, &h->dg);
	if (!p)
		return -1;
	for (struct d_pragma *pr = p->pragmas; pr; pr = pr->next)
		if (dscope_setopt(h, pr->name, pr->value)) {
			d_diag_error(&h->dg, pr->pos, "D_PRAGMA_INVAL", "%s", h->errmsg);
			return -1;
		}
	clock_gettime(CLOCK_REALTIME, &rt);
	clock_gettime(CLOCK_MONOTONIC, &mt);
	h->co.boot_to_wall = (rt.tv_sec - mt.tv_sec) * 1000000000LL + (rt.tv_nsec - mt.tv_nsec);
	if (d_sema(&h->arena, p, &h->co, &h->dp, &h->dg))
		return -1;
	if (h->dp.needs_ktypes && ktypes_load(h))
		return -1;
	if (cg_program(&h->dp, &h->co, &h->dg))
		return -1;
	h->aggst = calloc((size_t)(h->dp.naggs ? h->dp.naggs : 1), sizeof(*h->aggst));
	if (!h->aggst)
		return -ENOMEM;
	for (int i = 0; i < h->dp.naggs; i++)
		h->aggst[i].normal = 1;
	h->compiled = 1;
	return 0;
}

const struct d_diag *dscope_diag(const struct dscope *h)
{
	return &h->dg;
}

void dscope_print_diag(struct dscope *h, FILE *fp, int rich)
{
	char what[512];

	if (h->srcname)
		snprintf(what, sizeof(what), "failed to compile script %s", h->srcname);
	else
		snprintf(what, sizeof(what), "invalid probe specifier %.400s", h->src ? h->src : "");
	/* -n text is shown without its trailing newline */
	size_t wl = strlen(what);

	while (wl && what[wl - 1] == '\n')
		what[--wl] = 0;
	d_diag_print_dtrace(fp, &h->dg, h->prog, what, h->errtags);
	if (rich)
		d_diag_print_source(fp, &h->dg, h->src);
}

int dscope_skipped(const struct dscope *h)
{
	return h->skipped;
}

int dscope_nprobes(const struct dscope *h)
{
	return h->dp.nprobes;
}

/* ---- running ---- */

int dscope_go(struct dscope *h)
{
	int err;

	if (!h->compiled)
		return dscope_fail(h, -EINVAL, "nothing compiled");
	/* dtrace refuses when it enables the probes, after compiling */
	if (h->dp.destructive && !dscope_getopt(h, "destructive"))
		return dscope_fail(h, -EPERM, "could not enable tracing: Destructive actions not allowed");
	err = load_all(h);
	if (err)
		return err;
	h->loaded = 1;
	stack_track_start(h);
	for (int i = 0; i < h->dp.nmaps; i++)
		if (h->dp.maps[i].role == DM_RINGBUF)
			h->rb = ring_buffer__new(h->dp.maps[i].fd, handle_record, h, NULL);
	if (!h->rb)
		return dscope_fail(h, -errno, "failed to set up the ring buffer: %s", strerror(errno));
	/* BEGIN's records wait in the ring buffer for the first poll, so the
	 * caller can announce the probes first, as dtrace does */
	err = run_test_prog(h, PK_BEGIN);
	if (err)
		return err;
	err = attach_all(h);
	if (err)
		return err;
	h->live = 1;
	return 0;
}

int dscope_fd(const struct dscope *h)
{
	return h->rb ? ring_buffer__epoll_fd(h->rb) : -1;
}

int dscope_next(struct dscope *h, struct dscope_snap **out)
{
	*out = NULL;
	if (!h->rb || h->stopped)
		return -EINVAL;
	return consume_next(h, out);
}

struct dscope_snap *dscope_snap_aggs(struct dscope *h)
{
	return h->loaded ? consume_aggs(h) : NULL;
}

int dscope_finish(struct dscope *h, struct dscope_snap **out)
{
	*out = NULL;
	if (h->stopped || !h->loaded)
		return 0;
	h->stopped = 1;
	detach_all(h);
	h->live = 0;
	return consume_final(h, out);
}

int dscope_poll(struct dscope *h)
{
	struct dscope_snap *s;
	int r = dscope_next(h, &s);

	if (s)
		batch_print(&h->batch, s);
	dscope_snap_release(s);
	return r;
}

void dscope_print_snap(struct dscope *h, const struct dscope_snap *s)
{
	if (s)
		batch_print(&h->batch, s);
}

int dscope_opt_at(const struct dscope *h, int i, const char **name, const char **value)
{
	if (i < 0 || i >= h->nopts)
		return -ENOENT;
	*name = h->optbuf[i][0];
	*value = h->optbuf[i][1];
	return 0;
}

int dscope_stop(struct dscope *h)
{
	struct dscope_snap *s;
	int r = dscope_finish(h, &s);

	if (s)
		batch_print(&h->batch, s);
	dscope_snap_release(s);
	return r;
}

int dscope_exit_status(const struct dscope *h)
{
	return h->exit_status;
}

void dscope_drops(struct dscope *h, uint64_t *rb, uint64_t *agg, uint64_t *dyn)
{
	*rb = h->drops_seen[CNT_RB_DROPS];
	*agg = h->drops_seen[CNT_AGG_DROPS];
	*dyn = h->drops_seen[CNT_DYN_DROPS];
}

int dscope_probe_desc(struct dscope *h, uint32_t id, char *buf, size_t size)
{
	const struct probe *p = probe_get(&h->pt, id);

	if (!p)
		return -ENOENT;
	snprintf(buf, size, "%s:%s:%s:%s", p->prov, p->mod, p->func, p->name);
	return 0;
}

static int field_ok(const char *pat, const char *s)
{
	return !pat[0] || fnmatch(pat, s, 0) == 0;
}

/* Every probe matching desc, to fn (dscope_list_v, dscope_probes). */
static int probes_each(struct dscope *h, const char *desc, void (*fn)(const struct probe *p, void *arg),
		       void *arg)
{
	char buf[512], empty[1] = "", *f[4] = { empty, empty, empty, empty }, *parts[4], *p = buf,
		       mainmod[256], provbuf[32];
	int nf = 0, n = 0;

	snprintf(buf, sizeof(buf), "%s", desc ? desc : "");
	if (buf[0]) {
		parts[nf++] = p;
		while (nf < 4 && (p = strchr(p, ':'))) {
			*p++ = 0;
			parts[nf++] = p;
		}
		for (int i = 0; i < nf; i++)
			f[4 - nf + i] = parts[i];
		probe_desc_fixup((const char **)&f[0], (const char **)&f[1], (const char **)&f[2]);
		/* pid$target: the -c command or the -p process */
		if (strcmp(f[0], "pid$target") == 0 && h->co.target > 0) {
			snprintf(provbuf, sizeof(provbuf), "pid%lld", (long long)h->co.target);
			f[0] = provbuf;
		}
		/* a description naming profile-N creates that probe, pidNNN
		 * that process's probes */
		if (strncmp(f[0], "pid", 3) == 0 && atoi(f[0] + 3) > 0 &&
		    pid_probes_create(&h->pt, atoi(f[0] + 3), f[1], f[2], f[3], mainmod, sizeof(mainmod),
				      NULL) >= 0 &&
		    strcmp(f[1], "a.out") == 0 && mainmod[0])
			f[1] = mainmod;
		probe_match(&h->pt, f[0], f[1], f[2], f[3], NULL, NULL);
	} else if (tp_probes_create(&h->pt) < 0) {
		return -ENOMEM;
	}
	for (size_t id = 1; id < h->pt.n; id++) {
		const struct probe *pr = probe_get(&h->pt, (uint32_t)id);

		if (!pr || !field_ok(f[0], pr->prov) || !field_ok(f[1], pr->mod) ||
		    !field_ok(f[2], pr->func) || !field_ok(f[3], pr->name))
			continue;
		fn(pr, arg);
		n++;
	}
	return n;
}

struct list_out {
	struct dscope *h;
	FILE *fp;
	int verbose, header;
};

static void list_header(struct list_out *o)
{
	if (!o->header++)
		fprintf(o->fp, "%5s %10s %20s %32s %s\n", "ID", "PROVIDER", "MODULE", "FUNCTION", "NAME");
}

static void list_one(const struct probe *pr, void *arg)
{
	struct list_out *o = arg;

	list_header(o);
	fprintf(o->fp, "%5u %10s %20s %32s %s\n", pr->id, pr->prov, pr->mod, pr->func, pr->name);
	if (o->verbose)
		probe_print_types(&o->h->pt, &o->h->pt.v[pr->id], o->fp);
}

int dscope_list_v(struct dscope *h, FILE *fp, const char *desc, int verbose)
{
	struct list_out o = { h, fp, verbose, 0 };
	int n = probes_each(h, desc, list_one, &o);

	/* the header even when nothing matched, as dtrace prints it */
	if (n >= 0)
		list_header(&o);
	return n;
}

struct probes_out {
	dscope_probe_fn fn;
	void *arg;
};

static void probes_one(const struct probe *pr, void *arg)
{
	struct probes_out *o = arg;

	o->fn(pr->prov, pr->mod, pr->func, pr->name, o->arg);
}

int dscope_probes(struct dscope *h, const char *desc, dscope_probe_fn fn, void *arg)
{
	struct probes_out o = { fn, arg };

	return probes_each(h, desc, probes_one, &o);
}

int dscope_list(struct dscope *h, FILE *fp, const char *desc)
{
	return dscope_list_v(h, fp, desc, 0);
}

void dscope_dump_bpf(struct dscope *h, FILE *fp)
{
	for (int i = 0; i < h->dp.nprogs; i++) {
		const struct dbprog *bp = &h->dp.progs[i];

		fprintf(fp, "%s: %zu instructions, at least %llu walked by the verifier\n", bp->name,
			bp->ninsn, (unsigned long long)bp->cost);
		for (size_t k = 0; k < bp->ninsn; k++) {
			const struct bpf_insn *in = &bp->insn[k];

			fprintf(fp, "%5zu: %02x %x %x %6d %11d\n", k, in->code, in->dst_reg, in->src_reg,
				in->off, in->imm);
		}
	}
}

/* ---- the program's shape, for the interactive interface ---- */

int dscope_nclauses(const struct dscope *h)
{
	return h->compiled ? h->dp.nclauses : 0;
}

const char *dscope_source(const struct dscope *h)
{
	return h->src;
}

/* Byte offset of a line/column position in src (columns count bytes). */
static long src_offset(const char *src, struct d_pos p)
{
	long off = 0;

	for (int line = 1; line < p.line && src[off]; off++)
		if (src[off] == '\n')
			line++;
	for (int c = 1; c < p.col && src[off] && src[off] != '\n'; c++)
		off++;
	return off;
}

/* The aggregation ids assigned in an expression tree (@x[...] = f(...)). */
static uint64_t expr_aggs(const struct dscope *h, const struct d_expr *e)
{
	uint64_t m = 0;

	for (; e; e = e->next) {
		if (e->kind == DE_AGG) {
			for (int i = 0; i < h->dp.naggs && i < 64; i++)
				if (!strcmp(h->dp.aggv[i]->desc.name, e->name ? e->name : ""))
					m |= 1ULL << i;
		}
		m |= expr_aggs(h, e->left) | expr_aggs(h, e->right) | expr_aggs(h, e->cond);
		if (e->kind != DE_AGG)
			m |= expr_aggs(h, e->args);
	}
	return m;
}

static uint64_t stmt_aggs(const struct dscope *h, const struct d_stmt *s)
{
	uint64_t m = 0;

	for (; s; s = s->next)
		m |= expr_aggs(h, s->expr) | stmt_aggs(h, s->then) | stmt_aggs(h, s->els) |
		     stmt_aggs(h, s->body);
	return m;
}

int dscope_var_name(const struct dscope *h, int i, char *buf, size_t size)
{
	static const char *const prefix[] = {
		[VS_GLOBAL] = "", [VS_SELF] = "self->", [VS_THIS] = "this->", [VS_ASSOC] = ""
	};
	int k = 0;

	if (!h->compiled || i < 0)
		return -ENOENT;
	for (const struct d_var *v = h->dp.vars; v; v = v->next) {
		if (v->name[0] == '.') /* the compiler's own (strtok's state) */
			continue;
		if (k++ == i) {
			snprintf(buf, size, "%s%s", prefix[v->scope], v->name);
			return 0;
		}
	}
	if (i - k < h->dp.naggs) {
		snprintf(buf, size, "@%s", h->dp.aggv[i - k]->desc.name);
		return 0;
	}
	return -ENOENT;
}

int dscope_clause(const struct dscope *h, int i, struct dscope_clause *out)
{
	const struct d_clause *c;
	const char *src = h->src;
	long p;

	if (!h->compiled || i < 0 || i >= h->dp.nclauses)
		return -ENOENT;
	c = h->dp.clauses[i].ast;
	memset(out, 0, sizeof(*out));
	out->line = c->pos.line;
	out->col = c->pos.col;
	out->pred_start = out->pred_end = out->body = -1;
	out->aggs = stmt_aggs(h, c->body);
	out->records = h->dp.clauses[i].records;
	if (!c->end.line)
		return 0;
	/* the '{': the last one before the first statement (or the closing
	 * brace of an empty body) */
	p = src_offset(src, c->body ? c->body->pos : c->end);
	if (!c->body)
		p--;
	while (p >= 0 && src[p] != '{')
		p--;
	out->body = p;
	if (c->pred && p > 0) {
		long s = src_offset(src, c->pred->pos), e = p - 1;

		while (s > 0 && src[s - 1] != '/')
			s--;
		while (e > s && src[e] != '/')
			e--;
		out->pred_start = s;
		out->pred_end = e;
	}
	return 0;
}

/* Does an expression read one of the named identifiers or members?  A name
 * matches as a substring, or exactly when written "=name". */
static int expr_mentions(const struct d_expr *e, const char *const *names)
{
	for (; e; e = e->next) {
		if ((e->kind == DE_IDENT || e->kind == DE_MEMBER || e->kind == DE_SELF ||
		     e->kind == DE_THIS) &&
		    e->name)
			for (int k = 0; names[k]; k++)
				if (names[k][0] == '=' ? !strcmp(e->name, names[k] + 1)
						       : !!strstr(e->name, names[k]))
					return 1;
		if (expr_mentions(e->left, names) || expr_mentions(e->right, names) ||
		    expr_mentions(e->cond, names) || expr_mentions(e->args, names))
			return 1;
	}
	return 0;
}

struct agg_find {
	const char *name;
	const struct d_expr *assign; /* the first @name[...] = f(...) */
};

static void find_assign(const struct d_expr *e, struct agg_find *f)
{
	for (; e && !f->assign; e = e->next) {
		if (e->kind == DE_BINARY && e->op == '=' && e->left && e->left->kind == DE_AGG &&
		    !strcmp(e->left->name ? e->left->name : "", f->name)) {
			f->assign = e;
			return;
		}
		find_assign(e->left, f);
		find_assign(e->right, f);
		find_assign(e->cond, f);
	}
}

static void find_assign_stmt(const struct d_stmt *s, struct agg_find *f)
{
	for (; s && !f->assign; s = s->next) {
		find_assign(s->expr, f);
		find_assign_stmt(s->then, f);
		find_assign_stmt(s->els, f);
		find_assign_stmt(s->body, f);
	}
}

int dscope_agg_info(const struct dscope *h, int id, struct dscope_agg_info *out)
{
	static const char *const times[] = { "timestamp", "time", "=ts",    "lat",
					     "elapsed",	  "=ns",  "=start", NULL };
	static const char *const sizes[] = { "size", "bytes", "bcount", "=len", NULL };
	struct agg_find f = { 0 };

	if (!h->compiled || id < 0 || id >= h->dp.naggs)
		return -ENOENT;
	memset(out, 0, sizeof(*out));
	out->desc = &h->dp.aggv[id]->desc;
	f.name = h->dp.aggv[id]->desc.name;
	for (int i = 0; i < h->dp.nclauses && !f.assign; i++)
		find_assign_stmt(h->dp.clauses[i].ast->body, &f);
	if (!f.assign)
		return 0;
	const struct d_expr *k = f.assign->left->args, *call = f.assign->right;

	for (int i = 0; k && i < 8; k = k->next, i++)
		if ((k->kind == DE_IDENT || k->kind == DE_CALL || k->kind == DE_MEMBER ||
		     k->kind == DE_SELF || k->kind == DE_THIS) &&
		    k->name)
			snprintf(out->key[i], sizeof(out->key[i]), "%s", k->name);
	if (call && call->kind == DE_CALL && call->args) {
		if (expr_mentions(call->args, times))
			out->unit = DSCOPE_UNIT_NS;
		else if (expr_mentions(call->args, sizes))
			out->unit = DSCOPE_UNIT_BYTES;
	}
	return 0;
}
