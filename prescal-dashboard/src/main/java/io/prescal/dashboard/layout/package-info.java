/** The frame around every view: navigation, user, freshness and the stale-data banner. */
package io.prescal.dashboard.layout;
