/*
 * test_x86_insn.c - the x86-64 instruction length decoder
 * (engine/x86_insn.c), proven against GNU objdump on real binaries.
 *
 * Proves: lengths and control-transfer kinds of hand-picked encodings
 * (prefixes, REX, VEX, EVEX, XOP, 3DNow!, moffs, imm64, groups whose
 * immediate depends on ModRM.reg, RIP-relative and SIB forms); and, for
 * libc.so.6 (every function, its debug file's symbols when installed),
 * /usr/bin/top, dscope itself and a test program, that
 *   - every instruction objdump -d prints has the length we decode, and
 *   - decoding every function symbol linearly from its first byte to its
 *     end lands on exactly objdump's instruction boundaries, with no
 *     instruction crossing the function's end.
 * objdump runs at test time; without it the comparison is skipped.
 * The counts are printed (DSCOPE_X86_VERBOSE=1 prints each disagreement).
 */
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "sym_debug.h"
#include "x86_insn.h"

/* ---- hand-picked encodings ---- */

static int dec(const char *hex, struct x86_insn *in)
{
	uint8_t b[32];
	size_t n = 0;
	unsigned v;
	int k;

	while (*hex && n < sizeof(b)) {
		if (*hex == ' ') {
			hex++;
			continue;
		}
		if (sscanf(hex, "%2x%n", &v, &k) != 1)
			break;
		b[n++] = (uint8_t)v;
		hex += k;
	}
	return x86_insn_decode(b, n, in);
}

static void test_encodings(void **state)
{
	static const struct {
		const char *hex;
		int len, kind;
	} cases[] = {
		{ "c3", 1, X86_RET },
		{ "f3 c3", 2, X86_RET },
		{ "c2 08 00", 3, X86_RET },
		{ "f3 0f 1e fa", 4, X86_OTHER },		       /* endbr64 */
		{ "55", 1, X86_OTHER },				       /* push %rbp */
		{ "48 89 e5", 3, X86_OTHER },			       /* mov %rsp,%rbp */
		{ "48 8b 05 a5 bf 01 00", 7, X86_OTHER },	       /* mov rip-rel */
		{ "48 8b 44 24 08", 5, X86_OTHER },		       /* SIB + disp8 */
		{ "8b 04 25 00 00 00 00", 7, X86_OTHER },	       /* SIB, no base: disp32 */
		{ "48 8b 84 c8 00 01 00 00", 8, X86_OTHER },	       /* SIB + disp32 */
		{ "66 2e 0f 1f 84 00 00 00 00 00", 10, X86_OTHER },    /* cs nopw */
		{ "66 66 2e 0f 1f 84 00 00 00 00 00", 11, X86_OTHER }, /* data16 cs nopw */
		{ "0f 1f 44 00 00", 5, X86_OTHER },		       /* nopl */
		{ "48 b8 88 77 66 55 44 33 22 11", 10, X86_OTHER },    /* movabs imm64 */
		{ "66 b8 34 12", 4, X86_OTHER },		       /* mov imm16 */
		{ "b8 78 56 34 12", 5, X86_OTHER },		       /* mov imm32 */
		{ "48 a1 88 77 66 55 44 33 22 11", 10, X86_OTHER },    /* movabs moffs */
		{ "67 a1 44 33 22 11", 6, X86_OTHER },		       /* moffs32 */
		{ "f6 c1 01", 3, X86_OTHER },			       /* test $1,%cl */
		{ "f6 d9", 2, X86_OTHER },			       /* neg %cl: no imm */
		{ "f7 c1 01 00 00 00", 6, X86_OTHER },		       /* test imm32 */
		{ "66 f7 c1 01 00", 5, X86_OTHER },		       /* test imm16 */
		{ "48 f7 d8", 3, X86_OTHER },			       /* neg %rax */
		{ "66 81 7f 02 ff 00", 6, X86_OTHER },		       /* cmpw imm16 */
		{ "48 81 ec 00 10 00 00", 7, X86_OTHER },	       /* REX.W imm32 */
		{ "c8 10 00 00", 4, X86_OTHER },		       /* enter */
		{ "e8 00 00 00 00", 5, X86_CALL },
		{ "e9 10 00 00 00", 5, X86_JMP },
		{ "eb fe", 2, X86_JMP },
		{ "74 05", 2, X86_JCC },
		{ "0f 84 00 01 00 00", 6, X86_JCC },
		{ "e3 00", 2, X86_JCC }, /* jrcxz */
		{ "ff e0", 2, X86_JMP_IND },
		{ "3e ff e0", 3, X86_JMP_IND }, /* notrack jmp */
		{ "ff 25 00 10 00 00", 6, X86_JMP_IND },
		{ "ff d0", 2, X86_CALL_IND },
		{ "ff 15 00 10 00 00", 6, X86_CALL_IND },
		{ "41 ff d3", 3, X86_CALL_IND },
		{ "f0 48 0f b1 0a", 5, X86_OTHER },			      /* lock cmpxchg */
		{ "0f 20 c0", 3, X86_OTHER },				      /* mov %cr0,%rax */
		{ "0f 0f c1 b4", 4, X86_OTHER },			      /* 3DNow! pfadd */
		{ "66 0f 3a 0f c1 08", 6, X86_OTHER },			      /* palignr */
		{ "66 0f 38 00 c1", 5, X86_OTHER },			      /* pshufb */
		{ "66 0f 70 c1 1b", 5, X86_OTHER },			      /* pshufd */
		{ "66 0f 78 c0 04 08", 6, X86_OTHER },			      /* extrq imm, imm */
		{ "c5 f8 77", 3, X86_OTHER },				      /* vzeroupper */
		{ "c5 fd 6f 04 24", 5, X86_OTHER },			      /* vmovdqa */
		{ "c4 e3 7d 38 c1 01", 6, X86_OTHER },			      /* vinserti128 */
		{ "c5 f9 70 c1 1b", 5, X86_OTHER },			      /* vpshufd */
		{ "62 f1 fe 48 6f 44 24 01", 8, X86_OTHER },		      /* vmovdqu64 disp8*N */
		{ "62 f3 7d 48 3f c1 00", 7, X86_OTHER },		      /* vpcmpb imm */
		{ "62 b2 7d 20 64 0c 17", 7, X86_OTHER },		      /* vpmaxsb */
		{ "8f e9 78 e1 c1", 5, X86_OTHER },			      /* XOP vphsubbw */
		{ "8f ea 78 10 c1 04 03 02 01", 9, X86_OTHER },		      /* XOP bextr imm32 */
		{ "8f 00", 2, X86_OTHER },				      /* pop (%rax) */
		{ "c7 f8 00 00 00 00", 6, X86_OTHER },			      /* xbegin */
		{ "c6 f8 01", 3, X86_OTHER },				      /* xabort */
		{ "48 0f c7 0e", 4, X86_OTHER },			      /* cmpxchg16b */
		{ "d9 ee", 2, X86_OTHER },				      /* fldz */
		{ "dd 44 24 08", 4, X86_OTHER },			      /* fldl disp8 */
		{ "26 a5", 2, X86_OTHER },				      /* es movsl */
		{ "06", -1, 0 },					      /* push es: invalid */
		{ "0f 0b", 2, X86_OTHER },				      /* ud2 */
		{ "0f ff 00", 3, X86_OTHER },				      /* ud0 */
		{ "66 66 66 66 66 66 66 66 66 66 66 66 66 66 90", 15, 0 },    /* 15 bytes */
		{ "66 66 66 66 66 66 66 66 66 66 66 66 66 66 66 90", -1, 0 }, /* 16: too long */
		{ "48", -1, 0 },					      /* a lone REX */
		{ "e8 00 00", -1, 0 },					      /* short */
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct x86_insn in;
		int len = dec(cases[i].hex, &in);

		if (len != cases[i].len)
			fail_msg("%s: length %d, want %d", cases[i].hex, len, cases[i].len);
		if (len > 0 && in.kind != cases[i].kind)
			fail_msg("%s: kind %d, want %d", cases[i].hex, in.kind, cases[i].kind);
	}
}

static void test_branch_targets(void **state)
{
	struct x86_insn in;

	(void)state;
	assert_int_equal(dec("e9 10 00 00 00", &in), 5);
	assert_int_equal(in.rel, 0x10);
	assert_int_equal(dec("eb fe", &in), 2);
	assert_int_equal(in.rel, -2);
	assert_int_equal(dec("0f 85 00 ff ff ff", &in), 6);
	assert_int_equal(in.rel, -256);
	assert_int_equal(dec("f0 48 0f b1 0a", &in), 5);
	assert_false(x86_insn_uprobe_ok(&in));
	assert_int_equal(dec("66 2e 0f 1f 84 00 00 00 00 00", &in), 10);
	assert_false(x86_insn_uprobe_ok(&in));
	assert_int_equal(dec("48 89 e5", &in), 3);
	assert_true(x86_insn_uprobe_ok(&in));
	assert_int_equal(dec("c3", &in), 1);
	assert_true(x86_insn_uprobe_ok(&in));
	assert_int_equal(dec("c5 fd 74 0f", &in), 4); /* vpcmpeqb: mis-stepped by uprobes */
	assert_false(x86_insn_uprobe_ok(&in));
	assert_int_equal(dec("f3 0f 6f 0f", &in), 4); /* movdqu: fine */
	assert_true(x86_insn_uprobe_ok(&in));
}

/* ---- agreement with objdump ---- */

struct oinsn {
	uint64_t addr;
	uint8_t len;
	uint8_t bad;
};

struct odump {
	struct oinsn *v;
	size_t n, cap;
};

static int have_objdump(void)
{
	return system("objdump --version >/dev/null 2>&1") == 0;
}

static int cmp_oinsn(const void *a, const void *b)
{
	const struct oinsn *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

/* Every instruction objdump -d prints: "  addr:\tb1 b2 ...\tmnemonic" */
static void objdump_read(const char *path, struct odump *o)
{
	char cmd[4200], *line = NULL;
	size_t cap = 0;
	FILE *f;

	memset(o, 0, sizeof(*o));
	snprintf(cmd, sizeof(cmd), "objdump -d -w '%s'", path);
	f = popen(cmd, "r");
	assert_non_null(f);
	while (getline(&line, &cap, f) > 0) {
		char *s = line, *end;
		unsigned long long addr;
		int nb = 0;

		while (*s == ' ')
			s++;
		addr = strtoull(s, &end, 16);
		if (end == s || end[0] != ':' || end[1] != '\t')
			continue;
		s = end + 2;
		while (s[0] && s[1] && s[0] != '\t' && s[0] != '\n') {
			unsigned v;
			int k;

			if (sscanf(s, "%2x%n", &v, &k) != 1 || k != 2)
				break;
			nb++;
			s += 2;
			while (*s == ' ')
				s++;
		}
		if (nb == 0 || nb > 15)
			continue; /* not an instruction: a data dump */
		if (o->n == o->cap) {
			o->cap = o->cap ? o->cap * 2 : 65536;
			o->v = realloc(o->v, o->cap * sizeof(*o->v));
			assert_non_null(o->v);
		}
		o->v[o->n++] = (struct oinsn){ addr, (uint8_t)nb, strstr(s, "(bad)") != NULL };
	}
	free(line);
	pclose(f);
	qsort(o->v, o->n, sizeof(*o->v), cmp_oinsn);
}

static const struct oinsn *objdump_at(const struct odump *o, uint64_t addr)
{
	struct oinsn k = { addr, 0, 0 };

	return bsearch(&k, o->v, o->n, sizeof(*o->v), cmp_oinsn);
}

static int verbose(void)
{
	const char *v = getenv("DSCOPE_X86_VERBOSE");

	return v && *v == '1';
}

/* Bytes of the executable section holding [addr, addr+len), or NULL. */
static const uint8_t *section_bytes(Elf *e, uint64_t addr, uint64_t len, uint64_t *avail)
{
	Elf_Scn *scn = NULL;

	while ((scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;
		Elf_Data *d;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_PROGBITS || !(sh.sh_flags & SHF_EXECINSTR))
			continue;
		if (addr < sh.sh_addr || addr + len > sh.sh_addr + sh.sh_size)
			continue;
		d = elf_getdata(scn, NULL);
		if (!d || !d->d_buf)
			return NULL;
		*avail = sh.sh_addr + sh.sh_size - addr;
		return (const uint8_t *)d->d_buf + (addr - sh.sh_addr);
	}
	return NULL;
}

struct func {
	uint64_t addr, size;
	const char *name; /* in the ELF's string table */
};

static int cmp_func(const void *a, const void *b)
{
	const struct func *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

static int has_symtab(Elf *e)
{
	Elf_Scn *scn = NULL;

	while ((scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;

		if (gelf_getshdr(scn, &sh) && sh.sh_type == SHT_SYMTAB)
			return 1;
	}
	return 0;
}

/* The defined functions of se's symbol table (.symtab, else .dynsym) that
 * lie in e's code sections, by address (se: e or its debug file). */
static struct func *functions(Elf *e, Elf *se, size_t *n)
{
	Elf_Scn *scn = NULL;
	struct func *v = NULL;
	int have_symtab = has_symtab(se);

	*n = 0;
	while ((scn = elf_nextscn(se, scn))) {
		GElf_Shdr sh;
		Elf_Data *d;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type != (have_symtab ? SHT_SYMTAB : SHT_DYNSYM))
			continue;
		d = elf_getdata(scn, NULL);
		for (size_t k = 0; d && sh.sh_entsize && k < sh.sh_size / sh.sh_entsize; k++) {
			GElf_Sym s;
			uint64_t avail;

			if (!gelf_getsym(d, (int)k, &s) || GELF_ST_TYPE(s.st_info) != STT_FUNC ||
			    s.st_shndx == SHN_UNDEF || s.st_size == 0 ||
			    !section_bytes(e, s.st_value, s.st_size, &avail))
				continue;
			v = realloc(v, (*n + 1) * sizeof(*v));
			assert_non_null(v);
			v[(*n)++] =
			    (struct func){ s.st_value, s.st_size, elf_strptr(se, sh.sh_link, s.st_name) };
		}
	}
	if (*n)
		qsort(v, *n, sizeof(*v), cmp_func);
	return v;
}

struct counts {
	size_t insns, agree, bad, funcs, finsns, fagree, fbad;
};

/*
 * 1. Every instruction objdump prints inside a function (anywhere in the
 *    code sections when the binary names no function) has the length we
 *    decode.  objdump's "(bad)" are counted, not compared.
 * 2. Every function decoded linearly from its first byte lands on
 *    objdump's boundaries to its last byte.  A function holding bytes
 *    objdump calls "(bad)" is counted, not compared.
 */
static void compare_binary(const char *path, struct counts *c)
{
	struct odump o;
	struct func *f;
	size_t nf, fi = 0;
	uint64_t reach = 0; /* end of the functions starting at or before the current address */
	int fd, dfd = -1;
	Elf *e, *se;
	char dbg[4096];

	memset(c, 0, sizeof(*c));
	objdump_read(path, &o);
	assert_true(o.n > 0);
	fd = open(path, O_RDONLY);
	assert_true(fd >= 0);
	assert_int_not_equal(elf_version(EV_CURRENT), EV_NONE);
	e = elf_begin(fd, ELF_C_READ, NULL);
	assert_non_null(e);
	/* a stripped file's functions are in its debug file, if installed */
	se = e;
	if (!has_symtab(e) && sym_debug_file(e, path, dbg, sizeof(dbg)) == 0 &&
	    (dfd = open(dbg, O_RDONLY)) >= 0) {
		se = elf_begin(dfd, ELF_C_READ, NULL);
		if (!se || !has_symtab(se))
			se = e;
		else
			printf("# %s: functions from %s\n", path, dbg);
	}
	f = functions(e, se, &nf);

	for (size_t i = 0; i < o.n; i++) {
		const struct oinsn *oi = &o.v[i];
		uint64_t avail;
		const uint8_t *b = section_bytes(e, oi->addr, oi->len, &avail);
		struct x86_insn in;
		int len;

		for (; fi < nf && f[fi].addr <= oi->addr; fi++)
			if (f[fi].addr + f[fi].size > reach)
				reach = f[fi].addr + f[fi].size;
		if (!b || (nf && oi->addr >= reach))
			continue;
		if (oi->bad) {
			c->bad++;
			continue;
		}
		c->insns++;
		len = x86_insn_decode(b, avail, &in);
		if (len == oi->len)
			c->agree++;
		else if (verbose())
			printf("# %s %llx: objdump %d bytes, decoded %d\n", path,
			       (unsigned long long)oi->addr, oi->len, len);
	}

	for (size_t k = 0; k < nf; k++) {
		uint64_t avail, off = 0;
		const uint8_t *b = section_bytes(e, f[k].addr, f[k].size, &avail);
		size_t at = 0, done = 0;
		int bad = 0;

		/* objdump's instructions in the function */
		for (const struct oinsn *oi = objdump_at(&o, f[k].addr);
		     oi && oi < o.v + o.n && oi->addr < f[k].addr + f[k].size; oi++)
			bad |= oi->bad;
		if (bad) {
			c->fbad++;
			continue;
		}
		c->funcs++;
		while (off < f[k].size) {
			const struct oinsn *oi = objdump_at(&o, f[k].addr + off);
			struct x86_insn in;
			int len = x86_insn_decode(b + off, avail - off, &in);

			at++;
			if (len <= 0 || !oi || oi->len != len || off + (uint64_t)len > f[k].size) {
				if (verbose())
					printf("# %s %s+%llx: decoded %d, objdump %d\n", path, f[k].name,
					       (unsigned long long)off, len, oi ? oi->len : 0);
				break;
			}
			done++;
			off += (uint64_t)len;
		}
		c->finsns += at;
		c->fagree += done;
	}
	free(f);
	if (se != e)
		elf_end(se);
	if (dfd >= 0)
		close(dfd);
	elf_end(e);
	close(fd);
	free(o.v);
	printf("# %s: %zu/%zu instructions agree with objdump (%zu \"(bad)\" not compared); "
	       "%zu functions decoded linearly: %zu/%zu instructions agree (%zu functions with \"(bad)\" "
	       "not compared)\n",
	       path, c->agree, c->insns, c->bad, c->funcs, c->fagree, c->finsns, c->fbad);
}

static void check(const char *path, int need_funcs)
{
	struct counts c;

	/* not cmocka's skip(): run.sh counts its "not ok # SKIP" as failed */
	if (!have_objdump()) {
		printf("# objdump not installed: %s not compared\n", path);
		return;
	}
	if (access(path, R_OK) != 0) {
		printf("# %s: not on this machine, not compared\n", path);
		return;
	}
	compare_binary(path, &c);
	assert_true(c.insns > 0);
	assert_int_equal(c.agree, c.insns);
	assert_int_equal(c.fagree, c.finsns);
	if (need_funcs)
		assert_true(c.funcs > 0);
}

static void test_objdump_libc(void **state)
{
	char path[4096];

	(void)state;
	if (!realpath("/lib/x86_64-linux-gnu/libc.so.6", path) && !realpath("/lib64/libc.so.6", path))
		snprintf(path, sizeof(path), "/lib/x86_64-linux-gnu/libc.so.6");
	check(path, 1);
}

static void test_objdump_top(void **state)
{
	(void)state;
	check("/usr/bin/top", 0);
}

static void test_objdump_dscope(void **state)
{
	(void)state;
	check("build/dscope", 1);
}

static void test_objdump_prog(void **state)
{
	(void)state;
	check("build/progs/returns", 1);
}

/* DSCOPE_X86_EXTRA=path:path...: more binaries to compare */
static void test_objdump_extra(void **state)
{
	char *list = getenv("DSCOPE_X86_EXTRA") ? strdup(getenv("DSCOPE_X86_EXTRA")) : NULL, *save = NULL;

	(void)state;
	for (char *p = strtok_r(list, ":", &save); p; p = strtok_r(NULL, ":", &save))
		check(p, 0);
	free(list);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_encodings),      cmocka_unit_test(test_branch_targets),
		cmocka_unit_test(test_objdump_libc),   cmocka_unit_test(test_objdump_top),
		cmocka_unit_test(test_objdump_dscope), cmocka_unit_test(test_objdump_prog),
		cmocka_unit_test(test_objdump_extra),
	};

	/* the last test only on request */
	return _cmocka_run_group_tests(
	    "x86_insn", tests, sizeof(tests) / sizeof(tests[0]) - !getenv("DSCOPE_X86_EXTRA"), NULL, NULL);
}
