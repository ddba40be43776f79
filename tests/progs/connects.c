/* Connects a UDP socket to 127.0.0.1:9, 10.20.30.40:9 and 255.0.1.200:9
 * (no packet is sent; an unreachable address just fails), then exits. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void)
{
	static const char *const addrs[] = { "127.0.0.1", "10.20.30.40", "255.0.1.200" };

	for (int i = 0; i < 3; i++) {
		struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(9) };
		int fd = socket(AF_INET, SOCK_DGRAM, 0);

		inet_pton(AF_INET, addrs[i], &sin.sin_addr);
		connect(fd, (struct sockaddr *)&sin, sizeof(sin));
		close(fd);
	}
	return 0;
}
