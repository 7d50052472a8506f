package io.prescal.dashboard.service;

import io.prescal.common.event.Command;
import java.util.function.Function;

/**
 * What an operator is asked before a command goes out: what changes (current to new replicas), what
 * it costs, and, when the replica rule allows the count only when forced, the question that must be
 * answered yes first.
 *
 * @param header the dialog's title, e.g. "Scale to 5 for web?"
 * @param change what changes, e.g. "2 -> 5 replicas (min 1, max 6; ceiling 16)"
 * @param cost the memory it takes, e.g. "about 1.25 GiB (5 x 256 MiB per backend)"; "memory per
 *     backend unknown" when the proxy does not say
 * @param consequence what else happens, in one sentence
 * @param force the rule's refusal and what forcing means, when the count needs force; else null
 * @param command the command to send, with force set or not
 */
record Confirmation(
    String header,
    String change,
    String cost,
    String consequence,
    String force,
    Function<Boolean, Command> command) {

  /** Whether sending needs the operator's explicit "force". */
  boolean needsForce() {
    return force != null;
  }
}
