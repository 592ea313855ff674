package org.jlvm.tools.pack;

/**
 * Runs {@link Vm} instructions to rebuild one block, with 1.x's semantics (a shifted run's two halves run on
 * the same base and may overshoot; a count prefix applies to the next instruction and is ignored by a shifted
 * run). Anything 1.x would reject (bad tag or width, a count before a literal or constant, a block that is not
 * exactly 4096 bytes) is a {@link CorruptPack}.
 */
final class VmDecoder {
    private static final int MAX_DEPTH = 8;
    private static final java.lang.invoke.VarHandle LE64 = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private final ChunkInput in;
    /** Per nesting depth, the buffers of a shifted run's high and low halves. */
    private final byte[][][] scratch = new byte[MAX_DEPTH][2][];
    private long base;
    private int depth;

    VmDecoder(ChunkInput in) {
        this.in = in;
    }

    /** Where emitted bytes go; bytes past {@code cap} are counted and dropped. */
    private static final class Out {
        final byte[] d;
        final int off;
        final int cap;
        long written;

        Out(byte[] d, int off, int cap) {
            this.d = d;
            this.off = off;
            this.cap = cap;
        }

        void u64(long v) {
            if (written + 8 <= cap) {
                LE64.set(d, off + (int) written, v);
            }
            written += 8;
        }

        long u64At(int i) {
            return (long) LE64.get(d, off + 8 * i);
        }
    }

    /** Decodes the next block into {@code d[off..off+4096)}. */
    void block(byte[] d, int off) throws CorruptPack {
        base = 0;
        depth = 0;
        Out o = new Out(d, off, PackFormat.BLOCK_SIZE);
        while (o.written < PackFormat.BLOCK_SIZE) {
            instruction(o, 1);
        }
        if (o.written != PackFormat.BLOCK_SIZE) {
            throw new CorruptPack("a block decodes to " + o.written + " bytes, not " + PackFormat.BLOCK_SIZE);
        }
    }

    private void run(Out o, long bytes) throws CorruptPack {
        long start = o.written;
        while (o.written - start < bytes) {
            instruction(o, 1);
        }
    }

    private long operand(int width) throws CorruptPack {
        if (width != 1 && width != 2 && width != 4 && width != 8) {
            throw new CorruptPack("bad operand width " + width + " in a block encoding");
        }
        return in.le(width);
    }

    private static void once(int count, String what) throws CorruptPack {
        if (count != 1) {
            throw new CorruptPack("a count prefix before " + what + " in a block encoding");
        }
    }

    private void instruction(Out o, int count) throws CorruptPack {
        int b = in.u8();
        int nibble = b & 0xF;
        switch (b >>> 4) {
            case Vm.SET -> {
                base = operand(nibble);
                emit(o, 0, count);
            }
            case Vm.POS -> emit(o, nibble, count);
            case Vm.POS_W -> emit(o, operand(nibble), count);
            case Vm.NEG -> emit(o, -nibble, count);
            case Vm.NEG_W -> emit(o, -operand(nibble), count);
            case Vm.CONST -> {
                once(count, "a constant");
                emit(o, 0, nibble);
            }
            case Vm.CONST_8 -> {
                once(count, "a constant");
                emit(o, 0, nibble << 8 | in.u8());
            }
            case Vm.COUNT -> instruction(o, nibble);
            case Vm.COUNT_8 -> instruction(o, nibble << 8 | in.u8());
            case Vm.LIT -> {
                once(count, "a literal");
                literal(o, nibble);
            }
            case Vm.LIT_W -> {
                once(count, "a literal");
                literal(o, operand(nibble));
            }
            case Vm.SHIFTED_RUN -> shifted(o, nibble << 8 | in.u8());
            default -> throw new CorruptPack("bad instruction " + (b >>> 4) + " in a block encoding");
        }
    }

    private void emit(Out o, long step, int count) throws CorruptPack {
        for (int i = 0; i < count; i++) {
            base += step;
            o.u64(base);
        }
        overrun(o);
    }

    private void overrun(Out o) throws CorruptPack {
        if (depth == 0 && o.written > PackFormat.BLOCK_SIZE) {
            throw new CorruptPack("a block decodes to more than " + PackFormat.BLOCK_SIZE + " bytes");
        }
    }

    private void literal(Out o, long n) throws CorruptPack {
        if (n < 0 || (depth == 0 && o.written + n > PackFormat.BLOCK_SIZE)) {
            throw new CorruptPack("a block decodes to more than " + PackFormat.BLOCK_SIZE + " bytes");
        }
        long fits = Math.max(0, Math.min(n, o.cap - o.written));
        in.copy(o.d, o.off + (int) o.written, fits);
        in.copy(null, 0, n - fits);
        o.written += n;
    }

    private void shifted(Out o, int n) throws CorruptPack {
        if (depth + 1 >= MAX_DEPTH) {
            throw new CorruptPack("shifted runs nested too deeply in a block encoding");
        }
        depth++;
        Out high = sub(0, n);
        Out low = sub(1, n);
        run(high, 8L * n);
        run(low, 8L * n);
        depth--;
        for (int i = 0; i < n; i++) {
            o.u64(high.u64At(i) << 24 | (low.u64At(i) & 0xFFFFFFL));
        }
        overrun(o);
    }

    private Out sub(int which, int n) {
        if (scratch[depth][which] == null) {
            scratch[depth][which] = new byte[8 * Vm.MAX_COUNT];
        }
        return new Out(scratch[depth][which], 0, 8 * n);
    }
}
