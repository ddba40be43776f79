/*
 * batch.h - render snapshots as dtrace's text (batch mode).
 */
#ifndef DSCOPE_BATCH_H
#define DSCOPE_BATCH_H

#include <stdio.h>

#include "snap.h"

struct batch {
	FILE *out;	 /* records and aggregations */
	FILE *err;	 /* diagnostics */
	int header;	 /* the CPU/ID/FUNCTION:NAME header was printed */
	int depth[1024]; /* flowindent: call depth per CPU */
};

void batch_init(struct batch *b, FILE *out, FILE *err);
/* Print one snapshot; the final one ends the run's output. */
void batch_print(struct batch *b, const struct dscope_snap *s);

#endif
