package kotlin.coroutines;

/** Stands in for Kotlin's type in tests: a suspend function's last parameter is one. */
public interface Continuation<T> {

}
