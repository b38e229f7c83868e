// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
package dev.kthreadbridge.bench;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;

/**
 * The JSON names of the result records: every capital starts a word, so
 * {@code sharedOpsPerSMedian} is {@code shared_ops_per_s_median} and
 * {@code javaOverC} {@code java_over_c} (Jackson's SNAKE_CASE keeps a run of
 * capitals together: {@code shared_ops_per_smedian}).
 */
public final class SnakeCase extends PropertyNamingStrategies.NamingBase {
    private static final long serialVersionUID = 1L;

    @Override
    public String translate(String name) {
        StringBuilder sb = new StringBuilder(name.length() + 8);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                sb.append('_').append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
