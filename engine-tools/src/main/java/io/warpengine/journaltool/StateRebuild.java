package io.warpengine.journaltool;

import io.warpengine.WarpEngine;
import io.warpengine.console.Progress;
import io.warpengine.core.KeyExpiries;
import io.warpengine.core.KeyReplay;
import io.warpengine.journal.JournalDamage;
import io.warpengine.journal.JournalEntry;
import io.warpengine.snapshot.Snapshot;
import io.warpengine.snapshot.SnapshotStore;
import io.warpengine.store.DeepValue;
import io.warpengine.store.StoredValue;
import io.warpengine.tier.DeepLog;
import org.eclipse.collections.impl.map.mutable.UnifiedMap;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rebuilds the state as of a target the way the engine's recovery does: the newest snapshot that verifies and is
 * not past the target, then the journal after it up to the target; keys expired as of the target are left out,
 * as a view at the target leaves them out (the target time; for a sequence, that entry's time; for the latest
 * state, now).
 */
final class StateRebuild {

    /**
     * The rebuilt state.
     *
     * @param state       each key's stored value ({@link StoredValue}: with the sequence and time of its write)
     * @param expiries    the expiry time (ms since the epoch) of each key of {@code state} that has one
     * @param damage      damage before the target: the state could not be rebuilt (state is then meaningless)
     * @param tailWarning a damaged journal tail past the state, as the engine would cut off; null when none
     */
    record Outcome(long sequence, long timestampMicros, Map<String, byte[]> state, Map<String, Long> expiries,
                   String source, JournalDamage damage,
                   JournalDamage tailWarning) {
    }

    private final DataDirectory dir;
    private final Set<String> onlyKeys;

    /** @param onlyKeys the keys to keep (the rest is read but not kept); null keeps the whole state */
    StateRebuild(DataDirectory dir, List<String> onlyKeys) {
        this.dir = dir;
        this.onlyKeys = onlyKeys == null ? null : Set.copyOf(onlyKeys);
    }

    /**
     * @param maxSeq    highest sequence applied ({@code Long.MAX_VALUE}: no limit)
     * @param maxMicros latest entry time applied ({@code Long.MAX_VALUE}: no limit)
     * @throws IllegalArgumentException when the target lies outside the history the directory holds
     */
    Outcome run(long maxSeq, long maxMicros) {
        SnapshotStore store = dir.snapshots();
        try (JournalScan scan = new JournalScan(dir)) {
            long journalEnd = scan.bounds()[1];
            List<Path> snapshots = store.files();
            long historyEnd = Math.max(journalEnd, snapshots.isEmpty() ? 0 : SnapshotStore.sequenceOf(snapshots.get(0)));
            if (maxSeq != Long.MAX_VALUE && maxSeq > historyEnd) {
                throw new IllegalArgumentException("--to-seq " + maxSeq + " is past the history, which ends at sequence "
                        + historyEnd);
            }
            Map<String, byte[]> state = new UnifiedMap<>();
            KeyExpiries expiries = new KeyExpiries();
            KeyReplay replay = new KeyReplay(keysOf(state), expiries);
            Optional<SnapshotStore.Loaded> loaded = store.loadNewestValid(maxSeq, maxMicros);
            long[] at = {0, 0}; // sequence, time
            loaded.ifPresent(l -> load(l.snapshot(), state, expiries, at));
            long from = at[0] + 1;
            long[] firstRead = {0};
            scan.seekBefore(from);
            JournalDamage damage;
            try (Progress progress = Progress.entries("replay", Math.min(maxSeq, journalEnd) - from + 1, false)) {
                damage = scan.readToEnd(entry -> {
                    long seq = entry.sequence();
                    if (seq < from) {
                        return true;
                    }
                    if (firstRead[0] == 0) {
                        firstRead[0] = seq;
                        if (seq != from) {
                            return false; // the journal starts after the entries needed
                        }
                    }
                    if (seq > maxSeq || entry.timestampMicros() > maxMicros) {
                        return false;
                    }
                    entry.accept(replay);
                    at[0] = seq;
                    at[1] = entry.timestampMicros();
                    if (scan.entries() % Progress.STEP_EVERY == 0) {
                        progress.stepTo(seq - from);
                    }
                    return true;
                });
            }
            String snapshot = loaded.map(l -> "snapshot " + l.file().getFileName()).orElse("no snapshot");
            if (firstRead[0] > from) {
                throw new IllegalArgumentException("cannot rebuild the state at the target: it needs the journal from"
                        + " sequence " + from + " (after " + snapshot + ") but the journal starts at " + firstRead[0]
                        + "; no valid snapshot at or before the target covers the entries in between");
            }
            long now = maxMicros != Long.MAX_VALUE ? maxMicros / 1000
                    : maxSeq != Long.MAX_VALUE ? at[1] / 1000 : System.currentTimeMillis();
            Map<String, Long> expiring = new HashMap<>(); // of the keys kept, those not expired as of the target
            expiries.forEach((key, expiresAt) -> {
                if (expiresAt <= now) {
                    state.remove(key);
                } else if (state.containsKey(key)) {
                    expiring.put(key, expiresAt);
                }
            });
            long applied = at[0] - from + 1;
            String source = String.format(Locale.ROOT, "%s + %,d journal entries", snapshot, applied);
            boolean timeTarget = maxMicros != Long.MAX_VALUE;
            if (damage != null && damage.sequence() <= maxSeq && !(timeTarget && damage.tail())) {
                return new Outcome(at[0], at[1], state, expiring, source, damage, null);
            }
            return new Outcome(at[0], at[1], state, expiring, source, null, damage);
        }
    }

    /** A value the snapshot holds in the deep tier is read from the directory's deep log, as the engine would. */
    private void load(Snapshot snapshot, Map<String, byte[]> state, KeyExpiries expiries, long[] at) {
        try (DeepLog deep = DeepLog.openReadOnly(dir.root().resolve(WarpEngine.DEEP_DIR))) {
            for (int i = 0; i < snapshot.size(); i++) {
                String key = snapshot.keys()[i];
                if (onlyKeys == null || onlyKeys.contains(key)) {
                    DeepValue d = snapshot.deep()[i];
                    state.put(key, d == null ? snapshot.values()[i] : deep.read(d.location(), key));
                }
            }
        }
        snapshot.expiries().forEach((key, expiresAt) -> {
            if (onlyKeys == null || onlyKeys.contains(key)) {
                expiries.set(key, expiresAt);
            }
        });
        at[0] = snapshot.sequence();
        at[1] = snapshot.timestampMicros();
    }

    /** The rebuilt values as replay's target, the engine's recovery rules ({@link KeyReplay}) over {@code onlyKeys}. */
    private KeyReplay.Keys keysOf(Map<String, byte[]> state) {
        return new KeyReplay.Keys() {
            @Override
            public boolean contains(String key) {
                return state.containsKey(key);
            }

            @Override
            public void put(JournalEntry.Put put) {
                if (onlyKeys == null || onlyKeys.contains(put.key())) {
                    state.put(put.key(), StoredValue.of(put.value(), put.sequence(), put.timestampMicros()));
                }
            }

            @Override
            public void remove(String key) {
                state.remove(key);
            }
        };
    }
}
