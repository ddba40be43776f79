/*
 * test_sym.c - naming addresses (engine/sym.c, engine/sym_elf.c) against
 * the real kernel and real processes.
 *
 * Proves: a kernel symbol from /proc/kallsyms names as "vmlinux`name" and
 * "+0x.." past its start, a module's address names its module (when this
 * kernel has modules loaded), an address no symbol covers prints in hex;
 * in a live process (build/progs/chain stopped in c()) a function names as
 * "chain`c+0x..", the stripped copy as "chain-stripped`+0x.." relative to
 * the module, the copy with a .gnu_debuglink names again from chain.debug;
 * libc's exported functions name from .dynsym; a file deleted after it was
 * mapped still names; two processes mapping one file share it; a process
 * named before its exit still names after, one never seen prints hex;
 * a process started after the mmap events were opened and killed before
 * anything read its maps still names (its unwind tables placed too), and
 * its image before an exec is dropped only at the next batch.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <sys/auxv.h>
#include <sys/stat.h>

#include "chain_child.h"
#include "sym_int.h"
#include "ustack.h"

static void kernel_known(void **state)
{
	struct symtab *st = symtab_new();
	FILE *fp = fopen("/proc/kallsyms", "r");
	char line[512], name[256], buf[300], want[300], type;
	unsigned long long addr, target = 0, next = ~0ull;
	int dup = 0;

	(void)state;
	assert_non_null(fp);
	while (fgets(line, sizeof(line), fp))
		if (sscanf(line, "%llx %c %255s", &addr, &type, name) == 3 && strcmp(name, "vfs_read") == 0)
			target = addr;
	assert_true(target != 0);
	rewind(fp);
	while (fgets(line, sizeof(line), fp))
		if (sscanf(line, "%llx %c %255s", &addr, &type, name) == 3) {
			if (addr == target && strcmp(name, "vfs_read") != 0)
				dup = 1;
			if (addr > target && addr < next)
				next = addr;
		}
	fclose(fp);
	assert_false(dup);
	assert_true(next > target + 0x10);

	sym_kernel(st, target, SYM_FULL, buf, sizeof(buf));
	assert_string_equal(buf, "vmlinux`vfs_read");
	sym_kernel(st, target + 0x10, SYM_FULL, buf, sizeof(buf));
	assert_string_equal(buf, "vmlinux`vfs_read+0x10");
	sym_kernel(st, target + 0x10, SYM_FUNC, buf, sizeof(buf));
	assert_string_equal(buf, "vmlinux`vfs_read");
	sym_kernel(st, target + 0x10, SYM_MOD, buf, sizeof(buf));
	assert_string_equal(buf, "vmlinux");
	/* the return value is snprintf's */
	snprintf(want, sizeof(want), "vmlinux`vfs_read+0x10");
	assert_int_equal(sym_kernel(st, target + 0x10, SYM_FULL, buf, 4), (int)strlen(want));
	assert_string_equal(buf, "vml");
	symtab_free(st);
}

/* A module's symbol names its module: a loadable module from /proc/modules
 * if any is loaded, else a pseudo-module kallsyms lists ([bpf],
 * [__builtin__ftrace]).  (cmocka's skip() would read as a failure in TAP.) */
static void kernel_module(void **state)
{
	struct symtab *st = symtab_new();
	FILE *fp = fopen("/proc/kallsyms", "r");
	char line[512], name[256], mod[128] = "", buf[512];
	unsigned long long addr = 0;
	char type;
	int found = 0;

	(void)state;
	assert_non_null(fp);
	while (fgets(line, sizeof(line), fp))
		if (sscanf(line, "%llx %c %255s [%127[^]]]", &addr, &type, name, mod) == 4 && addr) {
			found = 1;
			break;
		}
	fclose(fp);
	if (!found) {
		print_message("# no module symbols in /proc/kallsyms: nothing to check\n");
		symtab_free(st);
		return;
	}
	sym_kernel(st, addr, SYM_MOD, buf, sizeof(buf));
	assert_string_equal(buf, mod);
	sym_kernel(st, addr, SYM_FULL, buf, sizeof(buf));
	/* another symbol of the module may share the address */
	assert_true(strncmp(buf, mod, strlen(mod)) == 0 && buf[strlen(mod)] == '`');
	symtab_free(st);
}

static void kernel_unknown(void **state)
{
	struct symtab *st = symtab_new();
	char buf[64];

	(void)state;
	sym_kernel(st, 0x1000, SYM_FULL, buf, sizeof(buf));
	assert_string_equal(buf, "0x1000");
	sym_kernel(st, 0xfffffffffffff000ull, SYM_FUNC, buf, sizeof(buf));
	assert_string_equal(buf, "0xfffffffffffff000");
	symtab_free(st);
}

static void expect_user(struct symtab *st, int pid, uint64_t addr, enum sym_how how, const char *want)
{
	char buf[512];

	sym_user(st, pid, addr, how, buf, sizeof(buf));
	assert_string_equal(buf, want);
}

static void user_chain(void **state)
{
	struct symtab *st = symtab_new();
	struct chain_child ch;
	char path[512];
	int pid;

	(void)state;
	assert_int_equal(chain_start(&ch, chain_path("chain", path, sizeof(path)), 1), 0);
	assert_int_equal(sym_proc_refresh(st, ch.pid), 0);
	expect_user(st, ch.pid, ch.c, SYM_FULL, "chain`c");
	expect_user(st, ch.pid, ch.c + 5, SYM_FULL, "chain`c+0x5");
	expect_user(st, ch.pid, ch.c + 5, SYM_FUNC, "chain`c");
	expect_user(st, ch.pid, ch.c + 5, SYM_MOD, "chain");
	expect_user(st, ch.pid, ch.b + 1, SYM_FULL, "chain`b+0x1");
	expect_user(st, ch.pid, ch.main_, SYM_FULL, "chain`main");
	/* no mapping there */
	expect_user(st, ch.pid, 0x10, SYM_FULL, "0x10");
	pid = ch.pid;
	chain_kill(&ch);
	/* seen alive: its mappings stay after the exit */
	sym_proc_exit(st, pid);
	expect_user(st, pid, ch.c + 5, SYM_FULL, "chain`c+0x5");
	assert_int_equal(sym_proc_refresh(st, pid), -ENOENT);
	expect_user(st, pid, ch.c + 5, SYM_FULL, "chain`c+0x5");
	symtab_free(st);
}

/* The module offset of addr in pid's mapping of a file named name */
static uint64_t module_offset(int pid, const char *name, uint64_t addr)
{
	char p[64], line[1024];
	FILE *fp;
	unsigned long long s, e, off, base = 0;

	snprintf(p, sizeof(p), "/proc/%d/maps", pid);
	fp = fopen(p, "r");
	assert_non_null(fp);
	while (fgets(line, sizeof(line), fp)) {
		size_t l = strlen(line);

		if (l > 1 && line[l - 1] == '\n')
			line[--l] = 0;
		if (l > strlen(name) && strcmp(line + l - strlen(name), name) == 0 &&
		    line[l - strlen(name) - 1] == '/' &&
		    sscanf(line, "%llx-%llx %*s %llx", &s, &e, &off) == 3 && off == 0) {
			base = s;
			break;
		}
	}
	fclose(fp);
	assert_true(base != 0);
	return addr - base;
}

static void user_stripped(void **state)
{
	struct symtab *st = symtab_new();
	struct chain_child ch;
	char path[512], want[128];

	(void)state;
	assert_int_equal(chain_start(&ch, chain_path("chain-stripped", path, sizeof(path)), 1), 0);
	snprintf(want, sizeof(want), "chain-stripped`+0x%" PRIx64,
		 module_offset(ch.pid, "chain-stripped", ch.c + 3));
	expect_user(st, ch.pid, ch.c + 3, SYM_FULL, want);
	expect_user(st, ch.pid, ch.c + 3, SYM_MOD, "chain-stripped");
	chain_kill(&ch);
	symtab_free(st);
}

static void user_debuglink(void **state)
{
	struct symtab *st = symtab_new();
	struct chain_child ch;
	char path[512];

	(void)state;
	assert_int_equal(chain_start(&ch, chain_path("chain-linked", path, sizeof(path)), 1), 0);
	expect_user(st, ch.pid, ch.c + 5, SYM_FULL, "chain-linked`c+0x5");
	expect_user(st, ch.pid, ch.a, SYM_FULL, "chain-linked`a");
	chain_kill(&ch);
	symtab_free(st);
}

static void user_libc(void **state)
{
	struct symtab *st = symtab_new();
	char buf[256];

	(void)state;
	/* not intercepted by the sanitizers: libc's own */
	sym_user(st, getpid(), (uint64_t)(uintptr_t)&getppid, SYM_FUNC, buf, sizeof(buf));
	assert_string_equal(buf, "libc.so.6`getppid");
	symtab_free(st);
}

/* The vdso names from dscope's own copy of it */
static void user_vdso(void **state)
{
	struct symtab *st = symtab_new();
	uint64_t base = getauxval(AT_SYSINFO_EHDR);
	char buf[256];

	(void)state;
	assert_true(base != 0);
	sym_user(st, getpid(), base + 0x10, SYM_MOD, buf, sizeof(buf));
	assert_string_equal(buf, "[vdso]");
	sym_user(st, getpid(), base + 0x10, SYM_FULL, buf, sizeof(buf));
	assert_true(strncmp(buf, "[vdso]`", 7) == 0);
	symtab_free(st);
}

static void user_deleted(void **state)
{
	struct symtab *st = symtab_new();
	struct chain_child ch;
	char src[512], tmp[] = "/tmp/dscope-chainXXXXXX", buf[4096], want[128];
	int in, out;
	ssize_t n;

	(void)state;
	in = open(chain_path("chain", src, sizeof(src)), O_RDONLY);
	out = mkstemp(tmp);
	assert_true(in >= 0 && out >= 0);
	while ((n = read(in, buf, sizeof(buf))) > 0)
		assert_int_equal(write(out, buf, (size_t)n), n);
	close(in);
	fchmod(out, 0700);
	close(out);
	assert_int_equal(chain_start(&ch, tmp, 1), 0);
	unlink(tmp);
	snprintf(want, sizeof(want), "%s`c+0x2", strrchr(tmp, '/') + 1);
	expect_user(st, ch.pid, ch.c + 2, SYM_FULL, want);
	chain_kill(&ch);
	symtab_free(st);
}

static void user_shared(void **state)
{
	struct symtab *st = symtab_new();
	struct chain_child c1, c2;
	char path[512];
	const struct sym_proc *p1, *p2;
	const struct sym_map *m1, *m2;

	(void)state;
	chain_path("chain", path, sizeof(path));
	assert_int_equal(chain_start(&c1, path, 1), 0);
	assert_int_equal(chain_start(&c2, path, 1), 0);
	assert_int_equal(sym_proc_refresh(st, c1.pid), 0);
	assert_int_equal(sym_proc_refresh(st, c2.pid), 0);
	p1 = sym_proc_get(st, c1.pid);
	p2 = sym_proc_get(st, c2.pid);
	m1 = sym_proc_find(p1, c1.c);
	m2 = sym_proc_find(p2, c2.c);
	assert_non_null(m1);
	assert_non_null(m2);
	assert_ptr_equal(m1->file, m2->file);
	chain_kill(&c1);
	chain_kill(&c2);
	symtab_free(st);
}

static void user_gone(void **state)
{
	struct symtab *st = symtab_new();
	struct chain_child ch;
	char path[512], want[64];
	int pid;

	(void)state;
	assert_int_equal(chain_start(&ch, chain_path("chain", path, sizeof(path)), 1), 0);
	pid = ch.pid;
	chain_kill(&ch);
	/* never seen alive: nothing to name it with */
	snprintf(want, sizeof(want), "0x%" PRIx64, ch.c);
	expect_user(st, pid, ch.c, SYM_FULL, want);
	symtab_free(st);
}

static void user_tracked(void **state)
{
	struct symtab *st = symtab_new();
	struct chain_child ch;
	char path[512], want[64];
	const struct sym_proc *p;
	const struct sym_map *m;
	uint64_t hv;
	int pid, r, found = 0;

	(void)state;
	r = symtab_track_open(st, (int)sysconf(_SC_NPROCESSORS_CONF), 0);
	assert_int_equal(r, 0);
	assert_int_equal(chain_start(&ch, chain_path("chain", path, sizeof(path)), 1), 0);
	pid = ch.pid;
	chain_kill(&ch);
	symtab_track_sync(st);
	p = sym_proc_get(st, pid);
	assert_non_null(p);
	assert_true(p->tracked && p->exited);
	expect_user(st, pid, ch.c + 2, SYM_FULL, "chain`c+0x2");
	expect_user(st, pid, ch.main_, SYM_FUNC, "chain`main");
	/* only the executable mapping is reported: the read-only one holding
	 * .eh_frame_hdr is placed from the program headers */
	m = sym_proc_find(p, ch.c);
	assert_non_null(m);
	assert_true(m->file->has_eh);
	assert_true(sym_file_off2vaddr(m->file, m->file->eh_off, &hv));
	for (int i = 0; i < p->nmaps; i++)
		if (p->maps[i].file == m->file && m->file->eh_off >= p->maps[i].pgoff &&
		    m->file->eh_off - p->maps[i].pgoff < p->maps[i].end - p->maps[i].start)
			found = 1;
	assert_true(found);
	/* an exec: the old image names the records of this batch, then goes */
	sym_proc_exec(st, pid);
	expect_user(st, pid, ch.c, SYM_FUNC, "chain`c");
	symtab_track_sync(st);
	snprintf(want, sizeof(want), "0x%" PRIx64, ch.c);
	expect_user(st, pid, ch.c, SYM_FUNC, want);
	symtab_free(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(kernel_known),	  cmocka_unit_test(kernel_module),
		cmocka_unit_test(kernel_unknown), cmocka_unit_test(user_chain),
		cmocka_unit_test(user_stripped),  cmocka_unit_test(user_debuglink),
		cmocka_unit_test(user_libc),	  cmocka_unit_test(user_vdso),
		cmocka_unit_test(user_deleted),	  cmocka_unit_test(user_shared),
		cmocka_unit_test(user_gone),	  cmocka_unit_test(user_tracked),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
