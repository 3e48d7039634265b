package dev.promptloop.handler;

import dev.promptloop.api.ApiReply;
import dev.promptloop.api.Problems;
import org.jboss.logging.Logger;

/**
 * Turns whatever a call threw into its problem reply ({@link Problems}), and logs what an operator must see: a model
 * or a database that did not answer (warn), a model that refused (error), and a bug (error, with its stack, answered
 * without internals).
 */
final class FailureReplies {

    private static final Logger LOG = Logger.getLogger(FailureReplies.class);

    private FailureReplies() {
    }

    static ApiReply reply(RuntimeException failure, String handler, String requestId) {
        var known = Problems.of(failure);
        if (known.isEmpty()) {
            LOG.errorf(failure, "handler=%s requestId=%s outcome=internal-error", handler, requestId);
            return Problems.internalError(requestId);
        }
        ApiReply reply = known.get();
        if (reply.status() >= 500) {
            String outcome = reply.body().path("type").asText().substring(Problems.TYPE_PREFIX.length());
            String cause = reply.status() == 502 || outcome.startsWith("model") ? failure.getMessage()
                    : failure.toString();
            if (reply.status() == 502) {
                LOG.errorf("handler=%s requestId=%s outcome=%s cause=%s", handler, requestId, outcome, cause);
            } else {
                LOG.warnf("handler=%s requestId=%s outcome=%s cause=%s", handler, requestId, outcome, cause);
            }
        }
        return reply;
    }
}
