/*
 * basename() and dirname() of paths with and without slashes, and of the
 * root.
 *
 * @@args: -q
 */

BEGIN
{
	printf("[%s] [%s]\n", basename("/usr/bin/top"), dirname("/usr/bin/top"));
	printf("[%s] [%s]\n", basename("top"), dirname("top"));
	printf("[%s] [%s]\n", basename("/top"), dirname("/top"));
	printf("[%s]\n", dirname("/"));
	exit(0);
}
