package io.warpengine.journaltool;

import io.warpengine.cli.ValueText;
import io.warpengine.cli.BinaryEncoding;
import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.warpengine.PutOptions;
import io.warpengine.journal.JournalEntry;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * JSON lines, one object per entry:
 * {@code {"seq":7,"time":"2026-11-23T12:00:00.000042Z","op":"PUT","key":"user:42","value":"Ada","encoding":"utf8"}};
 * a DELETE has no value; a PUT or EXPIRE that sets an expiry time has {@code "expires"} (a PERSIST removes it); {@code encoding} is {@code utf8}, {@code hex} or {@code base64}. Jackson's streaming
 * generator over the output, with reused scratch buffers.
 */
final class JsonEntryPrinter implements EntryPrinter {

    private static final JsonFactory FACTORY = new JsonFactory().setRootValueSeparator(null)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    private static final int CHECK_EVERY = 1024;
    // Field names encoded once: the generator copies their bytes instead of escaping them for every entry.
    private static final SerializedString SEQ = new SerializedString("seq");
    private static final SerializedString TIME = new SerializedString("time");
    private static final SerializedString OP = new SerializedString("op");
    private static final SerializedString KEY = new SerializedString("key");
    private static final SerializedString VALUE = new SerializedString("value");
    private static final SerializedString ENCODING = new SerializedString("encoding");
    private static final SerializedString PUT_OP = new SerializedString("PUT");
    private static final SerializedString DELETE_OP = new SerializedString("DELETE");
    private static final SerializedString EXPIRE_OP = new SerializedString("EXPIRE");
    private static final SerializedString PERSIST_OP = new SerializedString("PERSIST");
    private static final SerializedString PLACE_OP = new SerializedString("PLACE");
    private static final SerializedString REAP_OP = new SerializedString("REAP");
    private static final SerializedString ENTANGLE_OP = new SerializedString("ENTANGLE");
    private static final SerializedString DISENTANGLE_OP = new SerializedString("DISENTANGLE");
    private static final SerializedString UTF8 = new SerializedString("utf8");

    private final LineOutput out;
    private final JsonGenerator json;
    /** Whether the generator writes UTF-8 bytes: then text that needs no escape goes in as raw bytes. */
    private final boolean rawBytes;
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
        this.rawBytes = out.isByteStream();
    }

    /**
     * One object per line; a batch prints each member as an object of its own, with the batch's sequence and
     * time and {@code "batch": n}, the number of members.
     */
    @Override
    public void print(JournalEntry entry) {
        if (entry instanceof JournalEntry.Batch batch) {
            for (JournalEntry.KeyWrite write : batch.writes()) {
                printKeyWrite(write, batch.writes().size());
            }
        } else if (entry instanceof JournalEntry.Entangle e) {
            printRelation(e, ENTANGLE_OP, e.primary(), e.strength(), e.related());
        } else if (entry instanceof JournalEntry.Disentangle d) {
            printRelation(d, DISENTANGLE_OP, d.primary(), Float.NaN, d.related());
        } else if (entry instanceof JournalEntry.Place pl) {
            printPlace(pl);
        } else if (entry instanceof JournalEntry.Reap r) {
            printReap(r);
        } else {
            printKeyWrite((JournalEntry.KeyWrite) entry, 0);
        }
    }

    private void printPlace(JournalEntry.Place place) {
        try {
            writeHead(place, PLACE_OP);
            json.writeNumberField("logicalShard", place.logicalShard());
            json.writeNumberField("writer", place.writer());
            json.writeNumberField("logicalShards", place.logicalShards());
            json.writeNumberField("writers", place.writers());
            json.writeEndObject();
            json.writeRaw('\n');
        } catch (IOException e) {
            throw new LineOutput.OutputClosedException(e);
        }
    }

    /** Opens an entry's object: its sequence, time and operation. */
    private void writeHead(JournalEntry entry, SerializedString op) throws IOException {
        json.writeStartObject();
        json.writeFieldName(SEQ);
        json.writeNumber(entry.sequence());
        json.writeFieldName(TIME);
        writeAscii(timeBytes, time.write(entry.timestampMicros(), timeBytes, 0));
        json.writeFieldName(OP);
        json.writeString(op);
    }

    private void writeKeys(String field, List<String> keys) throws IOException {
        json.writeFieldName(field);
        json.writeStartArray();
        for (String key : keys) {
            json.writeString(key);
        }
        json.writeEndArray();
    }

    /** {@code "keys"}: those deleted if their expiry time is at or before the entry's time. */
    private void printReap(JournalEntry.Reap reap) {
        try {
            writeHead(reap, REAP_OP);
            writeKeys("keys", reap.keys());
            json.writeEndObject();
            json.writeRaw('\n');
        } catch (IOException e) {
            throw new LineOutput.OutputClosedException(e);
        }
    }

    /** {@code "key"} is the primary, {@code "related"} the other keys; {@code "strength"} only for ENTANGLE. */
    private void printRelation(JournalEntry entry, SerializedString op, String primary, float strength,
                               List<String> related) {
        try {
            writeHead(entry, op);
            json.writeFieldName(KEY);
            json.writeString(primary);
            if (!Float.isNaN(strength)) {
                json.writeFieldName("strength");
                json.writeNumber(strength);
            }
            writeKeys("related", related);
            json.writeEndObject();
            json.writeRaw('\n');
        } catch (IOException e) {
            throw new LineOutput.OutputClosedException(e);
        }
    }

    private void printKeyWrite(JournalEntry.KeyWrite entry, int batchSize) {
        try {
            writeHead(entry, entry instanceof JournalEntry.Put ? PUT_OP
                    : entry instanceof JournalEntry.Delete ? DELETE_OP
                    : ((JournalEntry.Expire) entry).expiresAtMillis() == 0 ? PERSIST_OP : EXPIRE_OP);
            json.writeFieldName(KEY);
            json.writeString(entry.key());
            byte[] value = entry.accept(EntryValues.VALUE);
            if (value != null) {
                writeValue(value);
            }
            if (entry instanceof JournalEntry.Put put && put.options() != 0) {
                json.writeFieldName("options");
                json.writeString(PutOptions.ofCode(put.options()).toString());
            }
            long expiresAt = TextEntryPrinter.expiryOf(entry);
            if (expiresAt != 0) {
                json.writeStringField("expires", Instant.ofEpochMilli(expiresAt).toString());
            }
            if (batchSize > 0) {
                json.writeFieldName("batch");
                json.writeNumber(batchSize);
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
        json.writeFieldName(VALUE);
        switch (values.classify(value)) {
            case PLAIN -> writeAscii(value, value.length);
            case ASCII -> writeChars(value, value.length);
            case UTF8 -> json.writeString(values.decoded());
            case BINARY -> {
                if (binary == BinaryEncoding.BASE64) {
                    json.writeBinary(Base64Variants.MIME_NO_LINEFEEDS, value, 0, value.length);
                } else {
                    scratch.setLength(0);
                    ValueText.appendEncoded(value, binary, scratch);
                    json.writeString(scratch.toString());
                }
                json.writeStringField("encoding", binary.label());
                return;
            }
        }
        json.writeFieldName(ENCODING);
        json.writeString(UTF8);
    }

    /** ASCII that needs no escape ({@link ValueText.Kind#PLAIN}, a timestamp): raw bytes when the output takes them. */
    private void writeAscii(byte[] ascii, int length) throws IOException {
        if (rawBytes) {
            json.writeRawUTF8String(ascii, 0, length);
        } else {
            writeChars(ascii, length);
        }
    }

    /** ASCII widened into a reused char buffer; Jackson escapes what JSON needs. */
    private void writeChars(byte[] ascii, int length) throws IOException {
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
