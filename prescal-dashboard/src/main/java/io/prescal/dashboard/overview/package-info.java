/** The overview: one live card per service with figures and charts. */
package io.prescal.dashboard.overview;
