/**
 * TLS termination: certificate and key files read and checked ({@link
 * io.prescal.proxy.tls.CertificateKey}), the engine chosen ({@link
 * io.prescal.proxy.tls.TlsEngine}), and per listener the contexts chosen by SNI and reloaded when
 * their files change ({@link io.prescal.proxy.tls.ServerTls}).
 */
package io.prescal.proxy.tls;
