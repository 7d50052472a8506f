package io.prescal.proxy;

import io.prescal.proxy.cli.ProxyCommand;
import picocli.CommandLine;

/** Entry point of the proxy: see {@link ProxyCommand} for the command line. */
public final class ProxyMain {
  public static void main(String[] args) {
    System.exit(new CommandLine(new ProxyCommand()).execute(args));
  }

  private ProxyMain() {}
}
