/*
 * Proves: quantize() over syscall arguments: the sizes program calls
 * getpgid(2) with 0x7fff0000 plus 1, 2, 4, ... 1024.
 *
 * @@args: -q -c $DSCOPE_TEST_PROGS/sizes
 */

syscall::getpgid:entry
/pid == $target/
{
	@ = quantize(arg0 - 0x7fff0000);
}
