/*
 * strstr(), strchr() and strrchr() return the rest of the string from the
 * match, or NULL (which compares equal to NULL and 0); strchr of the NUL
 * finds the end of the string.
 *
 * @@args: -q
 */

BEGIN
{
	printf("[%s] [%s] [%s]\n", strstr("hello world", "o w"), strstr("abc", ""), strstr("", ""));
	printf("[%s] [%s] [%s]\n", strchr("a/b/c", '/'), strrchr("a/b/c", '/'), strrchr(execname, 'p'));
	printf("[%s] [%s]\n", strchr("abc", 0), strstr(probeprov, "tr"));
	printf("%d %d %d %d\n", strstr("abc", "x") == NULL, strstr("abc", "b") == NULL,
	    NULL != strchr("abc", 'z'), strrchr("", 'a') == 0);
	printf("%d %d\n", strstr("", "") == NULL, strchr("abc", 'c') != NULL);
	exit(0);
}
