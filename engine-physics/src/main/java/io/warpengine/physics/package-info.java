/**
 * Physics intelligence: downstream {@link io.warpengine.CommandObserver}s fed with every applied command, off
 * the callers' critical path. The features (gravitational routing, quantum entanglement, entropy monitoring,
 * wormholes, event-horizon tiers) arrive with their own issues.
 */
package io.warpengine.physics;
