/*
 * progenyof() takes a pid_t.
 */

BEGIN
{
	x = progenyof("init");
}
