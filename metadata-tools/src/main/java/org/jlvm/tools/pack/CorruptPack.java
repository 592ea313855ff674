package org.jlvm.tools.pack;

/** A chunk whose compressed data or block encoding is bad; the message says what. */
final class CorruptPack extends Exception {
    private static final long serialVersionUID = 1L;

    CorruptPack(String message) {
        super(message);
    }
}
