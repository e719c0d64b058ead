package io.warpengine.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The put options of the keys that were last put with options other than the defaults, as their one-byte codes
 * ({@code io.warpengine.PutOptions#code()}). A key put with the defaults, or deleted, has no entry, so an engine
 * that never uses options keeps this empty and pays one emptiness check per write. Written by one thread at a
 * time (the writer role, or recovery), read by any.
 */
public final class KeyOptions {

    private final ConcurrentHashMap<String, Byte> codes = new ConcurrentHashMap<>();

    /** Writer only. A put of {@code key} with the options of {@code code} (0: the defaults). */
    public void put(String key, byte code) {
        if (code != 0) {
            codes.put(key, code);
        } else if (!codes.isEmpty()) {
            codes.remove(key);
        }
    }

    /** Writer only. A delete of {@code key}. */
    public void remove(String key) {
        if (!codes.isEmpty()) {
            codes.remove(key);
        }
    }

    /** Any thread. The code of {@code key}'s options: 0 for the defaults (or an absent key). */
    public byte of(String key) {
        Byte code = codes.get(key);
        return code == null ? 0 : code;
    }

    /** Keys with options other than the defaults. */
    public int size() {
        return codes.size();
    }

    /** Any thread, beside the writer: visits every key with options (weakly consistent, as the stores). */
    public void forEach(BiConsumer<String, Byte> visitor) {
        codes.forEach(visitor);
    }

    /** Recovery only: adds every entry of {@code staged}. */
    public void loadAll(Map<String, Byte> staged) {
        codes.putAll(staged);
    }
}
