package dev.resilience.autoconfigure;

import org.springframework.context.SmartLifecycle;

import dev.resilience.retry.Waiter;

/**
 * Ends every backoff wait as soon as the context starts closing: stopped in the first phase,
 * before the beans that calls may need are destroyed.
 */
class WaiterLifecycle implements SmartLifecycle {

	private final Waiter waiter;

	private volatile boolean running;

	WaiterLifecycle(Waiter waiter) {
		this.waiter = waiter;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.waiter.close();
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return Integer.MAX_VALUE;
	}

}
