package io.warpengine.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile bytes from raw sockets: a broken frame closes that connection after Redis's protocol error (and the
 * replies to the requests before it); nothing half-received is written; every other client goes on.
 */
class MalformedInputTest {

    /** What a socket read when the server kept it open (no more bytes within the wait). */
    private static final String STILL_OPEN = "[open]";

    @TempDir
    static Path dir;
    static TestServer server;
    static Jedis bystander;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir, ServerOptions.builder().maxRequestBytes(1024 * 1024));
        bystander = server.jedis();
        bystander.set("kept", "safe");
    }

    @AfterAll
    static void stop() {
        bystander.close();
        server.close();
    }

    @Test
    void hugeLengthsAreRefusedBeforeAnythingIsHeld() throws IOException {
        assertEquals("-ERR Protocol error: invalid multibulk length\r\n", exchange("*2000000000\r\n"));
        assertEquals("-ERR Protocol error: invalid multibulk length\r\n", exchange("*9999999999999999999\r\n"));
        assertEquals("-ERR Protocol error: invalid bulk length\r\n", exchange("*2\r\n$3\r\nGET\r\n$999999999\r\n"));
        assertEquals("-ERR Protocol error: invalid bulk length\r\n",
                exchange("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$" + (2 * 1024 * 1024) + "\r\nxxxx"), "over the request limit");
        String tooLong = exchange("*2\r\n$3\r\nGET\r\n$99999999999999999999\r\n");
        assertTrue(tooLong.startsWith("-ERR Protocol error: ") && tooLong.endsWith("\r\n"), tooLong);
        String endless = exchange("*" + "1".repeat(3 * 1024 * 1024));
        assertTrue(endless.startsWith("-ERR Protocol error: too big"), endless);
        assertAllOthersFine();
    }

    @Test
    void brokenFramesGetTheErrorAfterTheRepliesBeforeThem() throws IOException {
        assertEquals("+PONG\r\n+PONG\r\n+PONG\r\n-ERR Protocol error: invalid multibulk length\r\n",
                exchange("*1\r\n$4\r\nPING\r\n*1\r\n$4\r\nPING\r\n*-5\r\n*1\r\n$4\r\nPING\r\n*x\r\n"));
        assertEquals("-ERR Protocol error: expected '$', got ':'\r\n", exchange("*2\r\n$3\r\nGET\r\n:1\r\n"));
        assertEquals("-ERR unknown command '$3', with args beginning with: \r\n"
                + "-ERR wrong number of arguments for 'get' command\r\n" + STILL_OPEN,
                exchange("$3\r\nGET\r\n"), "a line that is not an array is an inline command, as in Redis");
        assertEquals("-ERR Protocol error: invalid bulk length\r\n", exchange("*2\r\n$3\r\nGET\r\n$-1\r\n"));
        String badDelimiter = exchange("*1\r\n$4\r\nPINGxx");
        assertEquals("-ERR Protocol error: expected CRLF after a bulk string of 4 bytes\r\n", badDelimiter);
        assertEquals("-ERR Protocol error: unbalanced quotes in request\r\n", exchange("SET \"a b\r\n"));
        assertAllOthersFine();
    }

    @Test
    void inlineCommandsWorkAsInRedis() throws IOException {
        assertEquals("+PONG\r\n+OK\r\n$11\r\nhello world\r\n+OK\r\n",
                exchange("PING\r\nSET inline \"hello world\"\r\n\r\nGET inline\r\nQUIT\r\n"));
        bystander.del("inline");
    }

    @Test
    void aTruncatedFrameWritesNothing() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write(ascii("*3\r\n$3\r\nSET\r\n$9\r\ntruncated\r\n$5\r\nval"));
        }
        assertAllOthersFine();
        assertEquals(false, bystander.exists("truncated"));
    }

    @Test
    void randomBytesNeverHurtAnotherClient() throws IOException {
        Random random = new Random(15);
        for (int i = 0; i < 40; i++) {
            byte[] garbage = new byte[1 + random.nextInt(8192)];
            random.nextBytes(garbage);
            if (i % 2 == 0) {
                garbage[0] = '*'; // half of them look like a request at first
            }
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                socket.setSoTimeout(50);
                socket.getOutputStream().write(garbage);
                drain(socket.getInputStream());
            }
        }
        assertAllOthersFine();
    }

    private static void assertAllOthersFine() {
        assertEquals("safe", bystander.get("kept"));
        try (Jedis fresh = server.jedis()) {
            assertEquals("PONG", fresh.ping());
            assertEquals("safe", fresh.get("kept"));
        }
    }

    /** Sends {@code request} and returns what came back until the server closed the connection. */
    private static String exchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(2000);
            try {
                socket.getOutputStream().write(ascii(request));
            } catch (IOException reset) {
                // the server refused the request and closed before reading all of it: its reply is still readable
            }
            return drain(socket.getInputStream());
        }
    }

    private static String drain(InputStream in) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                read.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException stillOpen) {
            return read.toString(StandardCharsets.UTF_8) + STILL_OPEN;
        } catch (IOException reset) {
            // the server closed with bytes of ours unread: a reset ends the stream
        }
        return read.toString(StandardCharsets.UTF_8);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
