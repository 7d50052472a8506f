/**
 * Test support: small loopback HTTP servers (HTTP/1.1; HTTPS and HTTP/2 with certificates made at
 * test time) and an in-process command runner.
 */
package io.prescal.traffic.testing;
