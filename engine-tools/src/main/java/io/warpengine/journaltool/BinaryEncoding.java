package io.warpengine.journaltool;

/** How a value that is not printable UTF-8 is shown. */
enum BinaryEncoding {
    HEX, BASE64;

    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
