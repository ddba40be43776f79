/*
 * raisee.c - handles SIGUSR1 and makes one getppid(2) call, for the raise()
 * test: prints how many SIGUSR1 it handled.  Usage: raisee
 */
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

static volatile sig_atomic_t handled;

static void on_usr1(int sig)
{
	(void)sig;
	handled++;
}

int main(void)
{
	signal(SIGUSR1, on_usr1);
	getppid();
	printf("handled %d SIGUSR1\n", (int)handled);
	return handled == 1 ? 0 : 1;
}
