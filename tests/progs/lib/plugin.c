/*
 * plugin.c - libdsplug.so, the library dlopener loads after the probes are
 * attached: plugin_run() calls back into the program, so a stack taken in
 * the callback has a frame in a library no /proc read ever saw.
 */
__attribute__((noinline)) long plugin_run(long (*cb)(int), int n);

__attribute__((noinline)) long plugin_run(long (*cb)(int), int n)
{
	volatile long sum = 0;

	for (int i = 0; i < n; i++)
		sum += cb(i);
	/* used after the call: not a tail call */
	return sum + 1;
}
