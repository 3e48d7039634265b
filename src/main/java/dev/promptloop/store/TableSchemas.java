package dev.promptloop.store;

import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

import java.util.List;

/**
 * The four tables as {@code infra/template.yaml} defines them, for local mode and tests (a test checks the two
 * agree). Attribute and index names are shared with the item mappers.
 */
public final class TableSchemas {

    public static final String PROMPT_PK = "pk";
    public static final String PROMPT_SK = "sk";
    /**
     * Marks the item of a hand-written version that waits for the evaluation gate: its insert is what the refine
     * function's event source mapping on the prompts table's stream lets through.
     */
    public static final String PROMPT_AWAITS_GATE = "awaitsGate";
    /**
     * The prompts table inverted (sort key as partition key): its {@code HEAD} partition lists every prompt by id,
     * with what a listing shows; other sort keys make partitions nobody reads.
     */
    public static final String PROMPT_HEADS_INDEX = "heads-index";
    public static final List<String> PROMPT_HEADS_INDEX_ATTRIBUTES = List.of("labels", "latestVersion",
            "description", "tags", "archived", "createdAt", "updatedAt");
    public static final String RENDER_PK = "renderId";
    public static final String RENDER_TTL = "expiresAt";
    public static final String FEEDBACK_PK = "promptId";
    public static final String FEEDBACK_SK = "sk";
    /** Set only on negative feedback no refinement has consumed: the index holds exactly the pending work. */
    public static final String FEEDBACK_PENDING = "pending";
    public static final String FEEDBACK_PENDING_INDEX = "pending-index";
    public static final String IDEMPOTENCY_PK = "key";
    public static final String IDEMPOTENCY_TTL = "expiresAt";

    private TableSchemas() {
    }

    public static List<CreateTableRequest> all(TableNames names) {
        return List.of(prompts(names.prompts()), renders(names.renders()), feedback(names.feedback()),
                idempotency(names.idempotency()));
    }

    public static CreateTableRequest prompts(String name) {
        return CreateTableRequest.builder().tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(string(PROMPT_PK), string(PROMPT_SK))
                .keySchema(key(PROMPT_PK, KeyType.HASH), key(PROMPT_SK, KeyType.RANGE))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName(PROMPT_HEADS_INDEX)
                        .keySchema(key(PROMPT_SK, KeyType.HASH), key(PROMPT_PK, KeyType.RANGE))
                        .projection(Projection.builder().projectionType(ProjectionType.INCLUDE)
                                .nonKeyAttributes(PROMPT_HEADS_INDEX_ATTRIBUTES).build())
                        .build())
                // the refine function reads it for versions that wait for the evaluation gate
                .streamSpecification(StreamSpecification.builder().streamEnabled(true)
                        .streamViewType(StreamViewType.NEW_IMAGE).build())
                .build();
    }

    public static CreateTableRequest renders(String name) {
        return CreateTableRequest.builder().tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(string(RENDER_PK))
                .keySchema(key(RENDER_PK, KeyType.HASH))
                .build();
    }

    public static CreateTableRequest idempotency(String name) {
        return CreateTableRequest.builder().tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(string(IDEMPOTENCY_PK))
                .keySchema(key(IDEMPOTENCY_PK, KeyType.HASH))
                .build();
    }

    public static CreateTableRequest feedback(String name) {
        return CreateTableRequest.builder().tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(string(FEEDBACK_PK), string(FEEDBACK_SK), string(FEEDBACK_PENDING))
                .keySchema(key(FEEDBACK_PK, KeyType.HASH), key(FEEDBACK_SK, KeyType.RANGE))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName(FEEDBACK_PENDING_INDEX)
                        .keySchema(key(FEEDBACK_PENDING, KeyType.HASH), key(FEEDBACK_SK, KeyType.RANGE))
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                        .build())
                .streamSpecification(StreamSpecification.builder().streamEnabled(true)
                        .streamViewType(StreamViewType.NEW_IMAGE).build())
                .build();
    }

    private static AttributeDefinition string(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
