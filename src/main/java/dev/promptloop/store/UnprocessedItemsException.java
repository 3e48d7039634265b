package dev.promptloop.store;

/** DynamoDB kept leaving part of a batch write unprocessed (it throttled it), through every resend. */
public class UnprocessedItemsException extends RuntimeException {

    public UnprocessedItemsException(int items, String table, int sends) {
        super(items + " items of a batch write to " + table + " still unprocessed after " + sends + " sends");
    }
}
