package dev.promptloop.store;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

import static dev.promptloop.store.TableSchemas.PROMPT_PK;
import static dev.promptloop.store.TableSchemas.PROMPT_SK;

/**
 * The prompts table's keys: one partition per prompt, holding its {@code HEAD} ({@link HeadItems}), its immutable
 * versions {@code V#0000000001}... ({@link VersionItems}), its history events {@code H#<time>#<id>}
 * ({@link HistoryItems}), a mark {@code R#0000000003} for each version that was rolled back
 * ({@link RollbackMarks}) and its regression suite {@code C#<caseId>} ({@link CaseItems}).
 */
final class PromptItems {

    static final String HEAD = "HEAD";
    static final String VERSION_PREFIX = "V#";
    static final String HISTORY_PREFIX = "H#";
    static final String ROLLBACK_PREFIX = "R#";

    private PromptItems() {
    }

    static Map<String, AttributeValue> key(String promptId, String sortKey) {
        return Map.of(PROMPT_PK, AttributeValue.fromS(promptId), PROMPT_SK, AttributeValue.fromS(sortKey));
    }

    static String versionKey(int version) {
        return VERSION_PREFIX + SortKeys.version(version);
    }
}
