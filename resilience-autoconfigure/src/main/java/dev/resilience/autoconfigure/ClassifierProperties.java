package dev.resilience.autoconfigure;

import java.util.ArrayList;
import java.util.List;

/** {@code classifier.*} keys of a policy: fully qualified exception class names. */
public class ClassifierProperties {

	/**
	 * Exception classes always treated as transient (retried); subclasses and causes match,
	 * nested classes written Outer$Inner.
	 */
	private List<String> retryOn = new ArrayList<>();

	/**
	 * Exception classes always treated as permanent (not retried, not a breaker failure).
	 */
	private List<String> abortOn = new ArrayList<>();

	/**
	 * Exception classes that are business outcomes: neither retried nor recorded by the
	 * circuit breaker.
	 */
	private List<String> ignore = new ArrayList<>();

	public List<String> getRetryOn() {
		return this.retryOn;
	}

	public void setRetryOn(List<String> retryOn) {
		this.retryOn = retryOn;
	}

	public List<String> getAbortOn() {
		return this.abortOn;
	}

	public void setAbortOn(List<String> abortOn) {
		this.abortOn = abortOn;
	}

	public List<String> getIgnore() {
		return this.ignore;
	}

	public void setIgnore(List<String> ignore) {
		this.ignore = ignore;
	}

}
