package io.aircheck.api.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ApiKeysTest {

    @Test
    void identifiesCallersByTheirSecret() {
        ApiKeys keys =
                ApiKeys.parse(
                        "ann:auditor:0123456789abcdef-ann, rex:researcher:0123456789abcdef-rex");
        assertThat(keys.identify("0123456789abcdef-ann"))
                .contains(new Caller("ann", Role.AUDITOR, false));
        assertThat(keys.identify("0123456789abcdef-rex").orElseThrow().role())
                .isEqualTo(Role.RESEARCHER);
        assertThat(keys.identify("wrong")).isEmpty();
        assertThat(ApiKeys.parse("").size()).isZero();
    }

    @Test
    void refusesMalformedEntriesWithoutEchoingSecrets() {
        assertThatThrownBy(() -> ApiKeys.parse("ann:0123456789abcdef"))
                .hasMessageContaining("not name:role:secret")
                .hasMessageNotContaining("0123456789abcdef");
        assertThatThrownBy(() -> ApiKeys.parse("ann:boss:0123456789abcdef"))
                .hasMessageContaining("unknown role 'boss'");
        assertThatThrownBy(() -> ApiKeys.parse("ann:auditor:short"))
                .hasMessageContaining("at least 16 characters");
    }
}
