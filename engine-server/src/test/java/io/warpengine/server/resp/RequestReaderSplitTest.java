package io.warpengine.server.resp;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A stream of requests reads the same however the connection's bytes are cut into reads. */
class RequestReaderSplitTest {

    private static final String STREAM = "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$0\r\n\r\n"
            + "*0\r\n*-1\r\nPING\r\n\r\nSET a \"b c\"\r\n"
            + "*2\r\n$3\r\nGET\r\n$10\r\n0123\r\n5678\r\n*1\r\n$4\r\nPING\r\n";

    private static List<String> decode(List<byte[]> chunks) {
        EmbeddedChannel ch = new EmbeddedChannel(new RequestReader(1 << 20));
        for (byte[] c : chunks) {
            ch.writeInbound(Unpooled.wrappedBuffer(c));
        }
        List<String> out = new ArrayList<>();
        List<Request> requests = new ArrayList<>();
        for (Object o; (o = ch.readInbound()) != null; ) {
            requests.addAll(((RequestBatch) o).requests());
        }
        for (Request r : requests) {
            if (r.protocolError() != null) {
                out.add("ERR " + r.protocolError());
            } else {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < r.args().size(); i++) {
                    sb.append('[').append(r.args().text(i)).append(']');
                }
                out.add(sb.toString());
            }
        }
        ch.finishAndReleaseAll();
        return out;
    }

    @Test
    void everySplitPointDecodesTheSame() {
        byte[] all = STREAM.getBytes(StandardCharsets.US_ASCII);
        List<String> whole = decode(List.of(all));
        assertEquals(List.of("[SET][k][]", "[PING]", "[SET][a][b c]", "[GET][0123\r\n5678]", "[PING]"), whole);
        for (int cut = 1; cut < all.length; cut++) { // every pair of cut points: three reads
            for (int cut2 = cut; cut2 < all.length; cut2++) {
                byte[] a = Arrays.copyOfRange(all, 0, cut);
                byte[] b = Arrays.copyOfRange(all, cut, cut2);
                byte[] c = Arrays.copyOfRange(all, cut2, all.length);
                assertEquals(whole, decode(List.of(a, b, c)), "cut at " + cut + "," + cut2);
            }
        }
        List<byte[]> bytes = new ArrayList<>();
        for (byte x : all) {
            bytes.add(new byte[]{x});
        }
        assertEquals(whole, decode(bytes), "byte by byte");
    }
}
