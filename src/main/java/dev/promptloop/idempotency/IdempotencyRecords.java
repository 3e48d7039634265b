package dev.promptloop.idempotency;

import java.time.Duration;
import java.util.Optional;

/** Where the first response to each Idempotency-Key is kept, for a day. */
public interface IdempotencyRecords {

    /** A stored first response (status, content type, body text). */
    record StoredResponse(int status, String contentType, String body) {
    }

    /** What is known about a key when a request claims it. */
    record Existing(String requestHash, Optional<StoredResponse> response) {
    }

    /**
     * Claims the key for a request with this hash, locked for {@code lock} (after which a claim by another request
     * succeeds: the first one's function cannot still be running). Empty when the claim succeeded (the request should
     * run); otherwise what an earlier request with the same key left: its hash, and its response once it completed.
     */
    Optional<Existing> claim(String key, String requestHash, Duration lock);

    void complete(String key, StoredResponse response);

    /** Frees the key after a failure that a retry may not repeat (a 5xx), so the retry can run. */
    void release(String key);
}
