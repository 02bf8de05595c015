package io.imagecheck.testing;

import io.imagecheck.inspect.InspectionContext;
import io.imagecheck.inspect.Inspector;
import io.imagecheck.inspect.InspectorResult;
import io.imagecheck.inspect.Rule;
import io.imagecheck.inspect.Severity;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A small inspector for tests of the scanner, policies and writers, until (and independently of) the
 * built-in inspectors: an id, one rule per rule id it reports, and a function from the context to its
 * result, which may throw to make an ERROR result.
 */
public final class FakeInspector implements Inspector {

  /** What the inspector does with a context. */
  @FunctionalInterface
  public interface Body {
    /**
     * Inspects.
     *
     * @param context the context
     * @return the result
     * @throws IOException to make an ERROR result
     */
    InspectorResult inspect(InspectionContext context) throws IOException;
  }

  private final String id;
  private final List<Rule> rules;
  private final Body body;

  private FakeInspector(String id, List<String> ruleIds, Body body) {
    this.id = id;
    this.rules = ruleIds.stream()
        .map(r -> new Rule(r, Severity.MEDIUM, "Test rule " + r, "A rule of a test inspector.", "None."))
        .toList();
    this.body = body;
  }

  /**
   * An inspector.
   *
   * @param id its id
   * @param ruleIds the rules it declares
   * @param body what it does
   * @return the inspector
   */
  public static FakeInspector of(String id, List<String> ruleIds, Body body) {
    return new FakeInspector(id, ruleIds, body);
  }

  /**
   * An inspector that finds nothing.
   *
   * @param id its id
   * @return the inspector
   */
  public static FakeInspector passing(String id) {
    return new FakeInspector(id, List.of(), c -> InspectorResult.of(id, Map.of(), List.of()));
  }

  /**
   * An inspector that throws.
   *
   * @param id its id
   * @param message the exception's message
   * @return the inspector
   */
  public static FakeInspector throwing(String id, String message) {
    return new FakeInspector(id, List.of(), c -> {
      throw new IOException(message);
    });
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String description() {
    return "Test inspector " + id + ".";
  }

  @Override
  public List<Rule> rules() {
    return rules;
  }

  @Override
  public InspectorResult inspect(InspectionContext context) throws IOException {
    return body.inspect(context);
  }
}
