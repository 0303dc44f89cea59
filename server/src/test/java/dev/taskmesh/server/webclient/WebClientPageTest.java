package dev.taskmesh.server.webclient;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class WebClientPageTest {

    @Test
    void aBuildWithoutTheClientSaysItNeedsNodeToBuild() throws Exception {
        WebClientPage page = new WebClientPage(new ClassPathResource("no-such-dir/index.html"));

        MockHttpServletResponse response = get(page);

        assertThat(page.built()).isFalse();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentType()).startsWith("text/html");
        assertThat(response.getContentAsString()).contains("the web client needs Node 20 (with npm) to build");
    }

    @Test
    void aBuiltClientIsServedAsItsPageWhichBrowsersMustAskForAgain() throws Exception {
        WebClientPage page = new WebClientPage(new ClassPathResource("dev/taskmesh/server/webclient/page.html"));

        MockHttpServletResponse response = get(page);

        assertThat(page.built()).isTrue();
        assertThat(response.getContentAsString()).contains("<div id=\"app\"></div>");
        assertThat(response.getHeader("Cache-Control")).isEqualTo("no-cache");
        assertThat(response.getHeader("Content-Security-Policy")).isEqualTo(WebClientPage.POLICY);
    }

    @Test
    void onlyGetAndHeadAreAnswered() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        new WebClientPage(new ClassPathResource("no-such-dir/index.html"))
                .handleRequest(new MockHttpServletRequest("POST", "/"), response);

        assertThat(response.getStatus()).isEqualTo(405);
        assertThat(response.getHeader("Allow")).isEqualTo("GET, HEAD");
    }

    private static MockHttpServletResponse get(WebClientPage page) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        page.handleRequest(new MockHttpServletRequest("GET", "/"), response);
        return response;
    }
}
