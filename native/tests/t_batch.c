// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
/* BATCH and BENCH. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kb_tests.h"

#define NB 100

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static bool all_entered(int fd, const struct kb_batch_item *items, int n)
{
	int k;

	for (k = 0; k < n; k++)
		if (!(status_of(fd, items[k].handle) & KB_STATUS_ENTERED))
			return false;
	return true;
}

TEST(batch_create_wake_stop_100)
{
	int fd = open_dev(), k;
	struct kb_batch_item items[NB];
	uint32_t hs[NB], listed[NB + 1];
	struct kb_create tmpl;
	struct kb_info i;

	valid_create(&tmpl, KB_WORKLOAD_IDLE, 0);
	memset(items, 0xa5, sizeof(items));	/* the shim zeroes them */
	ASSERT_EQ(NB, kb_batch(fd, KB_BATCH_CREATE, &tmpl, items, NB));
	for (k = 0; k < NB; k++) {
		ASSERT_EQ(0, items[k].error);
		ASSERT_LE(1, items[k].handle);
		ASSERT_LT(0, items[k].value);	/* pid */
		hs[k] = items[k].handle;
	}
	qsort(hs, NB, sizeof(hs[0]), cmp_u32);
	for (k = 1; k < NB; k++)
		ASSERT_LT(hs[k - 1], hs[k]);	/* distinct */
	ASSERT_EQ(NB, kb_thread_list(fd, listed, NB + 1));
	ASSERT_EQ(0, memcmp(hs, listed, sizeof(hs)));
	info_ok(fd, items[NB - 1].handle, &i);
	ASSERT_EQ(items[NB - 1].value, i.pid);
	ASSERT_EQ(0, i.status & KB_STATUS_WOKEN);
	/* WAKE all */
	ASSERT_EQ(NB, kb_batch(fd, KB_BATCH_WAKE, NULL, items, NB));
	for (k = 0; k < NB; k++) {
		ASSERT_EQ(0, items[k].error);
		ASSERT_EQ(1, items[k].value);
	}
	ASSERT_TRUE(WAIT_UNTIL(all_entered(fd, items, NB), WAIT_MS));
	/* STOP all */
	ASSERT_EQ(NB, kb_batch(fd, KB_BATCH_STOP, NULL, items, NB));
	for (k = 0; k < NB; k++) {
		ASSERT_EQ(0, items[k].error);
		ASSERT_EQ(0, items[k].value);	/* IDLE: no wake-ups seen */
		ASSERT_EQ(KB_STATUS_WOKEN | KB_STATUS_ENTERED |
			  KB_STATUS_EXITED | KB_STATUS_STOPPED,
			  items[k].status);
	}
	ASSERT_EQ(0, kb_thread_list(fd, NULL, 0));
}

TEST(batch_run_and_unknown_handles)
{
	int fd = open_dev();
	struct kb_batch_item items[4];
	struct kb_create tmpl;

	valid_create(&tmpl, KB_WORKLOAD_EXIT, 9);
	memset(items, 0, sizeof(items));
	ASSERT_EQ(2, kb_batch(fd, KB_BATCH_RUN, &tmpl, items, 2));
	ASSERT_TRUE(WAIT_UNTIL(all_entered(fd, items, 2), WAIT_MS));
	items[2] = items[1];
	items[1].handle = 9999;
	items[3].handle = 0;
	ASSERT_TRUE(WAIT_UNTIL((status_of(fd, items[0].handle) &
				status_of(fd, items[2].handle) &
				KB_STATUS_EXITED), WAIT_MS));
	/* WAKE: per-item -ENOENT, and -ESRCH for the exited ones (item 5) */
	ASSERT_EQ(0, kb_batch(fd, KB_BATCH_WAKE, NULL, items, 4));
	ASSERT_EQ(-ESRCH, (int32_t)items[0].error);
	ASSERT_EQ(-ENOENT, (int32_t)items[1].error);
	ASSERT_EQ(-ESRCH, (int32_t)items[2].error);
	ASSERT_EQ(-ENOENT, (int32_t)items[3].error);
	/* STOP: done counts the good ones only */
	ASSERT_EQ(2, kb_batch(fd, KB_BATCH_STOP, NULL, items, 4));
	ASSERT_EQ(0, items[0].error);
	ASSERT_EQ(9, (int32_t)items[0].value);
	ASSERT_EQ(-ENOENT, (int32_t)items[1].error);
	ASSERT_EQ(0, items[1].value);
	ASSERT_EQ(0, items[2].error);
	ASSERT_EQ(9, (int32_t)items[2].value);
	ASSERT_EQ(-ENOENT, (int32_t)items[3].error);
	/* the same handles again: all gone */
	ASSERT_EQ(0, kb_batch(fd, KB_BATCH_STOP, NULL, items, 4));
	ASSERT_EQ(-ENOENT, (int32_t)items[0].error);
	ASSERT_EQ(0, kb_thread_list(fd, NULL, 0));
}

TEST(batch_invalid)
{
	int fd = open_dev();
	struct kb_batch_item items[2];
	struct kb_create tmpl;
	struct kb_batch b;

	memset(items, 0, sizeof(items));
	valid_create(&tmpl, KB_WORKLOAD_IDLE, 0);
	ASSERT_EQ(-EINVAL, kb_batch(fd, KB_BATCH_CREATE, &tmpl, items, 0));
	ASSERT_EQ(-EINVAL, kb_batch(fd, KB_BATCH_CREATE, &tmpl, items,
				    KB_BATCH_MAX + 1));
	ASSERT_EQ(-EINVAL, kb_batch(fd, KB_BATCH_STOP, NULL, items,
				    UINT32_MAX));
	ASSERT_EQ(-EINVAL, kb_batch(fd, KB_BATCH_STOP + 1, NULL, items, 1));
	ASSERT_EQ(-EINVAL, kb_batch(fd, UINT32_MAX, NULL, items, 1));
	/* a template only with CREATE and RUN */
	ASSERT_EQ(-EINVAL, kb_batch(fd, KB_BATCH_WAKE, &tmpl, items, 1));
	ASSERT_EQ(-EINVAL, kb_batch(fd, KB_BATCH_STOP, &tmpl, items, 1));
	ASSERT_EQ(-EINVAL, kb_batch(fd, KB_BATCH_CREATE, NULL, items, 1));
	ASSERT_EQ(-EINVAL, kb_batch(fd, KB_BATCH_RUN, NULL, items, 1));
	/* the template is checked as CREATE checks it */
	valid_create(&tmpl, 99, 0);
	ASSERT_EQ(-EINVAL, kb_batch(fd, KB_BATCH_CREATE, &tmpl, items, 1));
	valid_create(&tmpl, KB_WORKLOAD_IDLE, 1);
	ASSERT_EQ(-EINVAL, kb_batch(fd, KB_BATCH_RUN, &tmpl, items, 1));
	valid_create(&tmpl, KB_WORKLOAD_IDLE, 0);
	tmpl.reserved0 = 1;
	ASSERT_EQ(-EINVAL, kb_batch(fd, KB_BATCH_CREATE, &tmpl, items, 1));
	valid_create(&tmpl, KB_WORKLOAD_IDLE, 0);
	tmpl.reserved[3] = 1;
	ASSERT_EQ(-EINVAL, kb_batch(fd, KB_BATCH_CREATE, &tmpl, items, 1));
	/* the template's out fields too */
	valid_create(&tmpl, KB_WORKLOAD_IDLE, 0);
	tmpl.pid = 1;
	ASSERT_EQ(-EINVAL, kb_batch(fd, KB_BATCH_CREATE, &tmpl, items, 1));
	valid_create(&tmpl, KB_WORKLOAD_IDLE, 0);
	memset(tmpl.name, 'x', sizeof(tmpl.name));
	ASSERT_EQ(-EINVAL, kb_batch(fd, KB_BATCH_CREATE, &tmpl, items, 1));
	/* flags */
	valid_create(&tmpl, KB_WORKLOAD_IDLE, 0);
	memset(&b, 0, sizeof(b));
	b.op = KB_BATCH_CREATE;
	b.count = 1;
	b.items_ptr = (uint64_t)(uintptr_t)items;
	b.create_ptr = (uint64_t)(uintptr_t)&tmpl;
	b.flags = 1;
	ASSERT_EQ(-EINVAL, kb_ioctl(fd, KB_IOC_BATCH, &b));
	b.flags = 1U << 31;
	ASSERT_EQ(-EINVAL, kb_ioctl(fd, KB_IOC_BATCH, &b));
	/* bad pointers */
	b.flags = 0;
	b.items_ptr = 0;
	ASSERT_EQ(-EFAULT, kb_ioctl(fd, KB_IOC_BATCH, &b));
	b.items_ptr = (uint64_t)(uintptr_t)items;
	b.create_ptr = 0xffff888000000000ULL;
	ASSERT_EQ(-EFAULT, kb_ioctl(fd, KB_IOC_BATCH, &b));
	ASSERT_EQ(0, kb_thread_list(fd, NULL, 0));
	/* done is out only: zero on input, as the reserved fields */
	b.create_ptr = (uint64_t)(uintptr_t)&tmpl;
	b.done = 55;
	ASSERT_EQ(-EINVAL, kb_ioctl(fd, KB_IOC_BATCH, &b));
	b.done = 0;
	b.reserved[1] = 1;
	ASSERT_EQ(-EINVAL, kb_ioctl(fd, KB_IOC_BATCH, &b));
	b.reserved[1] = 0;
	ASSERT_EQ(0, kb_thread_list(fd, NULL, 0));
	ASSERT_EQ(0, kb_ioctl(fd, KB_IOC_BATCH, &b));
	ASSERT_EQ(1, b.done);
	ASSERT_EQ(1, kb_thread_list(fd, NULL, 0));
}

static void batch_emfile_body(void)
{
	int fd = open_dev(), k;
	struct kb_batch_item items[8];
	struct kb_create tmpl;

	valid_create(&tmpl, KB_WORKLOAD_IDLE, 0);
	memset(items, 0, sizeof(items));
	create_ok(fd, KB_WORKLOAD_IDLE, 0, "kb_bemfile", NULL);
	ASSERT_EQ(4, kb_batch(fd, KB_BATCH_RUN, &tmpl, items, 8));
	for (k = 0; k < 8; k++) {
		ASSERT_EQ(k < 4 ? 0 : -EMFILE, (int32_t)items[k].error);
		if (k < 4)
			ASSERT_LE(1, items[k].handle);
	}
	ASSERT_EQ(5, kb_thread_list(fd, NULL, 0));
	/* freeing slots lets the next batch through */
	ASSERT_EQ(4, kb_batch(fd, KB_BATCH_STOP, NULL, items, 4));
	ASSERT_EQ(4, kb_batch(fd, KB_BATCH_CREATE, &tmpl, items, 4));
	ASSERT_EQ(5, kb_thread_list(fd, NULL, 0));
}

TEST(batch_emfile_midway)
{
	with_param("max_threads_per_file", 5, batch_emfile_body);
}

TEST(bench_cycles)
{
	int fd = open_dev();
	uint64_t e = 0, mn = 0, mx = 0;
	struct kb_bench b;

	ASSERT_EQ(0, kb_bench_cycles(fd, 10, &e, &mn, &mx));
	ASSERT_LT(0, mn);
	ASSERT_LE(mn, mx);
	ASSERT_LE(mx, e);
	ASSERT_LE(10 * mn, e);
	ASSERT_EQ(0, kb_bench_cycles(fd, 1, NULL, NULL, NULL));
	ASSERT_EQ(-EINVAL, kb_bench_cycles(fd, 0, &e, &mn, &mx));
	ASSERT_EQ(-EINVAL, kb_bench_cycles(fd, KB_BENCH_MAX + 1, &e, &mn,
					   &mx));
	ASSERT_EQ(-EINVAL, kb_bench_cycles(fd, UINT32_MAX, NULL, NULL, NULL));
	memset(&b, 0, sizeof(b));
	b.op = KB_BENCH_CYCLE + 1;
	b.count = 1;
	ASSERT_EQ(-EINVAL, kb_ioctl(fd, KB_IOC_BENCH, &b));
	b.op = UINT32_MAX;
	ASSERT_EQ(-EINVAL, kb_ioctl(fd, KB_IOC_BENCH, &b));
	/* the bench's threads are not the file's */
	ASSERT_EQ(0, kb_thread_list(fd, NULL, 0));
}
