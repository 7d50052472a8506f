/**
 * The live data path: one Redis subscription per process ({@link
 * io.prescal.dashboard.live.LiveFeed}) fanned out to every open UI, and a once-a-second probe
 * ({@link io.prescal.dashboard.live.RedisLink}) that says how fresh the data is.
 */
package io.prescal.dashboard.live;
