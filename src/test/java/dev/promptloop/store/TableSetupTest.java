package dev.promptloop.store;

import dev.promptloop.local.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Local mode's tables on a moto an older release set up: what a newer release reads is switched on. */
class TableSetupTest {

    static MotoServer moto;
    static DynamoDbClient dynamo;

    @BeforeAll
    static void startMoto() throws IOException {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        moto = MotoServer.start(port, Path.of("target", "moto-table-setup.log"));
        dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(URI.create(moto.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    @AfterAll
    static void stopMoto() {
        dynamo.close();
        moto.close();
    }

    @Test
    void aPromptsTableCreatedWithoutAStreamGetsTheStreamTheGateNeeds() {
        // given the tables as the release before created them: the prompts table has no stream
        TableNames names = new Names("old-prompts", "old-renders", "old-feedback", "old-idempotency");
        dynamo.createTable(TableSchemas.prompts(names.prompts()).toBuilder()
                .streamSpecification((StreamSpecification) null).build());

        // when local mode ensures its tables
        TableSetup.ensureTables(dynamo, names);

        // then the prompts table streams new images, and the tables that were missing exist with theirs
        var prompts = dynamo.describeTable(d -> d.tableName(names.prompts())).table();
        assertThat(prompts.latestStreamArn()).isNotNull();
        assertThat(prompts.streamSpecification().streamViewTypeAsString()).isEqualTo("NEW_IMAGE");
        assertThat(dynamo.describeTable(d -> d.tableName(names.feedback())).table().latestStreamArn()).isNotNull();
    }

    private record Names(String prompts, String renders, String feedback, String idempotency) implements TableNames {
    }
}
