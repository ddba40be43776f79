/*
 * fuzz_session.c - fuzz target for the session reader: any bytes must
 * replay up to the first damage and stop with a message; never crash,
 * leak, hang or read out of bounds.  Each input is read four ways: batch
 * replay (the dtrace text), every export, a seek to the last snapshot, and
 * the interface's indexing pass (tables skipped; program swaps and view
 * states walked through).
 *
 * Checksums would stop nearly every mutation at the frame, so an input
 * that starts with "DSRAW1" is a list of chunks to frame first:
 * [type u8][flags u8][length u16 LE][payload], each framed with a correct
 * header, number, crc32 and footer and stored uncompressed, which lets the
 * fuzzer reach the payload decoders.  Seeds of both kinds are in
 * tests/fuzz/session-corpus (raw-*: real sessions, decompressed).
 *
 * Built like fuzz_compile.c: with libFuzzer (make fuzz) and, with
 * FUZZ_STANDALONE, as a program that reads each file named on its command
 * line once (make test replays the corpus under AddressSanitizer/UBSan).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "session.h"
#include "session_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *devnull;

static void read_all(const uint8_t *data, size_t size);

/* Touch every string of an item, as the interface's replay does. */
static size_t walk_item(const struct session_item *it)
{
	size_t n = 0;

	if (it->kind == SESSION_PROGRAM) {
		n += strlen(it->prog->src) + (it->prog->srcname ? strlen(it->prog->srcname) : 0);
		for (int i = 0; i < it->prog->nopts; i++)
			n += strlen(it->prog->optname[i]) +
			     (it->prog->optval[i] ? strlen(it->prog->optval[i]) : 0);
	} else if (it->kind == SESSION_UI) {
		const struct session_ui *u = it->ui;

		n += (size_t)u->cur;
		for (int i = 0; i < u->ncrumbs; i++)
			n += strlen(u->crumbs[i]);
		for (int i = 0; i < u->nviews; i++) {
			const struct session_view *v = &u->views[i];

			n += strlen(v->name) + strlen(v->selkey) + strlen(v->filter) + strlen(v->only) +
			     strlen(v->selpath);
			for (int k = 0; k < v->nzoom; k++)
				n += strlen(v->zoom[k]);
		}
	}
	return n;
}

/* frame a DSRAW1 input into a session file image */
static void read_raw(const uint8_t *data, size_t size)
{
	struct sbuf b = { 0 };
	uint8_t hdr[SESSION_HDR_SIZE] = { 0 };
	uint32_t no = 0;

	memcpy(hdr, SESSION_MAGIC, 8);
	le16_put(hdr + 8, SESSION_MAJOR);
	le32_put(hdr + 12, SESSION_HDR_SIZE);
	le32_put(hdr + 28, (uint32_t)crc32(0, hdr, 28));
	sb_bytes(&b, hdr, sizeof(hdr));
	for (size_t i = 6; i + 4 <= size;) {
		size_t len = le16_get(data + i + 2);
		uint8_t h[CHUNK_HDR_SIZE], f[CHUNK_FTR_SIZE];
		uint32_t crc;

		if (len > size - i - 4)
			len = size - i - 4;
		le32_put(h, CHUNK_SYNC);
		le16_put(h + 4, data[i]);
		le16_put(h + 6, data[i + 1] & ~CHF_ZSTD);
		le32_put(h + 8, (uint32_t)len);
		le32_put(h + 12, (uint32_t)len);
		le32_put(h + 16, no++);
		crc = (uint32_t)crc32(0, h, 20);
		crc = (uint32_t)crc32(crc, data + i + 4, (uInt)len);
		le32_put(h + 20, crc);
		le32_put(f, (uint32_t)(len + CHUNK_HDR_SIZE + CHUNK_FTR_SIZE));
		le32_put(f + 4, crc);
		sb_bytes(&b, h, sizeof(h));
		sb_bytes(&b, data + i + 4, len);
		sb_bytes(&b, f, sizeof(f));
		i += 4 + len;
	}
	if (!b.oom)
		read_all(b.p, b.n);
	sb_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size >= 6 && !memcmp(data, "DSRAW1", 6))
		read_raw(data, size);
	else
		read_all(data, size);
	return 0;
}

static void read_all(const uint8_t *data, size_t size)
{
	char err[1024];
	struct session_reader *r;
	struct session_item it;

	if (!devnull)
		devnull = fopen("/dev/null", "w");
	if (!devnull)
		return;
	r = session_open_mem(data, size, err, sizeof(err));
	if (!r)
		return;
	session_replay_batch(r, devnull, devnull, "fuzz");
	session_read_close(r);

	for (int k = EXPORT_FOLDED; k <= EXPORT_CSV; k++) {
		struct export *x = export_new((enum export_kind)k, devnull);

		r = session_open_mem(data, size, err, sizeof(err));
		while (r && x && session_next(r, &it) > 0) {
			if (it.kind == SESSION_SNAP) {
				export_snap(x, it.snap, it.snap->naggs ? it.snap : NULL, it.t_ns);
				dscope_snap_release(it.snap);
			}
		}
		export_free(x);
		session_read_close(r);
	}

	r = session_open_mem(data, size, err, sizeof(err));
	if (r && session_seek(r, UINT64_MAX) == 0) {
		while (session_next(r, &it) > 0)
			if (it.kind == SESSION_SNAP)
				dscope_snap_release(it.snap);
	}
	session_read_close(r);

	/* the interface's pass: records only, then a seek with tables */
	r = session_open_mem(data, size, err, sizeof(err));
	if (r) {
		volatile size_t n = 0;
		uint64_t last = 0;

		session_read_skip_tables(r, 1);
		while (session_next(r, &it) > 0) {
			if (it.kind == SESSION_SNAP) {
				last = it.snap->seq;
				dscope_snap_release(it.snap);
			}
			n += walk_item(&it);
		}
		session_read_skip_tables(r, 0);
		if (session_seek(r, last) == 0 && session_next(r, &it) > 0) {
			if (it.kind == SESSION_SNAP)
				dscope_snap_release(it.snap);
			n += walk_item(&it);
		}
		(void)n;
	}
	session_read_close(r);
}

#ifdef FUZZ_STANDALONE
int main(int argc, char **argv)
{
	static uint8_t buf[1 << 22];

	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		size_t n;

		if (!f) {
			perror(argv[i]);
			return 1;
		}
		n = fread(buf, 1, sizeof(buf), f);
		fclose(f);
		LLVMFuzzerTestOneInput(buf, n);
		/* and every prefix of small inputs: a truncated file at each offset */
		for (size_t k = 0; n <= 4096 && memcmp(buf, "DSRAW1", 6) && k < n; k++)
			LLVMFuzzerTestOneInput(buf, k);
	}
	if (devnull)
		fclose(devnull);
	return 0;
}
#endif
