/*
 * sym_track.c - process mappings from the kernel's own events, as perf
 * record does: "read maps at the probe's time, not at print time".
 *
 * A probe's record can outlive its process by the time the consumer reads
 * it: a command that runs for a millisecond is gone before /proc/PID/maps
 * can be read.  So, while a program names user addresses, one
 * PERF_COUNT_SW_DUMMY event per CPU, for every process (pid -1), reports
 * into its own mmap'd ring:
 *
 *   PERF_RECORD_MMAP2  an executable mapping: pid, range, file offset,
 *                      device, inode and path (the file is opened now,
 *                      while the process may still live);
 *   PERF_RECORD_COMM   with PERF_RECORD_MISC_COMM_EXEC: an exec;
 *   PERF_RECORD_FORK   a new process inherits its parent's mappings;
 *   PERF_RECORD_EXIT   the process is gone (its mappings stay a while);
 *   PERF_RECORD_LOST   a ring overflowed: mappings may be missing, so
 *                      every process falls back to /proc reads.
 *
 * Invariant: the consumer drains the rings (symtab_track_sync) before
 * each batch of BPF records, and sym_proc_for drains them again before
 * deciding an address is unknown; an event is written when the mapping is
 * made, before any probe can fire in it, so a record never refers to a
 * mapping the symtab has not been told about.
 *
 * Events of different CPUs are applied in time order (each carries its
 * time through sample_id_all): a child's mmap on one CPU must not be
 * applied before its fork on another.  Nothing wakes the consumer: the
 * rings are read when it reads records, and its poll timeout bounds how
 * long they fill (TRACK_RING_PAGES per CPU holds about a thousand events).
 *
 * The events only cover what happens after they were opened; /proc stays
 * the start state of a process that existed before (sym.c).
 */
#include "sym_int.h"

#include <errno.h>
#include <linux/perf_event.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

enum { TRACK_RING_PAGES = 32 }; /* data pages per CPU: a power of two */

struct track_ring {
	int fd;
	uint8_t *base; /* the control page, then the data pages */
	size_t size;   /* bytes of data */
};

/* A copied record, sorted by time before it is applied */
struct track_ev {
	uint64_t time;
	uint32_t off; /* in the copy buffer */
	uint32_t seq; /* ties keep ring order */
};

struct sym_track {
	struct track_ring *rings;
	int nrings;
	size_t page;
	uint8_t *buf; /* records copied out of the rings */
	size_t len, cap;
	struct track_ev *ev;
	size_t nev, evcap;
	int draining;
};

struct sample_id {
	uint32_t pid, tid;
	uint64_t time;
};

static long perf_open(struct perf_event_attr *a, int cpu)
{
	return syscall(SYS_perf_event_open, a, -1, cpu, -1, PERF_FLAG_FD_CLOEXEC);
}

void sym_track_free(struct symtab *st)
{
	struct sym_track *t = st->track;

	if (!t)
		return;
	for (int i = 0; i < t->nrings; i++) {
		munmap(t->rings[i].base, t->page + t->rings[i].size);
		close(t->rings[i].fd);
	}
	free(t->rings);
	free(t->buf);
	free(t->ev);
	free(t);
	st->track = NULL;
}

int symtab_track_open(struct symtab *st, int ncpus, int target)
{
	struct perf_event_attr a;
	struct sym_track *t;
	int err = 0;

	if (st->track)
		return 0;
	t = calloc(1, sizeof(*t));
	if (!t || !(t->rings = calloc((size_t)ncpus, sizeof(*t->rings)))) {
		free(t);
		return -ENOMEM;
	}
	t->page = (size_t)sysconf(_SC_PAGESIZE);
	memset(&a, 0, sizeof(a));
	a.size = sizeof(a);
	a.type = PERF_TYPE_SOFTWARE;
	a.config = PERF_COUNT_SW_DUMMY;
	a.sample_type = PERF_SAMPLE_TID | PERF_SAMPLE_TIME;
	a.sample_id_all = 1;
	a.mmap = 1;
	a.mmap2 = 1;
	a.comm = 1;
	a.comm_exec = 1;
	a.task = 1;
	/* nobody polls these descriptors: wake as rarely as possible */
	a.watermark = 1;
	a.wakeup_watermark = (uint32_t)(TRACK_RING_PAGES * t->page * 3 / 4);
	for (int cpu = 0; cpu < ncpus; cpu++) {
		struct track_ring *r = &t->rings[t->nrings];
		long fd = perf_open(&a, cpu);
		void *base;

		if (fd < 0) {
			err = -errno;
			continue; /* an offline CPU */
		}
		r->size = TRACK_RING_PAGES * t->page;
		base = mmap(NULL, t->page + r->size, PROT_READ | PROT_WRITE, MAP_SHARED, (int)fd, 0);
		if (base == MAP_FAILED) {
			err = -errno;
			close((int)fd);
			continue;
		}
		r->fd = (int)fd;
		r->base = base;
		t->nrings++;
	}
	st->track = t;
	if (t->nrings == 0) {
		sym_track_free(st);
		return err ? err : -ENODEV;
	}
	/* the start state: the target may have mapped its first objects
	 * before the events existed (a -c command stopped at its exec) */
	if (target > 0)
		sym_proc_refresh(st, target);
	return 0;
}

/* Copy ring r's waiting records into t->buf and index them */
static void ring_copy(struct sym_track *t, struct track_ring *r)
{
	struct perf_event_mmap_page *pg = (struct perf_event_mmap_page *)r->base;
	const uint8_t *data = r->base + t->page;
	uint64_t head = __atomic_load_n(&pg->data_head, __ATOMIC_ACQUIRE), tail = pg->data_tail;

	while (tail < head) {
		struct perf_event_header hd;
		size_t at = (size_t)(tail % r->size), first;
		uint8_t *dst;

		/* the header itself may wrap (records are 8-byte aligned, so
		 * it does not, but be safe) */
		first = r->size - at < sizeof(hd) ? r->size - at : sizeof(hd);
		memcpy(&hd, data + at, first);
		memcpy((uint8_t *)&hd + first, data, sizeof(hd) - first);
		if (hd.size < sizeof(hd) || hd.size > head - tail)
			break; /* cannot happen; stop rather than loop */
		if (t->len + hd.size > t->cap) {
			size_t nc = t->cap ? t->cap * 2 : 65536;
			uint8_t *nb;

			while (nc < t->len + hd.size)
				nc *= 2;
			if (!(nb = realloc(t->buf, nc)))
				break;
			t->buf = nb;
			t->cap = nc;
		}
		if (t->nev == t->evcap) {
			size_t nc = t->evcap ? t->evcap * 2 : 1024;
			struct track_ev *ne = realloc(t->ev, nc * sizeof(*ne));

			if (!ne)
				break;
			t->ev = ne;
			t->evcap = nc;
		}
		dst = t->buf + t->len;
		first = r->size - at < hd.size ? r->size - at : hd.size;
		memcpy(dst, data + at, first);
		memcpy(dst + first, data, hd.size - first);
		t->ev[t->nev].time = 0;
		if (hd.size >= sizeof(hd) + sizeof(struct sample_id))
			memcpy(&t->ev[t->nev].time, dst + hd.size - 8, 8);
		t->ev[t->nev].off = (uint32_t)t->len;
		t->ev[t->nev].seq = (uint32_t)t->nev;
		t->nev++;
		t->len += hd.size;
		tail += hd.size;
	}
	__atomic_store_n(&pg->data_tail, tail, __ATOMIC_RELEASE);
}

static int ev_cmp(const void *a, const void *b)
{
	const struct track_ev *x = a, *y = b;

	if (x->time != y->time)
		return x->time < y->time ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

struct rec_mmap2 {
	struct perf_event_header hd;
	uint32_t pid, tid;
	uint64_t addr, len, pgoff;
	uint32_t maj, min;
	uint64_t ino, ino_generation;
	uint32_t prot, flags;
	char filename[];
};

struct rec_task {
	struct perf_event_header hd;
	uint32_t pid, ppid, tid, ptid;
	uint64_t time;
};

struct rec_comm {
	struct perf_event_header hd;
	uint32_t pid, tid;
};

static void apply(struct symtab *st, const uint8_t *p)
{
	const struct perf_event_header *hd = (const void *)p;
	size_t body = hd->size - sizeof(struct sample_id);

	switch (hd->type) {
	case PERF_RECORD_MMAP2: {
		const struct rec_mmap2 *m = (const void *)p;
		char path[4096];
		size_t n;

		if (body <= sizeof(*m))
			return;
		n = strnlen(m->filename, body - sizeof(*m));
		if (n >= sizeof(path))
			n = sizeof(path) - 1;
		memcpy(path, m->filename, n);
		path[n] = 0;
		if (hd->misc & PERF_RECORD_MISC_MMAP_BUILD_ID)
			return; /* not asked for: no device and inode */
		sym_proc_mmap(st, (int)m->pid, m->addr, m->len, m->pgoff, ((uint64_t)m->maj << 32) | m->min,
			      m->ino, path);
		return;
	}
	case PERF_RECORD_COMM: {
		const struct rec_comm *c = (const void *)p;

		if (body >= sizeof(*c) && (hd->misc & PERF_RECORD_MISC_COMM_EXEC))
			sym_proc_exec(st, (int)c->pid);
		return;
	}
	case PERF_RECORD_FORK: {
		const struct rec_task *k = (const void *)p;

		/* a thread shares its process's mappings */
		if (body >= sizeof(*k) && k->pid != k->ppid && k->pid == k->tid)
			sym_proc_fork(st, (int)k->ppid, (int)k->pid);
		return;
	}
	case PERF_RECORD_EXIT: {
		const struct rec_task *k = (const void *)p;

		if (body >= sizeof(*k) && k->pid == k->tid)
			sym_proc_exit(st, (int)k->pid);
		return;
	}
	case PERF_RECORD_LOST:
		sym_proc_untrack_all(st);
		return;
	default:
		return;
	}
}

void sym_track_drain(struct symtab *st)
{
	struct sym_track *t = st->track;

	/* applying opens files, which never drains; but be sure */
	if (!t || t->draining)
		return;
	t->draining = 1;
	t->len = 0;
	t->nev = 0;
	for (int i = 0; i < t->nrings; i++)
		ring_copy(t, &t->rings[i]);
	if (t->nev > 1)
		qsort(t->ev, t->nev, sizeof(*t->ev), ev_cmp);
	for (size_t i = 0; i < t->nev; i++)
		apply(st, t->buf + t->ev[i].off);
	st->track_events += t->nev;
	t->draining = 0;
}

void symtab_track_sync(struct symtab *st)
{
	if (!st->track)
		return;
	/* a new batch: the records from before an exec were consumed */
	if (st->execs)
		sym_proc_drop_old(st);
	sym_track_drain(st);
}
