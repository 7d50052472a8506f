package io.prescal.proxy.config;

/**
 * The access log.
 *
 * @param enabled whether requests are logged
 * @param path a file to append to, or "stdout"
 * @param queue how many lines may wait for the writer before new ones are dropped (and counted)
 */
public record AccessLogConfig(boolean enabled, String path, int queue) {}
