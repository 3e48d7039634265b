package dev.promptloop.wiring;

import dev.promptloop.handler.HandlerNames;
import dev.promptloop.store.TablePriming;
import io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.Quarkus;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * The class Lambda's Java runtime instantiates (the template's {@code Handler}). Quarkus's own handler initialises the
 * application in its constructor, during Lambda's init, but starts it (runtime configuration, beans) on the first
 * request, which then also makes the DynamoDB client's first call. When init runs ahead of traffic, both belong in
 * init: with provisioned concurrency they happen here in the constructor; with SnapStart in the CRaC beforeCheckpoint
 * hook, so the snapshot holds a started application and a primed client (AWS's "invoke priming"). On-demand inits
 * keep Quarkus's order, since the caller is waiting either way.
 */
public class PrimedStreamHandler extends QuarkusStreamHandler implements Resource {

    /** Lambda's AWS_LAMBDA_INITIALIZATION_TYPE values for an init that runs ahead of traffic. */
    private static final String PROVISIONED = "provisioned-concurrency";
    private static final String SNAPSHOT = "snap-start";

    public PrimedStreamHandler() {
        String initializationType = System.getenv("AWS_LAMBDA_INITIALIZATION_TYPE");
        if (PROVISIONED.equals(initializationType)) {
            startAndPrime();
        } else if (SNAPSHOT.equals(initializationType)) {
            // org.crac hands the hook to the runtime's CRaC context, as AWS documents for SnapStart runtime hooks.
            Core.getGlobalContext().register(this);
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        startAndPrime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to renew here: the SDK's default credentials chain fetches credentials again when they expire, and
        // a pooled connection the restore broke fails as an I/O error, which the SDK's retry policy retries.
    }

    /** The table a handler primes with: one its role may read (feedback's role cannot read prompts). */
    public static TablePriming.PrimedTable primedTable(String handler) {
        return HandlerNames.FEEDBACK.equals(handler) ? TablePriming.PrimedTable.IDEMPOTENCY
                : TablePriming.PrimedTable.PROMPTS;
    }

    /**
     * A start that fails fails init, as it would have failed the first request; a failed priming only leaves the
     * client's first call to the first request.
     */
    private static void startAndPrime() {
        Quarkus.manualStart();
        String handler = ConfigProvider.getConfig().getOptionalValue("quarkus.lambda.handler", String.class)
                .orElse(null);
        if (handler == null) {
            return;
        }
        // Not a static field: a logger made before Quarkus's class is loaded fixes java.util.logging to the JDK's own
        // manager, and every log line of the function would lose Quarkus's JSON format and levels.
        Logger log = Logger.getLogger(PrimedStreamHandler.class);
        try {
            String table = Arc.container().instance(TablePriming.class).get().prime(primedTable(handler));
            log.infof("init=ahead-of-traffic handler=%s primedTable=%s outcome=primed", handler, table);
        } catch (RuntimeException e) {
            log.warnf("init=ahead-of-traffic handler=%s outcome=priming-failed error=%s", handler, e.toString());
        }
    }
}
