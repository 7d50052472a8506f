/** Test support: a small loopback HTTP server and an in-process command runner. */
package io.prescal.traffic.testing;
