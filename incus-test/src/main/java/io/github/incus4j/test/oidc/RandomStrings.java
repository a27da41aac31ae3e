package io.github.incus4j.test.oidc;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Unguessable identifiers: token ids, device codes, refresh tokens, user codes. */
final class RandomStrings {

    /** Letters a person cannot confuse with each other or with digits (RFC 8628, section 6.1). */
    private static final String USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";
    private static final int USER_CODE_HALF = 4;
    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomStrings() {
    }

    /** 256 random bits, base64url without padding (43 characters). */
    static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** 32 random bits as 8 lowercase hex digits, for key ids. */
    static String shortHex() {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** A user code such as {@code BDFG-HJKL}. */
    static String userCode() {
        StringBuilder code = new StringBuilder(2 * USER_CODE_HALF + 1);
        for (int i = 0; i < 2 * USER_CODE_HALF; i++) {
            if (i == USER_CODE_HALF) {
                code.append('-');
            }
            code.append(USER_CODE_ALPHABET.charAt(RANDOM.nextInt(USER_CODE_ALPHABET.length())));
        }
        return code.toString();
    }
}
