package dev.resilience.limit;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;

/**
 * The caller's context through Micrometer's context-propagation: every {@code ThreadLocalAccessor}
 * of the global {@link ContextRegistry} (those its libraries register through the service loader,
 * such as the observation's and Spring Security's, and the user's), plus the whole MDC, whose
 * accessor is registered here unless the application did. Loaded only when context-propagation
 * is on the classpath. Thread-safe.
 */
final class PropagatedContext implements CallerContext {

	private final ContextSnapshotFactory snapshots;

	PropagatedContext() {
		ContextRegistry registry = ContextRegistry.getInstance();
		boolean mdcKnown = registry.getThreadLocalAccessors()
			.stream()
			.anyMatch((accessor) -> Slf4jThreadLocalAccessor.KEY.equals(accessor.key()));
		if (!mdcKnown) {
			registry.registerThreadLocalAccessor(new Slf4jThreadLocalAccessor());
		}
		// clearMissing: a pool thread must not keep values an earlier attempt left behind.
		this.snapshots = ContextSnapshotFactory.builder().contextRegistry(registry).clearMissing(true).build();
	}

	@Override
	public Captured capture() {
		ContextSnapshot snapshot = this.snapshots.captureAll();
		return (attempt) -> {
			try (ContextSnapshot.Scope scope = snapshot.setThreadLocals()) {
				return attempt.run();
			}
		};
	}

}
