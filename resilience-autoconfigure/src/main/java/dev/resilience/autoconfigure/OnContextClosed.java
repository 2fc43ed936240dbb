package dev.resilience.autoconfigure;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;

/**
 * Runs an action when its own context starts closing: before any lifecycle bean is stopped and
 * any bean destroyed, so waits end and supervised connections stop while the beans they use are
 * still there. A {@code stop()} of the context is not a close (Spring's test framework stops
 * cached contexts and starts them again), so nothing happens then; a child context's close is
 * not this context's either.
 */
final class OnContextClosed implements ApplicationListener<ContextClosedEvent>, ApplicationContextAware, Ordered {

	private final Runnable action;

	private final int order;

	private ApplicationContext context;

	OnContextClosed(Runnable action, int order) {
		this.action = action;
		this.order = order;
	}

	@Override
	public void setApplicationContext(ApplicationContext context) {
		this.context = context;
	}

	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		if (event.getApplicationContext() == this.context) {
			this.action.run();
		}
	}

	@Override
	public int getOrder() {
		return this.order;
	}

}
