package bench.scg;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Spring Cloud Gateway with one route to the bench backend (see application.yml). */
@SpringBootApplication
public class ScgPeer {
  public static void main(String[] args) {
    SpringApplication.run(ScgPeer.class, args);
  }
}
