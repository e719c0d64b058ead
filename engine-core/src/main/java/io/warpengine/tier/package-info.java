/**
 * Event-horizon tiers: values held under a memory bound, hot in memory, compressed in memory, or on disk in the deep
 * log; keys and where their values are stay in memory.
 */
package io.warpengine.tier;
