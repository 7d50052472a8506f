/**
 * Backends as local processes started from a command template with {@code {port}}: Prescal's
 * autoscaling on a machine without Docker ({@link
 * io.prescal.proxy.provider.process.ProcessProvider}).
 */
package io.prescal.proxy.provider.process;
