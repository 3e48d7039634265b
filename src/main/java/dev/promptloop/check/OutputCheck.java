package dev.promptloop.check;

import dev.promptloop.core.Texts;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * A deterministic check of a model output, run on every executed render and on every evaluation case. Each check
 * says whether it passed and, when it failed, why, in words that can serve as a critique.
 */
public sealed interface OutputCheck permits OutputCheck.ContainsVariable, OutputCheck.Contains, OutputCheck.Matches,
        OutputCheck.Length, JsonOutputCheck {

    /** The wire name: {@code contains-variable}, {@code contains}, {@code regex}, {@code json}, ... */
    String type();

    CheckResult run(String output, Map<String, String> variables);

    /** The value of a named variable appears verbatim (the price, the logo URL). */
    record ContainsVariable(String variable) implements OutputCheck {
        public String type() {
            return "contains-variable";
        }

        public CheckResult run(String output, Map<String, String> variables) {
            String value = variables.get(variable);
            if (value == null) {
                return CheckResult.fail(type(), "the render has no variable `" + variable + "` to look for");
            }
            return output.contains(value) ? CheckResult.pass(type(), "contains the value of `" + variable + "`")
                    : CheckResult.fail(type(), "the output does not contain the value of `" + variable + "` ("
                            + quote(value) + ")");
        }
    }

    /** A fixed text appears (or, negated, never appears). */
    record Contains(String value, boolean negated) implements OutputCheck {
        public String type() {
            return negated ? "not-contains" : "contains";
        }

        public CheckResult run(String output, Map<String, String> variables) {
            boolean found = output.contains(value);
            if (found != negated) {
                return CheckResult.pass(type(), (negated ? "does not contain " : "contains ") + quote(value));
            }
            return CheckResult.fail(type(), negated ? "the output contains " + quote(value) + ", which it must not"
                    : "the output does not contain " + quote(value));
        }
    }

    /** A regular expression is found somewhere in the output (or, negated, nowhere). */
    record Matches(Pattern pattern, boolean negated) implements OutputCheck {
        public String type() {
            return negated ? "not-regex" : "regex";
        }

        public CheckResult run(String output, Map<String, String> variables) {
            boolean found = pattern.matcher(output).find();
            if (found != negated) {
                return CheckResult.pass(type(), (negated ? "does not match /" : "matches /") + pattern.pattern() + "/");
            }
            return CheckResult.fail(type(), negated ? "the output matches /" + pattern.pattern() + "/, which it must not"
                    : "the output does not match /" + pattern.pattern() + "/");
        }
    }

    /** A bound on the output's length in characters. */
    record Length(int limit, boolean maximum) implements OutputCheck {
        public String type() {
            return maximum ? "max-length" : "min-length";
        }

        public CheckResult run(String output, Map<String, String> variables) {
            int length = output.length();
            boolean passed = maximum ? length <= limit : length >= limit;
            return passed ? CheckResult.pass(type(), length + " characters")
                    : CheckResult.fail(type(), "the output has " + length + " characters; "
                            + (maximum ? "at most " : "at least ") + limit + " are allowed");
        }
    }

    private static String quote(String value) {
        return Texts.excerpt(value, 80);
    }
}
