package org.jlvm.tools.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The stderr progress line: nothing during the first second or when not on a terminal, then cleared. */
class ProgressTest {
    @Test
    void showsOnlyAfterASecondAndClearsItsLine() throws InterruptedException {
        StringWriter w = new StringWriter();
        Progress p = new Progress(new PrintWriter(w), -1, true).unit(" mappings");
        p.update(1);
        assertEquals("", w.toString());
        Thread.sleep(1050);
        p.update(5);
        p.total(10);
        p.update(7); // throttled: within 100 ms of the last line
        p.done();
        assertEquals("\r5 mappings\r\033[K", w.toString());

        StringWriter q = new StringWriter();
        Progress off = new Progress(new PrintWriter(q), 10, false);
        Thread.sleep(1050);
        off.update(3);
        off.done();
        assertEquals("", q.toString());
    }
}
