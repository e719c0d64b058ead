package io.warpengine.journaltool;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.warpengine.journal.JournalEntry;

import java.io.IOException;

/**
 * JSON lines, one object per entry:
 * {@code {"seq":7,"time":"2026-11-23T12:00:00.000042Z","op":"PUT","key":"user:42","value":"Ada","encoding":"utf8"}};
 * a DELETE has no value; {@code encoding} is {@code utf8}, {@code hex} or {@code base64}. Jackson's streaming
 * generator over the output, with reused scratch buffers.
 */
final class JsonEntryPrinter implements EntryPrinter {

    private static final JsonFactory FACTORY = new JsonFactory().setRootValueSeparator(null)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    private static final int CHECK_EVERY = 1024;

    private final LineOutput out;
    private final JsonGenerator json;
    private final BinaryEncoding binary;
    private final Timestamps time = new Timestamps();
    private final ValueText values = new ValueText();
    private final byte[] timeBytes = new byte[Timestamps.LENGTH];
    private final StringBuilder scratch = new StringBuilder(64);
    private char[] chars = new char[256];
    private int sinceCheck;

    JsonEntryPrinter(LineOutput out, BinaryEncoding binary) {
        this.out = out;
        this.binary = binary;
        this.json = out.jsonGenerator(FACTORY);
    }

    @Override
    public void print(JournalEntry entry) {
        try {
            json.writeStartObject();
            json.writeNumberField("seq", entry.sequence());
            json.writeFieldName("time");
            writeAscii(timeBytes, time.write(entry.timestampMicros(), timeBytes, 0));
            json.writeStringField("op", entry instanceof JournalEntry.Put ? "PUT" : "DELETE");
            json.writeStringField("key", entry.key());
            if (entry instanceof JournalEntry.Put put) {
                writeValue(put.value());
            }
            json.writeEndObject();
            json.writeRaw('\n');
        } catch (IOException e) {
            throw new LineOutput.OutputClosedException(e);
        }
        if (++sinceCheck == CHECK_EVERY) {
            sinceCheck = 0;
            out.checkOpen();
        }
    }

    private void writeValue(byte[] value) throws IOException {
        json.writeFieldName("value");
        String encoding = "utf8";
        switch (values.classify(value)) {
            case PLAIN, ASCII -> writeAscii(value, value.length);
            case UTF8 -> json.writeString(values.decoded());
            case BINARY -> {
                encoding = binary.label();
                if (binary == BinaryEncoding.BASE64) {
                    json.writeBinary(Base64Variants.MIME_NO_LINEFEEDS, value, 0, value.length);
                } else {
                    scratch.setLength(0);
                    ValueText.appendEncoded(value, binary, scratch);
                    json.writeString(scratch.toString());
                }
            }
        }
        json.writeStringField("encoding", encoding);
    }

    /** A string of ASCII bytes, widened into a reused char buffer (Jackson escapes what JSON needs). */
    private void writeAscii(byte[] ascii, int length) throws IOException {
        if (chars.length < length) {
            chars = new char[Integer.highestOneBit(length) << 1];
        }
        for (int i = 0; i < length; i++) {
            chars[i] = (char) ascii[i];
        }
        json.writeString(chars, 0, length);
    }

    @Override
    public void flush() {
        try {
            json.flush();
        } catch (IOException e) {
            throw new LineOutput.OutputClosedException(e);
        }
        out.flush();
    }
}
