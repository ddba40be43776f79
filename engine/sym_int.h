/*
 * sym_int.h - what sym.c, sym_elf.c and unwind.c share behind ustack.h.
 *
 * Ownership: the symtab owns every process (struct sym_proc) and every
 * mapped object (struct sym_file).  Files are shared by all processes that
 * map them (keyed by the device and inode /proc/PID/maps reports) and live
 * as long as the symtab: their images stay mapped, so a file deleted or a
 * process gone after it was first seen can still be named and unwound.
 * Processes hold borrowed pointers to files.
 */
#ifndef DSCOPE_SYM_INT_H
#define DSCOPE_SYM_INT_H

#include "ustack.h"

#include <stdint.h>
#include <libelf.h>

/* One symbol: [addr, addr + size) in the file's own virtual addresses */
struct sym_ent {
	uint64_t addr;
	uint64_t size;
	const char *name; /* borrowed: the ELF string table (file image) */
};

struct sym_load {
	uint64_t off, filesz, vaddr, memsz;
};

enum { SYM_MAX_LOADS = 16 };

/* A mapped object: an ELF file (or the vdso) and what was read from it */
struct sym_file {
	struct sym_file *next; /* hash chain */
	uint64_t dev, ino;
	char *name; /* base name: the module of dsym frames */
	char *path; /* as the first process mapped it */
	Elf *elf;   /* NULL: not an ELF object we could open */
	const uint8_t *img;
	size_t img_len;
	uint8_t *img_copy; /* owned copy (the vdso), else NULL */
	struct sym_load loads[SYM_MAX_LOADS];
	int nloads;
	uint64_t base; /* lowest PT_LOAD vaddr, page-aligned: module offsets count from it */
	/* .eh_frame_hdr: file offset, its binary-search table, entries */
	int has_eh;
	uint64_t eh_off, eh_table_off, eh_count;
	/* symbols, read on first use; debug: the separate debug file */
	int syms_read;
	struct sym_ent *syms;
	size_t nsyms;
	Elf *debug_elf;
	char *root; /* "/proc/PID/root" of the first mapper (debug file search) */
};

struct sym_map {
	uint64_t start, end, pgoff;
	struct sym_file *file; /* NULL: anonymous, heap, stack... */
	int old;	       /* the image before an exec: dropped after a batch */
};

struct sym_proc {
	struct sym_proc *next; /* hash chain */
	int pid;
	int exited;
	int known;	    /* maps were read at least once */
	int tracked;	    /* the mmap events keep maps current (sym_track.c) */
	int used;	    /* a probe named it: kept a while after its exit */
	int execed;	    /* has old mappings (sym_proc_exec) */
	uint32_t gen;	    /* bumped whenever the mappings change */
	uint64_t exit_seq;  /* order of exits, for dropping the oldest */
	uint64_t refreshed; /* CLOCK_MONOTONIC ns of the last read */
	struct sym_map *maps;
	int nmaps;
};

enum { SYM_PROC_BUCKETS = 256, SYM_FILE_BUCKETS = 512 };

struct ksym {
	uint64_t addr;
	uint64_t end;	    /* exclusive */
	uint32_t name, mod; /* offsets in kstr; mod 0 = vmlinux */
};

struct unwind_cache;

struct symtab {
	struct sym_proc *procs[SYM_PROC_BUCKETS];
	struct sym_file *files[SYM_FILE_BUCKETS];
	uint64_t exits, nexited;
	/* kernel */
	int kread;
	struct ksym *ksyms;
	size_t nksyms;
	char *kstr;
	/* the kernel's mmap, exec, fork and exit events (sym_track.c) */
	struct sym_track *track;
	/* unwinding (unwind.c) */
	struct unwind_cache *uw;
	/* counters, for tests and the bench */
	uint64_t uw_hits, uw_misses, uw_steps, uw_flushes, uw_diverged;
	uint64_t track_events;
	int execs;	  /* processes with old mappings */
	uint32_t gen_seq; /* mapping generations, never reused */
};

/* sym.c */
struct sym_proc *sym_proc_get(struct symtab *st, int pid);
const struct sym_map *sym_proc_find(const struct sym_proc *p, uint64_t addr);
/* The process's maps, reading them if never read (or if addr falls outside
 * them, at most every few milliseconds); NULL when none are known. */
struct sym_proc *sym_proc_for(struct symtab *st, int pid, uint64_t addr);

/*
 * What the mmap events say (sym_track.c): pid mapped [start, start+len)
 * of a file at pgoff, execed, forked child, exited.  A process first known
 * from them is tracked (its maps are complete and current: no /proc read
 * needed) when it was created by an exec or by a fork of a tracked parent;
 * one that existed before is completed by a /proc read at first use.
 */
void sym_proc_mmap(struct symtab *st, int pid, uint64_t start, uint64_t len, uint64_t pgoff, uint64_t dev,
		   uint64_t ino, const char *path);
void sym_proc_exec(struct symtab *st, int pid);
void sym_proc_fork(struct symtab *st, int ppid, int pid);
/* Events were lost: every process's maps must be read again on a miss */
void sym_proc_untrack_all(struct symtab *st);
/* The images processes had before their exec: records consumed since the
 * exec was applied are done with them */
void sym_proc_drop_old(struct symtab *st);
/* sym_track.c: apply the events waiting; free the rings */
void sym_track_drain(struct symtab *st);
void sym_track_free(struct symtab *st);

/* sym_elf.c */
struct sym_file *sym_file_get(struct symtab *st, int pid, uint64_t dev, uint64_t ino, const char *path,
			      uint64_t start, uint64_t end);
struct sym_file *sym_file_vdso(struct symtab *st, uint64_t len);
void sym_file_free(struct sym_file *f);
/* The file's virtual address of a file offset; 0 when no PT_LOAD holds it */
int sym_file_off2vaddr(const struct sym_file *f, uint64_t off, uint64_t *vaddr);
const struct sym_ent *sym_file_lookup(struct sym_file *f, uint64_t vaddr);

/* unwind.c */
void unwind_fini(struct symtab *st);

uint64_t sym_now_ns(void);

#endif
