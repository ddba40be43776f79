/*
 * sym_debug.c - separate debug files; see sym_debug.h.
 *
 * Distributions strip their binaries and ship the symbol tables apart
 * (Debian's *-dbg and *-dbgsym packages, objcopy --only-keep-debug).  Two
 * links lead from a binary to its debug file: the build-id note (an
 * identifier of the build; the debug file is named after it under
 * /usr/lib/debug/.build-id) and the .gnu_debuglink section (a file name and
 * the CRC-32 of the debug file's contents).  The build-id is tried first,
 * as gdb does; a debuglink candidate must match its CRC, so a stale debug
 * file left next to a rebuilt binary is not taken for it.
 */
#include "sym_debug.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#define DEBUG_ROOT "/usr/lib/debug"

static int readable(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, R_OK) == 0;
}

/* The GNU build-id note's bytes, or 0. */
static size_t build_id(Elf *e, const uint8_t **id)
{
	Elf_Scn *scn = NULL;

	while ((scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;
		Elf_Data *d;
		GElf_Nhdr nh;
		size_t off = 0, noff, doff;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_NOTE || !(d = elf_getdata(scn, NULL)))
			continue;
		while ((off = gelf_getnote(d, off, &nh, &noff, &doff)) > 0) {
			if (nh.n_type == NT_GNU_BUILD_ID && nh.n_namesz == 4 &&
			    memcmp((const char *)d->d_buf + noff, "GNU", 4) == 0 && nh.n_descsz > 1) {
				*id = (const uint8_t *)d->d_buf + doff;
				return nh.n_descsz;
			}
		}
	}
	return 0;
}

static int crc_matches(const char *path, uint32_t want)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	unsigned char buf[65536];
	uLong crc = crc32(0, Z_NULL, 0);
	ssize_t n;

	if (fd < 0)
		return 0;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		crc = crc32(crc, buf, (uInt)n);
	close(fd);
	return n == 0 && (uint32_t)crc == want;
}

int sym_debug_file(Elf *e, const char *path, char *out, size_t size)
{
	const uint8_t *id;
	size_t n = build_id(e, &id), shstrndx;
	Elf_Scn *scn = NULL;
	char dir[4096];
	const char *slash;

	if (n) {
		int k = snprintf(out, size, "%s/.build-id/%02x/", DEBUG_ROOT, id[0]);

		for (size_t i = 1; i < n && k > 0 && (size_t)k < size; i++)
			k += snprintf(out + k, size - (size_t)k, "%02x", id[i]);
		if (k > 0 && (size_t)k < size && snprintf(out + k, size - (size_t)k, ".debug") > 0 &&
		    readable(out))
			return 0;
	}
	if (elf_getshdrstrndx(e, &shstrndx))
		return -ENOENT;
	slash = strrchr(path, '/');
	snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - path) : 1, slash ? path : ".");
	while ((scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;
		Elf_Data *d;
		const char *nm, *name;
		size_t len;
		uint32_t crc;

		if (!gelf_getshdr(scn, &sh) || !(nm = elf_strptr(e, shstrndx, sh.sh_name)) ||
		    strcmp(nm, ".gnu_debuglink") != 0 || !(d = elf_getdata(scn, NULL)) || !d->d_buf)
			continue;
		name = d->d_buf;
		len = strnlen(name, d->d_size);
		/* the name, NUL, padding to 4 bytes, the CRC-32 */
		if (len == 0 || len == d->d_size || ((len + 4) & ~(size_t)3) + 4 > d->d_size ||
		    strchr(name, '/'))
			return -ENOENT;
		memcpy(&crc, (const char *)d->d_buf + ((len + 4) & ~(size_t)3), 4);
		if (elf_kind(e) == ELF_K_ELF && gelf_getclass(e) != ELFCLASSNONE) {
			GElf_Ehdr eh;

			/* the CRC is stored in the file's byte order */
			if (gelf_getehdr(e, &eh) && eh.e_ident[EI_DATA] == ELFDATA2MSB)
				crc = __builtin_bswap32(crc);
		}
		static const char *const fmts[] = { "%s/%s", "%s/.debug/%s", DEBUG_ROOT "%s/%s" };

		for (size_t i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
			if (snprintf(out, size, fmts[i], dir, name) >= (int)size)
				continue;
			if (strcmp(out, path) != 0 && readable(out) && crc_matches(out, crc))
				return 0;
		}
		return -ENOENT;
	}
	return -ENOENT;
}
