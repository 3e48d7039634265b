package dev.promptloop.handler;

import java.util.List;

/** The four handlers' names: the {@code @Named} beans, chosen per function by {@code QUARKUS_LAMBDA_HANDLER}. */
public final class HandlerNames {

    public static final String PROMPTS = "prompts";
    public static final String RENDER = "render";
    public static final String FEEDBACK = "feedback";
    public static final String REFINE = "refine";
    public static final List<String> ALL = List.of(PROMPTS, RENDER, FEEDBACK, REFINE);

    private HandlerNames() {
    }
}
