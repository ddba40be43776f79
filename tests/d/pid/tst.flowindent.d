/*
 * -F (flowindent): entries and returns indented by call depth, -> and <-,
 * main calling work() three times.
 *
 * @@args: -F -c "$DSCOPE_TEST_PROGS/mallocs"
 */

pid$target:a.out:main:entry,
pid$target:a.out:main:return,
pid$target:a.out:work:entry,
pid$target:a.out:work:return
{
}
