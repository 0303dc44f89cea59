package dev.taskmesh.server.config;

import dev.taskmesh.server.auth.CurrentUser;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description served at /v3/api-docs, next to the hand-written docs/api.md. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    static {
        // the caller comes from the bearer token, not from a parameter
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(CurrentUser.class);
    }

    @Bean
    OpenAPI taskMeshOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("TaskMesh API")
                        .version("v1")
                        .description(
                                "Real-time collaborative task manager. Errors are RFC 9457 problems; see docs/api.md."))
                .components(new Components()
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
