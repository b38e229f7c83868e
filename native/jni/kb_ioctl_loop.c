// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
/*
 * kb_ioctl_loop [N] [ROUNDS]: the C baseline outside any JVM. Opens
 * /dev/null, calls the shim's kb_ioctl() with an unknown command (the
 * kernel answers -ENOTTY at once) N times per round, timed with
 * clock_gettime(CLOCK_MONOTONIC), and prints ns/call of each round and
 * the median, as JSON on the last line.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include "kthread_bridge_shim.h"

#define UNKNOWN_CMD 0x4b420000UL

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1000000;
	int rounds = argc > 2 ? atoi(argv[2]) : 5;
	double per[64];
	int fd = open("/dev/null", O_RDWR | O_CLOEXEC);

	if (fd < 0 || n < 1 || rounds < 1 || rounds > 64) {
		fprintf(stderr, "usage: kb_ioctl_loop [N>=1] [ROUNDS 1..64]\n");
		return 2;
	}
	if (kb_ioctl(fd, UNKNOWN_CMD, NULL) != -25) {
		fprintf(stderr, "kb_ioctl on /dev/null did not give -ENOTTY\n");
		return 1;
	}
	for (int r = 0; r < rounds; r++) {
		double t0 = now_ns();

		for (long i = 0; i < n; i++)
			kb_ioctl(fd, UNKNOWN_CMD, NULL);
		per[r] = (now_ns() - t0) / n;
		printf("round %d: %.1f ns/call\n", r + 1, per[r]);
	}
	qsort(per, rounds, sizeof(per[0]), cmp);
	printf("{\"path\":\"c\",\"calls_per_round\":%ld,\"rounds\":%d,\"median_ns_per_call\":%.2f}\n",
	       n, rounds, per[rounds / 2]);
	close(fd);
	return 0;
}
