/*
 * bufinfo_t has no member b_nosuch.
 */

io:::start
{
	trace(args[0]->b_nosuch);
}
