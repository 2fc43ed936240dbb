package dev.resilience.aop;

import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;

import org.springframework.util.ClassUtils;

/**
 * How a {@code @Resilient} method delivers its outcome, decided once when its bean is proxied:
 * by returning (or throwing), or asynchronously through a type the starter follows to its
 * outcome. Any other asynchronous type is refused at startup: it would be left unprotected.
 */
enum ReturnKind {

	/** A plain return value or a throw. */
	BLOCKING,

	/** {@code CompletionStage} or {@code CompletableFuture}. */
	FUTURE,

	/** Reactor's {@code Mono}. */
	MONO,

	/** Reactor's {@code Flux}. */
	FLUX;

	static final String SUPPORTED = "CompletableFuture, CompletionStage, and Reactor's Mono and Flux";

	private static final String MONO_CLASS = "reactor.core.publisher.Mono";

	private static final String FLUX_CLASS = "reactor.core.publisher.Flux";

	private static final String PUBLISHER_CLASS = "org.reactivestreams.Publisher";

	private static final String CONTINUATION_CLASS = "kotlin.coroutines.Continuation";

	/**
	 * @throws UnsupportedReturnTypeException for an asynchronous type the starter cannot follow
	 */
	static ReturnKind of(Method method, Class<?> targetClass) {
		Class<?> type = method.getReturnType();
		if (type == CompletableFuture.class || type == CompletionStage.class) {
			return FUTURE;
		}
		String name = type.getName();
		if (name.equals(MONO_CLASS)) {
			return MONO;
		}
		if (name.equals(FLUX_CLASS)) {
			return FLUX;
		}
		String unsupported = unsupported(method, type);
		if (unsupported != null) {
			throw new UnsupportedReturnTypeException(method, targetClass, unsupported);
		}
		return BLOCKING;
	}

	/** What makes the method asynchronous in a way the starter cannot follow, or {@code null}. */
	private static String unsupported(Method method, Class<?> type) {
		Class<?>[] parameters = method.getParameterTypes();
		if (parameters.length > 0 && parameters[parameters.length - 1].getName().equals(CONTINUATION_CLASS)) {
			return "is a Kotlin suspend function";
		}
		if (CompletionStage.class.isAssignableFrom(type) || Future.class.isAssignableFrom(type)
				|| Flow.Publisher.class.isAssignableFrom(type) || implementsByName(type, PUBLISHER_CLASS)
				|| isRxJava(type.getName())) {
			return "returns " + type.getSimpleName() + ", an asynchronous type";
		}
		return null;
	}

	private static boolean isRxJava(String name) {
		return name.startsWith("io.reactivex.") || name.startsWith("rx.");
	}

	/** Without loading the interface: Reactive Streams may be absent. */
	private static boolean implementsByName(Class<?> type, String interfaceName) {
		for (Class<?> candidate = type; candidate != null; candidate = candidate.getSuperclass()) {
			if (candidate.getName().equals(interfaceName)) {
				return true;
			}
			for (Class<?> implemented : ClassUtils.getAllInterfacesForClassAsSet(candidate)) {
				if (implemented.getName().equals(interfaceName)) {
					return true;
				}
			}
		}
		return false;
	}

}
