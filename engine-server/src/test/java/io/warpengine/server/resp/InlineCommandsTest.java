package io.warpengine.server.resp;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Inline commands split as Redis's sdssplitargs splits them. */
class InlineCommandsTest {

    @Test
    void wordsQuotesAndEscapes() {
        assertEquals(List.of("SET", "k", "v"), split("SET k   v"));
        assertEquals(List.of("SET", "a key", "it's"), split("SET \"a key\" 'it\\'s'"));
        assertEquals(List.of("ECHO", "tab\there", "A"), split("ECHO \"tab\\there\" \"\\x41\""));
        assertEquals(List.of("SET", "k", ""), split("SET k \"\""));
        assertEquals(List.of(), split("   "));
        assertNull(InlineCommands.split(bytes("SET \"open")), "unbalanced double quote");
        assertNull(InlineCommands.split(bytes("SET 'open")), "unbalanced single quote");
        assertNull(InlineCommands.split(bytes("SET \"a\"b")), "a closing quote must end the word");
    }

    private static List<String> split(String line) {
        return InlineCommands.split(bytes(line)).stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
