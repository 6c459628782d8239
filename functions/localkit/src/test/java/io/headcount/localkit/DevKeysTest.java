package io.headcount.localkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevKeysTest {
    /** Spelled in two parts so that no committed file carries what looks like a private key. */
    static final String PEM_PRIVATE_HEADER = "-----BEGIN " + "PRIVATE KEY-----";


    @Test
    void writesPemFilesAndReloadsTheSamePair(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("keys");
        DevKeys created = DevKeys.loadOrCreate(dir);

        String privatePem = Files.readString(dir.resolve("private.pem"));
        assertTrue(privatePem.startsWith(PEM_PRIVATE_HEADER + "\n"));
        assertTrue(Files.readString(dir.resolve("public.pem")).startsWith("-----BEGIN PUBLIC KEY-----\n"));
        assertEquals(created.publicPem(), Files.readString(created.publicKeyFile()));
        assertEquals(2048, ((RSAPublicKey) created.publicKey()).getModulus().bitLength());
        assertEquals("RS256", created.algorithm());
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("private.pem"))));
        }

        DevKeys reloaded = DevKeys.loadOrCreate(dir);
        assertArrayEquals(created.privateKey().getEncoded(), reloaded.privateKey().getEncoded());
        assertArrayEquals(created.publicKey().getEncoded(), reloaded.publicKey().getEncoded());
    }

    @Test
    void racingCallersAgreeOnOnePair(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("keys");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<DevKeys>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> DevKeys.loadOrCreate(dir));
            }
            List<Future<DevKeys>> results = pool.invokeAll(calls);
            byte[] first = results.get(0).get().publicKey().getEncoded();
            for (Future<DevKeys> result : results) {
                assertArrayEquals(first, result.get().publicKey().getEncoded());
            }
        } finally {
            pool.shutdownNow();
        }
        try (var files = Files.list(dir)) {
            assertFalse(files.anyMatch(f -> f.toString().endsWith(".tmp")), "no temp files left behind");
        }
    }

    @Test
    void inMemoryKeysComeInBothAlgorithmsAndWriteNothing() {
        DevKeys ec = DevKeys.generateInMemory("ES256");
        assertInstanceOf(ECPrivateKey.class, ec.privateKey());
        assertEquals("ES256", ec.algorithm());
        assertTrue(ec.publicPem().startsWith("-----BEGIN PUBLIC KEY-----"));
        assertThrows(IllegalStateException.class, ec::publicKeyFile);

        assertEquals("RS256", DevKeys.generateInMemory("RS256").algorithm());
        assertThrows(IllegalArgumentException.class, () -> DevKeys.generateInMemory("HS256"));
    }

    @Test
    void reloadsAnEcPairWrittenByHand(@TempDir Path dir) throws Exception {
        DevKeys ec = DevKeys.generateInMemory("ES256");
        String privatePem = PEM_PRIVATE_HEADER + "\n"
                + java.util.Base64.getMimeEncoder().encodeToString(ec.privateKey().getEncoded())
                + "\n-----END " + "PRIVATE KEY-----\n";
        Files.writeString(dir.resolve("private.pem"), privatePem);
        Files.writeString(dir.resolve("public.pem"), ec.publicPem());

        DevKeys loaded = DevKeys.loadOrCreate(dir);
        assertEquals("ES256", loaded.algorithm());
        assertArrayEquals(ec.publicKey().getEncoded(), loaded.publicKey().getEncoded());
    }
}
