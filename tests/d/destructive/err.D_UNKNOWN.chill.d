/*
 * Proves: chill() is refused: a BPF program cannot spin for a given time.
 */

BEGIN
{
	chill(1000);
}
