/*
 * Proves: casts truncate and sign- or zero-extend like C.
 *
 * @@args: -q
 */

BEGIN
{
	printf("%d %d %d\n", (char)257, (unsigned char)-1, (int8_t)200);
	printf("%d %d\n", (short)65537, (uint16_t)-2);
	printf("%d %u\n", (int)0x100000005, (uint32_t)-1);
	printf("%d\n", (int64_t)(int32_t)0xffffffff);
	printf("%llu\n", (uint64_t)(uint32_t)-1);
	x = 300;
	printf("%d\n", (uint8_t)x);
	exit(0);
}
