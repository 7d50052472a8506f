/** The once-a-second tick: state on {@code prescal:state}, alerts, history points. */
package io.prescal.event.state;
