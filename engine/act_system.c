/*
 * act_system.c - the system() action, carried out by the consumer.
 *
 * dtrace hands system()'s formatted string to a shell.  The format is the
 * script author's own program text, so it goes to /bin/sh -c as written
 * (pipes, redirections and `;` in it work as in dtrace).  The values
 * interpolated into it are traced data: a process name or a path chosen by
 * whoever runs the traced program.  Those never reach the shell unquoted:
 * a value converted by %s (or %c, %Y, symbols...) that is anything but a
 * plain word ([A-Za-z0-9_./:@%+,=-]) is single-quoted, so it is always one
 * argument and never syntax.  Numbers (%d, %x, ...) are inserted as
 * printed.
 *
 * The command runs with posix_spawn (no fork of the whole consumer), stdin
 * from /dev/null, default signal dispositions and an empty signal mask, and
 * the consumer waits for it, as dtrace does.  Its standard output is
 * captured and becomes the action's output in the snapshot (printed as
 * printf("%s") would print it), so it lands in order with the other
 * records, in the batch printer as in the views, and a replayed session
 * shows it without running anything.  Its standard error is inherited.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dscope_int.h"

extern char **environ;

enum { SYSTEM_OUT_MAX = 1 << 20 };

static int plain_word(const char *s, size_t n)
{
	if (n == 0)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      strchr("_./:@%+,=-", c)))
			return 0;
	}
	return 1;
}

static void put_quoted(FILE *fp, const char *s, size_t n)
{
	if (plain_word(s, n)) {
		fwrite(s, 1, n, fp);
		return;
	}
	fputc('\'', fp);
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\'')
			fputs("'\\''", fp);
		else
			fputc(s[i], fp);
	}
	fputc('\'', fp);
}

static int star(const struct dvalue *v)
{
	if (v->kind != DV_INT && v->kind != DV_UINT)
		return 0;
	return v->size == 1 ? (int8_t)v->i : v->size == 2 ? (int16_t)v->i : (int32_t)v->i;
}

char *act_system_command(const struct fmt *f, const struct dvalue *args, int nargs)
{
	char *out = NULL, *one = NULL;
	size_t outn = 0, onen = 0;
	FILE *fp = open_memstream(&out, &outn);
	int j = 0;

	if (!fp)
		return NULL;
	for (int i = 0; i < f->nconv; i++) {
		const struct fmt_conv *c = &f->conv[i];
		int width = c->width > 0 ? c->width : 0, prec = c->prec > 0 ? c->prec : 0;
		const struct dvalue *v;
		FILE *cf;

		fputs(c->lit, fp);
		if (c->conv == '%') {
			fputc('%', fp);
			continue;
		}
		if (c->width == -2)
			width = j < nargs ? star(&args[j++]) : 0;
		if (c->prec == -2)
			prec = j < nargs ? star(&args[j++]) : 0;
		if (j >= nargs)
			continue;
		v = &args[j++];
		cf = open_memstream(&one, &onen);
		if (!cf)
			break;
		fmt_conv_print(cf, c, width, prec, v);
		fclose(cf);
		if ((v->kind == DV_INT || v->kind == DV_UINT) && c->want != FW_STR && c->want != FW_TIME &&
		    c->conv != 'c' && c->conv != 'C')
			fwrite(one, 1, onen, fp);
		else
			put_quoted(fp, one, onen);
		free(one);
		one = NULL;
	}
	fputs(f->conv[f->nconv].lit, fp);
	if (fclose(fp)) {
		free(out);
		return NULL;
	}
	return out;
}

char *act_system_run(const char *cmd, size_t *len)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	sigset_t none, def;
	char sh[] = "sh", dc[] = "-c";
	char *argv[] = { sh, dc, (char *)cmd, NULL };
	int p[2], st;
	pid_t pid;
	char *buf = malloc(4096);
	size_t n = 0, cap = 4096;

	*len = 0;
	if (!buf || pipe2(p, O_CLOEXEC)) {
		free(buf);
		return NULL;
	}
	sigemptyset(&none);
	sigfillset(&def);
	sigdelset(&def, SIGKILL);
	sigdelset(&def, SIGSTOP);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, p[1], 1);
	posix_spawnattr_init(&at);
	posix_spawnattr_setsigmask(&at, &none);
	posix_spawnattr_setsigdefault(&at, &def);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	st = posix_spawn(&pid, "/bin/sh", &fa, &at, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&at);
	close(p[1]);
	if (st) {
		close(p[0]);
		free(buf);
		errno = st;
		return NULL;
	}
	for (;;) {
		ssize_t r;

		if (n == cap && cap < SYSTEM_OUT_MAX) {
			char *nb = realloc(buf, cap * 2);

			if (nb) {
				buf = nb;
				cap *= 2;
			}
		}
		if (n < cap) {
			r = read(p[0], buf + n, cap - n);
			if (r > 0)
				n += (size_t)r;
		} else {
			/* past the limit: drain, keep nothing more */
			char sink[4096];

			r = read(p[0], sink, sizeof(sink));
		}
		if (r == 0 || (r < 0 && errno != EINTR))
			break;
	}
	close(p[0]);
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	*len = n;
	return buf;
}

int act_system(struct dscope *h, struct dscope_snap *s, struct snap_act *sa)
{
	char *cmd = act_system_command(sa->fmt, sa->vals, sa->nvals), *out;
	size_t n = 0;
	char *text;

	if (!h->sysfmt) {
		struct d_diag dg;

		memset(&dg, 0, sizeof(dg));
		h->sysfmt = fmt_parse(&h->arena, "%s", 0, (struct d_pos){ 0, 0 }, &dg);
	}
	if (!cmd || !h->sysfmt) {
		free(cmd);
		return -1;
	}
	out = act_system_run(cmd, &n);
	free(cmd);
	text = arena_alloc(&s->arena, n + 1);
	if (out)
		memcpy(text, out, n);
	text[n] = 0;
	free(out);
	sa->kind = SA_PRINTF;
	sa->fmt = h->sysfmt;
	sa->vals = arena_alloc(&s->arena, sizeof(*sa->vals));
	sa->vals[0] = dval_str(text);
	sa->nvals = 1;
	return 0;
}
