/*
 * directio.c - block I/O a known number of times, for the io provider's
 * tests: creates FILE (default: directio.dat beside the program) with
 * buffered writes and fsync, calls getppid() as a marker, then writes 4
 * blocks of 4096 bytes with O_DIRECT and reads them back with O_DIRECT,
 * one request each, and removes the file.  Usage: directio [FILE]
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { BLK = 4096, NBLK = 4 };

int main(int argc, char **argv)
{
	char path[PATH_MAX], *dir;
	void *buf;
	int fd;

	if (argc > 1) {
		snprintf(path, sizeof(path), "%s", argv[1]);
	} else {
		snprintf(path, sizeof(path), "%s", argv[0]);
		dir = strrchr(path, '/');
		snprintf(dir ? dir + 1 : path, sizeof(path) - (size_t)(dir ? dir + 1 - path : 0),
			 "directio.dat");
	}
	if (posix_memalign(&buf, BLK, BLK))
		return 1;
	memset(buf, 'x', BLK);
	/* the blocks exist before the measured part: no allocation then */
	fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0600);
	if (fd < 0)
		return perror(path), 1;
	for (int i = 0; i < NBLK; i++)
		if (write(fd, buf, BLK) != BLK)
			return perror("write"), 1;
	if (fsync(fd) || close(fd))
		return perror("fsync"), 1;
	getppid();
	fd = open(path, O_RDWR | O_DIRECT);
	if (fd < 0)
		return perror(path), 1;
	for (int i = 0; i < NBLK; i++)
		if (pwrite(fd, buf, BLK, (off_t)i * BLK) != BLK)
			return perror("pwrite"), 1;
	for (int i = 0; i < NBLK; i++)
		if (pread(fd, buf, BLK, (off_t)i * BLK) != BLK)
			return perror("pread"), 1;
	close(fd);
	unlink(path);
	free(buf);
	return 0;
}
