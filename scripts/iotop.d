#!/usr/sbin/dtrace -s
/*
 * iotop.d - which processes do the most block I/O, on which disks, and
 * how long do the requests take?
 *
 *   dscope -s scripts/iotop.d                      every process, until Ctrl-C
 *   dscope -s scripts/iotop.d -c 'cmd args'        one command and its children
 *   dscope -s scripts/iotop.d postgres             processes of one name
 *
 * First a table: process id and name, device, direction (R/W), requests
 * and bytes, the most bytes last.  Then, for each device and direction, a
 * power-of-two histogram of request latency in microseconds (issue to
 * completion, io:::start to io:::done, matched by device and block).
 * Writeback of the page cache is issued by kernel flusher threads and is
 * counted under them, not under the process that wrote.
 */
#pragma D option quiet
#pragma D option defaultargs
#pragma D option aggsortpos=1

io:::start
/$target ? progenyof($target) : ($$1 == "" || execname == $$1)/
{
	this->dir = args[0]->b_flags & B_READ ? "R" : "W";
	@reqs[pid, execname, args[1]->dev_statname, this->dir] = count();
	@bytes[pid, execname, args[1]->dev_statname, this->dir] = sum(args[0]->b_bcount);
	start[args[0]->b_edev, args[0]->b_blkno] = timestamp;
}

io:::done
/start[args[0]->b_edev, args[0]->b_blkno]/
{
	@lat[args[1]->dev_statname, args[0]->b_flags & B_READ ? "R" : "W"] =
	    quantize((timestamp - start[args[0]->b_edev, args[0]->b_blkno]) / 1000);
	start[args[0]->b_edev, args[0]->b_blkno] = 0;
}

END
{
	printf("%7s %-16s %-8s %1s %8s %12s\n", "PID", "PROCESS", "DEVICE", "D", "REQS", "BYTES");
	printa("%7d %-16s %-8s %1s %@8d %@12d\n", @reqs, @bytes);
	printf("\nlatency (us) by device and direction:\n");
	printa(@lat);
}
