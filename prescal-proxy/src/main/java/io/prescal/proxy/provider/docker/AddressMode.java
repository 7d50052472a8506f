package io.prescal.proxy.provider.docker;

/** How the proxy reaches a container. */
public enum AddressMode {
  /**
   * The proxy runs on the host: the container port is published on 127.0.0.1 with a random host
   * port, and the proxy connects to 127.0.0.1:&lt;that port&gt;.
   */
  HOST,
  /**
   * The proxy runs in a container on the same network: it connects to the container's address on
   * that network and the container port; nothing is published.
   */
  NETWORK
}
