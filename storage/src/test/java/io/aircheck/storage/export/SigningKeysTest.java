package io.aircheck.storage.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SigningKeysTest {
    @Test
    void aKeyFileRoundTripsAndItsPublicHalfVerifies() {
        SigningKeys.Signer signer = SigningKeys.generate();
        String keyFile = SigningKeys.privatePem(signer);
        assertThat(keyFile)
                .startsWith("-----BEGIN PRIVATE KEY-----\n")
                .contains("-----BEGIN PUBLIC KEY-----");
        SigningKeys.Signer read = SigningKeys.readSigner(keyFile);
        assertThat(read.keyId()).isEqualTo(signer.keyId()).matches("[0-9a-f]{16}");
        byte[] message = "bundle".getBytes(StandardCharsets.UTF_8);
        SigningKeys.Verifier verifier =
                SigningKeys.readVerifier(SigningKeys.publicPem(signer.publicKey()));
        assertThat(verifier.verify(message, read.sign(message))).isTrue();
        assertThat(verifier.verify("other".getBytes(StandardCharsets.UTF_8), read.sign(message)))
                .isFalse();
    }

    @Test
    void mismatchedOrBrokenKeyFilesAreRefusedWithAReason() {
        SigningKeys.Signer a = SigningKeys.generate();
        SigningKeys.Signer b = SigningKeys.generate();
        String mixed =
                SigningKeys.privatePem(a)
                                .substring(
                                        0, SigningKeys.privatePem(a).indexOf("-----BEGIN PUBLIC"))
                        + SigningKeys.publicPem(b.publicKey());
        assertThatThrownBy(() -> SigningKeys.readSigner(mixed))
                .hasMessageContaining("does not belong");
        assertThatThrownBy(() -> SigningKeys.readSigner(SigningKeys.publicPem(a.publicKey())))
                .hasMessageContaining("PRIVATE KEY");
        assertThatThrownBy(() -> SigningKeys.readVerifier("hello"))
                .hasMessageContaining("PUBLIC KEY");
    }
}
