/*
 * chain_child.h - run build/progs/chain (or a copy of it) under ptrace,
 * stopped inside c(), and capture what the kernel side of ustack() would:
 * the registers (struct user_regs_struct begins with pt_regs' 21 words)
 * and the bytes of the stack from sp upward.
 *
 * The programs are found in $DSCOPE_TEST_PROGS, else build/progs (the
 * tests run from the tree's top).
 */
#ifndef CHAIN_CHILD_H
#define CHAIN_CHILD_H

#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

struct chain_child {
	pid_t pid;
	FILE *out;
	uint64_t a, b, c, main_;
};

static inline const char *chain_path(const char *name, char *buf, size_t n)
{
	const char *dir = getenv("DSCOPE_TEST_PROGS");

	snprintf(buf, n, "%s/%s", dir && *dir ? dir : "build/progs", name);
	return buf;
}

/* Start PATH -s -n ITER traced; returns with the child stopped in c() the
 * first time.  0, or -1. */
static inline int chain_start(struct chain_child *ch, const char *path, int iter)
{
	int fd[2], st;
	char n[16];
	void *pa, *pb, *pc, *pm;

	memset(ch, 0, sizeof(*ch));
	if (pipe(fd) < 0)
		return -1;
	snprintf(n, sizeof(n), "%d", iter);
	ch->pid = fork();
	if (ch->pid < 0)
		return -1;
	if (ch->pid == 0) {
		dup2(fd[1], 1);
		close(fd[0]);
		close(fd[1]);
		ptrace(PTRACE_TRACEME, 0, 0, 0);
		execl(path, path, "-s", "-n", n, (char *)NULL);
		_exit(127);
	}
	close(fd[1]);
	ch->out = fdopen(fd[0], "r");
	/* the exec stop, then run to the first SIGSTOP in c() */
	if (waitpid(ch->pid, &st, 0) != ch->pid || !WIFSTOPPED(st))
		return -1;
	ptrace(PTRACE_CONT, ch->pid, 0, 0);
	if (fscanf(ch->out, "%p %p %p %p", &pa, &pb, &pc, &pm) != 4)
		return -1;
	ch->a = (uint64_t)(uintptr_t)pa;
	ch->b = (uint64_t)(uintptr_t)pb;
	ch->c = (uint64_t)(uintptr_t)pc;
	ch->main_ = (uint64_t)(uintptr_t)pm;
	return waitpid(ch->pid, &st, 0) == ch->pid && WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP ? 0 : -1;
}

/* Registers and up to len stack bytes of the stopped child; the number of
 * bytes read. */
static inline size_t chain_capture(struct chain_child *ch, uint64_t regs[21], uint8_t *stack, size_t len)
{
	struct user_regs_struct ur;
	struct iovec l, r;
	ssize_t got;

	if (ptrace(PTRACE_GETREGS, ch->pid, 0, &ur) < 0)
		return 0;
	memcpy(regs, &ur, 21 * sizeof(uint64_t));
	l.iov_base = stack;
	l.iov_len = len;
	r.iov_base = (void *)(uintptr_t)ur.rsp;
	r.iov_len = len;
	got = process_vm_readv(ch->pid, &l, 1, &r, 1, 0);
	/* near the top of the stack: fewer bytes exist */
	while (got < 0 && r.iov_len > 4096) {
		r.iov_len -= 4096;
		l.iov_len = r.iov_len;
		got = process_vm_readv(ch->pid, &l, 1, &r, 1, 0);
	}
	return got < 0 ? 0 : (size_t)got;
}

/* Let the child run to its next stop in c(); 0, or -1 when it exited */
static inline int chain_next(struct chain_child *ch)
{
	int st;

	ptrace(PTRACE_CONT, ch->pid, 0, 0);
	if (waitpid(ch->pid, &st, 0) != ch->pid)
		return -1;
	return WIFSTOPPED(st) ? 0 : -1;
}

static inline void chain_kill(struct chain_child *ch)
{
	if (ch->pid > 0) {
		kill(ch->pid, SIGKILL);
		waitpid(ch->pid, NULL, 0);
		ch->pid = 0;
	}
	if (ch->out)
		fclose(ch->out);
	ch->out = NULL;
}

#endif
