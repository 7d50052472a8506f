/**
 * The backend side of the proxy: keep-alive connections to backends pooled per event loop ({@link
 * io.prescal.proxy.upstream.UpstreamPool}), so that a client connection and its backend connection
 * always share one thread, and the handler that passes backend responses to whoever holds the
 * connection ({@link io.prescal.proxy.upstream.BackendResponseHandler}).
 */
package io.prescal.proxy.upstream;
