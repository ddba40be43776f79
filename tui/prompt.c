/*
 * prompt.c - the prompt line: GNU readline in callback mode inside the
 * curses screen (the only file that includes readline).
 *
 * Readline never touches the terminal here: keys come from the event loop
 * (prompt_key pushes their bytes into a small queue that readline's getc
 * hook reads), its output stream is /dev/null, terminal preparation and
 * redisplay are no-ops, and the loop draws rl_line_buffer and rl_point on
 * the screen's bottom line itself.  Curses KEY_ codes become the escape
 * sequences readline binds (arrows, Home, End, Delete).  Esc is not passed
 * on: the loop uses it to leave the prompt.  History is kept in
 * ~/.dscope_history across runs.
 *
 * Tab is bound to a function of ours instead of readline's completion,
 * whose word breaks and listing do not fit (a probe description is one
 * word completed part by part; the list goes to the message area, not to
 * readline's output): complete.c decides, prompt.c replaces the word in
 * the line and gives the candidates to the TUI.  Readline still provides
 * the file names (rl_filename_completion_function).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <curses.h>
#include <readline/history.h>
#include <readline/readline.h>

#include "tui.h"

static char queue[64];
static int qlen, qpos;
static enum prompt_mode mode;
static prompt_line_fn line_fn;
static void *line_arg;
static FILE *devnull;
static char histfile[4096];
static struct dscope *const *comp_h;
static prompt_show_fn comp_show;
static void *comp_arg;

static int q_getc(FILE *f)
{
	(void)f;
	return qpos < qlen ? (unsigned char)queue[qpos++] : EOF;
}

static int q_avail(void)
{
	return qpos < qlen;
}

static void no_redisplay(void)
{
}

static void no_prep(int meta)
{
	(void)meta;
}

static void no_deprep(void)
{
}

static void on_line(char *line)
{
	enum prompt_mode m = mode;

	if (line && *line && m == PM_CMD)
		add_history(line);
	line_fn(m, line ? line : "", line_arg);
	free(line);
}

/* File names beginning with word, a directory's with a '/' after it. */
static char **files(const char *word, void *arg)
{
	char **v = NULL, *m;
	size_t n = 0;

	(void)arg;
	for (int st = 0; (m = rl_filename_completion_function(word, st)); st++) {
		char **nv = realloc(v, sizeof(*v) * (n + 2)), *x = tilde_expand(m), *d;
		struct stat sb;

		if (nv)
			v = nv;
		if (nv && x && stat(x, &sb) == 0 && S_ISDIR(sb.st_mode) && (d = malloc(strlen(m) + 2))) {
			sprintf(d, "%s/", m);
			free(m);
			m = d;
		}
		free(x);
		if (!nv) {
			free(m);
			continue;
		}
		v[n++] = m;
		v[n] = NULL;
	}
	return v;
}

/* Tab: the word before the cursor completed (complete.c). */
static int on_tab(int count, int key)
{
	struct complete_src src;
	struct complete_res r;

	(void)count;
	(void)key;
	if (mode != PM_CMD)
		return 0;
	complete_src_engine(&src, comp_h ? *comp_h : NULL);
	src.files = files;
	complete_line(rl_line_buffer, rl_point, &src, &r);
	/* the word replaced, unless by itself */
	if (r.insert && (strlen(r.insert) != (size_t)(rl_point - r.start) ||
			 memcmp(r.insert, rl_line_buffer + r.start, strlen(r.insert)))) {
		rl_begin_undo_group();
		rl_delete_text(r.start, rl_point);
		rl_point = r.start;
		rl_insert_text(r.insert);
		rl_end_undo_group();
	}
	if (comp_show)
		comp_show(&r, comp_arg);
	complete_res_free(&r);
	return 0;
}

void prompt_complete_init(struct dscope *const *hp, prompt_show_fn show, void *arg)
{
	comp_h = hp;
	comp_show = show;
	comp_arg = arg;
}

void prompt_init(prompt_line_fn fn, void *arg)
{
	const char *home = getenv("HOME");

	line_fn = fn;
	line_arg = arg;
	devnull = fopen("/dev/null", "w");
	rl_readline_name = "dscope";
	rl_catch_signals = 0;
	rl_catch_sigwinch = 0;
	rl_change_environment = 0;
	rl_getc_function = q_getc;
	rl_input_available_hook = q_avail;
	rl_redisplay_function = no_redisplay;
	rl_prep_term_function = no_prep;
	rl_deprep_term_function = no_deprep;
	rl_outstream = devnull;
	rl_bind_key('\t', on_tab);
	using_history();
	stifle_history(1000);
	if (home && *home) {
		snprintf(histfile, sizeof(histfile), "%s/.dscope_history", home);
		read_history(histfile);
	}
}

void prompt_fini(void)
{
	if (mode != PM_NONE)
		prompt_close();
	if (histfile[0])
		write_history(histfile);
	if (devnull)
		fclose(devnull);
	devnull = NULL;
	comp_h = NULL;
	comp_show = NULL;
}

void prompt_open(enum prompt_mode m)
{
	static const char *const prefix[] = { "", ":", "/", "filter: " };

	if (mode != PM_NONE)
		rl_callback_handler_remove();
	mode = m;
	qlen = qpos = 0;
	rl_callback_handler_install(prefix[m], on_line);
}

void prompt_set_line(const char *text)
{
	rl_replace_line(text, 0);
	rl_point = rl_end;
}

void prompt_close(void)
{
	if (mode == PM_NONE)
		return;
	mode = PM_NONE;
	rl_callback_handler_remove();
}

enum prompt_mode prompt_mode(void)
{
	return mode;
}

void prompt_key(unsigned c, int keycode)
{
	const char *seq = NULL;
	char one[8];

	if (keycode) {
		switch (c) {
		case KEY_LEFT:
			seq = "\033[D";
			break;
		case KEY_RIGHT:
			seq = "\033[C";
			break;
		case KEY_UP:
			seq = "\033[A";
			break;
		case KEY_DOWN:
			seq = "\033[B";
			break;
		case KEY_HOME:
			seq = "\001";
			break;
		case KEY_END:
			seq = "\005";
			break;
		case KEY_DC:
			seq = "\004";
			break;
		case KEY_BACKSPACE:
			seq = "\177";
			break;
		case KEY_ENTER:
			seq = "\r";
			break;
		default:
			return;
		}
	} else {
		/* the character as UTF-8 */
		int n = 0;

		if (c < 0x80) {
			one[n++] = (char)c;
		} else if (c < 0x800) {
			one[n++] = (char)(0xc0 | c >> 6);
			one[n++] = (char)(0x80 | (c & 0x3f));
		} else {
			one[n++] = (char)(0xe0 | c >> 12);
			one[n++] = (char)(0x80 | (c >> 6 & 0x3f));
			one[n++] = (char)(0x80 | (c & 0x3f));
		}
		one[n] = 0;
		seq = one;
	}
	qlen = (int)strlen(seq);
	memcpy(queue, seq, (size_t)qlen);
	qpos = 0;
	while (qpos < qlen && mode != PM_NONE)
		rl_callback_read_char();
	qlen = qpos = 0;
}

const char *prompt_text(char *buf, size_t size, int *cursor)
{
	const char *p = rl_prompt ? rl_prompt : "", *l = rl_line_buffer ? rl_line_buffer : "";
	int col = 0;

	snprintf(buf, size, "%s%s", p, l);
	for (const char *s = p; *s; s++)
		col += ((unsigned char)*s & 0xc0) != 0x80;
	for (int i = 0; i < rl_point && l[i]; i++)
		col += ((unsigned char)l[i] & 0xc0) != 0x80;
	*cursor = col;
	return buf;
}

const char *prompt_line(void)
{
	return rl_line_buffer ? rl_line_buffer : "";
}
