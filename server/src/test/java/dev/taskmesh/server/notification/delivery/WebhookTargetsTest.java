package dev.taskmesh.server.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookTargetsTest {

    private final WebhookTargets production = new WebhookTargets(false);
    private final WebhookTargets tests = new WebhookTargets(true);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://127.0.0.1/hook",
                "https://localhost/hook",
                "https://10.1.2.3/hook",
                "https://172.16.0.1/hook",
                "https://192.168.1.1/hook",
                "https://169.254.169.254/latest/meta-data",
                "https://100.64.0.1/hook",
                "https://0.0.0.0/hook",
                "https://[::1]/hook",
                "https://[fd00::1]/hook",
                "https://[fe80::1]/hook",
                "https://224.0.0.1/hook"
            })
    void internalAddressesAreRefused(String url) {
        assertThatThrownBy(() -> production.check(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("private");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"http://93.184.216.34/hook", "ftp://93.184.216.34/", "https://user:pw@93.184.216.34/", "nope"})
    void onlyHttpsUrlsWithoutCredentialsAreTaken(String url) {
        assertThatThrownBy(() -> production.check(url)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://93.184.216.34/hook", "https://[2606:2800:220:1::248]/hook"})
    void publicAddressesAreTaken(String url) {
        assertThat(production.check(url).getHost()).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/hook", "https://10.0.0.1/hook"})
    void testsMayAllowPrivateTargets(String url) {
        assertThat(tests.check(url).getHost()).isNotEmpty();
    }
}
