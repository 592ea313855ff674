package org.jlvm.cli.lvm.vg;

/** Where the VG operations send lvm's messages: informational lines (stdout) and warnings (stderr). */
public interface Messages {
    void print(String line);

    void warn(String line);
}
