package io.warpengine.cli;

/** How a value that is not printable UTF-8 is shown. */
public enum BinaryEncoding {
    HEX, BASE64;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
