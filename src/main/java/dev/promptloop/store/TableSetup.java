package dev.promptloop.store;

import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;

/**
 * Creates the tables of {@link TableSchemas} where they are missing, with time to live on renders. For local mode and
 * tests; on AWS the SAM template owns the tables.
 */
public final class TableSetup {

    private static final Logger LOG = Logger.getLogger(TableSetup.class);

    private TableSetup() {
    }

    /**
     * A table created by an older release lacks a stream a newer one reads (the prompts table's, for the gate):
     * switch it on, as a stack update does on AWS.
     */
    private static void enableStream(DynamoDbClient dynamo, CreateTableRequest wanted) {
        if (wanted.streamSpecification() == null || dynamo.describeTable(d -> d.tableName(wanted.tableName())).table()
                .latestStreamArn() != null) {
            return;
        }
        dynamo.updateTable(u -> u.tableName(wanted.tableName()).streamSpecification(wanted.streamSpecification()));
        LOG.infof("table=%s outcome=stream-enabled", wanted.tableName());
    }

    public static void ensureTables(DynamoDbClient dynamo, TableNames names) {
        var existing = dynamo.listTables().tableNames();
        for (var request : TableSchemas.all(names)) {
            if (existing.contains(request.tableName())) {
                enableStream(dynamo, request);
                continue;
            }
            try {
                dynamo.createTable(request);
                LOG.infof("table=%s outcome=created", request.tableName());
            } catch (ResourceInUseException e) {
                LOG.debugf("table=%s outcome=created-concurrently", request.tableName());
            }
        }
        dynamo.updateTimeToLive(t -> t.tableName(names.renders())
                .timeToLiveSpecification(s -> s.attributeName(TableSchemas.RENDER_TTL).enabled(true)));
        dynamo.updateTimeToLive(t -> t.tableName(names.idempotency())
                .timeToLiveSpecification(s -> s.attributeName(TableSchemas.IDEMPOTENCY_TTL).enabled(true)));
    }
}
