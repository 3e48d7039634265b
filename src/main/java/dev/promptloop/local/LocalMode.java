package dev.promptloop.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.promptloop.handler.FeedbackHandler;
import dev.promptloop.handler.HandlerNames;
import dev.promptloop.handler.PromptsHandler;
import dev.promptloop.handler.RefineHandler;
import dev.promptloop.handler.RenderHandler;
import dev.promptloop.store.TableNames;
import dev.promptloop.store.TableSetup;
import dev.promptloop.wiring.PromptloopConfig;
import io.quarkus.amazon.lambda.runtime.LambdaHotReplacementRecorder;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Local mode, in the dev build only ({@code ./mvnw quarkus:dev}); the packaged function carries none of it. It plays
 * the parts AWS plays in production: a DynamoDB endpoint (moto_server, started unless one already answers), the
 * tables, API Gateway (an HTTP server on port 8080) and the two event source mappings that feed the refine function:
 * the feedback table's stream, and the prompts table's for versions that wait for the evaluation gate.
 */
@IfBuildProfile("dev")
@ApplicationScoped
public class LocalMode {

    private static final Logger LOG = Logger.getLogger(LocalMode.class);

    private final DynamoDbClient dynamo;
    private final TableNames tables;
    private final Map<String, RequestHandler<JsonNode, JsonNode>> handlers;
    private final RefineHandler refine;
    private final URI endpoint;
    private final String region;
    private final int gatewayPort;
    private final AtomicBoolean running = new AtomicBoolean();
    private LocalGateway gateway;
    private DynamoDbStreamsClient streams;

    public LocalMode(DynamoDbClient dynamo, TableNames tables, PromptsHandler prompts, RenderHandler render,
            FeedbackHandler feedback, RefineHandler refine,
            @ConfigProperty(name = "quarkus.dynamodb.endpoint-override") URI endpoint,
            @ConfigProperty(name = "quarkus.dynamodb.aws.region") String region,
            PromptloopConfig config) {
        this.dynamo = dynamo;
        this.tables = tables;
        this.handlers = Map.of(HandlerNames.PROMPTS, prompts, HandlerNames.RENDER, render, HandlerNames.FEEDBACK, feedback);
        this.refine = refine;
        this.endpoint = endpoint;
        this.region = region;
        this.gatewayPort = config.local().gatewayPort();
    }

    void start(@Observes StartupEvent event) {
        running.set(true);
        ensureEndpoint();
        TableSetup.ensureTables(dynamo, tables);
        try {
            gateway = new LocalGateway(gatewayPort, handlers);
        } catch (IOException e) {
            throw new UncheckedIOException("port " + gatewayPort + " is taken; set promptloop.local.gateway-port", e);
        }
        streams = DynamoDbStreamsClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
        daemon("local-stream-poller", this::pollStreams);
        daemon("local-live-reload", this::watchForChanges);
        LOG.infof("Promptloop local mode: HTTP API on http://localhost:%d, DynamoDB and Streams at %s, "
                + "feedback and gate streams polled for the refine function", gateway.port(), endpoint);
    }

    void stop(@Observes ShutdownEvent event) {
        // the live-reload thread may be the one running this restart: never interrupt or join it
        running.set(false);
        if (gateway != null) {
            gateway.close();
        }
        if (streams != null) {
            streams.close();
        }
    }

    /**
     * Reuses whatever answers at the endpoint (a moto_server of a previous reload, or one you started); otherwise
     * starts moto_server there, to live as long as this JVM, so data survives live reloads.
     */
    private void ensureEndpoint() {
        if (MotoServer.answers(endpoint.toString())) {
            LOG.infof("aws-endpoint=%s outcome=reused", endpoint);
            return;
        }
        var moto = MotoServer.start(endpoint.getPort(), Path.of("target", "moto-dev.log"));
        Runtime.getRuntime().addShutdownHook(new Thread(moto::close, "moto-server-stop"));
        LOG.infof("aws-endpoint=%s outcome=started log=target/moto-dev.log", endpoint);
    }

    /** Both of the refine function's event sources: the feedback table's inserts and the gate requests. */
    private void pollStreams() {
        var feedback = new TableStream(dynamo, streams, tables.feedback());
        var gates = new TableStream(dynamo, streams, tables.prompts());
        var sources = List.of(new Source(feedback, mapping(feedback, StreamFilter.FEEDBACK_INSERTS)),
                new Source(gates, mapping(gates, StreamFilter.GATE_REQUESTS)));
        while (running.get()) {
            try {
                for (var source : sources) {
                    var records = source.stream().read();
                    if (!records.isEmpty()) {
                        source.mapping().deliver(records);
                    }
                }
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (running.get()) {
                    LOG.warnf("stream-poller outcome=error error=%s", e.toString());
                    pause(2000);
                }
            }
        }
    }

    /** Locally the on-failure destination is this log: the message Lambda would put on the template's queue. */
    private EventSourceMapping mapping(TableStream stream, StreamFilter filter) {
        return new EventSourceMapping(refine, stream.streamArn(), region, StreamMappingSettings.TEMPLATE, filter,
                discarded -> LOG.warnf("eventSourceMapping=local outcome=on-failure condition=%s records=%d message=%s",
                        discarded.condition().awsName(), discarded.records().size(), discarded.destinationMessage()),
                Clock.systemUTC());
    }

    private record Source(TableStream stream, EventSourceMapping mapping) {
    }

    /**
     * Without an HTTP server of Quarkus's own, nothing else asks dev mode to look for changed code; the restart it
     * triggers runs on this thread.
     */
    private void watchForChanges() {
        while (running.get()) {
            try {
                LambdaHotReplacementRecorder.checkHotReplacement();
            } catch (Exception e) {
                LOG.debugf("live-reload outcome=error error=%s", e.toString());
            }
            pause(500);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }
}
