package io.prescal.event.state;

import io.prescal.common.event.StateSnapshot;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/** The last state published, for the read API. */
@Component
public class LatestState {

  private final AtomicReference<StateSnapshot> state =
      new AtomicReference<>(new StateSnapshot(List.of(), List.of(), List.of(), -1));

  public StateSnapshot get() {
    return state.get();
  }

  void set(StateSnapshot snapshot) {
    state.set(snapshot);
  }
}
