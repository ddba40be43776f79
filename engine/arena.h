/*
 * arena.h - bump allocation for one compile.
 *
 * A compile allocates its tokens, AST nodes, types and strings from one
 * arena and frees them all at once with arena_fini().  Allocation never
 * fails from the caller's point of view: on out-of-memory the arena calls
 * abort() through its oom hook (the TUI installs one that restores the
 * terminal first), so front-end code needs no NULL checks.
 */
#ifndef DSCOPE_ARENA_H
#define DSCOPE_ARENA_H

#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *head;
	size_t total; /* bytes handed out, for -v statistics */
};

void arena_init(struct arena *a);
void arena_fini(struct arena *a);

/* Zeroed memory, aligned for any scalar.  Never returns NULL. */
void *arena_alloc(struct arena *a, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
