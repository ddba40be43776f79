/*
 * The byte-order conversions keep 16, 32 or 64 bits and swap them on this
 * little-endian host; rand() is a nonnegative int; progenyof() holds for
 * the process itself, its parent, init and pid 0, not for an unused pid.
 *
 * @@args: -q
 */

BEGIN
{
	printf("%x %x %x\n", htons(0x1234), htonl(0x12345678), htonll(0x0102030405060708));
	printf("%x %x %x %x\n", ntohs(0xabcd), ntohl(0xaabbccdd), ntohll(0x1122334455667788), htons(0x123456));
	printf("%d %d\n", ntohs(htons(8080)), sizeof(htons(1)));
	printf("%d %d\n", rand() >= 0, rand() != rand() || rand() != rand());
	printf("%d %d %d %d %d\n", progenyof($pid), progenyof($ppid), progenyof(1), progenyof(0),
	    progenyof(-2));
	exit(0);
}
