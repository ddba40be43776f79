/*
 * proc:::signal-send (in the sender: arg0/arg1 the target's tid and pid,
 * arg2 the signal) and proc:::signal-handle (in the receiver: arg0 the
 * signal), from a program that sends itself SIGUSR1 (10) twice.
 *
 * @@args: -q -c "$DSCOPE_TEST_PROGS/signals"
 */

proc:::signal-send
/pid == $target && arg1 == $target/
{
	@sent[arg2] = count();
}

proc:::signal-handle
/pid == $target/
{
	@handled[arg0] = count();
}

END
{
	printa("sent %d: %@d\n", @sent);
	printa("handled %d: %@d\n", @handled);
}
