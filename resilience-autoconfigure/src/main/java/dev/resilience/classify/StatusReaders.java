package dev.resilience.classify;

import java.util.ArrayList;
import java.util.List;

import org.springframework.util.ClassUtils;

/**
 * The {@link StatusReader}s whose libraries are present: each reader class is loaded only after
 * its exception type was found, so the classifier works without spring-web or spring-webflux.
 */
final class StatusReaders {

	private StatusReaders() {
	}

	static List<StatusReader> available(ClassLoader classLoader) {
		List<StatusReader> readers = new ArrayList<>(5);
		if (ClassUtils.isPresent(RestClientStatusReader.TYPE, classLoader)) {
			readers.add(new RestClientStatusReader());
		}
		if (ClassUtils.isPresent(WebClientStatusReader.TYPE, classLoader)) {
			readers.add(new WebClientStatusReader());
		}
		if (ClassUtils.isPresent(FeignStatusReader.TYPE, classLoader)) {
			readers.add(new FeignStatusReader());
		}
		if (ClassUtils.isPresent(HandshakeStatusReader.TYPE, classLoader)) {
			readers.add(new HandshakeStatusReader());
		}
		readers.add(new DeploymentStatusReader());
		return List.copyOf(readers);
	}

}
