/*
 * An offset inside an instruction is refused: sign+0x1 is in the middle
 * of its first instruction (cmpl $0, %edi is 3 bytes).
 *
 * @@args: -c "$DSCOPE_TEST_PROGS/returns"
 */

pid$target:a.out:sign:1
{
	exit(0);
}
