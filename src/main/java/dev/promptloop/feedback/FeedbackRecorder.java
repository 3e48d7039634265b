package dev.promptloop.feedback;

import dev.promptloop.problem.ProblemException;
import dev.promptloop.render.RenderId;

import java.time.Clock;
import java.util.UUID;
import java.util.regex.Pattern;

/** Validates feedback on a render and stores it with the render's prompt and version. */
public class FeedbackRecorder {

    public static final int MAX_CRITIQUE_CHARS = 2_000;
    public static final int MAX_TAGS = 10;
    public static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");
    /** Ratings at or below this count as negative. */
    public static final int NEGATIVE_RATING = 2;

    private final FeedbackRepository feedback;
    private final Clock clock;

    public FeedbackRecorder(FeedbackRepository feedback, Clock clock) {
        this.feedback = feedback;
        this.clock = clock;
    }

    /** Stores the feedback in one conditional write that also checks the render exists and has not expired. */
    public Feedback record(FeedbackInput input) {
        validate(input);
        var render = RenderId.parse(input.renderId()).orElseThrow(() -> renderNotFound(input));
        var now = clock.instant();
        var item = new Feedback(UUID.randomUUID().toString(), render.promptId(), render.version(), input.renderId(),
                Feedback.Source.USER, input.rating(), input.thumb(), input.critique().map(String::strip), input.tags(),
                isNegative(input), now);
        if (!feedback.saveIfRenderLive(item, now)) {
            throw renderNotFound(input);
        }
        return item;
    }

    private static ProblemException renderNotFound(FeedbackInput input) {
        return ProblemException.notFound("render-not-found",
                "no render '" + ProblemException.excerpt(String.valueOf(input.renderId())) + "' (unknown or expired)");
    }

    /**
     * A low rating or a thumbs down is negative. A critique with no rating or thumb is negative too: people write
     * critiques about what went wrong. A critique beside a good rating or a thumbs up is praise, not a complaint.
     */
    public static boolean isNegative(FeedbackInput input) {
        boolean lowRating = input.rating().map(r -> r <= NEGATIVE_RATING).orElse(false);
        boolean thumbDown = input.thumb().map(t -> t == Thumb.DOWN).orElse(false);
        boolean bareCritique = input.critique().isPresent() && input.rating().isEmpty() && input.thumb().isEmpty();
        return lowRating || thumbDown || bareCritique;
    }

    private static void validate(FeedbackInput input) {
        if (input.rating().isEmpty() && input.thumb().isEmpty() && input.critique().isEmpty()) {
            throw ProblemException.unprocessable("empty-feedback", "give at least one of rating, thumb or critique");
        }
        input.rating().ifPresent(r -> {
            if (r < 1 || r > 5) {
                throw ProblemException.unprocessable("invalid-rating", "rating must be an integer from 1 to 5, got " + r);
            }
        });
        input.critique().ifPresent(c -> {
            if (c.isBlank()) {
                throw ProblemException.unprocessable("invalid-critique", "critique must not be blank");
            }
            if (c.length() > MAX_CRITIQUE_CHARS) {
                throw ProblemException.tooLarge("critique-too-large",
                        "critique has " + c.length() + " characters; the limit is " + MAX_CRITIQUE_CHARS);
            }
        });
        if (input.tags().size() > MAX_TAGS) {
            throw ProblemException.tooLarge("too-many-tags", input.tags().size() + " tags; the limit is " + MAX_TAGS);
        }
        for (String tag : input.tags()) {
            if (!TAG.matcher(tag).matches()) {
                throw ProblemException.unprocessable("invalid-tag",
                        "tag '" + ProblemException.excerpt(tag) + "' must match " + TAG.pattern());
            }
        }
    }
}
