package io.prescal.proxy.http;

import io.netty.handler.codec.DefaultHeaders.NameValidator;
import io.netty.handler.codec.DefaultHeaders.ValueValidator;

/**
 * What a header field may contain (RFC 9110 5.1, 5.5), one rule for requests and responses, for
 * heads Netty decodes and heads the fast path reads as bytes: a name is a token; a value holds no
 * control character but horizontal tab (no CR, LF or NUL), and obs-text (bytes 0x80-0xFF) passes
 * unchanged. Names and values decoded by Netty are ISO-8859-1 text: one char per byte.
 */
public final class FieldSyntax {
  private static final boolean[] TOKEN = new boolean[256];

  static {
    for (char c = '0'; c <= '9'; c++) {
      TOKEN[c] = true;
    }
    for (char c = 'a'; c <= 'z'; c++) {
      TOKEN[c] = true;
      TOKEN[c - 32] = true;
    }
    for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
      TOKEN[c] = true;
    }
  }

  /** Rejects a field name that is not a token, for Netty's header maps. */
  public static final NameValidator<CharSequence> NAMES =
      name -> {
        if (!isToken(name)) {
          throw new IllegalArgumentException("a header name is not a token: \"" + name + "\"");
        }
      };

  /** Rejects a field value with a control character, for Netty's header maps. */
  public static final ValueValidator<CharSequence> VALUES =
      value -> {
        if (!isValue(value)) {
          throw new IllegalArgumentException("a header value has a control character");
        }
      };

  /** Whether {@code c} (a byte as 0-255, or a char) may be part of a token. */
  public static boolean tokenChar(int c) {
    return c < 256 && TOKEN[c];
  }

  /** Whether {@code c} (a byte as 0-255, or a char) may be part of a field value. */
  public static boolean valueChar(int c) {
    return c >= 0x20 ? c != 0x7f && c < 256 : c == '\t';
  }

  /** RFC 9110 token: one or more token characters. */
  public static boolean isToken(CharSequence text) {
    int n = text.length();
    for (int i = 0; i < n; i++) {
      if (!tokenChar(text.charAt(i))) {
        return false;
      }
    }
    return n > 0;
  }

  /** A field value (or reason phrase): no control character but tab. */
  public static boolean isValue(CharSequence text) {
    int n = text.length();
    for (int i = 0; i < n; i++) {
      if (!valueChar(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** As {@link #isValue(CharSequence)}, for {@code b[from, to)}. */
  public static boolean isValue(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!valueChar(b[i] & 0xff)) {
        return false;
      }
    }
    return true;
  }

  private FieldSyntax() {}
}
