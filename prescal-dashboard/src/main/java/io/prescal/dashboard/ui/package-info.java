/**
 * Pieces every view shares: number formatting ({@link io.prescal.dashboard.ui.Figures}), badges and
 * their colours, and {@link io.prescal.dashboard.ui.LiveView}, the base of views fed by the live
 * feed.
 */
package io.prescal.dashboard.ui;
