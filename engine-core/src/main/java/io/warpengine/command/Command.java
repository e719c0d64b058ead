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
        Command.Place {

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
    }

    /** A journaled change to one key. */
    sealed interface Write extends Command permits Put, Delete {

        /** The key the command writes. */
        String key();
    }

    /** Set {@code key} to {@code value}, and its put options to {@code options}. */
    record Put(String key, byte[] value, PutOptions options) implements Write {

        /** A put with the default options. */
        public Put(String key, byte[] value) {
            this(key, value, PutOptions.DEFAULT);
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
            for (Write w : writes) { // the BATCH entry has no room for options: refuse rather than drop them
                if (w instanceof Put p && !p.options().equals(PutOptions.DEFAULT)) {
                    throw new IllegalArgumentException("a batch put of '" + p.key() + "' has options " + p.options()
                            + "; batch puts take the default options");
                }
            }
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.batch(this);
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
