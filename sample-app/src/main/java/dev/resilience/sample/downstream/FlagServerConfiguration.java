package dev.resilience.sample.downstream;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/** Serves the {@link FlagServer} on the application's own server, at {@link FlagServer#PATH}. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
public class FlagServerConfiguration {

	@Bean
	FlagServer flagServer(@Value("${sample.flags.server-key}") String validKey, Environment environment) {
		return new FlagServer(validKey, environment);
	}

	@Bean
	WebSocketConfigurer flagEndpoint(FlagServer flagServer) {
		return (WebSocketHandlerRegistry registry) -> registry.addHandler(flagServer, FlagServer.PATH)
			.addInterceptors(flagServer);
	}

}
