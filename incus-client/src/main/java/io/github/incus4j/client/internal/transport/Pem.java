package io.github.incus4j.client.internal.transport;

import io.github.incus4j.client.exception.IncusSettingException.Setting;
import io.github.incus4j.client.exception.IncusSettingException;
import java.io.ByteArrayInputStream;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM certificates and private keys with the JDK alone.
 *
 * <p>Keys come in three PEM flavours in the Incus world: PKCS#8 ({@code PRIVATE KEY}, what
 * {@code openssl req -newkey} writes), SEC1 ({@code EC PRIVATE KEY}, what the {@code incus}
 * command line writes to {@code client.key}) and PKCS#1 ({@code RSA PRIVATE KEY}). The JDK only
 * reads PKCS#8, so SEC1 and PKCS#1 keys are wrapped into PKCS#8 first. Encrypted keys are not
 * supported: use a PKCS12 keystore for those.
 */
final class Pem {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private static final byte[] OID_RSA = {0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01};
    private static final byte[] OID_EC_PUBLIC_KEY = {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    private Pem() {
    }

    /**
     * Reads the certificates of a PEM text.
     *
     * @param pem the PEM text
     * @param source where it came from, for messages
     * @param setting the setting it was given as, for failures
     * @return the certificates, at least one
     * @throws IncusSettingException if there is none or one is not valid
     */
    static List<X509Certificate> certificates(String pem, String source, Setting setting) {
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Block block : blocks(pem, source, setting)) {
                if (block.type().equals("CERTIFICATE")) {
                    certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
                }
            }
        } catch (CertificateException e) {
            throw new IncusSettingException(setting, source + " is not a valid PEM certificate: " + e.getMessage(),
                    e);
        }
        if (certificates.isEmpty()) {
            throw new IncusSettingException(setting, source + " holds no '-----BEGIN CERTIFICATE-----' block");
        }
        return certificates;
    }

    /**
     * Reads the first private key of a PEM text.
     *
     * @param pem the PEM text
     * @param source where it came from, for messages
     * @return the key
     * @throws IncusSettingException for {@link Setting#CLIENT_KEY} if there is none or it cannot be read
     */
    static PrivateKey privateKey(String pem, String source) {
        for (Block block : blocks(pem, source, Setting.CLIENT_KEY)) {
            switch (block.type()) {
                case "PRIVATE KEY":
                    return pkcs8(block.der(), source);
                case "EC PRIVATE KEY":
                    return pkcs8(Der.wrapSec1(block.der(), OID_EC_PUBLIC_KEY, source), source);
                case "RSA PRIVATE KEY":
                    return pkcs8(Der.wrapPkcs1(block.der(), OID_RSA), source);
                case "ENCRYPTED PRIVATE KEY":
                    throw new IncusSettingException(Setting.CLIENT_KEY,
                            source + " is an encrypted private key; decrypt it "
                            + "('openssl pkey -in key.pem -out plain.pem') or use a PKCS12 keystore with a password");
                default:
                    // Another block (a certificate in the same file): keep looking.
            }
        }
        throw new IncusSettingException(Setting.CLIENT_KEY,
                source + " holds no PEM private key ('-----BEGIN PRIVATE KEY-----', "
                + "'EC PRIVATE KEY' or 'RSA PRIVATE KEY')");
    }

    private static PrivateKey pkcs8(byte[] der, String source) {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : new String[] {"EC", "RSA", "Ed25519", "Ed448"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException wrongAlgorithm) {
                // try the next algorithm
            }
        }
        throw new IncusSettingException(Setting.CLIENT_KEY,
                source + " is not an EC, RSA or EdDSA private key the JDK can read");
    }

    private static List<Block> blocks(String pem, String source, Setting setting) {
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(pem);
        while (matcher.find()) {
            String base64 = matcher.group(2).replaceAll("\\s", "");
            try {
                blocks.add(new Block(matcher.group(1), Base64.getDecoder().decode(base64)));
            } catch (IllegalArgumentException e) {
                throw new IncusSettingException(setting, source + " has a '" + matcher.group(1) + "' block that is "
                        + "not valid base64 (" + e.getMessage() + "); is the file cut short or edited?", e);
            }
        }
        return blocks;
    }

    private record Block(String type, byte[] der) {
    }
}
