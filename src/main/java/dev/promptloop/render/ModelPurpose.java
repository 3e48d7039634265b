package dev.promptloop.render;

/** Why the core calls the model; adapters may route, log or (the simulation) answer by it. */
public enum ModelPurpose {
    /** A user's prompt version, rendered for a caller or replayed by the evaluation gate. */
    RENDER,
    /** The optimizer, asked for rules that fix what critiques describe. */
    OPTIMIZE,
    /** The pairwise judge of the evaluation gate. */
    JUDGE
}
