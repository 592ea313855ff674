package org.jlvm.cli.daemon;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One message of the control protocol: a verb, then {@code key=value} fields in order (a key may repeat). Values
 * hold no line breaks (the codec refuses them). Requests carry the command's verb ({@code activate}, {@code status},
 * ...), replies {@code ok} or {@code error} (with {@code code} and {@code line} fields).
 */
record ControlMessage(String verb, List<String[]> fields) {
    ControlMessage {
        fields = List.copyOf(fields);
    }

    static Builder of(String verb) {
        return new Builder(verb);
    }

    /** The first value of {@code key}. */
    Optional<String> get(String key) {
        return fields.stream().filter(f -> f[0].equals(key)).map(f -> f[1]).findFirst();
    }

    String require(String key) throws ProtocolException {
        return get(key).orElseThrow(() -> new ProtocolException(verb + ": missing field " + key));
    }

    long requireLong(String key) throws ProtocolException {
        try {
            return Long.parseLong(require(key));
        } catch (NumberFormatException e) {
            throw new ProtocolException(verb + ": field " + key + " is not a number");
        }
    }

    /** Every value of {@code key}, in order. */
    List<String> all(String key) {
        return fields.stream().filter(f -> f[0].equals(key)).map(f -> f[1]).toList();
    }

    /** Builds a message field by field. */
    static final class Builder {
        private final String verb;
        private final List<String[]> fields = new ArrayList<>();

        private Builder(String verb) {
            this.verb = verb;
        }

        Builder put(String key, Object value) {
            fields.add(new String[] {key, String.valueOf(value)});
            return this;
        }

        Builder putAll(String key, List<String> values) {
            values.forEach(v -> put(key, v));
            return this;
        }

        ControlMessage build() {
            return new ControlMessage(verb, fields);
        }
    }

    /** A message that breaks the protocol (bad framing, a missing or malformed field). */
    static final class ProtocolException extends java.io.IOException {
        private static final long serialVersionUID = 1L;

        ProtocolException(String message) {
            super(message);
        }
    }
}
