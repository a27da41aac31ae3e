package io.github.incus4j.samples.sandbox;

import io.github.incus4j.client.exception.IncusApiException;
import io.github.incus4j.client.exception.IncusConnectionException;
import io.github.incus4j.client.exception.IncusException;
import io.github.incus4j.client.exception.IncusForbiddenException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ServerWebInputException;

/**
 * Turns failures into JSON problem details ({@code application/problem+json}) with a status that
 * fits and a message that says what went wrong.
 */
@RestControllerAdvice
class ApiErrors {

    @ExceptionHandler(RunException.class)
    ProblemDetail run(RunException failure) {
        return problem(failure.status(), failure.title(), failure.getMessage());
    }

    @ExceptionHandler(WebExchangeBindException.class)
    ProblemDetail invalid(WebExchangeBindException failure) {
        String detail = failure.getFieldErrors().stream()
                .map(error -> error.getField() + ": " + error.getDefaultMessage())
                .reduce((first, second) -> first + "; " + second)
                .orElse("the request is invalid");
        return problem(HttpStatus.BAD_REQUEST, "Invalid run request", detail);
    }

    @ExceptionHandler(ServerWebInputException.class)
    ProblemDetail unreadable(ServerWebInputException failure) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid run request",
                "the body must be JSON like {\"image\":\"busybox\",\"command\":[\"echo\",\"hi\"]}: " + failure.getReason());
    }

    @ExceptionHandler(IncusConnectionException.class)
    ProblemDetail unreachable(IncusConnectionException failure) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Incus is unavailable", failure.getMessage());
    }

    @ExceptionHandler(IncusForbiddenException.class)
    ProblemDetail forbidden(IncusForbiddenException failure) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Incus refused this application", failure.getMessage());
    }

    @ExceptionHandler(IncusApiException.class)
    ProblemDetail incus(IncusApiException failure) {
        HttpStatus status = failure.status() == 404 ? HttpStatus.NOT_FOUND : HttpStatus.BAD_GATEWAY;
        return problem(status, "Incus answered with an error", failure.getMessage());
    }

    @ExceptionHandler(IncusException.class)
    ProblemDetail other(IncusException failure) {
        return problem(HttpStatus.BAD_GATEWAY, "Incus failed", failure.getMessage());
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
