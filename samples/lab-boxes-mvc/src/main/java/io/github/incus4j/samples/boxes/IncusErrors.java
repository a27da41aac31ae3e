package io.github.incus4j.samples.boxes;

import io.github.incus4j.client.exception.IncusApiException;
import io.github.incus4j.client.exception.IncusConnectionException;
import io.github.incus4j.client.exception.IncusOperationException;
import io.github.incus4j.client.exception.IncusOperationTimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns the client's exceptions (and an unknown image) into problem details with the daemon's own words: what Incus
 * refused keeps its status where it is the caller's doing (400, 404, 409), the rest is a bad
 * gateway, and an unreachable daemon is 503.
 */
@RestControllerAdvice
class IncusErrors {

    @ExceptionHandler
    ProblemDetail refused(IncusApiException e) {
        HttpStatus status = switch (e.status()) {
            case 400, 404, 409 -> HttpStatus.valueOf(e.status());
            default -> HttpStatus.BAD_GATEWAY;
        };
        return problem(status, "Incus refused the request", e.serverMessage());
    }

    @ExceptionHandler
    ProblemDetail unknownImage(UnknownImageException e) {
        return problem(HttpStatus.NOT_FOUND, "Unknown image", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail failed(IncusOperationException e) {
        return problem(HttpStatus.BAD_GATEWAY, "Incus could not do it", e.error());
    }

    @ExceptionHandler
    ProblemDetail tooSlow(IncusOperationTimeoutException e) {
        return problem(HttpStatus.GATEWAY_TIMEOUT, "Incus did not finish in time", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail unreachable(IncusConnectionException e) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Incus is unavailable", e.getMessage());
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
