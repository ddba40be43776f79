#!/usr/sbin/dtrace -s
/*
 * opensnoop.d - which files are opened, by whom, and which opens fail?
 *
 *   dscope -s scripts/opensnoop.d                  every process
 *   dscope -s scripts/opensnoop.d top              processes named top
 *   dscope -s scripts/opensnoop.d -c 'cmd args'    a command and its children
 *   dscope -s scripts/opensnoop.d -p PID           a process and its children
 *
 * One line per open(2)/openat(2)/creat(2) as it returns: the process id and
 * name, the file descriptor (-1 when it failed), the errno (0 on success:
 * 2 ENOENT no such file, 13 EACCES permission denied, ...) and the path as
 * the process passed it (relative paths are relative to its directory or,
 * for openat, to its dirfd).
 */
#pragma D option quiet
#pragma D option defaultargs
#pragma D option switchrate=10hz

BEGIN
{
	printf("%7s %-16s %4s %3s %s\n", "PID", "PROCESS", "FD", "ERR", "PATH");
}

syscall::open:entry,
syscall::creat:entry
/$target ? progenyof($target) : ($$1 == "" || execname == $$1)/
{
	self->path = arg0;
	self->open = 1;
}

syscall::openat:entry
/$target ? progenyof($target) : ($$1 == "" || execname == $$1)/
{
	self->path = arg1;
	self->open = 1;
}

syscall::open:return,
syscall::creat:return,
syscall::openat:return
/self->open/
{
	printf("%7d %-16s %4d %3d %s\n", pid, execname, (int)arg0 < 0 ? -1 : (int)arg0, errno,
	    copyinstr(self->path));
	self->path = 0;
	self->open = 0;
}
