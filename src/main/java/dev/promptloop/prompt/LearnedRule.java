package dev.promptloop.prompt;

import dev.promptloop.core.Digests;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of English learned from feedback.
 *
 * @param id stable for the rule's life, rewordings included: made from the version that introduced it, its first
 *           text and when, so rules stored before ids existed get the same id every time they are read
 * @param text the imperative rule, one line
 * @param feedbackIds the feedback items it was learned from
 * @param version the version that introduced it
 * @param createdAt when that version was created
 * @param edits the rewordings people made, oldest first
 */
public record LearnedRule(String id, String text, List<String> feedbackIds, int version, Instant createdAt,
        List<Edit> edits) {

    public LearnedRule {
        feedbackIds = List.copyOf(feedbackIds);
        edits = List.copyOf(edits);
    }

    /** A rule a refinement learned just now. */
    public static LearnedRule learned(String text, List<String> feedbackIds, int version, Instant createdAt) {
        return new LearnedRule(idOf(version, text, createdAt), text, feedbackIds, version, createdAt, List.of());
    }

    /** The id of a rule from what it was created with. */
    public static String idOf(int version, String firstText, Instant createdAt) {
        return "r" + Digests.sha256Hex(version + "\n" + firstText + "\n" + createdAt, 5);
    }

    /** The same rule, its provenance kept, in other words; the edit is recorded. */
    public LearnedRule reworded(String newText, int inVersion, String actor, Instant at) {
        List<Edit> more = new ArrayList<>(edits);
        more.add(new Edit(inVersion, text, actor, at));
        return new LearnedRule(id, newText, feedbackIds, version, createdAt, more);
    }

    /** A rewording: in which version, what the rule said before, who changed it and when. */
    public record Edit(int version, String previousText, String actor, Instant at) {
    }
}
