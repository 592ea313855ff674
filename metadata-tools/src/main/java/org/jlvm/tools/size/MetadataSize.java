package org.jlvm.tools.size;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import org.jlvm.tools.ir.ToolException;

/**
 * thin_metadata_size (0.9.0): {@code 1 + 2 * pool_sectors / block_sectors / 252 + max_thins} 4 KiB blocks,
 * with its getopt-style command line, unit letters and number formatting.
 */
public final class MetadataSize {
    static final String UNITS = "bskKmMgGtTpPeEzZyY";
    static final String[] NAMES = {"bytes", "sectors", "kibibytes", "kilobytes", "mebibytes", "megabytes",
        "gibibytes", "gigabytes", "tebibytes", "terabytes", "pebibytes", "petabytes", "ebibytes", "exabytes",
        "zebibytes", "zetabytes", "yobibytes", "yottabytes"};
    static final String PREFIX = "thin_metadata_size - ";

    public static final String HELP = """
            Thin Provisioning Metadata Device Size Calculator.
            Usage: thin_metadata_size [options]
            \t-b  --block-size BLOCKSIZE[bskKmMgGtTpPeEzZyY]  Block size of thin provisioned devices.
            \t-s  --pool-size SIZE[bskKmMgGtTpPeEzZyY]        Size of pool device.
            \t-m  --max-thins #MAXTHINS[bskKmMgGtTpPeEzZyY]   Maximum sum of all thin devices and snapshots.
            \t-u  --unit {bskKmMgGtTpPeEzZyY}                 Output unit specifier.
            \t-n  --numeric-only [short|long]                 Output numeric value only (optionally with short/long unit identifier).
            \t-h  --help                                      This help.
            \t-V  --version                                   Print thin provisioning tools version.
            """;

    private MetadataSize() {
    }

    /** What to print on stdout, or {@code null} with the error in the exception. "HELP"/"VERSION" for those. */
    public static String run(List<String> args) throws ToolException {
        String b = null;
        String s = null;
        String m = null;
        String u = null;
        String n = null;
        boolean numeric = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            char opt;
            String val = null;
            boolean attached = false;
            if (a.startsWith("--")) {
                String name = a.substring(2);
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    val = name.substring(eq + 1);
                    name = name.substring(0, eq);
                    attached = true;
                }
                opt = switch (name) {
                    case "block-size" -> 'b';
                    case "pool-size" -> 's';
                    case "max-thins" -> 'm';
                    case "unit" -> 'u';
                    case "numeric-only" -> 'n';
                    case "help" -> 'h';
                    case "version" -> 'V';
                    default -> throw new ToolException("thin_metadata_size: unrecognized option '" + a + "'");
                };
            } else if (a.startsWith("-") && a.length() > 1) {
                opt = a.charAt(1);
                if (a.length() > 2) {
                    val = a.substring(2);
                    attached = true;
                }
                if ("bsmunhV".indexOf(opt) < 0) {
                    throw new ToolException("thin_metadata_size: invalid option -- '" + opt + "'");
                }
                if ((opt == 'h' || opt == 'V') && attached) {
                    // getopt would read the rest as more options; keep it simple
                    attached = false;
                }
            } else {
                continue;
            }
            if ("bsmu".indexOf(opt) >= 0 && !attached) {
                if (i + 1 >= args.size()) {
                    throw new ToolException("thin_metadata_size: option requires an argument -- '" + opt + "'");
                }
                val = args.get(++i);
            }
            switch (opt) {
                case 'h' -> {
                    return "HELP";
                }
                case 'V' -> {
                    return "VERSION";
                }
                case 'b' -> b = once(b, val);
                case 's' -> s = once(s, val);
                case 'm' -> m = once(m, val);
                case 'u' -> u = once(u, val);
                case 'n' -> {
                    numeric = true;
                    n = val;
                }
                default -> throw new IllegalStateException();
            }
        }
        Size bs = b == null ? null : parse(b, 's');
        Size ps = s == null ? null : parse(s, 's');
        Size mt = m == null ? null : parse(m, '\0');
        if (bs == null || bs.bytes().signum() == 0) {
            throw new ToolException(PREFIX + "block size required!");
        }
        if (ps == null || ps.bytes().signum() == 0) {
            throw new ToolException(PREFIX + "pool size required!");
        }
        if (mt == null || mt.bytes().signum() == 0) {
            throw new ToolException(PREFIX + "max thins required!");
        }
        char unit = 's';
        if (u != null) {
            if (u.length() != 1 || UNITS.indexOf(u.charAt(0)) < 0) {
                throw new ToolException(PREFIX + "output unit specifier invalid!");
            }
            unit = u.charAt(0);
        }
        String suffix = "";
        if (numeric && n != null) {
            if (n.equals("short")) {
                suffix = String.valueOf(unit);
            } else if (n.equals("long")) {
                suffix = NAMES[UNITS.indexOf(unit)];
            } else {
                throw new ToolException(PREFIX + "-n invalid option argument");
            }
        }
        BigInteger blockBytes = bs.bytes();
        if (blockBytes.bitCount() != 1) {
            throw new ToolException(PREFIX + "block size must be 2^^N");
        }
        BigInteger poolBytes = ps.bytes();
        if (poolBytes.compareTo(blockBytes) <= 0) {
            throw new ToolException(PREFIX + "pool size must be larger than block size");
        }
        BigInteger blockSectors = blockBytes.divide(BigInteger.valueOf(512));
        BigInteger poolSectors = poolBytes.divide(BigInteger.valueOf(512));
        if (blockSectors.signum() == 0) {
            throw new ToolException(PREFIX + "block size must be 2^^N");
        }
        BigInteger blocks = BigInteger.ONE.add(poolSectors.shiftLeft(1).divide(blockSectors)
                .divide(BigInteger.valueOf(252))).add(mt.bytes());
        BigInteger bytes = blocks.multiply(BigInteger.valueOf(8 * 512));
        String value = format(bytes, multiplier(unit));
        if (numeric) {
            return value + suffix + "\n";
        }
        return PREFIX + value + " " + NAMES[UNITS.indexOf(unit)] + " estimated metadata area size for \"--block-size="
                + bs.label() + " --pool-size=" + ps.label() + " --max-thins=" + mt.label() + "\"\n";
    }

    private static String once(String old, String v) throws ToolException {
        if (old != null) {
            throw new ToolException(PREFIX + "option already given!");
        }
        return v;
    }

    private record Size(BigInteger bytes, String label) {
    }

    /** A number with an optional unit letter; {@code dflt} '\0' = a plain count. */
    private static Size parse(String text, char dflt) throws ToolException {
        int i = 0;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            i++;
        }
        String digits = text.substring(0, i);
        String rest = text.substring(i);
        if (digits.isEmpty() || rest.length() > 1 || (rest.length() == 1 && UNITS.indexOf(rest.charAt(0)) < 0)) {
            throw new ToolException(PREFIX + "Invalid unit specifier!");
        }
        BigInteger num = new BigInteger(digits);
        char unit = rest.isEmpty() ? dflt : rest.charAt(0);
        if (unit == '\0') {
            return new Size(num, digits);
        }
        return new Size(num.multiply(BigInteger.valueOf(multiplier(unit))),
                digits + NAMES[UNITS.indexOf(unit)]);
    }

    /** The unit's size in bytes as 0.9.0 computes it (64-bit arithmetic, so z/y wrap to 0 and Z/Y wrap). */
    static long multiplier(char unit) {
        int idx = UNITS.indexOf(unit);
        if (idx == 0) {
            return 1;
        }
        if (idx == 1) {
            return 512;
        }
        int power = (idx - 2) / 2 + 1;
        boolean binary = (idx - 2) % 2 == 0;
        BigInteger base = BigInteger.valueOf(binary ? 1024 : 1000);
        return base.pow(power).longValue();
    }

    private static String format(BigInteger bytes, long mult) {
        if (mult == 0) {
            return "0";
        }
        double m = mult < 0 ? (double) (mult >>> 1) * 2.0 + (mult & 1) : (double) mult;
        double r = bytes.doubleValue() / m;
        if (r == Math.floor(r) && r < 1.8e19) {
            return new BigInteger(String.format(Locale.ROOT, "%.0f", r)).toString();
        }
        if (r < 0.01) {
            return String.format(Locale.ROOT, "%.2e", r);
        }
        return String.format(Locale.ROOT, "%.2f", r);
    }
}
