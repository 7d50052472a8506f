/**
 * The admin HTTP API (loopback by default, bearer token when set): {@code GET /status} (JSON),
 * {@code GET /metrics} (Prometheus text), {@code POST /services/{service}/backends/{id}/drain} and
 * {@code POST /reload}.
 */
package io.prescal.proxy.admin;
