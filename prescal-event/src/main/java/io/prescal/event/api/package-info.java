/**
 * The read API for people and scripts: {@code /api/services}, {@code /api/services/{name}/history},
 * {@code /api/events}, all JSON; errors as {@code {"error": "..."}}.
 */
package io.prescal.event.api;
