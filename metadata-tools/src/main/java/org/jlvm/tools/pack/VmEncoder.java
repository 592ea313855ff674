package org.jlvm.tools.pack;

/** Emits {@link Vm} instructions: literals, delta-coded runs of u64s, and shifted runs (as 1.x encodes them). */
final class VmEncoder {
    private final ByteSink out;
    private long[] high = new long[512];
    private long[] low = new long[512];

    VmEncoder(ByteSink out) {
        this.out = out;
    }

    private void tag(int tag, int nibble) {
        out.u8(tag << 4 | nibble);
    }

    private static int width(long v) {
        if (Long.compareUnsigned(v, 0xFFL) <= 0) {
            return 1;
        }
        if (Long.compareUnsigned(v, 0xFFFFL) <= 0) {
            return 2;
        }
        return Long.compareUnsigned(v, 0xFFFFFFFFL) <= 0 ? 4 : 8;
    }

    /** Copies {@code n} bytes. */
    void literal(byte[] d, int off, int n) {
        if (n < 16) {
            tag(Vm.LIT, n);
        } else {
            int w = width(n);
            tag(Vm.LIT_W, w);
            out.le(n, w);
        }
        out.bytes(d, off, n);
    }

    /** Emits {@code ns[0..n)} as a base and runs of equal deltas. */
    void u64s(long[] ns, int n) {
        if (n == 0) {
            return;
        }
        long base = ns[0];
        int w = width(base);
        tag(Vm.SET, w);
        out.le(base, w);
        int i = 1;
        while (i < n) {
            int cmp = Long.compareUnsigned(ns[i], base);
            int c = 0;
            if (cmp == 0) {
                while (i < n && ns[i] == base) {
                    i++;
                    c++;
                }
                constant(c);
            } else {
                long d = cmp > 0 ? ns[i] - base : base - ns[i];
                long step = cmp > 0 ? d : -d;
                while (i < n && ns[i] == base + step) {
                    base += step;
                    i++;
                    c++;
                }
                delta(cmp > 0 ? Vm.POS : Vm.NEG, d, c);
            }
        }
    }

    private void constant(int c) {
        while (c > 0) {
            int k = Math.min(c, Vm.MAX_COUNT);
            if (k < 16) {
                tag(Vm.CONST, k);
            } else {
                tag(Vm.CONST_8, k >> 8);
                out.u8(k & 0xFF);
            }
            c -= k;
        }
    }

    private void delta(int small, long d, int c) {
        while (c > 0) {
            int k = Math.min(c, Vm.MAX_COUNT);
            if (k >= 16) {
                tag(Vm.COUNT_8, k >> 8);
                out.u8(k & 0xFF);
            } else if (k > 1) {
                tag(Vm.COUNT, k);
            }
            if (Long.compareUnsigned(d, 16) < 0) {
                tag(small, (int) d);
            } else {
                int w = width(d);
                tag(small + 1, w);
                out.le(d, w);
            }
            c -= k;
        }
    }

    /** Emits {@code ns[0..n)} (n ≤ 4095) split into high (>>> 24) and low 24-bit parts, each delta-coded. */
    void shifted(long[] ns, int n) {
        if (high.length < n) {
            high = new long[n];
            low = new long[n];
        }
        for (int i = 0; i < n; i++) {
            high[i] = ns[i] >>> 24;
            low[i] = ns[i] & 0xFFFFFFL;
        }
        tag(Vm.SHIFTED_RUN, n >> 8);
        out.u8(n & 0xFF);
        u64s(high, n);
        u64s(low, n);
    }
}
