/** One service in detail: backends, autoscaler settings and mode, operator controls. */
package io.prescal.dashboard.service;
