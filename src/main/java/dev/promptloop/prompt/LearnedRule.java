package dev.promptloop.prompt;

import dev.promptloop.core.Digests;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One line of English learned from feedback, with its evidence.
 *
 * @param id stable for the rule's life, rewordings and merges included: made from the version that introduced it,
 *           its first text and when, so rules stored before ids existed get the same id every time they are read
 * @param text the imperative rule, one line
 * @param feedbackIds the feedback items it was learned from (a merged rule: those of every rule merged into it)
 * @param version the version that introduced it
 * @param createdAt when that version was created
 * @param edits the rewordings and merges, by people or refinement, oldest first
 * @param recurrences later negative feedback on the problem the rule is about (the optimizer named the rule): a
 *        rule that keeps recurring is one to reword, not to repeat; the newest {@link #MAX_RECURRENCES}
 * @param gates the evaluation gate's verdicts on the versions that added or changed the rule, oldest first; the
 *        newest {@link #MAX_GATES}
 */
public record LearnedRule(String id, String text, List<String> feedbackIds, int version, Instant createdAt,
        List<Edit> edits, List<String> recurrences, List<GateResult> gates) {

    /** The newest evidence kept per rule, so a rule that lives for months does not grow its version's item. */
    public static final int MAX_RECURRENCES = 50;
    public static final int MAX_GATES = 20;

    public LearnedRule {
        feedbackIds = List.copyOf(feedbackIds);
        edits = List.copyOf(edits);
        recurrences = List.copyOf(newest(recurrences, MAX_RECURRENCES));
        gates = List.copyOf(newest(gates, MAX_GATES));
    }

    /** A rule a refinement learned just now. */
    public static LearnedRule learned(String text, List<String> feedbackIds, int version, Instant createdAt) {
        return new LearnedRule(idOf(version, text, createdAt), text, feedbackIds, version, createdAt, List.of(),
                List.of(), List.of());
    }

    /**
     * Several rules as one, in new words: it keeps the first one's id and origin, and cites the union of their
     * feedback, edits, recurrences and verdicts; the merge is recorded as an edit.
     */
    public static LearnedRule merged(List<LearnedRule> parts, String text, List<String> recurring, int inVersion,
            String actor, Instant at) {
        LearnedRule first = parts.get(0);
        List<Edit> edits = new ArrayList<>(parts.stream().flatMap(p -> p.edits.stream()).toList());
        edits.add(new Edit(inVersion, "merged: " + String.join(" | ", parts.stream().map(LearnedRule::text)
                .toList()), actor, at));
        return new LearnedRule(first.id, text, union(parts.stream().map(LearnedRule::feedbackIds)), first.version,
                first.createdAt, edits, union(Stream.concat(parts.stream().map(LearnedRule::recurrences),
                        Stream.of(recurring))), parts.stream().flatMap(p -> p.gates.stream()).toList());
    }

    /** The id of a rule from what it was created with. */
    public static String idOf(int version, String firstText, Instant createdAt) {
        return "r" + Digests.sha256Hex(version + "\n" + firstText + "\n" + createdAt, 5);
    }

    /** The same rule, its provenance kept, in other words; the edit is recorded. */
    public LearnedRule reworded(String newText, int inVersion, String actor, Instant at) {
        List<Edit> more = new ArrayList<>(edits);
        more.add(new Edit(inVersion, text, actor, at));
        return new LearnedRule(id, newText, feedbackIds, version, createdAt, more, recurrences, gates);
    }

    /** The same rule, with later critiques of the problem it is about. */
    public LearnedRule recurredIn(List<String> feedback) {
        return new LearnedRule(id, text, feedbackIds, version, createdAt, edits,
                union(Stream.of(recurrences, feedback)), gates);
    }

    /** The same rule, with the gate's verdict on a version that added or changed it. */
    public LearnedRule gated(GateResult result) {
        List<GateResult> more = new ArrayList<>(gates);
        more.add(result);
        return new LearnedRule(id, text, feedbackIds, version, createdAt, edits, recurrences, more);
    }

    /** What the rule costs every render, estimated as a tokenizer would count English (about four characters). */
    public int tokens() {
        return (text.length() + 3) / 4;
    }

    private static <T> List<T> newest(List<T> oldestFirst, int most) {
        return oldestFirst.size() <= most ? oldestFirst : oldestFirst.subList(oldestFirst.size() - most,
                oldestFirst.size());
    }

    private static List<String> union(Stream<List<String>> lists) {
        return lists.flatMap(List::stream).distinct().toList();
    }

    /** A rewording or a merge: in which version, what the rule said before, who changed it and when. */
    public record Edit(int version, String previousText, String actor, Instant at) {
    }

    /** The gate's verdict on a version that added or changed a rule. */
    public record GateResult(int version, boolean passed, String reason) {
    }
}
