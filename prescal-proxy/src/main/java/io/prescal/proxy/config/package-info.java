/**
 * The proxy's configuration: YAML read into validated immutable records ({@link
 * io.prescal.proxy.config.ProxyConfig} and its parts). {@link io.prescal.proxy.config.ConfigLoader}
 * lists every problem of a file at once, each naming the key, the value and what was expected.
 */
package io.prescal.proxy.config;
