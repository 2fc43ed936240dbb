package dev.resilience.supervise;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;

import dev.resilience.Session;
import dev.resilience.SessionContext;

/**
 * A session that plays one scripted step per run, then repeats its last step; counts its runs.
 */
final class ScriptedSession implements Session {

	private final Deque<Session> steps = new ArrayDeque<>();

	private final AtomicInteger runs = new AtomicInteger();

	private Session last;

	ScriptedSession then(Session step) {
		this.steps.add(step);
		return this;
	}

	ScriptedSession then(int times, Session step) {
		for (int i = 0; i < times; i++) {
			then(step);
		}
		return this;
	}

	@Override
	public void run(SessionContext context) throws Exception {
		this.runs.incrementAndGet();
		Session step;
		synchronized (this.steps) {
			step = this.steps.isEmpty() ? this.last : this.steps.poll();
			this.last = step;
		}
		step.run(context);
	}

	int runs() {
		return this.runs.get();
	}

}
