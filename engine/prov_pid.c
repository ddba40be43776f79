/*
 * prov_pid.c - the pid provider: user-space function entry, return and
 * instruction-offset probes (uprobes) in one process.
 *
 * A description pidNNN:MODULE:FUNCTION:NAME (or pid$target:...) creates its
 * probes on demand: the process's executable mappings are read from
 * /proc/NNN/maps (a module is a mapped file's base name; the main executable
 * also answers to "a.out"), each module's functions come from its ELF
 * symbol tables (.symtab; for a stripped file its debug file's .symtab,
 * sym_debug.c; else .dynsym) read with libelf, and a function's address
 * becomes the file offset a uprobe wants through the PT_LOAD segment
 * holding it.  A library the process has not mapped yet (a command started
 * stopped right after its exec) is found as the loader will find it.
 *
 * Each function is decoded (x86_insn.c): every instruction uprobes can take
 * is an offset probe, named in hex; the return probe is the set of its ret
 * and tail-call jmp instructions (fcode_decode says which), or a uretprobe
 * when they cannot all be found.  Each probe records its file, its offset
 * and, for a return probe, its sites; the loader attaches them with the
 * probe id (and a site's offset) as the BPF cookie, so one program serves
 * every probe.  Probes are found again by name through a hash in the
 * probe table, and the probes of one function share their strings.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <gelf.h>
#include <libelf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "prov_pid.h"
#include "sym_debug.h"
#include "x86_insn.h"

struct module {
	char *path;
	const char *base; /* inside path */
	int is_main;
};

/* Executable file mappings of a process, each file once. */
static int read_modules(int pid, struct module **out, int *n)
{
	char fn[64], line[4096], exe[4096] = "";
	FILE *f;
	ssize_t el;
	int cap = 0;

	*out = NULL;
	*n = 0;
	snprintf(fn, sizeof(fn), "/proc/%d/exe", pid);
	el = readlink(fn, exe, sizeof(exe) - 1);
	exe[el > 0 ? el : 0] = 0;
	snprintf(fn, sizeof(fn), "/proc/%d/maps", pid);
	f = fopen(fn, "r");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		char perms[8], path[4096];
		int dup = 0;

		path[0] = 0;
		if (sscanf(line, "%*x-%*x %7s %*x %*x:%*x %*u %4095[^\n]", perms, path) < 2 ||
		    !strchr(perms, 'x') || path[0] != '/')
			continue;
		for (int i = 0; i < *n; i++)
			dup |= strcmp((*out)[i].path, path) == 0;
		if (dup)
			continue;
		if (*n == cap) {
			struct module *m = realloc(*out, sizeof(*m) * (size_t)(cap = cap ? cap * 2 : 16));

			if (!m)
				break;
			*out = m;
		}
		(*out)[*n].path = strdup(path);
		if (!(*out)[*n].path)
			break;
		(*out)[*n].base = strrchr((*out)[*n].path, '/') + 1;
		(*out)[*n].is_main = strcmp(path, exe) == 0;
		(*n)++;
	}
	fclose(f);
	return 0;
}

static void free_modules(struct module *m, int n)
{
	for (int i = 0; i < n; i++)
		free(m[i].path);
	free(m);
}

static int module_matches(const struct module *m, const char *pat)
{
	return !pat[0] || fnmatch(pat, m->base, 0) == 0 || (m->is_main && fnmatch(pat, "a.out", 0) == 0);
}

/* File offset of a virtual address, through the PT_LOAD segment holding it */
static int vaddr_to_off(Elf *e, uint64_t va, uint64_t *off)
{
	size_t n;

	if (elf_getphdrnum(e, &n))
		return -1;
	for (size_t i = 0; i < n; i++) {
		GElf_Phdr ph;

		if (!gelf_getphdr(e, (int)i, &ph) || ph.p_type != PT_LOAD || !(ph.p_flags & PF_X))
			continue;
		if (va >= ph.p_vaddr && va < ph.p_vaddr + ph.p_memsz) {
			*off = va - ph.p_vaddr + ph.p_offset;
			return 0;
		}
	}
	return -1;
}

/* ---- a module's functions ---- */

struct fsym {
	const char *name; /* in the symbol file's string table */
	uint64_t addr, size;
	int rank; /* among aliases at one address, the lowest is named */
};

struct elfmod {
	int fd, dfd;
	Elf *e;	 /* the file */
	Elf *se; /* where its symbols come from: e, or its debug file */
	const uint8_t *raw;
	size_t rawsz;
	struct fsym *syms; /* defined functions, by address */
	size_t nsyms;
	uint64_t plt[4][2]; /* the PLT sections' address ranges */
	int nplt;
	char **own; /* names without their symbol version (malloc'd) */
	size_t nown;
};

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

static int cmp_fsym(const void *a, const void *b)
{
	const struct fsym *x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	if (x->rank != y->rank)
		return x->rank - y->rank;
	/* free rather than cfree */
	if (strlen(x->name) != strlen(y->name))
		return strlen(x->name) < strlen(y->name) ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Global before weak before local, then fewer leading underscores:
 * malloc rather than __libc_malloc */
static int sym_rank(const GElf_Sym *s, const char *name)
{
	int b = GELF_ST_BIND(s->st_info), u = 0;

	while (name[u] == '_')
		u++;
	return (b == STB_GLOBAL ? 0 : b == STB_WEAK ? 1 : 2) * 16 + (u < 15 ? u : 15);
}

static void elfmod_close(struct elfmod *m)
{
	for (size_t i = 0; i < m->nown; i++)
		free(m->own[i]);
	free(m->own);
	free(m->syms);
	if (m->se && m->se != m->e)
		elf_end(m->se);
	if (m->e)
		elf_end(m->e);
	if (m->dfd >= 0)
		close(m->dfd);
	if (m->fd >= 0)
		close(m->fd);
}

/*
 * Open a module and read its functions: from .symtab; for a stripped file
 * from its debug file's .symtab (found by build-id or debuglink); else from
 * .dynsym.  -1 when the file cannot be read (it then has no probes).
 */
static int elfmod_open(struct elfmod *m, const char *path)
{
	Elf_Scn *scn = NULL;
	size_t shstrndx = 0;
	int symtab;

	memset(m, 0, sizeof(*m));
	m->dfd = -1;
	m->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (m->fd < 0)
		return -1;
	m->e = elf_begin(m->fd, ELF_C_READ_MMAP, NULL);
	if (!m->e || elf_kind(m->e) != ELF_K_ELF) {
		elfmod_close(m);
		return -1;
	}
	m->raw = (const uint8_t *)elf_rawfile(m->e, &m->rawsz);
	m->se = m->e;
	symtab = has_symtab(m->e);
	if (!symtab) {
		char dbg[4096];

		if (sym_debug_file(m->e, path, dbg, sizeof(dbg)) == 0 &&
		    (m->dfd = open(dbg, O_RDONLY | O_CLOEXEC)) >= 0) {
			Elf *d = elf_begin(m->dfd, ELF_C_READ_MMAP, NULL);

			if (d && has_symtab(d)) {
				m->se = d;
				symtab = 1;
			} else if (d) {
				elf_end(d);
			}
		}
	}
	while ((scn = elf_nextscn(m->se, scn))) {
		GElf_Shdr sh;
		Elf_Data *d;
		size_t cap = m->nsyms;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type != (symtab ? SHT_SYMTAB : SHT_DYNSYM))
			continue;
		d = elf_getdata(scn, NULL);
		for (size_t i = 0; d && sh.sh_entsize && i < sh.sh_size / sh.sh_entsize; i++) {
			GElf_Sym s;
			const char *nm;

			if (!gelf_getsym(d, (int)i, &s) || GELF_ST_TYPE(s.st_info) != STT_FUNC ||
			    !s.st_value || s.st_shndx == SHN_UNDEF)
				continue;
			nm = elf_strptr(m->se, sh.sh_link, s.st_name);
			if (!nm || !nm[0])
				continue;
			if (strchr(nm, '@')) {
				/* a debug file's symbol table names versions
				 * (__libc_start_main@@GLIBC_2.34): the function is
				 * the name before them */
				char **o = realloc(m->own, sizeof(*o) * (m->nown + 1));

				if (!o)
					return -ENOMEM;
				m->own = o;
				if (!(o[m->nown] = strndup(nm, (size_t)(strchr(nm, '@') - nm))))
					return -ENOMEM;
				nm = o[m->nown++];
			}
			if (m->nsyms == cap) {
				struct fsym *v = realloc(m->syms, sizeof(*v) * (cap = cap ? cap * 2 : 256));

				if (!v)
					return -ENOMEM;
				m->syms = v;
			}
			m->syms[m->nsyms++] = (struct fsym){ nm, s.st_value, s.st_size, sym_rank(&s, nm) };
		}
	}
	if (m->nsyms)
		qsort(m->syms, m->nsyms, sizeof(*m->syms), cmp_fsym);
	/* calls through the PLT: a jmp there leaves the function */
	elf_getshdrstrndx(m->e, &shstrndx);
	scn = NULL;
	while ((scn = elf_nextscn(m->e, scn)) && m->nplt < 4) {
		GElf_Shdr sh;
		const char *nm;

		if (gelf_getshdr(scn, &sh) && (nm = elf_strptr(m->e, shstrndx, sh.sh_name)) &&
		    strncmp(nm, ".plt", 4) == 0) {
			m->plt[m->nplt][0] = sh.sh_addr;
			m->plt[m->nplt++][1] = sh.sh_addr + sh.sh_size;
		}
	}
	return 0;
}

/* Is addr where a function begins (not a compiler's .cold part), or in
 * the PLT? */
static int is_call_target(const struct elfmod *m, uint64_t addr)
{
	size_t lo = 0, hi = m->nsyms;

	for (int i = 0; i < m->nplt; i++)
		if (addr >= m->plt[i][0] && addr < m->plt[i][1])
			return 1;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (m->syms[mid].addr < addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < m->nsyms && m->syms[lo].addr == addr; lo++)
		if (!strstr(m->syms[lo].name, ".cold"))
			return 1;
	return 0;
}

/* ---- a function's instructions ---- */

struct fcode {
	uint32_t *insn; /* offsets of the instructions uprobes can take */
	size_t ninsn;
	uint32_t *rets; /* return sites: ret, and jmp leaving the function */
	size_t nrets;
	int decoded;	 /* every instruction decoded, the last ending at the end */
	int exits_known; /* every jmp leaving goes where a function begins */
	uint8_t first_ok;
};

static void fcode_free(struct fcode *fc)
{
	free(fc->insn);
	free(fc->rets);
}

static int push_u32(uint32_t **v, size_t *n, uint32_t x)
{
	if (*n == 0 || (*n >= 8 && (*n & (*n - 1)) == 0)) {
		uint32_t *nv = realloc(*v, sizeof(*nv) * (*n ? *n * 2 : 8));

		if (!nv)
			return -ENOMEM;
		*v = nv;
	}
	(*v)[(*n)++] = x;
	return 0;
}

/*
 * Decode a function from its first byte to its end.  Its returns are its
 * ret instructions and the jmps that leave it for the start of a function
 * or the PLT (tail calls, as Solaris fasttrap counts them), including jmps
 * through a RIP-relative pointer (a tail call through the GOT).  A jmp
 * leaving for anywhere else (a compiler's .cold part, a tail shared with
 * another function) makes the returns unknown.  Jumps through a register
 * are taken for switch tables, which stay inside.
 */
static int fcode_decode(const struct elfmod *m, const struct fsym *s, uint64_t off, struct fcode *fc)
{
	const uint8_t *b;
	uint64_t at = 0;

	memset(fc, 0, sizeof(*fc));
	fc->first_ok = !(m->raw && off < m->rawsz && m->raw[off] == 0xf0);
	if (!m->raw || !s->size || off > m->rawsz || s->size > m->rawsz - off || s->size > UINT32_MAX)
		return 0;
	b = m->raw + off;
	fc->exits_known = 1;
	while (at < s->size) {
		struct x86_insn in;
		int len = x86_insn_decode(b + at, s->size - at, &in), ok;

		if (len <= 0)
			return 0;
		ok = x86_insn_uprobe_ok(&in);
		if (at == 0)
			fc->first_ok = (uint8_t)ok;
		if (ok && push_u32(&fc->insn, &fc->ninsn, (uint32_t)at))
			return -ENOMEM;
		if (in.kind == X86_RET ||
		    (in.kind == X86_JMP_IND && in.rip_rel && ((in.modrm >> 3) & 7) == 4)) {
			if (!ok)
				fc->exits_known = 0;
			else if (push_u32(&fc->rets, &fc->nrets, (uint32_t)at))
				return -ENOMEM;
		} else if (in.kind == X86_JMP) {
			int64_t to = (int64_t)at + len + in.rel;

			if (to < 0 || (uint64_t)to >= s->size) {
				if (!ok || !is_call_target(m, s->addr + (uint64_t)to))
					fc->exits_known = 0;
				else if (push_u32(&fc->rets, &fc->nrets, (uint32_t)at))
					return -ENOMEM;
			}
		}
		at += (uint64_t)len;
	}
	fc->decoded = 1;
	return 0;
}

static int fcode_has(const struct fcode *fc, uint64_t at)
{
	size_t lo = 0, hi = fc->ninsn;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (fc->insn[mid] < at)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < fc->ninsn && fc->insn[lo] == at;
}

/* ---- creating probes ---- */

struct addctx {
	struct probe_table *t;
	int pid;
	const char *path, *modname, *func, *name;
	struct pid_error *perr;
	int n;
	/* strings the probes of the current module and function share */
	const char *sprov, *smod, *spath, *sfunc;
};

static uint64_t hash_str(uint64_t h, const char *s)
{
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return (h ^ 0xff) * 0x100000001b3ULL;
}

static uint64_t probe_hash(int pid, const char *path, const char *func, const char *name)
{
	uint64_t h = 0xcbf29ce484222325ULL ^ (uint64_t)pid;

	return hash_str(hash_str(hash_str(h, path), func), name);
}

/* The slot of pid probe (pid, path, func, name) in t's hash: its id, or 0
 * where it would go. */
static uint32_t *pidx_slot(struct probe_table *t, int pid, const char *path, const char *func,
			   const char *name)
{
	size_t mask = t->pidx_cap - 1, i = probe_hash(pid, path, func, name) & mask;

	for (;; i = (i + 1) & mask) {
		const struct probe *p;

		if (!t->pidx[i])
			return &t->pidx[i];
		p = &t->v[t->pidx[i]];
		if (p->upid == pid && strcmp(p->func, func) == 0 && strcmp(p->name, name) == 0 &&
		    strcmp(p->path, path) == 0)
			return &t->pidx[i];
	}
}

static int pidx_grow(struct probe_table *t)
{
	size_t cap = t->pidx_cap ? t->pidx_cap * 2 : 1024;
	uint32_t *old = t->pidx;
	size_t oldcap = t->pidx_cap;

	t->pidx = calloc(cap, sizeof(*t->pidx));
	if (!t->pidx) {
		t->pidx = old;
		return -ENOMEM;
	}
	t->pidx_cap = cap;
	for (size_t i = 0; i < oldcap; i++)
		if (old[i]) {
			const struct probe *p = &t->v[old[i]];

			*pidx_slot(t, p->upid, p->path, p->func, p->name) = old[i];
		}
	free(old);
	return 0;
}

/*
 * One probe: entry or an offset (PK_UPROBE at file offset off), or return
 * (PK_URETPROBE at the function's offset, sites taken over).  Nothing when
 * it exists already.
 */
static int add_probe(struct addctx *c, enum probe_kind kind, const char *name, uint64_t off, uint32_t *sites,
		     size_t nsites)
{
	struct probe_table *t = c->t;
	struct probe *v;
	uint32_t *slot;
	char prov[32];

	if (t->pidx_cap < 2 * (t->n + 1) && pidx_grow(t)) {
		free(sites);
		return -ENOMEM;
	}
	slot = pidx_slot(t, c->pid, c->path, c->func, name);
	if (*slot) {
		free(sites);
		return 0;
	}
	v = realloc(t->v, (t->n + 1) * sizeof(*v));
	if (!v) {
		free(sites);
		return -ENOMEM;
	}
	t->v = v;
	v += t->n;
	memset(v, 0, sizeof(*v));
	v->id = (uint32_t)t->n;
	v->kind = kind;
	v->upid = c->pid;
	v->uoff = off;
	v->usites = sites;
	v->nusites = (uint32_t)nsites;
	v->name = strdup(name);
	if (!c->sprov) {
		snprintf(prov, sizeof(prov), "pid%d", c->pid);
		c->sprov = v->prov = strdup(prov);
		c->smod = v->mod = strdup(c->modname);
		c->spath = v->path = strdup(c->path);
		v->owns |= PROBE_OWNS_PROV | PROBE_OWNS_MOD | PROBE_OWNS_PATH;
	}
	if (!c->sfunc) {
		c->sfunc = v->func = strdup(c->func);
		v->owns |= PROBE_OWNS_FUNC;
	}
	v->prov = c->sprov;
	v->mod = c->smod;
	v->path = c->spath;
	v->func = c->sfunc;
	t->n++;
	if (!v->prov || !v->mod || !v->func || !v->name || !v->path)
		return -ENOMEM;
	*slot = v->id;
	c->n++;
	return 0;
}

static int pid_fail(struct addctx *c, const char *tag, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int pid_fail(struct addctx *c, const char *tag, const char *fmt, ...)
{
	va_list ap;

	if (c->perr) {
		c->perr->tag = tag;
		va_start(ap, fmt);
		vsnprintf(c->perr->msg, sizeof(c->perr->msg), fmt, ap);
		va_end(ap);
	}
	return -EINVAL;
}

/* The probes of one function the name pattern asks for, in dtrace's
 * order: return, entry, then offsets. */
static int func_probes(struct addctx *c, const struct elfmod *m, const struct fsym *s)
{
	const char *name = c->name[0] ? c->name : "*";
	int glob = strpbrk(name, "*?[") != NULL, matched = 0, err = 0;
	uint64_t off;
	struct fcode fc;

	if (vaddr_to_off(m->e, s->addr, &off))
		return 0;
	err = fcode_decode(m, s, off, &fc);
	c->func = s->name;
	c->sfunc = NULL;
	if (!err && fnmatch(name, "return", 0) == 0) {
		matched = 1;
		if (!fc.decoded || !fc.exits_known) {
			/* returns unknown: a uretprobe, arg0 0 */
			if (fc.first_ok)
				err = add_probe(c, PK_URETPROBE, "return", off, NULL, 0);
		} else if (fc.nrets) {
			/* a function that never returns has no return probe */
			err = add_probe(c, PK_URETPROBE, "return", off, fc.rets, fc.nrets);
			fc.rets = NULL;
		}
	}
	if (!err && fnmatch(name, "entry", 0) == 0) {
		matched = 1;
		/* uprobes refuse some first instructions (a LOCK prefix):
		 * such functions offer no entry */
		if (fc.first_ok)
			err = add_probe(c, PK_UPROBE, "entry", off, NULL, 0);
	}
	if (!err && glob) {
		for (size_t i = 0; i < fc.ninsn && !err; i++) {
			char nm[24];

			snprintf(nm, sizeof(nm), "%x", fc.insn[i]);
			if (fnmatch(name, nm, 0) == 0)
				err = add_probe(c, PK_UPROBE, nm, off + fc.insn[i], NULL, 0);
		}
	} else if (!err && !matched) {
		char *end, nm[24];
		unsigned long long at = strtoull(name, &end, 16);

		if (*end || !isxdigit((unsigned char)name[0]))
			err = pid_fail(c, "D_PROC_NAME", "'%s' is an invalid probe name", name);
		else if (at >= s->size)
			err =
			    pid_fail(c, "D_PROC_OFF", "offset 0x%llx outside of function '%s'", at, s->name);
		else if (!fc.decoded)
			err =
			    pid_fail(c, "D_PROC_CREATEFAIL",
				     "failed to create probe at '%s+0x%llx': the function cannot be decoded",
				     s->name, at);
		else if (!fcode_has(&fc, at)) {
			struct x86_insn in;
			int boundary = 0;

			/* a boundary uprobes refuse, or not a boundary */
			for (uint64_t k = 0; k < s->size && !boundary;) {
				int len = x86_insn_decode(m->raw + off + k, s->size - k, &in);

				if (len <= 0 || k > at)
					break;
				boundary = k == at;
				k += (uint64_t)len;
			}
			if (boundary)
				err = pid_fail(c, "D_PROC_CREATEFAIL",
					       "failed to create probe at '%s+0x%llx': uprobes cannot take "
					       "this instruction",
					       s->name, at);
			else
				err = pid_fail(c, "D_PROC_ALIGN",
					       "offset 0x%llx is not aligned on an instruction", at);
		} else {
			snprintf(nm, sizeof(nm), "%llx", at);
			err = add_probe(c, PK_UPROBE, nm, off + at, NULL, 0);
		}
	}
	fcode_free(&fc);
	return err;
}

/* The functions of one module matching the function pattern.  With a
 * glob, aliases (one address, several names) make one function, named as
 * the first of cmp_fsym's order names it; an exact name takes its first
 * symbol. */
static int scan_module(struct addctx *c)
{
	struct elfmod m;
	const char *func = c->func[0] ? c->func : "*";
	int glob = strpbrk(func, "*?[") != NULL, err = 0;
	uint64_t last = 0;

	if (elfmod_open(&m, c->path))
		return 0; /* a mapping we cannot read has no probes */
	c->sprov = NULL;
	for (size_t i = 0; i < m.nsyms && !err; i++) {
		const struct fsym *s = &m.syms[i];

		if (glob && i > 0 && s->addr == last)
			continue;
		if (fnmatch(func, s->name, 0) != 0)
			continue;
		last = s->addr;
		err = func_probes(c, &m, s);
		if (!glob)
			break;
	}
	elfmod_close(&m);
	return err;
}

/* Append a module by path unless it is there already. */
static int add_module(struct module **m, int *n, const char *path)
{
	struct module *nm;

	for (int i = 0; i < *n; i++)
		if (strcmp((*m)[i].path, path) == 0)
			return 0;
	nm = realloc(*m, sizeof(*nm) * (size_t)(*n + 1));
	if (!nm)
		return -ENOMEM;
	*m = nm;
	nm[*n].path = strdup(path);
	if (!nm[*n].path)
		return -ENOMEM;
	nm[*n].base = strrchr(nm[*n].path, '/') + 1;
	nm[*n].is_main = 0;
	(*n)++;
	return 0;
}

/*
 * A process stopped at its exec has mapped only its executable and the
 * dynamic loader: add the libraries the executable needs (DT_NEEDED), found
 * in the system's library directories, as the loader will.
 */
static void add_needed(struct module **m, int *n)
{
	static const char *dirs[] = { "/lib/x86_64-linux-gnu",
				      "/usr/lib/x86_64-linux-gnu",
				      "/lib64",
				      "/usr/lib64",
				      "/lib",
				      "/usr/lib",
				      "/usr/local/lib" };
	const struct module *main_mod = NULL;
	int fd, nmods = *n;
	Elf *e;
	Elf_Scn *scn = NULL;

	for (int i = 0; i < nmods; i++)
		if ((*m)[i].is_main)
			main_mod = &(*m)[i];
	if (!main_mod || (fd = open(main_mod->path, O_RDONLY | O_CLOEXEC)) < 0)
		return;
	e = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	while (e && (scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;
		Elf_Data *d;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_DYNAMIC || !(d = elf_getdata(scn, NULL)))
			continue;
		for (size_t i = 0; sh.sh_entsize && i < sh.sh_size / sh.sh_entsize; i++) {
			GElf_Dyn dyn;
			const char *lib;

			if (!gelf_getdyn(d, (int)i, &dyn) || dyn.d_tag != DT_NEEDED)
				continue;
			lib = elf_strptr(e, sh.sh_link, dyn.d_un.d_val);
			for (size_t k = 0; lib && k < sizeof(dirs) / sizeof(dirs[0]); k++) {
				char path[4096];

				snprintf(path, sizeof(path), "%s/%s", dirs[k], lib);
				if (access(path, R_OK) == 0) {
					char real[4096];

					add_module(m, n, realpath(path, real) ? real : path);
					break;
				}
			}
		}
	}
	if (e)
		elf_end(e);
	close(fd);
}

int pid_probes_create(struct probe_table *t, int pid, const char *mod, const char *func, const char *name,
		      char *mainmod, size_t mainsz, struct pid_error *perr)
{
	struct module *m = NULL, *own = NULL;
	int n = 0, nown = 0, err, created = 0;

	if (elf_version(EV_CURRENT) == EV_NONE)
		return -EINVAL;
	err = read_modules(pid, &m, &n);
	if (err)
		return err == -ENOENT ? -ESRCH : err;
	add_needed(&m, &n);
	/* libraries not mapped yet (a command stopped at its exec): ours */
	if (mod[0] && !strpbrk(mod, "*?[")) {
		int found = 0;

		for (int i = 0; i < n; i++)
			found |= module_matches(&m[i], mod);
		if (!found && read_modules(getpid(), &own, &nown) == 0) {
			for (int i = 0; i < nown; i++)
				if (!own[i].is_main && module_matches(&own[i], mod)) {
					struct module *nm = realloc(m, sizeof(*m) * (size_t)(n + 1));

					if (!nm)
						break;
					m = nm;
					m[n] = own[i];
					own[i].path = NULL;
					m[n++].is_main = 0;
				}
		}
	}
	if (mainmod && mainsz)
		mainmod[0] = 0;
	for (int i = 0; i < n && !err; i++) {
		struct addctx c = { .t = t,
				    .pid = pid,
				    .path = m[i].path,
				    .modname = m[i].base,
				    .func = func,
				    .name = name,
				    .perr = perr };

		if (m[i].is_main && mainmod)
			snprintf(mainmod, mainsz, "%s", m[i].base);
		if (!module_matches(&m[i], mod))
			continue;
		err = scan_module(&c);
		created += c.n;
	}
	free_modules(m, n);
	free_modules(own, nown);
	return err ? err : created;
}
