package io.prescal.proxy.provider.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a process still runs, as tests must see it on Linux. */
final class ProcessState {

  /**
   * Running: not gone, and not a zombie waiting for whoever adopted it to reap it ({@link
   * ProcessHandle#isAlive()} counts zombies as alive).
   */
  static boolean running(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    } catch (IOException gone) {
      return false;
    }
  }

  /** The state letter in /proc/<pid>/stat: R, S, T (stopped), Z...; '?' when gone. */
  static char letter(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2);
    } catch (IOException gone) {
      return '?';
    }
  }

  private ProcessState() {}
}
