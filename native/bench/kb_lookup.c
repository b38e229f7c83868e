// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
/*
 * kb_lookup: concurrent commands on one open file. K pthreads share one
 * descriptor; each calls INFO (a handle lookup and a snapshot) on a thread
 * of its own for the given time. With ABI 2's lookups under RCU nothing
 * serialises them on the file, so calls/s should grow with K up to the
 * number of CPUs.
 *
 *   kb_lookup [--seconds S] [--max-threads K] [--device PATH]
 *
 * Prints one line per K = 1, 2, 4, ... up to --max-threads (default 4):
 * calls, calls/s and the speed-up over K = 1. Run it in the VM, as root.
 */
#define _GNU_SOURCE
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kthread_bridge_shim.h"

#define MAX_K	64

struct worker {
	int fd;
	uint32_t handle;
	uint64_t end_ns;
	uint64_t calls;
	int err;
	pthread_t tid;
};

static void *work(void *p)
{
	struct worker *w = p;
	struct kb_info info;
	unsigned int n = 0;

	for (;;) {
		int ret = kb_thread_info(w->fd, w->handle, &info);

		if (ret) {
			w->err = ret;
			break;
		}
		w->calls++;
		if ((++n & 255) == 0 && kb_monotonic_ns() >= w->end_ns)
			break;
	}
	return NULL;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "seconds", required_argument, NULL, 's' },
		{ "max-threads", required_argument, NULL, 'k' },
		{ "device", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	struct worker w[MAX_K];
	const char *dev = NULL;
	double secs = 2, base = 0;
	int maxk = 4, fd, c, k, i;

	while ((c = getopt_long(argc, argv, "s:k:d:", opts, NULL)) != -1) {
		switch (c) {
		case 's': secs = atof(optarg); break;
		case 'k': maxk = atoi(optarg); break;
		case 'd': dev = optarg; break;
		default:
			fprintf(stderr, "usage: kb_lookup [--seconds S] "
				"[--max-threads K] [--device PATH]\n");
			return 2;
		}
	}
	if (maxk < 1 || maxk > MAX_K || secs <= 0)
		return 2;
	fd = kb_open(dev);
	if (fd < 0) {
		fprintf(stderr, "kb_lookup: open: %s\n", strerror(-fd));
		return 1;
	}
	for (i = 0; i < maxk; i++) {
		int h = kb_thread_create(fd, KB_WORKLOAD_IDLE, 0, "kb_lookup", -1,
					 0, NULL);

		if (h < 0) {
			fprintf(stderr, "kb_lookup: create: %s\n", strerror(-h));
			return 1;
		}
		w[i].handle = (uint32_t)h;
	}
	printf("# threads  calls  calls/s  speed-up (INFO on one file, %.1f s each)\n",
	       secs);
	for (k = 1; k <= maxk; k *= 2) {
		uint64_t start = kb_monotonic_ns(), calls = 0;
		double rate;

		for (i = 0; i < k; i++) {
			w[i].fd = fd;
			w[i].calls = 0;
			w[i].err = 0;
			w[i].end_ns = start + (uint64_t)(secs * 1e9);
			pthread_create(&w[i].tid, NULL, work, &w[i]);
		}
		for (i = 0; i < k; i++) {
			pthread_join(w[i].tid, NULL);
			calls += w[i].calls;
			if (w[i].err) {
				fprintf(stderr, "kb_lookup: INFO: %s\n",
					strerror(-w[i].err));
				return 1;
			}
		}
		rate = (double)calls / ((double)(kb_monotonic_ns() - start) / 1e9);
		if (k == 1)
			base = rate;
		printf("%9d %10llu %9.0f %8.2fx\n", k, (unsigned long long)calls,
		       rate, rate / base);
	}
	kb_close(fd);
	return 0;
}
