package io.daas.builder.provenance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The service's ECDSA P-256 provenance key: read from a PKCS#8 PEM file, or made and written there
 * (owner read/write only) when the file is absent. Signatures are ASN.1 DER over SHA-256, which is
 * what cosign and DSSE verifiers expect of an ECDSA key.
 */
public final class SigningKey {

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private SigningKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** Loads the key at {@code file}, making it first when there is none. */
    public static SigningKey loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            String pem = Files.readString(file);
            byte[] der = pemBody(pem, "PRIVATE KEY");
            PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
            if (!(key instanceof ECPrivateKey ec)
                    || ec.getParams().getCurve().getField().getFieldSize() != 256) {
                throw new IllegalStateException("PROVENANCE_KEY_FILE " + file + " is not an ECDSA P-256 key");
            }
            return new SigningKey(key, publicOf(ec));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or write PROVENANCE_KEY_FILE " + file, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "PROVENANCE_KEY_FILE " + file + " is not a PKCS#8 PEM ECDSA P-256 key ("
                            + e.getMessage() + "); make one with: openssl genpkey -algorithm EC -pkeyopt"
                            + " ec_paramgen_curve:P-256 -out provenance-key.pem",
                    e);
        }
    }

    private static void create(Path file) throws IOException, GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = g.generateKeyPair();
        String pem = pem("PRIVATE KEY", pair.getPrivate().getEncoded());
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Path tmp = Files.createTempFile(
                file.toAbsolutePath().getParent(),
                ".provenance-key",
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, pem);
        try {
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            if (!Files.exists(file)) {
                throw e;
            }
        }
    }

    /** Signs bytes: ECDSA with SHA-256, DER-encoded. */
    public byte[] sign(byte[] data) {
        try {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign(privateKey);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** The public key as a PEM {@code PUBLIC KEY} block (what {@code cosign verify-attestation --key} takes). */
    public String publicKeyPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    /** A key id: SHA-256 of the public key's DER, in hex. */
    public String keyId() {
        try {
            return java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a PEM {@code PUBLIC KEY}. */
    public static PublicKey readPublicKey(String pem) throws GeneralSecurityException {
        return KeyFactory.getInstance("EC")
                .generatePublic(new java.security.spec.X509EncodedKeySpec(pemBody(pem, "PUBLIC KEY")));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] pemBody(String pem, String type) {
        String begin = "-----BEGIN " + type + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf("-----END " + type + "-----");
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("no " + type + " block");
        }
        return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    }

    /** Q = d·G on the key's curve (short Weierstrass, affine coordinates); runs once per start. */
    private static PublicKey publicOf(ECPrivateKey key) throws GeneralSecurityException {
        ECParameterSpec p = key.getParams();
        BigInteger prime = ((java.security.spec.ECFieldFp) p.getCurve().getField()).getP();
        BigInteger a = p.getCurve().getA();
        ECPoint result = ECPoint.POINT_INFINITY;
        ECPoint addend = p.getGenerator();
        BigInteger d = key.getS();
        for (int i = 0; i < d.bitLength(); i++) {
            if (d.testBit(i)) {
                result = add(result, addend, a, prime);
            }
            addend = add(addend, addend, a, prime);
        }
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(result, p));
    }

    private static ECPoint add(ECPoint p, ECPoint q, BigInteger a, BigInteger prime) {
        if (p.equals(ECPoint.POINT_INFINITY)) {
            return q;
        }
        if (q.equals(ECPoint.POINT_INFINITY)) {
            return p;
        }
        BigInteger lambda;
        if (p.getAffineX().equals(q.getAffineX())) {
            if (p.getAffineY().add(q.getAffineY()).mod(prime).signum() == 0) {
                return ECPoint.POINT_INFINITY;
            }
            BigInteger x = p.getAffineX();
            lambda = x.pow(2)
                    .multiply(BigInteger.valueOf(3))
                    .add(a)
                    .multiply(p.getAffineY().shiftLeft(1).modInverse(prime))
                    .mod(prime);
        } else {
            lambda = q.getAffineY()
                    .subtract(p.getAffineY())
                    .multiply(q.getAffineX().subtract(p.getAffineX()).modInverse(prime))
                    .mod(prime);
        }
        BigInteger x =
                lambda.pow(2).subtract(p.getAffineX()).subtract(q.getAffineX()).mod(prime);
        BigInteger y = lambda.multiply(p.getAffineX().subtract(x))
                .subtract(p.getAffineY())
                .mod(prime);
        return new ECPoint(x, y);
    }
}
