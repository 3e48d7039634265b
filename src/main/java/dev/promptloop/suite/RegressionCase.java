package dev.promptloop.suite;

import dev.promptloop.check.OutputCheck;
import dev.promptloop.core.Digests;
import dev.promptloop.feedback.Feedback;
import dev.promptloop.render.Render;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One case of a prompt's regression suite: inputs the gate replays long after their render expired, with what is
 * expected of an output for them.
 *
 * @param caseId the kind's letter and a digest of the inputs, so near-duplicate inputs of one kind share one case
 * @param output the output the case was made from: the criticised one (fixed), the well-rated one (keep)
 * @param critiques what people said was wrong with {@code output}; the judge scores against them
 * @param feedbackIds the feedback the case was made from
 * @param version the version whose output it was, or production when the owner posted it
 * @param learnedBy the version that learned from the case's critiques (fixed cases)
 * @param checks checks the owner asked of every output for these inputs, beside the version's own
 * @param note what the owner expects of an output, in words, for the judge
 * @param author who posted it, or {@link dev.promptloop.prompt.HistoryEntry#REFINEMENT}
 */
public record RegressionCase(String caseId, Kind kind, Map<String, String> variables, Optional<String> output,
        List<String> critiques, List<String> feedbackIds, int version, Optional<Integer> learnedBy,
        List<OutputCheck> checks, Optional<String> note, String author, Instant createdAt) {

    /**
     * Bounds what one case holds, so the transaction that stores a refinement's cases stays far below DynamoDB's
     * 400 KB per item and 4 MB per transaction: a longer output is kept by its start (the gate runs the inputs
     * again; the output is for people to read), and inputs larger than this are not kept as a case at all.
     */
    public static final int MAX_OUTPUT_CHARS = 8_000;
    public static final int MAX_INPUT_CHARS = 64_000;
    private static final int ID_DIGEST_BYTES = 8;
    private static final Pattern ID = Pattern.compile("[fko]-[0-9a-f]{16}");

    public RegressionCase {
        variables = Map.copyOf(variables);
        critiques = List.copyOf(critiques);
        feedbackIds = List.copyOf(feedbackIds);
        checks = List.copyOf(checks);
    }

    public enum Kind {
        /** Negative feedback a version learned from: that version fixed it, later ones must not undo the fix. */
        FIXED("fixed", 'f'),
        /** A render people rated well: later versions must not do worse on it. */
        KEEP("keep", 'k'),
        /** Posted by the owner with checks or a note. */
        OWNER("owner", 'o');

        private final String wireName;
        private final char letter;

        Kind(String wireName, char letter) {
            this.wireName = wireName;
            this.letter = letter;
        }

        public String wireName() {
            return wireName;
        }

        public static Optional<Kind> fromWireName(String name) {
            for (Kind kind : values()) {
                if (kind.wireName.equals(name)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    /** The render behind consumed critiques, as a case of the version that learned from them. */
    public static RegressionCase fixed(Render render, List<Feedback> feedback, int learnedBy, String author,
            Instant now) {
        return new RegressionCase(id(Kind.FIXED, render.variables()), Kind.FIXED, render.variables(),
                bounded(render.output()), feedback.stream().flatMap(f -> f.critique().stream()).distinct().toList(),
                feedback.stream().map(Feedback::feedbackId).toList(), render.version(), Optional.of(learnedBy),
                List.of(), Optional.empty(), author, now);
    }

    /** A render people rated well, kept so that later versions are held to it. */
    public static RegressionCase keep(Render render, String author, Instant now) {
        return new RegressionCase(id(Kind.KEEP, render.variables()), Kind.KEEP, render.variables(),
                bounded(render.output()), List.of(), List.of(), render.version(), Optional.empty(), List.of(),
                Optional.empty(), author, now);
    }

    /** A case the owner posted: inputs with checks, a note for the judge, or both. */
    public static RegressionCase owner(Map<String, String> variables, List<OutputCheck> checks, Optional<String> note,
            int production, String author, Instant now) {
        return new RegressionCase(id(Kind.OWNER, variables), Kind.OWNER, variables, Optional.empty(), List.of(),
                List.of(), production, Optional.empty(), checks, note, author, now);
    }

    /** This case, having also learned from another's critiques on near-duplicate inputs. */
    public RegressionCase alsoFrom(RegressionCase other) {
        return new RegressionCase(caseId, kind, variables, output, union(critiques, other.critiques),
                union(feedbackIds, other.feedbackIds), version, learnedBy, checks, note, author, createdAt);
    }

    private static List<String> union(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).distinct().toList();
    }

    /** Whether inputs are small enough to be kept as a case. */
    public static boolean keepable(Map<String, String> variables) {
        return variables.entrySet().stream().mapToInt(e -> e.getKey().length() + e.getValue().length()).sum()
                <= MAX_INPUT_CHARS;
    }

    private static Optional<String> bounded(Optional<String> output) {
        return output.map(o -> o.length() <= MAX_OUTPUT_CHARS ? o : o.substring(0, MAX_OUTPUT_CHARS));
    }

    /** The same inputs as another kind of case would have them. */
    public static String id(Kind kind, Map<String, String> variables) {
        return kind.letter + "-" + Digests.sha256Hex(inputKey(variables), ID_DIGEST_BYTES);
    }

    /** Whether a text has the shape of a case id (unknown ids are then simply not found). */
    public static boolean isId(String text) {
        return text != null && ID.matcher(text).matches();
    }

    /** What the judge reads beside the critiques being learned from. */
    public List<String> rubric() {
        return note.isPresent() ? List.of(note.get()) : critiques;
    }

    /**
     * Inputs as the suite compares them: names sorted, values lower-cased with every run of other characters than
     * letters and digits as one space, so inputs that differ only in case, spacing or punctuation are one case.
     */
    public static String inputKey(Map<String, String> variables) {
        return new TreeMap<>(variables).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N}]+", " ").strip())
                .collect(Collectors.joining("\n"));
    }
}
