package io.warpengine.command;

import io.warpengine.PutOptions;

import java.util.List;

/**
 * A journaled change, as it travels through the engine's ring and reaches observers. Commands are immutable
 * values; the byte arrays they hold belong to the engine and must not be modified by anyone who observes them.
 *
 * <p>Code that must handle every kind of command dispatches through {@link #accept(Visitor)}: a new command type
 * adds a method to {@link Visitor}, so every such place stops compiling until it handles the new type.
 */
public sealed interface Command permits Command.Write, Command.Batch, Command.Entangle, Command.Disentangle,
        Command.Place, Command.Reap {

    /** Calls the {@code visitor} method for this command's type. */
    <R> R accept(Visitor<R> visitor);

    /** One method per command type. */
    interface Visitor<R> {

        R put(Put put);

        R delete(Delete delete);

        R batch(Batch batch);

        R entangle(Entangle entangle);

        R disentangle(Disentangle disentangle);

        R place(Place place);

        R expire(Expire expire);

        R reap(Reap reap);
    }

    /** A journaled change to one key. */
    sealed interface Write extends Command permits Put, Delete, Expire {

        /** The key the command writes. */
        String key();
    }

    /**
     * Set {@code key} to {@code value}, its put options to {@code options} and its expiry time to
     * {@code expiresAtMillis} (ms since the epoch; 0: it never expires).
     */
    record Put(String key, byte[] value, PutOptions options, long expiresAtMillis) implements Write {

        public Put {
            if (expiresAtMillis < 0) {
                throw new IllegalArgumentException("expiry time " + expiresAtMillis + " of '" + key + "' is negative");
            }
        }

        /** A put with the default options that never expires. */
        public Put(String key, byte[] value) {
            this(key, value, PutOptions.DEFAULT, 0);
        }

        /** A put with {@code options} that never expires. */
        public Put(String key, byte[] value, PutOptions options) {
            this(key, value, options, 0);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.put(this);
        }
    }

    /** Remove {@code key}. */
    record Delete(String key) implements Write {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.delete(this);
        }
    }

    /**
     * Several writes committed as one journal entry and applied all together: no reader sees some of them
     * without the others, and after a crash either all are there or none.
     */
    record Batch(List<Write> writes) implements Command {
        public Batch {
            writes = List.copyOf(writes);
            if (writes.isEmpty()) {
                throw new IllegalArgumentException("a batch command needs at least one write");
            }
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.batch(this);
        }
    }

    /**
     * Set {@code key}'s expiry time to {@code expiresAtMillis} (ms since the epoch), or remove it when 0; only a key
     * that exists and has not expired (as of the command's journal time) is changed.
     */
    record Expire(String key, long expiresAtMillis) implements Write {
        public Expire {
            if (expiresAtMillis < 0) {
                throw new IllegalArgumentException("expiry time " + expiresAtMillis + " of '" + key + "' is negative");
            }
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.expire(this);
        }
    }

    /**
     * Reclaim expired keys: each of {@code keys} whose expiry time is at or before the command's journal time is
     * deleted; a key written again since (without an expiry, or with a later one) is left alone.
     */
    record Reap(List<String> keys) implements Command {
        public Reap {
            keys = List.copyOf(keys);
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("a reap needs keys");
            }
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.reap(this);
        }
    }

    /** Entangle {@code primary} with each of {@code related} at {@code strength} (a relation, no value changes). */
    record Entangle(String primary, List<String> related, float strength) implements Command {
        public Entangle {
            related = List.copyOf(related);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.entangle(this);
        }
    }

    /** Remove the entanglements of {@code primary} with each of {@code related}. */
    record Disentangle(String primary, List<String> related) implements Command {
        public Disentangle {
            related = List.copyOf(related);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.disentangle(this);
        }
    }

    /**
     * Give logical shard {@code logicalShard} to writer {@code writer} (its keys move there), in a routing table of
     * {@code logicalShards} over {@code writers}.
     */
    record Place(int logicalShards, int writers, int logicalShard, int writer) implements Command {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.place(this);
        }
    }
}
