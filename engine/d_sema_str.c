/*
 * d_sema_str.c - typing of the string and utility subroutines that
 * cg_str.c generates: substr, index, rindex, strstr, strchr, strrchr,
 * strtok, inet_ntoa, inet_ntop, the byte-order conversions, rand and
 * progenyof.
 *
 * Each argument is checked against dtrace's prototype (the same D_PROTO_ARG
 * message, naming the prototype's C type); the result type follows
 * dtrace's, with a string capacity no larger than the text it can hold.
 *
 * Strings that may be NULL in dtrace (strstr, strchr, strrchr, strtok
 * finding nothing) compare equal to NULL or 0 with == and !=; the code
 * generator represents NULL by one reserved empty string in the read-only
 * data.  strtok keeps its state in hidden this-> variables (a name no
 * script can write), so it lives in the program's scratch, per CPU, and the
 * firing's timestamp tells a continuation from a stale state.
 */
#include <string.h>

#include "d_sema.h"

/* A string argument: a string, or (strtok's first) the NULL constant */
static int want_string(const struct d_expr *a, int null_ok)
{
	return sema_is_strlike(a->type) || (null_ok && a->kind == DE_INT && a->ival == 0);
}

/* dtrace's prototype type of argument argno (1-based), "char *" for strings */
static const char *arg_proto(int f, int argno)
{
	switch (f) {
	case F_SUBSTR:
		return argno == 1 ? "char *" : "int";
	case F_INDEX:
	case F_RINDEX:
		return argno == 3 ? "int" : "char *";
	case F_STRSTR:
	case F_STRTOK:
		return "char *";
	case F_STRCHR:
	case F_STRRCHR:
		return argno == 1 ? "char *" : "char";
	case F_INET_NTOA:
		return "ipaddr_t *";
	case F_INET_NTOP:
		return argno == 1 ? "int" : "void *";
	case F_HTONS:
	case F_NTOHS:
		return "uint16_t";
	case F_HTONL:
	case F_NTOHL:
		return "uint32_t";
	case F_HTONLL:
	case F_NTOHLL:
		return "uint64_t";
	default:
		return "pid_t"; /* progenyof */
	}
}

/* The strtok state: a firing stamp, a position and a copy of the string,
 * adjacent in the this-> area in this order (cg_str.c relies on it). */
static struct d_var *strtok_state(struct sema *s)
{
	struct d_var *v = sema_var_find(s, VS_THIS, ".strtok");

	if (!v) {
		sema_var_new(s, VS_THIS, ".strtok_stamp", &T_U64)->defined = 1;
		sema_var_new(s, VS_THIS, ".strtok_pos", &T_U64)->defined = 1;
		v = sema_var_new(s, VS_THIS, ".strtok", sema_type_str(s, s->o->strsize));
		v->defined = 1;
	}
	return v;
}

int sema_subr_str(struct sema *s, struct d_expr *e)
{
	int f = e->func, argno = 0, ss = s->o->strsize;
	const struct d_expr *a0 = e->args;

	for (struct d_expr *a = e->args; a; a = a->next) {
		const char *proto = arg_proto(f, ++argno);
		int str = strcmp(proto, "char *") == 0;

		if (sema_expr(s, a))
			return -1;
		if (str ? !want_string(a, f == F_STRTOK && argno == 1) : !sema_is_int(a->type))
			return sema_err(s, a->pos, "D_PROTO_ARG",
					"%s( ) argument #%d is incompatible with prototype:\n\tprototype: "
					"%s\n\t argument: %s",
					e->name, argno, proto, sema_type_name(a->type));
	}
	switch (f) {
	case F_SUBSTR:
	case F_STRSTR:
	case F_STRCHR:
	case F_STRRCHR:
		/* a part of the first string: no longer than it */
		e->type =
		    sema_type_str(s, a0->type->k == TY_STR && a0->type->size < ss ? a0->type->size : ss);
		break;
	case F_STRTOK:
		e->var = strtok_state(s);
		e->type = sema_type_str(s, ss);
		s->dp->uses_ts = 1;
		break;
	case F_INET_NTOA:
	case F_INET_NTOP:
		e->type = sema_type_str(s, 16); /* INET_ADDRSTRLEN */
		break;
	case F_INDEX:
	case F_RINDEX:
	case F_RAND:
	case F_PROGENYOF:
		e->type = &T_I32;
		break;
	case F_HTONS:
	case F_NTOHS:
		e->type = sema_type_new(s, (struct d_type){ TY_INT, 2, 1, 0, NULL });
		break;
	case F_HTONL:
	case F_NTOHL:
		e->type = &T_U32;
		break;
	default:
		e->type = &T_U64;
		break;
	}
	if (f == F_PROGENYOF)
		s->dp->needs_ktypes = 1;
	if (f < F_HTONS)
		s->cc->needs_scratch = 1;
	return 0;
}

int sema_str_null_cmp(const struct d_expr *e)
{
	const struct d_expr *l = e->left, *r = e->right;

	return (sema_is_strlike(l->type) && r->kind == DE_INT && r->ival == 0) ||
	       (sema_is_strlike(r->type) && l->kind == DE_INT && l->ival == 0);
}
