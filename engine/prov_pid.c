/*
 * prov_pid.c - the pid provider: user-space function entry and return
 * probes (uprobes) in one process.
 *
 * A description pidNNN:MODULE:FUNCTION:NAME (or pid$target:...) creates its
 * probes on demand: the process's executable mappings are read from
 * /proc/NNN/maps (a module is a mapped file's base name; the main executable
 * also answers to "a.out"), each module's functions come from its ELF
 * symbol tables (.symtab, else .dynsym: a stripped binary still exposes its
 * dynamic symbols) read with libelf, and a function's address becomes the
 * file offset a uprobe wants through the PT_LOAD segment holding it.  A
 * library the process has not mapped yet (a command started stopped right
 * after its exec) is looked up in dscope's own mappings, since the same
 * system serves both.
 *
 * Each probe records its file and offset; the loader opens one uprobe perf
 * event per probe, restricted to the process, with the probe id as the BPF
 * cookie, so one program serves every probe.
 */
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "prov_pid.h"

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

struct addctx {
	struct probe_table *t;
	int pid;
	const char *path, *modname, *func, *name;
	int n, err;
};

static int add_probe(struct addctx *c, const char *func, uint64_t off, int ret)
{
	struct probe *v;
	char prov[32];

	/* one probe per (module, function, entry/return) */
	snprintf(prov, sizeof(prov), "pid%d", c->pid);
	for (size_t i = c->t->nfixed; i < c->t->n; i++) {
		const struct probe *p = &c->t->v[i];

		if (p->path && p->upid == c->pid && p->uoff == off &&
		    p->kind == (ret ? PK_URETPROBE : PK_UPROBE) && strcmp(p->path, c->path) == 0)
			return 0;
	}
	v = realloc(c->t->v, (c->t->n + 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	c->t->v = v;
	v += c->t->n;
	memset(v, 0, sizeof(*v));
	v->id = (uint32_t)c->t->n;
	v->kind = ret ? PK_URETPROBE : PK_UPROBE;
	v->prov = strdup(prov);
	v->mod = strdup(c->modname);
	v->func = strdup(func);
	v->name = strdup(ret ? "return" : "entry");
	v->path = strdup(c->path);
	v->upid = c->pid;
	v->uoff = off;
	if (!v->prov || !v->mod || !v->func || !v->name || !v->path)
		return -ENOMEM;
	c->t->n++;
	c->n++;
	return 0;
}

/* Functions of one ELF file matching the function pattern. */
static int scan_elf(struct addctx *c)
{
	int fd = open(c->path, O_RDONLY | O_CLOEXEC), want_entry, want_ret;
	Elf *e;
	Elf_Scn *scn = NULL;
	int have_symtab = 0, err = 0;
	const char *raw;
	size_t rawsz = 0;

	want_entry = !c->name[0] || fnmatch(c->name, "entry", 0) == 0;
	want_ret = !c->name[0] || fnmatch(c->name, "return", 0) == 0;
	if (!want_entry && !want_ret)
		return 0;
	if (fd < 0)
		return 0; /* a mapping we cannot read has no probes */
	e = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	if (!e) {
		close(fd);
		return 0;
	}
	raw = elf_rawfile(e, &rawsz);
	/* .symtab when there is one (it holds .dynsym's symbols too) */
	while ((scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;

		if (gelf_getshdr(scn, &sh) && sh.sh_type == SHT_SYMTAB)
			have_symtab = 1;
	}
	while (!err && (scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;
		Elf_Data *d;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type != (have_symtab ? SHT_SYMTAB : SHT_DYNSYM))
			continue;
		d = elf_getdata(scn, NULL);
		for (size_t i = 0; d && sh.sh_entsize && i < sh.sh_size / sh.sh_entsize && !err; i++) {
			GElf_Sym s;
			const char *nm;
			uint64_t off;

			if (!gelf_getsym(d, (int)i, &s) || GELF_ST_TYPE(s.st_info) != STT_FUNC ||
			    !s.st_value || s.st_shndx == SHN_UNDEF)
				continue;
			nm = elf_strptr(e, sh.sh_link, s.st_name);
			if (!nm || !nm[0] || (c->func[0] && fnmatch(c->func, nm, 0) != 0))
				continue;
			if (vaddr_to_off(e, s.st_value, &off))
				continue;
			/* uprobes refuse a first instruction with a LOCK prefix;
			 * such functions offer no probe (as none could fire) */
			if (raw && off < rawsz && (unsigned char)raw[off] == 0xf0)
				continue;
			if (want_entry)
				err = add_probe(c, nm, off, 0);
			if (!err && want_ret)
				err = add_probe(c, nm, off, 1);
		}
	}
	elf_end(e);
	close(fd);
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
		      char *mainmod, size_t mainsz)
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
		struct addctx c = { t, pid, m[i].path, m[i].base, func, name, 0, 0 };

		if (m[i].is_main && mainmod)
			snprintf(mainmod, mainsz, "%s", m[i].base);
		if (!module_matches(&m[i], mod))
			continue;
		err = scan_elf(&c);
		created += c.n;
	}
	free_modules(m, n);
	free_modules(own, nown);
	return err ? err : created;
}
