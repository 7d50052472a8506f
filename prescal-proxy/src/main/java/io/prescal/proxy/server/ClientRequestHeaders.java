package io.prescal.proxy.server;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.prescal.proxy.http.FieldSyntax;
import io.prescal.proxy.http.HeaderRules;

/**
 * The header map of a client's request as Netty's decoder fills it, counting the lines of the
 * fields whose number matters while they are added: Host (exactly one, RFC 9112 3.2),
 * Content-Length (Netty folds an HTTP/1.0 request's several lines into one) and Transfer-Encoding.
 * Counting here costs a length check per line and spares the request path a second pass over its
 * headers. Names and values are checked by {@link FieldSyntax}.
 */
final class ClientRequestHeaders extends DefaultHttpHeaders {
  /** Makes the maps the client codec's decoder fills. */
  static final HttpHeadersFactory FACTORY =
      new HttpHeadersFactory() {
        @Override
        public HttpHeaders newHeaders() {
          return new ClientRequestHeaders();
        }

        @Override
        public HttpHeaders newEmptyHeaders() {
          return new ClientRequestHeaders();
        }
      };

  private int hostLines;
  private int lengthLines;
  private int codingLines;

  private ClientRequestHeaders() {
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

  /** Host lines the client sent. */
  int hostLines() {
    return hostLines;
  }

  /** Content-Length lines the client sent. */
  int lengthLines() {
    return lengthLines;
  }

  /** Transfer-Encoding lines the client sent. */
  int codingLines() {
    return codingLines;
  }
}
