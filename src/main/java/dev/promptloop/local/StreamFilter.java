package dev.promptloop.local;

import dev.promptloop.store.TableSchemas;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;

import java.util.function.Predicate;

/**
 * The filter criteria of the refine function's two event source mappings in infra/template.yaml, as the pattern the
 * template carries (TemplateContractTest keeps them equal) and as local mode applies it to a record.
 */
public enum StreamFilter {

    /** The feedback table: every insert is a new critique or rating. */
    FEEDBACK_INSERTS("{\"eventName\": [\"INSERT\"]}", record -> true),

    /** The prompts table: only the insert of a hand-written version that waits for the evaluation gate. */
    GATE_REQUESTS("{\"eventName\": [\"INSERT\"], \"dynamodb\": {\"NewImage\": {\"" + TableSchemas.PROMPT_AWAITS_GATE
            + "\": {\"BOOL\": [true]}}}}", record -> record.dynamodb() != null && record.dynamodb().hasNewImage()
            && Boolean.TRUE.equals(record.dynamodb().newImage().getOrDefault(TableSchemas.PROMPT_AWAITS_GATE,
                    AttributeValue.fromBool(false)).bool()));

    private final String pattern;
    private final Predicate<Record> newImage;

    StreamFilter(String pattern, Predicate<Record> newImage) {
        this.pattern = pattern;
        this.newImage = newImage;
    }

    /** The {@code FilterCriteria} pattern of the template's stream event. */
    public String pattern() {
        return pattern;
    }

    public boolean passes(Record record) {
        return record.eventName() == OperationType.INSERT && newImage.test(record);
    }
}
