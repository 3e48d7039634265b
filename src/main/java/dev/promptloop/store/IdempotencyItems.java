package dev.promptloop.store;

import dev.promptloop.idempotency.IdempotencyRecords.Existing;
import dev.promptloop.idempotency.IdempotencyRecords.StoredResponse;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;
import java.util.Optional;

/** Reads an idempotency record: the request's hash and, once the request completed, its first response. */
final class IdempotencyItems {

    static final String COMPLETED = "completed";
    static final String IN_PROGRESS = "in-progress";

    private IdempotencyItems() {
    }

    static Existing existing(Map<String, AttributeValue> item) {
        Optional<StoredResponse> response = COMPLETED.equals(Attributes.string(item, "state"))
                ? Optional.of(new StoredResponse(Attributes.integer(item, "status", 500),
                        Attributes.string(item, "contentType"), Attributes.string(item, "body")))
                : Optional.empty();
        return new Existing(Attributes.string(item, "hash"), response);
    }
}
