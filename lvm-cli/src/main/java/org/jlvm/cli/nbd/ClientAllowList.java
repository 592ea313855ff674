package org.jlvm.cli.nbd;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * Which TLS client certificates may open which exports. Each rule names a client by the SHA-256 fingerprint of its
 * certificate or by its subject (a subject only means something when certificates are verified against a CA), and
 * optionally the exports it may open (none named: every export). An empty list allows every client. The list is
 * applied to TCP connections; a unix socket's file permissions decide who may connect to it.
 *
 * <p>Rule syntax: {@code [EXPORT,...=]sha256:HEX} (hex digits, colons allowed) or {@code [EXPORT,...=]subject:DN}
 * (an RFC 2253 name such as {@code CN=backup,O=example}).
 */
public final class ClientAllowList {
    /** One rule: a client and the exports it may open (empty: all). */
    record Rule(Optional<String> sha256, Optional<X500Principal> subject, Set<String> exports) {
        boolean matches(X509Certificate cert) {
            if (sha256.isPresent()) {
                return sha256.get().equals(fingerprint(cert));
            }
            return subject.get().equals(cert.getSubjectX500Principal());
        }

        boolean covers(String export) {
            return exports.isEmpty() || exports.contains(export);
        }
    }

    private static final ClientAllowList EVERYONE = new ClientAllowList(List.of());
    private final List<Rule> rules;

    private ClientAllowList(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The empty list: every client may open every export. */
    public static ClientAllowList everyone() {
        return EVERYONE;
    }

    /** Parses rules in the syntax of the class comment; a one-line message naming the bad rule otherwise. */
    public static ClientAllowList parse(List<String> specs) {
        List<Rule> rules = new ArrayList<>();
        for (String spec : specs) {
            rules.add(rule(spec));
        }
        return new ClientAllowList(rules);
    }

    private static Rule rule(String spec) {
        String client = spec;
        Set<String> exports = Set.of();
        int at = indexOfClient(spec);
        if (at > 0) {
            client = spec.substring(at);
            exports = Set.copyOf(List.of(spec.substring(0, at - 1).split(",", -1)));
            if (exports.contains("")) {
                throw new IllegalArgumentException("TLS allow rule '" + spec + "': an empty export name");
            }
        } else if (at < 0) {
            throw new IllegalArgumentException("TLS allow rule '" + spec
                    + "' is not [EXPORT,...=]sha256:HEX or [EXPORT,...=]subject:DN");
        }
        if (client.regionMatches(true, 0, "sha256:", 0, 7)) {
            String hex = client.substring(7).replace(":", "").toLowerCase(Locale.ROOT);
            if (hex.length() != 64 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw new IllegalArgumentException("TLS allow rule '" + spec
                        + "': a SHA-256 fingerprint is 64 hex digits");
            }
            return new Rule(Optional.of(hex), Optional.empty(), exports);
        }
        try {
            return new Rule(Optional.empty(), Optional.of(new X500Principal(client.substring(8))), exports);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("TLS allow rule '" + spec + "': not a distinguished name: "
                    + e.getMessage());
        }
    }

    /** Where the client part starts: 0 (no exports), after the '=' that precedes it, or -1 (no client part). */
    private static int indexOfClient(String spec) {
        for (String kind : new String[] {"sha256:", "subject:"}) {
            if (spec.regionMatches(true, 0, kind, 0, kind.length())) {
                return 0;
            }
            int i = spec.toLowerCase(Locale.ROOT).indexOf("=" + kind);
            if (i > 0) {
                return i + 1;
            }
        }
        return -1;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** True when some rule names a client by subject (which needs a CA to mean anything). */
    boolean hasSubjectRules() {
        return rules.stream().anyMatch(r -> r.subject().isPresent());
    }

    /** True when the list is empty or some rule names this certificate (for any export). */
    boolean knows(X509Certificate cert) {
        return rules.isEmpty() || rules.stream().anyMatch(r -> r.matches(cert));
    }

    /**
     * May a client open {@code export}? With an empty list, yes; otherwise only a client with a certificate that a
     * rule covering the export names.
     */
    boolean mayOpen(Optional<X509Certificate> client, String export) {
        if (rules.isEmpty()) {
            return true;
        }
        return client.isPresent() && rules.stream().anyMatch(r -> r.covers(export) && r.matches(client.get()));
    }

    /** The SHA-256 fingerprint of a certificate's DER encoding, lower-case hex without separators. */
    static String fingerprint(X509Certificate cert) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
            return ""; // matches no rule
        }
    }
}
