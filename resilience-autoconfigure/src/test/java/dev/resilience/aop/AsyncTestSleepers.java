package dev.resilience.aop;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.springframework.retry.backoff.Sleeper;

/** Test sleepers of the asynchronous tests: they record the thread they are called on. */
final class AsyncTestSleepers {

	private AsyncTestSleepers() {
	}

	/** Returns at once; records each wait's thread. */
	static final class ThreadRecording implements Sleeper {

		private final List<String> threads = new CopyOnWriteArrayList<>();

		@Override
		public void sleep(long backOffPeriod) {
			this.threads.add(Thread.currentThread().getName());
		}

		List<String> threads() {
			return this.threads;
		}

	}

	/** Blocks each wait until the waiting thread is interrupted (a dropped wait). */
	static final class Blocking implements Sleeper {

		private final CountDownLatch entered = new CountDownLatch(1);

		private final CountDownLatch interrupted = new CountDownLatch(1);

		@Override
		public void sleep(long backOffPeriod) throws InterruptedException {
			this.entered.countDown();
			try {
				new CountDownLatch(1).await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				this.interrupted.countDown();
				throw ex;
			}
		}

		boolean awaitEntered() throws InterruptedException {
			return this.entered.await(10, TimeUnit.SECONDS);
		}

		boolean awaitInterrupted() throws InterruptedException {
			return this.interrupted.await(10, TimeUnit.SECONDS);
		}

	}

}
