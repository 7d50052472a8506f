/**
 * Netty plumbing shared by the generator and the backend: the socket transport, and the client side
 * of TLS.
 */
package io.prescal.traffic.net;
