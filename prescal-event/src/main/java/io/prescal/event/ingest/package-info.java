/** The subscriber side: reading {@code prescal:events} and {@code prescal:metrics}. */
package io.prescal.event.ingest;
