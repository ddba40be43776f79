/*
 * probe_types.c - the argument types of a probe, for dtrace -lv: dtrace's
 * translated types where the provider has them, the tracepoint's fields,
 * the kernel function's prototype from BTF, the syscall's from its
 * tracepoint format.
 */
#include <bpf/btf.h>
#include <stdio.h>
#include <string.h>

#include "dprog.h"
#include "probe.h"
#include "prov_tp.h"

/* The C name of BTF type id into buf */
static void btf_name(const struct btf *btf, uint32_t id, char *buf, size_t n, int depth)
{
	const struct btf_type *t = id ? btf__type_by_id(btf, id) : NULL;
	char sub[128];
	const char *nm;

	if (!t || depth > 8) {
		snprintf(buf, n, "void");
		return;
	}
	nm = btf__name_by_offset(btf, t->name_off);
	switch (btf_kind(t)) {
	case BTF_KIND_PTR:
		btf_name(btf, t->type, sub, sizeof(sub), depth + 1);
		snprintf(buf, n, "%s *", sub);
		return;
	case BTF_KIND_CONST:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_RESTRICT:
		btf_name(btf, t->type, sub, sizeof(sub), depth + 1);
		snprintf(buf, n, "%s%s", btf_kind(t) == BTF_KIND_CONST ? "const " : "", sub);
		return;
	case BTF_KIND_STRUCT:
		snprintf(buf, n, "struct %s", nm && nm[0] ? nm : "(anon)");
		return;
	case BTF_KIND_UNION:
		snprintf(buf, n, "union %s", nm && nm[0] ? nm : "(anon)");
		return;
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		snprintf(buf, n, "enum %s", nm && nm[0] ? nm : "(anon)");
		return;
	case BTF_KIND_FUNC_PROTO:
		snprintf(buf, n, "void (*)()");
		return;
	default:
		snprintf(buf, n, "%s", nm && nm[0] ? nm : "void");
	}
}

static void fbt_types(const struct probe_table *t, const struct probe *p, FILE *fp)
{
	const struct btf_type *fn = t->btf ? btf__type_by_id(t->btf, (uint32_t)p->arg) : NULL;
	const struct btf_type *proto = fn ? btf__type_by_id(t->btf, fn->type) : NULL;
	char buf[256];

	if (!proto)
		return;
	if (p->kind == PK_FBT_RETURN) {
		btf_name(t->btf, proto->type, buf, sizeof(buf), 0);
		fprintf(fp, "\t\targs[0]: int\n\t\targs[1]: %s\n", buf);
		return;
	}
	for (int i = 0; i < btf_vlen(proto); i++) {
		btf_name(t->btf, btf_params(proto)[i].type, buf, sizeof(buf), 0);
		fprintf(fp, "\t\targs[%d]: %s\n", i, buf);
	}
}

/* A syscall's arguments, from its syscalls:sys_enter_NAME tracepoint */
static void syscall_types(const struct probe *p, FILE *fp)
{
	char path[128];
	const struct d_struct *st;

	if (p->kind == PK_SYSCALL_RETURN) {
		fprintf(fp, "\t\targs[0]: int\n\t\targs[1]: int\n");
		return;
	}
	snprintf(path, sizeof(path), "syscalls/sys_enter_%s", p->func);
	st = tp_format_load(path);
	for (int i = 0, k = 0; st && i < st->n; i++)
		if (strcmp(st->m[i].name, "__syscall_nr") != 0)
			fprintf(fp, "\t\targs[%d]: %s\n", k++, st->m[i].ctype ? st->m[i].ctype : "uint64_t");
	tp_struct_free(st);
}

void probe_print_types(struct probe_table *t, struct probe *p, FILE *fp)
{
	static const struct {
		enum probe_kind kind;
		const char *types;
	} xl[] = {
		{ PK_IO_START, "bufinfo_t *|devinfo_t *|fileinfo_t *" },
		{ PK_IO_DONE, "bufinfo_t *|devinfo_t *|fileinfo_t *" },
		{ PK_IO_WAIT_START, "bufinfo_t *|devinfo_t *|fileinfo_t *" },
		{ PK_IO_WAIT_DONE, "bufinfo_t *|devinfo_t *|fileinfo_t *" },
		{ PK_PROC_CREATE, "psinfo_t *" },
		{ PK_PROC_LWP_CREATE, "lwpsinfo_t *|psinfo_t *" },
		{ PK_PROC_SIGNAL_SEND, "lwpsinfo_t *|psinfo_t *|int" },
		{ PK_PROC_SIGNAL_HANDLE, "int" },
		{ PK_PROC_EXEC, "string" },
		{ PK_PROC_EXEC_FAILURE, "int" },
		{ PK_PROC_EXIT, "int" },
		{ PK_SCHED_WAKEUP, "lwpsinfo_t *|psinfo_t *" },
		{ PK_SCHED_ENQUEUE, "lwpsinfo_t *|psinfo_t *" },
		{ PK_SCHED_DEQUEUE, "lwpsinfo_t *|psinfo_t *" },
		{ PK_PROFILE, "uint64_t|uint64_t" },
		{ PK_TICK, "uint64_t|uint64_t" },
		{ PK_UPROBE, "uint64_t|uint64_t|uint64_t|uint64_t|uint64_t|uint64_t" },
		{ PK_URETPROBE, "uint64_t|uint64_t" },
	};
	fprintf(fp, "\n\tArgument Types\n");
	for (size_t i = 0; i < sizeof(xl) / sizeof(xl[0]); i++) {
		const char *s = xl[i].types;

		if (xl[i].kind != p->kind)
			continue;
		for (int k = 0; s; k++) {
			const char *bar = strchr(s, '|');

			fprintf(fp, "\t\targs[%d]: %.*s\n", k, bar ? (int)(bar - s) : (int)strlen(s), s);
			s = bar ? bar + 1 : NULL;
		}
	}
	if (p->kind == PK_SYSCALL_ENTRY || p->kind == PK_SYSCALL_RETURN)
		syscall_types(p, fp);
	if (p->kind == PK_FBT_ENTRY || p->kind == PK_FBT_RETURN)
		fbt_types(t, p, fp);
	if (p->kind == PK_TRACEPOINT && tp_struct(p))
		for (int i = 0; i < p->st->n; i++)
			fprintf(fp, "\t\targs->%s: %s\n", p->st->m[i].name,
				p->st->m[i].ctype ? p->st->m[i].ctype : "uint64_t");
	fprintf(fp, "\n");
}
