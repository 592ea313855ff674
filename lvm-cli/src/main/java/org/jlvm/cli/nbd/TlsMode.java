package org.jlvm.cli.nbd;

/**
 * Whether a listener's connections use TLS ({@code NBD_OPT_STARTTLS}), in the NBD protocol's terms.
 * {@link #AUTO} resolves per listener: {@link #REQUIRE} on TCP addresses other than loopback, otherwise {@link #ON}
 * when a certificate is configured and {@link #OFF} when not.
 */
public enum TlsMode {
    /** NOTLS: STARTTLS is refused with {@code NBD_REP_ERR_POLICY}. */
    OFF,
    /** Clients may upgrade with STARTTLS, or go on in plain text. */
    ON,
    /** FORCEDTLS: every option but STARTTLS and ABORT is refused with {@code NBD_REP_ERR_TLS_REQD} until TLS. */
    REQUIRE,
    /** The default: see the class comment. */
    AUTO;

    /** Parses {@code off|on|require|auto} (any case); a one-line message otherwise. */
    public static TlsMode parse(String s) {
        for (TlsMode m : values()) {
            if (m.name().equalsIgnoreCase(s)) {
                return m;
            }
        }
        throw new IllegalArgumentException("TLS mode '" + s + "' is not one of off, on, require, auto");
    }
}
