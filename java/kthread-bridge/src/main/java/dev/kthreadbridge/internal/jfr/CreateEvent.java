// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.internal.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** kthread_create() (KB_IOC_CREATE): the thread exists, not yet woken. */
@Name("dev.kthreadbridge.Create")
@Label("Create")
@Description("kthread_create() (KB_IOC_CREATE): the thread exists, not yet woken")
public final class CreateEvent extends SpawnEvent {

    public CreateEvent() {
        super("create");
    }
}
