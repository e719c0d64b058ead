package io.warpengine.tier;

import io.warpengine.store.DeepValue;

/**
 * A value read up from the deep cache into the event horizon, unchanged since: it still has its deep record, so
 * demoting it again is a swap back to that record, with no write, and a snapshot refers to the record instead of
 * holding the bytes. A write replaces it with a plain stored value. Compared by identity.
 */
final class Promoted {

    final byte[] stored;
    final DeepValue origin;

    Promoted(byte[] stored, DeepValue origin) {
        this.stored = stored;
        this.origin = origin;
    }
}
