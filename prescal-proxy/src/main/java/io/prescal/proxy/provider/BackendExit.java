package io.prescal.proxy.provider;

/**
 * A backend that stopped without being asked to (crash, OOM kill, docker kill).
 *
 * @param backend the backend
 * @param exitCode its exit code when known, else null
 * @param oomKilled whether the kernel killed it for memory
 * @param reason what happened, in one sentence
 */
public record BackendExit(
    ProvidedBackend backend, Integer exitCode, boolean oomKilled, String reason) {}
