package dev.promptloop.check;

/** The outcome of one output check: pass or fail, and why. */
public record CheckResult(String type, boolean passed, String detail) {

    public static CheckResult pass(String type, String detail) {
        return new CheckResult(type, true, detail);
    }

    public static CheckResult fail(String type, String detail) {
        return new CheckResult(type, false, detail);
    }
}
