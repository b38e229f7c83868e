/* SPDX-License-Identifier: Apache-2.0 */
/* SPDX-FileCopyrightText: 2026 The kthread-bridge authors */
/*
 * Helpers shared by kb_fuzz and kb_stress (static inline, no object file):
 * a clock, a seeded generator, counting the module's kthreads in /proc and
 * reading/writing its module parameters.
 */
#ifndef KB_HARDENING_H
#define KB_HARDENING_H

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define KB_PARAMS "/sys/module/kthread_bridge/parameters/"

static inline uint64_t hz_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

/* splitmix64: one 64-bit state, reproducible from the seed */
static inline uint64_t hz_rnd(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Tasks whose parent is kthreadd (pid 2) and whose comm starts with prefix. */
static inline int hz_count_kthreads(const char *prefix)
{
	char path[300], buf[512], *lp, *rp;
	struct dirent *de;
	int n = 0, fd, ppid;
	ssize_t len;
	DIR *d = opendir("/proc");

	if (!d)
		return -1;
	while ((de = readdir(d))) {
		if (de->d_name[0] < '1' || de->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", de->d_name);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		len = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (len <= 0)
			continue;
		buf[len] = '\0';
		/* the comm may hold ')' and control bytes: the last ')' ends it */
		lp = strchr(buf, '(');
		rp = strrchr(buf, ')');
		if (!lp || !rp || sscanf(rp + 2, "%*c %d", &ppid) != 1)
			continue;
		if (ppid == 2 && !strncmp(lp + 1, prefix, strlen(prefix)))
			n++;
	}
	closedir(d);
	return n;
}

/* A module parameter as a number: 0, or -errno (-ENOENT: no such one). */
static inline int hz_read_param(const char *name, long *val)
{
	char path[128], buf[32];
	ssize_t len;
	int fd;

	snprintf(path, sizeof(path), KB_PARAMS "%s", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	len = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (len <= 0)
		return -EIO;
	buf[len] = '\0';
	*val = strtol(buf, NULL, 10);
	return 0;
}

static inline int hz_write_param(const char *name, long val)
{
	char path[128], buf[32];
	int fd, len, ret = 0;

	snprintf(path, sizeof(path), KB_PARAMS "%s", name);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	len = snprintf(buf, sizeof(buf), "%ld\n", val);
	if (write(fd, buf, (size_t)len) != len)
		ret = -errno;
	close(fd);
	return ret;
}

#endif /* KB_HARDENING_H */
