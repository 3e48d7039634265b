package dev.promptloop.store;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

import static dev.promptloop.store.TableSchemas.PROMPT_PK;
import static dev.promptloop.store.TableSchemas.PROMPT_SK;

/**
 * The prompts table's keys: one partition per prompt, holding its {@code HEAD} ({@link HeadItems}) and its
 * immutable versions {@code V#0000000001}... ({@link VersionItems}).
 */
final class PromptItems {

    static final String HEAD = "HEAD";
    static final String VERSION_PREFIX = "V#";

    private PromptItems() {
    }

    static Map<String, AttributeValue> key(String promptId, String sortKey) {
        return Map.of(PROMPT_PK, AttributeValue.fromS(promptId), PROMPT_SK, AttributeValue.fromS(sortKey));
    }

    /** Zero-padded so the sort key orders versions numerically. */
    static String versionKey(int version) {
        return VERSION_PREFIX + String.format("%010d", version);
    }
}
