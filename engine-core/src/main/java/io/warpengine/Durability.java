package io.warpengine;

/** When a write is acknowledged, and what it then survives. */
public enum Durability {
    /** Acknowledged once its entry is in the memory-mapped journal: survives the process dying (kill -9), not power loss. */
    PROCESS("process"),
    /** Acknowledged after the journal thread msyncs the batch holding it (group commit): survives power loss. */
    POWER("power");

    private final String configName;

    Durability(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }
}
