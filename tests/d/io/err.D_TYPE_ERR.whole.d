/*
 * A translated argument is used through its members.
 */

io:::start
{
	trace(args[0]);
}
