package dev.promptloop.store;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads typed values out of an item, leniently: a missing attribute (an item older than the attribute, or one a
 * newer version wrote without it) gives the caller's fallback or an empty Optional, never an exception.
 */
final class Attributes {

    private Attributes() {
    }

    static String string(Map<String, AttributeValue> item, String name) {
        return optionalString(item, name).orElse("");
    }

    static Optional<String> optionalString(Map<String, AttributeValue> item, String name) {
        return Optional.ofNullable(item.get(name)).map(AttributeValue::s);
    }

    static int integer(Map<String, AttributeValue> item, String name, int fallback) {
        return optionalInteger(item, name).orElse(fallback);
    }

    static long longValue(Map<String, AttributeValue> item, String name, long fallback) {
        return Optional.ofNullable(item.get(name)).map(AttributeValue::n).map(Long::parseLong).orElse(fallback);
    }

    static Optional<Integer> optionalInteger(Map<String, AttributeValue> item, String name) {
        return Optional.ofNullable(item.get(name)).map(AttributeValue::n).map(Integer::parseInt);
    }

    static Optional<Double> optionalDouble(Map<String, AttributeValue> item, String name) {
        return Optional.ofNullable(item.get(name)).map(AttributeValue::n).map(Double::parseDouble);
    }

    static boolean bool(Map<String, AttributeValue> item, String name, boolean fallback) {
        return Optional.ofNullable(item.get(name)).map(AttributeValue::bool).orElse(fallback);
    }

    static Instant instant(Map<String, AttributeValue> item, String name) {
        return optionalString(item, name).map(Instant::parse).orElse(Instant.EPOCH);
    }

    static List<AttributeValue> list(Map<String, AttributeValue> item, String name) {
        return Optional.ofNullable(item.get(name)).filter(AttributeValue::hasL).map(AttributeValue::l)
                .orElse(List.of());
    }

    static List<String> strings(Map<String, AttributeValue> item, String name) {
        return list(item, name).stream().map(AttributeValue::s).toList();
    }

    static Map<String, AttributeValue> map(Map<String, AttributeValue> item, String name) {
        return Optional.ofNullable(item.get(name)).filter(AttributeValue::hasM).map(AttributeValue::m)
                .orElse(Map.of());
    }

    static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static void putIfPresent(Map<String, AttributeValue> item, String name, Optional<String> value) {
        value.ifPresent(v -> item.put(name, AttributeValue.fromS(v)));
    }
}
