/*
 * sym_debug.h - finding the separate debug file of a stripped ELF file.
 */
#ifndef DSCOPE_SYM_DEBUG_H
#define DSCOPE_SYM_DEBUG_H

#include <libelf.h>
#include <stddef.h>

/*
 * The debug file of the ELF file e (opened from path), as gdb finds it:
 * by build-id, /usr/lib/debug/.build-id/xx/rest.debug; else by the
 * .gnu_debuglink name, in the file's directory, its .debug/ subdirectory
 * and /usr/lib/debug/ followed by the directory, the first whose CRC
 * matches.  The path goes to out.  Returns 0, or -ENOENT when there is
 * none.  Nothing is kept open.
 */
int sym_debug_file(Elf *e, const char *path, char *out, size_t size);

#endif
