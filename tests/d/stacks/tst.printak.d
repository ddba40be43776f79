/*
 * printa() with %k: the stack key where the conversion is, a newline and
 * then one frame a line; a width right-justifies each frame in it, a
 * left-justified width indents the frames by it (dtrace's pfprint_stack).
 *
 * @@args: -c "$DSCOPE_TEST_PROGS/chain -n 3"
 */
#pragma D option quiet

pid$target:a.out:c:entry
{
	@[ustack(3)] = count();
}

END
{
	printa("%k%@8d\n", @);
	printa("[%20k] %@d\n", @);
	printa("[%-16k] %@d\n", @);
}
