package io.github.incus4j.client;

import io.github.incus4j.client.exception.IncusProtocolException;
import io.github.incus4j.client.internal.protocol.IncusHttp;
import io.github.incus4j.client.internal.protocol.IncusResponse;
import io.github.incus4j.client.internal.protocol.ResourceUrls;
import io.github.incus4j.client.model.Operation;
import reactor.core.publisher.Mono;

/** Turns 202 answers into operation handles. */
final class Operations {

    private Operations() {
    }

    static Mono<OperationHandle> handle(IncusHttp http, IncusResponse response) {
        if (!response.isAsync()) {
            return Mono.error(new IncusProtocolException(response.httpStatus(), response.request()
                    + ": expected a background operation (HTTP 202, type async), got type " + response.type(), null));
        }
        Operation operation = response.metadataKind() == IncusResponse.MetadataKind.OBJECT ? response.metadataAs(Operation.class) : null;
        if (operation == null || operation.id().isEmpty()) {
            String id = ResourceUrls.lastSegment(response.operation());
            operation = new Operation(id, "", "", null, null, "", 100, null, null, false, "", "");
        }
        return Mono.just(new OperationHandle(http, operation));
    }
}
