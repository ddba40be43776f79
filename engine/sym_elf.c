/*
 * sym_elf.c - mapped objects: opening them, their ELF symbols and unwind
 * tables, their separate debug files.
 *
 * A file is opened once per symtab, the first time any process is seen
 * mapping it, and is keyed by the (device, inode) /proc/PID/maps reports,
 * so every process mapping libc shares one libc.  It is opened through
 * /proc/PID/map_files/START-END (the very object mapped, even deleted or
 * inside another mount namespace), else /proc/PID/root/PATH, else PATH
 * itself when its inode is the one mapped.  libelf maps the whole image
 * (ELF_C_READ_MMAP) and the descriptor is closed at once: the image is what
 * the unwinder reads .eh_frame from, and it outlives the process.
 *
 * What is read when:
 *   - at open: program headers (PT_LOAD for address translation,
 *     PT_GNU_EH_FRAME for the unwinder's binary-search table);
 *   - on the first naming of an address in the file: the symbols, from
 *     .symtab if the file has one, else from a debug file found by build-id
 *     (/usr/lib/debug/.build-id/xx/rest.debug) or by .gnu_debuglink (the
 *     file's directory, its .debug/ subdirectory, /usr/lib/debug/DIR; the
 *     CRC checked), else .dynsym.  Each path is tried inside the process's
 *     root first, then on the host.
 *
 * Symbols are functions only (STT_FUNC, STT_GNU_IFUNC), sorted by address;
 * of aliases at one address the global one with the fewest leading
 * underscores wins (malloc over __libc_malloc).  Names point into the
 * mapped string tables, never copied.
 */
#include "sym_int.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

static unsigned file_hash(uint64_t dev, uint64_t ino)
{
	uint64_t h = (dev * 0x9e3779b97f4a7c15ull) ^ ino;

	h ^= h >> 29;
	return (unsigned)(h % SYM_FILE_BUCKETS);
}

static Elf *elf_open_fd(int fd)
{
	Elf *e;

	elf_version(EV_CURRENT);
	e = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	if (!e)
		return NULL;
	if (elf_kind(e) != ELF_K_ELF || gelf_getclass(e) != ELFCLASS64) {
		elf_end(e);
		return NULL;
	}
	/* the whole file is mapped: the descriptor is not needed any more */
	elf_cntl(e, ELF_C_FDDONE);
	return e;
}

static Elf *elf_open_path(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	Elf *e;

	if (fd < 0)
		return NULL;
	e = elf_open_fd(fd);
	close(fd);
	return e;
}

static uint64_t eh_read(const uint8_t *p, const uint8_t *end, int enc, int *len)
{
	uint64_t v = 0;
	int n;

	switch (enc & 0x0f) {
	case 0x00: /* absptr */
	case 0x04: /* udata8 */
	case 0x0c: /* sdata8 */
		n = 8;
		break;
	case 0x02: /* udata2 */
	case 0x0a:
		n = 2;
		break;
	case 0x03: /* udata4 */
	case 0x0b:
		n = 4;
		break;
	default:
		*len = -1;
		return 0;
	}
	if (end - p < n) {
		*len = -1;
		return 0;
	}
	memcpy(&v, p, (size_t)n);
	if ((enc & 0x0f) == 0x0b)
		v = (uint64_t)(int64_t)(int32_t)v;
	else if ((enc & 0x0f) == 0x0a)
		v = (uint64_t)(int64_t)(int16_t)v;
	*len = n;
	return v;
}

/* .eh_frame_hdr: version 1, three encodings, the encoded .eh_frame
 * pointer, the encoded FDE count, then the table libunwind searches, which
 * must be datarel|sdata4 (0x3b) pairs. */
static void file_read_eh(struct sym_file *f, uint64_t off, uint64_t size)
{
	const uint8_t *p, *end;
	uint64_t count;
	int n1, n2;

	if (off > f->img_len || size > f->img_len - off || size < 4)
		return;
	p = f->img + off;
	end = p + size;
	if (p[0] != 1 || p[3] != 0x3b || p[1] == 0xff || p[2] == 0xff)
		return;
	eh_read(p + 4, end, p[1], &n1);
	if (n1 < 0)
		return;
	count = eh_read(p + 4 + n1, end, p[2], &n2);
	if (n2 < 0)
		return;
	f->eh_table_off = off + 4 + (uint64_t)n1 + (uint64_t)n2;
	if (count == 0 || count > (size - (f->eh_table_off - off)) / 8)
		return;
	f->eh_off = off;
	f->eh_count = count;
	f->has_eh = 1;
}

static void file_read_phdrs(struct sym_file *f)
{
	size_t n, i;
	GElf_Phdr ph;
	uint64_t lo = UINT64_MAX;

	if (elf_getphdrnum(f->elf, &n) != 0)
		return;
	for (i = 0; i < n; i++) {
		if (!gelf_getphdr(f->elf, (int)i, &ph))
			continue;
		if (ph.p_type == PT_LOAD && f->nloads < SYM_MAX_LOADS) {
			f->loads[f->nloads++] =
			    (struct sym_load){ ph.p_offset, ph.p_filesz, ph.p_vaddr, ph.p_memsz };
			if (ph.p_vaddr < lo)
				lo = ph.p_vaddr;
		} else if (ph.p_type == PT_GNU_EH_FRAME) {
			file_read_eh(f, ph.p_offset, ph.p_filesz);
		}
	}
	f->base = lo == UINT64_MAX ? 0 : lo & ~0xfffull;
}

static struct sym_file *file_new(struct symtab *st, uint64_t dev, uint64_t ino, const char *path, Elf *e)
{
	struct sym_file *f = calloc(1, sizeof(*f));
	const char *slash;
	unsigned h = file_hash(dev, ino);

	if (!f)
		return NULL;
	f->dev = dev;
	f->ino = ino;
	f->path = strdup(path);
	slash = strrchr(path, '/');
	f->name = strdup(slash ? slash + 1 : path);
	if (!f->path || !f->name) {
		sym_file_free(f);
		return NULL;
	}
	f->elf = e;
	if (e) {
		f->img = (const uint8_t *)elf_rawfile(e, &f->img_len);
		if (!f->img)
			f->img_len = 0;
		file_read_phdrs(f);
	}
	f->next = st->files[h];
	st->files[h] = f;
	return f;
}

struct sym_file *sym_file_get(struct symtab *st, int pid, uint64_t dev, uint64_t ino, const char *path,
			      uint64_t start, uint64_t end)
{
	struct sym_file *f;
	char buf[4200], clean[4096];
	const char *del;
	size_t plen;
	Elf *e = NULL;
	int fd;
	struct stat sb;

	for (f = st->files[file_hash(dev, ino)]; f; f = f->next)
		if (f->dev == dev && f->ino == ino)
			return f;
	/* the maps line of a deleted file ends in " (deleted)" */
	plen = strlen(path);
	del = plen > 10 ? strstr(path + plen - 10, " (deleted)") : NULL;
	if (del)
		plen = (size_t)(del - path);
	if (plen >= sizeof(clean))
		plen = sizeof(clean) - 1;
	memcpy(clean, path, plen);
	clean[plen] = 0;

	snprintf(buf, sizeof(buf), "/proc/%d/map_files/%" PRIx64 "-%" PRIx64, pid, start, end);
	fd = open(buf, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(buf, sizeof(buf), "/proc/%d/root%s", pid, clean);
		fd = open(buf, O_RDONLY | O_CLOEXEC);
	}
	if (fd < 0 && !del) {
		fd = open(clean, O_RDONLY | O_CLOEXEC);
		/* a path alone may name another file now */
		if (fd >= 0 && (fstat(fd, &sb) != 0 || (uint64_t)sb.st_ino != ino)) {
			close(fd);
			fd = -1;
		}
	}
	if (fd >= 0) {
		if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode))
			e = elf_open_fd(fd);
		close(fd);
	}
	f = file_new(st, dev, ino, clean, e);
	if (f && !f->root) {
		snprintf(buf, sizeof(buf), "/proc/%d/root", pid);
		f->root = strdup(buf);
	}
	return f;
}

/*
 * The vdso: not a file, but every 64-bit process on this kernel maps the
 * same image, and so do we.  Our own copy (AT_SYSINFO_EHDR, the length of
 * our [vdso] mapping) names and unwinds theirs.
 */
static size_t self_vdso_len(uint64_t base)
{
	FILE *fp = fopen("/proc/self/maps", "re");
	char line[512];
	size_t len = 0;
	unsigned long long s, e;

	if (!fp)
		return 0;
	while (fgets(line, sizeof(line), fp))
		if (sscanf(line, "%llx-%llx", &s, &e) == 2 && s == base) {
			len = (size_t)(e - s);
			break;
		}
	fclose(fp);
	return len;
}

struct sym_file *sym_file_vdso(struct symtab *st, uint64_t len)
{
	struct sym_file *f;
	uint64_t base;
	size_t mylen;
	uint8_t *copy;
	Elf *e;

	/* (0, 0) is the vdso's key: no file has inode 0 */
	for (f = st->files[file_hash(0, 0)]; f; f = f->next)
		if (f->dev == 0 && f->ino == 0)
			return f->img_len == len ? f : NULL;
	base = getauxval(AT_SYSINFO_EHDR);
	if (!base)
		return NULL;
	mylen = self_vdso_len(base);
	if (mylen == 0 || mylen != len)
		return NULL;
	copy = malloc(mylen);
	if (!copy)
		return NULL;
	memcpy(copy, (const void *)(uintptr_t)base, mylen);
	elf_version(EV_CURRENT);
	e = elf_memory((char *)copy, mylen);
	if (e && elf_kind(e) != ELF_K_ELF) {
		elf_end(e);
		e = NULL;
	}
	f = file_new(st, 0, 0, "[vdso]", e);
	if (!f) {
		if (e)
			elf_end(e);
		free(copy);
		return NULL;
	}
	f->img_copy = copy;
	if (!f->img) {
		f->img = copy;
		f->img_len = mylen;
	}
	return f;
}

void sym_file_free(struct sym_file *f)
{
	if (!f)
		return;
	if (f->elf)
		elf_end(f->elf);
	if (f->debug_elf)
		elf_end(f->debug_elf);
	free(f->img_copy);
	free(f->syms);
	free(f->name);
	free(f->path);
	free(f->root);
	free(f);
}

int sym_file_off2vaddr(const struct sym_file *f, uint64_t off, uint64_t *vaddr)
{
	int i;

	for (i = 0; i < f->nloads; i++) {
		const struct sym_load *l = &f->loads[i];

		if (off >= l->off && off - l->off < l->filesz) {
			*vaddr = off - l->off + l->vaddr;
			return 1;
		}
	}
	return 0;
}

/* ---- symbols -------------------------------------------------------- */

static Elf_Scn *find_section(Elf *e, const char *name, Elf64_Word type)
{
	Elf_Scn *scn = NULL;
	size_t shstrndx;
	GElf_Shdr sh;

	if (elf_getshdrstrndx(e, &shstrndx) != 0)
		return NULL;
	while ((scn = elf_nextscn(e, scn))) {
		const char *n;

		if (!gelf_getshdr(scn, &sh))
			continue;
		if (type != SHT_NULL && sh.sh_type != type)
			continue;
		if (!name)
			return scn;
		n = elf_strptr(e, shstrndx, sh.sh_name);
		if (n && strcmp(n, name) == 0)
			return scn;
	}
	return NULL;
}

static int build_id(Elf *e, uint8_t *id, size_t max)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;

	while ((scn = elf_nextscn(e, scn))) {
		Elf_Data *d;
		GElf_Nhdr nh;
		size_t off = 0, noff, doff;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_NOTE)
			continue;
		d = elf_getdata(scn, NULL);
		if (!d)
			continue;
		while ((off = gelf_getnote(d, off, &nh, &noff, &doff)) > 0) {
			if (nh.n_type == NT_GNU_BUILD_ID && nh.n_namesz == 4 &&
			    memcmp((const char *)d->d_buf + noff, "GNU", 4) == 0 && nh.n_descsz <= max &&
			    nh.n_descsz > 0) {
				memcpy(id, (const char *)d->d_buf + doff, nh.n_descsz);
				return (int)nh.n_descsz;
			}
		}
	}
	return 0;
}

static Elf *open_rooted(const struct sym_file *f, const char *path)
{
	char buf[4400];
	Elf *e = NULL;

	if (f->root) {
		snprintf(buf, sizeof(buf), "%s%s", f->root, path);
		e = elf_open_path(buf);
	}
	if (!e)
		e = elf_open_path(path);
	return e;
}

static int has_symtab(Elf *e)
{
	return find_section(e, NULL, SHT_SYMTAB) != NULL;
}

static Elf *debug_by_build_id(const struct sym_file *f)
{
	uint8_t id[64];
	char path[256];
	int n = build_id(f->elf, id, sizeof(id)), i, o;

	if (n < 2)
		return NULL;
	o = snprintf(path, sizeof(path), "/usr/lib/debug/.build-id/%02x/", id[0]);
	for (i = 1; i < n; i++)
		o += snprintf(path + o, sizeof(path) - (size_t)o, "%02x", id[i]);
	snprintf(path + o, sizeof(path) - (size_t)o, ".debug");
	return open_rooted(f, path);
}

static Elf *debug_by_link(const struct sym_file *f)
{
	Elf_Scn *scn = find_section(f->elf, ".gnu_debuglink", SHT_NULL);
	Elf_Data *d;
	const char *name;
	size_t nlen;
	uint32_t crc;
	char dir[4096], path[8400];
	const char *slash;
	int i;

	if (!scn || !(d = elf_getdata(scn, NULL)) || d->d_size < 8)
		return NULL;
	name = d->d_buf;
	nlen = strnlen(name, d->d_size);
	/* the name, NUL, padding to 4, then the CRC */
	if (nlen == 0 || ((nlen + 4) & ~(size_t)3) + 4 > d->d_size || strchr(name, '/'))
		return NULL;
	memcpy(&crc, (const char *)d->d_buf + ((nlen + 4) & ~(size_t)3), 4);
	slash = strrchr(f->path, '/');
	if (!slash)
		return NULL;
	snprintf(dir, sizeof(dir), "%.*s", (int)(slash - f->path), f->path);
	for (i = 0; i < 3; i++) {
		static const char *const fmt[] = { "%s/%s", "%s/.debug/%s", "/usr/lib/debug%s/%s" };
		Elf *e;
		const uint8_t *img;
		size_t len;

		snprintf(path, sizeof(path), fmt[i], dir, name);
		e = open_rooted(f, path);
		if (!e)
			continue;
		img = (const uint8_t *)elf_rawfile(e, &len);
		if (img) {
			uLong c = crc32(0L, Z_NULL, 0);
			size_t done = 0;

			/* zlib takes lengths as uInt */
			while (done < len) {
				size_t chunk = len - done > (1u << 30) ? (1u << 30) : len - done;

				c = crc32(c, img + done, (uInt)chunk);
				done += chunk;
			}
			if ((uint32_t)c == crc)
				return e;
		}
		elf_end(e);
	}
	return NULL;
}

static int sym_rank(const GElf_Sym *s, const char *name)
{
	int r = 0;

	if (GELF_ST_BIND(s->st_info) == STB_GLOBAL)
		r += 0;
	else if (GELF_ST_BIND(s->st_info) == STB_WEAK)
		r += 100;
	else
		r += 200;
	while (*name == '_') {
		r++;
		name++;
	}
	return r;
}

static int sym_cmp(const void *a, const void *b)
{
	const struct sym_ent *x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	/* rank, stashed in size's top byte while sorting */
	return (int)(x->size >> 56) - (int)(y->size >> 56);
}

static int read_symbols(struct sym_file *f, Elf *e, Elf64_Word type)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;

	while ((scn = elf_nextscn(e, scn))) {
		Elf_Data *d;
		size_t i, n;
		struct sym_ent *ns;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type != type || sh.sh_entsize == 0)
			continue;
		d = elf_getdata(scn, NULL);
		if (!d)
			continue;
		n = sh.sh_size / sh.sh_entsize;
		ns = realloc(f->syms, (f->nsyms + n) * sizeof(*ns));
		if (!ns)
			return -ENOMEM;
		f->syms = ns;
		for (i = 0; i < n; i++) {
			GElf_Sym s;
			const char *name;
			int t, rank;

			if (!gelf_getsym(d, (int)i, &s))
				continue;
			t = GELF_ST_TYPE(s.st_info);
			if ((t != STT_FUNC && t != STT_GNU_IFUNC) || s.st_shndx == SHN_UNDEF ||
			    s.st_value == 0)
				continue;
			name = elf_strptr(e, sh.sh_link, s.st_name);
			if (!name || !*name)
				continue;
			rank = sym_rank(&s, name);
			if (rank > 255)
				rank = 255;
			f->syms[f->nsyms++] = (struct sym_ent){
				s.st_value, (s.st_size & 0x00ffffffffffffffull) | ((uint64_t)rank << 56), name
			};
		}
	}
	return 0;
}

static void load_symbols(struct sym_file *f)
{
	size_t i, o;

	f->syms_read = 1;
	if (!f->elf)
		return;
	if (has_symtab(f->elf)) {
		read_symbols(f, f->elf, SHT_SYMTAB);
	} else {
		f->debug_elf = debug_by_build_id(f);
		if (f->debug_elf && !has_symtab(f->debug_elf)) {
			elf_end(f->debug_elf);
			f->debug_elf = NULL;
		}
		if (!f->debug_elf)
			f->debug_elf = debug_by_link(f);
		if (f->debug_elf)
			read_symbols(f, f->debug_elf, SHT_SYMTAB);
		else
			read_symbols(f, f->elf, SHT_DYNSYM);
	}
	if (!f->nsyms)
		return;
	qsort(f->syms, f->nsyms, sizeof(*f->syms), sym_cmp);
	/* keep the best-ranked of each address, then drop the rank */
	for (i = 0, o = 0; i < f->nsyms; i++) {
		if (o > 0 && f->syms[o - 1].addr == f->syms[i].addr)
			continue;
		f->syms[o] = f->syms[i];
		f->syms[o].size &= 0x00ffffffffffffffull;
		o++;
	}
	f->nsyms = o;
}

const struct sym_ent *sym_file_lookup(struct sym_file *f, uint64_t vaddr)
{
	size_t lo = 0, hi;
	const struct sym_ent *s;

	if (!f->syms_read)
		load_symbols(f);
	hi = f->nsyms;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (f->syms[mid].addr <= vaddr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return NULL;
	s = &f->syms[lo - 1];
	/* a sized symbol covers its size; an unsized one up to the next */
	if (s->size ? vaddr - s->addr >= s->size : vaddr - s->addr >= 4096)
		return NULL;
	return s;
}
