/**
 * The admin HTTP API (loopback by default, bearer token when set): {@code GET /status} (JSON),
 * {@code GET /metrics} (Prometheus text), {@code POST /services/{service}/backends/{id}/drain}, the
 * autoscaling commands {@code POST /services/{service}/scale?replicas=N}, {@code
 * /limits?min=N&max=N}, {@code /pause} and {@code /resume}, and {@code POST /reload}. Before any
 * routing, {@link io.prescal.proxy.admin.AdminGate} refuses what a web page in an operator's
 * browser could send (DNS rebinding, cross-site and form requests), and {@link
 * io.prescal.proxy.admin.AdminIdleTimeout} closes connections that do not deliver a request.
 */
package io.prescal.proxy.admin;
