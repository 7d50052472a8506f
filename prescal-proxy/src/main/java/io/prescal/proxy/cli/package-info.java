/**
 * The command line: {@link io.prescal.proxy.cli.ProxyCommand} (picocli) runs the proxy from a file,
 * in quick mode from flags, or checks a file; {@link io.prescal.proxy.cli.ConfigWatcher} reloads on
 * file change and SIGHUP.
 */
package io.prescal.proxy.cli;
