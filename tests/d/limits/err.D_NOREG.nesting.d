/*
 * An expression that holds more values at once than the 512-byte BPF
 * stack has 8-byte slots for is dtrace's "insufficient registers",
 * naming the clause, the statement, the bytes needed and what to do.
 * tst.nestunder.d nests less.
 */

BEGIN
{
	x = 3;
	y = x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x + (x))))))))))))))))))))))))))))))))))))))))))))))))))))))))))));
	printf("%d\n", y);
	exit(0);
}
