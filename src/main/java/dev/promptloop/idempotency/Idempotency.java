package dev.promptloop.idempotency;

import java.time.Duration;
import java.util.Optional;

/**
 * The Idempotency-Key protocol, at most one run per key: {@link #claim} before the request runs, {@link #finish}
 * after. The same key with the same request gets the stored first response; with another request it is refused
 * ({@link KeyReusedException}); while the first request still runs, {@link RequestInProgressException}. A server
 * failure (5xx) frees the key, so the client's retry runs.
 */
public class Idempotency {

    private final IdempotencyRecords records;

    public Idempotency(IdempotencyRecords records) {
        this.records = records;
    }

    /**
     * @param lock how long the claim holds against other requests: the time the function may still run
     * @return the stored first response to replay, or empty when this request claimed the key and should run
     */
    public Optional<IdempotencyRecords.StoredResponse> claim(String key, String requestHash, Duration lock) {
        var existing = records.claim(key, requestHash, lock);
        if (existing.isEmpty()) {
            return Optional.empty();
        }
        if (!existing.get().requestHash().equals(requestHash)) {
            throw new KeyReusedException();
        }
        return Optional.of(existing.get().response().orElseThrow(RequestInProgressException::new));
    }

    /** Keeps the response of a claimed key, or frees the key when the response is a server failure. */
    public void finish(String key, IdempotencyRecords.StoredResponse response) {
        if (response.status() >= 500) {
            records.release(key);
        } else {
            records.complete(key, response);
        }
    }
}
