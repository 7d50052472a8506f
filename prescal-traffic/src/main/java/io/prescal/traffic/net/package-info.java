/** Netty plumbing shared by the generator and the backend: the socket transport. */
package io.prescal.traffic.net;
