package io.reactivex.rxjava3.core;

/** Stands in for RxJava's type in tests. */
public abstract class Single<T> {

}
