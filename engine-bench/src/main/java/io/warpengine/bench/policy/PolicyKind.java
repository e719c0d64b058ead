package io.warpengine.bench.policy;

/** The policies measured, in the order of the table's columns. */
enum PolicyKind {

    CLOCK("clock") {
        @Override
        CachePolicy create(int capacity, Integer[] keys) {
            return new ClockPolicy(capacity, keys.length);
        }
    },
    LRU("lru") {
        @Override
        CachePolicy create(int capacity, Integer[] keys) {
            return new LruPolicy(capacity, keys);
        }
    },
    W_TINYLFU("w-tinylfu") {
        @Override
        CachePolicy create(int capacity, Integer[] keys) {
            return new TinyLfuPolicy(capacity, keys);
        }
    };

    private final String label;

    PolicyKind(String label) {
        this.label = label;
    }

    /** An empty policy holding at most {@code capacity} of the keys; {@code keys[i]} is key i boxed. */
    abstract CachePolicy create(int capacity, Integer[] keys);

    String label() {
        return label;
    }
}
