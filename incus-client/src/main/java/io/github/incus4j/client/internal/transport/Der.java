package io.github.incus4j.client.internal.transport;

import io.github.incus4j.client.exception.IncusSettingException.Setting;
import io.github.incus4j.client.exception.IncusSettingException;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Just enough DER to wrap SEC1 and PKCS#1 private keys into PKCS#8, which is all the JDK reads.
 *
 * <pre>
 * PrivateKeyInfo ::= SEQUENCE { version INTEGER (0), algorithm SEQUENCE { OID, parameters }, key OCTET STRING }
 * ECPrivateKey   ::= SEQUENCE { version INTEGER (1), key OCTET STRING, [0] curve OID OPTIONAL, [1] public key OPTIONAL }
 * </pre>
 */
final class Der {

    private static final int SEQUENCE = 0x30;
    private static final int INTEGER = 0x02;
    private static final int OCTET_STRING = 0x04;
    private static final int NULL = 0x05;
    private static final int OID = 0x06;
    private static final int CONTEXT_0 = 0xa0;

    private Der() {
    }

    static byte[] wrapPkcs1(byte[] pkcs1, byte[] algorithmOid) {
        byte[] algorithm = tlv(SEQUENCE, concat(tlv(OID, algorithmOid), tlv(NULL, new byte[0])));
        return privateKeyInfo(algorithm, pkcs1);
    }

    static byte[] wrapSec1(byte[] sec1, byte[] ecPublicKeyOid, String source) {
        byte[] curve = curveOf(sec1, source);
        byte[] algorithm = tlv(SEQUENCE, concat(tlv(OID, ecPublicKeyOid), tlv(OID, curve)));
        return privateKeyInfo(algorithm, sec1);
    }

    private static byte[] privateKeyInfo(byte[] algorithm, byte[] key) {
        byte[] version = tlv(INTEGER, new byte[] {0});
        return tlv(SEQUENCE, concat(version, algorithm, tlv(OCTET_STRING, key)));
    }

    /** Finds the named curve in the optional [0] field of an ECPrivateKey. */
    private static byte[] curveOf(byte[] sec1, String source) {
        Reader outer = new Reader(sec1, 0, sec1.length);
        Reader fields = outer.enter(SEQUENCE, source);
        fields.skip(INTEGER, source);
        fields.skip(OCTET_STRING, source);
        while (fields.hasMore()) {
            int tag = fields.peekTag();
            if (tag == CONTEXT_0) {
                Reader parameters = fields.enter(CONTEXT_0, source);
                return parameters.content(OID, source);
            }
            fields.skip(tag, source);
        }
        throw new IncusSettingException(Setting.CLIENT_KEY,
                source + " is an EC key without a named curve; convert it to PKCS#8 "
                + "with 'openssl pkcs8 -topk8 -nocrypt'");
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** A cursor over a run of DER elements. */
    private static final class Reader {
        private final byte[] data;
        private int position;
        private final int end;

        Reader(byte[] data, int start, int end) {
            this.data = data;
            this.position = start;
            this.end = end;
        }

        boolean hasMore() {
            return position < end;
        }

        int peekTag() {
            return data[position] & 0xff;
        }

        Reader enter(int tag, String source) {
            int[] bounds = element(tag, source);
            return new Reader(data, bounds[0], bounds[1]);
        }

        byte[] content(int tag, String source) {
            int[] bounds = element(tag, source);
            return Arrays.copyOfRange(data, bounds[0], bounds[1]);
        }

        void skip(int tag, String source) {
            element(tag, source);
        }

        /** Reads one element of the given tag and returns the bounds of its content. */
        private int[] element(int tag, String source) {
            if (position + 2 > end || (data[position] & 0xff) != tag) {
                throw new IncusSettingException(Setting.CLIENT_KEY, source + " is not a well-formed DER private key");
            }
            position++;
            int length = data[position++] & 0xff;
            if (length >= 0x80) {
                int bytes = length & 0x7f;
                if (bytes > 3 || position + bytes > end) {
                    throw new IncusSettingException(Setting.CLIENT_KEY,
                            source + " is not a well-formed DER private key");
                }
                length = 0;
                for (int i = 0; i < bytes; i++) {
                    length = (length << 8) | (data[position++] & 0xff);
                }
            }
            int start = position;
            position += length;
            if (position > end) {
                throw new IncusSettingException(Setting.CLIENT_KEY,
                        source + " is not a well-formed DER private key (truncated)");
            }
            return new int[] {start, position};
        }
    }
}
