// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
/*
 * kb_cycle: the kthread lifecycle cycle (kthread_create of an IDLE thread,
 * wake_up_process, kthread_stop) driven from C through the shim, one
 * CREATE, WAKE and STOP ioctl per cycle, against the same cycle run by the
 * module itself (KB_IOC_BENCH, no user space in between: the floor).
 *
 *   kb_cycle [--cycles N] [--warmup N] [--json] [--device PATH]
 *
 * Prints cycles/s of both, their ratio and per-cycle statistics; --json
 * prints one JSON line on stdout instead (the text goes to stderr). Needs
 * the module loaded and root: run it in the VM.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kthread_bridge_shim.h"

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* One create -> wake -> stop cycle through the shim; 0 or -errno. */
static int c_cycle(int fd)
{
	int h, ret;

	h = kb_thread_create(fd, KB_WORKLOAD_IDLE, 0, "kb_cycle", -1, 0, NULL);
	if (h < 0)
		return h;
	ret = kb_thread_wake(fd, (uint32_t)h);
	if (ret < 0) {
		kb_thread_stop(fd, (uint32_t)h, NULL, NULL, NULL);
		return ret;
	}
	return kb_thread_stop(fd, (uint32_t)h, NULL, NULL, NULL);
}

/* count cycles in the module, in chunks of KB_BENCH_MAX. */
static int kernel_cycles(int fd, uint32_t count, uint64_t *elapsed,
			 uint64_t *min, uint64_t *max)
{
	uint64_t e, mn, mx;
	uint32_t n;
	int ret;

	*elapsed = 0;
	*min = UINT64_MAX;
	*max = 0;
	while (count) {
		n = count < KB_BENCH_MAX ? count : KB_BENCH_MAX;
		ret = kb_bench_cycles(fd, n, &e, &mn, &mx);
		if (ret < 0)
			return ret;
		*elapsed += e;
		if (mn < *min)
			*min = mn;
		if (mx > *max)
			*max = mx;
		count -= n;
	}
	return 0;
}

static void usage(FILE *f)
{
	fprintf(f, "usage: kb_cycle [--cycles N] [--warmup N] [--json] "
		"[--device PATH]\n");
}

static unsigned long parse_count(const char *s, const char *what)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || !*s || *end || v > 10000000UL || s[0] == '-') {
		fprintf(stderr, "kb_cycle: bad %s: %s\n", what, s);
		exit(2);
	}
	return v;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "cycles", required_argument, NULL, 'c' },
		{ "warmup", required_argument, NULL, 'w' },
		{ "json", no_argument, NULL, 'j' },
		{ "device", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	unsigned long cycles = 2000, warmup = 200, i;
	uint64_t start, t0, c_total, k_total, k_min, k_max, *per;
	double c_rate, k_rate;
	const char *dev = NULL;
	bool json = false;
	FILE *out = stdout;
	int fd, opt, ret;

	while ((opt = getopt_long(argc, argv, "c:w:jd:h", opts, NULL)) != -1) {
		switch (opt) {
		case 'c':
			cycles = parse_count(optarg, "--cycles");
			break;
		case 'w':
			warmup = parse_count(optarg, "--warmup");
			break;
		case 'j':
			json = true;
			break;
		case 'd':
			dev = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc || !cycles) {
		usage(stderr);
		return 2;
	}
	if (json)
		out = stderr;

	fd = kb_open(dev);
	if (fd < 0) {
		fprintf(stderr, "kb_cycle: open %s: %s\n",
			dev ? dev : KB_DEFAULT_PATH, strerror(-fd));
		return 1;
	}
	per = calloc(cycles, sizeof(*per));
	if (!per) {
		fprintf(stderr, "kb_cycle: out of memory\n");
		return 1;
	}

	/* warm up both paths (allocators, caches, the CPU frequency) */
	for (i = 0; i < warmup; i++) {
		ret = c_cycle(fd);
		if (ret < 0)
			goto fail;
	}
	if (warmup) {
		ret = kernel_cycles(fd, (uint32_t)warmup, &k_total, &k_min,
				    &k_max);
		if (ret < 0)
			goto fail;
	}

	/* C through the shim: each cycle timed, and the whole run */
	start = now_ns();
	for (i = 0; i < cycles; i++) {
		t0 = now_ns();
		ret = c_cycle(fd);
		if (ret < 0)
			goto fail;
		per[i] = now_ns() - t0;
	}
	c_total = now_ns() - start;

	/* the module's own loop: the floor */
	ret = kernel_cycles(fd, (uint32_t)cycles, &k_total, &k_min, &k_max);
	if (ret < 0)
		goto fail;

	qsort(per, cycles, sizeof(*per), cmp_u64);
	c_rate = (double)cycles * 1e9 / (double)c_total;
	k_rate = (double)cycles * 1e9 / (double)k_total;

	fprintf(out, "cycles %lu (warmup %lu): create -> wake -> stop of an "
		"IDLE kthread\n", cycles, warmup);
	fprintf(out, "C via shim : %10.0f cycles/s  median %8.1f us  "
		"min %8.1f us  p99 %8.1f us  max %8.1f us\n", c_rate,
		per[cycles / 2] / 1e3, per[0] / 1e3,
		per[(cycles * 99) / 100] / 1e3, per[cycles - 1] / 1e3);
	fprintf(out, "in-kernel  : %10.0f cycles/s  mean   %8.1f us  "
		"min %8.1f us  max %8.1f us\n", k_rate,
		(double)k_total / (double)cycles / 1e3, k_min / 1e3,
		k_max / 1e3);
	fprintf(out, "ratio      : in-kernel / C = %.2fx (C reaches %.0f%% "
		"of the floor)\n", k_rate / c_rate, 100.0 * c_rate / k_rate);
	if (json)
		printf("{\"cycles\":%lu,\"warmup\":%lu,"
		       "\"c_cycles_per_s\":%.1f,\"c_total_ns\":%llu,"
		       "\"c_median_ns\":%llu,\"c_min_ns\":%llu,"
		       "\"c_p99_ns\":%llu,\"c_max_ns\":%llu,"
		       "\"kernel_cycles_per_s\":%.1f,\"kernel_total_ns\":%llu,"
		       "\"kernel_min_ns\":%llu,\"kernel_max_ns\":%llu,"
		       "\"ratio\":%.3f}\n",
		       cycles, warmup, c_rate, (unsigned long long)c_total,
		       (unsigned long long)per[cycles / 2],
		       (unsigned long long)per[0],
		       (unsigned long long)per[(cycles * 99) / 100],
		       (unsigned long long)per[cycles - 1], k_rate,
		       (unsigned long long)k_total,
		       (unsigned long long)k_min, (unsigned long long)k_max,
		       k_rate / c_rate);
	free(per);
	kb_close(fd);
	return 0;
fail:
	fprintf(stderr, "kb_cycle: %s\n", strerror(-ret));
	free(per);
	kb_close(fd);
	return 1;
}
