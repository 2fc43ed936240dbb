package dev.resilience.classify;

import org.springframework.util.ClassUtils;

/**
 * Class checks by name, for types whose library may be absent at run time (Spring's
 * {@code spring-tx}, Jakarta WebSocket, the {@code java.net.http} module): no compile or link
 * dependency on them.
 */
final class TypeNames {

	private TypeNames() {
	}

	/** Whether {@code type} is the named class or extends it. */
	static boolean isSubclassOf(Class<?> type, String className) {
		for (Class<?> current = type; current != null; current = current.getSuperclass()) {
			if (current.getName().equals(className)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Short name for logs: the simple name; {@code "Outer lambda"} for a lambda (a classifier
	 * bean is often one); the full name for an anonymous class.
	 */
	static String shortName(Class<?> type) {
		String name = type.getName();
		int lambda = name.indexOf("$$Lambda");
		if (lambda >= 0) {
			return ClassUtils.getShortName(name.substring(0, lambda)) + " lambda";
		}
		String simpleName = type.getSimpleName();
		return simpleName.isEmpty() ? name : simpleName;
	}

}
