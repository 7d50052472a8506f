package io.prescal.traffic;

/** Entry point of the load generator and synthetic backend. */
public final class TrafficMain {
  public static void main(String[] args) {
    System.out.println("prescal-traffic: not built yet");
  }

  private TrafficMain() {}
}
