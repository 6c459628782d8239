package io.headcount.localkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The local signing key pair: the local run's functions verify with the public PEM, the token
 * command and tests sign with the private one. Never used in AWS.
 */
public final class DevKeys {

    private static final String PRIVATE_FILE = "private.pem";
    private static final String PUBLIC_FILE = "public.pem";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final Path publicKeyFile;

    private DevKeys(PrivateKey privateKey, PublicKey publicKey, Path publicKeyFile) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.publicKeyFile = publicKeyFile;
    }

    /** {@code $HEADCOUNT_KEYS} if set, else {@code .local/keys} in the project root (git-ignored). */
    public static Path defaultDir() {
        String dir = System.getenv("HEADCOUNT_KEYS");
        return dir != null && !dir.isBlank() ? Path.of(dir) : TemplateModel.projectRoot().resolve(".local/keys");
    }

    /** Loads the RSA pair from {@code dir}, generating and writing it first if it is missing. */
    public static DevKeys loadOrCreate(Path dir) {
        try {
            Path privateFile = dir.resolve(PRIVATE_FILE);
            Path publicFile = dir.resolve(PUBLIC_FILE);
            // The public file is moved into place last, so with both present the pair is complete.
            if (!(Files.isRegularFile(privateFile) && Files.isRegularFile(publicFile))) {
                createUnderLock(dir, privateFile, publicFile);
            }
            return new DevKeys(
                    readPrivate(Files.readString(privateFile, StandardCharsets.US_ASCII)),
                    readPublic(Files.readString(publicFile, StandardCharsets.US_ASCII)),
                    publicFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load or create dev keys in " + dir, e);
        }
    }

    /** A fresh pair kept in memory only: {@code RS256} (RSA 2048) or {@code ES256} (EC P-256). */
    public static DevKeys generateInMemory(String alg) {
        KeyPair pair = generate(alg);
        return new DevKeys(pair.getPrivate(), pair.getPublic(), null);
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** The JWS algorithm these keys sign with: {@code RS256} or {@code ES256}. */
    public String algorithm() {
        return privateKey instanceof ECPrivateKey ? "ES256" : "RS256";
    }

    /** The public key as an X.509 SubjectPublicKeyInfo PEM, the format {@code mp.jwt.verify.publickey} reads. */
    public String publicPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    /** The written public.pem; in-memory keys have none. */
    public Path publicKeyFile() {
        if (publicKeyFile == null) {
            throw new IllegalStateException("in-memory keys are not written to a file; write publicPem() yourself");
        }
        return publicKeyFile;
    }

    // Two processes (say the local server and the token command) may start on a fresh checkout
    // at once: a file lock makes one generate while the other waits and then reads its pair.
    private static synchronized void createUnderLock(Path dir, Path privateFile, Path publicFile) throws IOException {
        Files.createDirectories(dir);
        try (FileChannel channel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            if (Files.isRegularFile(privateFile) && Files.isRegularFile(publicFile)) {
                return;
            }
            KeyPair pair = generate("RS256");
            writeAtomically(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), "rw-------");
            writeAtomically(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()), "rw-r--r--");
        }
    }

    private static void writeAtomically(Path file, String content, String posixPermissions) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        // Created with its final permissions, so the private key is never readable by others, even briefly.
        Path temp = posix
                ? Files.createTempFile(file.getParent(), file.getFileName() + ".", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(posixPermissions)))
                : Files.createTempFile(file.getParent(), file.getFileName() + ".", ".tmp");
        try {
            Files.writeString(temp, content, StandardCharsets.US_ASCII);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static KeyPair generate(String alg) {
        try {
            return switch (alg) {
                case "RS256" -> {
                    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
                    rsa.initialize(2048);
                    yield rsa.generateKeyPair();
                }
                case "ES256" -> {
                    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
                    ec.initialize(new ECGenParameterSpec("secp256r1"));
                    yield ec.generateKeyPair();
                }
                default -> throw new IllegalArgumentException("unsupported algorithm " + alg + "; use RS256 or ES256");
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + alg + " key pair", e);
        }
    }

    private static PrivateKey readPrivate(String pem) {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(derOf(pem, "PRIVATE KEY"));
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(spec);
        } catch (InvalidKeySpecException notRsa) {
            try {
                return KeyFactory.getInstance("EC").generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("private.pem holds neither an RSA nor an EC PKCS#8 key", e);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PublicKey readPublic(String pem) {
        X509EncodedKeySpec spec = new X509EncodedKeySpec(derOf(pem, "PUBLIC KEY"));
        try {
            return KeyFactory.getInstance("RSA").generatePublic(spec);
        } catch (InvalidKeySpecException notRsa) {
            try {
                return KeyFactory.getInstance("EC").generatePublic(spec);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("public.pem holds neither an RSA nor an EC X.509 key", e);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] derOf(String pem, String type) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalStateException("not a PEM " + type);
        }
        return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
