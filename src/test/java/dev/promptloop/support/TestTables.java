package dev.promptloop.support;

import dev.promptloop.store.TableNames;
import dev.promptloop.store.TableSetup;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Creates the tables in the test's moto_server when the application starts, as local mode does. */
@ApplicationScoped
public class TestTables {

    void create(@Observes StartupEvent event, DynamoDbClient dynamo, TableNames tables) {
        TableSetup.ensureTables(dynamo, tables);
    }
}
