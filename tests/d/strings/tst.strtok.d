/*
 * strtok(): leading delimiters are skipped, strtok(NULL, ...) continues
 * the string with any delimiters, a string of delimiters only (or empty)
 * gives NULL, and so does strtok(NULL, ...) once the string is used up.
 *
 * @@args: -q
 */

BEGIN
{
	x = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
	printf("[%s]\n", strtok(x, "abcABC"));
	printf("[%s]\n", strtok(NULL, "MNO"));
	printf("[%s]\n", strtok(NULL, "MNO"));
	printf("[%s]\n", strtok(NULL, "0123456789"));
	printf("%d\n", strtok(NULL, "0123456789") == NULL);
	printf("%d %d\n", strtok("", "") == NULL, strtok(",,,", ",") == NULL);
	printf("[%s] [%s] [%s]", strtok("  a b,c ", " ,"), strtok(NULL, " ,"), strtok(NULL, ","));
	printf(" %d\n", strtok(NULL, ",") == NULL);
}

BEGIN
{
	/* the state carries over to the next clause of the same probe */
	printf("%d\n", strtok(NULL, ",") == NULL);
	printf("[%s] [%s]\n", strtok("x=1", "="), strtok(NULL, "="));
	exit(0);
}

END
{
	/* but not to another firing */
	printf("%d\n", strtok(NULL, "=") == NULL);
}
