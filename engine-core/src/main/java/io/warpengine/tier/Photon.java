package io.warpengine.tier;

/**
 * A value in the photon sphere: its stored value LZ4-compressed ({@link PhotonCodec}). Compared by identity, as
 * the stores' compare-and-set needs: two photons are the same only if they are one object.
 */
final class Photon {

    final byte[] compressed;

    Photon(byte[] compressed) {
        this.compressed = compressed;
    }

    byte[] stored() {
        return PhotonCodec.decompress(compressed);
    }

    int storedLength() {
        return PhotonCodec.storedLength(compressed);
    }
}
