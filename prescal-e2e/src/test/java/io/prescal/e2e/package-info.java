/**
 * Whole-system tests. Each starts Prescal the way a user does (docker compose, or the local run
 * behind {@code ./prescal up}), drives a traffic ramp through the proxy with prescal-traffic, and
 * checks what a user would: the service scaled out and back in, no request failed while it scaled
 * in, the decisions reached Redis, prescal-event's API and the dashboard, and nothing was left
 * running afterwards. They run the modules' jars, never their classes.
 */
package io.prescal.e2e;
