package io.github.ecrtoolkit.ecs.internal;

import io.github.ecrtoolkit.core.image.ImageReference;
import io.github.ecrtoolkit.core.image.InvalidReferenceException;

/** Normalises the image reference put into a task definition. */
public final class ImagePin {

    private ImagePin() {
    }

    /**
     * Pins by digest when the reference has one: {@code repo:1.4@sha256:..} becomes
     * {@code repo@sha256:..}, so the revision names exactly one image even if the tag moves.
     *
     * @throws IllegalArgumentException when the reference is blank or not a valid image reference
     */
    public static String pin(String image) {
        if (image == null || image.isBlank() || image.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("image must be a reference like repo:tag or repo@sha256:..., was '"
                    + image + "'");
        }
        try {
            ImageReference.parse(image);
        } catch (InvalidReferenceException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        int at = image.indexOf('@');
        if (at < 0) {
            return image;
        }
        String name = image.substring(0, at);
        int slash = name.lastIndexOf('/');
        int colon = name.lastIndexOf(':');
        // a colon after the last slash is a tag; before it, a registry port
        if (colon > slash) {
            name = name.substring(0, colon);
        }
        return name + image.substring(at);
    }
}
