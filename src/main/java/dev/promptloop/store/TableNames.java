package dev.promptloop.store;

import io.smallrye.config.ConfigMapping;

/**
 * Table names; on AWS they come from the template through {@code PROMPTS_TABLE}, {@code RENDERS_TABLE},
 * {@code FEEDBACK_TABLE} and {@code IDEMPOTENCY_TABLE}.
 */
@ConfigMapping(prefix = "promptloop.tables")
public interface TableNames {

    String prompts();

    String renders();

    String feedback();

    String idempotency();
}
