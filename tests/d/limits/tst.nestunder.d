/*
 * Proves: an expression 53 levels deep, which parks 51 values in 8-byte
 * slots of the BPF stack (496 bytes with the frame's fixed 88), fits the
 * 512-byte frame and computes right (x + (x + (... x)) = 53 x).
 * err.D_NOREG.nesting.d nests deeper (61 levels: 560 bytes).
 *
 * @@args: -q
 */

BEGIN
{
	x = 3;
	y = x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x))))))))))))))))))))))))))))))))))))))))))))))))))));
	printf("%d\n", y);
	exit(0);
}
