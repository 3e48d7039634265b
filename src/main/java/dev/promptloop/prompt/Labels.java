package dev.promptloop.prompt;

import java.util.regex.Pattern;

/** Label names with a meaning of their own, and the shape every label name takes. */
public final class Labels {

    public static final String PRODUCTION = "production";
    public static final String CANDIDATE = "candidate";
    public static final String REJECTED = "rejected";
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    private Labels() {
    }
}
