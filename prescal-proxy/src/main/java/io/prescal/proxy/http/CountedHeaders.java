package io.prescal.proxy.http;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;

/**
 * A header map as Netty's decoder fills it, counting the lines of the fields whose number matters
 * while they are added: Host (exactly one in a request, RFC 9112 3.2), Content-Length (Netty folds
 * an HTTP/1.0 message's several lines into the first one's value) and Transfer-Encoding. Counting
 * here costs a table lookup per line and spares the request path a second pass over its headers.
 * Names and values are checked by {@link FieldSyntax}.
 */
public final class CountedHeaders extends DefaultHttpHeaders {
  /** Makes the maps a decoder fills: {@code HttpDecoderConfig.setHeadersFactory(FACTORY)}. */
  public static final HttpHeadersFactory FACTORY =
      new HttpHeadersFactory() {
        @Override
        public HttpHeaders newHeaders() {
          return new CountedHeaders();
        }

        @Override
        public HttpHeaders newEmptyHeaders() {
          return new CountedHeaders();
        }
      };

  private int hostLines;
  private int lengthLines;
  private int codingLines;

  private CountedHeaders() {
    super(FieldSyntax.NAMES, FieldSyntax.VALUES);
  }

  @Override
  public HttpHeaders add(CharSequence name, Object value) {
    count(name);
    return super.add(name, value);
  }

  @Override
  public HttpHeaders add(String name, Object value) {
    count(name);
    return super.add(name, value);
  }

  private void count(CharSequence name) {
    switch (HeaderRules.field(name)) {
      case HOST -> hostLines++;
      case CONTENT_LENGTH -> lengthLines++;
      case TRANSFER_ENCODING -> codingLines++;
      default -> {}
    }
  }

  /** Host lines received. */
  public int hostLines() {
    return hostLines;
  }

  /** Content-Length lines received. */
  public int lengthLines() {
    return lengthLines;
  }

  /** Transfer-Encoding lines received. */
  public int codingLines() {
    return codingLines;
  }
}
