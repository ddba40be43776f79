/*
 * sym.c - naming addresses: the kernel's from /proc/kallsyms, a process's
 * from its mappings and the ELF symbols of the mapped files (sym_elf.c).
 *
 * Kernel: /proc/kallsyms is read once, on the first kernel address, into
 * one sorted array and one string block.  A symbol covers the addresses up
 * to the next symbol of the same module, and no further than the module's
 * end (/proc/modules gives each module's base and size; vmlinux ends at
 * its last symbol).  Pseudo-modules without a /proc/modules line (BPF
 * programs, ftrace trampolines) get at most a page per symbol.
 *
 * Processes: the kernel's mmap, exec, fork and exit events (sym_track.c)
 * keep a process's mappings as they were when its probes fired; a process
 * they did not see start is read from /proc/PID/maps once, when it is
 * first seen (sym_proc_seen, sym_proc_refresh), and is then "tracked".
 * Without the events, /proc/PID/maps is read again when an address falls
 * outside every mapping known (at most every SYM_REFRESH_NS, so a JIT
 * process does not cost a read per frame).  A process that exited keeps
 * its mappings, so stacks aggregated before the exit still name at END;
 * the oldest of them are dropped past SYM_KEEP_EXITED.
 *
 * Nothing here reads the memory of a traced process.
 */
#include "sym_int.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { SYM_KEEP_EXITED = 512 };
#define SYM_REFRESH_NS 20000000ull /* 20 ms */

uint64_t sym_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

struct symtab *symtab_new(void)
{
	return calloc(1, sizeof(struct symtab));
}

static void proc_free(struct sym_proc *p)
{
	free(p->maps);
	free(p);
}

void symtab_free(struct symtab *st)
{
	int i;

	if (!st)
		return;
	sym_track_free(st);
	unwind_fini(st);
	for (i = 0; i < SYM_PROC_BUCKETS; i++)
		while (st->procs[i]) {
			struct sym_proc *p = st->procs[i];

			st->procs[i] = p->next;
			proc_free(p);
		}
	for (i = 0; i < SYM_FILE_BUCKETS; i++)
		while (st->files[i]) {
			struct sym_file *f = st->files[i];

			st->files[i] = f->next;
			sym_file_free(f);
		}
	free(st->ksyms);
	free(st->kstr);
	free(st);
}

/* ---- kernel --------------------------------------------------------- */

struct kmod {
	char name[64];
	uint64_t start, end;
};

static int ksym_cmp(const void *a, const void *b)
{
	const struct ksym *x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	return 0;
}

static int kstr_add(struct symtab *st, size_t *len, size_t *cap, const char *s, uint32_t *off)
{
	size_t n = strlen(s) + 1;

	if (*len + n > *cap) {
		size_t nc = *cap ? *cap * 2 : 1 << 20;
		char *ns;

		while (nc < *len + n)
			nc *= 2;
		ns = realloc(st->kstr, nc);
		if (!ns)
			return -ENOMEM;
		st->kstr = ns;
		*cap = nc;
	}
	memcpy(st->kstr + *len, s, n);
	*off = (uint32_t)*len;
	*len += n;
	return 0;
}

static struct kmod *read_modules(size_t *n)
{
	FILE *fp = fopen("/proc/modules", "re");
	struct kmod *m = NULL;
	size_t cap = 0;
	char line[1024];

	*n = 0;
	if (!fp)
		return NULL;
	while (fgets(line, sizeof(line), fp)) {
		char name[64];
		unsigned long long size, addr;
		struct kmod *nm;

		if (sscanf(line, "%63s %llu %*s %*s %*s %llx", name, &size, &addr) != 3)
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			nm = realloc(m, cap * sizeof(*m));
			if (!nm)
				break;
			m = nm;
		}
		snprintf(m[*n].name, sizeof(m[*n].name), "%s", name);
		m[*n].start = addr;
		m[*n].end = addr + size;
		(*n)++;
	}
	fclose(fp);
	return m;
}

static void kernel_read(struct symtab *st)
{
	FILE *fp;
	char line[512];
	size_t cap = 0, slen = 0, scap = 0, i, nmods;
	struct kmod *mods;
	uint32_t vmlinux;

	st->kread = 1;
	fp = fopen("/proc/kallsyms", "re");
	if (!fp)
		return;
	mods = read_modules(&nmods);
	if (kstr_add(st, &slen, &scap, "vmlinux", &vmlinux) < 0)
		goto out;
	while (fgets(line, sizeof(line), fp)) {
		unsigned long long addr;
		char type, name[256], mod[128] = "";
		struct ksym *k;
		uint32_t noff, moff = vmlinux;

		if (sscanf(line, "%llx %c %255s [%127[^]]]", &addr, &type, name, mod) < 3 || addr == 0)
			continue;
		/* absolute symbols and undefined ones name nothing */
		if (type == 'a' || type == 'A' || type == 'U')
			continue;
		if (st->nksyms == cap) {
			cap = cap ? cap * 2 : 65536;
			k = realloc(st->ksyms, cap * sizeof(*k));
			if (!k)
				break;
			st->ksyms = k;
		}
		if (kstr_add(st, &slen, &scap, name, &noff) < 0)
			break;
		if (mod[0]) {
			/* the previous symbol's module string is usually the same one */
			if (st->nksyms > 0 && st->ksyms[st->nksyms - 1].mod != vmlinux &&
			    strcmp(st->kstr + st->ksyms[st->nksyms - 1].mod, mod) == 0)
				moff = st->ksyms[st->nksyms - 1].mod;
			else if (kstr_add(st, &slen, &scap, mod, &moff) < 0)
				break;
		}
		st->ksyms[st->nksyms++] = (struct ksym){ addr, 0, noff, moff };
	}
	qsort(st->ksyms, st->nksyms, sizeof(*st->ksyms), ksym_cmp);
	for (i = 0; i < st->nksyms; i++) {
		struct ksym *k = &st->ksyms[i];
		const char *mod = st->kstr + k->mod;
		uint64_t limit = UINT64_MAX;
		size_t j;

		if (k->mod != vmlinux) {
			limit = k->addr + 4096;
			for (j = 0; j < nmods; j++)
				if (strcmp(mods[j].name, mod) == 0) {
					limit = mods[j].end;
					break;
				}
		} else if (i + 1 == st->nksyms || st->ksyms[i + 1].mod != vmlinux) {
			/* vmlinux's last symbol: a page at most */
			limit = k->addr + 4096;
		}
		k->end = i + 1 < st->nksyms ? st->ksyms[i + 1].addr : UINT64_MAX;
		if (k->end > limit)
			k->end = limit;
	}
out:
	free(mods);
	fclose(fp);
}

int sym_kernel(struct symtab *st, uint64_t addr, enum sym_how how, char *buf, size_t n)
{
	size_t lo = 0, hi;
	const struct ksym *k;
	const char *mod;

	if (!st->kread)
		kernel_read(st);
	hi = st->nksyms;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (st->ksyms[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0 || addr >= st->ksyms[lo - 1].end)
		return snprintf(buf, n, "0x%" PRIx64, addr);
	/* of several symbols at one address, the first read (sorting is
	 * not stable, so pick the lowest index at that address) */
	while (lo > 1 && st->ksyms[lo - 2].addr == st->ksyms[lo - 1].addr)
		lo--;
	k = &st->ksyms[lo - 1];
	mod = st->kstr + k->mod;
	if (how == SYM_MOD)
		return snprintf(buf, n, "%s", mod);
	if (how == SYM_FUNC || addr == k->addr)
		return snprintf(buf, n, "%s`%s", mod, st->kstr + k->name);
	return snprintf(buf, n, "%s`%s+0x%" PRIx64, mod, st->kstr + k->name, addr - k->addr);
}

/* ---- processes ------------------------------------------------------ */

struct sym_proc *sym_proc_get(struct symtab *st, int pid)
{
	struct sym_proc *p;

	for (p = st->procs[(unsigned)pid % SYM_PROC_BUCKETS]; p; p = p->next)
		if (p->pid == pid)
			return p;
	return NULL;
}

const struct sym_map *sym_proc_find(const struct sym_proc *p, uint64_t addr)
{
	int lo = 0, hi = p->nmaps;

	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;

		if (p->maps[mid].start <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0 || addr >= p->maps[lo - 1].end)
		return NULL;
	return &p->maps[lo - 1];
}

static int maps_read(struct symtab *st, int pid, struct sym_map **out, int *nout)
{
	char path[64], line[4400];
	FILE *fp;
	struct sym_map *m = NULL;
	int n = 0, cap = 0, err = 0;

	snprintf(path, sizeof(path), "/proc/%d/maps", pid);
	fp = fopen(path, "re");
	if (!fp)
		return -errno;
	while (fgets(line, sizeof(line), fp)) {
		unsigned long long s, e, off, ino;
		unsigned maj, mnr;
		char perms[8];
		int pos = 0;
		const char *name;
		char *nl;
		struct sym_file *f = NULL;

		if (sscanf(line, "%llx-%llx %7s %llx %x:%x %llu %n", &s, &e, perms, &off, &maj, &mnr, &ino,
			   &pos) < 7)
			continue;
		name = line + pos;
		nl = strchr(line + pos, '\n');
		if (nl)
			*nl = 0;
		if (ino != 0 && name[0] == '/')
			f = sym_file_get(st, pid, ((uint64_t)maj << 32) | mnr, ino, name, s, e);
		else if (strcmp(name, "[vdso]") == 0)
			f = sym_file_vdso(st, e - s);
		if (!f)
			continue; /* anonymous memory names nothing */
		if (n == cap) {
			struct sym_map *nm;

			cap = cap ? cap * 2 : 64;
			nm = realloc(m, (size_t)cap * sizeof(*m));
			if (!nm) {
				err = -ENOMEM;
				break;
			}
			m = nm;
		}
		m[n++] = (struct sym_map){ s, e, off, f, 0 };
	}
	fclose(fp);
	if (err || n == 0) {
		free(m);
		/* an empty maps file: a zombie, or a kernel thread */
		return err ? err : -ESRCH;
	}
	*out = m;
	*nout = n;
	return 0;
}

static struct sym_proc *proc_new(struct symtab *st, int pid)
{
	struct sym_proc *p = calloc(1, sizeof(*p));

	if (!p)
		return NULL;
	p->pid = pid;
	p->next = st->procs[(unsigned)pid % SYM_PROC_BUCKETS];
	st->procs[(unsigned)pid % SYM_PROC_BUCKETS] = p;
	return p;
}

static void proc_unlink(struct symtab *st, struct sym_proc *p)
{
	struct sym_proc **pp = &st->procs[(unsigned)p->pid % SYM_PROC_BUCKETS];

	while (*pp != p)
		pp = &(*pp)->next;
	*pp = p->next;
}

/* Past SYM_KEEP_EXITED exited processes, the one that exited first goes;
 * first of those no probe named (the mmap events report every process). */
static void drop_oldest_exited(struct symtab *st)
{
	struct sym_proc *old = NULL, *p;
	int i;

	for (i = 0; i < SYM_PROC_BUCKETS; i++)
		for (p = st->procs[i]; p; p = p->next)
			if (p->exited && (!old || (old->used && !p->used) ||
					  (old->used == p->used && p->exit_seq < old->exit_seq)))
				old = p;
	if (!old)
		return;
	/* its cached stacks are unreachable: their generation is gone */
	proc_unlink(st, old);
	proc_free(old);
	st->nexited--;
}

int sym_proc_refresh(struct symtab *st, int pid)
{
	struct sym_proc *p = sym_proc_get(st, pid);
	struct sym_map *m;
	int n, err;

	err = maps_read(st, pid, &m, &n);
	if (!p && !(p = proc_new(st, pid))) {
		if (!err)
			free(m);
		return -ENOMEM;
	}
	p->refreshed = sym_now_ns();
	if (err)
		return err; /* the last mappings known, if any, stay */
	/* from now on the mmap events say what changes */
	p->tracked = st->track != NULL;
	if (p->exited) {
		/* the pid was reused, or the consumer saw the process again */
		p->exited = 0;
		st->nexited--;
	}
	if (p->known && p->nmaps == n && memcmp(p->maps, m, (size_t)n * sizeof(*m)) == 0) {
		free(m);
		return 0;
	}
	free(p->maps);
	p->maps = m;
	p->nmaps = n;
	p->known = 1;
	/* cached stacks of the old mappings are keyed by the old generation */
	p->gen = ++st->gen_seq;
	return 0;
}

int sym_proc_seen(struct symtab *st, int pid)
{
	struct sym_proc *p;
	int err = 0;

	if (st->track)
		sym_track_drain(st);
	p = sym_proc_get(st, pid);
	if (!p || !p->known || !p->tracked) {
		err = sym_proc_refresh(st, pid);
		p = sym_proc_get(st, pid);
	}
	if (p)
		p->used = 1;
	return err;
}

void sym_proc_exit(struct symtab *st, int pid)
{
	struct sym_proc *p = sym_proc_get(st, pid);

	if (!p || p->exited)
		return;
	p->exited = 1;
	p->exit_seq = ++st->exits;
	if (++st->nexited > SYM_KEEP_EXITED)
		drop_oldest_exited(st);
}

/* An address outside what is known: the mmap events not applied yet may
 * hold it; a process not tracked by them is read again (rate-limited). */
static int proc_stale(const struct sym_proc *p, uint64_t addr)
{
	if (!p || !p->known)
		return 1;
	if (p->exited || p->tracked || sym_proc_find(p, addr))
		return 0;
	return sym_now_ns() - p->refreshed >= SYM_REFRESH_NS;
}

struct sym_proc *sym_proc_for(struct symtab *st, int pid, uint64_t addr)
{
	struct sym_proc *p = sym_proc_get(st, pid);

	if (st->track && (!p || !p->known || !sym_proc_find(p, addr))) {
		sym_track_drain(st);
		p = sym_proc_get(st, pid);
	}
	if (proc_stale(p, addr)) {
		sym_proc_refresh(st, pid);
		p = sym_proc_get(st, pid);
	}
	if (p)
		p->used = 1;
	return p && p->known ? p : NULL;
}

/* ---- the mmap events ------------------------------------------------ */

/* Put [s, e) at pgoff in p's mappings, cutting what it overlaps (the
 * kernel replaces an overlapped mapping; munmap is not reported, so a
 * stale mapping stays until something is mapped over it).  f NULL: the
 * range is only cleared (anonymous executable memory: JIT code). */
static int maps_put(struct sym_proc *p, uint64_t s, uint64_t e, uint64_t pgoff, struct sym_file *f)
{
	struct sym_map *m = malloc((size_t)(p->nmaps + 2) * sizeof(*m));
	int n = 0, placed = !f;

	if (!m)
		return -ENOMEM;
	for (int i = 0; i < p->nmaps; i++) {
		struct sym_map o = p->maps[i];

		if (!placed && o.start >= s) {
			m[n++] = (struct sym_map){ s, e, pgoff, f, 0 };
			placed = 1;
		}
		if (o.end <= s || o.start >= e) {
			m[n++] = o;
			continue;
		}
		if (o.start < s) {
			m[n] = o;
			m[n++].end = s;
		}
		if (o.end > e) {
			if (!placed) {
				m[n++] = (struct sym_map){ s, e, pgoff, f, 0 };
				placed = 1;
			}
			m[n] = o;
			m[n].start = e;
			m[n++].pgoff = o.pgoff + (e - o.start);
		}
	}
	if (!placed)
		m[n++] = (struct sym_map){ s, e, pgoff, f, 0 };
	free(p->maps);
	p->maps = m;
	p->nmaps = n;
	return 0;
}

/* The virtual address the page at file offset pgoff is loaded at (a
 * segment need not start on a page) */
static int file_vaddr(const struct sym_file *f, uint64_t pgoff, uint64_t *vaddr)
{
	for (int i = 0; i < f->nloads; i++) {
		const struct sym_load *l = &f->loads[i];

		if (pgoff >= (l->off & ~0xfffull) && pgoff < l->off + l->filesz) {
			*vaddr = l->vaddr - (l->off - pgoff);
			return 1;
		}
	}
	return 0;
}

void sym_proc_mmap(struct symtab *st, int pid, uint64_t start, uint64_t len, uint64_t pgoff, uint64_t dev,
		   uint64_t ino, const char *path)
{
	struct sym_proc *p = sym_proc_get(st, pid);
	struct sym_file *f = NULL;
	uint64_t vaddr, bias;
	int i;

	if (!p && !(p = proc_new(st, pid)))
		return;
	if (ino != 0 && path[0] == '/')
		f = sym_file_get(st, pid, dev, ino, path, start, start + len);
	else if (strcmp(path, "[vdso]") == 0)
		f = sym_file_vdso(st, len);
	/* what the process had before is not known: a /proc read at first use
	 * completes it (p->refreshed 0 allows that at once) */
	p->known = 1;
	p->gen = ++st->gen_seq;
	/*
	 * Only executable mappings are reported, and the unwinder needs the
	 * read-only one holding .eh_frame_hdr too: an ELF file mapped whole
	 * is placed whole, each PT_LOAD where this mapping puts it.
	 */
	if (f && file_vaddr(f, pgoff, &vaddr)) {
		bias = start - vaddr;
		for (i = 0; i < f->nloads; i++) {
			const struct sym_load *l = &f->loads[i];
			uint64_t s = bias + (l->vaddr & ~0xfffull),
				 e = bias + ((l->vaddr + l->memsz + 0xfff) & ~0xfffull);

			if (l->memsz == 0)
				continue;
			maps_put(p, s, e, l->off & ~0xfffull, f);
		}
		return;
	}
	maps_put(p, start, start + len, pgoff, f);
}

void sym_proc_exec(struct symtab *st, int pid)
{
	struct sym_proc *p = sym_proc_get(st, pid);

	if (!p && !(p = proc_new(st, pid)))
		return;
	if (p->exited) {
		p->exited = 0;
		st->nexited--;
	}
	/* the old image's mappings stay until the records of this batch,
	 * which may come from before the exec, are consumed */
	for (int i = 0; i < p->nmaps; i++)
		p->maps[i].old = 1;
	if (p->nmaps && !p->execed) {
		p->execed = 1;
		st->execs++;
	}
	p->known = 1;
	p->tracked = 1;
	p->gen = ++st->gen_seq;
}

void sym_proc_fork(struct symtab *st, int ppid, int pid)
{
	struct sym_proc *pp = sym_proc_get(st, ppid), *p = sym_proc_get(st, pid);

	if (p) {
		/* a pid reused, or mappings reported before the fork */
		if (p->exited)
			st->nexited--;
		proc_unlink(st, p);
		proc_free(p);
	}
	if (!(p = proc_new(st, pid)))
		return;
	if (!pp || !pp->known)
		return; /* read from /proc at first use */
	p->maps = malloc((size_t)(pp->nmaps ? pp->nmaps : 1) * sizeof(*p->maps));
	if (!p->maps)
		return;
	for (int i = 0; i < pp->nmaps; i++)
		if (!pp->maps[i].old)
			p->maps[p->nmaps++] = pp->maps[i];
	p->known = 1;
	p->tracked = pp->tracked;
	p->refreshed = pp->refreshed;
	p->gen = ++st->gen_seq;
}

void sym_proc_drop_old(struct symtab *st)
{
	/* st->execs may count processes freed since: it is a hint */
	for (int i = 0; i < SYM_PROC_BUCKETS; i++)
		for (struct sym_proc *p = st->procs[i]; p; p = p->next) {
			int n = 0;

			if (!p->execed)
				continue;
			for (int k = 0; k < p->nmaps; k++)
				if (!p->maps[k].old)
					p->maps[n++] = p->maps[k];
			p->nmaps = n;
			p->execed = 0;
			p->gen = ++st->gen_seq;
			st->execs--;
		}
	st->execs = 0;
}

void sym_proc_untrack_all(struct symtab *st)
{
	for (int i = 0; i < SYM_PROC_BUCKETS; i++)
		for (struct sym_proc *p = st->procs[i]; p; p = p->next)
			p->tracked = 0;
}

int sym_user(struct symtab *st, int pid, uint64_t addr, enum sym_how how, char *buf, size_t n)
{
	const struct sym_proc *p = sym_proc_for(st, pid, addr);
	const struct sym_map *m = p ? sym_proc_find(p, addr) : NULL;
	const struct sym_ent *s;
	struct sym_file *f;
	uint64_t off, vaddr;
	int nlen;

	if (!m)
		return snprintf(buf, n, "0x%" PRIx64, addr);
	f = m->file;
	if (how == SYM_MOD)
		return snprintf(buf, n, "%s", f->name);
	off = addr - m->start + m->pgoff;
	if (!sym_file_off2vaddr(f, off, &vaddr))
		return snprintf(buf, n, "%s`+0x%" PRIx64, f->name, off);
	s = sym_file_lookup(f, vaddr);
	if (!s)
		return snprintf(buf, n, "%s`+0x%" PRIx64, f->name, vaddr - f->base);
	/* "__libc_start_main@@GLIBC_2.34": the symbol version is not the name */
	nlen = (int)strcspn(s->name, "@");
	if (how == SYM_FUNC || vaddr == s->addr)
		return snprintf(buf, n, "%s`%.*s", f->name, nlen, s->name);
	return snprintf(buf, n, "%s`%.*s+0x%" PRIx64, f->name, nlen, s->name, vaddr - s->addr);
}
