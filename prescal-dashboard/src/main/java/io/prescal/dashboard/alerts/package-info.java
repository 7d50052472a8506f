/** Alerts: active now, and raised and cleared over time. */
package io.prescal.dashboard.alerts;
