#!/usr/bin/env python3
"""Keystroke to screen, seen from outside: bench/ui.sh's helper.

keylat.py SOCKET TRIALS
keylat.py --instant

The pane of tmux server SOCKET shows a list with its first row selected
(reverse video, on line 3).  Each trial sends Down (or Up, alternately,
so the selection stays on screen) with tmux send-keys and polls
capture-pane -e until the selection has moved one row; the time from just
before send-keys to the capture that shows the move is one figure.  Trials
start at random moments (fixed seed), so a key may arrive while the
program is busy with a refresh, as it would for a user.  Prints "median
p90 max capture" in ms, capture being the median time of one capture-pane
(the polling's resolution); "timeout" when the first row was not selected
within 20 s, or a trial saw no move within 20 s.

--instant runs in the pane instead, as the baseline: a screen with a
selected row that moves the moment Down or Up is read, so what its trials
measure is tmux and the polling alone.
"""
import os
import random
import re
import subprocess
import sys
import time

SELECTED = re.compile(r"\x1b\[(?:0;)?7m")


def capture(sock):
    return subprocess.run(["tmux", "-L", sock, "capture-pane", "-p", "-e"],
                          capture_output=True, text=True).stdout


def selected_line(sock):
    """The first screen line after the tabs and the title in reverse video."""
    for i, line in enumerate(capture(sock).split("\n")):
        if i >= 2 and SELECTED.search(line):
            return i
    return -1


def instant():
    import tty
    tty.setraw(0)
    def out(s):
        os.write(1, s.encode())
    out("\x1b[2J\x1b[H tabs\r\n title\r\n header\r\n")
    for i in range(30):
        out(" row %d\r\n" % i)
    sel = 3

    def row(y, on):
        out("\x1b[%d;1H%s row %d \x1b[0m" % (y + 1, "\x1b[7m" if on else "", y - 3))
    row(sel, True)
    while True:
        k = os.read(0, 64)
        if k[:1] == b"q":
            return 0
        new = sel + (1 if k.endswith(b"B") else -1 if k.endswith(b"A") else 0)
        if 3 <= new < 33 and new != sel:
            row(sel, False)
            row(new, True)
            sel = new


def main():
    if sys.argv[1] == "--instant":
        return instant()
    sock, trials = sys.argv[1], int(sys.argv[2])
    rnd = random.Random(7)
    times, caps = [], []
    for _ in range(9):
        t0 = time.perf_counter()
        capture(sock)
        caps.append(time.perf_counter() - t0)
    # the first row selected (line 3, under the tabs, title and header):
    # a key sent before this may still be on its way
    t0 = time.perf_counter()
    while selected_line(sock) != 3:
        if time.perf_counter() - t0 > 20:
            print("timeout")
            return 1
        time.sleep(0.1)
    line = 3
    down = True
    for _ in range(trials):
        time.sleep(rnd.uniform(0.1, 0.6))
        want = line + (1 if down else -1)
        t0 = time.perf_counter()
        subprocess.run(["tmux", "-L", sock, "send-keys", "Down" if down else "Up"])
        while selected_line(sock) != want:
            if time.perf_counter() - t0 > 20:
                print("timeout")
                return 1
        times.append(time.perf_counter() - t0)
        line, down = want, not down
    times.sort()
    caps.sort()
    ms = [1000 * x for x in (times[len(times) // 2], times[(len(times) * 9) // 10],
                             times[-1], caps[len(caps) // 2])]
    print("%.1f %.1f %.1f %.1f" % tuple(ms))
    return 0


if __name__ == "__main__":
    sys.exit(main())
