package dev.resilience.limit;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads a policy's time-limited attempts run on: a new virtual thread per attempt where the
 * runtime has them (Java 21+), otherwise a bounded pool of daemon threads named
 * {@code resilience-attempt-<policy>-<n>} that keeps no thread idle longer than
 * {@value #KEEP_ALIVE_SECONDS}s. Virtual threads are found at run time, so that the library still
 * runs on Java 17. Thread-safe.
 */
public final class AttemptThreads implements AutoCloseable {

	/** The pool's bound when the bulkhead asks for no more. */
	static final int DEFAULT_MAX_POOL_THREADS = 256;

	static final long KEEP_ALIVE_SECONDS = 30;

	// Thread.ofVirtual(), Thread.Builder#name(String), Thread.Builder#factory(): Java 21+.
	private static final MethodHandle VIRTUAL_BUILDER = virtualHandle("ofVirtual");

	private static final MethodHandle BUILDER_NAME = virtualHandle("name");

	private static final MethodHandle BUILDER_FACTORY = virtualHandle("factory");

	private final String name;

	private final ThreadFactory virtual;

	private final ThreadPoolExecutor pool;

	/** Virtual threads still running an attempt, to interrupt on close. */
	private final Set<Thread> running = ConcurrentHashMap.newKeySet();

	private volatile boolean closed;

	/**
	 * @param policy the policy's name, in the threads' names
	 * @param maxPoolThreads the pool's bound, where there are no virtual threads
	 * @param preferVirtual whether to use virtual threads when the runtime has them
	 */
	public AttemptThreads(String policy, int maxPoolThreads, boolean preferVirtual) {
		this.name = "resilience-attempt-" + policy;
		this.virtual = preferVirtual ? virtualFactory(this.name) : null;
		this.pool = (this.virtual != null) ? null : pool(this.name, Math.max(1, maxPoolThreads));
	}

	/** On virtual threads where the runtime has them, else on a pool of {@value #DEFAULT_MAX_POOL_THREADS}. */
	public AttemptThreads(String policy) {
		this(policy, DEFAULT_MAX_POOL_THREADS, true);
	}

	/** Whether attempts run on virtual threads. */
	public boolean virtual() {
		return this.virtual != null;
	}

	/**
	 * Starts {@code task} on a thread of its own.
	 * @throws RejectedExecutionException when every thread of the pool is busy (attempts that
	 * hang), or after {@link #close()}
	 */
	public void start(Runnable task) {
		if (this.virtual == null) {
			this.pool.execute(task);
			return;
		}
		if (this.closed) {
			throw new RejectedExecutionException(this.name + " is closed");
		}
		Thread thread = this.virtual.newThread(() -> {
			try {
				task.run();
			}
			finally {
				this.running.remove(Thread.currentThread());
			}
		});
		this.running.add(thread);
		thread.start();
	}

	/** Interrupts the attempts still running and lets the pool's threads end. */
	@Override
	public void close() {
		this.closed = true;
		if (this.pool != null) {
			this.pool.shutdownNow();
		}
		for (Thread thread : this.running) {
			thread.interrupt();
		}
	}

	@Override
	public String toString() {
		return this.name + (virtual() ? " (virtual threads)" : " (pool)");
	}

	private static ThreadPoolExecutor pool(String name, int max) {
		AtomicInteger count = new AtomicInteger();
		ThreadFactory factory = (task) -> {
			Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
		ThreadPoolExecutor pool = new ThreadPoolExecutor(0, max, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
				new SynchronousQueue<>(), factory, (task, executor) -> {
					throw new RejectedExecutionException(
							"All " + max + " threads of " + name + " are busy with attempts (or it is closed)");
				});
		return pool;
	}

	private static ThreadFactory virtualFactory(String name) {
		if (VIRTUAL_BUILDER == null) {
			return null;
		}
		try {
			Object builder = VIRTUAL_BUILDER.invoke();
			builder = BUILDER_NAME.invoke(builder, name);
			return (ThreadFactory) BUILDER_FACTORY.invoke(builder);
		}
		catch (Throwable ex) {
			return null;
		}
	}

	private static MethodHandle virtualHandle(String method) {
		try {
			MethodHandles.Lookup lookup = MethodHandles.publicLookup();
			Class<?> builder = Class.forName("java.lang.Thread$Builder");
			return switch (method) {
				case "ofVirtual" -> lookup.findStatic(Thread.class, "ofVirtual",
						MethodType.methodType(Class.forName("java.lang.Thread$Builder$OfVirtual")));
				case "name" -> lookup.findVirtual(builder, "name", MethodType.methodType(builder, String.class));
				default -> lookup.findVirtual(builder, "factory", MethodType.methodType(ThreadFactory.class));
			};
		}
		catch (ReflectiveOperationException | LinkageError ex) {
			// Before Java 21: no virtual threads.
			return null;
		}
	}

}
