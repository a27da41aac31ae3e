package io.github.incus4j.test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/** Reads the PEM files that {@code openssl} and {@code incusd} write, with the JDK alone. */
final class Pem {

    private static final String PKCS8_HEADER = "-----BEGIN PRIVATE KEY-----";
    private static final String PKCS8_FOOTER = "-----END PRIVATE KEY-----";

    private Pem() {
    }

    static X509Certificate readCertificate(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new IncusDaemonException("Cannot read the X.509 certificate " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads an unencrypted PKCS#8 key. The algorithm is taken from the matching certificate because
     * PKCS#8 PEM does not say it in plain text.
     */
    static PrivateKey readPrivateKey(Path file, String algorithm) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IncusDaemonException("Cannot read the private key " + file + ": " + e.getMessage(), e);
        }
        int start = text.indexOf(PKCS8_HEADER);
        int end = text.indexOf(PKCS8_FOOTER);
        if (start < 0 || end < start) {
            throw new IncusDaemonException("The private key " + file + " is not unencrypted PKCS#8 PEM ("
                    + PKCS8_HEADER + "); it starts with: " + firstLine(text));
        }
        byte[] der = Base64.getMimeDecoder().decode(text.substring(start + PKCS8_HEADER.length(), end));
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IncusDaemonException("Cannot parse the " + algorithm + " private key " + file + ": " + e.getMessage(), e);
        }
    }

    static String sha256Hex(X509Certificate certificate) {
        try {
            return sha256Hex(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IncusDaemonException("Cannot encode certificate " + certificate.getSubjectX500Principal(), e);
        }
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    private static String firstLine(String text) {
        String trimmed = text.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline);
    }
}
