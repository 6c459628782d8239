package io.headcount.localkit;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code infra/local/token ROLE [--org ORG] [--sub USER] [--ttl SECONDS]}: prints a token signed with
 * the local dev key and nothing else, so it can be used as {@code $(infra/local/token admin)}.
 */
public final class TokenCommand {

    static final List<String> ROLES = List.of("admin", "group-admin", "member", "bot");
    static final String USAGE = "usage: token ROLE [--org ORG] [--sub USER] [--ttl SECONDS]\n"
            + "  ROLE     one of " + String.join(", ", ROLES) + "\n"
            + "  --org    organisation claim (default demo)\n"
            + "  --sub    subject (default: the role name)\n"
            + "  --ttl    seconds until expiry (default 3600; negative gives an expired token)";

    private TokenCommand() {
    }

    public static void main(String[] args) {
        // jose4j logs through SLF4J, which would warn on stderr that it has no provider.
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        int status = run(args, System.out, System.err, null);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Returns the exit status; {@code keysDir} null means {@link DevKeys#defaultDir()}. */
    static int run(String[] args, PrintStream out, PrintStream err, Path keysDir) {
        String role = null;
        String org = "demo";
        String subject = null;
        long ttl = 3600;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "-h", "--help" -> {
                        out.println(USAGE);
                        return 0;
                    }
                    case "--org" -> org = value(args, ++i);
                    case "--sub" -> subject = value(args, ++i);
                    case "--ttl" -> ttl = seconds(value(args, ++i));
                    default -> {
                        if (role != null || !ROLES.contains(args[i])) {
                            throw new IllegalArgumentException(role == null
                                    ? "unknown role or option: " + args[i] : "unexpected argument: " + args[i]);
                        }
                        role = args[i];
                    }
                }
            }
            if (role == null) {
                throw new IllegalArgumentException("ROLE is required");
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        DevKeys keys = DevKeys.loadOrCreate(keysDir == null ? DevKeys.defaultDir() : keysDir);
        Tokens tokens = new Tokens(keys.privateKey(), keys.algorithm(), LocalDefaults.ISSUER, LocalDefaults.AUDIENCE);
        out.println(tokens.mint(role, org, subject == null ? role : subject, ttl));
        return 0;
    }

    private static long seconds(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--ttl needs whole seconds, not " + value);
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length || args[i].isBlank()) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
