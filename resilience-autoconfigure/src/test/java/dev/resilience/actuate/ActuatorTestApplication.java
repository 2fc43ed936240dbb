package dev.resilience.actuate;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

import dev.resilience.autoconfigure.FlakyService;
import dev.resilience.autoconfigure.RecordingSleeper;

/** A small web application with the actuator, for tests over HTTP; no component scanning. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ FlakyService.class, RecordingSleeper.class })
class ActuatorTestApplication {

}
