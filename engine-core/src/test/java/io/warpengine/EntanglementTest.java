package io.warpengine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The entanglement contract: declaring, validating, quantumGet's order and limits, pattern rules, restarts. */
class EntanglementTest {

    @TempDir
    Path dir;

    private static byte[] v(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> keys(QuantumResult q) {
        return q.entangled().stream().map(Entangled::key).toList();
    }

    @Test
    void quantumGetReadsDeclaredKeysStrongestFirstAboveTheMinimumAndUpToTheLimit() {
        EngineConfig config = EngineConfig.builder(dir).quantumMaxEntangled(3).entangleRules(EntanglementRules.OFF)
                .build();
        try (WarpEngine engine = WarpEngine.open(config)) {
            for (String k : List.of("p", "a", "b", "c", "d", "weak")) {
                engine.put(k, v(k + "-value"));
            }
            engine.entangle("p", List.of("a", "b"), 0.5);
            engine.entangle("p", List.of("c"), 0.9);
            engine.entangle("p", List.of("d", "missing"), 0.7);
            engine.entangle("p", List.of("weak"), 0.05); // under quantum.min.strength (0.1)
            QuantumResult q = engine.quantumGet("p");
            assertEquals("p-value", new String(q.value().orElseThrow(), StandardCharsets.UTF_8));
            // c 0.9, then d and missing at 0.7 (by key): 3 requested, missing not found
            assertEquals(List.of("c", "d"), keys(q));
            assertEquals(3, q.requested());
            assertEquals(2.0 / 3, q.efficiency(), 1e-9);
            assertEquals(0.9, q.entangled().get(0).strength(), 1e-6);
            assertTrue(q.entangled().stream().allMatch(Entangled::declared));
            assertEquals("c-value", new String(q.entangled().get(0).value(), StandardCharsets.UTF_8));

            engine.entangle("p", List.of("a"), 1.0); // a pair entangled again takes the new strength
            engine.disentangle("p", List.of("c", "never-entangled"));
            assertEquals(List.of("a", "d"), keys(engine.quantumGet("p")));
            QuantumResult none = engine.quantumGet("lonely");
            assertTrue(none.value().isEmpty());
            assertEquals(0, none.requested());
            assertEquals(1.0, none.efficiency());
        }
    }

    @Test
    void entanglementsAreValidatedWithClearErrors() {
        try (WarpEngine engine = WarpEngine.open(EngineConfig.builder(dir).entangleMaxRelated(3).build())) {
            assertMessage("at most 1", () -> engine.entangle("p", List.of("a"), 1.5));
            assertMessage("greater than 0", () -> engine.entangle("p", List.of("a"), 0));
            assertMessage("greater than 0", () -> engine.entangle("p", List.of("a"), Double.NaN));
            assertMessage("with itself", () -> engine.entangle("p", List.of("a", "p"), 0.5));
            assertMessage("with no keys", () -> engine.entangle("p", List.of(), 0.5));
            assertMessage("with no keys", () -> engine.disentangle("p", null));
            assertMessage("must not be null", () -> engine.entangle("p", java.util.Arrays.asList("a", null), 0.5));
            engine.entangle("p", List.of("a", "b"), 0.5);
            assertMessage("entangle.max.related", () -> engine.entangle("p", List.of("c", "d"), 0.5));
            engine.entangle("p", List.of("a", "c"), 0.6); // a is already counted: 3 keys, at the limit
            assertEquals(3, engine.quantumGet("p").requested());
            assertEquals(2, engine.stats().lastSequence(), "refused calls journaled nothing");
        }
    }

    @Test
    void entanglementsAndOptionsSurviveRestartsFromTheJournalAndFromSnapshots() {
        EngineConfig config = EngineConfig.builder(dir).entangleRules(EntanglementRules.OFF).build();
        PutOptions hot = new PutOptions(PutOptions.AccessPattern.HOT, PutOptions.Priority.CRITICAL);
        try (WarpEngine engine = WarpEngine.open(config)) {
            engine.put("p", v("1"), hot);
            engine.put("a", v("2"));
            engine.entangle("p", List.of("a", "b"), 0.4);
            engine.checkpoint();
            engine.entangle("p", List.of("c"), 0.9); // after the snapshot: replayed from the journal
            engine.disentangle("p", List.of("b"));
            engine.put("c", v("3"), new PutOptions(PutOptions.AccessPattern.COLD, PutOptions.Priority.LOW));
        }
        for (int round = 0; round < 2; round++) {
            try (WarpEngine engine = WarpEngine.open(config)) {
                QuantumResult q = engine.quantumGet("p");
                assertEquals(List.of("c", "a"), keys(q), "round " + round);
                assertEquals(2, q.requested());
                assertEquals(hot, engine.options("p").orElseThrow());
                assertEquals(PutOptions.DEFAULT, engine.options("a").orElseThrow());
                assertEquals(PutOptions.AccessPattern.COLD, engine.options("c").orElseThrow().access());
                engine.checkpoint(); // the second round starts from this snapshot alone
            }
        }
        try (WarpEngine engine = WarpEngine.open(config)) {
            engine.put("p", v("plain")); // a plain put gives the key the default options again
            engine.delete("c");
            assertEquals(PutOptions.DEFAULT, engine.options("p").orElseThrow());
            assertTrue(engine.options("c").isEmpty());
        }
        try (WarpEngine engine = WarpEngine.open(config)) {
            assertEquals(PutOptions.DEFAULT, engine.options("p").orElseThrow());
            engine.put("c", v("back"));
            assertEquals(PutOptions.DEFAULT, engine.options("c").orElseThrow(), "a delete cleared the options");
        }
    }

    @Test
    void patternRulesDeriveEntanglementsThatVanishWhenTheRuleIsRemoved() throws Exception {
        try (WarpEngine engine = WarpEngine.open(EngineConfig.builder(dir).build())) { // the shipped default rules
            engine.put("user:42", v("ada"));
            engine.put("profile:42", v("profile"));
            engine.put("sessions:42", v("sessions"));
            engine.put("profile:43", v("someone else"));
            engine.entangle("user:42", List.of("orders:42"), 0.95);
            engine.put("orders:42", v("orders"));
            QuantumResult q = engine.quantumGet("user:42");
            assertEquals(List.of("orders:42", "profile:42", "sessions:42"), keys(q));
            assertEquals(List.of(true, false, false), q.entangled().stream().map(Entangled::declared).toList());
            assertEquals(EntanglementRules.STRENGTH, (float) q.entangled().get(1).strength());
            assertEquals(4, q.requested(), "settings:42 was requested and not found");
            assertEquals(0.75, q.efficiency(), 1e-9);
            CompletableFuture<QuantumResult> async = engine.quantumGetAsync("user:42");
            assertEquals(keys(q), keys(async.get()));
        }
        Path file = dir.resolve("only-orders.properties");
        Files.writeString(file, "data.dir=" + dir.toString().replace("\\", "\\\\") + "\n"
                + "entangle.rules=order:*->customer:*\n");
        try (WarpEngine engine = WarpEngine.open(EngineConfig.load(file).build())) {
            assertEquals(List.of("orders:42"), keys(engine.quantumGet("user:42")), "the user rule is gone");
            engine.put("customer:7", v("c"));
            assertEquals(List.of("customer:7"), keys(engine.quantumGet("order:7")));
        }
        try (WarpEngine engine = WarpEngine.open(EngineConfig.builder(dir).set("entangle.rules", "off").build())) {
            assertEquals(List.of("orders:42"), keys(engine.quantumGet("user:42")));
            assertTrue(engine.config().entangleRules().isOff());
        }
    }

    @Test
    void aBadRuleInTheConfigurationFileIsNamed() throws Exception {
        Map<String, String> bad = Map.of(
                "user:*->profile:*;order->customer:*", "'order->customer:*'",
                "user:*->profile", "'user:*->profile'",
                "user:*profile:*", "no '->'",
                "user:*->a:*;user:*->b:*", "another rule",
                "user:*->a:*;", "empty");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            Path file = dir.resolve("bad.properties");
            Files.writeString(file, "entangle.rules=" + e.getKey() + "\n");
            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                    () -> EngineConfig.load(file));
            assertTrue(thrown.getMessage().contains(e.getValue()) && thrown.getMessage().contains("entangle.rules")
                    && thrown.getMessage().contains(file.toString()), thrown.getMessage());
        }
        assertEquals(List.of("b:x:y"), EntanglementRules.parse(" a:* -> b:* ").derive("a:x:y"));
        assertFalse(EntanglementRules.parse("a:*->a:*").derive("a:1").contains("a:1"), "never itself");
    }

    private static void assertMessage(String part, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
