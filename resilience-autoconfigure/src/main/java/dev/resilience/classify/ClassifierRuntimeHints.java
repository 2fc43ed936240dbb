package dev.resilience.classify;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Hints for the exception types the classifier looks up by name ({@link StatusReaders} loads a
 * reader only once its library's exception type was found), where those libraries are present.
 */
class ClassifierRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		for (String type : new String[] { RestClientStatusReader.TYPE, WebClientStatusReader.TYPE,
				HandshakeStatusReader.TYPE, DeploymentStatusReader.TYPE }) {
			hints.reflection().registerTypeIfPresent(classLoader, type, (hint) -> {
			});
		}
	}

}
