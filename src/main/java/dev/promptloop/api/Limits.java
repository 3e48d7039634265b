package dev.promptloop.api;

import java.util.regex.Pattern;

/**
 * What one request may carry. Limits are the API's: the core and the stored items never apply them, so tightening
 * one refuses new requests without making anything stored unreadable.
 */
public final class Limits {

    /** Well under Lambda's 6 MB synchronous payload; every real request is a few KB. */
    public static final int MAX_BODY_BYTES = 256 * 1024;
    /** Keeps a version item far below DynamoDB's 400 KB item limit, with room for rules. */
    public static final int MAX_MESSAGE_CHARS = 32_000;
    public static final int MAX_PROTECTED_RULES = 20;
    public static final int MAX_PROTECTED_RULE_CHARS = 300;
    public static final int MAX_TOKENS = 32_768;
    public static final int MAX_VARIABLES = 50;
    public static final int MAX_VARIABLE_CHARS = 8_000;
    public static final int MAX_KEY_CHARS = 256;
    public static final int MAX_CRITIQUE_CHARS = 2_000;
    public static final int MAX_TAGS = 10;
    public static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");
    public static final int MAX_REASON_CHARS = 300;

    private Limits() {
    }
}
