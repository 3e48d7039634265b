package dev.promptloop.core;

import java.util.regex.Pattern;

/** The one shape of a prompt id: a slug, so it is safe in keys, paths, render ids and log lines. */
public final class PromptId {

    public static final Pattern PATTERN = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private PromptId() {
    }

    public static boolean isValid(String id) {
        return id != null && PATTERN.matcher(id).matches();
    }
}
