package dev.taskmesh.server.webclient;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

/**
 * Serves the web client: its page at the paths it routes (a URL handler mapping, not a controller, so the page is
 * no API route: neither in the OpenAPI description nor in the route walk of the isolation test), and its assets.
 */
@Configuration(proxyBeanMethods = false)
class WebClientConfig implements WebMvcConfigurer {

    private static final Logger log = LoggerFactory.getLogger(WebClientConfig.class);

    /** The client's own routes, and the paths of the links in account and invitation emails. */
    static final List<String> PAGE_PATHS = List.of("/", "/account/*", "/invitations/*");

    @Bean
    SimpleUrlHandlerMapping webClientPages() {
        WebClientPage page = new WebClientPage(new ClassPathResource("static/index.html"));
        if (!page.built()) {
            log.warn("This build has no web client (it needs Node 20 and npm to build): / says so");
        }
        Map<String, Object> routes = new LinkedHashMap<>();
        PAGE_PATHS.forEach(path -> routes.put(path, page));
        // before the static resources' mapping, which would serve / from static/index.html without our headers
        return new SimpleUrlHandlerMapping(routes, Ordered.HIGHEST_PRECEDENCE);
    }

    /** Asset names carry a hash of their content: a name never changes its bytes, so browsers keep them a year. */
    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/assets/**")
                .addResourceLocations("classpath:/static/assets/")
                .setCacheControl(
                        CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
    }
}
