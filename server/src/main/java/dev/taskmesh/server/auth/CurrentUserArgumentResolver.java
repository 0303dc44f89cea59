package dev.taskmesh.server.auth;

import dev.taskmesh.server.web.ProblemException;
import dev.taskmesh.server.web.ProblemType;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Hands controllers the caller that BearerAuthenticationFilter verified. */
public class CurrentUserArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == CurrentUser.class;
    }

    @Override
    public CurrentUser resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer mavContainer,
            NativeWebRequest request,
            WebDataBinderFactory binderFactory) {
        Object user = request.getAttribute(CurrentUser.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (user == null) {
            // a route outside the filter's protection asked for a caller: fail closed
            throw new ProblemException(ProblemType.UNAUTHENTICATED, "This route needs a bearer token.");
        }
        return (CurrentUser) user;
    }
}
