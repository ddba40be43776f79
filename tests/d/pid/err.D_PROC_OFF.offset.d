/*
 * An offset past the end of the function is refused: sign() is 0x17
 * bytes long.
 *
 * @@args: -c "$DSCOPE_TEST_PROGS/returns"
 */

pid$target:a.out:sign:17
{
	exit(0);
}
