package dev.promptloop.store;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/**
 * The DynamoDB client's first call made ahead of traffic: a read of an item no request can create, on a table the
 * function's role may read. On a fresh JVM that first call builds the client, resolves region, credentials and
 * endpoint, initialises TLS and loads about 1,900 SDK classes; it never writes. Looked up by PrimedStreamHandler
 * outside injection, hence unremovable.
 */
@Unremovable
@ApplicationScoped
public class TablePriming {

    /** Prompt ids, render ids and idempotency keys cannot start with '#', so this key never names an item. */
    private static final String ABSENT_KEY = "#priming";

    /** The tables a function may prime with; it must pick one its role may read. */
    public enum PrimedTable {
        PROMPTS, IDEMPOTENCY
    }

    private final DynamoDbClient dynamo;
    private final TableNames tables;

    TablePriming(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.tables = tables;
    }

    /** Reads the absent item from the table; returns the table's name. */
    public String prime(PrimedTable primed) {
        var absent = AttributeValue.fromS(ABSENT_KEY);
        String table;
        Map<String, AttributeValue> key;
        if (primed == PrimedTable.IDEMPOTENCY) {
            table = tables.idempotency();
            key = Map.of(TableSchemas.IDEMPOTENCY_PK, absent);
        } else {
            table = tables.prompts();
            key = Map.of(TableSchemas.PROMPT_PK, absent, TableSchemas.PROMPT_SK, absent);
        }
        dynamo.getItem(get -> get.tableName(table).key(key));
        return table;
    }
}
