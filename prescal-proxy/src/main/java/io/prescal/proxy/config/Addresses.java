package io.prescal.proxy.config;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Reads {@code host:port} text: IP literals resolved at once, names at connect time. */
public final class Addresses {

  /** The address in {@code text}, or null when it is not {@code host:port}. */
  public static InetSocketAddress parse(String text) {
    if (text == null) {
      return null;
    }
    String value = text.trim();
    int colon = value.lastIndexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      return null;
    }
    String host = value.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(value.substring(colon + 1));
    } catch (NumberFormatException e) {
      return null;
    }
    if (port < 0 || port > 65535 || host.isBlank() || host.contains(" ")) {
      return null;
    }
    if (host.equals("*")) {
      host = "0.0.0.0";
    }
    byte[] literal = NetUtil.createByteArrayFromIpAddressString(host);
    if (literal == null) {
      return InetSocketAddress.createUnresolved(host, port);
    }
    try {
      return new InetSocketAddress(InetAddress.getByAddress(literal), port);
    } catch (java.net.UnknownHostException e) {
      return null;
    }
  }

  /** Whether {@code address} is a loopback address (127.0.0.0/8, ::1 or "localhost"). */
  public static boolean isLoopback(InetSocketAddress address) {
    if (address.isUnresolved()) {
      return address.getHostString().equalsIgnoreCase("localhost");
    }
    return address.getAddress().isLoopbackAddress();
  }

  /** host:port text. */
  public static String text(InetSocketAddress address) {
    return NetUtil.toSocketAddressString(address.getHostString(), address.getPort());
  }

  private Addresses() {}
}
