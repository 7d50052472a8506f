/**
 * The access log: one line per request, written by its own thread from a bounded queue so that
 * event loops never wait for a disk; lines are dropped (and counted) when the queue is full.
 */
package io.prescal.proxy.accesslog;
