/**
 * HTTP/1.1 rules that the client side ({@code server}) and the backend side ({@code upstream}) of
 * the proxy share, so that a request and a response crossing the proxy are treated alike: which
 * header fields are hop-by-hop and which the proxy rewrites itself ({@link
 * io.prescal.proxy.http.HeaderRules}), and what a field name and value may contain ({@link
 * io.prescal.proxy.http.FieldSyntax}).
 */
package io.prescal.proxy.http;
