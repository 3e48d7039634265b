package dev.promptloop.bench;

import dev.promptloop.bench.LambdaEmulator.Launch;
import dev.promptloop.local.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged function under AWS's runtime interface client, per Lambda initialisation type: when init runs ahead of
 * traffic (provisioned concurrency, SnapStart), the application is started and the DynamoDB client primed before the
 * function first asks the Runtime API for work; on demand, Quarkus starts with the first request as before. Runs in
 * {@code ./mvnw verify}, after package.
 */
class PrimedStreamHandlerIT {

    static final String STARTED = "started in";
    static MotoServer moto;

    @BeforeAll
    static void tablesAndOnePrompt() throws Exception {
        moto = ColdStartBenchmark.startMoto("moto-it.log");
        ColdStartBenchmark.seedPrompt(moto.endpoint());
    }

    @AfterAll
    static void stopMoto() {
        moto.close();
    }

    @Test
    void anOnDemandInitLeavesTheStartAndTheFirstDynamoDbCallToTheFirstRequest() throws Exception {
        var run = render(Launch.promptloop("render"));

        assertThat(run.initLog()).doesNotContain(STARTED).doesNotContain("init=ahead-of-traffic");
        assertThat(run.replies().get(0)).contains("\"renderId\"");
    }

    @Test
    void aProvisionedInitStartsTheApplicationAndPrimesDynamoDbBeforeAskingForWork() throws Exception {
        var run = render(Launch.promptloop("render")
                .withEnvironment(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "provisioned-concurrency")));

        assertThat(run.initLog()).contains(STARTED)
                .contains("init=ahead-of-traffic handler=render primedTable=promptloop-prompts outcome=primed");
        assertThat(run.replies().get(0)).contains("\"renderId\"");
    }

    @Test
    void underLambdasLauncherEveryLineTheFunctionLogsIsAJsonObject() throws Exception {
        var run = render(Launch.promptloop("render")
                .withEnvironment(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "provisioned-concurrency")));

        assertThat(run.initLog().lines()).as("Quarkus's startup lines and the priming line").hasSizeGreaterThan(1)
                .allSatisfy(line -> assertThat(line).startsWith("{\"timestamp\":").endsWith("}"));
        assertThat(run.initLog()).contains(
                "\"message\":\"init=ahead-of-traffic handler=render primedTable=promptloop-prompts outcome=primed\"");
    }

    @Test
    void aSnapStartInitDoesBothInTheCheckpointHookSoTheSnapshotHoldsThem() throws Exception {
        var run = render(Launch.promptloop("render")
                .withEnvironment(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start")));

        assertThat(run.initLog()).as("output before the runtime asked /restore/next").contains(STARTED)
                .contains("init=ahead-of-traffic handler=render primedTable=promptloop-prompts outcome=primed");
        assertThat(run.replies().get(0)).as("first request after the restore").contains("\"renderId\"");
    }

    @Test
    void aRestoredFunctionServesItsFirstRequestThoughTheConnectionsFromBeforeTheSnapshotAreGone() throws Exception {
        try (var network = new TcpProxy(moto.endpoint())) {
            var connectionsBeforeRestore = new AtomicInteger();
            var run = LambdaEmulator.run(Launch.promptloop("render")
                            .withEnvironment(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start")),
                    List.of(ColdStartBenchmark.RENDER), network.endpoint(), () -> {
                        connectionsBeforeRestore.set(network.connectionsAccepted());
                        network.resetAll();
                    });

            assertThat(connectionsBeforeRestore.get()).as("priming connected before the snapshot").isPositive();
            assertThat(network.connectionsAccepted()).as("the request after the restore had to reconnect")
                    .isGreaterThan(connectionsBeforeRestore.get());
            assertThat(run.replies().get(0)).contains("\"renderId\"");
        }
    }

    @Test
    void feedbackPrimesOnTheIdempotencyTableBecauseItsRoleCannotReadPrompts() throws Exception {
        var run = LambdaEmulator.run(Launch.promptloop("feedback")
                        .withEnvironment(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start")),
                List.of("{\"renderId\":\"absent.1.00000000-0000-0000-0000-000000000000\",\"thumb\":\"up\"}"),
                moto.endpoint());

        assertThat(run.initLog())
                .contains("init=ahead-of-traffic handler=feedback primedTable=promptloop-idempotency outcome=primed");
        assertThat(run.replies().get(0)).doesNotContain("errorMessage");
    }

    /** Two renders, so the runtime loop is seen going on past the first request. */
    private static LambdaEmulator.Run render(Launch launch) throws Exception {
        var run = LambdaEmulator.run(launch, List.of(ColdStartBenchmark.RENDER, ColdStartBenchmark.RENDER),
                moto.endpoint());
        assertThat(run.replies()).hasSize(2).allMatch(reply -> reply.contains("\"renderId\""));
        return run;
    }
}
