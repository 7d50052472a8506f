/**
 * The admin HTTP API (loopback by default, bearer token when set): {@code GET /status} (JSON),
 * {@code GET /metrics} (Prometheus text), {@code POST /services/{service}/backends/{id}/drain}, the
 * autoscaling commands {@code POST /services/{service}/scale?replicas=N}, {@code
 * /limits?min=N&max=N}, {@code /pause} and {@code /resume}, and {@code POST /reload}.
 */
package io.prescal.proxy.admin;
