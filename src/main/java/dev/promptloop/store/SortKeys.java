package dev.promptloop.store;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Pieces of sort keys that must order as what they stand for. */
final class SortKeys {

    /** Fixed-width UTC time, so sort keys order as time does (Instant.toString drops trailing zeros). */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** What {@link #TIME} writes, as a regular expression, to check positions handed back by callers. */
    static final String TIME_PATTERN = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z";

    private SortKeys() {
    }

    /** Zero-padded so the sort key orders versions numerically. */
    static String version(int version) {
        return String.format("%010d", version);
    }
}
