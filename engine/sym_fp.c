/*
 * sym_fp.c - does a process keep frame pointers?  (-x ustackmode=auto)
 *
 * Frame-pointer walking in the kernel is the cheap way to take a user
 * stack (a stack id, aggregated in the kernel), but it is right only when
 * every function on the stack keeps %rbp as a frame pointer: one frame
 * compiled without it, anywhere between the probe and main, sends the walk
 * through a register holding anything.  So the rule is all or nothing:
 *
 *   ustack() walks frame pointers when the target (-c, -p) keeps them in
 *   its main executable AND in every library it maps or will map at
 *   start (DT_NEEDED, resolved as the dynamic linker would in its usual
 *   directories); otherwise, and always without a target, DWARF.
 *
 * An object keeps frame pointers when at most FP_BREAK_MAX of its
 * functions call another without having set up a frame ("push %rbp" then
 * "mov %rsp,%rbp", an endbr64 first).  Functions without a frame that call
 * nothing (leaves; GCC 12 omits their frame even with
 * -mno-omit-leaf-frame-pointer) are never between two frames, so they do
 * not break walks; the C runtime's start files (_start, _init...) are the
 * outermost frame or never on a stack and are not counted; the margin is
 * for hand-written assembly.  What a frame-pointer walk still gets wrong
 * there: a probe inside a leaf without a frame misses the leaf's caller
 * (at the leaf's first instruction too: the kernel's fix-up for uprobes at
 * a function's entry recognises only push %rbp and endbr64).  The dynamic
 * linker and the vdso are not counted: their frames are on a stack only
 * while a library is being bound or a clock read.
 *
 * The C library is what decides on most systems: Debian and this build
 * machine's glibc have no frame pointers (__libc_start_main uses %rbp as a
 * general register), so every stack that reaches main walks through it and
 * auto means DWARF there even for a program built with frame pointers;
 * distributions built with frame pointers (Fedora 38+, Ubuntu 24.04+) get
 * the fast path.
 */
#include "sym_int.h"
#include "x86_insn.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FP_BREAK_MAX 0.05
enum { FP_MAX_OBJS = 64 };

struct fp_obj {
	char path[512]; /* as the process names it */
	char base[128];
};

struct fp_scan {
	int pid;
	char root[64]; /* /proc/PID/root */
	char interp[128];
	struct fp_obj objs[FP_MAX_OBJS];
	int nobjs;
};

static Elf *fp_open(const struct fp_scan *sc, const char *path, int *fd)
{
	char buf[700];
	Elf *e;

	snprintf(buf, sizeof(buf), "%s%s", sc->root, path);
	*fd = open(buf, O_RDONLY | O_CLOEXEC);
	if (*fd < 0)
		*fd = open(path, O_RDONLY | O_CLOEXEC);
	if (*fd < 0)
		return NULL;
	elf_version(EV_CURRENT);
	e = elf_begin(*fd, ELF_C_READ_MMAP, NULL);
	if (e && (elf_kind(e) != ELF_K_ELF || gelf_getclass(e) != ELFCLASS64)) {
		elf_end(e);
		e = NULL;
	}
	if (!e)
		close(*fd);
	return e;
}

static int has_obj(const struct fp_scan *sc, const char *base)
{
	for (int i = 0; i < sc->nobjs; i++)
		if (strcmp(sc->objs[i].base, base) == 0)
			return 1;
	return 0;
}

static void add_obj(struct fp_scan *sc, const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;

	if (sc->nobjs == FP_MAX_OBJS || has_obj(sc, base))
		return;
	snprintf(sc->objs[sc->nobjs].path, sizeof(sc->objs[0].path), "%s", path);
	snprintf(sc->objs[sc->nobjs].base, sizeof(sc->objs[0].base), "%s", base);
	sc->nobjs++;
}

/*
 * Whether the function at p (n bytes) breaks a frame-pointer walk: it
 * calls another function without having set up a frame.  A frame is
 * "push %rbp" first (after an endbr64), then "mov %rsp,%rbp" among the next
 * few instructions (compilers schedule other work between the two).  A
 * function without one that calls nothing is a leaf: never between two
 * frames, so it does not break walks (GCC 12 omits leaf frames even with
 * -mno-omit-leaf-frame-pointer).
 */
static int breaks_walk(const uint8_t *p, size_t n)
{
	static const uint8_t endbr64[] = { 0xf3, 0x0f, 0x1e, 0xfa };
	struct x86_insn in;
	size_t at = 0;
	int len;

	if (n >= 4 && memcmp(p, endbr64, 4) == 0)
		at = 4;
	if (at < n && p[at] == 0x55) {
		at++;
		for (int i = 0; i < 8 && at + 3 <= n; i++) {
			if (p[at] == 0x48 && ((p[at + 1] == 0x89 && p[at + 2] == 0xe5) ||
					      (p[at + 1] == 0x8b && p[at + 2] == 0xec)))
				return 0;
			if ((len = x86_insn_decode(p + at, n - at, &in)) <= 0)
				break;
			at += (size_t)len;
		}
	}
	for (at = 0; at < n; at += (size_t)len) {
		if ((len = x86_insn_decode(p + at, n - at, &in)) <= 0)
			return 1; /* data, or an instruction we cannot read: assume the worst */
		if (in.kind == X86_CALL || in.kind == X86_CALL_IND)
			return 1;
	}
	return 0;
}

/* The C runtime's start files: no frame, and never between two frames */
static int crt_function(const char *name)
{
	static const char *const crt[] = { "_start",
					   "_init",
					   "_fini",
					   "deregister_tm_clones",
					   "register_tm_clones",
					   "__do_global_dtors_aux",
					   "frame_dummy",
					   "__libc_csu_init",
					   "__libc_csu_fini",
					   "_dl_relocate_static_pie" };

	for (size_t i = 0; i < sizeof(crt) / sizeof(crt[0]); i++)
		if (strcmp(name, crt[i]) == 0)
			return 1;
	return 0;
}

/*
 * The share of e's functions (.symtab, else .dynsym, each address once)
 * that break frame-pointer walks; -1 when it has none to judge by.
 */
static double fp_breaks(Elf *e, int *nfuncs, int *nbreak)
{
	const uint8_t *img;
	size_t len, nph;
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;
	Elf64_Word type = SHT_DYNSYM;
	int bad = 0, all = 0;
	uint64_t last = 0;

	*nfuncs = *nbreak = 0;
	img = (const uint8_t *)elf_rawfile(e, &len);
	if (!img || elf_getphdrnum(e, &nph) != 0)
		return -1;
	while ((scn = elf_nextscn(e, scn)))
		if (gelf_getshdr(scn, &sh) && sh.sh_type == SHT_SYMTAB)
			type = SHT_SYMTAB;
	while ((scn = elf_nextscn(e, scn))) {
		Elf_Data *d;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type != type || sh.sh_entsize == 0 ||
		    !(d = elf_getdata(scn, NULL)))
			continue;
		for (size_t i = 0; i < sh.sh_size / sh.sh_entsize; i++) {
			/* judged already: more breaking functions than the
			 * margin allows of every symbol the table has */
			if (bad > FP_BREAK_MAX * (double)(sh.sh_size / sh.sh_entsize))
				break;
			GElf_Sym s;
			const char *name;

			if (!gelf_getsym(d, (int)i, &s) || GELF_ST_TYPE(s.st_info) != STT_FUNC ||
			    s.st_shndx == SHN_UNDEF || s.st_value == 0 || s.st_value == last)
				continue;
			name = elf_strptr(e, sh.sh_link, s.st_name);
			if (!name || crt_function(name))
				continue;
			last = s.st_value;
			/* the function's bytes: through the PT_LOAD holding it */
			for (size_t k = 0; k < nph; k++) {
				GElf_Phdr ph;
				uint64_t off;

				if (!gelf_getphdr(e, (int)k, &ph) || ph.p_type != PT_LOAD ||
				    s.st_value < ph.p_vaddr || s.st_value - ph.p_vaddr >= ph.p_filesz)
					continue;
				off = s.st_value - ph.p_vaddr + ph.p_offset;
				if (off < len) {
					uint64_t size = s.st_size ? s.st_size : 16;

					if (size > len - off)
						size = len - off;
					all++;
					bad += breaks_walk(img + off, (size_t)size);
				}
				break;
			}
		}
	}
	*nfuncs = all;
	*nbreak = bad;
	return all ? (double)bad / all : -1;
}

/* DT_NEEDED names of e, and where its RUNPATH/RPATH look */
static void add_needed(struct fp_scan *sc, Elf *e, const char *path)
{
	static const char *const dirs[] = { "/lib/x86_64-linux-gnu",
					    "/usr/lib/x86_64-linux-gnu",
					    "/lib64",
					    "/usr/lib64",
					    "/lib",
					    "/usr/lib",
					    "/usr/local/lib" };
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;
	char origin[512], runpath[1024] = "";
	const char *slash = strrchr(path, '/');
	char *needed[32];
	int nneeded = 0;

	snprintf(origin, sizeof(origin), "%.*s", slash ? (int)(slash - path) : 1, slash ? path : ".");
	while ((scn = elf_nextscn(e, scn))) {
		Elf_Data *d;
		GElf_Dyn dyn;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_DYNAMIC || !(d = elf_getdata(scn, NULL)))
			continue;
		for (int i = 0; gelf_getdyn(d, i, &dyn) && dyn.d_tag != DT_NULL; i++) {
			const char *s = elf_strptr(e, sh.sh_link, dyn.d_un.d_val);

			if (!s)
				continue;
			if (dyn.d_tag == DT_NEEDED && nneeded < 32)
				needed[nneeded++] = (char *)s;
			else if (dyn.d_tag == DT_RUNPATH || dyn.d_tag == DT_RPATH)
				snprintf(runpath, sizeof(runpath), "%s", s);
		}
	}
	for (int i = 0; i < nneeded; i++) {
		char cand[1200], rp[1024], *save = NULL;
		int found = 0, fd;

		if (has_obj(sc, needed[i]) || strcmp(needed[i], sc->interp) == 0)
			continue;
		/* RUNPATH entries ($ORIGIN is the needing object's directory) */
		snprintf(rp, sizeof(rp), "%s", runpath);
		for (char *d = strtok_r(rp, ":", &save); d && !found; d = strtok_r(NULL, ":", &save)) {
			Elf *le;

			if (strncmp(d, "$ORIGIN", 7) == 0)
				snprintf(cand, sizeof(cand), "%s%s/%s", origin, d + 7, needed[i]);
			else
				snprintf(cand, sizeof(cand), "%s/%s", d, needed[i]);
			if ((le = fp_open(sc, cand, &fd))) {
				elf_end(le);
				close(fd);
				found = 1;
			}
		}
		for (size_t k = 0; k < sizeof(dirs) / sizeof(dirs[0]) && !found; k++) {
			char buf[1300];

			snprintf(cand, sizeof(cand), "%s/%s", dirs[k], needed[i]);
			snprintf(buf, sizeof(buf), "%s%s", sc->root, cand);
			found = access(buf, R_OK) == 0;
		}
		/* not found: the object stays unjudged, which says "DWARF" */
		add_obj(sc, found ? cand : needed[i]);
	}
}

int ustack_fp_auto(int pid, char *why, size_t n)
{
	struct fp_scan *sc = calloc(1, sizeof(*sc));
	char path[600], line[4400];
	FILE *fp;
	int ok = 1, fd, judged = 0;

	if (!sc)
		return 0;
	snprintf(why, n, "no target");
	if (pid <= 0)
		goto out_dwarf;
	sc->pid = pid;
	snprintf(sc->root, sizeof(sc->root), "/proc/%d/root", pid);
	/* the executable mappings the process has now */
	snprintf(path, sizeof(path), "/proc/%d/maps", pid);
	fp = fopen(path, "re");
	if (!fp) {
		snprintf(why, n, "cannot read %s", path);
		goto out_dwarf;
	}
	while (fgets(line, sizeof(line), fp)) {
		char perms[8];
		int pos = 0;
		char *nl;

		if (sscanf(line, "%*x-%*x %7s %*x %*x:%*x %*u %n", perms, &pos) < 1 || pos == 0 ||
		    perms[2] != 'x' || line[pos] != '/')
			continue;
		if ((nl = strchr(line + pos, '\n')))
			*nl = 0;
		add_obj(sc, line + pos);
	}
	fclose(fp);
	if (sc->nobjs == 0) {
		snprintf(why, n, "no executable mappings");
		goto out_dwarf;
	}
	/* the main executable maps first; its interpreter is not judged */
	for (int i = 0; i < sc->nobjs && i < FP_MAX_OBJS; i++) {
		Elf *e = fp_open(sc, sc->objs[i].path, &fd);
		size_t k, nph;

		if (!e)
			continue;
		if (i == 0 && elf_getphdrnum(e, &nph) == 0)
			for (k = 0; k < nph; k++) {
				GElf_Phdr ph;
				const char *img;
				size_t len;

				if (gelf_getphdr(e, (int)k, &ph) && ph.p_type == PT_INTERP &&
				    (img = elf_rawfile(e, &len)) && ph.p_offset < len) {
					const char *s = strrchr(img + ph.p_offset, '/');

					snprintf(sc->interp, sizeof(sc->interp), "%.*s", (int)ph.p_filesz,
						 s ? s + 1 : img + ph.p_offset);
				}
			}
		add_needed(sc, e, sc->objs[i].path);
		elf_end(e);
		close(fd);
	}
	for (int i = 0; i < sc->nobjs && ok; i++) {
		Elf *e;
		double share;
		int nf, nb;

		if (strcmp(sc->objs[i].base, sc->interp) == 0)
			continue;
		e = fp_open(sc, sc->objs[i].path, &fd);
		if (!e) {
			snprintf(why, n, "%s: not found", sc->objs[i].base);
			ok = 0;
			break;
		}
		share = fp_breaks(e, &nf, &nb);
		elf_end(e);
		close(fd);
		if (share < 0) {
			snprintf(why, n, "%s: no function symbols to judge by", sc->objs[i].base);
			ok = 0;
		} else if (share > FP_BREAK_MAX) {
			snprintf(why, n,
				 "%s: %d of the first %d functions call others without a frame pointer",
				 sc->objs[i].base, nb, nf);
			ok = 0;
		}
		judged++;
	}
	if (ok)
		snprintf(why, n, "%d object%s keep%s frame pointers", judged, judged == 1 ? "" : "s",
			 judged == 1 ? "s" : "");
	free(sc);
	return ok;
out_dwarf:
	free(sc);
	return 0;
}
