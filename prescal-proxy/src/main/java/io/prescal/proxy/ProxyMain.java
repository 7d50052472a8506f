package io.prescal.proxy;

/** Entry point of the proxy. */
public final class ProxyMain {
  public static void main(String[] args) {
    System.out.println("prescal-proxy: not built yet");
  }

  private ProxyMain() {}
}
