/*
 * screen.c - curses for the interface: start and stop the screen, copy a
 * view buffer to it, and restore the terminal on every way out.
 *
 * Normal exits go through screen_stop() (endwin), also registered with
 * atexit.  A crash signal cannot call endwin (not async-signal-safe), so
 * the handler writes escape sequences prepared at start (attributes off,
 * cursor on, leave the alternate screen) and the saved terminal modes with
 * tcsetattr, then puts back the handler that was there before (a
 * sanitizer's) and raises the signal again, so the crash is still reported.
 * A sanitizer's report that is not a signal (UBSan, a heap overflow) ends
 * in its death callback, which restores the terminal the same way.  The
 * emergency hook then gives stderr back (tui.c: what was written to the
 * stand-in pipe is copied out, so the report is seen).
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <langinfo.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>

#include "tui.h"

static int active;
static struct termios saved_tios;
static int have_tios;
static char restore_seq[256];
static size_t restore_len;
static const int crash_sigs[] = { SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL, SIGTRAP, SIGQUIT };
static struct sigaction old_act[sizeof(crash_sigs) / sizeof(crash_sigs[0])];
static chtype attrs[VA_N];

static void (*emergency_fn)(void);

void screen_emergency(void)
{
	if (active) {
		if (restore_len && write(STDOUT_FILENO, restore_seq, restore_len) < 0) {
			/* nothing more can be done in a signal handler */
		}
		if (have_tios)
			tcsetattr(STDIN_FILENO, TCSANOW, &saved_tios);
		active = 0;
	}
	if (emergency_fn)
		emergency_fn();
}

void screen_on_emergency(void (*fn)(void))
{
	emergency_fn = fn;
}

/* The sanitizers' hook, when the program is built with one: called after a
 * report, before the process dies (weak: absent in the plain build). */
void __sanitizer_set_death_callback(void (*cb)(void)) __attribute__((weak));

static void on_crash(int sig)
{
	screen_emergency();
	for (size_t i = 0; i < sizeof(crash_sigs) / sizeof(crash_sigs[0]); i++)
		if (crash_sigs[i] == sig)
			sigaction(sig, &old_act[i], NULL);
	raise(sig);
}

static void add_seq(const char *cap)
{
	char *s = tigetstr((char *)cap);

	if (s && s != (char *)-1 && restore_len + strlen(s) < sizeof(restore_seq)) {
		memcpy(restore_seq + restore_len, s, strlen(s));
		restore_len += strlen(s);
	}
}

static void colours(void)
{
	const char *nc = getenv("NO_COLOR");
	int colour = has_colors() && !(nc && *nc);

	attrs[VA_NORMAL] = A_NORMAL;
	attrs[VA_TITLE] = A_REVERSE;
	attrs[VA_TITLESEL] = A_REVERSE | A_BOLD;
	attrs[VA_HEADER] = A_BOLD | A_UNDERLINE;
	attrs[VA_SELECT] = A_REVERSE;
	attrs[VA_BAR] = A_NORMAL;
	attrs[VA_DIM] = A_DIM;
	attrs[VA_MATCH] = A_BOLD | A_UNDERLINE;
	attrs[VA_ERROR] = A_BOLD;
	attrs[VA_STATUS] = A_REVERSE;
	attrs[VA_GONE] = A_DIM;
	attrs[VA_GONESEL] = A_REVERSE | A_DIM;
	if (!colour)
		return;
	/* the terminal's own palette: the eight ANSI colours on its default
	 * background */
	start_color();
	use_default_colors();
	init_pair(1, COLOR_CYAN, -1);
	init_pair(2, COLOR_GREEN, -1);
	init_pair(3, COLOR_YELLOW, -1);
	init_pair(4, COLOR_RED, -1);
	init_pair(5, COLOR_BLACK, COLOR_CYAN);
	init_pair(6, COLOR_BLACK, COLOR_GREEN);
	attrs[VA_TITLE] = COLOR_PAIR(5);
	attrs[VA_TITLESEL] = COLOR_PAIR(6) | A_BOLD;
	attrs[VA_HEADER] = COLOR_PAIR(1) | A_BOLD;
	attrs[VA_BAR] = COLOR_PAIR(2);
	attrs[VA_MATCH] = COLOR_PAIR(3) | A_BOLD;
	attrs[VA_ERROR] = COLOR_PAIR(4) | A_BOLD;
	attrs[VA_STATUS] = COLOR_PAIR(5);
}

int screen_start(int *utf8)
{
	const char *cs;

	if (tcgetattr(STDIN_FILENO, &saved_tios) == 0)
		have_tios = 1;
	if (!newterm(NULL, stdout, stdin))
		return -1;
	active = 1;
	cs = nl_langinfo(CODESET);
	*utf8 = cs && !strcmp(cs, "UTF-8");
	restore_len = 0;
	add_seq("sgr0");
	add_seq("cnorm");
	add_seq("rmkx");
	add_seq("rmcup");
	for (size_t i = 0; i < sizeof(crash_sigs) / sizeof(crash_sigs[0]); i++) {
		struct sigaction sa;

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_crash;
		sigemptyset(&sa.sa_mask);
		sigaction(crash_sigs[i], &sa, &old_act[i]);
	}
	if (__sanitizer_set_death_callback)
		__sanitizer_set_death_callback(screen_emergency);
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	/* presses, releases and the wheel, reported at once (no click
	 * timing: tui.c tells a double click itself; a press and its release
	 * read together still come as a click, or a double click); a crash
	 * must turn the terminal's mouse reporting off again */
	if (mousemask(BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED |
			  BUTTON4_PRESSED | BUTTON5_PRESSED,
		      NULL)) {
		static const char off[] = "\033[?1000l\033[?1002l\033[?1006l";

		mouseinterval(0);
		if (restore_len + sizeof(off) - 1 < sizeof(restore_seq)) {
			memcpy(restore_seq + restore_len, off, sizeof(off) - 1);
			restore_len += sizeof(off) - 1;
		}
	}
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	colours();
	atexit(screen_stop);
	return 0;
}

void screen_stop(void)
{
	if (!active)
		return;
	active = 0;
	curs_set(1);
	endwin();
	for (size_t i = 0; i < sizeof(crash_sigs) / sizeof(crash_sigs[0]); i++)
		sigaction(crash_sigs[i], &old_act[i], NULL);
	if (have_tios)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_tios);
}

int screen_active(void)
{
	return active;
}

void screen_resize(int *w, int *h)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col && ws.ws_row)
		resizeterm(ws.ws_row, ws.ws_col);
	*w = COLS;
	*h = LINES;
}

void screen_draw(const struct vbuf *b, int cx, int cy)
{
	for (int y = 0; y < b->h && y < LINES; y++) {
		int x = 0;

		while (x < b->w && x < COLS) {
			int a = b->at[y * b->w + x], e = x;
			wchar_t run[1024];
			int n = 0;

			while (e < b->w && e < COLS && b->at[y * b->w + e] == a && n < 1023)
				run[n++] = b->ch[y * b->w + e++];
			run[n] = 0;
			attrset(attrs[a < VA_N ? a : 0]);
			/* the bottom-right cell would scroll some terminals */
			if (y == LINES - 1 && e == COLS)
				n--;
			if (n > 0)
				mvaddnwstr(y, x, run, n);
			x = e;
		}
	}
	attrset(A_NORMAL);
	if (cy >= 0) {
		move(cy, cx);
		curs_set(1);
	} else {
		curs_set(0);
	}
	refresh();
}
