/*
 * args[1] is a pointer: its members are reached with ->.
 */

io:::done
{
	trace(args[1].dev_name);
}
