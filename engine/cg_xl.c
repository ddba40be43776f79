/*
 * cg_xl.c - code for members of typed probe arguments (d_sema_xl.c):
 * fields of a tracepoint's record, and dtrace's translated types.
 *
 * A tracepoint program's context is the record itself.  The verifier lets
 * a program load aligned fields past the first 8 bytes directly; others,
 * arrays and strings are copied with bpf_probe_read_kernel.  Translated
 * members of a thread (psinfo_t, lwpsinfo_t) reuse the builtins (pid,
 * execname, ...), pointed at the probe's argument thread when the member
 * speaks of it (g->subj); those of a block request (bufinfo_t, devinfo_t)
 * read the block tracepoint's record.
 */
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cg.h"
#include "prov_tp.h"

#define B (&g->b)

enum { B_READ = 0x40, B_WRITE = 0x100 };

/* reg = the 8-byte-or-less value at [src + off], read safely (0 on fault).
 * src may equal reg; clobbers r0-r3. */
void cg_kread(struct cg *g, int reg, int src, int off, int size)
{
	asm_emit(B, I_MOV64_REG(3, src));
	if (off)
		asm_emit(B, I_ALU64_IMM(BPF_ADD, 3, off));
	asm_emit(B, I_ST(BPF_DW, 10, FR_KEY0, 0));
	asm_emit(B, I_MOV64_REG(1, 10));
	asm_emit(B, I_ALU64_IMM(BPF_ADD, 1, FR_KEY0));
	asm_emit(B, I_MOV64_IMM(2, size));
	asm_emit(B, I_CALL(BPF_FUNC_probe_read_kernel));
	asm_emit(B, I_LDX(size == 8   ? BPF_DW
			  : size == 4 ? BPF_W
			  : size == 2 ? BPF_H
				      : BPF_B,
			  reg, 10, FR_KEY0));
}

/* Extend a loaded integer to 64 bits by its type */
static void widen(struct cg *g, int r, const struct d_type *t)
{
	if (!t->is_unsigned && t->size < 8)
		asm_emit(B, I_MOVSX(r, r, t->size * 8));
}

/* r = the integer field of `size` bytes at offset off of the record */
static void ctx_int(struct cg *g, int r, int off, int size)
{
	asm_emit(B, I_LDX(BPF_DW, r, 10, FR_CTX));
	if (off >= 8 && off % size == 0)
		asm_emit(B, I_LDX(size == 8   ? BPF_DW
				  : size == 4 ? BPF_W
				  : size == 2 ? BPF_H
					      : BPF_B,
				  r, r, off));
	else
		cg_kread(g, r, r, off, size);
}

static int ctx_member(struct cg *g, const struct d_member *m)
{
	int r = cg_reg_alloc(g), off;

	switch (m->how) {
	case MB_CTX:
		ctx_int(g, r, m->off, m->size);
		widen(g, r, &m->type);
		return r;
	case MB_CTX_STR:
		/* char[N] may fill its array: copy N bytes, then end it */
		off = cg_scratch_alloc(g, m->size + 1);
		if (off < 0)
			return -1;
		cg_scratch_ptr(g, r, off);
		asm_emit(B, I_MOV64_REG(1, r));
		asm_emit(B, I_MOV64_IMM(2, m->size));
		asm_emit(B, I_LDX(BPF_DW, 3, 10, FR_CTX));
		asm_emit(B, I_ALU64_IMM(BPF_ADD, 3, m->off));
		asm_emit(B, I_CALL(BPF_FUNC_probe_read_kernel));
		asm_emit(B, I_ST(BPF_B, r, m->size, 0));
		return r;
	case MB_CTX_LOC:
		/* __data_loc: the low 16 bits of the u32 are the string's offset
		 * in the record */
		off = cg_scratch_alloc(g, g->o->strsize);
		if (off < 0)
			return -1;
		ctx_int(g, r, m->off, 4);
		asm_emit(B, I_ALU64_IMM(BPF_AND, r, 0xffff));
		asm_emit(B, I_LDX(BPF_DW, 3, 10, FR_CTX));
		asm_emit(B, I_ALU64_REG(BPF_ADD, 3, r));
		cg_scratch_ptr(g, r, off);
		asm_emit(B, I_MOV64_REG(1, r));
		asm_emit(B, I_MOV64_IMM(2, g->o->strsize));
		asm_emit(B, I_CALL(BPF_FUNC_probe_read_kernel_str));
		return r;
	default:
		cg_reg_free(g, r);
		return -1;
	}
}

/* args->arr[i]: 0 when i is out of the array's bounds */
int cg_member_index(struct cg *g, struct d_expr *e)
{
	const struct d_member *m = e->mb;
	int r = cg_expr(g, e->args), out = asm_label(B);

	if (r < 0)
		return -1;
	asm_emit(B, I_MOV64_REG(1, r));
	asm_emit(B, I_MOV64_IMM(r, 0));
	asm_jmp_imm(B, BPF_JGE, 1, m->nelem, out);
	asm_emit(B, I_ALU64_IMM(BPF_MUL, 1, m->type.size));
	asm_emit(B, I_LDX(BPF_DW, 3, 10, FR_CTX));
	asm_emit(B, I_ALU64_REG(BPF_ADD, 3, 1));
	cg_kread(g, r, 3, m->off, m->type.size);
	widen(g, r, &m->type);
	asm_place(B, out);
	return r;
}

/* ---- translated members ---- */

/* A string constant of `size` bytes (the member's type size) */
static int const_str(struct cg *g, const char *s, int size)
{
	char buf[64] = { 0 };
	int off, r;

	snprintf(buf, sizeof(buf), "%s", s);
	off = cg_rodata(g, buf, size <= (int)sizeof(buf) ? size : (int)sizeof(buf), 1);
	if (off < 0)
		return -1;
	r = cg_reg_alloc(g);
	asm_ld_map_value(B, r, g->sh->m_rodata, (uint32_t)off);
	return r;
}

static int builtin(struct cg *g, int b, const struct d_type *t)
{
	struct d_expr x;

	memset(&x, 0, sizeof(x));
	x.kind = DE_IDENT;
	x.builtin = b;
	x.type = t;
	return cg_expr(g, &x);
}

/* The block tracepoint's field, by name, in this io program */
static const struct d_member *io_field(struct cg *g, const char *name)
{
	const struct probe *p = probe_get(g->dp->pt, g->bp->probe_id);

	return p && (p->kind == PK_IO_START || p->kind == PK_IO_DONE) ? tp_member(p->st, name) : NULL;
}

static int io_int(struct cg *g, const char *name)
{
	const struct d_member *m = io_field(g, name);
	int r;

	if (!m || m->how != MB_CTX)
		return -2;
	r = cg_reg_alloc(g);
	ctx_int(g, r, m->off, m->size);
	widen(g, r, &m->type);
	return r;
}

/* Block devices the system has: dev_t as the kernel encodes it
 * (major << 20 | minor), its name and its disk's */
struct blkdev {
	uint32_t dev;
	char name[32], disk[32];
};

static int blkdevs(struct blkdev *v, int max)
{
	DIR *d = opendir("/sys/class/block");
	struct dirent *de;
	int n = 0;

	if (!d)
		return 0;
	while ((de = readdir(d)) && n < max) {
		char path[PATH_MAX], real[PATH_MAX], *slash;
		unsigned maj, min;
		FILE *f;

		if (de->d_name[0] == '.' || strlen(de->d_name) >= sizeof(v->name))
			continue;
		snprintf(path, sizeof(path), "/sys/class/block/%s/dev", de->d_name);
		if (!(f = fopen(path, "r")))
			continue;
		if (fscanf(f, "%u:%u", &maj, &min) != 2) {
			fclose(f);
			continue;
		}
		fclose(f);
		v[n].dev = maj << 20 | min;
		memcpy(v[n].name, de->d_name, strlen(de->d_name) + 1); /* length checked above */
		memcpy(v[n].disk, v[n].name, sizeof(v[n].disk));
		/* a partition's directory lies in its disk's */
		snprintf(path, sizeof(path), "/sys/class/block/%s/partition", de->d_name);
		if (access(path, F_OK) == 0) {
			snprintf(path, sizeof(path), "/sys/class/block/%s", de->d_name);
			if (realpath(path, real) && (slash = strrchr(real, '/'))) {
				*slash = 0;
				if ((slash = strrchr(real, '/')) && strlen(slash + 1) < sizeof(v[n].disk))
					snprintf(v[n].disk, sizeof(v[n].disk), "%s", slash + 1);
			}
		}
		n++;
	}
	closedir(d);
	return n;
}

/* dev_name, dev_statname, dev_pathname: the device's names, matched
 * against the devices present when the program was compiled */
static int dev_names(struct cg *g, int code, int size)
{
	struct blkdev devs[64];
	int n = blkdevs(devs, 64), dev = io_int(g, "dev"), r, done = asm_label(B);

	if (dev == -2)
		return const_str(g, "<unknown>", size);
	if (dev < 0 || (r = const_str(g, "<unknown>", size)) < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		char name[64] = { 0 };
		int next = asm_label(B), off;

		snprintf(name, sizeof(name), "%s%s", code == XL_DEV_PATHNAME ? "/dev/" : "",
			 code == XL_DEV_NAME ? devs[i].disk : devs[i].name);
		asm_jmp_imm(B, BPF_JNE, dev, (int32_t)devs[i].dev, next);
		off = cg_rodata(g, name, size, 1);
		if (off < 0)
			return -1;
		asm_ld_map_value(B, r, g->sh->m_rodata, (uint32_t)off);
		asm_jmp(B, done);
		asm_place(B, next);
	}
	asm_place(B, done);
	cg_reg_free(g, dev);
	return r;
}

/* b_flags from the request's rwbs letters: R reads, W writes */
static int io_flags(struct cg *g)
{
	const struct d_member *m = io_field(g, "rwbs");
	int r, c;

	if (!m || m->how != MB_CTX_STR)
		return cg_expr_const(g, 0);
	r = cg_reg_alloc(g);
	c = cg_reg_alloc(g);
	if (c < 0)
		return -1;
	asm_emit(B, I_MOV64_IMM(r, 0));
	for (int i = 0; i < 4 && i < m->size; i++) {
		int notr = asm_label(B), notw = asm_label(B);

		asm_emit(B, I_LDX(BPF_DW, c, 10, FR_CTX));
		asm_emit(B, I_LDX(BPF_B, c, c, m->off + i));
		asm_jmp_imm(B, BPF_JNE, c, 'R', notr);
		asm_emit(B, I_ALU64_IMM(BPF_OR, r, B_READ));
		asm_place(B, notr);
		asm_jmp_imm(B, BPF_JNE, c, 'W', notw);
		asm_emit(B, I_ALU64_IMM(BPF_OR, r, B_WRITE));
		asm_place(B, notw);
	}
	cg_reg_free(g, c);
	return r;
}

/* The process's argument strings, NULs turned to spaces (the current
 * process only: another's memory is not readable here, so its name) */
static int psargs(struct cg *g, int size)
{
	int off, r, len, loop = asm_label(B), skip = asm_label(B), done = asm_label(B);

	if (g->subj || cg_other_task(g) || g->o->off_mm < 0 || g->o->off_arg_start < 0)
		return builtin(g, B_EXECNAME, &(struct d_type){ TY_STR, 16, 0, 0, NULL });
	off = cg_scratch_alloc(g, size);
	if (off < 0)
		return -1;
	r = cg_reg_alloc(g);
	len = cg_reg_alloc(g);
	if (len < 0)
		return -1;
	asm_emit(B, I_CALL(BPF_FUNC_get_current_task));
	asm_emit(B, I_MOV64_REG(r, 0));
	cg_kread(g, r, r, g->o->off_mm, 8);
	cg_kread(g, len, r, g->o->off_arg_end, 8);
	cg_kread(g, r, r, g->o->off_arg_start, 8);
	asm_emit(B, I_ALU64_REG(BPF_SUB, len, r));
	asm_emit(B, I_MOV64_REG(3, r));
	cg_scratch_ptr(g, r, off);
	asm_emit(B, I_ST(BPF_B, r, 0, 0));
	/* len in [1, size - 1] */
	asm_jmp_imm(B, BPF_JSLE, len, 0, done);
	asm_jmp_imm(B, BPF_JSLT, len, size, skip);
	asm_emit(B, I_MOV64_IMM(len, size - 1));
	asm_place(B, skip);
	asm_emit(B, I_MOV64_REG(1, r));
	asm_emit(B, I_MOV64_REG(2, len));
	asm_emit(B, I_CALL(BPF_FUNC_probe_read_user));
	asm_jmp_imm(B, BPF_JNE, 0, 0, done);
	/* the NUL after each argument but the last becomes a space */
	asm_emit(B, I_MOV64_REG(1, r));
	asm_emit(B, I_MOV64_IMM(2, 0));
	asm_place(B, loop);
	asm_loop(B, loop, 1, NULL); /* as long as the arguments: counted once */
	{
		int nospace = asm_label(B);

		asm_emit(B, I_LDX(BPF_B, 3, 1, 0));
		asm_jmp_imm(B, BPF_JNE, 3, 0, nospace);
		asm_emit(B, I_ST(BPF_B, 1, 0, ' '));
		asm_place(B, nospace);
	}
	asm_emit(B, I_ALU64_IMM(BPF_ADD, 1, 1));
	asm_emit(B, I_ALU64_IMM(BPF_ADD, 2, 1));
	asm_emit(B, I_MOV64_REG(3, len));
	asm_emit(B, I_ALU64_IMM(BPF_SUB, 3, 1));
	asm_jmp_reg(B, BPF_JLT, 2, 3, loop);
	asm_emit(B, I_ST(BPF_B, 1, 0, 0));
	asm_place(B, done);
	cg_reg_free(g, len);
	return r;
}

static int xl_member(struct cg *g, const struct d_member *m)
{
	static const struct d_type t_u32 = { TY_INT, 4, 1, 0, NULL }, t_i32 = { TY_INT, 4, 0, 0, NULL };
	int r;

	switch (m->code) {
	case XL_PR_PID:
		return builtin(g, B_PID, &t_i32);
	case XL_PR_PPID:
		return builtin(g, B_PPID, &t_i32);
	case XL_PR_UID:
		return builtin(g, B_UID, &t_u32);
	case XL_PR_GID:
		return builtin(g, B_GID, &t_u32);
	case XL_PR_LWPID:
		return builtin(g, B_TID, &t_i32);
	case XL_PR_FNAME:
		return builtin(g, B_EXECNAME, &m->type);
	case XL_PR_PSARGS:
		return psargs(g, m->type.size);
	case XL_PR_ONPRO:
		if ((g->subj || cg_other_task(g)) && g->o->off_task_cpu >= 0) {
			r = cg_reg_alloc(g);
			cg_task_ptr(g, r);
			cg_kread(g, r, r, g->o->off_task_cpu, 4);
			return r;
		}
		return builtin(g, B_CPU, &t_u32);
	case XL_B_BCOUNT:
		r = io_int(g, "bytes");
		if (r == -2 && (r = io_int(g, "nr_sector")) >= 0)
			asm_emit(B, I_ALU64_IMM(BPF_LSH, r, 9));
		return r == -2 ? cg_expr_const(g, 0) : r;
	case XL_B_BLKNO:
		r = io_int(g, "sector");
		return r == -2 ? cg_expr_const(g, 0) : r;
	case XL_B_ERROR:
		r = io_int(g, "error");
		return r == -2 ? cg_expr_const(g, 0) : r;
	case XL_B_EDEV:
		r = io_int(g, "dev");
		return r == -2 ? cg_expr_const(g, 0) : r;
	case XL_DEV_MAJOR:
	case XL_DEV_MINOR:
		r = io_int(g, "dev");
		if (r == -2)
			return cg_expr_const(g, 0);
		if (r >= 0)
			asm_emit(B, m->code == XL_DEV_MAJOR ? I_ALU64_IMM(BPF_RSH, r, 20)
							    : I_ALU64_IMM(BPF_AND, r, 0xfffff));
		return r;
	case XL_DEV_NAME:
	case XL_DEV_STATNAME:
	case XL_DEV_PATHNAME:
		return dev_names(g, m->code, m->type.size);
	case XL_B_FLAGS:
		return io_flags(g);
	case XL_FI_UNKNOWN:
		return const_str(g, "<unknown>", m->type.size);
	case XL_FI_OFFSET:
		return cg_expr_const(g, -1);
	}
	return -1;
}

int cg_member(struct cg *g, struct d_expr *e)
{
	int r, save = g->subj;

	if (e->mb->how != MB_XL)
		return ctx_member(g, e->mb);
	g->subj = (int)e->ival;
	r = xl_member(g, e->mb);
	g->subj = save;
	return r;
}
