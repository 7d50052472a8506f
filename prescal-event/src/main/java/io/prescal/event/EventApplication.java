package io.prescal.event;

import io.prescal.spring.redis.PrescalRedisConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** prescal-event: turns raw events into history, state and alerts. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(PrescalRedisConfiguration.class)
public class EventApplication {
  public static void main(String[] args) {
    SpringApplication.run(EventApplication.class, args);
  }
}
