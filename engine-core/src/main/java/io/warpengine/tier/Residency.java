package io.warpengine.tier;

/** How long a key's value stays in memory, from its put options: the demoter's rule per key. */
public enum Residency {
    /** Never leaves memory (priority critical). */
    KEEP,
    /** Demoted when memory is short and the value has not been read since the demoter last passed it. */
    NORMAL,
    /** Demoted to the deep tier at the demoter's first pass, read or not (a cold temperature). */
    COLD
}
