package io.warpengine.store;

/**
 * A stored value ({@link StoredValue}) as read, with the tier that served it (the tier it was in when read: a
 * read may promote it).
 */
public record StoredRead(byte[] stored, ValueTier tier) {
}
