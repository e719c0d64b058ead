package io.warpengine.journaltool;

import io.warpengine.WarpEngine;
import io.warpengine.console.Progress;
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
            Map<String, Long> expiries = new HashMap<>();
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
                    apply(entry, state, expiries);
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
            expiries.entrySet().removeIf(e -> {
                boolean expired = e.getValue() <= now;
                if (expired) {
                    state.remove(e.getKey());
                }
                return expired;
            });
            long applied = at[0] - from + 1;
            String source = String.format(Locale.ROOT, "%s + %,d journal entries", snapshot, applied);
            boolean timeTarget = maxMicros != Long.MAX_VALUE;
            if (damage != null && damage.sequence() <= maxSeq && !(timeTarget && damage.tail())) {
                return new Outcome(at[0], at[1], state, expiries, source, damage, null);
            }
            return new Outcome(at[0], at[1], state, expiries, source, null, damage);
        }
    }

    /** A value the snapshot holds in the deep tier is read from the directory's deep log, as the engine would. */
    private void load(Snapshot snapshot, Map<String, byte[]> state, Map<String, Long> expiries, long[] at) {
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
                expiries.put(key, expiresAt);
            }
        });
        at[0] = snapshot.sequence();
        at[1] = snapshot.timestampMicros();
    }

    /**
     * The same rules as the engine's recovery: a put sets the stored value (with its write) and its expiry time, a
     * delete removes both, an expire changes a key that exists and has not expired as of the entry's time, and a
     * reap deletes the keys named that have expired as of its time.
     */
    private void apply(JournalEntry entry, Map<String, byte[]> state, Map<String, Long> expiries) {
        if (entry instanceof JournalEntry.Reap reap) {
            for (String key : reap.keys()) {
                Long expiresAt = expiries.get(key);
                if (expiresAt != null && expiresAt <= reap.atMillis()) {
                    state.remove(key);
                    expiries.remove(key);
                }
            }
            return;
        }
        for (JournalEntry.KeyWrite write : entry.writes()) {
            String key = write.key();
            if (onlyKeys != null && !onlyKeys.contains(key)) {
                continue;
            }
            if (write instanceof JournalEntry.Put put) {
                state.put(key, StoredValue.of(put.value(), put.sequence(), put.timestampMicros()));
                setExpiry(expiries, key, put.expiresAtMillis());
            } else if (write instanceof JournalEntry.Expire expire) {
                Long old = expiries.get(key);
                boolean alive = old == null || old > expire.timestampMicros() / 1000;
                if (state.containsKey(key) && alive) {
                    setExpiry(expiries, key, expire.expiresAtMillis());
                }
            } else {
                state.remove(key);
                expiries.remove(key);
            }
        }
    }

    private static void setExpiry(Map<String, Long> expiries, String key, long expiresAtMillis) {
        if (expiresAtMillis == 0) {
            expiries.remove(key);
        } else {
            expiries.put(key, expiresAtMillis);
        }
    }
}
