package org.jlvm.tools.pack;

/**
 * The instruction set of 1.x's block encoding: one byte per instruction, the tag in the high nibble and a
 * small operand in the low nibble, wider operands little-endian after it. Running the instructions emits the
 * block: a literal copies bytes, the others emit u64s derived from a running base value.
 */
final class Vm {
    /** base = operand (width 1/2/4/8 in the nibble); emit base. */
    static final int SET = 0;
    /** base += nibble; emit base. */
    static final int POS = 1;
    /** base += operand (width in the nibble); emit base. */
    static final int POS_W = 2;
    /** base -= nibble; emit base. */
    static final int NEG = 3;
    /** base -= operand (width in the nibble); emit base. */
    static final int NEG_W = 4;
    /** Emit base nibble times. */
    static final int CONST = 5;
    /** Emit base (nibble << 8 | next byte) times. */
    static final int CONST_8 = 6;
    /** Apply the next instruction nibble times. */
    static final int COUNT = 7;
    /** Apply the next instruction (nibble << 8 | next byte) times. */
    static final int COUNT_8 = 8;
    /** Copy nibble literal bytes. */
    static final int LIT = 9;
    /** Copy operand literal bytes (width in the nibble). */
    static final int LIT_W = 10;
    /**
     * n = nibble << 8 | next byte u64s, run as two sub-programs of n u64s each (high = value >>> 24, low = value
     * & 0xFFFFFF), emitted as (high << 24) | low.
     */
    static final int SHIFTED_RUN = 11;

    /** Largest count a COUNT_8 / CONST_8 / SHIFTED_RUN operand holds. */
    static final int MAX_COUNT = 4095;

    private Vm() {
    }
}
