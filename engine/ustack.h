/*
 * ustack.h - naming and unwinding stacks (stack(), ustack() and friends).
 *
 * The kernel side captures, at the probe: kernel return addresses (from a
 * stack map or bpf_get_stack), user return addresses walked by frame
 * pointers, or, for DWARF unwinding, the user registers (pt_regs) and the
 * top bytes of the user stack.  Everything here runs in the consumer:
 *
 *   - kernel addresses are named from /proc/kallsyms (modules included);
 *   - user addresses are named per process: its mappings as they were at
 *     the probe's time (the kernel's mmap, exec, fork and exit events,
 *     symtab_track_open; /proc/PID/maps for the state before them), then
 *     the ELF symbols of the mapped file (.symtab, .dynsym, a debug
 *     file by build-id under /usr/lib/debug/.build-id/xx/rest.debug or by
 *     .gnu_debuglink);
 *   - DWARF stacks are unwound with libunwind's remote interface over the
 *     captured registers and bytes, with the unwind tables of each mapped
 *     object (.eh_frame_hdr / .eh_frame), as perf --call-graph dwarf does.
 *
 * All of it is cached (symbols per file, maps per process, unwound stacks
 * by what the unwinder read), so a steady workload names and unwinds at
 * hundreds of thousands of stacks per second.
 */
#ifndef DSCOPE_USTACK_H
#define DSCOPE_USTACK_H

#include <stddef.h>
#include <stdint.h>

struct symtab;

struct symtab *symtab_new(void);
void symtab_free(struct symtab *st);

/* How a user address is printed (dtrace's ustack frame, usym/ufunc, umod,
 * uaddr) */
enum sym_how {
	SYM_FULL, /* module`function+0xoff ("module`function" at offset 0) */
	SYM_FUNC, /* module`function */
	SYM_MOD,  /* module */
};

/*
 * A kernel address as dtrace prints a stack() frame: "vmlinux`function+0x1c"
 * or "module`function+0x1c" (a loadable module), "0xffffffff81234567" when
 * no symbol covers it.  Returns the length written (snprintf's), never fails.
 */
int sym_kernel(struct symtab *st, uint64_t addr, enum sym_how how, char *buf, size_t n);

/*
 * A user address of process pid: "libc.so.6`malloc+0x10" (the module is the
 * mapped file's base name), "top`+0x1a2b" for an address in a mapped file
 * without a symbol covering it (module-relative: meaningful offline), the
 * bare address "0x7f12345678" outside every known mapping (JIT code, a
 * process already gone).  Returns the length written.
 */
int sym_user(struct symtab *st, int pid, uint64_t addr, enum sym_how how, char *buf, size_t n);

/*
 * Read pid's mappings now (the consumer calls this when it first sees a
 * process, after proc:::exec-success, and sym_user calls it itself when an
 * address falls outside the mappings it knows).  0, or -errno (the process
 * is gone: its last mappings, if any, stay in use).
 */
int sym_proc_refresh(struct symtab *st, int pid);

/*
 * A probe saw pid for the first time (REC_PID): its mappings are read now,
 * unless the mmap events already keep them (symtab_track_open).  0 or
 * -errno as sym_proc_refresh.
 */
int sym_proc_seen(struct symtab *st, int pid);

/*
 * Keep every process's mappings current from the kernel's own events, as
 * perf does: one PERF_COUNT_SW_DUMMY event per CPU for all processes,
 * reporting executable mmaps, execs, forks and exits into rings the
 * consumer drains (symtab_track_sync) before it reads records, so a
 * process that maps a library and exits between two reads of the consumer
 * is still named.  The /proc read stays the start state of processes that
 * existed before; target > 0 is read at once (a -c command stopped at its
 * exec, a -p process).  Closed by symtab_free.  0 or -errno (the events
 * could not be opened: naming falls back to /proc reads).
 */
int symtab_track_open(struct symtab *st, int ncpus, int target);
/* Apply the events waiting in the rings; cheap when there are none. */
void symtab_track_sync(struct symtab *st);

/* The process exited: its mappings may be dropped after a while. */
void sym_proc_exit(struct symtab *st, int pid);

/*
 * -x ustackmode=auto: 1 when process pid's main executable and every
 * library it maps, or names as needed, keep frame pointers (so the
 * kernel's frame-pointer walk is right), else 0; 0 without a process.
 * why gets one line saying what decided (the first object that does not
 * keep them).  Reads the files, not the process's memory.
 */
int ustack_fp_auto(int pid, char *why, size_t n);

/* Registers at the probe, in the kernel's x86-64 struct pt_regs order
 * (r15 r14 r13 r12 bp bx r11 r10 r9 r8 ax cx dx si di orig_ax ip cs flags
 * sp ss): 21 u64. */
enum { USTACK_NREGS = 21 };

/*
 * Unwind a user stack from DWARF call-frame information: regs at the probe,
 * `len` bytes of the stack copied from regs' sp upward.  Fills pcs with up
 * to max return addresses, the probe's own ip first.  *truncated is set
 * when the walk ran off the captured bytes (or hit an unreadable frame)
 * before reaching the outermost frame.  Returns the number of pcs (at
 * least 1), or -errno.
 */
int unwind_user(struct symtab *st, int pid, const uint64_t regs[USTACK_NREGS], const uint8_t *stack,
		size_t len, uint64_t *pcs, int max, int *truncated);

#endif
