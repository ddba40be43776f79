/*
 * Proves: several BEGIN clauses run in program order.
 *
 * @@args: -q
 */

BEGIN { printf("1\n"); }
BEGIN { printf("2\n"); }
BEGIN { printf("3\n"); exit(0); }
