package dev.promptloop.api;

import dev.promptloop.core.PageRequest;
import dev.promptloop.core.Texts;
import dev.promptloop.feedback.FeedbackQuery;
import dev.promptloop.prompt.HistoryKind;
import dev.promptloop.prompt.HistoryQuery;
import dev.promptloop.prompt.PromptQuery;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The query parameters of the list routes, read in one pass: {@code limit} (1 to {@link #MAX_LIMIT}, default
 * {@link #DEFAULT_LIMIT}), {@code cursor} (from the {@code next} of the page before), and each route's filters.
 * Any other parameter is a 400.
 */
public final class ListQueries {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    private static final Set<String> PAGING = Set.of("limit", "cursor");

    private ListQueries() {
    }

    /** The prompts, by id, optionally those with one {@code tag}. */
    public static PromptQuery prompts(Map<String, String> query) {
        onlyKnown(query, Set.of("limit", "cursor", "tag"));
        var tag = Optional.ofNullable(query.get("tag")).map(t -> Tags.requireValid(List.of(t)).get(0));
        return new PromptQuery(tag, page(query, promptsScope(tag)));
    }

    /** A cursor of the prompts with one tag serves only that filter. */
    public static String promptsScope(Optional<String> tag) {
        return "prompts" + tag.map(t -> "?tag=" + t).orElse("");
    }

    /**
     * A prompt's feedback, newest first: {@code status} pending, consumed, unresolved or all (default), of one
     * {@code version}.
     */
    public static FeedbackQuery feedback(String promptId, Map<String, String> query) {
        onlyKnown(query, Set.of("limit", "cursor", "status", "version"));
        var status = Optional.ofNullable(query.get("status")).map(name -> FeedbackQuery.Status.fromWireName(name)
                .orElseThrow(() -> ProblemException.badRequest("invalid-parameter",
                        "status must be pending, consumed, unresolved or all"))).orElse(FeedbackQuery.Status.ALL);
        var version = Optional.ofNullable(query.get("version")).map(text -> {
            if (!text.matches("[1-9][0-9]{0,8}")) {
                throw ProblemException.badRequest("invalid-parameter", "version must be a positive whole number");
            }
            return Integer.parseInt(text);
        });
        return new FeedbackQuery(status, version, page(query, feedbackScope(promptId, status, version)));
    }

    /** A cursor of filtered feedback serves only those filters. */
    public static String feedbackScope(String promptId, FeedbackQuery.Status status, Optional<Integer> version) {
        return "feedback/" + promptId + "?status=" + status.wireName() + version.map(v -> "&version=" + v).orElse("");
    }

    /** The version a diff compares with: {@code against}, or none (the version's parent). */
    public static Optional<Integer> against(String promptId, Map<String, String> query) {
        onlyKnown(query, Set.of("against"));
        return Optional.ofNullable(query.get("against")).map(text -> PromptRequests.versionNumber(promptId, text));
    }

    /** A prompt's versions, newest first. */
    public static PageRequest versions(String promptId, Map<String, String> query) {
        return paging(query, versionsScope(promptId));
    }

    /** A prompt's history, newest first, optionally of one {@code kind} of event. */
    public static HistoryQuery history(String promptId, Map<String, String> query) {
        onlyKnown(query, Set.of("limit", "cursor", "kind"));
        var kind = Optional.ofNullable(query.get("kind")).map(name -> HistoryKind.fromWireName(name)
                .orElseThrow(() -> ProblemException.badRequest("invalid-parameter", "kind must be one of "
                        + Arrays.stream(HistoryKind.values()).map(HistoryKind::wireName)
                        .collect(Collectors.joining(", ")))));
        return new HistoryQuery(kind, page(query, historyScope(promptId, kind)));
    }

    public static String versionsScope(String promptId) {
        return "versions/" + promptId;
    }

    /** A cursor of the history filtered by kind serves only that filter. */
    public static String historyScope(String promptId, Optional<HistoryKind> kind) {
        return "history/" + promptId + kind.map(k -> "?kind=" + k.wireName()).orElse("");
    }

    /** A page of a list that takes no filter, its cursor serving only {@code scope}. */
    static PageRequest paging(Map<String, String> query, String scope) {
        onlyKnown(query, PAGING);
        return page(query, scope);
    }

    private static PageRequest page(Map<String, String> query, String scope) {
        int limit = DEFAULT_LIMIT;
        String text = query.get("limit");
        if (text != null) {
            try {
                limit = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                limit = 0;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw ProblemException.badRequest("invalid-parameter", "limit must be a whole number from 1 to "
                        + MAX_LIMIT + ", not '" + Texts.excerpt(text) + "'");
            }
        }
        return new PageRequest(limit, Cursors.decode(scope, Optional.ofNullable(query.get("cursor"))));
    }

    private static void onlyKnown(Map<String, String> query, Set<String> known) {
        var unknown = new TreeSet<>(query.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw ProblemException.badRequest("unknown-parameter", "unknown query parameter(s): "
                    + unknown.stream().map(Texts::excerpt).collect(Collectors.joining(", "))
                    + "; known: " + String.join(", ", new TreeSet<>(known)));
        }
    }
}
