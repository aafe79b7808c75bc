package io.daas.builder.provenance;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.List;

/**
 * DSSE envelopes (https://github.com/secure-systems-lab/dsse/blob/master/envelope.md): the signature
 * covers PAE(payloadType, payload), never the JSON around it.
 */
public final class Dsse {

    /** The payload type of an in-toto statement. */
    public static final String IN_TOTO = "application/vnd.in-toto+json";

    private Dsse() {}

    /**
     * A DSSE envelope as JSON has it.
     *
     * @param payloadType what the payload is
     * @param payload the payload, base64
     * @param signatures its signatures
     */
    public record Envelope(String payloadType, String payload, List<Sig> signatures) {

        /** The payload's bytes. */
        public byte[] payloadBytes() {
            return Base64.getDecoder().decode(payload);
        }
    }

    /**
     * One signature.
     *
     * @param keyid the key's id (SHA-256 of its public key DER), a hint only
     * @param sig the signature, base64
     */
    public record Sig(String keyid, String sig) {}

    /** Pre-authentication encoding: {@code DSSEv1 <len(type)> <type> <len(body)> <body>}. */
    static byte[] pae(String payloadType, byte[] payload) {
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("DSSEv1 " + type.length + " " + payloadType + " " + payload.length + " ")
                .getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + payload.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(payload, 0, all, head.length, payload.length);
        return all;
    }

    public static Envelope sign(String payloadType, byte[] payload, SigningKey key) {
        byte[] sig = key.sign(pae(payloadType, payload));
        return new Envelope(
                payloadType,
                Base64.getEncoder().encodeToString(payload),
                List.of(new Sig(key.keyId(), Base64.getEncoder().encodeToString(sig))));
    }

    /** Whether some signature of the envelope verifies with {@code key}. */
    public static boolean verify(Envelope envelope, PublicKey key) {
        byte[] pae = pae(envelope.payloadType(), envelope.payloadBytes());
        for (Sig s : envelope.signatures()) {
            try {
                Signature v = Signature.getInstance("SHA256withECDSA");
                v.initVerify(key);
                v.update(pae);
                if (v.verify(Base64.getDecoder().decode(s.sig()))) {
                    return true;
                }
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // a malformed signature does not verify
            }
        }
        return false;
    }
}
