/*
 * Proves: if statements nest four levels deep, and an else binds to the
 * nearest if.
 *
 * @@args: -q
 */

BEGIN
{
	a = 1; b = 1; c = 0; d = 1;
	if (a) {
		if (b) {
			if (c) {
				printf("c\n");
			} else {
				if (d)
					printf("a b !c d\n");
				else
					printf("a b !c !d\n");
			}
		}
	} else
		printf("!a\n");
	if (!a)
		if (b)
			printf("never\n");
		else
			printf("never either\n");
	printf("done\n");
	exit(0);
}
