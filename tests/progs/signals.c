/*
 * signals.c - sends itself SIGUSR1 twice and handles it, for the proc
 * provider's signal probes.  Usage: signals
 */
#include <signal.h>
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
	kill(getpid(), SIGUSR1);
	kill(getpid(), SIGUSR1);
	return handled == 2 ? 0 : 1;
}
