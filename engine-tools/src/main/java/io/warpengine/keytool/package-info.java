/**
 * Reaching the keys from a shell: {@code ./warp get|put|delete|scan|count} for one call each, and {@code ./warp shell}
 * for an interactive prompt. The verbs are shared; where the engine comes from ({@link
 * io.warpengine.keytool.EngineSession}) is what differs.
 */
package io.warpengine.keytool;
