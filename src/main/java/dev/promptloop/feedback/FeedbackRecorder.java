package dev.promptloop.feedback;

import dev.promptloop.core.NotFoundException;
import dev.promptloop.core.RenderId;
import dev.promptloop.core.Texts;
import dev.promptloop.core.Voters;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** Stores feedback on a render with the render's prompt and version, and says whether it counts as negative. */
public class FeedbackRecorder {

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
        var render = RenderId.parse(input.renderId()).orElseThrow(() -> renderNotFound(input));
        var now = clock.instant();
        var item = new Feedback(UUID.randomUUID().toString(), render.promptId(), render.version(), input.renderId(),
                Feedback.Source.USER, input.rating(), input.thumb(), input.critique().map(String::strip), input.tags(),
                isNegative(input), now, render.voter().or(() -> input.caller().map(Voters::of)), List.of());
        if (!feedback.saveIfRenderLive(item, now)) {
            throw renderNotFound(input);
        }
        return item;
    }

    private static NotFoundException renderNotFound(FeedbackInput input) {
        return new NotFoundException("render-not-found",
                "no render '" + Texts.excerpt(String.valueOf(input.renderId())) + "' (unknown or expired)");
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
}
