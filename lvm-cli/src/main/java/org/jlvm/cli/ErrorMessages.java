package org.jlvm.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** The one mapping from an exception that reached the CLI to a single clear line for the user. */
final class ErrorMessages {
    private ErrorMessages() {
    }

    static String describe(Throwable t) {
        if (t instanceof NoSuchFileException e) {
            return "No such file or directory: " + e.getFile();
        }
        if (t instanceof AccessDeniedException e) {
            return "Permission denied: " + e.getFile();
        }
        String msg = t.getMessage();
        if (msg == null || msg.isBlank()) {
            msg = t.getClass().getSimpleName();
        }
        return msg;
    }
}
