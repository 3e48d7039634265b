package dev.promptloop.store;

import dev.promptloop.idempotency.IdempotencyRecords;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static dev.promptloop.store.TableSchemas.IDEMPOTENCY_PK;
import static dev.promptloop.store.TableSchemas.IDEMPOTENCY_TTL;

/**
 * Idempotency keys on conditional writes: a claim succeeds when the key is new, expired, or held by a request that
 * has been in progress for longer than a function may run (its container died).
 */
@StorageBoundary
@ApplicationScoped
public class DynamoIdempotencyStore implements IdempotencyRecords {

    static final Duration KEEP = Duration.ofHours(24);

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoIdempotencyStore(DynamoDbClient dynamo, TableNames tables, Clock clock) {
        this.dynamo = dynamo;
        this.table = tables.idempotency();
        this.clock = clock;
    }

    @Override
    public Optional<Existing> claim(String key, String requestHash, Duration lock) {
        long now = clock.instant().getEpochSecond();
        try {
            dynamo.putItem(p -> p.tableName(table)
                    .item(Map.of(IDEMPOTENCY_PK, AttributeValue.fromS(key), "hash", AttributeValue.fromS(requestHash),
                            "state", AttributeValue.fromS(IdempotencyItems.IN_PROGRESS),
                            "lockedUntil", Attributes.number(now + Math.max(1, (lock.toMillis() + 999) / 1000)),
                            IDEMPOTENCY_TTL, Attributes.number(now + KEEP.toSeconds()),
                            ItemFormat.ATTRIBUTE, Attributes.number(ItemFormat.CURRENT)))
                    .conditionExpression("attribute_not_exists(#pk) OR #ttl < :now OR "
                            + "(#state = :inProgress AND #lockedUntil < :now)")
                    .expressionAttributeNames(Map.of("#pk", IDEMPOTENCY_PK, "#ttl", IDEMPOTENCY_TTL,
                            "#state", "state", "#lockedUntil", "lockedUntil"))
                    .expressionAttributeValues(Map.of(":now", Attributes.number(now),
                            ":inProgress", AttributeValue.fromS(IdempotencyItems.IN_PROGRESS))));
            return Optional.empty();
        } catch (ConditionalCheckFailedException e) {
            var item = dynamo.getItem(g -> g.tableName(table).key(Map.of(IDEMPOTENCY_PK, AttributeValue.fromS(key)))
                    .consistentRead(true)).item();
            if (item == null || item.isEmpty()) {
                return claim(key, requestHash, lock);
            }
            return Optional.of(IdempotencyItems.existing(item));
        }
    }

    @Override
    public void complete(String key, StoredResponse response) {
        dynamo.updateItem(u -> u.tableName(table).key(Map.of(IDEMPOTENCY_PK, AttributeValue.fromS(key)))
                .updateExpression("SET #state = :completed, #status = :status, #contentType = :contentType, "
                        + "#body = :body REMOVE #lockedUntil")
                .expressionAttributeNames(Map.of("#state", "state", "#status", "status",
                        "#contentType", "contentType", "#body", "body", "#lockedUntil", "lockedUntil"))
                .expressionAttributeValues(Map.of(":completed", AttributeValue.fromS(IdempotencyItems.COMPLETED),
                        ":status", Attributes.number(response.status()),
                        ":contentType", AttributeValue.fromS(response.contentType()),
                        ":body", AttributeValue.fromS(response.body()))));
    }

    @Override
    public void release(String key) {
        dynamo.deleteItem(d -> d.tableName(table).key(Map.of(IDEMPOTENCY_PK, AttributeValue.fromS(key))));
    }
}
