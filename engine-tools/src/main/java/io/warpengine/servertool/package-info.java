/**
 * {@code ./warp server}: the engine served over the Redis protocol ({@link io.warpengine.server.WarpServer}) until
 * SIGTERM or Ctrl-C.
 */
package io.warpengine.servertool;
