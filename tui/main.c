/*
 * main.c - the dscope command: dtrace's command line in batch mode.
 *
 * Parses dtrace's flags, assembles the D program (-n, -s, -P/-m/-f/-i, with
 * -C through cpp), handles -c (start a command stopped until the probes are
 * live) and -p (trace a running process), then runs the engine's loop:
 * one poll(2) over the engine's fd and a signalfd, waking at the switch
 * rate.  Messages take their prefix from argv[0], so a `dtrace` symlink
 * speaks as dtrace.  On a terminal (or with --tui) the running program is
 * handed to the full-screen interface (tui.c) instead; -b, --batch, -o, -S
 * or an output that is not a terminal keep batch mode.  --replay FILE on a
 * terminal opens the interface on the recording (tui/replay.c), else
 * prints it as batch mode did; --record with the interface hands the
 * writer to it (tui/record.c).  Exit status: 0 success (or the D program's
 * exit() value), 1 failure, 2 bad usage.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libgen.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "d_diag.h"
#include "dscope.h"
#include "session.h"
#include "tui.h"

#define DSCOPE_VERSION "0.1"

static const char *prog = "dscope";
static int cmd_out_to_err;    /* -c's command writes to stderr (--record -) */
static int cmd_out_pipe = -1; /* ... or into this pipe, for the interface */
static int cmd_out_read = -1; /* the interface's end of it */

struct src {
	char *buf;
	size_t len, cap;
	int nparts;
	const char *script; /* -s file name when the program is one script */
	char *desc;	    /* -n text when the program is one description */
};

static void src_add(struct src *s, const char *text)
{
	size_t n = strlen(text);

	if (s->len + n + 2 > s->cap) {
		s->cap = (s->len + n + 2) * 2;
		s->buf = realloc(s->buf, s->cap);
		if (!s->buf) {
			fprintf(stderr, "%s: out of memory\n", prog);
			exit(1);
		}
	}
	memcpy(s->buf + s->len, text, n);
	s->len += n;
	s->buf[s->len++] = '\n';
	s->buf[s->len] = 0;
	s->nparts++;
}

/* Everything readable from fd, NUL-terminated (malloc'd), or NULL */
static char *read_all(int fd)
{
	char *buf = NULL, *nb;
	size_t len = 0, cap = 0;
	ssize_t r;

	for (;;) {
		if (cap - len < 4096) {
			cap = cap ? cap * 2 : 8192;
			nb = realloc(buf, cap + 1);
			if (!nb) {
				free(buf);
				return NULL;
			}
			buf = nb;
		}
		r = read(fd, buf + len, cap - len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		len += (size_t)r;
	}
	buf[len] = 0;
	return buf;
}

static char *read_file(const char *path)
{
	int fd = strcmp(path, "-") == 0 ? 0 : open(path, O_RDONLY | O_CLOEXEC);
	char *buf;

	if (fd < 0)
		return NULL;
	buf = read_all(fd);
	if (fd != 0)
		close(fd);
	/* #! line of an executable script */
	if (buf && buf[0] == '#' && buf[1] == '!')
		memset(buf, ' ', strcspn(buf, "\n"));
	return buf;
}

/* Run the text through cpp (-C), with -D/-U/-I options; no shell. */
static char *run_cpp(const char *text, char **cppargs, int ncpp)
{
	int in[2], out[2];
	pid_t pid;
	char *argv[256], a0[] = "cpp", a1[] = "-P";
	int n = 0;

	argv[n++] = a0;
	argv[n++] = a1;
	for (int i = 0; i < ncpp && n < 250; i++)
		argv[n++] = cppargs[i];
	argv[n] = NULL;
	if (pipe(in) || pipe(out))
		return NULL;
	pid = fork();
	if (pid < 0)
		return NULL;
	if (pid == 0) {
		sigset_t all;

		sigfillset(&all);
		sigprocmask(SIG_UNBLOCK, &all, NULL);
		dup2(in[0], 0);
		dup2(out[1], 1);
		close(in[1]);
		close(out[0]);
		execvp("cpp", argv);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	/* the script is small; write it all before reading (pipe capacity is
	 * enough for D scripts; larger ones would need a poll loop) */
	if (write(in[1], text, strlen(text)) < 0)
		perror("cpp");
	close(in[1]);
	char *buf = read_all(out[0]);

	close(out[0]);
	int st;

	waitpid(pid, &st, 0);
	if (!buf || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* The path of a shipped script (tui/picker.c says where they are);
 * malloc'd, NULL when none exists */
static char *default_script(const char *name)
{
	char dir[4096], path[4400];

	if (picker_shipped_dir(dir, sizeof(dir)))
		return NULL;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return access(path, R_OK) == 0 ? strdup(path) : NULL;
}

/* A process that has exited and waits for its parent (state Z in stat) */
static int is_zombie(pid_t pid)
{
	char path[64], buf[512], *rp;
	int fd, n;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = (int)read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = 0;
	/* the state follows the command name's closing parenthesis */
	rp = strrchr(buf, ')');
	return rp && rp[1] == ' ' && rp[2] == 'Z';
}

/* Options as given, replayed by the interface on each program it starts. */
static struct tui_cfg tcfg;

static int setopt_rec(struct dscope *h, const char *name, const char *value)
{
	int r = dscope_setopt(h, name, value);

	if (r == 0 && tcfg.nopts < 64) {
		tcfg.opts[tcfg.nopts][0] = name;
		tcfg.opts[tcfg.nopts][1] = value;
		tcfg.nopts++;
	}
	return r;
}

static void usage(FILE *fp)
{
	fprintf(fp,
		"Usage: %s [-CeFhlqSvVwZ] [-b bufsz] [-c cmd] [-D name[=def]]\n"
		"\t[-I path] [-o output] [-p pid] [-s script] [-U name] [-x opt[=val]]\n"
		"\t[-P provider [[ predicate ] action ]] [-m [ provider: ] module [[ predicate ] action ]]\n"
		"\t[-f [[ provider: ] module: ] func [[ predicate ] action ]]\n"
		"\t[-n [[[ provider: ] module: ] func: ] name [[ predicate ] action ]]\n"
		"\t[-i probe-id [[ predicate ] action ]] [ args ... ]\n\n"
		"\tpredicate -> '/' D-expression '/'\n"
		"\t   action -> '{' D-statements '}'\n\n"
		"\t-b  set trace buffer size\n"
		"\t-c  run specified command and exit upon its completion\n"
		"\t-C  run cpp(1) preprocessor on script files\n"
		"\t-D  define symbol when invoking preprocessor\n"
		"\t-e  exit after compiling request but prior to enabling probes\n"
		"\t-F  coalesce trace output by function\n"
		"\t-f  enable or list probes matching the specified function name\n"
		"\t-h  print this help\n"
		"\t-i  enable or list probes matching the specified probe id\n"
		"\t-I  add include directory to preprocessor search path\n"
		"\t-l  list probes matching specified criteria\n"
		"\t-m  enable or list probes matching the specified module name\n"
		"\t-n  enable or list probes matching the specified probe name\n"
		"\t-o  set output file\n"
		"\t-p  grab specified process-ID and cache its symbol tables\n"
		"\t-P  enable or list probes matching the specified provider name\n"
		"\t-q  set quiet mode (only output explicitly traced data)\n"
		"\t-s  enable or list probes according to the specified D script\n"
		"\t-S  print the generated BPF instructions\n"
		"\t-U  undefine symbol when invoking preprocessor\n"
		"\t-v  set verbose mode (report stability attributes, arguments)\n"
		"\t-V  report DTrace API version\n"
		"\t-w  permit destructive actions\n"
		"\t-x  enable or modify compiler and tracing options\n"
		"\t-Z  permit probe descriptions that match zero probes\n\n"
		"\t--record FILE   record a session while tracing (- for standard output;\n"
		"\t                batch output then goes to standard error)\n"
		"\t--force         replace an existing session file\n"
		"\t--replay FILE   replay a recorded session: in the interface on a terminal,\n"
		"\t                else (-b, a pipe, - for stdin) print it as it printed live\n"
		"\t--export FMT    folded, json or csv instead of dtrace's text\n",
		prog);
}

/*
 * Start a command stopped right after its exec (ptrace), so the probes can
 * be placed in its own image before its first instruction runs; release()
 * lets it go.  Returns the pid, or -1 (the command could not be started; a
 * failed exec shows as an exit with status 127).
 */
static pid_t start_cmd(const char *cmd)
{
	pid_t pid = fork();
	int st;

	if (pid < 0)
		return -1;
	if (pid == 0) {
		char sh[] = "/bin/sh", dc[] = "-c";
		char *argv[] = { sh, dc, (char *)cmd, NULL };

		sigset_t all;

		sigfillset(&all);
		sigprocmask(SIG_UNBLOCK, &all, NULL);
		if (ptrace(PTRACE_TRACEME, 0, NULL, NULL))
			_exit(127);
		/* --record -: standard output carries the session; the
		 * interface owns the terminal: the command's output goes to the
		 * log view and its input is empty */
		if (cmd_out_to_err)
			dup2(2, 1);
		if (cmd_out_pipe >= 0) {
			int nul = open("/dev/null", O_RDONLY);

			dup2(nul, 0);
			dup2(cmd_out_pipe, 1);
			dup2(cmd_out_pipe, 2);
		}
		/* exec the words directly when there is nothing for a shell (an
		 * = matters only in a leading assignment) */
		size_t w0 = strcspn(cmd + strspn(cmd, " \t"), " \t");

		if (!strpbrk(cmd, "|&;<>()$`\\\"'*?[#~") && !memchr(cmd + strspn(cmd, " \t"), '=', w0)) {
			char *copy = strdup(cmd), *words[128], *save = NULL;
			int n = 0;

			for (char *w = strtok_r(copy, " \t", &save); w && n < 127;
			     w = strtok_r(NULL, " \t", &save))
				words[n++] = w;
			words[n] = NULL;
			if (n)
				execvp(words[0], words);
			fprintf(stderr, "%s: failed to execute %s: %s\n", prog, cmd, strerror(errno));
			_exit(127);
		}
		execv("/bin/sh", argv);
		_exit(127);
	}
	/* the exec stops it with SIGTRAP; anything else is a failure (an exec
	 * that failed said why itself: errno 0 then) */
	if (waitpid(pid, &st, 0) != pid || !WIFSTOPPED(st)) {
		errno = WIFEXITED(st) && WEXITSTATUS(st) == 127 ? 0 : ECHILD;
		return -1;
	}
	return pid;
}

static void release_cmd(pid_t pid)
{
	ptrace(PTRACE_DETACH, pid, NULL, NULL);
}

/* --replay FILE [--export FMT]: no kernel, no privileges */
static int replay(const char *path, const char *exportfmt, FILE *out)
{
	char err[600];
	struct session_reader *r = session_open(path, err, sizeof(err));
	struct session_item it;
	int rc, k;

	if (!r) {
		fprintf(stderr, "%s: %s\n", prog, err);
		return 1;
	}
	if (!exportfmt) {
		rc = session_replay_batch(r, out, stderr, prog);
		session_read_close(r);
		return rc < 0 ? 1 : rc;
	}
	struct export *x = export_new((enum export_kind)export_kind_parse(exportfmt), out);

	rc = 0;
	while (x && (k = session_next(r, &it)) > 0) {
		if (it.kind == SESSION_MSG) {
			fprintf(stderr, "%s\n", it.msg);
			continue;
		}
		if (it.kind != SESSION_SNAP)
			continue;
		export_snap(x, it.snap, it.snap->naggs ? it.snap : NULL, it.t_ns);
		if (it.snap->exited || it.snap->final)
			rc = it.snap->exit_status;
		dscope_snap_release(it.snap);
	}
	export_free(x);
	if (!x || !session_read_complete(r)) {
		fprintf(stderr, "%s: %s\n", prog, x ? session_read_errmsg(r) : "out of memory");
		rc = 1;
	}
	session_read_close(r);
	return rc;
}

/* The session's program chunk: what was compiled, where, when. */
static int record_info(struct session_writer *w, struct dscope *h, const char *src, const char *script)
{
	struct session_info in;
	struct session_info_buf b = { 0 };

	session_info_of(&in, &b, h);
	in.prog = prog;
	in.version = DSCOPE_VERSION;
	in.src = src;
	in.srcname = script;
	return session_write_info(w, &in);
}

/* A message for the error stream, recorded too. */
static void say(struct session_tee *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void say(struct session_tee *t, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	fprintf(stderr, "%s\n", buf);
	if (t->w && !t->failed && session_write_msg(t->w, buf) < 0) {
		fprintf(stderr, "%s: %s\n", prog, session_write_errmsg(t->w));
		t->failed = 1;
	}
}

int main(int argc, char **argv)
{
	struct src src = { 0 };
	struct dscope *h;
	char *cppargs[128];
	int ncpp = 0, cpp = 0, list = 0, verbose = 0, exit_after_compile = 0, quiet = 0, dumpbpf = 0;
	const char *outfile = NULL, *cmd = NULL;
	char *default_src = NULL; /* the default script's path, when used */
	long target = -1;
	int opt, rc = 0, sfd = -1;
	FILE *out = stdout;
	pid_t child = -1;
	char *listdesc = NULL;
	sigset_t ss;
	const char *recfile = NULL, *replayfile = NULL, *exportfmt = NULL;
	int recflags = 0;
	struct session_tee tee = { 0 };

	/* the signals that end a run wait from the start: one that comes while
	 * a large program compiles or attaches (seconds, for thousands of
	 * uprobes) is taken by the main loop, which then stops cleanly and
	 * kills a -c command, instead of killing dscope mid-way (the command
	 * would run on, released) */
	sigemptyset(&ss);
	sigaddset(&ss, SIGINT);
	sigaddset(&ss, SIGTERM);
	sigaddset(&ss, SIGCHLD);
	sigaddset(&ss, SIGHUP);
	sigprocmask(SIG_BLOCK, &ss, NULL);
	prog = basename(argv[0]);
	if (strcmp(prog, "dtrace") != 0)
		prog = "dscope";
	h = dscope_new(prog);
	if (!h) {
		fprintf(stderr, "%s: out of memory\n", prog);
		return 1;
	}
	static const struct option longopts[] = { { "help", no_argument, NULL, 'h' },
						  { "version", no_argument, NULL, 'V' },
						  { "tui", no_argument, NULL, 1 },
						  { "batch", no_argument, NULL, 2 },
						  { "record", required_argument, NULL, 256 },
						  { "force", no_argument, NULL, 257 },
						  { "replay", required_argument, NULL, 258 },
						  { "export", required_argument, NULL, 259 },
						  { NULL, 0, NULL, 0 } };
	int want_tui = 0, want_batch = 0;

	/* with --replay, a bare -b means batch (dtrace's -b takes a size) */
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--replay") || !strncmp(argv[i], "--replay=", 9))
			for (int j = 1; j < argc; j++)
				if (!strcmp(argv[j], "-b") && (j + 1 == argc || argv[j + 1][0] == '-'))
					argv[j] = (char *)"--batch";
	while ((opt = getopt_long(argc, argv, "b:c:CD:ef:Fhi:I:lm:n:o:p:P:qs:SU:vVwx:Z", longopts, NULL)) !=
	       -1) {
		char tmp[1024];

		switch (opt) {
		case 1:
			want_tui = 1;
			break;
		case 2:
			want_batch = 1;
			break;
		case 'b':
			want_batch = 1; /* dtrace's buffer size, and batch mode */
			if (setopt_rec(h, "bufsize", optarg)) {
				fprintf(stderr, "%s: %s\n", prog, dscope_errmsg(h));
				rc = 2;
				goto out;
			}
			break;
		case 'c':
			cmd = optarg;
			break;
		case 'C':
			cpp = 1;
			break;
		case 'D':
		case 'U':
		case 'I':
			if (ncpp < 120) {
				snprintf(tmp, sizeof(tmp), "-%c%s", opt, optarg);
				cppargs[ncpp++] = strdup(tmp);
			}
			break;
		case 'e':
			exit_after_compile = 1;
			break;
		case 'P':
		case 'm':
		case 'f':
		case 'n':
		case 'i': {
			/* -P prov, -m [prov:]mod, -f [[prov:]mod:]func: the
			 * description gets the missing fields */
			const char *body = strpbrk(optarg, "/{");
			size_t dl = body ? (size_t)(body - optarg) : strlen(optarg);
			char desc[512];

			snprintf(desc, sizeof(desc), "%.*s", (int)dl, optarg);
			if (opt == 'i') {
				/* a probe id names its full description */
				char *end;
				unsigned long id = strtoul(desc, &end, 10);

				while (*end == ' ')
					end++;
				if (*end || dscope_probe_desc(h, (uint32_t)id, desc, sizeof(desc))) {
					fprintf(stderr,
						"%s: invalid probe specifier %s: probe description %s does "
						"not match any probes\n",
						prog, optarg, optarg);
					rc = 1;
					goto out;
				}
			}
			snprintf(tmp, sizeof(tmp), "%s%s%s", desc,
				 opt == 'P'   ? ":::"
				 : opt == 'm' ? "::"
				 : opt == 'f' ? ":"
					      : "",
				 body ? body : "");
			if (opt == 'n' && !body)
				snprintf(tmp, sizeof(tmp), "%s", optarg);
			if (list) {
				free(listdesc);
				listdesc = malloc(strlen(desc) + 4);
				if (listdesc)
					sprintf(listdesc, "%s%s", desc,
						opt == 'P'   ? ":::"
						: opt == 'm' ? "::"
						: opt == 'f' ? ":"
							     : "");
			}
			src_add(&src, tmp);
			src.desc = src.nparts == 1 ? strdup(desc) : NULL;
			break;
		}
		case 'F':
			setopt_rec(h, "flowindent", NULL);
			break;
		case 'h':
			usage(stdout);
			goto out;
		case 'l':
			list = 1;
			break;
		case 'o':
			outfile = optarg;
			break;
		case 'p': {
			const char *why = NULL;

			target = strtol(optarg, NULL, 10);
			if (target <= 0)
				why = "invalid pid";
			else if (kill((pid_t)target, 0) != 0)
				why = "No such process";
			else if (is_zombie((pid_t)target))
				why = "process is a zombie";
			if (why) {
				fprintf(stderr, "%s: failed to grab pid %s: %s\n", prog, optarg, why);
				rc = 1;
				goto out;
			}
			break;
		}
		case 'q':
			quiet = 1;
			setopt_rec(h, "quiet", NULL);
			break;
		case 's': {
			char *text = read_file(optarg);

			if (!text) {
				fprintf(stderr, "%s: failed to open %s: %s\n", prog, optarg, strerror(errno));
				rc = 2;
				goto out;
			}
			src_add(&src, text);
			src.script = src.nparts == 1 ? optarg : NULL;
			free(text);
			break;
		}
		case 'S':
			dumpbpf = 1;
			break;
		case 'v':
			/* verbose: the verifier's whole log when it refuses; with
			 * -l, the probes' argument types */
			setopt_rec(h, "bpflog", NULL);
			verbose = 1;
			break;
		case 'V':
			printf("%s: Sun D 1.6.3 (dscope %s)\n", prog, DSCOPE_VERSION);
			goto out;
		case 'w':
			setopt_rec(h, "destructive", NULL);
			break;
		case 'x': {
			char *eq = strchr(optarg, '=');

			if (eq)
				*eq = 0;
			if (setopt_rec(h, optarg, eq ? eq + 1 : NULL)) {
				fprintf(stderr, "%s: %s\n", prog, dscope_errmsg(h));
				rc = 2;
				goto out;
			}
			break;
		}
		case 'Z':
			setopt_rec(h, "zdefs", NULL);
			break;
		case 256:
			recfile = optarg;
			break;
		case 257:
			recflags |= SESSION_FORCE;
			break;
		case 258:
			replayfile = optarg;
			break;
		case 259:
			exportfmt = optarg;
			if (export_kind_parse(optarg) < 0) {
				fprintf(stderr, "%s: unknown export format '%s' (folded, json, csv)\n", prog,
					optarg);
				rc = 2;
				goto out;
			}
			break;
		default:
			usage(stderr);
			rc = 2;
			goto out;
		}
	}
	if (outfile && (replayfile || exportfmt)) {
		out = fopen(outfile, "a");
		if (!out) {
			fprintf(stderr, "%s: failed to open output file '%s': %s\n", prog, outfile,
				strerror(errno));
			rc = 1;
			goto out;
		}
	}
	if (replayfile) {
		/* on a terminal, the interface replays it (a pipe, -b, -o or
		 * --export print it as batch mode did) */
		if (!exportfmt && !want_batch && !outfile && strcmp(replayfile, "-") &&
		    (want_tui || (isatty(STDOUT_FILENO) && isatty(STDIN_FILENO)))) {
			tcfg.prog = prog;
			tcfg.version = DSCOPE_VERSION;
			tcfg.src = "";
			tcfg.replay = replayfile;
			tcfg.nmacros = argc - optind;
			tcfg.macros = argv + optind;
			tcfg.target = -1;
			tcfg.child = -1;
			tcfg.child_out = -1;
			tcfg.no_final = 1;
			rc = tui_run(&h, &tcfg);
			goto out;
		}
		rc = replay(replayfile, exportfmt, out);
		goto out;
	}
	if (list) {
		int n;

		/* pid$target names the command's probes: start it (stopped at
		 * its exec, so its libraries are not mapped yet), list, kill */
		if (cmd) {
			child = start_cmd(cmd);
			if (child < 0) {
				if (errno)
					fprintf(stderr, "%s: failed to execute %s: %s\n", prog, cmd,
						strerror(errno));
				rc = 1;
				goto out;
			}
			target = child;
		}
		dscope_set_target(h, target);
		n = dscope_list_v(h, stdout, listdesc ? listdesc : "", verbose);

		rc = n > 0 || !listdesc ? 0 : 1;
		goto out;
	}
	if (!src.nparts) {
		/* no program: the "top problem" view, scripts/top.d beside the
		 * binary; without it, a live per-syscall count */
		char *top = default_script("top.d");
		char *text = top ? read_file(top) : NULL;

		if (text) {
			src_add(&src, text);
			src.script = top;
			default_src = top;
			free(text);
		} else {
			free(top);
			src_add(&src, "syscall:::entry { @[probefunc] = count(); }");
			src.desc = strdup("syscall:::entry ");
		}
	}
	dscope_set_macros(h, argc - optind, argv + optind);
	cmd_out_to_err = recfile && !strcmp(recfile, "-");
	int tui = want_tui ||
		  (!want_batch && !outfile && !dumpbpf && isatty(STDOUT_FILENO) && isatty(STDIN_FILENO));
	int outp[2];

	if (cmd && tui && pipe2(outp, O_CLOEXEC) == 0) {
		cmd_out_pipe = outp[1];
		cmd_out_read = outp[0];
		fcntl(cmd_out_read, F_SETFL, O_NONBLOCK);
	}
	if (cmd) {
		child = start_cmd(cmd);
		if (cmd_out_pipe >= 0)
			close(cmd_out_pipe);
		cmd_out_pipe = -1;
		if (child < 0) {
			if (errno)
				fprintf(stderr, "%s: failed to execute %s: %s\n", prog, cmd, strerror(errno));
			rc = 1;
			goto out;
		}
		target = child;
	}
	dscope_set_target(h, target);
	if (cpp) {
		char *pre = run_cpp(src.buf, cppargs, ncpp);

		if (!pre) {
			fprintf(stderr, "%s: failed to preprocess the program with cpp\n", prog);
			rc = 1;
			goto out;
		}
		free(src.buf);
		src.buf = pre;
	}
	if (dscope_compile(h, src.buf, src.script) != 0) {
		if (dscope_diag(h)->set)
			dscope_print_diag(h, stderr, 1);
		else
			fprintf(stderr, "%s: %s\n", prog, dscope_errmsg(h));
		rc = 1;
		goto out;
	}
	if (dumpbpf)
		dscope_dump_bpf(h, recfile && !strcmp(recfile, "-") ? stderr : stdout);
	if (exit_after_compile)
		goto out;
	if (recfile && !strcmp(recfile, "-") && !outfile)
		dscope_set_output(h, stderr); /* stdout carries the session */
	if (outfile && out == stdout) {
		out = fopen(outfile, "a");
		if (!out) {
			fprintf(stderr, "%s: failed to open output file '%s': %s\n", prog, outfile,
				strerror(errno));
			rc = 1;
			goto out;
		}
		dscope_set_output(h, out);
	}

	sfd = signalfd(-1, &ss, SFD_CLOEXEC | SFD_NONBLOCK);

	tee.h = h;
	tee.prog = prog;
	tee.interval_ns = 1000000000;
	tee.t0 = session_now_ns();
	if (exportfmt) {
		tee.x = export_new((enum export_kind)export_kind_parse(exportfmt),
				   recfile && !strcmp(recfile, "-") && out == stdout ? stderr : out);
		if (!tee.x) {
			fprintf(stderr, "%s: out of memory\n", prog);
			rc = 1;
			goto out;
		}
	}
	if (recfile) {
		char err[600];

		signal(SIGPIPE, SIG_IGN); /* a closed pipe is a write error, not death */
		/* the interface numbers snapshots itself: it swaps programs */
		tee.w = session_create(recfile, recflags | (tui ? SESSION_RENUMBER : 0), err, sizeof(err));
		if (!tee.w) {
			fprintf(stderr, "%s: %s\n", prog, err);
			rc = 1;
			goto out;
		}
		if (*session_write_errmsg(tee.w) || record_info(tee.w, h, src.buf, src.script) < 0) {
			fprintf(stderr, "%s: %s\n", prog, session_write_errmsg(tee.w));
			tee.failed = 1;
		}
	}
	if (dscope_go(h) != 0) {
		fprintf(stderr, "%s: %s\n", prog, dscope_errmsg(h));
		rc = 1;
		goto out;
	}
	if (tui) {
		tcfg.prog = prog;
		tcfg.src = src.buf;
		tcfg.srcname = src.script;
		tcfg.nmacros = argc - optind;
		tcfg.macros = argv + optind;
		tcfg.target = target;
		tcfg.child = child;
		tcfg.child_out = cmd_out_read;
		cmd_out_read = -1; /* the interface closes it */
		tcfg.version = DSCOPE_VERSION;
		if (tee.w && !tee.failed) {
			/* --record: the interface records what it shows */
			tcfg.rec = tee.w;
			tcfg.rec_path = recfile;
			tee.w = NULL;
		}
		if (child > 0)
			release_cmd(child);
		rc = tui_run(&h, &tcfg);
		child = tcfg.child;
		goto out;
	}
	/* -x quiet and #pragma D option quiet count too, as in dtrace */
	if (!quiet && !dscope_getopt(h, "quiet") && !dscope_getopt(h, "q"))
		quiet = 0;
	else
		quiet = 1;
	if (!quiet) {
		int n = dscope_nprobes(h);

		if (src.script)
			say(&tee, "%s: script '%s' matched %d probe%s", prog, src.script, n,
			    n == 1 ? "" : "s");
		else
			say(&tee, "%s: description '%s' matched %d probe%s", prog,
			    src.desc ? src.desc : src.buf, n, n == 1 ? "" : "s");
	}
	if (dscope_skipped(h))
		say(&tee, "%s: %d probe%s could not be placed (instructions uprobes cannot take)", prog,
		    dscope_skipped(h), dscope_skipped(h) == 1 ? "" : "s");
	if (child > 0)
		release_cmd(child);
	int done = session_tee_step(&tee, 0);
	long exited = 0;

	while (!done) {
		struct pollfd pf[2] = { { dscope_fd(h), POLLIN, 0 }, { sfd, POLLIN, 0 } };
		struct signalfd_siginfo si;

		if (poll(pf, 2, 100) < 0 && errno != EINTR)
			break;
		if (read(sfd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
			if (si.ssi_signo == SIGCHLD && child > 0) {
				int st;

				if (waitpid(child, &st, WNOHANG) == child) {
					exited = (long)child;
					child = -1;
				}
			} else if (si.ssi_signo != SIGCHLD) {
				done = 1;
			}
		}
		if (target > 0 && child < 0 && !cmd && kill((pid_t)target, 0) != 0)
			exited = target;
		/* what the process did before it exited is consumed first (a
		 * read takes a bounded batch: the rest too, within reason) */
		if (session_tee_step(&tee, 0) != 0)
			done = 1;
		for (int i = 0; exited > 0 && !done && i < 64 && poll(pf, 1, 0) == 1; i++)
			if (session_tee_step(&tee, 0) != 0)
				done = 1;
		if (exited > 0) {
			if (!quiet)
				say(&tee, "%s: pid %ld has exited", prog, exited);
			done = 1;
		}
	}
	session_tee_step(&tee, 1);
	rc = dscope_exit_status(h);
out:
	export_free(tee.x);
	if (tee.w && session_close(tee.w) < 0 && !tee.failed)
		fprintf(stderr, "%s: %s\n", prog, session_write_errmsg(tee.w));
	if (child > 0) {
		kill(child, SIGKILL); /* it may be stopped under ptrace */
		waitpid(child, NULL, 0);
	}
	if (out != stdout)
		fclose(out);
	if (cmd_out_read >= 0)
		close(cmd_out_read);
	if (sfd >= 0)
		close(sfd);
	dscope_free(h);
	free(src.buf);
	free(src.desc);
	free(default_src);
	free(listdesc);
	for (int i = 0; i < ncpp; i++)
		free(cppargs[i]);
	return rc;
}
