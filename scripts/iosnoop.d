#!/usr/sbin/dtrace -s
/*
 * iosnoop.d - which processes do block I/O, where on which disk, and how
 * long does each request take?
 *
 *   dscope -s scripts/iosnoop.d                    every process
 *   dscope -s scripts/iosnoop.d -c 'cmd args'      one command and its children
 *   dscope -s scripts/iosnoop.d postgres           processes of one name
 *
 * One line per block device request as it completes: the process that
 * issued it (for writeback of the page cache that is a kernel flusher
 * thread, not the writer), R or W, the block number (512-byte sectors),
 * the size in bytes, the device and the time from issue to completion in
 * microseconds.  Requests are matched from io:::start to io:::done by
 * device and block number, so a request issued before tracing began is not
 * shown.  Reads served from the page cache make no block I/O at all.
 */
#pragma D option quiet
#pragma D option defaultargs
#pragma D option switchrate=10hz

BEGIN
{
	printf("%7s %-16s %1s %12s %8s %-8s %10s\n", "PID", "PROCESS", "D", "BLOCK", "BYTES", "DEVICE",
	    "TIME (us)");
}

io:::start
/$target ? progenyof($target) : ($$1 == "" || execname == $$1)/
{
	start[args[0]->b_edev, args[0]->b_blkno] = timestamp;
	who[args[0]->b_edev, args[0]->b_blkno] = pid;
	/* by pid: a string element cannot be deleted (assigning 0 deletes) */
	name[pid] = execname;
}

io:::done
/start[args[0]->b_edev, args[0]->b_blkno]/
{
	this->pid = who[args[0]->b_edev, args[0]->b_blkno];
	printf("%7d %-16s %1s %12d %8d %-8s %10d\n", this->pid, name[this->pid],
	    args[0]->b_flags & B_READ ? "R" : "W", args[0]->b_blkno, args[0]->b_bcount,
	    args[1]->dev_statname, (timestamp - start[args[0]->b_edev, args[0]->b_blkno]) / 1000);
	start[args[0]->b_edev, args[0]->b_blkno] = 0;
	who[args[0]->b_edev, args[0]->b_blkno] = 0;
}
