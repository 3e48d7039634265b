package dev.promptloop.store;

import dev.promptloop.feedback.Feedback;
import dev.promptloop.feedback.Thumb;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static dev.promptloop.store.Attributes.integer;
import static dev.promptloop.store.Attributes.number;
import static dev.promptloop.store.Attributes.optionalInteger;
import static dev.promptloop.store.Attributes.optionalString;
import static dev.promptloop.store.Attributes.putIfPresent;
import static dev.promptloop.store.Attributes.string;
import static dev.promptloop.store.TableSchemas.FEEDBACK_PENDING;
import static dev.promptloop.store.TableSchemas.FEEDBACK_PK;
import static dev.promptloop.store.TableSchemas.FEEDBACK_SK;

/**
 * Maps feedback to and from items of the feedback table. The sort key starts with the creation time so one prompt's
 * feedback reads back in arrival order.
 */
public final class FeedbackItems {

    public static final String CONSUMED_BY = "consumedBy";
    /** The rejected versions a critique was tried in (see {@link Feedback#triedBy}). */
    static final String TRIED_BY = "triedBy";
    /** The rejected version after which a critique was parked, no longer pending. */
    public static final String UNRESOLVED_BY = "unresolvedBy";

    private FeedbackItems() {
    }

    /** The shape of every sort key {@link #sortKey} writes; positions handed back by callers must have it. */
    static final Pattern SORT_KEY = Pattern.compile(SortKeys.TIME_PATTERN + "#[A-Za-z0-9-]{1,64}");

    static String sortKey(Feedback feedback) {
        return SortKeys.TIME.format(feedback.createdAt()) + "#" + feedback.feedbackId();
    }

    static String pendingKey(String promptId, int version) {
        return promptId + "#" + version;
    }

    static Map<String, AttributeValue> key(Feedback feedback) {
        return Map.of(FEEDBACK_PK, AttributeValue.fromS(feedback.promptId()),
                FEEDBACK_SK, AttributeValue.fromS(sortKey(feedback)));
    }

    static Map<String, AttributeValue> item(Feedback feedback) {
        Map<String, AttributeValue> item = new HashMap<>(key(feedback));
        ItemFormat.stamp(item);
        item.put("feedbackId", AttributeValue.fromS(feedback.feedbackId()));
        item.put("version", number(feedback.version()));
        item.put("renderId", AttributeValue.fromS(feedback.renderId()));
        item.put("source", AttributeValue.fromS(feedback.source().wireName()));
        feedback.rating().ifPresent(r -> item.put("rating", number(r)));
        putIfPresent(item, "thumb", feedback.thumb().map(Thumb::wireName));
        putIfPresent(item, "critique", feedback.critique());
        if (!feedback.tags().isEmpty()) {
            item.put("tags", AttributeValue.fromL(feedback.tags().stream().map(AttributeValue::fromS).toList()));
        }
        item.put("negative", AttributeValue.fromBool(feedback.negative()));
        item.put("createdAt", AttributeValue.fromS(feedback.createdAt().toString()));
        feedback.voter().ifPresent(voter -> item.put("voter", AttributeValue.fromS(voter)));
        if (!feedback.triedBy().isEmpty()) {
            item.put(TRIED_BY, AttributeValue.fromL(feedback.triedBy().stream().map(Attributes::number).toList()));
        }
        if (feedback.negative()) {
            item.put(FEEDBACK_PENDING, AttributeValue.fromS(pendingKey(feedback.promptId(), feedback.version())));
        }
        return item;
    }

    /** Reads a stored item, leniently. */
    public static Feedback feedback(Map<String, AttributeValue> item) {
        List<String> tags = Attributes.strings(item, "tags");
        return new Feedback(string(item, "feedbackId"), string(item, FEEDBACK_PK), integer(item, "version", 0),
                string(item, "renderId"), Feedback.Source.fromWireName(optionalString(item, "source").orElse("user")),
                optionalInteger(item, "rating"), optionalString(item, "thumb").flatMap(Thumb::fromWireName),
                optionalString(item, "critique"), tags, Attributes.bool(item, "negative", false),
                Attributes.instant(item, "createdAt"), optionalString(item, "voter"), triedBy(item));
    }

    private static List<Integer> triedBy(Map<String, AttributeValue> item) {
        var tried = item.get(TRIED_BY);
        return tried == null || !tried.hasL() ? List.of()
                : tried.l().stream().filter(v -> v.n() != null).map(v -> Integer.parseInt(v.n())).toList();
    }
}
