package io.headcount.ingest.platform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The platforms' own proofs that a webhook came from them, as they document them. Comparisons take constant time.
 */
public final class Signatures {
    /** Slack refuses requests older than five minutes (replays); we hold Feishu's signed requests to the same. */
    public static final Duration MAX_AGE = Duration.ofMinutes(5);

    private Signatures() {
    }

    /**
     * Slack: {@code X-Slack-Signature} is {@code v0=} and the hex HMAC-SHA256, keyed with the app's signing secret,
     * of {@code v0:<X-Slack-Request-Timestamp>:<body>}.
     */
    public static boolean slackValid(String signingSecret, String timestamp, String signature, byte[] body,
            Instant now) {
        if (signature == null || !fresh(timestamp, now)) {
            return false;
        }
        return constantTimeEquals(slackSignature(signingSecret, timestamp, body), signature);
    }

    /** Epoch seconds within {@link #MAX_AGE} of now, either way. */
    static boolean fresh(String timestamp, Instant now) {
        if (timestamp == null || !timestamp.matches("\\d{1,12}")) {
            return false;
        }
        Instant sent = Instant.ofEpochSecond(Long.parseLong(timestamp));
        return Duration.between(sent, now).abs().compareTo(MAX_AGE) <= 0;
    }

    public static String slackSignature(String signingSecret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /**
     * Feishu with an encrypt key: {@code X-Lark-Signature} is the hex SHA-256 of timestamp, nonce, encrypt key and
     * body, concatenated; the timestamp (epoch seconds) must be within {@link #MAX_AGE}.
     */
    public static boolean feishuValid(String encryptKey, String timestamp, String nonce, String signature,
            byte[] body, Instant now) {
        if (nonce == null || signature == null || !fresh(timestamp, now)) {
            return false;
        }
        return constantTimeEquals(feishuSignature(encryptKey, timestamp, nonce, body), signature);
    }

    public static String feishuSignature(String encryptKey, String timestamp, String nonce, byte[] body) {
        MessageDigest sha = sha256();
        sha.update((timestamp + nonce + encryptKey).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest(body));
    }

    /**
     * Feishu's encrypted body {@code {"encrypt": "..."}}: base64 of a 16-byte IV followed by AES-256-CBC
     * (PKCS#7 padding) ciphertext, keyed with the SHA-256 of the encrypt key.
     *
     * @throws IllegalArgumentException when it does not decrypt with this key
     */
    public static byte[] feishuDecrypt(String encryptKey, String encrypted) {
        try {
            byte[] all = Base64.getDecoder().decode(encrypted);
            if (all.length < 32 || all.length % 16 != 0) {
                throw new IllegalArgumentException("not a Feishu encrypted payload");
            }
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key(encryptKey), "AES"),
                    new IvParameterSpec(Arrays.copyOf(all, 16)));
            return cipher.doFinal(all, 16, all.length - 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("does not decrypt with the configured encrypt key");
        }
    }

    /** The inverse of {@link #feishuDecrypt}, as the platform does it (for tests and local tools). */
    public static String feishuEncrypt(String encryptKey, byte[] plain, byte[] iv) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key(encryptKey), "AES"), new IvParameterSpec(iv));
            byte[] body = cipher.doFinal(plain);
            byte[] all = Arrays.copyOf(iv, 16 + body.length);
            System.arraycopy(body, 0, all, 16, body.length);
            return Base64.getEncoder().encodeToString(all);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES unavailable", e);
        }
    }

    public static boolean constantTimeEquals(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] key(String encryptKey) {
        return sha256().digest(encryptKey.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
