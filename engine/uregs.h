/*
 * uregs.h - dtrace's uregs[] on x86-64: the register names (R_RAX, R_PC,
 * ...) and where each index lives in the kernel's struct pt_regs.
 */
#ifndef DSCOPE_UREGS_H
#define DSCOPE_UREGS_H

#include <stdint.h>

/* The value of a register-name constant (R_RAX is 10); 0 if name is none. */
int uregs_const(const char *name, int64_t *value);

/* The byte offset in struct pt_regs of uregs[idx]; -1 for an index with
 * no saved register (ds, es, fs, gs, out of range), which reads as 0. */
int uregs_offset(int64_t idx);

/* The largest index uregs_offset knows. */
enum { UREGS_MAX = 41 };

#endif
