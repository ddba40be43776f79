/*
 * agg_rows.h - helpers shared by test_agg.c and test_fmt.c: capture what
 * fmt_agg_print()/fmt_agg_rows() print for a table and compare it.
 * Include after <cmocka.h>.
 */
#ifndef DSCOPE_TEST_AGG_ROWS_H
#define DSCOPE_TEST_AGG_ROWS_H

#include <stdio.h>
#include <stdlib.h>

#include "fmt.h"

static inline char *rows(const struct agg_table *t, int with_blank)
{
	char *buf = NULL;
	size_t len;
	FILE *fp = open_memstream(&buf, &len);

	if (with_blank)
		fmt_agg_print(fp, t);
	else
		fmt_agg_rows(fp, t);
	fclose(fp);
	return buf;
}

static inline void want_rows(const struct agg_table *t, int with_blank, const char *want)
{
	char *s = rows(t, with_blank);

	assert_string_equal(s, want);
	free(s);
}

/* The histogram header line (with its leading blank line) and a full bar */
static const char HDR[] = "\n           value  ------------- Distribution ------------- count    \n";
static const char BAR40[] = "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@";

#endif
