package dev.promptloop.store;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/**
 * The format version every item is written with ({@code itemFormat}). Items written before it existed have none
 * and read as format 0; a reader that meets a format newer than its own still reads what it knows and ignores the
 * rest. A change that cannot be read that way raises the format and teaches the readers both.
 */
final class ItemFormat {

    static final String ATTRIBUTE = "itemFormat";
    static final int CURRENT = 2;

    private ItemFormat() {
    }

    static void stamp(Map<String, AttributeValue> item) {
        item.put(ATTRIBUTE, Attributes.number(CURRENT));
    }
}
