package io.github.incus4j.samples.boxes;

/** A box was asked for with an image alias Incus does not have. */
public final class UnknownImageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UnknownImageException(String alias) {
        super("Incus has no image alias '" + alias + "' (incus image alias list)");
    }
}
