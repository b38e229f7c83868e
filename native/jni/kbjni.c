// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
/*
 * libkbjni: the JNI and plain-C paths of the JMH call-path comparison
 * (java/src/test/java/dev/kthreadbridge/jmh). Both call the shim's
 * kb_ioctl(), the same function the FFM bindings call, so the paths
 * differ only in how Java reaches it.
 *
 *   ioctl1(fd, cmd)        one kb_ioctl() per JNI call (the JNI path)
 *   loop(fd, cmd, n)       n kb_ioctl() calls in a C loop (the C path,
 *                          JMH divides by n via @OperationsPerInvocation)
 */
#include <jni.h>
#include <stdint.h>
#include "kthread_bridge_shim.h"

JNIEXPORT jint JNICALL
Java_dev_kthreadbridge_jmh_KbJni_ioctl1(JNIEnv *env, jclass cls, jint fd, jlong cmd)
{
	(void)env;
	(void)cls;
	return kb_ioctl(fd, (unsigned long)cmd, NULL);
}

JNIEXPORT jint JNICALL
Java_dev_kthreadbridge_jmh_KbJni_loop(JNIEnv *env, jclass cls, jint fd, jlong cmd, jint n)
{
	int ret = 0;

	(void)env;
	(void)cls;
	for (jint i = 0; i < n; i++)
		ret |= kb_ioctl(fd, (unsigned long)cmd, NULL);
	return ret;
}
