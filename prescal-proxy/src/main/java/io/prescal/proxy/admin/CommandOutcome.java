package io.prescal.proxy.admin;

/**
 * What became of an operator command sent through the admin API.
 *
 * @param accepted whether it was applied
 * @param detail what it did, or why it was refused, in one sentence
 */
public record CommandOutcome(boolean accepted, String detail) {}
