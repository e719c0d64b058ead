package io.warpengine;

import io.warpengine.core.CommandLog;
import io.warpengine.snapshot.SnapshotFiles;

import java.util.function.UnaryOperator;

/**
 * Where the engine meets its disk: the command log it appends to and the snapshot store's file operations. The
 * fault tests put failing versions here (a failing append or fsync, rename or directory sync); {@link #REAL} is
 * what {@link WarpEngine#open(EngineConfig)} uses.
 *
 * @param journal       wraps the command log the engine opened
 * @param snapshotFiles wraps the snapshot store's real file operations
 */
record StorageSeams(UnaryOperator<CommandLog> journal, UnaryOperator<SnapshotFiles> snapshotFiles) {

    static final StorageSeams REAL = new StorageSeams(UnaryOperator.identity(), UnaryOperator.identity());
}
